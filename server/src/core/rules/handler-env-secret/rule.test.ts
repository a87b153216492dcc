import { ruleTester } from '../../../test/ruleTester';
import rule from './rule';

const H = 'lambda/handler.ts';

ruleTester(rule, {
  valid: [
    {
      name: 'references and plain settings: table names, secret ARNs',
      filename: H,
      code: `import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';

const ddb = new DynamoDBClient({ region: process.env.AWS_REGION });
const sm = new SecretsManagerClient({});

export const handler = async (event: { id: string }) => {
  const secret = await sm.send(new GetSecretValueCommand({ SecretId: process.env.API_KEY_SECRET_ARN }));
  await ddb.send(new GetItemCommand({ TableName: process.env.TABLE_NAME, Key: { id: { S: event.id } } }));
  return secret.ARN;
};
`,
    },
    {
      name: 'a secret-looking name under a key that is not a credential',
      filename: H,
      code: `import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';

const ddb = new DynamoDBClient({});

export const handler = async () => ddb.send(new ScanCommand({ TableName: process.env.TOKEN_TABLE }));
`,
    },
    {
      name: 'existence checks, comparisons and logging are not credential uses',
      filename: H,
      code: `import type { APIGatewayProxyEvent } from 'aws-lambda';

export const handler = async (event: APIGatewayProxyEvent) => {
  if (!process.env.API_KEY) throw new Error('API_KEY is not set');
  if (event.headers['x-api-key'] !== process.env.API_KEY) return { statusCode: 403, body: '' };
  console.log('key configured', process.env.API_KEY.length > 0);
  return { statusCode: 200, body: '' };
};
`,
    },
    {
      name: 'a local function that only checks the value',
      filename: H,
      code: `function required(value: string | undefined): string {
  if (!value) throw new Error('missing setting');
  return value;
}

export const handler = async () => {
  required(process.env.WEBHOOK_SECRET);
};
`,
    },
    {
      name: "the function's own role credentials, set by the Lambda runtime",
      filename: H,
      code: `import { S3Client } from '@aws-sdk/client-s3';

const s3 = new S3Client({
  credentials: {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID!,
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY!,
    sessionToken: process.env.AWS_SESSION_TOKEN,
  },
});

export const handler = async () => s3.config.region();
`,
    },
    {
      name: 'not a handler file',
      filename: 'scripts/seed.ts',
      code: `import Stripe from 'stripe';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
void stripe.customers.list();
`,
    },
  ],
  invalid: [
    {
      name: 'an SDK client built at module level',
      filename: H,
      code: `import Stripe from 'stripe';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export const handler = async (event: { customerId: string }) => stripe.customers.retrieve(event.customerId);
`,
      errors: [
        {
          line: 3,
          column: 27,
          endLine: 3,
          endColumn: 56,
          message:
            "'STRIPE_SECRET_KEY' comes from an environment variable and is used as a credential. Anyone who can read the function's configuration can read it: store it in Secrets Manager, pass its ARN (for example STRIPE_SECRET_KEY_SECRET_ARN), and fetch it with GetSecretValueCommand, cached outside the handler.",
          related: [{ line: 3, column: 16, message: 'used as a credential by new Stripe() here' }],
          fixes: [],
        },
      ],
    },
    {
      name: 'a read inside the async handler: the fix fetches the secret once per container',
      filename: H,
      code: `import Stripe from 'stripe';

export const handler = async (event: { customerId: string }) => {
  const stripe = new Stripe(process.env.STRIPE_API_KEY!);
  return stripe.customers.retrieve(event.customerId);
};
`,
      errors: [
        {
          line: 4,
          column: 29,
          endLine: 4,
          endColumn: 55,
          related: [{ line: 4, column: 18, message: 'used as a credential by new Stripe() here' }],
          fixes: [
            {
              title: 'Read STRIPE_API_KEY from Secrets Manager (cached, from STRIPE_API_KEY_SECRET_ARN)',
              isPreferred: false,
              output: `import Stripe from 'stripe';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

const secretsManager = new SecretsManagerClient({});
let cachedStripeApiKey: string | undefined;

/** STRIPE_API_KEY from Secrets Manager (the secret whose ARN is in STRIPE_API_KEY_SECRET_ARN), fetched once per container. */
async function getStripeApiKey(): Promise<string> {
  if (cachedStripeApiKey === undefined) {
    const result = await secretsManager.send(new GetSecretValueCommand({
      SecretId: process.env.STRIPE_API_KEY_SECRET_ARN,
    }));
    if (result.SecretString === undefined) throw new Error('The STRIPE_API_KEY secret has no string value');
    cachedStripeApiKey = result.SecretString;
  }
  return cachedStripeApiKey;
}

export const handler = async (event: { customerId: string }) => {
  const stripe = new Stripe(await getStripeApiKey());
  return stripe.customers.retrieve(event.customerId);
};
`,
            },
          ],
        },
      ],
    },
    {
      name: 'an option of a client, a Bearer header, a connection string',
      filename: H,
      code: `import OpenAI from 'openai';
import { Client } from 'pg';

const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });

export const handler = async () => {
  const db = new Client({ connectionString: \`postgres://app:\${process.env.DB_PASSWORD}@db.internal/app\` });
  await db.connect();
  const res = await fetch('https://api.example.com/v1/orders', {
    headers: { Authorization: \`Bearer \${process.env.PARTNER_API_TOKEN}\` },
  });
  return { models: await openai.models.list(), orders: await res.json() };
};
`,
      errors: [
        {
          line: 4,
          column: 37,
          endColumn: 63,
          message: /^'OPENAI_API_KEY'/,
          related: [{ line: 4, column: 16, message: 'used as a credential by new OpenAI() here' }],
        },
        { line: 7, column: 63, endColumn: 86, message: /^'DB_PASSWORD'/ },
        {
          line: 10,
          column: 41,
          endColumn: 70,
          message: /^'PARTNER_API_TOKEN'/,
          related: [{ line: 9, column: 21, message: 'used as a credential by fetch() here' }],
        },
      ],
    },
    {
      name: 'destructured from process.env and passed on in an object',
      filename: H,
      code: `import { Pool } from 'pg';

const { DB_PASSWORD, DB_HOST } = process.env;
const pool = new Pool({ host: DB_HOST, user: 'app', password: DB_PASSWORD });

export const handler = async () => pool.query('SELECT 1');
`,
      errors: [
        {
          line: 3,
          column: 9,
          endColumn: 20,
          message: /^'DB_PASSWORD'/,
          related: [{ line: 4, column: 23, message: 'used as a credential by new Pool() here' }],
        },
      ],
    },
    {
      name: "process.env['X'] as a positional argument; createHmac",
      filename: H,
      code: `import * as jwt from 'jsonwebtoken';
import { createHmac } from 'node:crypto';

export const handler = async (event: { sub: string; payload: string }) => {
  const token = jwt.sign({ sub: event.sub }, process.env['JWT_SECRET']!);
  const signature = createHmac('sha256', process.env.WEBHOOK_SIGNING_KEY!).update(event.payload).digest('hex');
  return { token, signature };
};
`,
      errors: [
        { line: 5, column: 46, endColumn: 71, message: /^'JWT_SECRET'/ },
        { line: 6, column: 42, endColumn: 73, message: /^'WEBHOOK_SIGNING_KEY'/ },
      ],
    },
    {
      name: 'through a variable and a local function',
      filename: H,
      code: `const githubToken = process.env.GITHUB_TOKEN;

async function getRepo(name: string, token: string | undefined) {
  return fetch(\`https://api.github.com/repos/\${name}\`, { headers: { authorization: \`token \${token}\` } });
}

export const handler = async (event: { repo: string }) => getRepo(event.repo, githubToken);
`,
      errors: [
        {
          line: 1,
          column: 21,
          endColumn: 45,
          related: [
            { line: 7, column: 79, message: 'passed to getRepo() here' },
            { line: 4, column: 56, message: 'used as a credential by fetch() here' },
          ],
        },
      ],
    },
    {
      name: 'CommonJS handler',
      filename: 'lambda/notify.js',
      code: `const sgMail = require('@sendgrid/mail');

const apiKey = process.env.SENDGRID_API_KEY;
sgMail.setApiKey(apiKey);

exports.handler = async (event) => sgMail.send({ to: event.to, from: 'noreply@example.com', subject: 'Hi', text: 'Hello' });
`,
      errors: [
        {
          line: 3,
          column: 16,
          endColumn: 44,
          related: [{ line: 4, column: 18, message: 'used as a credential by sgMail.setApiKey() here' }],
        },
      ],
    },
  ],
});
