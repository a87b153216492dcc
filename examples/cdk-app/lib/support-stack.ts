import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';

/**
 * A support-ticket API. The handler exports `main`, not `handler`: Serverless Guard finds it
 * through the `entry` and `handler` below (the entry is relative to this app's root, where
 * cdk.json is). Its findings point back here.
 */
export class SupportStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    const tickets = new dynamodb.Table(this, 'Tickets', {
      partitionKey: { name: 'ticketId', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    });
    const webhookSecret = new secretsmanager.Secret(this, 'WebhookSecret');

    const createTicket = new NodejsFunction(this, 'CreateTicket', {
      entry: 'lambda/support/tickets.ts',
      handler: 'main',
      runtime: lambda.Runtime.NODEJS_20_X,
      environment: {
        TABLE_NAME: tickets.tableName,
        WEBHOOK_SECRET_ARN: webhookSecret.secretArn,
        MAIL_API_TOKEN: 'replace-me-in-ci',
      },
    });
    tickets.grantWriteData(createTicket);
    webhookSecret.grantRead(createTicket);
  }
}
