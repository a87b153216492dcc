import { ruleTester } from '../../../test/ruleTester';
import rule from './rule';

const H = 'lambda/handler.ts';

ruleTester(rule, {
  valid: [
    {
      name: 'request id, counts and ids (API Gateway)',
      filename: H,
      code: `import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const items = JSON.parse(event.body ?? '[]') as unknown[];
  const tokenCount = items.length;
  console.log('request', event.requestContext.requestId, 'items', items.length, tokenCount);
  console.info({ userId: event.requestContext.authorizer?.claims?.sub, path: event.path });
  return { statusCode: 204, body: '' };
};
`,
    },
    {
      name: 'Powertools logger: addContext(context) and specific fields (EventBridge)',
      filename: H,
      code: `import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, EventBridgeEvent } from 'aws-lambda';

const logger = new Logger({ serviceName: 'orders' });

export const handler = async (event: EventBridgeEvent<'OrderPlaced', { orderId: string }>, context: Context) => {
  logger.addContext(context);
  logger.info('order placed', { orderId: event.detail.orderId, requestId: context.awsRequestId });
};
`,
    },
    {
      name: 'redacted, measured or tested secrets',
      filename: H,
      code: `export const handler = async (event: { token: string; password?: string }) => {
  const { token, password } = event;
  console.log('token ends with', token.slice(-4), 'length', token.length);
  console.log('password set:', !!password, Boolean(password));
  const maskedToken = \`****\${token.slice(-4)}\`;
  console.log('token', maskedToken);
  return {};
};
`,
    },
    {
      name: 'ARNs and names of secrets; parameters read without decryption',
      filename: H,
      code: `import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { SSMClient, GetParameterCommand } from '@aws-sdk/client-ssm';

const sm = new SecretsManagerClient({});
const ssm = new SSMClient({});

export const handler = async () => {
  console.log('reading', process.env.DB_SECRET_ARN, process.env.TABLE_NAME);
  const secret = await sm.send(new GetSecretValueCommand({ SecretId: process.env.DB_SECRET_ARN }));
  console.log('read secret', secret.ARN, secret.VersionId);
  const param = await ssm.send(new GetParameterCommand({ Name: '/app/feature-flags' }));
  console.log('flags', param.Parameter?.Value);
};
`,
    },
    {
      name: 'a …Token or …Id read from the request path is an id, not a secret (issue 18)',
      filename: H,
      code: `import type { APIGatewayProxyEvent } from 'aws-lambda';
import { SFNClient, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';

const sfn = new SFNClient({});

export const handler = async (event: APIGatewayProxyEvent) => {
  const executionToken = event.pathParameters!.executionToken;
  const { taskToken } = event.pathParameters ?? {};
  console.log('resuming execution', executionToken, taskToken);
  console.info(\`approval for \${event.pathParameters?.token}\`, event['pathParameters']?.['sessionToken']);
  await sfn.send(new SendTaskSuccessCommand({ taskToken: executionToken!, output: '{}' }));
  return { statusCode: 202, body: JSON.stringify({ executionToken }) };
};
`,
    },
    {
      name: 'an object with a log method that is not a logger',
      filename: H,
      code: `const audit = { info: (...args: unknown[]) => args.length };

export const handler = async (event: unknown) => {
  audit.info(event);
};
`,
    },
    {
      name: 'not a handler file',
      filename: 'scripts/dump-env.ts',
      code: `export function dump(): void {
  console.log(process.env);
}

dump();
`,
    },
  ],
  invalid: [
    {
      name: 'the whole event of SNS, EventBridge, a custom resource and a direct invoke: no headers to speak of (issue 18)',
      filename: H,
      code: `import type { SNSEvent } from 'aws-lambda';

export const handler = async (event: SNSEvent) => {
  console.log(event);
};
export const onRule = async (event) => {
  console.log(JSON.stringify(event));
  return event.detail.orderId;
};
`,
      errors: [
        {
          line: 4,
          column: 15,
          endLine: 4,
          endColumn: 20,
          message: 'This logs the whole Lambda event, with everything its sender put in it. Log the fields you need, such as an id.',
        },
      ],
    },
    {
      name: 'the whole event: directly, stringified, in an object, spread (API Gateway)',
      filename: H,
      code: `import type { APIGatewayProxyEvent } from 'aws-lambda';

export const handler = async (event: APIGatewayProxyEvent) => {
  console.log(event);
  console.log('event', JSON.stringify(event, null, 2));
  console.info({ event });
  console.debug('copy', { ...event });
  return { statusCode: 200, body: '' };
};
`,
      errors: [
        {
          line: 4,
          column: 15,
          endLine: 4,
          endColumn: 20,
          message: /^This logs the whole Lambda event, with its headers \(Authorization, cookies\)/,
          related: [],
        },
        { line: 5, column: 39, endColumn: 44 },
        { line: 6, column: 18, endColumn: 23 },
        { line: 7, column: 30, endColumn: 35 },
      ],
    },
    {
      name: 'the context and process.env',
      filename: H,
      code: `import type { Context, SQSEvent } from 'aws-lambda';

export async function handler(event: SQSEvent, context: Context) {
  console.log('context', context);
  console.log(process.env);
  console.log('config', { env: process.env });
  return { batchItemFailures: [] };
}
`,
      errors: [
        {
          line: 4,
          column: 26,
          endColumn: 33,
          message: 'This logs the whole Lambda context. Log the fields you need, such as context.awsRequestId.',
        },
        { line: 5, column: 15, endColumn: 26, message: /^This logs process\.env/ },
        { line: 6, column: 32, endColumn: 43 },
      ],
    },
    {
      name: 'secret-looking identifiers and properties',
      filename: H,
      code: `import type { APIGatewayProxyEvent } from 'aws-lambda';

export const handler = async (event: APIGatewayProxyEvent) => {
  const body = JSON.parse(event.body ?? '{}');
  const { apiKey } = body;
  console.log('login', body.username, body.password);
  console.log({ apiKey });
  console.log('auth header', event.headers.Authorization);
  const pw = body.password;
  console.warn(\`retrying with \${pw}\`);
  return { statusCode: 200, body: '' };
};
`,
      errors: [
        {
          line: 6,
          column: 39,
          endColumn: 52,
          message: "This logs 'password', which looks like a secret. Log a redacted form, or that it is present, not the value.",
        },
        { line: 7, column: 17, endColumn: 23, message: /'apiKey'/ },
        { line: 8, column: 30, endColumn: 57, message: /'Authorization'/ },
        { line: 10, column: 33, endColumn: 35, message: /'password'/, related: [{ line: 9, column: 14, message: "'password' read here" }] },
      ],
    },
    {
      name: 'a token from a header or the body is still a secret when a path parameter is not (issue 18)',
      filename: H,
      code: `import type { APIGatewayProxyEvent } from 'aws-lambda';

export const handler = async (event: APIGatewayProxyEvent) => {
  const executionToken = event.pathParameters?.executionToken;
  const sessionToken = event.headers['x-session-token'];
  const { refreshToken } = JSON.parse(event.body ?? '{}');
  console.log('resume', executionToken, 'with', sessionToken, event.headers.Authorization, refreshToken);
  return { statusCode: 200, body: '' };
};
`,
      errors: [
        { line: 7, column: 49, endColumn: 61, message: /'x-session-token'/ },
        { line: 7, column: 63, endColumn: 90, message: /'Authorization'/ },
        { line: 7, column: 92, endColumn: 104, message: /'refreshToken'/ },
      ],
    },
    {
      name: 'a secret from Secrets Manager, through JSON.parse and destructuring',
      filename: H,
      code: `import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';

const client = new SecretsManagerClient({});

export const handler = async () => {
  const result = await client.send(new GetSecretValueCommand({ SecretId: process.env.DB_SECRET_ARN }));
  const { SecretString } = result;
  const db = JSON.parse(SecretString!);
  console.log('connecting with', db);
};
`,
      errors: [
        {
          line: 9,
          column: 34,
          endColumn: 36,
          message:
            'This logs a value fetched from Secrets Manager. A secret must never reach the logs: log that the fetch succeeded, not what it returned.',
          related: [
            { line: 6, column: 24, message: 'value fetched from Secrets Manager here' },
            { line: 8, column: 14, message: 'parsed here' },
          ],
        },
      ],
    },
    {
      name: 'SSM with decryption (SDK v3 command in a const), Powertools getSecret, SDK v2',
      filename: H,
      code: `import { SSMClient, GetParameterCommand } from '@aws-sdk/client-ssm';
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { SecretsManager } from 'aws-sdk';

const ssm = new SSMClient({});
const v2 = new SecretsManager();

export const handler = async () => {
  const command = new GetParameterCommand({ Name: '/app/db-password', WithDecryption: true });
  const { Parameter } = await ssm.send(command);
  console.log(Parameter?.Value);
  const apiSecret = await getSecret('payments/api');
  console.log(apiSecret);
  const legacy = await v2.getSecretValue({ SecretId: 'legacy' }).promise();
  console.log(legacy.SecretString);
};
`,
      errors: [
        { line: 11, column: 15, endColumn: 31, message: /SSM Parameter Store/ },
        { line: 13, column: 15, endColumn: 24, message: /Secrets Manager/ },
        { line: 15, column: 15, endColumn: 34, message: /Secrets Manager/ },
      ],
    },
    {
      name: 'pino, winston, bunyan and child loggers (S3 event)',
      filename: H,
      code: `import pino from 'pino';
import * as winston from 'winston';
import bunyan = require('bunyan');
import type { S3Event } from 'aws-lambda';

const log = pino();
const audit = winston.createLogger({ transports: [new winston.transports.Console()] });
const trace = bunyan.createLogger({ name: 'thumbnails' });

export const handler = async (event: S3Event) => {
  log.child({ component: 'resize' }).info(event);
  audit.info('received', { event });
  trace.debug(event);
  log.info({ key: event.Records[0].s3.object.key });
};
`,
      errors: [
        { line: 11, column: 43 },
        { line: 12, column: 28 },
        { line: 13, column: 15 },
      ],
    },
    {
      name: 'a secret-looking environment variable',
      filename: H,
      code: `export const handler = async () => {
  console.log('key', process.env.STRIPE_API_KEY);
};
`,
      errors: [
        {
          line: 2,
          column: 22,
          endColumn: 48,
          message: "This logs the environment variable 'STRIPE_API_KEY', which looks like a secret. Log that it is set, not its value.",
        },
      ],
    },
    {
      name: 'CommonJS handler with a Powertools logger from require',
      filename: 'lambda/handler.js',
      code: `const { Logger } = require('@aws-lambda-powertools/logger');

const logger = new Logger();

exports.handler = async (event) => {
  logger.info('incoming', event);
  return { statusCode: 200 };
};
`,
      errors: [{ line: 6, column: 27, endColumn: 32 }],
    },
    {
      name: 'a function named by a NodejsFunction in the CDK app',
      filename: 'lambda/main.ts',
      code: `export async function main(event: unknown) {
  console.log(event);
}
`,
      files: {
        'cdk.json': '{ "app": "npx ts-node bin/app.ts" }',
        'lib/stack.ts': `import { Stack } from 'aws-cdk-lib';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';

export class MainStack extends Stack {
  build() {
    new NodejsFunction(this, 'Main', { entry: 'lambda/main.ts', handler: 'main' });
  }
}
`,
      },
      errors: [
        {
          line: 2,
          column: 15,
          endColumn: 20,
          related: [{ file: 'lib/stack.ts', line: 6, column: 74, message: "Lambda handler of NodejsFunction 'Main', named here" }],
        },
      ],
    },
  ],
});
