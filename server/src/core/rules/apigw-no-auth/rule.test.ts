import { ruleTester } from '../../../test/ruleTester';
import { stackFixture, lambdaFunction } from '../../../test/cdkFixtures';
import { edit } from '../../../test/edit';
import rule from './rule';

/** `stack(body)` wraps the body in a stack class; the body's first line is line 9 of the file. */
const { stack } = stackFixture(
  ["import * as apigateway from 'aws-cdk-lib/aws-apigateway';", "import * as lambda from 'aws-cdk-lib/aws-lambda';"],
  'OrdersApiStack',
);

/** The same stack with a Cognito import: the body starts at line 10. */
const withCognito = stackFixture(
  [
    "import * as apigateway from 'aws-cdk-lib/aws-apigateway';",
    "import * as cognito from 'aws-cdk-lib/aws-cognito';",
    "import * as lambda from 'aws-cdk-lib/aws-lambda';",
  ],
  'OrdersApiStack',
);

/** HTTP APIs: the body starts at line 11. */
const http = stackFixture(
  [
    "import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';",
    "import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';",
    "import * as lambda from 'aws-cdk-lib/aws-lambda';",
  ],
  'OrdersHttpStack',
);

/** A function bound to `fn` (five lines), a REST API and an integration: lines 9–15. */
const FN = lambdaFunction('fn', 'OrdersHandler', 'lambda/orders');
const API = "    const api = new apigateway.RestApi(this, 'OrdersApi');";
const INTEGRATION = '    const integration = new apigateway.LambdaIntegration(fn);';
const PRELUDE = `${FN}\n${API}\n${INTEGRATION}`;

const IAM = 'authorizationType: apigateway.AuthorizationType.IAM';

const message = (method: string) =>
  `${method} has no authorization: anyone who can reach the API can call it. Add an authorizer (Cognito user pool, Lambda or IAM), or set one in the API's defaultMethodOptions.`;
const noneMessage = (method: string) =>
  `${method} sets authorizationType NONE: anyone who can reach the API can call it. Use an authorizer (Cognito user pool, Lambda or IAM).`;

const RESOURCES = stack(`
${PRELUDE}
    const orders = api.root.addResource('orders');
    orders.addMethod('POST', integration, { operationName: 'CreateOrder' });
    orders.addResource('{orderId}').addMethod('GET', integration);
    const items = new apigateway.Resource(this, 'Items', { parent: orders, pathPart: 'items' });
    items.addMethod('PUT');
`);

const USER_POOL = withCognito.stack(`
    const users = new cognito.UserPool(this, 'Customers');
${PRELUDE}
    api.root.addMethod('GET', integration);
    api.root.addMethod('POST', integration, {
      authorizationType: apigateway.AuthorizationType.NONE,
    });
`);
const USERS = "    const users = new cognito.UserPool(this, 'Customers');\n";
const AUTHORIZER = `    const authorizer = new apigateway.CognitoUserPoolsAuthorizer(this, 'Authorizer', {
      cognitoUserPools: [users],
    });\n`;

const REUSE = withCognito.stack(`
    const users = new cognito.UserPool(this, 'Customers');
    const customersAuth = new apigateway.CognitoUserPoolsAuthorizer(this, 'CustomersAuth', { cognitoUserPools: [users] });
${PRELUDE}
    api.root.addMethod('POST', integration, { authorizer: customersAuth });
    api.root.addMethod('GET', integration);
`);

const USER_POOL_FIELD = withCognito.stack(`
    const authorizer = 'taken';
    void authorizer;
${FN}
    new apigateway.LambdaRestApi(this, 'OrdersApi', { handler: fn });
  }

  readonly users = new cognito.UserPool(this, 'Customers');
  build(fn: lambda.IFunction) {
    new apigateway.LambdaRestApi(this, 'AdminApi', { handler: fn });
`);
const AUTHORIZER2 = `    const authorizer2 = new apigateway.CognitoUserPoolsAuthorizer(this, 'Authorizer2', {
      cognitoUserPools: [this.users],
    });\n`;

