import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { LEGACY_BUCKET_DEFAULTS } from './storage-defaults';

/** Buckets, queues, topics and logs of the orders service: some done right, some not. */
export class StorageStack extends cdk.Stack {
  readonly uploads: s3.Bucket;
  readonly jobs: sqs.Queue;

  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    // Fine: encrypted and private by default, TLS only.
    this.uploads = new s3.Bucket(this, 'Uploads', { enforceSSL: true, versioned: true });

    // s3-public-access: the marketing site served straight from the bucket (quick fix: BLOCK_ALL).
    // s3-enforce-ssl too: website endpoints speak HTTP.
    new s3.Bucket(this, 'MarketingSite', {
      websiteIndexDocument: 'index.html',
      publicReadAccess: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY,
    });

    // s3-unencrypted: the finding is here, linked to lib/storage-defaults.ts.
    new s3.Bucket(this, 'Invoices', { ...LEGACY_BUCKET_DEFAULTS, enforceSSL: true });

    // kms-key-rotation: a key that never rotates (preferred quick fix: enableKeyRotation: true).
    const exportsKey = new kms.Key(this, 'ExportsKey', { alias: 'alias/orders-exports' });
    new s3.Bucket(this, 'Exports', { encryption: s3.BucketEncryption.KMS, encryptionKey: exportsKey, enforceSSL: true });

    // sqs-unencrypted (preferred quick fix: SQS_MANAGED).
    this.jobs = new sqs.Queue(this, 'Jobs', {
      encryption: sqs.QueueEncryption.UNENCRYPTED,
      visibilityTimeout: cdk.Duration.minutes(5),
    });

    // Fine: SSE-SQS by default.
    new sqs.Queue(this, 'JobsDeadLetters', { retentionPeriod: cdk.Duration.days(14), enforceSSL: true });

    // sns-unencrypted: no masterKey.
    new sns.Topic(this, 'OrderEvents', { displayName: 'Order events' });

    // Fine: a rotating customer-managed key.
    const alertsKey = new kms.Key(this, 'AlertsKey', { enableKeyRotation: true });
    new sns.Topic(this, 'Alerts', { displayName: 'Operational alerts', masterKey: alertsKey });

    // logs-retention: kept forever. logs-unencrypted: no key of our own.
    new logs.LogGroup(this, 'PaymentEvents', { retention: logs.RetentionDays.INFINITE });

    // Fine: a year, encrypted with a key CloudWatch Logs may use.
    const logsKey = new kms.Key(this, 'LogsKey', { enableKeyRotation: true });
    logsKey.grantEncryptDecrypt(new iam.ServicePrincipal(`logs.${cdk.Aws.REGION}.amazonaws.com`));
    new logs.LogGroup(this, 'AuditLogs', { retention: logs.RetentionDays.ONE_YEAR, encryptionKey: logsKey });
  }
}
