import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { aws_dynamodb as dynamodb, aws_iam as iam } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';

export class OrdersStack extends cdk.Stack {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    this.table = new dynamodb.Table(this, 'OrdersTable', {
      partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    });

    const workerRole = new iam.Role(this, 'WorkerRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });

    const createOrder = new NodejsFunction(this, 'CreateOrder', {
      entry: 'lambda/orders/index.ts',
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_20_X,
      environment: { TABLE_NAME: this.table.tableName },
    });

    // Quick fix available: replace with this.table.grantReadWriteData(createOrder)
    createOrder.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:*'],
        resources: ['*'],
      }),
    );

    const fulfilOrder = new lambda.Function(this, 'FulfilOrder', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda/orders'),
      role: workerRole,
    });

    const refundOrder = new lambda.Function(this, 'RefundOrder', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.refund',
      code: lambda.Code.fromAsset('lambda/orders'),
      role: workerRole,
    });

    workerRole.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));

    refundOrder.addPermission('InvokeFromPayments', {
      principal: new iam.ServicePrincipal('events.amazonaws.com'),
    });

    const orderUrl = fulfilOrder.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    new cdk.CfnOutput(this, 'FulfilUrl', { value: orderUrl.url });
  }
}
