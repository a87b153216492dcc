import { createRule } from '../../rule';
import { cdkMember, deleteProperty, isFalse, isRef, propertyRule, setProperty } from '../../cdk/propertyChecks';
import { lookup } from '../../model/lookup';

export default createRule({
  meta: {
    id: 'sqs-unencrypted',
    title: 'SQS queue without encryption',
    description:
      '`QueueEncryption.UNENCRYPTED` turns off the SSE-SQS encryption queues get by default, so messages are stored in plain text.',
    defaultSeverity: 'error',
    category: 'data',
    cwe: ['CWE-311'],
    guideSection: 'data-protection.md#encryption-at-rest',
    fixable: true,
    appliesTo: 'cdk',
    cdkNag: ['AwsSolutions-SQS2'],
    messages: {
      unencrypted:
        'QueueEncryption.UNENCRYPTED stores messages without server-side encryption. Use QueueEncryption.SQS_MANAGED (the default), or KMS with a customer-managed key.',
      sseOff:
        'sqsManagedSseEnabled: false with no kmsMasterKeyId stores messages without server-side encryption. Remove it (CloudFormation encrypts queues with SSE-SQS by default), or set kmsMasterKeyId to a customer-managed key.',
    },
  },
  // No `encryption` is fine: queues are SSE-SQS encrypted by default.
  check: propertyRule(
    {
      constructs: ['aws-sqs.Queue'],
      path: 'encryption',
      whenValue: {
        is: isRef('aws-sqs.QueueEncryption.UNENCRYPTED'),
        messageId: 'unencrypted',
        // Preferred: SSE-SQS is transparent to producers and consumers (no key, no extra
        // permissions), so the app behaves the same.
        fixes: setProperty(cdkMember('aws-cdk-lib/aws-sqs', 'QueueEncryption', 'SQS_MANAGED'), {
          title: 'Use QueueEncryption.SQS_MANAGED',
          isPreferred: true,
        }),
      },
    },
    // A CfnQueue with neither property gets SSE-SQS too (CloudFormation's default since 2022);
    // only turning it off without a KMS key leaves messages in plain text.
    {
      constructs: ['aws-sqs.CfnQueue'],
      path: 'sqsManagedSseEnabled',
      skip: (site) => lookup(site.props, 'kmsMasterKeyId').state !== 'absent',
      whenValue: {
        is: isFalse,
        messageId: 'sseOff',
        // Preferred, as for the L2: SSE-SQS is transparent to producers and consumers.
        fixes: deleteProperty({ title: 'Use SSE-SQS (remove sqsManagedSseEnabled: false)', isPreferred: true }),
      },
    },
  ),
});
