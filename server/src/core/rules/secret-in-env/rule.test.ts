import { ruleTester } from '../../../test/ruleTester';
import { lambdaFunction, stackFixture } from '../../../test/cdkFixtures';
import rule from './rule';

/** `stack(body)` wraps the body in a stack class; the body's first line is line 10 of the file. */
const { stack } = stackFixture(
  [
    "import * as kms from 'aws-cdk-lib/aws-kms';",
    "import * as lambda from 'aws-cdk-lib/aws-lambda';",
    "import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';",
  ],
  'PaymentsStack',
);

/** A `lambda.Function` bound to `charge` whose environment is `env`: the first entry is on line 15. */
function chargeFunction(env: string): string {
  return lambdaFunction('charge', 'Charge', 'lambda/charge', ['environment: {', ...env.split('\n').map((line) => `  ${line}`), '},']);
}

// Recognisably fake values in real formats.
const STRIPE = 'sk_live_51AbCdEfGh1234567890AbCdEf';
const GITHUB = 'ghp_AbCdEfGh1234567890AbCdEfGh1234567890';

const NAME_MESSAGE =
  "DB_PASSWORD is set to a plain-text secret (Xk9#…). Anyone who can read the function's configuration or the synthesized template can read it. Keep the value in Secrets Manager and pass the secret's ARN instead.";
const UNWRAP_MESSAGE =
  "API_TOKEN receives the secret's value through unsafeUnwrap(), so CloudFormation writes it into the function's configuration in plain text. Pass the secret's ARN (secret.secretArn), grant read access, and fetch the value at runtime.";

