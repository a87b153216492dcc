import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';

export interface ApiStackProps extends cdk.StackProps {
  ordersTable: dynamodb.ITable;
}

/** The orders service's REST API, used by the web shop and by partners. */
export class ApiStack extends cdk.Stack {
  readonly api: apigateway.RestApi;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);

    const customers = new cognito.UserPool(this, 'Customers', {
      selfSignUpEnabled: true,
      signInAliases: { email: true },
    });
    const authorizer = new apigateway.CognitoUserPoolsAuthorizer(this, 'CustomersAuthorizer', {
      cognitoUserPools: [customers],
    });

    const ordersHandler = new NodejsFunction(this, 'OrdersHandler', {
      entry: 'lambda/orders/index.ts',
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_20_X,
      environment: { TABLE_NAME: props.ordersTable.tableName },
    });
    props.ordersTable.grantReadWriteData(ordersHandler);
    const orders = new apigateway.LambdaIntegration(ordersHandler);

    // The stage sets no throttling and writes no access logs, and no web ACL protects it.
    this.api = new apigateway.RestApi(this, 'OrdersApi', {
      restApiName: 'orders',
      deployOptions: {
        stageName: 'prod',
        tracingEnabled: true,
      },
      defaultCorsPreflightOptions: { allowOrigins: ['https://shop.example.com'] },
    });

    // Fine: signed-in customers only, and the body must match the Order model.
    const orderModel = this.api.addModel('Order', {
      contentType: 'application/json',
      schema: {
        type: apigateway.JsonSchemaType.OBJECT,
        required: ['orderId', 'amount'],
        additionalProperties: false,
        properties: {
          orderId: { type: apigateway.JsonSchemaType.STRING, pattern: '^[a-z0-9-]{8,36}$' },
          amount: { type: apigateway.JsonSchemaType.NUMBER, minimum: 0 },
        },
      },
    });
    const ordersResource = this.api.root.addResource('orders');
    ordersResource.addMethod('POST', orders, {
      authorizer,
      requestValidatorOptions: { validateRequestBody: true, validateRequestParameters: true },
      requestModels: { 'application/json': orderModel },
    });
    ordersResource.addMethod('GET', orders, { authorizer });

    // Anyone who guesses an order id can read the order (quick fix: the Customers authorizer).
    const order = ordersResource.addResource('{orderId}');
    order.addMethod('GET', orders);

    // Partners update orders with an API key only, and the body goes to the handler unchecked.
    order.addMethod('PATCH', orders, { apiKeyRequired: true });
  }
}
