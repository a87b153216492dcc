import { ruleTester } from '../../../test/ruleTester';
import rule from './rule';

const H = 'lambda/handler.ts';

const PARSED =
  'The request body is parsed and used without validation. Check it against a schema (zod, ajv, joi, yup, valibot, typebox, io-ts) or a type guard before using it.';

const createOrder = (parse: string, head = '') => `${head}import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';

const ddb = new DynamoDBClient({});

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
${parse}
  await ddb.send(new PutItemCommand({ TableName: process.env.TABLE_NAME, Item: { orderId: { S: order.orderId }, amount: { N: String(order.amount) } } }));
  return { statusCode: 201, body: JSON.stringify({ orderId: order.orderId }) };
};
`;

ruleTester(rule, {
  valid: [
    {
      name: 'an SQS record body stored and forwarded unparsed is not input to validate (issue 18)',
      filename: H,
      code: `import type { SQSEvent } from 'aws-lambda';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';

const db = new DynamoDBClient({});
const sns = new SNSClient({});

export const handler = async (event: SQSEvent) => {
  for (const record of event.Records) {
    await db.send(new PutItemCommand({ TableName: 'raw', Item: { id: { S: record.messageId }, body: { S: record.body } } }));
    await sns.send(new PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:t', Message: record.body }));
  }
};
`,
    },
    {
      name: 'SQS batch: each message parsed and stored is not an HTTP request body (spec v2, issue 18; was reported before)',
      filename: H,
      code: `import type { SQSEvent } from 'aws-lambda';
import { Pool } from 'pg';

const pool = new Pool();

export const handler = async (event: SQSEvent) => {
  for (const record of event.Records) {
    const message = JSON.parse(record.body);
    await pool.query('INSERT INTO orders (id, total) VALUES ($1, $2)', [message.id, message.total]);
  }
};
`,
    },
    {
      name: 'an untyped handler iterating event.Records: a record batch, parsed and stored (issue 18)',
      filename: 'lambda/consumer.js',
      code: `const AWS = require('aws-sdk');

const ddb = new AWS.DynamoDB.DocumentClient();

exports.handler = async (event) => {
  for (const record of event.Records) {
    const msg = JSON.parse(record.body);
    await ddb.put({ TableName: process.env.TABLE_NAME, Item: msg }).promise();
  }
  await Promise.all(event.Records.map((r) => ddb.put({ TableName: 'audit', Item: { id: JSON.parse(r.body).id } }).promise()));
};
`,
    },
    {
      name: 'an EventBridge Pipes / SQS batch given as an array: event[0].body (issue 18)',
      filename: H,
      code: `import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event: Array<{ body: string; messageId: string }>) => {
  const order = JSON.parse(event[0].body);
  await doc.send(new PutCommand({ TableName: 'orders', Item: { id: order.id, total: order.total } }));
  return event.map((r) => ({ id: r.messageId, order: JSON.parse(r.body) }));
};
`,
    },
    {
      name: 'a Powertools record handler typed SQSRecord: each record body parsed and stored (issue 18)',
      filename: H,
      code: `import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSEvent, SQSRecord, Context } from 'aws-lambda';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const processor = new BatchProcessor(EventType.SQS);

const recordHandler = async (record: SQSRecord) => {
  const payload = JSON.parse(record.body);
  await doc.send(new PutCommand({ TableName: 'orders', Item: { id: payload.id } }));
};

export const handler = async (event: SQSEvent, context: Context) => processPartialResponse(event, recordHandler, processor, { context });
`,
    },
    {
      name: 'zod safeParse, then .data (renamed import)',
      filename: H,
      code: `import { z as zod } from 'zod';
import type { APIGatewayProxyEvent } from 'aws-lambda';

const Order = zod.object({ orderId: zod.string().uuid(), amount: zod.number().positive() });

export const handler = async (event: APIGatewayProxyEvent) => {
  const result = Order.safeParse(JSON.parse(event.body ?? '{}'));
  if (!result.success) return { statusCode: 400, body: JSON.stringify({ message: 'Invalid order' }) };
  return { statusCode: 201, body: JSON.stringify({ orderId: result.data.orderId }) };
};
`,
    },
    {
      name: 'validated in a function the handler calls',
      filename: H,
      code: `import { z } from 'zod';

const Order = z.object({ orderId: z.string() });

function readOrder(body: string | null) {
  const raw = JSON.parse(body ?? '{}');
  return Order.parse(raw);
}

export const handler = async (event: { body: string | null }) => {
  const order = readOrder(event.body);
  return { statusCode: 200, body: order.orderId };
};
`,
    },
    {
      name: 'ajv: a compiled validator as a guard',
      filename: H,
      code: `import Ajv from 'ajv';

const ajv = new Ajv();
const validate = ajv.compile({ type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'] });

export const handler = async (event: { body: string }) => {
  const body = JSON.parse(event.body);
  if (!validate(body)) {
    return { statusCode: 400, body: JSON.stringify(validate.errors) };
  }
  return { statusCode: 200, body: String(body.orderId) };
};
`,
    },
    {
      name: 'ajv.validate(schema, data), joi, yup, valibot (SQS batch)',
      filename: H,
      code: `import Ajv from 'ajv';
import Joi from 'joi';
import * as yup from 'yup';
import * as v from 'valibot';
import type { SQSEvent } from 'aws-lambda';

const ajv = new Ajv();
const schema = { type: 'object' };
const joiSchema = Joi.object({ id: Joi.string().required() });
const yupSchema = yup.object({ id: yup.string().required() });
const Valibot = v.object({ id: v.string() });

export const handler = async (event: SQSEvent) => {
  for (const record of event.Records) {
    const a = JSON.parse(record.body);
    if (!ajv.validate(schema, a)) continue;
    console.log(a.id);
    const { value } = joiSchema.validate(JSON.parse(record.body));
    console.log(value.id);
    const b = await yupSchema.validate(JSON.parse(record.body));
    console.log(b.id);
    const c = v.parse(Valibot, JSON.parse(record.body));
    console.log(c.id);
  }
};
`,
    },
    {
      name: 'typebox and io-ts',
      filename: H,
      code: `import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import * as t from 'io-ts';
import { isRight } from 'fp-ts/Either';

const Order = Type.Object({ id: Type.String() });
const C = TypeCompiler.Compile(Order);
const Codec = t.type({ id: t.string });

export const handler = async (event: { body: string }) => {
  const a = JSON.parse(event.body);
  if (!Value.Check(Order, a)) return { statusCode: 400 };
  const b = JSON.parse(event.body);
  if (!C.Check(b)) return { statusCode: 400 };
  const decoded = Codec.decode(JSON.parse(event.body));
  if (!isRight(decoded)) return { statusCode: 400 };
  return { statusCode: 200, body: a.id + b.id + decoded.right.id };
};
`,
    },
    {
      name: 'a hand-written type guard, and typeof checks',
      filename: H,
      code: `interface Order {
  orderId: string;
}

function isOrder(value: unknown): value is Order {
  return typeof value === 'object' && value !== null && typeof (value as Order).orderId === 'string';
}

export const handler = async (event: { body: string }) => {
  const body = JSON.parse(event.body);
  if (!isOrder(body)) return { statusCode: 400 };
  const other = JSON.parse(event.body);
  if (typeof other.note !== 'string') return { statusCode: 400 };
  return { statusCode: 200, body: body.orderId + other.note };
};
`,
    },
    {
      name: 'middy with the validator middleware',
      filename: H,
      code: `import middy from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import validator from '@middy/validator';
import { transpileSchema } from '@middy/validator/transpile';

const lambdaHandler = async (event: { body: { orderId: string } }) => ({ statusCode: 200, body: event.body.orderId });

export const handler = middy(lambdaHandler)
  .use(httpJsonBodyParser())
  .use(validator({ eventSchema: transpileSchema({ type: 'object' }) }));
`,
    },
    {
      name: 'handed to another file: unknown code is no finding',
      filename: H,
      code: `import { createOrder } from './orders';

export const handler = async (event: { body: string }) => {
  const id = await createOrder(JSON.parse(event.body));
  return { statusCode: 201, body: id };
};
`,
    },
  ],
  invalid: [
    {
      name: 'parsed body read and stored (API Gateway): zod fix',
      filename: H,
      code: createOrder('  const order = JSON.parse(event.body!);'),
      errors: [
        {
          line: 7,
          column: 17,
          endLine: 7,
          endColumn: 40,
          message: PARSED,
          related: [
            { line: 7, column: 28, message: 'event.body read here' },
            { line: 8, column: 37, message: 'stored by PutItemCommand here without validation' },
            { line: 8, column: 96, message: "'orderId' read here without validation" },
            { line: 8, column: 133, message: "'amount' read here without validation" },
          ],
          fixes: [
            {
              title: 'Validate the request body with a zod schema',
              isPreferred: false,
              output: createOrder(
                `  const parsed = Schema.safeParse(JSON.parse(event.body ?? '{}'));
  if (!parsed.success) {
    return {
      statusCode: 400,
      body: JSON.stringify({ message: 'Invalid request body' }),
    };
  }
  const order = parsed.data;`,
              ).replace(
                "import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';\n",
                `import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';

// TODO: give each field of the request body its type (z.string(), z.number(), …).
const Schema = z.object({
  orderId: z.any(),
  amount: z.any(),
});
`,
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'destructured, with zod already imported and the body read with a fallback',
      filename: H,
      code: `import { z } from 'zod';

export const handler = async (event: { body: string | null }) => {
  const { name, 'e-mail': email } = JSON.parse(event.body || '{}');
  return { statusCode: 200, body: \`\${name} <\${email}>\` };
};
`,
      errors: [
        {
          line: 4,
          column: 37,
          endColumn: 67,
          fixes: [
            {
              output: `import { z } from 'zod';

// TODO: give each field of the request body its type (z.string(), z.number(), …).
const Schema = z.object({
  name: z.any(),
  'e-mail': z.any(),
});

export const handler = async (event: { body: string | null }) => {
  const parsed = Schema.safeParse(JSON.parse(event.body || '{}'));
  if (!parsed.success) {
    return {
      statusCode: 400,
      body: JSON.stringify({ message: 'Invalid request body' }),
    };
  }
  const { name, 'e-mail': email } = parsed.data;
  return { statusCode: 200, body: \`\${name} <\${email}>\` };
};
`,
            },
          ],
        },
      ],
    },
    {
      name: 'CommonJS: the fix requires zod',
      filename: 'lambda/handler.js',
      code: `const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');

const ddb = new DynamoDBClient({});

exports.handler = async (event) => {
  const item = JSON.parse(event.body);
  await ddb.send(new PutItemCommand({ TableName: 'items', Item: item }));
  return { statusCode: 201 };
};
`,
      errors: [
        {
          line: 6,
          column: 16,
          related: [
            { line: 6, column: 27, message: 'event.body read here' },
            { line: 7, column: 37, message: 'stored by PutItemCommand here without validation' },
          ],
          fixes: [
            {
              output: `const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');
const { z } = require('zod');

// TODO: give each field of the request body its type (z.string(), z.number(), …).
const Schema = z.object({});

const ddb = new DynamoDBClient({});

exports.handler = async (event) => {
  const parsed = Schema.safeParse(JSON.parse(event.body ?? '{}'));
  if (!parsed.success) {
    return {
      statusCode: 400,
      body: JSON.stringify({ message: 'Invalid request body' }),
    };
  }
  const item = parsed.data;
  await ddb.send(new PutItemCommand({ TableName: 'items', Item: item }));
  return { statusCode: 201 };
};
`,
            },
          ],
        },
      ],
    },
    {
      name: 'the raw body stored, and echoed in the response',
      filename: H,
      code: `import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event: { body: string; isBase64Encoded: boolean }) => {
  await doc.send(new PutCommand({ TableName: 'raw', Item: { id: 'x', payload: event.body } }));
  return { statusCode: 200, body: event.body };
};
`,
      errors: [
        {
          line: 7,
          column: 79,
          endColumn: 89,
          message:
            'event.body is used without validation. Parse it and check it against a schema (zod, ajv, joi, yup, valibot, typebox, io-ts) or a type guard before using it.',
          related: [{ line: 7, column: 33, message: 'stored by PutCommand here without validation' }],
          fixes: [],
        },
        { line: 8, column: 35, endColumn: 45, related: [{ line: 8, column: 10, message: 'returned in the response here' }] },
      ],
    },
    ...['APIGatewayProxyWebsocketEventV2', 'ALBEvent', 'LambdaFunctionURLEvent', 'APIGatewayProxyEventV2'].map((type) => ({
      name: `every HTTP event stays flagged: ${type} (issue 18)`,
      filename: H,
      code: `import type { ${type} } from 'aws-lambda';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event: ${type}) => {
  const msg = JSON.parse(event.body ?? '{}');
  await doc.send(new PutCommand({ TableName: 'messages', Item: { room: msg.room } }));
  return { statusCode: 200 };
};
`,
      errors: [{ line: 8, column: 15, endColumn: 45, messageId: 'parsed' }],
    })),
    {
      name: 'a truthiness check is not validation; a value returned in the response',
      filename: H,
      code: `export const handler = async (event: { body: string }) => {
  const input = JSON.parse(event.body);
  if (!input.email) return { statusCode: 400, body: 'email required' };
  return { statusCode: 200, body: JSON.stringify({ received: input }) };
};
`,
      errors: [
        {
          line: 2,
          column: 17,
          related: [
            { line: 2, column: 28 },
            { line: 3, column: 8 },
            { line: 4, column: 10, message: 'returned in the response here' },
          ],
        },
      ],
    },
    {
      name: 'parsed in a local helper',
      filename: H,
      code: `function bodyOf(event: { body: string | null }) {
  return JSON.parse(event.body ?? '{}');
}

export const handler = async (event: { body: string | null }) => {
  const order = bodyOf(event);
  return { statusCode: 200, body: String(order.quantity * 2) };
};
`,
      errors: [
        {
          line: 2,
          column: 10,
          related: [
            { line: 6, column: 24, message: 'passed to bodyOf() here' },
            { line: 2, column: 21, message: 'event.body read here' },
            { line: 7, column: 42, message: "'quantity' read here without validation" },
          ],
          fixes: [],
        },
      ],
    },
  ],
});