ruleTester(rule, {
  valid: [
    {
      name: 'a credential in a shared constant of another file, spread into two environments: hardcoded-secret reports it once there (issue 18)',
      filename: 'lib/payments-stack.ts',
      code: `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SHARED_ENV } from './config';

export class PaymentsStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    const props = { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('lambda') };
    new lambda.Function(this, 'Charge', { ...props, environment: { ...SHARED_ENV, MODE: 'charge' } });
    new lambda.Function(this, 'Refund', { ...props, environment: { ...SHARED_ENV } });
  }
}
`,
      files: {
        'lib/config.ts': `export const SHARED_ENV = { STRIPE_KEY: 'sk_live_51Hq8s9XbQ2m4N6p8R0t2V4x6Z8b0D2f4H6j' };
`,
      },
    },
    {
      name: 'tokens: secret ARN, key id, table name; Powertools settings; an empty value',
      code: stack(`
    const stripeKey = new secretsmanager.Secret(this, 'StripeKey');
    const signingKey = new kms.Key(this, 'SigningKey', { enableKeyRotation: true });
${chargeFunction(`STRIPE_SECRET_ARN: stripeKey.secretArn,
SIGNING_KEY_ID: signingKey.keyId,
SIGNING_KEY: signingKey.keyArn,
TABLE_NAME: 'payments',
POWERTOOLS_SERVICE_NAME: 'payments',
POWERTOOLS_LOG_LEVEL: 'INFO',
PARAMETERS_SECRETS_EXTENSION_LOG_LEVEL: 'debug',
SECRETS_MANAGER_TTL: '300',
WEBHOOK_SECRET: '',`)}
    stripeKey.grantRead(charge);
`),
    },
    {
      name: 'secret-looking keys that hold references, placeholders and plain settings',
      code: stack(`
${chargeFunction(`DB_SECRET: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/payments/db-AbCdEf',
DB_PASSWORD_SSM: '/prod/payments/db-password',
API_KEY: 'changeme',
PARTNER_TOKEN: '<set in the console>',
TOKEN_CACHE: 'true',
TOKEN_EXPIRY_SECONDS: '3600',
TOKEN_ALGORITHM: 'RS256',
PASSWORD_POLICY: 'strict',
AUTH_TOKEN_HEADER: 'Authorization',
API_KEY_HEADER: 'x-api-key',
AUTH_TOKEN_ENDPOINT: 'https://auth.payments.internal/oauth2/token',
DB_SECRET_NAME: 'prod/payments/db',
API_KEY_PARAMETER: '/prod/payments/api-key',
STRIPE_PUBLISHABLE_KEY: 'pk_live_51AbCdEfGh1234567890AbCdEf',`)}
`),
    },
    {
      name: 'a template literal with a token in it is not plain text',
      code: stack(`
    const partnerToken = new secretsmanager.Secret(this, 'PartnerToken');
${chargeFunction('PARTNER_TOKEN_LOCATION: `${partnerToken.secretName}/current`,\nAUTH_HEADER: `Bearer ${partnerToken.secretArn}`,')}
`),
    },
    {
      name: 'addEnvironment on something that is not a function',
      code: `import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';

export function worker(scope: Construct, taskDefinition: ecs.TaskDefinition) {
  const container = taskDefinition.addContainer('Worker', { image: ecs.ContainerImage.fromRegistry('worker') });
  container.addEnvironment('API_TOKEN', 'Xk9#mP2$vL5qR8wZ');
  const sidecar = new ecs.ContainerDefinition(scope, 'Sidecar', { taskDefinition, image: ecs.ContainerImage.fromRegistry('proxy') });
  sidecar.addEnvironment('API_TOKEN', 'Xk9#mP2$vL5qR8wZ');
}
`,
    },
    {
      name: 'a local class called Function',
      code: `class Function {
  constructor(readonly scope: unknown, readonly id: string, readonly props: { environment: Record<string, string> }) {}
}

export const local = new Function(null, 'Charge', { environment: { DB_PASSWORD: 'Xk9#mP2$vL5qR8wZ' } });
`,
    },
    {
      name: 'nonSecretWords and placeholderPatterns from the configuration',
      config: { nonSecretWords: ['HINT'], placeholderPatterns: ['^pw-staging-'] },
      code: stack(`
${chargeFunction(`PASSWORD_HINT: 'Xk9#mP2$vL5qR8wZ',
DB_PASSWORD: 'pw-staging-2024',`)}
`),
    },
    {
      name: 'turned off',
      config: { rules: { 'secret-in-env': 'off' } },
      code: stack(`
${chargeFunction(`STRIPE_API_KEY: '${STRIPE}',`)}
`),
    },
  ],
  invalid: [
    // ---- What is flagged, and where -------------------------------------------------------
    {
      name: 'a literal under a secret-looking key: the range is the value',
      code: stack(`
${chargeFunction(`TABLE_NAME: 'payments',
DB_PASSWORD: 'Xk9#mP2$vL5qR8wZ',`)}
`),
      errors: [
        {
          line: 16,
          column: 22,
          endLine: 16,
          endColumn: 40,
          message: NAME_MESSAGE,
          related: [],
          // The value never reaches the new code: a secret holds it, the function gets its ARN.
          fixes: [
            {
              title: 'Move DB_PASSWORD to a Secrets Manager secret (dbPasswordSecret)',
              isPreferred: false,
              output: stack(`
    // Store the value once deployed, never in code:
    // aws secretsmanager put-secret-value --secret-id <ARN of DbPasswordSecret> --secret-string '<value>'
    const dbPasswordSecret = new secretsmanager.Secret(this, 'DbPasswordSecret', {
      description: 'DB_PASSWORD of the Charge function',
    });
${chargeFunction(`TABLE_NAME: 'payments',
DB_PASSWORD_SECRET_ARN: dbPasswordSecret.secretArn,`)}
    dbPasswordSecret.grantRead(charge);
`),
            },
          ],
        },
      ],
    },
    {
      name: 'a credential format under any key names the format',
      code: stack(`
${chargeFunction(`PAYMENTS_PROVIDER: '${STRIPE}',
NOTIFY: 'https://api.partner.example/hooks?auth=${GITHUB}',`)}
`),
      errors: [
        {
          line: 15,
          column: 28,
          endLine: 15,
          endColumn: 64,
          message:
            "PAYMENTS_PROVIDER holds a Stripe live secret key (sk_l…) in plain text. Anyone who can read the function's configuration or the synthesized template can use it. Keep it in Secrets Manager and pass the secret's ARN instead.",
        },
        { line: 16, column: 17, endLine: 16, endColumn: 98, message: /^NOTIFY holds a GitHub token \(ghp_…\) in plain text\./ },
      ],
    },
    {
      name: 'secretValue.unsafeUnwrap(), secretValueFromJson(...).unsafeUnwrap(), and one inside a template',
      code: stack(`
    const secret = new secretsmanager.Secret(this, 'PartnerApi');
${chargeFunction("API_TOKEN: secret.secretValue.unsafeUnwrap(),\nCLIENT_SECRET: secret.secretValueFromJson('clientSecret').unsafeUnwrap(),\nDB_URL: `postgres://app:${secret.secretValueFromJson('password').unsafeUnwrap()}@db.internal:5432/payments`,")}
`),
      errors: [
        { line: 16, column: 20, endLine: 16, endColumn: 53, message: UNWRAP_MESSAGE },
        {
          line: 17,
          column: 24,
          endLine: 17,
          endColumn: 81,
          message: /^CLIENT_SECRET receives the secret's value through unsafeUnwrap\(\)/,
        },
        { line: 18, column: 17, endLine: 18, endColumn: 116, message: /^DB_URL receives/ },
      ],
    },
    {
      name: 'fn.addEnvironment(key, value)',
      code: stack(`
${chargeFunction(`TABLE_NAME: 'payments',`)}
    charge.addEnvironment('DB_PASSWORD', 'Xk9#mP2$vL5qR8wZ');
    charge.addEnvironment('GITHUB', '${GITHUB}');
    charge.addEnvironment('TABLE_ARN', 'arn:aws:dynamodb:eu-west-1:111122223333:table/payments');
`),
      errors: [
        { line: 18, column: 42, endLine: 18, endColumn: 60, message: NAME_MESSAGE },
        { line: 19, column: 37, endLine: 19, endColumn: 79, message: /^GITHUB holds a GitHub token/ },
      ],
    },
    {
      name: 'every Lambda construct: NodejsFunction, DockerImageFunction, SingletonFunction, CfnFunction',
      code: `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';

export class WorkersStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    new NodejsFunction(this, 'Sync', { entry: 'lambda/sync.ts', environment: { CRM_API_KEY: 'Qw3rTy7uIoP9aSdF' } });
    new lambda.DockerImageFunction(this, 'Render', { code: lambda.DockerImageCode.fromImageAsset('render'), environment: { SMTP_PASS: 'Qw3rTy7uIoP9aSdF' } });
    new lambda.SingletonFunction(this, 'Rotate', {
      uuid: '0f4f5bd6-6d4a-4c1c-9d77-2d1b2c1e9a11',
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda/rotate'),
      environment: { signingKey: 'Qw3rTy7uIoP9aSdF' },
    });
    new lambda.CfnFunction(this, 'Legacy', {
      code: { s3Bucket: 'artifacts', s3Key: 'legacy.zip' },
      role: 'arn:aws:iam::111122223333:role/legacy',
      environment: { variables: { LEGACY_TOKEN: 'Qw3rTy7uIoP9aSdF' } },
    });
  }
}
`,
      errors: [
        { line: 8, column: 93, endLine: 8, endColumn: 111, message: /^CRM_API_KEY is set to a plain-text secret \(Qw3r…\)/ },
        { line: 9, column: 135, endLine: 9, endColumn: 153, message: /^SMTP_PASS/ },
        { line: 15, column: 34, endLine: 15, endColumn: 52, message: /^signingKey/ },
        { line: 20, column: 49, endLine: 20, endColumn: 67, message: /^LEGACY_TOKEN/ },
      ],
    },
    {
      name: 'secretWords from the configuration, and a configured severity',
      config: { secretWords: ['seed'], rules: { 'secret-in-env': 'warning' } },
      code: stack(`
${chargeFunction(`LICENSE_SEED: 'Xk9#mP2$vL5qR8wZ',`)}
`),
      errors: [{ line: 15, column: 23, endLine: 15, endColumn: 41, severity: 'warning', message: /^LICENSE_SEED/ }],
    },

    // ---- Every way an app reaches the constructs -----------------------------------------
    {
      name: 'named and renamed imports',
      code: `import { App, Stack } from 'aws-cdk-lib';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';

export class PaymentsStack extends Stack {
  constructor(scope: App, id: string) {
    super(scope, id);
    new LambdaFunction(this, 'Charge', {
      runtime: Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: Code.fromAsset('lambda/charge'),
      environment: { STRIPE_KEY: 'Qw3rTy7uIoP9aSdF' },
    });
  }
}
`,
      errors: [{ line: 11, column: 34, endLine: 11, endColumn: 52 }],
    },
    {
      name: 'root barrel: cdk.aws_lambda and { aws_lambda as lambda }',
      code: `import * as cdk from 'aws-cdk-lib';
import { aws_lambda as lambda } from 'aws-cdk-lib';

export class PaymentsStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    const code = lambda.Code.fromAsset('lambda/charge');
    new cdk.aws_lambda.Function(this, 'Charge', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { API_SECRET: 'Qw3rTy7uIoP9aSdF' } });
    new lambda.Function(this, 'Refund', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.refund', code, environment: { API_SECRET: 'Qw3rTy7uIoP9aSdF' } });
  }
}
`,
      errors: [
        { line: 8, column: 147, endLine: 8, endColumn: 165 },
        { line: 9, column: 138, endLine: 9, endColumn: 156 },
      ],
    },
    {
      name: 'CDK v1 @aws-cdk/aws-lambda',
      code: `import * as cdk from '@aws-cdk/core';
import * as lambda from '@aws-cdk/aws-lambda';

export class PaymentsStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    const charge = new lambda.Function(this, 'Charge', {
      runtime: lambda.Runtime.NODEJS_14_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda/charge'),
    });
    charge.addEnvironment('DB_PASSWORD', 'Xk9#mP2$vL5qR8wZ');
  }
}
`,
      errors: [{ line: 12, column: 42, endLine: 12, endColumn: 60, message: NAME_MESSAGE }],
    },
    {
      name: 'require() in a JavaScript app',
      filename: 'lib/payments-stack.js',
      code: `const cdk = require('aws-cdk-lib');
