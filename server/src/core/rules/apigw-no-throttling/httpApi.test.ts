import { ruleTester } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import { edit } from '../../../test/edit';
import { spanOf } from '../../../test/pythonFixtures';
import rule from './rule';

/** HTTP API stages, the HttpApi default stage and apigatewayv2 CfnStage (issue 16, v2 shapes). */
const { stack } = stackFixture(
  [
    "import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';",
    "import { HttpUrlIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';",
  ],
  'OrdersHttpStack',
);

const DEFAULT_STAGE =
  "This HTTP API's default stage ($default) has no throttling, and HttpApi cannot set any on the stage it creates: a flood of requests reaches the backend up to the account-wide limit. Set createDefaultStage: false and add an HttpStage with a throttle, or set defaultRouteSettings on the default stage's CfnStage.";

const DEFAULT_API = stack(`
    const api = new apigwv2.HttpApi(this, 'OrdersHttp');
    api.addRoutes({ path: '/orders', integration: new HttpUrlIntegration('Backend', 'https://orders.example.com') });
    new cdk.CfnOutput(this, 'Url', { value: api.url! });
    new cdk.CfnOutput(this, 'Stage', { value: api.defaultStage!.stageName });
`);

const STAGES = stack(`
    const api = new apigwv2.HttpApi(this, 'OrdersHttp', { createDefaultStage: false });
    new apigwv2.HttpStage(this, 'Prod', { httpApi: api, stageName: 'prod', autoDeploy: true });
    api.addStage('Beta', { stageName: 'beta', throttle: {} });
    new apigwv2.HttpStage(this, 'Canary', { httpApi: api, stageName: 'canary', throttle: { rateLimit: 10 } });
`);

const CFN = stack(`
    const api = new apigwv2.CfnApi(this, 'OrdersHttp', { name: 'orders', protocolType: 'HTTP' });
    new apigwv2.CfnStage(this, 'Prod', { apiId: api.ref, stageName: 'prod', autoDeploy: true });
    new apigwv2.CfnStage(this, 'Beta', { apiId: api.ref, stageName: 'beta', defaultRouteSettings: { detailedMetricsEnabled: true } });
`);

const COMMONJS = `const apigwv2 = require('aws-cdk-lib/aws-apigatewayv2');

exports.ordersApi = (scope) => {
  const api = new apigwv2.HttpApi(scope, 'OrdersHttp', { createDefaultStage: false });
  return api.addStage('Prod', { stageName: 'prod', autoDeploy: true });
};
`;

const V1 = `import * as cdk from '@aws-cdk/core';
import { HttpApi } from '@aws-cdk/aws-apigatewayv2-alpha';
import { CfnStage } from '@aws-cdk/aws-apigatewayv2';

export class OrdersHttpStack extends cdk.Stack {
  constructor(scope: cdk.Construct, id: string) {
    super(scope, id);
    const api = new HttpApi(this, 'OrdersHttp');
    new CfnStage(this, 'Manual', { apiId: api.apiId, stageName: 'manual' });
  }
}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'stages with a throttle that sets a limit, and no default stage',
      code: stack(`
    const api = new apigwv2.HttpApi(this, 'OrdersHttp', { createDefaultStage: false });
    new apigwv2.HttpStage(this, 'Prod', { httpApi: api, stageName: 'prod', throttle: { rateLimit: 100, burstLimit: 200 } });
    api.addStage('Beta', { stageName: 'beta', throttle: { burstLimit: 20 } });
`),
    },
    {
      name: "the default stage's CfnStage set by escape hatch (the L2 cannot), through a variable or not",
      code: stack(`
    const api = new apigwv2.HttpApi(this, 'OrdersHttp');
    const stage = api.defaultStage!.node.defaultChild as apigwv2.CfnStage;
    stage.defaultRouteSettings = { throttlingRateLimit: 50, throttlingBurstLimit: 100 };
    const reports = new apigwv2.HttpApi(this, 'Reports');
    const reportsStage = reports.defaultStage;
    (reportsStage?.node.defaultChild as apigwv2.CfnStage).addPropertyOverride('DefaultRouteSettings.ThrottlingBurstLimit', 10);
    const admin = new apigwv2.HttpApi(this, 'Admin');
    (admin.node.findChild('DefaultStage').node.defaultChild as apigwv2.CfnStage).defaultRouteSettings = { throttlingRateLimit: 5 };
