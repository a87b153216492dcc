import { ruleTester } from '../../../test/ruleTester';
import { stackFixture, lambdaFunction } from '../../../test/cdkFixtures';
import { edit } from '../../../test/edit';
import rule from './rule';

/** `stack(body)` wraps the body in a stack class; the body's first line is line 9 of the file. */
const { stack } = stackFixture(
  ["import * as apigateway from 'aws-cdk-lib/aws-apigateway';", "import * as lambda from 'aws-cdk-lib/aws-lambda';"],
  'OrdersApiStack',
);

/** A function, a REST API with an `orders` resource, and a Lambda proxy integration: lines 9–16. */
const PRELUDE = [
  lambdaFunction('fn', 'OrdersHandler', 'lambda/orders'),
  "    const api = new apigateway.RestApi(this, 'OrdersApi');",
  "    const orders = api.root.addResource('orders');",
  '    const integration = new apigateway.LambdaIntegration(fn);',
].join('\n');

/** VALIDATOR as a fix writes it in a multi-line object whose properties are indented `indent`. */
const validator = (indent: string) =>
  `requestValidatorOptions: {\n${indent}  validateRequestBody: true,\n${indent}  validateRequestParameters: true,\n${indent}}`;

const message = (method: string) =>
  `${method} accepts a request body with no validation: API Gateway passes any payload to the backend. Add requestValidatorOptions, with a JSON schema model in requestModels, so malformed requests are rejected at the API.`;

const BASIC = stack(`
${PRELUDE}
    orders.addMethod('POST', integration);
`);

const LAYOUT = stack(`
${PRELUDE}
    orders.addMethod('PUT', integration, {
      operationName: 'ReplaceOrder',
    });
    const options: apigateway.MethodOptions = { operationName: 'PatchOrder' };
    orders.addMethod('PATCH', integration, options);
    new apigateway.Method(this, 'CreateOrder', { resource: orders, httpMethod: 'POST', integration });
`);

const NON_PROXY = stack(`
${PRELUDE}
    api.addRequestValidator('BodyValidator', { validateRequestBody: true });
    orders.addMethod('POST', new apigateway.LambdaIntegration(fn, { proxy: false }));
    const reports = new apigateway.RestApi(this, 'ReportsApi');
    reports.addRequestValidator('BodyValidator', { validateRequestBody: true });
    const payments = new apigateway.RestApi(this, 'PaymentsApi');
    payments.root.addMethod('POST', integration);
`);

const V1_JS = `const cdk = require('@aws-cdk/core');
const { RestApi, AwsIntegration } = require('@aws-cdk/aws-apigateway');

class OrdersApiStack extends cdk.Stack {
  constructor(scope, id) {
    super(scope, id);
    const api = new RestApi(this, 'OrdersApi');
    api.root.addResource('orders').addMethod('POST', new AwsIntegration({ service: 'sqs', path: 'orders' }));
  }
}

module.exports = { OrdersApiStack };
`;

