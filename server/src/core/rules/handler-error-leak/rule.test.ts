import { ruleTester } from '../../../test/ruleTester';
import rule from './rule';

const H = 'lambda/handler.ts';

const createOrder = (catchBody: string) => `import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

const ddb = new DynamoDBClient({});

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  try {
    await ddb.send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: event.requestContext.requestId } } }));
    return { statusCode: 201, body: '' };
  } catch (err) {
${catchBody}
  }
};
`;

ruleTester(rule, {
  valid: [
    {
      name: 'a generic message, the error logged',
      filename: H,
      code: createOrder(`    console.error('create order failed', err);
    return { statusCode: 500, body: JSON.stringify({ message: 'Internal server error' }) };`),
    },
    {
      name: 'errors of a known class, by instanceof, name, or a type guard',
      filename: H,
      code: `import createError, { isHttpError } from 'http-errors';

class ValidationError extends Error {}

export const handler = async (event: { body: string }) => {
  try {
    if (!event.body) throw new ValidationError('body is required');
    if (event.body.length > 1000) throw createError(413, 'body too large');
    return { statusCode: 200, body: 'ok' };
  } catch (err) {
    if (err instanceof ValidationError) return { statusCode: 400, body: JSON.stringify({ message: err.message }) };
    if (isHttpError(err)) return { statusCode: err.statusCode, body: err.message };
    const e = err as { name?: string; message: string };
    if (e.name === 'ConditionalCheckFailedException') return { statusCode: 409, body: e.message };
    return { statusCode: 500, body: 'Internal server error' };
  }
};
`,
    },
    {
      name: 'not a response body: a Step Functions result, a log line',
      filename: H,
      code: `export const handler = async (event: { orderId: string }) => {
  try {
    return { ok: true, orderId: event.orderId };
  } catch (err) {
    console.error((err as Error).stack);
    return { ok: false, error: (err as Error).message };
  }
};
`,
    },
  ],
  invalid: [
    {
      name: 'a WebSocket route: the error reaches the client only on a two-way route (issue 18)',
      filename: 'lambda/handler.js',
      code: `export const handler = async (event) => {
  const connectionId = event.requestContext.connectionId;
  try {
    await send(connectionId, event.body);
    return { statusCode: 200 };
  } catch (err) {
    return { statusCode: 500, body: err.stack };
  }
};
async function send(id, data) {}
`,
      errors: [
        {
          line: 7,
          column: 37,
          endColumn: 46,
          message:
            "This WebSocket route's response carries the error's stack trace: it reaches the client if the route is two-way (has a route response). Log the error and return a generic message.",
        },
      ],
    },
    {
      name: 'the message of an unknown error (API Gateway): generic message fix',
      filename: H,
      code: createOrder(`    return { statusCode: 500, body: JSON.stringify({ message: (err as Error).message }) };`),
      errors: [
        {
          line: 11,
          column: 63,
          endLine: 11,
          endColumn: 85,
          message:
            'The response body carries the message of an unexpected error, which can reveal internals (queries, ARNs, paths). Log the error and return a generic message; return details only for errors you raise on purpose.',
          related: [
            { line: 10, column: 12, message: 'error caught here' },
            { line: 11, column: 12, message: 'returned in the response here' },
          ],
          fixes: [
            {
              title: 'Return a generic message and log the error',
              isPreferred: false,
              output: createOrder(`    console.error(err);
    return { statusCode: 500, body: JSON.stringify({ message: 'Internal server error' }) };`),
            },
          ],
        },
      ],
    },
    {
      name: 'the stack even of a known error; the error object stringified',
      filename: H,
      code: createOrder(`    console.warn('failed', err);
    if (err instanceof RangeError) return { statusCode: 500, body: JSON.stringify(err) };
    if (err instanceof SyntaxError) return { statusCode: 400, body: err.stack ?? '' };
    throw err;`),
      errors: [
        {
          line: 12,
          column: 83,
          endColumn: 86,
          message: 'The response body carries the caught error object itself. Log the error and return a generic message.',
          fixes: [
            {
              output: createOrder(`    console.warn('failed', err);
    if (err instanceof RangeError) return { statusCode: 500, body: JSON.stringify({
      message: 'Internal server error',
    }) };
    if (err instanceof SyntaxError) return { statusCode: 400, body: err.stack ?? '' };
    throw err;`),
            },
          ],
        },
        { line: 13, column: 69, endColumn: 78, message: /stack trace/ },
      ],
    },
    {
      name: 'through a variable: message or String(err)',
      filename: H,
      code: `export const handler = async () => {
  try {
    return { statusCode: 200, body: 'ok' };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { statusCode: 500, body: \`Failed: \${detail}\` };
  }
};
`,
      errors: [
        {
          line: 5,
          column: 45,
          endColumn: 58,
          message: /message of an unexpected error/,
          related: [
            { line: 4, column: 12 },
            { line: 6, column: 12 },
          ],
        },
        { line: 5, column: 68, endColumn: 73, message: /error object itself/ },
      ],
    },
    {
      name: 'a promise .catch and a response helper',
      filename: H,
      code: `function failure(e: Error) {
  return { statusCode: 500, body: JSON.stringify({ error: e.message }) };
}

async function work(): Promise<void> {}

export const handler = async () => work().then(() => ({ statusCode: 204, body: '' })).catch((e: Error) => failure(e));
`,
      errors: [
        {
          line: 2,
          column: 59,
          endColumn: 68,
          related: [
            { line: 7, column: 94, message: 'error caught here' },
            { line: 7, column: 115, message: 'passed to failure() here' },
            { line: 7, column: 36 },
          ],
        },
      ],
    },
    {
      name: 'CommonJS callback handler',
      filename: 'lambda/handler.js',
      code: `exports.handler = (event, context, callback) => {
  try {
    callback(null, { statusCode: 200, body: JSON.stringify({ id: event.id }) });
  } catch (e) {
    callback(null, { statusCode: 500, body: e.stack });
  }
};
`,
      errors: [{ line: 5, column: 45, endColumn: 52, message: /stack trace/ }],
    },
  ],
});
