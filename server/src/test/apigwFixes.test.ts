import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { packageRoot } from '../core/meta';
import { applyEdits } from '../core/fixes/edits';
import { apigwRules } from '../core/rules/families/apigw';
import { analyze, MAIN, ROOT } from './ruleTester';
import { hasCdkTypings, typeCheck } from './typeCheck';

/**
 * Every quick fix of the API Gateway rules, applied one at a time to realistic stacks, must leave
 * code that compiles against `aws-cdk-lib` (the rule tests check the exact text; this checks that
 * the text is valid CDK). The sources compile too, so any problem comes from a fix.
 */

const SOURCES: Record<string, string> = {
  'namespace-imports': `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';

export class OrdersApiStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const fn = new lambda.Function(this, 'Orders', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda/orders'),
    });
    const integration = new apigateway.LambdaIntegration(fn);
    const api = new apigateway.RestApi(this, 'OrdersApi', {
      deployOptions: {
        stageName: 'prod',
      },
    });
    const orders = api.root.addResource('orders');
    orders.addMethod('GET', integration);
    orders.addMethod('POST', integration, { operationName: 'CreateOrder' });
    orders.addMethod('PUT', integration, {
      authorizationType: apigateway.AuthorizationType.NONE,
    });
    orders.addResource('{orderId}').addMethod('PATCH');
    api.root.addResource('files').addProxy({ defaultIntegration: integration });
    new apigateway.Method(this, 'DeleteOrder', { resource: orders, httpMethod: 'POST', integration });
    new apigateway.LambdaRestApi(this, 'ProxyApi', { handler: fn });
    new apigateway.CfnMethod(this, 'Legacy', { restApiId: api.restApiId, resourceId: api.root.resourceId, httpMethod: 'POST' });
  }
}
`,
  'user-pool': `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';

export class OrdersApiStack extends cdk.Stack {
  readonly customers = new cognito.UserPool(this, 'Customers');

  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const fn = lambda.Function.fromFunctionName(this, 'Orders', 'orders');
    const api = new apigateway.RestApi(this, 'OrdersApi');
    api.root.addMethod('GET', new apigateway.LambdaIntegration(fn));
    api.root.addMethod('DELETE', new apigateway.LambdaIntegration(fn), { authorizationType: apigateway.AuthorizationType.NONE });
    new apigateway.LambdaRestApi(this, 'ProxyApi', { handler: fn, defaultMethodOptions: { authorizationType: apigateway.AuthorizationType.NONE } });
  }
}
`,
  'named-imports': `import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LambdaIntegration, RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Code, Function, Runtime } from 'aws-cdk-lib/aws-lambda';

export class OrdersApiStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const fn = new Function(this, 'Orders', { runtime: Runtime.NODEJS_20_X, handler: 'index.handler', code: Code.fromAsset('lambda') });
    const api = new RestApi(this, 'OrdersApi', { restApiName: 'orders' });
    api.root.addMethod('POST', new LambdaIntegration(fn));
  }
}
`,
  'http-api': `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUrlIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';

export class OrdersHttpStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const integration = new HttpUrlIntegration('Backend', 'https://orders.internal.example.com');
    const api = new apigwv2.HttpApi(this, 'OrdersHttp');
    api.addRoutes({ path: '/orders', methods: [apigwv2.HttpMethod.GET], integration });
    api.addRoutes({ path: '/health', integration, authorizer: new apigwv2.HttpNoneAuthorizer() });
    new apigwv2.HttpRoute(this, 'Cancel', { httpApi: api, routeKey: apigwv2.HttpRouteKey.with('/orders/{id}', apigwv2.HttpMethod.DELETE), integration });
    const users = new cognito.UserPool(this, 'Users');
    new apigwv2.HttpApi(this, 'Catchall', { defaultIntegration: integration });
    void users;
  }
}
`,
  'root-barrel': `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';

export function ordersApi(scope: Construct) {
  const api = new cdk.aws_apigateway.RestApi(scope, 'OrdersApi', { description: 'Orders' });
  api.root.addMethod('POST', new cdk.aws_apigateway.MockIntegration());
  return api;
}
`,
};

describe('API Gateway quick fixes', () => {
  it('produce code that type-checks against aws-cdk-lib', function () {
    this.timeout(120000);
    if (!hasCdkTypings()) this.skip();
    const dir = path.join(packageRoot(), 'server', '.fix-outputs');
    const files = new Map<string, string>();
    let fixes = 0;
    for (const [name, code] of Object.entries(SOURCES)) {
      files.set(path.join(dir, `${name}.ts`).replace(/\\/g, '/'), code);
      const { findings } = analyze(apigwRules, { code });
      for (const finding of findings) {
        finding.fixes.forEach((fix, i) => {
          const output = applyEdits(code, fix.edits.filter((e) => e.file === `${ROOT}/${MAIN}`));
          files.set(path.join(dir, `${name}.${finding.ruleId}.${finding.range.start.line + 1}.${i}.ts`).replace(/\\/g, '/'), output);
          fixes++;
        });
      }
    }
    assert.ok(fixes >= 25, `only ${fixes} fixes were offered`);
    assert.deepEqual(typeCheck(files, { noUnusedLocals: false }), []);
  });
});
