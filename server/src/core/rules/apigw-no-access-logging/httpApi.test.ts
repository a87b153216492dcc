import { ruleTester } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import { spanOf } from '../../../test/pythonFixtures';
import rule from './rule';

/** HTTP and WebSocket API stages, the HttpApi default stage, and CfnStage of both versions (issue 16, v2 shapes). */
const { stack } = stackFixture(
  [
    "import * as apigateway from 'aws-cdk-lib/aws-apigateway';",
    "import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';",
    "import * as logs from 'aws-cdk-lib/aws-logs';",
  ],
  'OrdersHttpStack',
);

const DEFAULT_STAGE =
  "This HTTP API's default stage ($default) writes no access logs, and HttpApi cannot configure the stage it creates: there is no record of who called it, from where, and with what result. Set createDefaultStage: false and add an HttpStage with accessLogSettings, or set accessLogSettings on the default stage's CfnStage.";

const stageMessage = (api: string) =>
  `This ${api} stage writes no access logs (no accessLogSettings): there is no record of who called it, from where, and with what result.`;

const DEFAULT_API = stack(`
    const api = new apigwv2.HttpApi(this, 'OrdersHttp');
    new cdk.CfnOutput(this, 'Url', { value: api.defaultStage?.url ?? '' });
`);

const STAGES = stack(`
    const api = new apigwv2.HttpApi(this, 'OrdersHttp', { createDefaultStage: false });
    new apigwv2.HttpStage(this, 'Prod', { httpApi: api, stageName: 'prod', autoDeploy: true });
    api.addStage('Beta', { stageName: 'beta' });
    const ws = new apigwv2.WebSocketApi(this, 'Chat');
    new apigwv2.WebSocketStage(this, 'ChatProd', { webSocketApi: ws, stageName: 'prod', autoDeploy: true });
`);

const CFN = stack(`
    const http = new apigwv2.CfnApi(this, 'OrdersHttp', { name: 'orders', protocolType: 'HTTP' });
    new apigwv2.CfnStage(this, 'Prod', { apiId: http.ref, stageName: 'prod', autoDeploy: true });
    const rest = new apigateway.CfnRestApi(this, 'Reports', { name: 'reports' });
    new apigateway.CfnStage(this, 'ReportsProd', { restApiId: rest.ref, stageName: 'prod', deploymentId: 'abc123' });
`);

const COMMONJS = `const { aws_apigatewayv2: apigwv2 } = require('aws-cdk-lib');

exports.chatStage = (scope, webSocketApi) => new apigwv2.WebSocketStage(scope, 'Prod', { webSocketApi, stageName: 'prod' });
`;

const V1 = `import * as cdk from '@aws-cdk/core';
import { HttpApi, HttpStage } from '@aws-cdk/aws-apigatewayv2-alpha';
import { CfnStage } from '@aws-cdk/aws-apigatewayv2';

export class OrdersHttpStack extends cdk.Stack {
  constructor(scope: cdk.Construct, id: string) {
    super(scope, id);
    const api = new HttpApi(this, 'OrdersHttp', { createDefaultStage: false });
    new HttpStage(this, 'Prod', { httpApi: api, stageName: 'prod' });
    new CfnStage(this, 'Manual', { apiId: api.apiId, stageName: 'manual' });
  }
}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'HTTP and WebSocket stages with accessLogSettings, and no default stage',
      code: stack(`
    const group = new logs.LogGroup(this, 'AccessLogs');
    const api = new apigwv2.HttpApi(this, 'OrdersHttp', { createDefaultStage: false });
    new apigwv2.HttpStage(this, 'Prod', { httpApi: api, stageName: 'prod', accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(group) } });
    api.addStage('Beta', { stageName: 'beta', accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(group) } });
    const ws = new apigwv2.WebSocketApi(this, 'Chat');
    new apigwv2.WebSocketStage(this, 'ChatProd', { webSocketApi: ws, stageName: 'prod', accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(group) } });
`),
    },
    {
      name: "the default stage's CfnStage given access log settings by escape hatch",
      code: stack(`
    const group = new logs.LogGroup(this, 'AccessLogs');
    const api = new apigwv2.HttpApi(this, 'OrdersHttp');
    const stage = api.defaultStage!.node.defaultChild as apigwv2.CfnStage;
    stage.accessLogSettings = { destinationArn: group.logGroupArn, format: '$context.requestId' };
`),
    },
    {
      name: 'CfnStage of both versions with access log settings; props we cannot read',
      code: stack(`
    const group = new logs.LogGroup(this, 'AccessLogs');
    new apigwv2.CfnStage(this, 'Prod', { apiId: 'abc', stageName: 'prod', accessLogSettings: { destinationArn: group.logGroupArn, format: '$context.requestId' } });
    new apigateway.CfnStage(this, 'Reports', { restApiId: 'def', accessLogSetting: { destinationArn: group.logGroupArn } });
    new apigwv2.WebSocketStage(this, 'Shared', this.node.tryGetContext('stageProps'));
`),
    },
  ],
  invalid: [
    {
      name: 'an HttpApi with its default stage: the range is the `new HttpApi` head, even when the stage url is read',
      code: DEFAULT_API,
      errors: [
        { ...spanOf(DEFAULT_API, "new apigwv2.HttpApi(this, 'OrdersHttp')", 'new apigwv2.HttpApi'), message: DEFAULT_STAGE, fixes: [] },
      ],
    },
    {
      name: 'HttpStage, addStage and WebSocketStage without accessLogSettings',
      code: STAGES,
      errors: [
        { ...spanOf(STAGES, "new apigwv2.HttpStage(this, 'Prod'", 'new apigwv2.HttpStage'), message: stageMessage('HTTP API'), fixes: [] },
        { ...spanOf(STAGES, "api.addStage('Beta'", 'addStage'), message: stageMessage('HTTP API') },
        {
          ...spanOf(STAGES, "new apigwv2.WebSocketStage(this, 'ChatProd'", 'new apigwv2.WebSocketStage'),
          message: stageMessage('WebSocket API'),
        },
      ],
    },
    {
      name: 'CfnStage without access log settings: accessLogSettings (v2), accessLogSetting (REST)',
      code: CFN,
      errors: [
        {
          ...spanOf(CFN, "new apigwv2.CfnStage(this, 'Prod'", 'new apigwv2.CfnStage'),
          message:
            'This CfnStage writes no access logs (no accessLogSettings): there is no record of who called it, from where, and with what result.',
        },
        {
          ...spanOf(CFN, "new apigateway.CfnStage(this, 'ReportsProd'", 'new apigateway.CfnStage'),
          message:
            'This CfnStage writes no access logs (no accessLogSetting): there is no record of who called it, from where, and with what result.',
        },
      ],
    },
    {
      name: 'CommonJS with the root barrel',
      code: COMMONJS,
      filename: 'lib/chat.js',
      errors: [{ ...spanOf(COMMONJS, "new apigwv2.WebSocketStage(scope, 'Prod'", 'new apigwv2.WebSocketStage'), messageId: 'stage' }],
    },
    {
      name: 'CDK v1: the alpha HttpStage and @aws-cdk/aws-apigatewayv2 CfnStage',
      code: V1,
      errors: [
        { ...spanOf(V1, "new HttpStage(this, 'Prod'", 'new HttpStage'), messageId: 'stage' },
        { ...spanOf(V1, "new CfnStage(this, 'Manual'", 'new CfnStage'), messageId: 'cfnStage' },
      ],
    },
  ],
});
