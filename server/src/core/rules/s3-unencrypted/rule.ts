import { createRule } from '../../rule';
import { cdkMember, isRef, propertyRule, setProperty } from '../../cdk/propertyChecks';

export default createRule({
  meta: {
    id: 's3-unencrypted',
    title: 'S3 bucket set to unencrypted',
    description:
      'A bucket declared with `BucketEncryption.UNENCRYPTED` opts out of the encryption setting CDK would otherwise write. Say which server-side encryption the bucket uses: SSE-S3, or SSE-KMS when you need key-level access control.',
    defaultSeverity: 'error',
    category: 'data',
    cwe: ['CWE-311'],
    guideSection: 'data-protection.md#encryption-at-rest',
    fixable: true,
    appliesTo: 'cdk',
    messages: {
      unencrypted:
        'BucketEncryption.UNENCRYPTED is deprecated and declares no encryption for this bucket. Use BucketEncryption.S3_MANAGED (SSE-S3), or KMS with a customer-managed key.',
    },
  },
  // No `encryption` is fine: CDK and S3 default to SSE-S3.
  check: propertyRule({
    constructs: ['aws-s3.Bucket'],
    path: 'encryption',
    whenValue: {
      is: isRef('aws-s3.BucketEncryption.UNENCRYPTED'),
      messageId: 'unencrypted',
      // Preferred: S3 has applied SSE-S3 to every bucket without a configuration since 2023, so
      // saying S3_MANAGED changes nothing for readers and writers of the bucket.
      fixes: setProperty(cdkMember('aws-cdk-lib/aws-s3', 'BucketEncryption', 'S3_MANAGED'), {
        title: 'Use BucketEncryption.S3_MANAGED',
        isPreferred: true,
      }),
    },
  }),
});