`),
    },
    {
      name: 'CfnStage with throttling in defaultRouteSettings or per route; createDefaultStage and props we cannot read',
      code: stack(`
    const api = new apigwv2.CfnApi(this, 'OrdersHttp', { name: 'orders', protocolType: 'HTTP' });
    new apigwv2.CfnStage(this, 'Prod', { apiId: api.ref, stageName: 'prod', defaultRouteSettings: { throttlingRateLimit: 100 } });
    new apigwv2.CfnStage(this, 'Beta', { apiId: api.ref, stageName: 'beta', routeSettings: { 'GET /orders': { throttlingBurstLimit: 5 } } });
    new apigwv2.HttpApi(this, 'Reports', { createDefaultStage: this.node.tryGetContext('defaultStage') });
    new apigwv2.HttpStage(this, 'Shared', this.node.tryGetContext('stageProps'));
`),
    },
    {
      name: 'WebSocket stages are not judged by this rule (usage plans throttle them)',
      code: stack(`
    const ws = new apigwv2.WebSocketApi(this, 'Chat');
    new apigwv2.WebSocketStage(this, 'Prod', { webSocketApi: ws, stageName: 'prod', autoDeploy: true });
`),
    },
  ],
  invalid: [
    {
      name: 'an HttpApi with its default stage: the range is the `new HttpApi` head, even when its url or stage name is read',
      code: DEFAULT_API,
      errors: [
        { ...spanOf(DEFAULT_API, "new apigwv2.HttpApi(this, 'OrdersHttp')", 'new apigwv2.HttpApi'), message: DEFAULT_STAGE, fixes: [] },
      ],
    },
    {
      name: 'HttpStage and addStage without a limit: the range is the `new HttpStage` head, or the addStage name',
      code: STAGES,
      errors: [
        {
          ...spanOf(STAGES, "new apigwv2.HttpStage(this, 'Prod'", 'new apigwv2.HttpStage'),
          message:
            'This HTTP API stage sets no throttle (neither rateLimit nor burstLimit): a flood of requests reaches the backend up to the account-wide limit.',
          fixes: [
            {
              title: 'Add stage throttling (100 requests per second, bursts of 200)',
              isPreferred: false,
              output: edit(
                STAGES,
                "{ httpApi: api, stageName: 'prod', autoDeploy: true });",
                "{\n      httpApi: api,\n      stageName: 'prod',\n      autoDeploy: true,\n      throttle: {\n        rateLimit: 100,\n        burstLimit: 200,\n      },\n    });",
              ),
            },
          ],
        },
        {
          ...spanOf(STAGES, "api.addStage('Beta'", 'addStage'),
          messageId: 'httpStage',
          fixes: [
            {
              output: edit(
                STAGES,
                "{ stageName: 'beta', throttle: {} });",
                "{\n      stageName: 'beta',\n      throttle: {\n        rateLimit: 100,\n        burstLimit: 200,\n      },\n    });",
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'apigatewayv2 CfnStage without throttling in defaultRouteSettings',
      code: CFN,
      errors: [
        {
          ...spanOf(CFN, "new apigwv2.CfnStage(this, 'Prod'", 'new apigwv2.CfnStage'),
          message:
            'This CfnStage sets no throttling (defaultRouteSettings has neither throttlingRateLimit nor throttlingBurstLimit): a flood of requests reaches the backend up to the account-wide limit.',
        },
        {
          ...spanOf(CFN, "new apigwv2.CfnStage(this, 'Beta'", 'new apigwv2.CfnStage'),
          messageId: 'cfnStage',
          fixes: [
            {
              output: edit(
                CFN,
                "{ apiId: api.ref, stageName: 'beta', defaultRouteSettings: { detailedMetricsEnabled: true } });",
                "{\n      apiId: api.ref,\n      stageName: 'beta',\n      defaultRouteSettings: {\n        detailedMetricsEnabled: true,\n        throttlingRateLimit: 100,\n        throttlingBurstLimit: 200,\n      },\n    });",
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'CommonJS: addStage on an HttpApi made with require',
      code: COMMONJS,
      filename: 'lib/orders.js',
      errors: [{ ...spanOf(COMMONJS, "api.addStage('Prod'", 'addStage'), messageId: 'httpStage' }],
    },
    {
      name: 'CDK v1: the alpha HttpApi and @aws-cdk/aws-apigatewayv2 CfnStage',
      code: V1,
      errors: [
        { ...spanOf(V1, "new HttpApi(this, 'OrdersHttp')", 'new HttpApi'), messageId: 'defaultStage' },
        { ...spanOf(V1, "new CfnStage(this, 'Manual'", 'new CfnStage'), messageId: 'cfnStage' },
      ],
    },
  ],
});
