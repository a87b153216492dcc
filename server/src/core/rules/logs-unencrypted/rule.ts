import { createRule } from '../../rule';
import { propertyRule, setProperty } from '../../cdk/propertyChecks';
import { grantToLogs, newKey } from '../../cdk/keyFix';

/** The new key's policy lets the regional CloudWatch Logs service use it. */
const logsKey = newKey(grantToLogs);

export default createRule({
  meta: {
    id: 'logs-unencrypted',
    title: 'Log group without a customer-managed key',
    description:
      'A log group without `encryptionKey` is encrypted with a key CloudWatch Logs owns: anyone with logs read permission can read it, and you cannot revoke or audit use of the key.',
    defaultSeverity: 'info',
    category: 'data',
    cwe: ['CWE-311'],
    guideSection: 'monitoring.md#log-encryption',
    fixable: true,
    appliesTo: 'cdk',
    messages: {
      missing:
        'This log group is not encrypted with a key you control. Add encryptionKey (a KMS key whose policy lets CloudWatch Logs use it).',
      missingL1:
        'This log group is not encrypted with a key you control. Add kmsKeyId (the ARN of a KMS key whose policy lets CloudWatch Logs use it).',
    },
  },
  check: propertyRule(
    {
      constructs: ['aws-logs.LogGroup'],
      path: 'encryptionKey',
      whenMissing: {
        messageId: 'missing',
        // Not preferred: it adds a key, and whoever reads these logs then needs kms:Decrypt.
        fixes: setProperty(logsKey, { title: 'Encrypt with a new KMS key (encryptionKey)', isPreferred: false }),
      },
    },
    // No fix: the L1 takes a key ARN, and a new key needs a policy for the regional logs service.
    { constructs: ['aws-logs.CfnLogGroup'], path: 'kmsKeyId', whenMissing: { messageId: 'missingL1' } },
  ),
});
