import { ruleTester } from '../../../test/ruleTester';
import { AWS_SECRET, JWT } from '../../../test/secretSamples';
import { lambdaFunction, stackFixture } from '../../../test/cdkFixtures';
import rule from './rule';

/** A stack file whose constructor body starts on line 8. */
const { stack } = stackFixture(["import * as lambda from 'aws-cdk-lib/aws-lambda';"], 'PaymentsStack');

const HANDLER = 'lambda/charge/index.ts';
const STRIPE = 'sk_live_51AbCdEfGh1234567890AbCdEf';
const GITHUB = 'ghp_AbCdEfGh1234567890AbCdEfGh1234567890';

const STRIPE_MESSAGE =
  'Hard-coded Stripe live secret key (sk_l…). Anyone who can read the repository or the deployed code can use it: revoke it, and load the new one at runtime from Secrets Manager or SSM Parameter Store.';

ruleTester(rule, {
  valid: [
    {
      name: 'secret-looking names that are not (issue 18): Key/Value pairs, S3 object keys, VTL and JSONPath, dotted settings, JSON templates',
      filename: 'lib/stack.ts',
      code: `export const attributes = [{ Key: 'access_logs.s3.enabled', Value: 'true' }];
export const put = { Bucket: 'reports', Key: 'serverless/exports/2024-06-01-summary.json', Body: '' };
export const mapping = { PartitionKey: "$input.path('$.partitionKey')", Data: "$util.base64Encode($input.body)" };
export const headers = { 'Idempotency-Key': '$.detail.metadata.idempotencyKey' };
const thisKey = 'orders#2024-06-01T10:00:00Z';
export const template = { secretStringTemplate: '{"username":"admin","engine":"postgres"}' };
export const setting = { apiSecretHeader: 'x.forwarded.client.secret' };
export { thisKey };
`,
    },
    {
      name: 'placeholders, documentation examples and a fallback that is a placeholder',
      filename: HANDLER,
      code: `const apiKey = process.env.STRIPE_API_KEY ?? 'changeme';
const partnerToken = '<your-partner-token>';
const github = 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';
const local = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const sampleJwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

export const handler = async () => ({ apiKey, partnerToken, github, local, sampleJwt });
`,
    },
    {
      name: 'secret-looking names holding references, ids, words and short values',
      filename: HANDLER,
      code: `const stripeSecret = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/payments/stripe-AbCdEf';
const sessionToken = '3f1c2b9e-4a5d-4e6f-8a7b-9c0d1e2f3a4b';
const tokenAccount = '111122223333';
const tokenEndpoint = 'https://auth.payments.internal/oauth2/token';
const apiKeyHeader = 'x-api-key';
const passwordParameter = '/prod/payments/db-password';
const secretKind = 'SecretsManagerSecretString';
const password = 'hunter2';
const headers = { Authorization: \`Bearer \${process.env.TOKEN}\` };

export const handler = async () => ({ stripeSecret, sessionToken, tokenAccount, tokenEndpoint, apiKeyHeader, passwordParameter, secretKind, password, headers });
`,
    },
    {
      name: 'typed passwords, settings and repetitive values under secret names: a short value must be denser, a long one spread wider (issue 18)',
      filename: HANDLER,
      code: `const dbPassword = 'myPassword2024!!';
const adminPassword = 'welcome2024Admin';
const apiToken = 'ServiceRole-2024-06-01';
const webhookSecret = 'Hello,World!ThisIsIt';
const signingSecret = 'Ab1Cd2Ef3Gh4Ab1Cd2Ef3Gh4Ab1Cd2E';

export const handler = async () => ({ dbPassword, adminPassword, apiToken, webhookSecret, signingSecret });
`,
    },
    {
      name: 'random values under names that do not look secret; a 40-character string with no access key near',
      filename: HANDLER,
      code: `const requestId = 'Qw3rTy7uIoP9aSdF';
const checksum = '${AWS_SECRET}';
const commit = '3f786850e387550fdab836ed7e6dc881de23001b';

export const handler = async () => ({ requestId, checksum, commit });
`,
    },
    {
      name: 'module specifiers, property names and literal types are not values',
      filename: HANDLER,
      code: `import type { Charge } from './AKIAZ7Q4R2M6N8P3K5W1';

type Key = '${STRIPE}';
const byKey = { '${STRIPE}': 1 };

export const handler = async (charge: Charge, key: Key) => ({ charge, key, byKey });
`,
      files: { 'lambda/charge/AKIAZ7Q4R2M6N8P3K5W1.ts': 'export interface Charge { id: string }\n' },
    },
    {
      name: 'a secret in a Lambda environment or in unsafePlainText is left to the rule for that',
      code: `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';

const STRIPE_API_KEY = '${STRIPE}';

export class PaymentsStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    const charge = new lambda.Function(this, 'Charge', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda/charge'),
      environment: { STRIPE_API_KEY, GITHUB_TOKEN: '${GITHUB}' },
    });
    charge.addEnvironment('PARTNER_SECRET', 'Qw3rTy7uIoP9aSdF');
    new secretsmanager.Secret(this, 'Partner', { secretStringValue: cdk.SecretValue.unsafePlainText('${JWT}') });
  }
}
`,
    },
    {
      name: 'placeholder patterns from the configuration',
      filename: HANDLER,
      config: { placeholderPatterns: ['^sk_live_51AbCd', '^Qw3r'] },
      code: `const stripe = '${STRIPE}';
const webhookSecret = 'Qw3rTy7uIoP9aSdF';

export const handler = async () => ({ stripe, webhookSecret });
`,
    },
    {
      name: 'turned off (test fixtures opt out per folder)',
      filename: 'test/fixtures/charge.ts',
      config: { rules: { 'hardcoded-secret': 'off' } },
      code: `export const stripe = '${STRIPE}';\n`,
    },
  ],
  invalid: [
    // ---- Credential formats, in any file -------------------------------------------------
    {
      name: 'a Stripe live key in a handler: the range is the literal',
      filename: HANDLER,
      code: `import Stripe from 'stripe';

const stripe = new Stripe('${STRIPE}');

export const handler = async (event: { amount: number }) => stripe.paymentIntents.create({ amount: event.amount, currency: 'eur' });
`,
      errors: [{ line: 3, column: 27, endLine: 3, endColumn: 63, message: STRIPE_MESSAGE, related: [], fixes: [] }],
    },
    {
      name: 'every format of the credential table',
      filename: HANDLER,
      code: `export const github = '${GITHUB}';
export const githubFineGrained = 'github_pat_AbCdEfGh1234567890AbCd_AbCdEfGh1234567890AbCdEfGh1234567890AbCdEfGh1234567890AbCdE';
export const slack = 'xoxb-123456789012-1234567890123-AbCdEfGh1234567890AbCdEf';
export const restricted = 'rk_live_51AbCdEfGh1234567890AbCdEf';
export const openai = 'sk-proj-AbCdEfGh1234567890AbCdEfGh1234567890';
export const session = '${JWT}';
export const hook = \`https://api.partner.internal/hooks?token=${GITHUB}\`;
`,
      errors: [
        { line: 1, column: 23, endLine: 1, endColumn: 65, message: /^Hard-coded GitHub token \(ghp_…\)\. / },
        { line: 2, column: 34, endLine: 2, endColumn: 129, message: /^Hard-coded GitHub fine-grained personal access token \(gith…\)\. / },
        { line: 3, column: 22, endLine: 3, endColumn: 80, message: /^Hard-coded Slack token \(xoxb…\)\. / },
        { line: 4, column: 27, endLine: 4, endColumn: 63, message: /^Hard-coded Stripe live restricted key \(rk_l…\)\. / },
        { line: 5, column: 23, endLine: 5, endColumn: 69, message: /^Hard-coded OpenAI API key \(sk-p…\)\. / },
        { line: 6, column: 24, endLine: 6, endColumn: 162, message: /^Hard-coded JSON Web Token \(eyJh…\)\. / },
        { line: 7, column: 21, endLine: 7, endColumn: 104, message: /^Hard-coded GitHub token \(ghp_…\)\. / },
      ],
    },
    {
      name: 'an AWS access key and its secret key side by side (a CommonJS handler)',
      filename: 'lambda/upload/index.js',
      code: `const { S3Client } = require('@aws-sdk/client-s3');

const s3 = new S3Client({
  region: 'eu-west-1',
  credentials: {
    accessKeyId: 'AKIAZ7Q4R2M6N8P3K5W1',
    secretAccessKey: '${AWS_SECRET}',
  },
});

exports.handler = async () => s3.config.region();
`,
      errors: [
        { line: 6, column: 18, endLine: 6, endColumn: 40, message: /^Hard-coded AWS access key ID \(AKIA…\)\. / },
        { line: 7, column: 22, endLine: 7, endColumn: 64, message: /^Hard-coded AWS secret access key \(Zx9Q…\)\. / },
      ],
    },
    {
      name: 'a secret access key a few lines from the access key id, outside any object',
      filename: HANDLER,
      code: `const ACCESS = 'AKIAZ7Q4R2M6N8P3K5W1';
const REGION = 'eu-west-1';
const SIGNATURE_SEED = '${AWS_SECRET}';

export const handler = async () => [ACCESS, REGION, SIGNATURE_SEED].length;
`,
      errors: [
        { line: 1, column: 16, endLine: 1, endColumn: 38 },
        { line: 3, column: 24, endLine: 3, endColumn: 66, message: /AWS secret access key/ },
      ],
    },
    {
      name: 'a PEM private key in a template literal, and one built by concatenation',
      filename: HANDLER,
      code: `export const signingKey = \`-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC1234567890AbCd
AbCdEfGh1234567890AbCdEfGh1234567890AbCdEfGh1234567890AbCdEfGh12
-----END PRIVATE KEY-----\`;

export const legacyKey =
  '-----BEGIN RSA PRIVATE KEY-----\\n' +
  'MIIEowIBAAKCAQEA1234567890AbCdEfGh1234567890AbCdEfGh1234567890AbCd\\n' +
  '-----END RSA PRIVATE KEY-----\\n';

export const isPem = (text: string) => text.startsWith('-----BEGIN RSA PRIVATE KEY-----');
`,
      errors: [
        { line: 1, column: 27, endLine: 4, endColumn: 27, message: /^Hard-coded private key \(PEM block\) \(----…\)\. / },
        { line: 7, column: 3, endLine: 9, endColumn: 36, message: /^Hard-coded private key \(PEM block\)/ },
      ],
    },

    // ---- Random-looking values under secret-looking names --------------------------------
    {
      name: 'named: variable, property, class field, default parameter, destructuring default, assignment, fallback',
      filename: HANDLER,
      code: `const webhookSecret = 'Qw3rTy7uIoP9aSdF';
const config = { partnerApiKey: 'Zx9Qw8Er7Ty6Ui5Op4As3Df2' };

class PartnerClient {
  private readonly clientSecret = 'Lm4Nb7Vc2Xz9As5D';

  constructor(private readonly authToken = 'Pq8Wo3Ei6Ru1Ty4U') {}

  headers(): Record<string, string> {
    return { Authorization: 'Bearer Hj5Kl8Mn2Bv6Cx9Z', 'x-api-key': '9f86d081884c7d659a2feaa0c55ad015' };
  }
}

export const handler = async (event: { options?: { signingKey?: string } }) => {
  const { signingKey = 'Ty6Ui5Op4As3Df2G' } = event.options ?? {};
  const settings: { dbPassword?: string } = {};
  settings.dbPassword = 'Gh1Jk0LmNbVcXz9Q';
  const apiToken = process.env.API_TOKEN ?? 'Rt5Yu8Io1Pa4Sd7F';
  return { webhookSecret, config, client: new PartnerClient(), signingKey, settings, apiToken };
};
`,
      errors: [
        {
          line: 1,
          column: 23,
          endLine: 1,
          endColumn: 41,
          message:
            "'webhookSecret' is set to a hard-coded secret (Qw3r…). Anyone who can read the repository or the deployed code can use it: rotate it, and load it at runtime from Secrets Manager or SSM Parameter Store.",
        },
        { line: 2, column: 33, endLine: 2, endColumn: 59, message: /^'partnerApiKey' is set to a hard-coded secret \(Zx9Q…\)/ },
        { line: 5, column: 35, endLine: 5, endColumn: 53, message: /^'clientSecret'/ },
        { line: 7, column: 44, endLine: 7, endColumn: 62, message: /^'authToken'/ },
        { line: 10, column: 29, endLine: 10, endColumn: 54, message: /^'Authorization' is set to a hard-coded secret \(Hj5K…\)/ },
        { line: 10, column: 69, endLine: 10, endColumn: 103, message: /^'x-api-key' is set to a hard-coded secret \(9f86…\)/ },
        { line: 15, column: 24, endLine: 15, endColumn: 42, message: /^'signingKey'/ },
        { line: 17, column: 25, endLine: 17, endColumn: 43, message: /^'dbPassword'/ },
        { line: 18, column: 45, endLine: 18, endColumn: 63, message: /^'apiToken'/ },
      ],
    },
    {
      name: 'named: random 16-character hex keys whose entropy is under the old flat bar of 3 bits (issue 18)',
      filename: HANDLER,
      code: `const hmacSecret = '41a0079210b13719';
const partnerApiKey = '73c7236666a6e6df';

export const handler = async () => ({ hmacSecret, partnerApiKey });
`,
      errors: [
        { line: 1, column: 20, endLine: 1, endColumn: 38, messageId: 'named' },
        { line: 2, column: 23, endLine: 2, endColumn: 41, messageId: 'named' },
      ],
    },
    {
      name: 'named: a JSX attribute (a publishable key is public by design)',
      filename: 'web/src/Checkout.tsx',
      code: `import { PaymentForm } from './PaymentForm';

export const Checkout = () => <PaymentForm publishableKey="pk_live_51AbCdEf" apiSecret="Qw3rTy7uIoP9aSdF" />;
`,
      files: {
        'web/src/PaymentForm.tsx':
          'export const PaymentForm = (props: { publishableKey: string; apiSecret: string }) => <form data-key={props.publishableKey} />;\n',
      },
      errors: [{ line: 3, column: 88, endLine: 3, endColumn: 106, message: /^'apiSecret' is set to a hard-coded secret \(Qw3r…\)/ }],
    },
    {
      name: 'secretWords from the configuration; a configured severity',
      filename: HANDLER,
      config: { secretWords: ['seed'], rules: { 'hardcoded-secret': 'warning' } },
      code: `export const licenseSeed = 'Qw3rTy7uIoP9aSdF';\n`,
      errors: [{ line: 1, column: 28, endLine: 1, endColumn: 46, severity: 'warning', message: /^'licenseSeed'/ }],
    },
    {
      name: 'a secret in a Lambda environment when secret-in-env is turned off',
      config: { rules: { 'secret-in-env': 'off' } },
      code: stack(`
${lambdaFunction('charge', 'Charge', 'lambda/charge', [`environment: { STRIPE_API_KEY: '${STRIPE}' },`])}
`),
      errors: [{ line: 12, column: 38, endLine: 12, endColumn: 74, message: STRIPE_MESSAGE }],
    },
    {
      name: 'a shared constants file: reported where it is written',
      code: `export const PAYMENTS_ENV = {
  TABLE_NAME: 'payments',
  STRIPE_API_KEY: '${STRIPE}',
};
`,
      errors: [{ line: 3, column: 19, endLine: 3, endColumn: 55, message: STRIPE_MESSAGE }],
    },
  ],
});
