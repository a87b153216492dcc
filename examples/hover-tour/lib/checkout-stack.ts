import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';

/**
 * A tour of Serverless Guard's hover cards. Hover any `new ...`, a property name such as
 * `enforceSSL` or `environment`, a grant call, `addToRolePolicy` or `addMethod`: the card says
 * what matters for security there, judges the value written here, and links the practices
 * guide. Some choices below are deliberately poor, so there is something to see.
 */
export class CheckoutStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    const key = new kms.Key(this, 'CheckoutKey', { enableKeyRotation: true });

    const orders = new dynamodb.Table(this, 'Orders', {
      partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: key,
    });

    // No enforceSSL: the card says plain-HTTP requests are allowed.
    const receipts = new s3.Bucket(this, 'Receipts', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: key,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    });

    const assets = new s3.Bucket(this, 'Assets', {
      publicReadAccess: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY,
      enforceSSL: true,
    });

    const jobs = new sqs.Queue(this, 'FulfilmentJobs', { enforceSSL: true });
    const orderEvents = new sns.Topic(this, 'OrderEvents');
    const auditEvents = new sns.Topic(this, 'AuditEvents', { masterKey: key, enforceSSL: true });

    const vpc = new ec2.Vpc(this, 'Network', { maxAzs: 2 });
    const functionGroup = new ec2.SecurityGroup(this, 'CheckoutFunctions', { vpc, allowAllOutbound: true });

    const checkout = new NodejsFunction(this, 'Checkout', {
      entry: 'lambda/checkout/index.ts',
      runtime: lambda.Runtime.NODEJS_22_X,
      environment: {
        ORDERS_TABLE: orders.tableName,
        PAYMENT_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:payments',
      },
      logGroup: new logs.LogGroup(this, 'CheckoutLogs', { retention: logs.RetentionDays.ONE_MONTH }),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [functionGroup],
    });
    orders.grantReadWriteData(checkout);
    jobs.grantSendMessages(checkout);

    const refunds = new lambda.Function(this, 'Refunds', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.refund',
      code: lambda.Code.fromAsset('lambda/checkout'),
      environment: { REFUND_PROVIDER_API_KEY: 'x1Vb7Qp0Lr5Zt8Wn3Ka9' },
      logRetention: logs.RetentionDays.INFINITE,
    });
    refunds.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:*'],
        resources: ['*'],
      }),
    );

    // Left on Node.js 16: hover `runtime:` for the date AWS deprecated it.
    new lambda.Function(this, 'Receipts', {
      runtime: lambda.Runtime.NODEJS_16_X,
      handler: 'index.refund',
      code: lambda.Code.fromAsset('lambda/checkout'),
      logGroup: new logs.LogGroup(this, 'ReceiptsLogs', { retention: logs.RetentionDays.ONE_MONTH }),
    });

    const api = new apigw.RestApi(this, 'CheckoutApi', {
      deployOptions: { throttlingRateLimit: 20, throttlingBurstLimit: 40 },
    });
    const ordersResource = api.root.addResource('orders');
    ordersResource.addMethod('POST', new apigw.LambdaIntegration(checkout), {
      authorizationType: apigw.AuthorizationType.IAM,
    });
    ordersResource.addMethod('GET', new apigw.LambdaIntegration(checkout));

    new cloudtrail.Trail(this, 'Audit', { isMultiRegionTrail: false });

    new cdk.CfnOutput(this, 'ReceiptsBucket', { value: receipts.bucketName });
    new cdk.CfnOutput(this, 'AssetsBucket', { value: assets.bucketName });
    new cdk.CfnOutput(this, 'OrderEventsTopic', { value: orderEvents.topicArn });
    new cdk.CfnOutput(this, 'AuditEventsTopic', { value: auditEvents.topicArn });
  }
}