const SHARED_OPTIONS = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { PUBLIC_METHOD } from './method-options';

export class OrdersApiStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const api = new apigateway.RestApi(this, 'OrdersApi');
    const options = { operationName: 'ListOrders' };
    api.root.addMethod('GET', new apigateway.MockIntegration(), options);
    api.root.addMethod('POST', new apigateway.MockIntegration(), { ...PUBLIC_METHOD });
  }
}
`;

const BARREL = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { aws_apigateway as apigw, aws_lambda as lambda } from 'aws-cdk-lib';

export class OrdersApiStack extends cdk.Stack {
  constructor(scope: Construct, id: string, fn: lambda.IFunction) {
    super(scope, id);
    new cdk.aws_apigateway.RestApi(this, 'B').root.addMethod('GET', new cdk.aws_apigateway.LambdaIntegration(fn));
    new apigw.RestApi(this, 'C').root.addMethod('GET', new apigw.LambdaIntegration(fn));
  }
}
`;

const NAMED = `import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LambdaIntegration, RestApi } from 'aws-cdk-lib/aws-apigateway';
import { IFunction } from 'aws-cdk-lib/aws-lambda';

export class OrdersApiStack extends Stack {
  constructor(scope: Construct, id: string, fn: IFunction) {
    super(scope, id);
    new RestApi(this, 'OrdersApi').root.addMethod('GET', new LambdaIntegration(fn));
  }
}
`;

const V1_JS = `const cdk = require('@aws-cdk/core');
const apigateway = require('@aws-cdk/aws-apigateway');

class OrdersApiStack extends cdk.Stack {
  constructor(scope, id) {
    super(scope, id);
    const api = new apigateway.RestApi(this, 'OrdersApi');
    api.root.addResource('orders').addMethod('GET', new apigateway.MockIntegration());
  }
}

module.exports = { OrdersApiStack };
`;

const HTTP_ROUTES = http.stack(`
${FN}
    const integration = new HttpLambdaIntegration('Orders', fn);
    const api = new apigwv2.HttpApi(this, 'OrdersHttp');
    api.addRoutes({ path: '/orders', methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.POST], integration });
    api.addRoutes({ path: '/health', integration, authorizer: new apigwv2.HttpNoneAuthorizer() });
    new apigwv2.HttpRoute(this, 'Cancel', { httpApi: api, routeKey: apigwv2.HttpRouteKey.with('/orders/{id}', apigwv2.HttpMethod.DELETE), integration });
    new apigwv2.HttpApi(this, 'Catchall', { defaultIntegration: integration });
`);

const L1 = stack(`
${API}
    new apigateway.CfnMethod(this, 'GetOrders', {
      restApiId: api.restApiId,
      resourceId: api.root.resourceId,
      httpMethod: 'GET',
      authorizationType: 'NONE',
    });
    new apigateway.CfnMethod(this, 'PostOrders', { restApiId: api.restApiId, resourceId: api.root.resourceId, httpMethod: 'POST' });
    new cdk.CfnResource(this, 'DeleteOrders', {
      type: 'AWS::ApiGateway::Method',
      properties: { RestApiId: api.restApiId, ResourceId: api.root.resourceId, HttpMethod: 'DELETE', AuthorizationType: 'NONE' },
    });
    const method = api.root.addMethod('PATCH', undefined, { authorizationType: apigateway.AuthorizationType.IAM });
    (method.node.defaultChild as apigateway.CfnMethod).addPropertyOverride('AuthorizationType', 'NONE');
`);

