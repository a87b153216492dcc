import { ruleTester } from '../../../test/ruleTester';
import rule from './rule';

const H = 'lambda/handler.ts';

ruleTester(rule, {
  valid: [
    {
      name: 'parameterised queries, tagged templates, constant SQL text',
      filename: H,
      code: `import { Pool } from 'pg';
import postgres from 'postgres';
import type { APIGatewayProxyEvent } from 'aws-lambda';

const pool = new Pool();
const sql = postgres();
const TABLE = 'orders';

export const handler = async (event: APIGatewayProxyEvent) => {
  const id = event.pathParameters?.id;
  await pool.query('SELECT * FROM orders WHERE id = $1', [id]);
  await pool.query(\`SELECT * FROM \${TABLE} WHERE id = $1\`, [id]);
  await sql\`SELECT * FROM orders WHERE id = \${id}\`;
  const limit = Number(event.queryStringParameters?.limit ?? 10);
  await pool.query(\`SELECT * FROM orders LIMIT \${limit}\`);
  return { statusCode: 200, body: '' };
};
`,
    },
    {
      name: 'validated values, an allow-list pattern, escapers',
      filename: H,
      code: `import { z } from 'zod';
import { exec } from 'node:child_process';
import { quote } from 'shell-quote';
import mysql from 'mysql2/promise';

const Query = z.object({ status: z.enum(['open', 'closed']) });

export const handler = async (event: { body: string; name: string; dir: string; id: string }) => {
  const conn = await mysql.createConnection({});
  const { status } = Query.parse(JSON.parse(event.body));
  await conn.query(\`SELECT * FROM orders WHERE status = '\${status}'\`);
  if (!/^[a-z0-9-]+$/.test(event.name)) return { statusCode: 400 };
  exec(\`convert \${event.name}.png out.jpg\`);
  exec(\`ls \${quote([event.dir])}\`);
  await conn.query('SELECT * FROM t WHERE id = ' + mysql.escape(event.id));
  return { statusCode: 200 };
};
`,
    },
    {
      name: 'no shell: execFile and spawn with an argument array',
      filename: H,
      code: `import { execFile, spawn } from 'child_process';

export const handler = async (event: { file: string }) => {
  execFile('convert', [event.file, 'out.png']);
  spawn('tar', ['xzf', event.file], { shell: false });
};
`,
    },
    {
      name: 'a DynamoDB query object is not SQL text',
      filename: H,
      code: `import { DynamoDB } from 'aws-sdk';

const docs = new DynamoDB.DocumentClient();

export const handler = async (event: { pathParameters: { id: string } }) =>
  docs.query({ TableName: 'orders', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': \`ORDER#\${event.pathParameters.id}\` } }).promise();
`,
    },
  ],
  invalid: [
    {
      name: 'one execSync call with two pieces of event data: one finding, the other piece related (issue 18)',
      filename: 'lambda/handler.ts',
      code: `import { execSync } from 'child_process';
export const handler = async (event: any) => {
  const url = event.queryStringParameters.url;
  const file = event.queryStringParameters.file;
  execSync(\`curl \${url} -o \${file}\`, { stdio: 'inherit' });
};
`,
      errors: [
        {
          line: 5,
          column: 20,
          endColumn: 23,
          message: /^Event data reaches a shell command \(execSync\)/,
          related: [
            { line: 3, column: 15, message: 'event.queryStringParameters.url read here' },
            { line: 5, column: 3, message: /./ },
            { line: 5, column: 30, message: 'more event data here' },
          ],
        },
      ],
    },
    {
      name: 'eval and new Function',
      filename: H,
      code: `import type { APIGatewayProxyEvent } from 'aws-lambda';

export const handler = async (event: APIGatewayProxyEvent) => {
  const result = eval(event.body!);
  const body = JSON.parse(event.body ?? '{}');
  const fn = new Function('x', 'return ' + body.expression);
  return { statusCode: 200, body: String(result) + fn(1) };
};
`,
      errors: [
        {
          line: 4,
          column: 23,
          endColumn: 33,
          message:
            'Event data reaches eval(): whoever sends the event decides what code runs. Never evaluate input; look values up in a fixed table instead.',
          related: [{ line: 4, column: 18, message: 'evaluated as code here' }],
          fixes: [],
        },
        {
          line: 6,
          column: 44,
          endColumn: 59,
          message: /^Event data reaches new Function\(\)/,
          related: [
            { line: 5, column: 27, message: 'event.body read here' },
            { line: 5, column: 16, message: 'parsed here' },
            { line: 6, column: 14, message: 'evaluated as code here' },
          ],
        },
      ],
    },
    {
      name: 'S3 event: an object key in a shell command',
      filename: H,
      code: `import { exec } from 'node:child_process';
import type { S3Event } from 'aws-lambda';

export const handler = async (event: S3Event) => {
  for (const record of event.Records) {
    const key = decodeURIComponent(record.s3.object.key.replace(/\\+/g, ' '));
    exec(\`convert /tmp/\${key} /tmp/thumb.png\`);
  }
};
`,
      errors: [
        {
          line: 7,
          column: 26,
          endColumn: 29,
          message:
            'Event data reaches a shell command (exec): whoever sends the event can run any command. Use execFile/spawn with an argument array and no shell, and allow-list the values.',
          related: [
            { line: 5, column: 24, message: 'event.Records read here' },
            { line: 7, column: 5, message: 'run as a shell command here' },
          ],
        },
      ],
    },
    {
      name: 'namespace import, promisify, spawn with a shell',
      filename: H,
      code: `import * as cp from 'child_process';
import { promisify } from 'util';

const run = promisify(cp.exec);

export const handler = async (event: { detail: { repo: string; archive: string } }) => {
  cp.execSync('git clone ' + event.detail.repo);
  await run(\`git -C repo pull \${event.detail.repo}\`);
  cp.spawn(\`tar xzf \${event.detail.archive}\`, { shell: true });
};
`,
      errors: [
        { line: 7, column: 30, endColumn: 47, message: /a shell command \(execSync\)/ },
        { line: 8, column: 33, endColumn: 50, message: /a shell command \(exec\)/ },
        { line: 9, column: 23, endColumn: 43, message: /a shell command \(spawn\)/ },
      ],
    },
    {
      name: 'EventBridge: vm.runInNewContext',
      filename: H,
      code: `import vm from 'node:vm';
import type { EventBridgeEvent } from 'aws-lambda';

export const handler = async (event: EventBridgeEvent<'Rule', { expression: string }>) => vm.runInNewContext(event.detail.expression, {});
`,
      errors: [{ line: 4, column: 110, endColumn: 133, message: /^Event data reaches code run by vm/ }],
    },
    {
      name: 'SQL built by concatenation in a variable, by a template, with +=',
      filename: H,
      code: `import { Pool } from 'pg';
import knex from 'knex';
import type { APIGatewayProxyEvent } from 'aws-lambda';

const pool = new Pool();
const db = knex({ client: 'pg' });

export const handler = async (event: APIGatewayProxyEvent) => {
  const email = event.queryStringParameters?.email;
  const query = "SELECT * FROM users WHERE email = '" + email + "'";
  await pool.query(query);
  const body = JSON.parse(event.body ?? '{}');
  await db.raw(\`DELETE FROM sessions WHERE user_id = '\${body.userId}'\`);
  let sql = 'SELECT * FROM orders';
  if (body.status) sql += \` WHERE status = '\${body.status}'\`;
  await pool.query(sql);
  return { statusCode: 204, body: '' };
};
`,
      errors: [
        {
          line: 10,
          column: 57,
          endColumn: 62,
          message:
            'Event data is built into SQL text passed to query(): SQL injection. Use a parameterised query, such as query(sql, [values]).',
          related: [
            { line: 9, column: 17, message: 'event.queryStringParameters?.email read here' },
            { line: 11, column: 9, message: 'run as SQL here' },
          ],
        },
        { line: 13, column: 57, endColumn: 68, message: /passed to raw\(\)/ },
        {
          line: 15,
          column: 47,
          endColumn: 58,
          message: /passed to query\(\)/,
          related: [
            { line: 12, column: 27 },
            { line: 12, column: 16 },
            { line: 16, column: 9 },
          ],
        },
      ],
    },
    {
      name: 'through a local helper; a typeof check is not validation',
      filename: H,
      code: `import mysql from 'mysql2/promise';

async function findOrders(where: string) {
  const conn = await mysql.createConnection({});
  return conn.execute('SELECT * FROM orders WHERE ' + where);
}

export const handler = async (event: { queryStringParameters: { customer: unknown } }) => {
  const customer = event.queryStringParameters.customer;
  if (typeof customer !== 'string') return { statusCode: 400 };
  return findOrders(\`customer = '\${customer}'\`);
};
`,
      errors: [
        {
          line: 5,
          column: 55,
          endColumn: 60,
          related: [
            { line: 9, column: 20, message: 'event.queryStringParameters.customer read here' },
            { line: 11, column: 21, message: 'passed to findOrders() here' },
            { line: 5, column: 10, message: 'run as SQL here' },
          ],
        },
      ],
    },
    {
      name: 'CommonJS callback handler',
      filename: 'lambda/ping.js',
      code: `const { exec } = require('child_process');

exports.handler = (event, context, callback) => {
  exec('ping -c 1 ' + event.host, (error, stdout) => callback(error, stdout));
};
`,
      errors: [{ line: 4, column: 23, endColumn: 33 }],
    },
  ],
});
