import { ruleTester } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import { edit } from '../../../test/edit';
import { spanOf } from '../../../test/pythonFixtures';
import rule from './rule';

/** WebSocket `$connect` routes and apigatewayv2 `CfnRoute` (issue 16, v2 shapes). */
const { stack } = stackFixture(
  [
    "import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';",
    "import { WebSocketLambdaAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';",
    "import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';",
    "import * as lambda from 'aws-cdk-lib/aws-lambda';",
  ],
  'ChatStack',
);

const FN = "    const fn = lambda.Function.fromFunctionName(this, 'Chat', 'chat');";

const CONNECT =
  "The WebSocket API's $connect route has no authorizer: anyone can open a connection and send messages to the other routes. Add a Lambda or IAM authorizer to the $connect route.";

const WEBSOCKET = stack(`
${FN}
    new apigwv2.WebSocketApi(this, 'Chat', { connectRouteOptions: { integration: new WebSocketLambdaIntegration('Connect', fn) } });
    const open = new apigwv2.WebSocketApi(this, 'Open');
    open.addRoute('$connect', { integration: new WebSocketLambdaIntegration('OpenConnect', fn), authorizer: new apigwv2.WebSocketNoneAuthorizer() });
    const manual = new apigwv2.WebSocketApi(this, 'Manual');
    new apigwv2.WebSocketRoute(this, 'ManualConnect', { webSocketApi: manual, routeKey: '$connect', integration: new WebSocketLambdaIntegration('ManualConnect', fn) });
`);

const CFN = stack(`
    const http = new apigwv2.CfnApi(this, 'Orders', { name: 'orders', protocolType: 'HTTP' });
    new apigwv2.CfnRoute(this, 'List', { apiId: http.ref, routeKey: 'GET /orders', authorizationType: 'NONE', target: 'integrations/abc' });
    new apigwv2.CfnRoute(this, 'Create', { apiId: http.ref, routeKey: 'POST /orders' });
    new apigwv2.CfnRoute(this, 'Fallback', { apiId: http.ref, routeKey: '$default' });
    const ws = new apigwv2.CfnApi(this, 'Chat', { name: 'chat', protocolType: 'WEBSOCKET', routeSelectionExpression: '$request.body.action' });
    new apigwv2.CfnRoute(this, 'Connect', { apiId: ws.ref, routeKey: '$connect' });
`);

const COMMONJS = `const apigwv2 = require('aws-cdk-lib/aws-apigatewayv2');

exports.chatApi = (scope, integration) => {
  const api = new apigwv2.WebSocketApi(scope, 'Chat');
  api.addRoute('$connect', { integration });
  return api;
};
`;

const V1 = `import * as cdk from '@aws-cdk/core';
import { WebSocketApi } from '@aws-cdk/aws-apigatewayv2-alpha';
import { CfnRoute } from '@aws-cdk/aws-apigatewayv2';

export class ChatStack extends cdk.Stack {
  constructor(scope: cdk.Construct, id: string, integration: any) {
    super(scope, id);
    const api = new WebSocketApi(this, 'Chat', { connectRouteOptions: { integration } });
    new CfnRoute(this, 'Orders', { apiId: api.apiId, routeKey: 'DELETE /orders/{id}', authorizationType: 'NONE' });
  }
}
`;