const { Function, Runtime, Code } = require('aws-cdk-lib/aws-lambda');

class PaymentsStack extends cdk.Stack {
  constructor(scope, id) {
    super(scope, id);
    new Function(this, 'Charge', {
      runtime: Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: Code.fromAsset('lambda/charge'),
      environment: { DB_PASSWORD: 'Xk9#mP2$vL5qR8wZ' },
    });
  }
}

module.exports = { PaymentsStack };
`,
      errors: [{ line: 11, column: 35, endLine: 11, endColumn: 53, message: NAME_MESSAGE }],
    },

    // ---- Values followed through the code ------------------------------------------------
    {
      name: 'the environment object in a const',
      code: stack(`
    const chargeEnv = { TABLE_NAME: 'payments', DB_PASSWORD: 'Xk9#mP2$vL5qR8wZ' };
    new lambda.Function(this, 'Charge', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda/charge'),
      environment: chargeEnv,
    });
`),
      errors: [
        {
          line: 10,
          column: 62,
          endLine: 10,
          endColumn: 80,
          message: NAME_MESSAGE,
          related: [{ line: 15, column: 20, message: 'Used here' }],
        },
      ],
    },
    {
      name: 'spread from a shared baseEnv constant, with a shorthand property',
      code: `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';

const STRIPE_API_KEY = '${STRIPE}';
const baseEnv = { STRIPE_API_KEY, LOG_LEVEL: 'info' };

