import { ruleTester, type InvalidCase } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import { typeCheckFixOutputs } from '../../../test/fixOutputs';
import rule from './rule';

/** `stack(body)`: the body's first line is line 8 of the file. */
const { stack } = stackFixture(["import * as apigateway from 'aws-cdk-lib/aws-apigateway';"], 'ApiStack');

const MESSAGE =
  'dataTraceEnabled: true logs full request and response bodies, tokens included, to CloudWatch. Remove it; access logs and loggingLevel give you what you need without the payloads.';
const TITLE = 'Stop logging full requests and responses (remove dataTraceEnabled)';

const JS = (options: string) => `const cdk = require('aws-cdk-lib');
const apigw = require('aws-cdk-lib/aws-apigateway');

class ApiStack extends cdk.Stack {
  constructor(scope, id) {
    super(scope, id);
    new apigw.RestApi(this, 'Api', { deployOptions: ${options} });
  }
}

module.exports = { ApiStack };
`;

const invalid: InvalidCase[] = [
  {
    name: 'deployOptions of a RestApi: reported at the value, the fix removes it and is preferred',
    code: stack(`
    new apigateway.RestApi(this, 'Api', {
      deployOptions: {
        loggingLevel: apigateway.MethodLoggingLevel.INFO,
        dataTraceEnabled: true,
      },
    });
`),
    errors: [
      {
        line: 11,
        column: 27,
        endLine: 11,
        endColumn: 31,
        message: MESSAGE,
        fixes: [
          {
            title: TITLE,
            isPreferred: true,
            output: stack(`
    new apigateway.RestApi(this, 'Api', {
      deployOptions: {
        loggingLevel: apigateway.MethodLoggingLevel.INFO,
      },
    });
`),
          },
        ],
      },
    ],
  },
  {
    name: 'methodOptions of a stage, and CfnStage methodSettings',
    code: stack(`
    const api = new apigateway.RestApi(this, 'Api', { deploy: false });
    const deployment = new apigateway.Deployment(this, 'Deployment', { api });
    new apigateway.Stage(this, 'Prod', { deployment, methodOptions: { '/*/*': { dataTraceEnabled: true } } });
    new apigateway.CfnStage(this, 'L1', { restApiId: 'abc', methodSettings: [{ httpMethod: '*', resourcePath: '/*', dataTraceEnabled: true }] });
`),
    errors: [
      {
        line: 10,
        column: 99,
        endLine: 10,
        endColumn: 103,
        fixes: [
          {
            output: stack(`
    const api = new apigateway.RestApi(this, 'Api', { deploy: false });
    const deployment = new apigateway.Deployment(this, 'Deployment', { api });
    new apigateway.Stage(this, 'Prod', { deployment, methodOptions: { '/*/*': {} } });
    new apigateway.CfnStage(this, 'L1', { restApiId: 'abc', methodSettings: [{ httpMethod: '*', resourcePath: '/*', dataTraceEnabled: true }] });
`),
          },
        ],
      },
      { line: 11, column: 135, endLine: 11, endColumn: 139 },
    ],
  },
  {
    name: 'a WebSocket/HTTP API CfnStage (apigatewayv2) with defaultRouteSettings.dataTraceEnabled',
    code: `import { aws_apigatewayv2 as apigwv2, Stack } from 'aws-cdk-lib';

export function stage(stack: Stack) {
  return new apigwv2.CfnStage(stack, 'Ws', { apiId: 'abc', stageName: 'prod', defaultRouteSettings: { loggingLevel: 'INFO', dataTraceEnabled: true } });
}
`,
    errors: [{ line: 4, column: 143, endLine: 4, endColumn: 147 }],
  },
  {
    name: 'CDK v1 @aws-cdk/aws-apigateway, props from a constant',
    code: `import * as cdk from '@aws-cdk/core';
import * as apigateway from '@aws-cdk/aws-apigateway';

const STAGE = { stageName: 'prod', dataTraceEnabled: true };

export class LegacyStack extends cdk.Stack {
  constructor(scope: cdk.Construct, id: string) {
    super(scope, id);
    new apigateway.RestApi(this, 'Api', { deployOptions: STAGE });
  }
}
`,
    errors: [{ line: 4, column: 54, endLine: 4, endColumn: 58 }],
  },
  {
    name: 'require() in a JavaScript app',
    filename: 'lib/stack.js',
    code: JS('{ dataTraceEnabled: true, metricsEnabled: true }'),
    errors: [{ line: 7, column: 73, endLine: 7, endColumn: 77, fixes: [{ output: JS('{ metricsEnabled: true }') }] }],
  },
];

ruleTester(rule, {
  valid: [
    {
      name: 'loggingLevel alone, dataTraceEnabled: false, an API without deployOptions',
      code: stack(`
    new apigateway.RestApi(this, 'A', { deployOptions: { loggingLevel: apigateway.MethodLoggingLevel.ERROR } });
    new apigateway.RestApi(this, 'B', { deployOptions: { dataTraceEnabled: false } });
    new apigateway.RestApi(this, 'C');
`),
    },
  ],
  invalid,
});

typeCheckFixOutputs(rule.meta.id, invalid);
