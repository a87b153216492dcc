import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';

/**
 * Resources ported one to one from an older CloudFormation template: L1 (`Cfn*`) constructs,
 * which have none of the L2s' safe defaults. Serverless Guard checks them by their
 * CloudFormation properties.
 */
export class TemplatePortStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    // Two flags of the public access block turned off: one finding, the second flag related.
    new s3.CfnBucket(this, 'LegacyAssets', {
      publicAccessBlockConfiguration: {
        blockPublicAcls: true,
        blockPublicPolicy: false,
        ignorePublicAcls: true,
        restrictPublicBuckets: false,
      },
    });

    // SSE-SQS turned off and no KMS key: messages stored in plain text.
    new sqs.CfnQueue(this, 'LegacyJobs', { sqsManagedSseEnabled: false });

    // No retentionInDays: these logs never expire (and no kmsKeyId).
    new logs.CfnLogGroup(this, 'LegacyLogs', { logGroupName: '/legacy/app' });

    // CloudFormation's IsMultiRegionTrail defaults to false: this trail records one region.
    new cloudtrail.CfnTrail(this, 'LegacyTrail', {
      isLogging: true,
      s3BucketName: 'legacy-trail-logs',
      enableLogFileValidation: true,
    });
  }
}