ruleTester(rule, {
  valid: [
    {
      name: '$connect with an authorizer; routes other than $connect; no $connect route at all',
      code: stack(`
${FN}
    const authorizer = new WebSocketLambdaAuthorizer('Authorizer', fn);
    const api = new apigwv2.WebSocketApi(this, 'Chat', {
      connectRouteOptions: { integration: new WebSocketLambdaIntegration('Connect', fn), authorizer },
      disconnectRouteOptions: { integration: new WebSocketLambdaIntegration('Disconnect', fn) },
      defaultRouteOptions: { integration: new WebSocketLambdaIntegration('Default', fn) },
    });
    api.addRoute('sendMessage', { integration: new WebSocketLambdaIntegration('Send', fn) });
    new apigwv2.WebSocketRoute(this, 'Leave', { webSocketApi: api, routeKey: '$disconnect', integration: new WebSocketLambdaIntegration('Leave', fn) });
    new apigwv2.WebSocketApi(this, 'Bare');
    const other = new apigwv2.WebSocketApi(this, 'Other');
    other.addRoute('$connect', this.node.tryGetContext('connectOptions'));
`),
    },
    {
      name: 'CfnRoute with an authorization type; OPTIONS; WebSocket routes other than $connect; $default of an API we cannot tell',
      code: stack(`
    const http = new apigwv2.CfnApi(this, 'Orders', { name: 'orders', protocolType: 'HTTP' });
    new apigwv2.CfnRoute(this, 'List', { apiId: http.ref, routeKey: 'GET /orders', authorizationType: 'JWT', authorizerId: 'abc' });
    new apigwv2.CfnRoute(this, 'Preflight', { apiId: http.ref, routeKey: 'OPTIONS /orders' });
    const ws = new apigwv2.CfnApi(this, 'Chat', { name: 'chat', protocolType: 'WEBSOCKET', routeSelectionExpression: '$request.body.action' });
    new apigwv2.CfnRoute(this, 'Send', { apiId: ws.ref, routeKey: 'sendMessage' });
    new apigwv2.CfnRoute(this, 'WsDefault', { apiId: ws.ref, routeKey: '$default' });
    new apigwv2.CfnRoute(this, 'Connect', { apiId: ws.ref, routeKey: '$connect', authorizationType: 'CUSTOM', authorizerId: 'def' });
    new apigwv2.CfnRoute(this, 'Imported', { apiId: 'xyz123', routeKey: '$default' });
`),
    },
  ],
  invalid: [
    {
      name: '$connect without an authorizer (connectRouteOptions, addRoute, new WebSocketRoute) or with WebSocketNoneAuthorizer',
      code: WEBSOCKET,
      errors: [
        { ...spanOf(WEBSOCKET, 'connectRouteOptions: {', 'connectRouteOptions'), message: CONNECT, fixes: [] },
        {
          ...spanOf(WEBSOCKET, 'new apigwv2.WebSocketNoneAuthorizer()'),
          message:
            "The WebSocket API's $connect route uses WebSocketNoneAuthorizer: anyone can open a connection and send messages to the other routes. Use a Lambda or IAM authorizer.",
        },
        { ...spanOf(WEBSOCKET, "new apigwv2.WebSocketRoute(this, 'ManualConnect'", 'new apigwv2.WebSocketRoute'), messageId: 'connect' },
      ],
    },
    {
      name: "CfnRoute with 'NONE' or no authorizationType (CloudFormation's default is NONE): HTTP routes, an HTTP API's $default, $connect",
      code: CFN,
      errors: [
        {
          ...spanOf(CFN, "authorizationType: 'NONE'", "'NONE'"),
          message:
            'The route GET /orders (CfnRoute) has authorization type NONE: anyone who can reach the API can call it. Use AWS_IAM, JWT (HTTP APIs) or CUSTOM with an authorizer.',
          fixes: [
            {
              title: "Require IAM authorization ('AWS_IAM')",
              output: edit(CFN, "authorizationType: 'NONE'", "authorizationType: 'AWS_IAM'"),
            },
          ],
        },
        {
          ...spanOf(CFN, "new apigwv2.CfnRoute(this, 'Create'", 'new apigwv2.CfnRoute'),
          message: /^The route POST \/orders \(CfnRoute\) has authorization type NONE/,
          fixes: [{ output: edit(CFN, "routeKey: 'POST /orders' });", "routeKey: 'POST /orders', authorizationType: 'AWS_IAM' });") }],
        },
        { ...spanOf(CFN, "new apigwv2.CfnRoute(this, 'Fallback'", 'new apigwv2.CfnRoute'), message: /^The route \$default \(CfnRoute\)/ },
        { ...spanOf(CFN, "new apigwv2.CfnRoute(this, 'Connect'", 'new apigwv2.CfnRoute'), message: /^The route \$connect \(CfnRoute\)/ },
      ],
    },
    {
      name: 'CommonJS: addRoute($connect) on a WebSocketApi made with require',
      code: COMMONJS,
      filename: 'lib/chat.js',
      errors: [{ ...spanOf(COMMONJS, "api.addRoute('$connect'", 'addRoute'), messageId: 'connect' }],
    },
    {
      name: 'CDK v1: the alpha WebSocketApi and @aws-cdk/aws-apigatewayv2 CfnRoute',
      code: V1,
      errors: [
        { ...spanOf(V1, 'connectRouteOptions'), messageId: 'connect' },
        { ...spanOf(V1, "'NONE'"), messageId: 'cfnRoute' },
      ],
    },
  ],
});
