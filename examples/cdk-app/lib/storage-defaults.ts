import * as s3 from 'aws-cdk-lib/aws-s3';

/**
 * Settings the billing team copies into every bucket it creates. Written years ago, when S3
 * did not encrypt by default and "UNENCRYPTED" seemed the cheap choice.
 */
export const LEGACY_BUCKET_DEFAULTS = {
  encryption: s3.BucketEncryption.UNENCRYPTED,
  versioned: true,
};