ruleTester(rule, {
  valid: [
    {
      name: 'POST, PUT and PATCH with a validator, validator options, or request models',
      code: stack(`
${PRELUDE}
    const validator = new apigateway.RequestValidator(this, 'BodyValidator', { restApi: api, validateRequestBody: true });
    const model = api.addModel('Order', { schema: { type: apigateway.JsonSchemaType.OBJECT, required: ['sku'] } });
    orders.addMethod('POST', integration, { requestValidator: validator, requestModels: { 'application/json': model } });
    orders.addMethod('PUT', integration, { requestValidatorOptions: { validateRequestBody: true } });
    orders.addMethod('PATCH', integration, { requestModels: { 'application/json': model } });
`),
    },
    {
      name: 'GET, DELETE, OPTIONS and ANY methods',
      code: stack(`
${PRELUDE}
    orders.addMethod('GET', integration);
    orders.addMethod('DELETE', integration);
    orders.addMethod('OPTIONS', new apigateway.MockIntegration());
    orders.addMethod('ANY', integration);
`),
    },
    {
      name: 'proxy integrations on an API that declares validation (addRequestValidator, new RequestValidator, defaults)',
      code: stack(`
${PRELUDE}
    api.addRequestValidator('BodyValidator', { validateRequestBody: true });
    orders.addMethod('POST', integration);
    const admin = new apigateway.RestApi(this, 'AdminApi', { defaultIntegration: integration });
    new apigateway.RequestValidator(this, 'AdminValidator', { restApi: admin, validateRequestBody: true });
    admin.root.addMethod('PUT');
    const partners = new apigateway.LambdaRestApi(this, 'PartnersApi', {
      handler: fn,
      proxy: false,
      defaultMethodOptions: { requestValidatorOptions: { validateRequestBody: true } },
    });
    partners.root.addMethod('PATCH');
`),
    },
    {
      name: 'unknown: a proxy integration on a resource passed in, options built elsewhere, a verb in a variable',
      code: `import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { sharedOptions } from './options';

export function addWrites(resource: apigateway.IResource, integration: apigateway.LambdaIntegration, verb: string) {
  resource.addMethod('POST', integration);
  resource.addMethod('PUT', new apigateway.MockIntegration(), { ...sharedOptions() });
  resource.addMethod(verb, new apigateway.MockIntegration());
}
`,
    },
    {
      name: 'a CfnMethod with a request validator id',
      code: stack(`
    const api = new apigateway.RestApi(this, 'OrdersApi');
    const validator = api.addRequestValidator('BodyValidator', { validateRequestBody: true });
    new apigateway.CfnMethod(this, 'CreateOrder', {
      restApiId: api.restApiId,
      resourceId: api.root.resourceId,
      httpMethod: 'POST',
      authorizationType: 'AWS_IAM',
      requestValidatorId: validator.requestValidatorId,
    });
`),
    },
  ],
  invalid: [
    {
      name: 'POST with a Lambda proxy integration and nothing to validate it: the range is the addMethod name',
      code: BASIC,
      errors: [
        {
          line: 17,
          column: 12,
          endLine: 17,
          endColumn: 21,
          message: message('POST /orders'),
          fixes: [
            {
              title: 'Validate the request body and parameters (requestValidatorOptions)',
              isPreferred: false,
              output: edit(
                BASIC,
                "orders.addMethod('POST', integration);",
                `orders.addMethod('POST', integration, {\n      ${validator('      ')},\n    });`,
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'the fix follows the layout of the options: one per line, a const, new Method props',
      code: LAYOUT,
      errors: [
        {
          line: 17,
          column: 12,
          endColumn: 21,
          message: message('PUT /orders'),
          fixes: [
            {
              output: edit(
                LAYOUT,
                "      operationName: 'ReplaceOrder',\n",
                `      operationName: 'ReplaceOrder',\n      ${validator('      ')},\n`,
              ),
            },
          ],
        },
        {
          line: 21,
          column: 12,
          endColumn: 21,
          message: message('PATCH /orders'),
          fixes: [
            {
              output: edit(
                LAYOUT,
                "{ operationName: 'PatchOrder' }",
                `{\n      operationName: 'PatchOrder',\n      ${validator('      ')},\n    }`,
              ),
            },
          ],
        },
        {
          line: 22,
          column: 5,
          endColumn: 26,
          message: message('POST /orders'),
          fixes: [
            {
              output: edit(
                LAYOUT,
                "{ resource: orders, httpMethod: 'POST', integration });",
                `{\n      resource: orders,\n      httpMethod: 'POST',\n      integration,\n      options: {\n        ${validator('        ')},\n      },\n    });`,
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'validation on the API does not cover non-proxy integrations, nor methods of another API',
      code: NON_PROXY,
      errors: [
        { line: 18, column: 12, endColumn: 21, message: message('POST /orders') },
        { line: 22, column: 19, endColumn: 28, message: message('POST /') },
      ],
    },
    {
      name: 'a non-proxy integration on a resource we cannot see is still a finding',
      code: `import * as apigateway from 'aws-cdk-lib/aws-apigateway';

export function addWrites(resource: apigateway.IResource) {
  resource.addMethod('PUT', new apigateway.MockIntegration());
}
`,
      errors: [{ line: 4, column: 12, endColumn: 21, message: message('This PUT method') }],
    },
    {
      name: 'import styles: the root barrel and barrel members',
      code: `import * as cdk from 'aws-cdk-lib';
import { aws_apigateway as apigw } from 'aws-cdk-lib';

export function routes(scope: cdk.Stack) {
  new cdk.aws_apigateway.RestApi(scope, 'A').root.addMethod('POST', new cdk.aws_apigateway.MockIntegration());
  new apigw.RestApi(scope, 'B').root.addMethod('PATCH', new apigw.MockIntegration());
}
`,
      errors: [
        { line: 5, column: 51, endColumn: 60, message: message('POST /') },
        { line: 6, column: 38, endColumn: 47, message: message('PATCH /') },
      ],
    },
    {
      name: 'CDK v1 with require in JavaScript',
      filename: 'lib/orders-api.js',
      code: V1_JS,
      errors: [
        {
          line: 8,
          column: 36,
          endColumn: 45,
          fixes: [{ output: edit(V1_JS, "path: 'orders' }));", `path: 'orders' }), {\n      ${validator('      ')},\n    });`) }],
        },
      ],
    },
    {
      name: 'a CfnMethod without a validator or models: the range is the head, no fix',
      code: stack(`
    const api = new apigateway.RestApi(this, 'OrdersApi');
    new apigateway.CfnMethod(this, 'CreateOrder', {
      restApiId: api.restApiId,
      resourceId: api.root.resourceId,
      httpMethod: 'post',
      authorizationType: 'AWS_IAM',
    });
`),
      errors: [
        {
          line: 10,
          column: 5,
          endColumn: 29,
          message:
            'This POST CfnMethod accepts a request body with no validation (no requestValidatorId, no requestModels). Add a request validator and a JSON schema model.',
          fixes: [],
        },
      ],
    },
  ],
});