ruleTester(rule, {
  valid: [
    {
      name: 'JavaScript: api.root.defaultMethodOptions = {…} (and api.defaultMethodOptions) set the API default (issue 18)',
      filename: 'lib/orders-api.js',
      code: `const cdk = require('aws-cdk-lib');
const apigateway = require('aws-cdk-lib/aws-apigateway');

class OrdersApiStack extends cdk.Stack {
  constructor(scope, id, authorizer) {
    super(scope, id);
    const api = new apigateway.RestApi(this, 'OrdersApi');
    api.root.defaultMethodOptions = { authorizer, authorizationType: apigateway.AuthorizationType.COGNITO };
    api.root.addResource('orders').addMethod('GET', new apigateway.MockIntegration());
    const admin = new apigateway.RestApi(this, 'AdminApi');
    admin.defaultMethodOptions = { authorizationType: apigateway.AuthorizationType.IAM };
    admin.root.addMethod('POST', new apigateway.MockIntegration());
  }
}

module.exports = { OrdersApiStack };
`,
    },
    {
      name: 'methods with an authorizer or an authorization type',
      code: stack(`
${PRELUDE}
    const authorizer = new apigateway.TokenAuthorizer(this, 'TokenAuthorizer', { handler: fn });
    const orders = api.root.addResource('orders');
    orders.addMethod('GET', integration, { authorizer });
    orders.addMethod('POST', integration, { authorizationType: apigateway.AuthorizationType.IAM });
    orders.addMethod('PUT', integration, { authorizer, authorizationType: apigateway.AuthorizationType.CUSTOM });
`),
    },
    {
      name: "the API's defaultMethodOptions authorizer covers every method, the proxy and nested resources",
      code: stack(`
${FN}
    const authorizer = new apigateway.TokenAuthorizer(this, 'TokenAuthorizer', { handler: fn });
    const api = new apigateway.RestApi(this, 'OrdersApi', { defaultMethodOptions: { authorizer } });
${INTEGRATION}
    api.root.addMethod('GET', integration);
    const orders = api.root.addResource('orders');
    orders.addMethod('POST', integration);
    orders.addResource('{orderId}').addMethod('DELETE', integration);
    api.root.addResource('files').addProxy({ defaultIntegration: integration });
`),
    },
    {
      name: 'defaultMethodOptions set on a parent resource cover its children',
      code: stack(`
${PRELUDE}
    const admin = api.root.addResource('admin', {
      defaultMethodOptions: { authorizationType: apigateway.AuthorizationType.IAM },
    });
    admin.addMethod('GET', integration);
    const users = admin.addResource('users');
    users.addMethod('POST', integration);
    users.addProxy({ defaultIntegration: integration });
    new apigateway.Method(this, 'Audit', { resource: users, httpMethod: 'PATCH', integration });
`),
    },
    {
      name: 'OPTIONS methods (CORS preflight) and the ones defaultCorsPreflightOptions makes',
      code: stack(`
${FN}
    const api = new apigateway.RestApi(this, 'OrdersApi', {
      defaultCorsPreflightOptions: { allowOrigins: ['https://shop.example.com'] },
      defaultMethodOptions: { authorizationType: apigateway.AuthorizationType.IAM },
    });
    const orders = api.root.addResource('orders');
    orders.addMethod('OPTIONS', new apigateway.MockIntegration(), { authorizationType: apigateway.AuthorizationType.NONE });
    orders.addMethod('options', new apigateway.MockIntegration());
`),
    },
    {
      name: 'a LambdaRestApi with a default authorizer, and one with proxy: false',
      code: stack(`
${FN}
    const authorizer = new apigateway.TokenAuthorizer(this, 'TokenAuthorizer', { handler: fn });
    new apigateway.LambdaRestApi(this, 'OrdersApi', { handler: fn, defaultMethodOptions: { authorizer } });
    const reports = new apigateway.LambdaRestApi(this, 'ReportsApi', { handler: fn, proxy: false });
    reports.root.addResource('reports').addMethod('GET', undefined, { authorizer });
`),
    },
    {
      name: 'addProxy without an ANY method',
      code: stack(`
${PRELUDE}
    const files = api.root.addProxy({ anyMethod: false });
    files.addMethod('GET', integration, { authorizationType: apigateway.AuthorizationType.IAM });
`),
    },
    {
      name: 'unknown: a resource passed in, resourceForPath, options built by a call, a verb in a variable',
      code: `import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { methodOptions } from './options';

export function addRoutes(resource: apigateway.IResource, api: apigateway.RestApi, integration: apigateway.Integration, verbs: string[]) {
  resource.addMethod('GET', integration);
  api.root.resourceForPath('orders/{orderId}').addMethod('GET', integration);
  api.root.addMethod('POST', integration, methodOptions());
  api.root.addMethod('DELETE', integration);
  for (const verb of verbs) api.root.addMethod(verb, integration);
}
`,
    },
    {
      name: 'a local class called RestApi',
      code: `class RestApi {
  readonly root = { addMethod: (_verb: string, _integration?: unknown) => undefined };
  constructor(readonly name: string) {}
}

const api = new RestApi('orders');
api.root.addMethod('GET');
`,
    },
    {
      name: 'default method options spread from shared props in another file',
      files: {
        'lib/api-defaults.ts': `import * as apigateway from 'aws-cdk-lib/aws-apigateway';

export const SECURED: apigateway.RestApiProps = {
  defaultMethodOptions: { authorizationType: apigateway.AuthorizationType.IAM },
};
`,
      },
      code: `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { SECURED } from './api-defaults';

export class OrdersApiStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const api = new apigateway.RestApi(this, 'OrdersApi', { ...SECURED, restApiName: 'orders' });
    api.root.addResource('orders').addMethod('GET', new apigateway.MockIntegration());
  }
}
`,
    },
    {
      name: 'HTTP APIs with a default authorizer, a route authorizer, an OPTIONS route, an authorizer we cannot read',
      code: `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer, HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpUrlIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';

export interface OrdersHttpStackProps extends cdk.StackProps {
  authorizer: apigwv2.IHttpRouteAuthorizer;
}

export class OrdersHttpStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: OrdersHttpStackProps) {
    super(scope, id, props);
    const integration = new HttpUrlIntegration('Backend', 'https://orders.internal.example.com');
    const jwt = new HttpJwtAuthorizer('Jwt', 'https://issuer.example.com', { jwtAudience: ['orders'] });
    const secured = new apigwv2.HttpApi(this, 'Secured', { defaultAuthorizer: jwt, defaultIntegration: integration });
    secured.addRoutes({ path: '/orders', integration });
    const api = new apigwv2.HttpApi(this, 'OrdersHttp');
    api.addRoutes({ path: '/orders', methods: [apigwv2.HttpMethod.OPTIONS], integration });
    api.addRoutes({ path: '/orders', methods: [apigwv2.HttpMethod.GET], integration, authorizer: new HttpIamAuthorizer() });
    api.addRoutes({ path: '/reports', integration, authorizer: props.authorizer });
    new apigwv2.HttpRoute(this, 'Cancel', { httpApi: secured, routeKey: apigwv2.HttpRouteKey.with('/orders/{id}', apigwv2.HttpMethod.DELETE), integration });
  }
}
`,
    },
    {
      name: 'CfnMethod with AWS_IAM, and an OPTIONS CfnMethod with NONE',
      code: stack(`
${API}
    new apigateway.CfnMethod(this, 'GetOrders', {
      restApiId: api.restApiId,
      resourceId: api.root.resourceId,
      httpMethod: 'GET',
      authorizationType: 'AWS_IAM',
    });
    new apigateway.CfnMethod(this, 'Preflight', {
      restApiId: api.restApiId,
      resourceId: api.root.resourceId,
      httpMethod: 'OPTIONS',
      authorizationType: 'NONE',
    });
`),
    },
  ],
  invalid: [
    {
      name: 'a method on the root with no authorization: the range is the addMethod name; the fix asks for IAM',
      code: stack(`
${PRELUDE}
    api.root.addMethod('GET', integration);
`),
      errors: [
        {
          line: 16,
          column: 14,
          endLine: 16,
          endColumn: 23,
          message: message('GET /'),
          fixes: [
            {
              title: 'Require IAM authorization (AuthorizationType.IAM)',
              isPreferred: false,
              output: stack(`
${PRELUDE}
    api.root.addMethod('GET', integration, {
      ${IAM},
    });
`),
            },
          ],
        },
      ],
    },
    {
      name: 'resources through variables, addResource chains, fields and new Resource',
      code: RESOURCES,
      errors: [
        {
          line: 17,
          column: 12,
          endColumn: 21,
          message: message('POST /orders'),
          fixes: [
            { output: edit(RESOURCES, "{ operationName: 'CreateOrder' }", `{\n      operationName: 'CreateOrder',\n      ${IAM},\n    }`) },
          ],
        },
        { line: 18, column: 37, endColumn: 46, message: message('GET /orders/{orderId}') },
        {
          line: 20,
          column: 11,
          endColumn: 20,
          message: message('PUT /orders/items'),
          fixes: [{ output: edit(RESOURCES, "items.addMethod('PUT');", `items.addMethod('PUT', undefined, { ${IAM} });`) }],
        },
      ],
    },
    {
      name: 'AuthorizationType.NONE: the range is the NONE value, even under a default authorizer',
      code: stack(`
${FN}
    const authorizer = new apigateway.TokenAuthorizer(this, 'TokenAuthorizer', { handler: fn });
    const api = new apigateway.RestApi(this, 'OrdersApi', { defaultMethodOptions: { authorizer } });
    api.root.addResource('health').addMethod('GET', new apigateway.MockIntegration(), {
      authorizationType: apigateway.AuthorizationType.NONE,
    });
`),
      errors: [
        {
          line: 17,
          column: 26,
          endLine: 17,
          endColumn: 59,
          message: noneMessage('GET /health'),
          fixes: [
            {
              output: stack(`
${FN}
    const authorizer = new apigateway.TokenAuthorizer(this, 'TokenAuthorizer', { handler: fn });
    const api = new apigateway.RestApi(this, 'OrdersApi', { defaultMethodOptions: { authorizer } });
    api.root.addResource('health').addMethod('GET', new apigateway.MockIntegration(), {
      authorizationType: apigateway.AuthorizationType.IAM,
    });
`),
            },
          ],
        },
      ],
    },
    {
      name: "a NONE default on the API; the string 'NONE' on a method",
      code: stack(`
${FN}
    const api = new apigateway.RestApi(this, 'OrdersApi', {
      defaultMethodOptions: { authorizationType: apigateway.AuthorizationType.NONE },
    });
${INTEGRATION}
    api.root.addMethod('GET', integration);
    api.root.addMethod('POST', integration, { authorizationType: 'NONE' as apigateway.AuthorizationType });
`),
      errors: [
        { line: 18, column: 14, endColumn: 23, message: message('GET /') },
        { line: 19, column: 66, endColumn: 72, message: noneMessage('POST /') },
      ],
    },
    {
      name: 'apiKeyRequired: true is a warning, on the method or in the defaults',
      code: stack(`
${FN}
    const api = new apigateway.RestApi(this, 'OrdersApi', { defaultMethodOptions: { apiKeyRequired: true } });
${INTEGRATION}
    api.root.addMethod('GET', integration);
    api.root.addMethod('POST', integration, { apiKeyRequired: false });
    const partners = new apigateway.RestApi(this, 'PartnersApi');
    partners.root.addMethod('GET', integration, { apiKeyRequired: true });
`),
      errors: [
        {
          line: 16,
          column: 14,
          endColumn: 23,
          severity: 'warning',
          message:
            'GET / requires only an API key. API keys identify callers for usage plans; they are not authorization and are easily shared. Add an authorizer (Cognito user pool, Lambda or IAM).',
        },
        { line: 17, column: 14, endColumn: 23, severity: 'error', message: message('POST /') },
        { line: 19, column: 19, endColumn: 28, severity: 'warning', message: /^GET \/ requires only an API key/ },
      ],
    },
    {
      name: 'a LambdaRestApi with proxy (the default) and no default authorization: the range is the new head',
      code: stack(`
${FN}
    new apigateway.LambdaRestApi(this, 'OrdersApi', {
      handler: fn,
      description: 'Orders service',
    });
    new apigateway.LambdaRestApi(this, 'LegacyApi', { handler: fn, proxy: true });
`),
      errors: [
        {
          line: 14,
          column: 5,
          endLine: 14,
          endColumn: 33,
          message:
            'This LambdaRestApi sends every path and method to the function with no authorization. Set defaultMethodOptions with an authorizer, or set proxy: false and add authorized methods.',
          fixes: [
            {
              output: stack(`
${FN}
    new apigateway.LambdaRestApi(this, 'OrdersApi', {
      handler: fn,
      description: 'Orders service',
      defaultMethodOptions: {
        ${IAM},
      },
    });
    new apigateway.LambdaRestApi(this, 'LegacyApi', { handler: fn, proxy: true });
`),
            },
          ],
        },
        { line: 18, column: 5, endColumn: 33 },
      ],
    },
    {
      name: 'addProxy and new ProxyResource make an open ANY method',
      code: stack(`
${PRELUDE}
    api.root.addResource('files').addProxy({ defaultIntegration: integration });
    new apigateway.ProxyResource(this, 'Catchall', { parent: api.root, defaultIntegration: integration });
`),
      errors: [
        {
          line: 16,
          column: 35,
          endColumn: 43,
          message:
            'The ANY method of this proxy resource (/files/{proxy+}) has no authorization: every path under it is open. Set defaultMethodOptions with an authorizer.',
          fixes: [
            {
              output: stack(`
${PRELUDE}
    api.root.addResource('files').addProxy({
      defaultIntegration: integration,
      defaultMethodOptions: { ${IAM} },
    });
    new apigateway.ProxyResource(this, 'Catchall', { parent: api.root, defaultIntegration: integration });
`),
            },
          ],
        },
        { line: 17, column: 5, endColumn: 33, message: /proxy resource \(\/\{proxy\+\}\)/ },
      ],
    },
    {
      name: 'new Method: the range is the head; the fix adds options',
      code: stack(`
${PRELUDE}
    new apigateway.Method(this, 'ListOrders', { resource: api.root, httpMethod: 'GET', integration });
`),
      errors: [
        {
          line: 16,
          column: 5,
          endColumn: 26,
          message: message('GET /'),
          fixes: [
            {
              output: stack(`
${PRELUDE}
    new apigateway.Method(this, 'ListOrders', {
      resource: api.root,
      httpMethod: 'GET',
      integration,
      options: { ${IAM} },
    });
`),
            },
          ],
        },
      ],
    },
    {
      name: 'a user pool in scope: the fix adds a CognitoUserPoolsAuthorizer scaffold after the pool (the same edit for every method, made once by fix-all)',
      code: USER_POOL,
      errors: [
        {
          line: 18,
          column: 14,
          endColumn: 23,
          fixes: [
            {
              title: 'Add a Cognito user pool authorizer (users)',
              isPreferred: false,
              output: edit(
                edit(
                  USER_POOL,
                  "    api.root.addMethod('GET', integration);\n",
                  "    api.root.addMethod('GET', integration, { authorizer });\n",
                ),
                USERS,
                `${USERS}${AUTHORIZER}`,
              ),
            },
          ],
        },
        {
          line: 20,
          column: 26,
          endColumn: 59,
          fixes: [
            {
              output: edit(
                edit(
                  USER_POOL,
                  "    api.root.addMethod('POST', integration, {\n      authorizationType: apigateway.AuthorizationType.NONE,",
                  "    api.root.addMethod('POST', integration, {\n      authorizer,",
                ),
                USERS,
                `${USERS}${AUTHORIZER}`,
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'an authorizer of the pool already in scope is used, not a new one',
      code: REUSE,
      errors: [
        {
          line: 20,
          column: 14,
          endColumn: 23,
          fixes: [
            {
              title: 'Use the Cognito user pool authorizer customersAuth (users)',
              output: edit(
                REUSE,
                "    api.root.addMethod('GET', integration);",
                "    api.root.addMethod('GET', integration, { authorizer: customersAuth });",
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'a user pool field and a LambdaRestApi: the authorizer becomes the default, declared at the top of the function (after super); a name already taken gets a suffix',
      code: USER_POOL_FIELD,
      errors: [
        {
          line: 17,
          column: 5,
          endColumn: 33,
          fixes: [
            {
              output: edit(
                edit(
                  USER_POOL_FIELD,
                  "    new apigateway.LambdaRestApi(this, 'OrdersApi', { handler: fn });\n",
                  `    new apigateway.LambdaRestApi(this, 'OrdersApi', {
      handler: fn,
      defaultMethodOptions: { authorizer: authorizer2 },
    });\n`,
                ),
                '    super(scope, id, props);\n',
                `    super(scope, id, props);\n${AUTHORIZER2}`,
              ),
            },
          ],
        },
        {
          line: 22,
          column: 5,
          endColumn: 33,
          fixes: [
            {
              output: edit(
                USER_POOL_FIELD,
                "    new apigateway.LambdaRestApi(this, 'AdminApi', { handler: fn });\n",
                `${AUTHORIZER2}    new apigateway.LambdaRestApi(this, 'AdminApi', {
      handler: fn,
      defaultMethodOptions: { authorizer: authorizer2 },
    });\n`,
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'options in a const, and spread from shared props in another file (finding at the use, linked to the declaration)',
      files: {
        'lib/method-options.ts': `import * as apigateway from 'aws-cdk-lib/aws-apigateway';

export const PUBLIC_METHOD: apigateway.MethodOptions = { authorizationType: apigateway.AuthorizationType.NONE };
`,
      },
      code: SHARED_OPTIONS,
      errors: [
        {
          line: 11,
          column: 14,
          endColumn: 23,
          fixes: [
            {
              output: edit(
                SHARED_OPTIONS,
                "{ operationName: 'ListOrders' }",
                `{\n      operationName: 'ListOrders',\n      ${IAM},\n    }`,
              ),
            },
          ],
        },
        {
          line: 12,
          column: 71,
          endColumn: 84,
          message: noneMessage('POST /'),
          related: [{ file: 'lib/method-options.ts', line: 3, column: 77, message: 'Value declared here' }],
          fixes: [],
        },
      ],
    },
    {
      name: 'import styles: the root barrel, and barrel members (the fix names the module as the file does)',
      code: BARREL,
      errors: [
        {
          line: 8,
          column: 52,
          endColumn: 61,
          fixes: [
            {
              output: edit(
                BARREL,
                'new cdk.aws_apigateway.LambdaIntegration(fn));',
                'new cdk.aws_apigateway.LambdaIntegration(fn), {\n      authorizationType: apigw.AuthorizationType.IAM,\n    });',
              ),
            },
          ],
        },
        { line: 9, column: 39, endColumn: 48 },
      ],
    },
    {
      name: 'import styles: named imports from the submodule (the fix extends the import)',
      code: NAMED,
      errors: [
        {
          line: 9,
          column: 41,
          endColumn: 50,
          fixes: [
            {
              output: edit(
                edit(NAMED, '{ LambdaIntegration, RestApi }', '{ LambdaIntegration, RestApi, AuthorizationType }'),
                'new LambdaIntegration(fn));',
                'new LambdaIntegration(fn), {\n      authorizationType: AuthorizationType.IAM,\n    });',
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'CDK v1 (@aws-cdk/aws-apigateway) and require in JavaScript',
      filename: 'lib/orders-api.js',
      code: V1_JS,
      errors: [
        {
          line: 8,
          column: 36,
          endColumn: 45,
          message: message('GET /orders'),
          fixes: [
            { output: edit(V1_JS, 'new apigateway.MockIntegration());', `new apigateway.MockIntegration(), {\n      ${IAM},\n    });`) },
          ],
        },
      ],
    },
    {
      name: 'the API and a resource held in fields',
      code: `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';

export class OrdersApi extends Construct {
  readonly api: apigateway.RestApi;
  private readonly orders: apigateway.Resource;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.api = new apigateway.RestApi(this, 'Api');
    this.orders = this.api.root.addResource('orders');
  }

  addList(integration: apigateway.Integration) {
    this.orders.addMethod('GET', integration);
  }
}

export const unused = cdk.Duration.seconds(1);
`,
      errors: [{ line: 16, column: 17, endColumn: 26, message: message('GET /orders') }],
    },
    {
      name: 'HTTP API routes: addRoutes, HttpNoneAuthorizer, new HttpRoute, and a default integration',
      code: HTTP_ROUTES,
      errors: [
        {
          line: 17,
          column: 9,
          endColumn: 18,
          message:
            'The HTTP API route GET, POST /orders has no authorizer and the API has no defaultAuthorizer: anyone can call it. Add an authorizer (JWT, Lambda or IAM) or a defaultAuthorizer on the API.',
          fixes: [
            {
              title: 'Require IAM authorization (HttpIamAuthorizer)',
              output: edit(
                edit(
                  HTTP_ROUTES,
                  "from 'aws-cdk-lib/aws-lambda';\n",
                  "from 'aws-cdk-lib/aws-lambda';\nimport * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';\n",
                ),
                "    api.addRoutes({ path: '/orders', methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.POST], integration });",
                "    api.addRoutes({\n      path: '/orders',\n      methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.POST],\n      integration,\n      authorizer: new authorizers.HttpIamAuthorizer(),\n    });",
              ),
            },
          ],
        },
        {
          line: 18,
          column: 63,
          endColumn: 95,
          message: 'The HTTP API route ANY /health uses HttpNoneAuthorizer: anyone can call it. Use a JWT, Lambda or IAM authorizer.',
        },
        { line: 19, column: 5, endColumn: 26, message: /^The HTTP API route DELETE \/orders\/\{id\} has no authorizer/ },
        {
          line: 20,
          column: 5,
          endColumn: 24,
          message:
            'This HTTP API sends every request to its defaultIntegration ($default route) with no authorizer. Set defaultAuthorizer.',
        },
      ],
    },
    {
      name: 'the v2 alpha packages map to aws-apigatewayv2 (no fix: the alpha authorizers have other names)',
      code: `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { HttpApi, HttpMethod } from '@aws-cdk/aws-apigatewayv2-alpha';
import { HttpUrlIntegration } from '@aws-cdk/aws-apigatewayv2-integrations-alpha';

export class OrdersHttpStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const api = new HttpApi(this, 'OrdersHttp');
    api.addRoutes({ path: '/orders', methods: [HttpMethod.GET], integration: new HttpUrlIntegration('Backend', 'https://orders.internal.example.com') });
  }
}
`,
      errors: [{ line: 10, column: 9, endColumn: 18, message: /route GET \/orders has no authorizer/, fixes: [] }],
    },
    {
      name: "CfnMethod with 'NONE', without authorizationType, via CfnResource and an escape hatch",
      code: L1,
      errors: [
        {
          line: 14,
          column: 26,
          endColumn: 32,
          message:
            'This CfnMethod has authorization type NONE: anyone who can reach the API can call it. Use AWS_IAM, COGNITO_USER_POOLS or CUSTOM with an authorizer.',
          fixes: [
            {
              title: "Require IAM authorization ('AWS_IAM')",
              output: edit(L1, "authorizationType: 'NONE',", "authorizationType: 'AWS_IAM',"),
            },
          ],
        },
        {
          line: 16,
          column: 5,
          endColumn: 29,
          fixes: [
            {
              output: edit(
                L1,
                "    new apigateway.CfnMethod(this, 'PostOrders', { restApiId: api.restApiId, resourceId: api.root.resourceId, httpMethod: 'POST' });",
                "    new apigateway.CfnMethod(this, 'PostOrders', {\n      restApiId: api.restApiId,\n      resourceId: api.root.resourceId,\n      httpMethod: 'POST',\n      authorizationType: 'AWS_IAM',\n    });",
              ),
            },
          ],
        },
        { line: 19, column: 121, endColumn: 127 },
        { line: 22, column: 97, endColumn: 103 },
      ],
    },
  ],
});
