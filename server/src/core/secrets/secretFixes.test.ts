import * as assert from 'node:assert/strict';
import { analyze, ruleTester } from '../../test/ruleTester';
import handlerEnvSecret from '../rules/handler-env-secret/rule';
import secretInEnv from '../rules/secret-in-env/rule';
import { secretNames } from './secretNames';

/**
 * The two Secrets Manager fix builders, through the rules that offer them: `secret-in-env` and
 * `handler-env-secret`. The fix type-check test (test/fixTypecheck.test.ts) compiles their
 * output against the real aws-cdk-lib and SDK typings.
 */

const STACK_HEAD = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
`;

function paymentsStack(body: string, imports = STACK_HEAD): string {
  return `${imports}
export class PaymentsStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
${body}
  }
}
`;
}

const FN = (name: string, env: string) => `    ${name} = new lambda.Function(this, 'Payments', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda/payments'),
      environment: {
        TABLE_NAME: 'payments',
${env}
      },
    });`;

const LITERAL = "        STRIPE_API_KEY: 'sk_live_51H8xQ2mLkP9vR4tYw7ZbN3c',";
const MOVED = '        STRIPE_API_KEY_SECRET_ARN: stripeApiKeySecret.secretArn,';
const DECLARED = `    // Store the value once deployed, never in code:
    // aws secretsmanager put-secret-value --secret-id <ARN of StripeApiKeySecret> --secret-string '<value>'
    const stripeApiKeySecret = new secretsmanager.Secret(this, 'StripeApiKeySecret', {
      description: 'STRIPE_API_KEY of the Payments function',
    });`;

describe('secretNames', () => {
  it('derives every name from the variable', () => {
    assert.deepEqual(secretNames('STRIPE_API_KEY'), {
      camel: 'stripeApiKey',
      secretVariable: 'stripeApiKeySecret',
      constructId: 'StripeApiKeySecret',
      arnVariable: 'STRIPE_API_KEY_SECRET_ARN',
      getter: 'getStripeApiKey',
      cache: 'cachedStripeApiKey',
    });
    assert.equal(secretNames('CLIENT_SECRET')?.arnVariable, 'CLIENT_SECRET_ARN');
    assert.equal(secretNames('CLIENT_SECRET')?.secretVariable, 'clientSecret');
    assert.equal(secretNames('githubToken')?.arnVariable, 'githubTokenSecretArn');
  });
});

ruleTester(secretInEnv, {
  valid: [
    paymentsStack(FN('const payments', "        STRIPE_API_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:stripe'")),
  ],
  invalid: [
    {
      name: 'an environment entry becomes a new secret passed by ARN, granted to the function',
      code: paymentsStack(FN('const payments', LITERAL)),
      errors: [
        {
          line: 14,
          column: 25,
          fixes: [
            {
              title: 'Move STRIPE_API_KEY to a Secrets Manager secret (stripeApiKeySecret)',
              isPreferred: false,
              output: paymentsStack(
                `${DECLARED}\n${FN('const payments', MOVED)}\n    stripeApiKeySecret.grantRead(payments);`,
                `${STACK_HEAD}import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';\n`,
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'a this.field function is granted as this.field; the import follows the file (namespaces here)',
      code: paymentsStack(
        FN('this.payments', LITERAL),
        `import * as cdk from 'aws-cdk-lib';\nimport { Construct } from 'constructs';\nimport * as lambda from 'aws-cdk-lib/aws-lambda';\nimport { Queue } from 'aws-cdk-lib/aws-sqs';\n`,
      ).replace('super(scope, id);', 'super(scope, id);\n    new Queue(this, "Q");'),
      errors: [
        {
          line: 16,
          column: 25,
          fixes: [
            {
              output: paymentsStack(
                `    new Queue(this, "Q");\n${DECLARED}\n${FN('this.payments', MOVED)}\n    stripeApiKeySecret.grantRead(this.payments);`,
                `import * as cdk from 'aws-cdk-lib';\nimport { Construct } from 'constructs';\nimport * as lambda from 'aws-cdk-lib/aws-lambda';\nimport { Queue } from 'aws-cdk-lib/aws-sqs';\nimport * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';\n`,
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'addEnvironment is rewritten in place',
      code: paymentsStack(`${FN('const payments', '')}\n    payments.addEnvironment('WEBHOOK_SECRET', 'whsec_9fK2mQ7xLp4RtV8nB3yZ');`),
      errors: [
        {
          line: 17,
          column: 47,
          fixes: [
            {
              title: 'Move WEBHOOK_SECRET to a Secrets Manager secret (webhookSecret)',
              output: paymentsStack(
                `${FN('const payments', '')}\n    // Store the value once deployed, never in code:\n    // aws secretsmanager put-secret-value --secret-id <ARN of WebhookSecret> --secret-string '<value>'\n    const webhookSecret = new secretsmanager.Secret(this, 'WebhookSecret', {\n      description: 'WEBHOOK_SECRET',\n    });\n    payments.addEnvironment('WEBHOOK_SECRET_ARN', webhookSecret.secretArn);\n    webhookSecret.grantRead(payments);`,
                `${STACK_HEAD}import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';\n`,
              ).replace("description: 'WEBHOOK_SECRET',", "description: 'WEBHOOK_SECRET of the Payments function',"),
            },
          ],
        },
      ],
    },
    {
      name: 'an unwrapped secret value is passed by ARN instead, with no new secret',
      code: paymentsStack(
        `    const stripe = secretsmanager.Secret.fromSecretNameV2(this, 'Stripe', 'prod/stripe');\n${FN('const payments', '        STRIPE_API_KEY: stripe.secretValue.unsafeUnwrap(),')}`,
        `${STACK_HEAD}import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';\n`,
      ),
      errors: [
        {
          line: 16,
          column: 25,
          fixes: [
            {
              title: 'Pass stripe to the function by ARN (STRIPE_API_KEY_SECRET_ARN) instead of its value',
              output: paymentsStack(
                `    const stripe = secretsmanager.Secret.fromSecretNameV2(this, 'Stripe', 'prod/stripe');\n${FN('const payments', '        STRIPE_API_KEY_SECRET_ARN: stripe.secretArn,')}\n    stripe.grantRead(payments);`,
                `${STACK_HEAD}import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';\n`,
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'a secret referenced by name is referenced with Secret.fromSecretNameV2 and passed by ARN, with no new secret',
      code: paymentsStack(FN('const payments', "        STRIPE_API_KEY: cdk.SecretValue.secretsManager('prod/stripe').unsafeUnwrap(),")),
      errors: [
        {
          line: 14,
          column: 25,
          fixes: [
            {
              title: "Pass the secret 'prod/stripe' to the function by ARN (STRIPE_API_KEY_SECRET_ARN) instead of its value",
              isPreferred: false,
              output: paymentsStack(
                `    const stripeApiKeySecret = secretsmanager.Secret.fromSecretNameV2(this, 'StripeApiKeySecret', 'prod/stripe');\n${FN('const payments', MOVED)}\n    stripeApiKeySecret.grantRead(payments);`,
                `${STACK_HEAD}import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';\n`,
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'no fix for a function bound to no name',
      code: paymentsStack(FN('const payments', LITERAL).replace('    const payments = new', '    new')),
      errors: [{ line: 14, column: 25, fixes: [] }],
    },
  ],
});

describe('secretsManagerFix', () => {
  it('never writes the secret value, and tells how to store it', () => {
    const { findings } = analyze(secretInEnv, { code: paymentsStack(FN('const payments', LITERAL)) });
    const fix = findings[0].fixes[0];
    assert.ok(fix.edits.every((e) => !e.newText.includes('sk_live')));
    assert.match(fix.note ?? '', /aws secretsmanager put-secret-value --secret-id <ARN of StripeApiKeySecret> --secret-string '<value>'/);
    assert.doesNotMatch(fix.note ?? '', /sk_live/);
  });
});

const HANDLER = `import type { APIGatewayProxyHandler } from 'aws-lambda';
import Stripe from 'stripe';

/** Charges a card. */
export const handler: APIGatewayProxyHandler = async (event) => {
  const stripe = new Stripe(process.env.STRIPE_API_KEY ?? '');
  return { statusCode: 200, body: JSON.stringify({ ok: !!stripe, id: event.requestContext.requestId }) };
};
`;

const HELPER = `const secretsManager = new SecretsManagerClient({});
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

`;

const JS_HELPER = `const secretsManager = new SecretsManagerClient({});
/** @type {string | undefined} */
let cachedPartnerApiToken;

/**
 * PARTNER_API_TOKEN from Secrets Manager (the secret whose ARN is in PARTNER_API_TOKEN_SECRET_ARN), fetched once per container.
 * @returns {Promise<string>}
 */
async function getPartnerApiToken() {
  if (cachedPartnerApiToken === undefined) {
    const result = await secretsManager.send(new GetSecretValueCommand({
      SecretId: process.env.PARTNER_API_TOKEN_SECRET_ARN,
    }));
    if (result.SecretString === undefined) throw new Error('The PARTNER_API_TOKEN secret has no string value');
    cachedPartnerApiToken = result.SecretString;
  }
  return cachedPartnerApiToken;
}

`;

ruleTester(handlerEnvSecret, {
  valid: [{ code: 'export const handler = async () => process.env.TABLE_NAME;\n', filename: 'lambda/index.ts' }],
  invalid: [
    {
      name: 'the read becomes a cached GetSecretValueCommand call; `?? fallback` goes with it',
      filename: 'lambda/pay.ts',
      code: HANDLER,
      errors: [
        {
          line: 6,
          column: 29,
          fixes: [
            {
              title: 'Read STRIPE_API_KEY from Secrets Manager (cached, from STRIPE_API_KEY_SECRET_ARN)',
              isPreferred: false,
              output: HANDLER.replace(
                "import Stripe from 'stripe';\n",
                "import Stripe from 'stripe';\nimport { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';\n",
              )
                .replace('/** Charges a card. */', `${HELPER}/** Charges a card. */`)
                .replace("process.env.STRIPE_API_KEY ?? ''", 'await getStripeApiKey()'),
            },
          ],
        },
      ],
    },
    {
      name: 'member access on the read gets parentheses (and its `!` goes); an existing getter is reused',
      filename: 'lambda/pay.ts',
      code: HANDLER.replace(
        "import Stripe from 'stripe';\n",
        "import Stripe from 'stripe';\nimport { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';\n",
      )
        .replace('/** Charges a card. */', `${HELPER}/** Charges a card. */`)
        .replace("process.env.STRIPE_API_KEY ?? ''", 'process.env.STRIPE_API_KEY!.trim()'),
      errors: [
        {
          line: 22,
          column: 29,
          fixes: [
            {
              output: HANDLER.replace(
                "import Stripe from 'stripe';\n",
                "import Stripe from 'stripe';\nimport { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';\n",
              )
                .replace('/** Charges a card. */', `${HELPER}/** Charges a card. */`)
                .replace("process.env.STRIPE_API_KEY ?? ''", '(await getStripeApiKey()).trim()'),
            },
          ],
        },
      ],
    },
    {
      name: 'names join an existing import of the SDK, and an existing client is reused',
      filename: 'lambda/pay.ts',
      code: HANDLER.replace(
        "import Stripe from 'stripe';\n",
        "import Stripe from 'stripe';\nimport { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';\n\nconst sm = new SecretsManagerClient({ region: 'eu-west-1' });\n",
      ),
      errors: [
        {
          line: 9,
          column: 29,
          fixes: [
            {
              output: HANDLER.replace(
                "import Stripe from 'stripe';\n",
                `import Stripe from 'stripe';\nimport { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';\n\n${HELPER.replace('const secretsManager = new SecretsManagerClient({});\n', '').replace('secretsManager.send', 'sm.send')}const sm = new SecretsManagerClient({ region: 'eu-west-1' });\n`,
              ).replace("process.env.STRIPE_API_KEY ?? ''", 'await getStripeApiKey()'),
            },
          ],
        },
      ],
    },
    {
      name: 'CommonJS handlers get require; a sync function gets no fix',
      filename: 'lambda/partner.js',
      code: `'use strict';\nconst { DynamoDBClient } = require('@aws-sdk/client-dynamodb');\n\nexports.handler = async function () {\n  return fetch('https://partner.example.com/orders', { headers: { Authorization: \`Bearer \${process.env.PARTNER_API_TOKEN}\` } });\n};\nexports.sync = () => fetch('https://partner.example.com/orders', { headers: { Authorization: \`Bearer \${process.env.PARTNER_API_TOKEN}\` } });\n`,
      errors: [
        {
          line: 5,
          column: 92,
          fixes: [
            {
              output: `'use strict';\nconst { DynamoDBClient } = require('@aws-sdk/client-dynamodb');\nconst { GetSecretValueCommand, SecretsManagerClient } = require('@aws-sdk/client-secrets-manager');\n\n${JS_HELPER}exports.handler = async function () {\n  return fetch('https://partner.example.com/orders', { headers: { Authorization: \`Bearer \${await getPartnerApiToken()}\` } });\n};\nexports.sync = () => fetch('https://partner.example.com/orders', { headers: { Authorization: \`Bearer \${process.env.PARTNER_API_TOKEN}\` } });\n`,
            },
          ],
        },
        { line: 7, column: 104, fixes: [] },
      ],
    },
  ],
});
