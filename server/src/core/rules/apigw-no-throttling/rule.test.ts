import { ruleTester } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import { edit } from '../../../test/edit';
import { TWO_REST_APIS } from '../../../test/apigwFixtures';
import rule from './rule';

/** `stack(body)` wraps the body in a stack class; the body's first line is line 9 of the file. */
const { stack } = stackFixture(
  ["import * as apigateway from 'aws-cdk-lib/aws-apigateway';", "import * as lambda from 'aws-cdk-lib/aws-lambda';"],
  'OrdersApiStack',
);

const MESSAGE =
  'This REST API sets no throttling: its deployOptions have neither throttlingRateLimit nor throttlingBurstLimit, and no usage plan with a throttle covers it. A flood of requests reaches the backend up to the account-wide limit.';

const LIMITS = 'throttlingRateLimit: 100, throttlingBurstLimit: 200';
/** LIMITS one per line, at `indent`. */
const limits = (indent: string) => `throttlingRateLimit: 100,\n${indent}throttlingBurstLimit: 200`;

const BASIC = stack(`
    const api = new apigateway.RestApi(this, 'OrdersApi');
    api.root.addMethod('GET', new apigateway.MockIntegration());
`);

const LAYOUT = stack(`
    new apigateway.RestApi(this, 'OrdersApi', {
      restApiName: 'orders',
      deployOptions: {
        stageName: 'prod',
        tracingEnabled: true,
      },
    });
    new apigateway.LambdaRestApi(this, 'ReportsApi', { handler: lambda.Function.fromFunctionName(this, 'Reports', 'reports'), description: 'Reports' });
    const stage: apigateway.StageOptions = { stageName: 'v1' };
    new apigateway.SpecRestApi(this, 'PartnersApi', { apiDefinition: apigateway.ApiDefinition.fromAsset('openapi.yaml'), deployOptions: stage });
`);

/** A stack that throttles the API it is given: the cross-file cases. */
const THROTTLE_STACK = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';

export interface QuotasStackProps extends cdk.StackProps {
  ordersApi: apigateway.RestApi;
}

