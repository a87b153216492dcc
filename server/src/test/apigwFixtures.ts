/**
 * Fixtures shared by the API Gateway rule tests: the project-wide rules (WAF associations,
 * throttling usage plans) match APIs across files, and these are the files they match against.
 */

/** A stack with two REST APIs in fields, `ordersApi` (line 11) and `adminApi` (line 12). */
export const TWO_REST_APIS = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';

export class ApiStack extends cdk.Stack {
  readonly ordersApi: apigateway.RestApi;
  readonly adminApi: apigateway.RestApi;

  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    this.ordersApi = new apigateway.RestApi(this, 'OrdersApi');
    this.adminApi = new apigateway.RestApi(this, 'AdminApi');
  }
}
`;