export class PaymentsStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    const code = lambda.Code.fromAsset('lambda/payments');
    new lambda.Function(this, 'Charge', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'charge.handler', code, environment: { ...baseEnv } });
    new lambda.Function(this, 'Refund', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'refund.handler', code, environment: { ...baseEnv, MODE: 'refund' } });
  }
}
`,
      // One literal, one finding (the first use is linked; findings are one per place).
      errors: [
        {
          line: 4,
          column: 24,
          endLine: 4,
          endColumn: 60,
          message: /^STRIPE_API_KEY holds a Stripe live secret key \(sk_l…\)/,
          related: [{ line: 11, column: 131, message: 'Used here' }],
        },
      ],
    },
    {
      name: 'an environment imported from another file: reported at the use, linked to the declaration',
      code: `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { PAYMENTS_ENV } from './config';

export class PaymentsStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    new lambda.Function(this, 'Charge', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda/charge'),
      environment: PAYMENTS_ENV,
    });
  }
}
`,
      files: {
        'lib/config.ts': `export const PAYMENTS_ENV = {
  TABLE_NAME: 'payments',
  DB_PASSWORD: 'Xk9#mP2$vL5qR8wZ',
};
`,
      },
      errors: [
        {
          line: 12,
          column: 20,
          endLine: 12,
          endColumn: 32,
          message: NAME_MESSAGE,
          related: [{ file: 'lib/config.ts', line: 3, column: 16, message: 'Value declared here' }],
        },
      ],
    },
    {
      name: 'function props in a const, with the key and value in constants',
      code: stack(`
    const PASSWORD_KEY = 'DB_PASSWORD';
    const password = 'Xk9#mP2$vL5qR8wZ';
    const props = {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda/charge'),
      environment: { DB_PASSWORD: password },
    };
    const charge = new lambda.Function(this, 'Charge', props);
    charge.addEnvironment(PASSWORD_KEY, password);
`),
      errors: [
        {
          line: 11,
          column: 22,
          endLine: 11,
          endColumn: 40,
          message: NAME_MESSAGE,
          related: [{ line: 18, column: 56, message: 'Used here' }],
        },
      ],
    },
  ],
});
