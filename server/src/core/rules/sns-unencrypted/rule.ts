import { createRule } from '../../rule';
import { propertyRule, setProperty } from '../../cdk/propertyChecks';
import { newKey } from '../../cdk/keyFix';

export default createRule({
  meta: {
    id: 'sns-unencrypted',
    title: 'SNS topic without encryption',
    description: 'A topic without `masterKey` stores messages unencrypted at rest while SNS retries delivery. Encrypt it with a KMS key.',
    defaultSeverity: 'warning',
    category: 'data',
    cwe: ['CWE-311'],
    guideSection: 'data-protection.md#encryption-at-rest',
    fixable: true,
    appliesTo: 'cdk',
    messages: {
      missing: 'This topic is not encrypted at rest. Set masterKey to a KMS key (a customer-managed key with rotation).',
      missingL1: 'This topic is not encrypted at rest. Set kmsMasterKeyId to a KMS key (a customer-managed key with rotation).',
    },
  },
  check: propertyRule(
    {
      constructs: ['aws-sns.Topic'],
      path: 'masterKey',
      whenMissing: {
        messageId: 'missing',
        // Not preferred: it adds a key, and services that publish to the topic (CloudWatch alarms,
        // EventBridge, S3 notifications) need permission to use it.
        fixes: setProperty(newKey(), {
          title: 'Encrypt with a new KMS key (masterKey)',
          isPreferred: false,
          note: 'AWS services that publish to this topic need kms:GenerateDataKey* and kms:Decrypt on the key: grant them in the key policy.',
        }),
      },
    },
    // No fix: the L1 takes a key ARN or alias, and a new key would need the same key policy
    // grants as the L2's fix notes.
    { constructs: ['aws-sns.CfnTopic'], path: 'kmsMasterKeyId', whenMissing: { messageId: 'missingL1' } },
  ),
});