export class QuotasStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: QuotasStackProps) {
    super(scope, id, props);
    props.ordersApi.addUsagePlan('Standard', { throttle: { rateLimit: 50, burstLimit: 100 } });
  }
}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'stage throttling in deployOptions: rate, burst, or per method',
      code: stack(`
    new apigateway.RestApi(this, 'OrdersApi', { deployOptions: { throttlingRateLimit: 100 } });
    new apigateway.RestApi(this, 'ReportsApi', { deployOptions: { throttlingBurstLimit: 20 } });
    new apigateway.RestApi(this, 'AdminApi', {
      deployOptions: { methodOptions: { '/*/*': { throttlingRateLimit: 10, throttlingBurstLimit: 5 } } },
    });
`),
    },
    {
      name: 'APIs with deploy: false (their stages are made by hand)',
      code: stack(`
    new apigateway.RestApi(this, 'OrdersApi', { deploy: false });
`),
    },
    {
      name: 'usage plans with a throttle: addUsagePlan, new UsagePlan with apiStages, addApiStage, a per-stage throttle',
      code: stack(`
    const orders = new apigateway.RestApi(this, 'OrdersApi');
    orders.root.addMethod('GET', new apigateway.MockIntegration());
    orders.addUsagePlan('Standard', { throttle: { rateLimit: 50, burstLimit: 100 } });
    const reports = new apigateway.RestApi(this, 'ReportsApi');
    new apigateway.UsagePlan(this, 'ReportsPlan', { apiStages: [{ api: reports, stage: reports.deploymentStage }], throttle: { rateLimit: 5 } });
    const admin = new apigateway.RestApi(this, 'AdminApi');
    const plan = new apigateway.UsagePlan(this, 'AdminPlan', { throttle: { rateLimit: 1 } });
    plan.addApiStage({ stage: admin.deploymentStage });
    const partners = new apigateway.RestApi(this, 'PartnersApi');
    new apigateway.UsagePlan(this, 'PartnersPlan', { apiStages: [{ api: partners, stage: partners.deploymentStage, throttle: [{ method: partners.root.addMethod('GET'), throttle: { rateLimit: 2 } }] }] });
`),
    },
    {
      name: 'deployOptions we cannot read',
      code: `import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Construct } from 'constructs';
import { stageOptions } from './stage';

export function ordersApi(scope: Construct) {
  return new apigateway.RestApi(scope, 'OrdersApi', { deployOptions: stageOptions('prod') });
}
`,
    },
    {
      name: 'a usage plan in another file throttles the API handed over in props (the only API of the project)',
      code: stack(`
    new apigateway.RestApi(this, 'OrdersApi');
`),
      files: { 'lib/quotas-stack.ts': THROTTLE_STACK },
    },
    {
      name: 'across files with two APIs: the plan covers the API bound to the same name',
      code: TWO_REST_APIS.replace(
        "this.adminApi = new apigateway.RestApi(this, 'AdminApi');",
        "this.adminApi = new apigateway.RestApi(this, 'AdminApi', { deployOptions: { throttlingRateLimit: 5 } });",
      ),
      files: { 'lib/quotas-stack.ts': THROTTLE_STACK },
    },
    {
      name: 'one API, and a throttling plan elsewhere whose stage we cannot resolve',
      code: stack(`
    new apigateway.RestApi(this, 'OrdersApi');
`),
      files: {
        'lib/quotas.ts': `import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Construct } from 'constructs';

export function standardPlan(scope: Construct, stage: apigateway.IStage) {
  return new apigateway.UsagePlan(scope, 'Standard', { apiStages: [{ stage }], throttle: { rateLimit: 50 } });
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'no deployOptions and no usage plan: the range is the new head; the fix adds deployOptions',
      code: BASIC,
      errors: [
        {
          line: 9,
          column: 17,
          endLine: 9,
          endColumn: 39,
          message: MESSAGE,
          fixes: [
            {
              title: 'Add stage throttling (100 requests per second, bursts of 200)',
              isPreferred: false,
              output: edit(
                BASIC,
                "new apigateway.RestApi(this, 'OrdersApi');",
                `new apigateway.RestApi(this, 'OrdersApi', {\n      deployOptions: {\n        ${limits('        ')},\n      },\n    });`,
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'the fix follows the layout: one per line, a one-line props object, deployOptions in a const',
      code: LAYOUT,
      errors: [
        {
          line: 9,
          column: 5,
          endColumn: 27,
          fixes: [
            {
              output: edit(
                LAYOUT,
                '        tracingEnabled: true,\n',
                '        tracingEnabled: true,\n        throttlingRateLimit: 100,\n        throttlingBurstLimit: 200,\n',
              ),
            },
          ],
        },
        {
          line: 16,
          column: 5,
          endColumn: 33,
          fixes: [
            {
              output: edit(
                LAYOUT,
                "{ handler: lambda.Function.fromFunctionName(this, 'Reports', 'reports'), description: 'Reports' });",
                `{\n      handler: lambda.Function.fromFunctionName(this, 'Reports', 'reports'),\n      description: 'Reports',\n      deployOptions: {\n        ${limits('        ')},\n      },\n    });`,
              ),
            },
          ],
        },
        {
          line: 18,
          column: 5,
          endColumn: 31,
          fixes: [{ output: edit(LAYOUT, "{ stageName: 'v1' }", `{ stageName: 'v1', ${LIMITS} }`) }],
        },
      ],
    },
    {
      name: 'usage plans that do not throttle this API: no throttle, another API, no stage, an imported API',
      code: stack(`
    const orders = new apigateway.RestApi(this, 'OrdersApi');
    orders.addUsagePlan('Metering', { quota: { limit: 10000, period: apigateway.Period.MONTH } });
    const reports = new apigateway.RestApi(this, 'ReportsApi');
    const admin = new apigateway.RestApi(this, 'AdminApi', { deployOptions: { throttlingRateLimit: 5 } });
    new apigateway.UsagePlan(this, 'AdminPlan', { apiStages: [{ api: admin, stage: admin.deploymentStage }], throttle: { rateLimit: 5 } });
    new apigateway.UsagePlan(this, 'Orphan', { throttle: { rateLimit: 5 } });
    const legacy = apigateway.RestApi.fromRestApiId(this, 'Legacy', 'a1b2c3');
    legacy.addUsagePlan('LegacyPlan', { throttle: { rateLimit: 5 } });
`),
      errors: [
        { line: 9, column: 20, endColumn: 42, message: MESSAGE },
        { line: 11, column: 21, endColumn: 43, message: MESSAGE },
      ],
    },
    {
      name: 'across files with two APIs: a plan for props.ordersApi leaves adminApi unthrottled',
      code: TWO_REST_APIS,
      files: { 'lib/quotas-stack.ts': THROTTLE_STACK },
      errors: [{ line: 12, column: 21, endColumn: 43, message: MESSAGE }],
    },
    {
      name: 'import styles: root barrel, barrel member, CDK v1 with require',
      code: `import * as cdk from 'aws-cdk-lib';
import { aws_apigateway as apigw } from 'aws-cdk-lib';

export function apis(scope: cdk.Stack) {
  new cdk.aws_apigateway.RestApi(scope, 'A');
  new apigw.LambdaRestApi(scope, 'B', { handler: cdk.aws_lambda.Function.fromFunctionName(scope, 'Fn', 'orders'), deployOptions: { stageName: 'prod' } });
}
`,
      files: {
        'lib/legacy.js': `const { RestApi } = require('@aws-cdk/aws-apigateway');

exports.legacyApi = (scope) => new RestApi(scope, 'Legacy', { deployOptions: { loggingLevel: 'INFO' } });
`,
      },
      errors: [
        { line: 5, column: 3, endColumn: 33 },
        {
          line: 6,
          column: 3,
          endColumn: 26,
          fixes: [
            {
              output: `import * as cdk from 'aws-cdk-lib';
import { aws_apigateway as apigw } from 'aws-cdk-lib';

export function apis(scope: cdk.Stack) {
  new cdk.aws_apigateway.RestApi(scope, 'A');
  new apigw.LambdaRestApi(scope, 'B', {
    handler: cdk.aws_lambda.Function.fromFunctionName(scope, 'Fn', 'orders'),
    deployOptions: {
      stageName: 'prod',
      ${limits('      ')},
    },
  });
}
`,
            },
          ],
        },
        { file: 'lib/legacy.js', line: 3, column: 32, endColumn: 43 },
      ],
    },
  ],
});
