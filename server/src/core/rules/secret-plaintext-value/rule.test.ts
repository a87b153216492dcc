import * as assert from 'node:assert/strict';
import { analyze, InvalidCase, ruleTester } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import { hasCdkTypings, typeCheckLater } from '../../../test/typeCheck';
import { applyEdits } from '../../fixes/edits';
import rule from './rule';

/** `stack(body)` wraps the body in a stack class; the body's first line is line 8 of the file. */
const { stack } = stackFixture(["import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';"], 'PaymentsStack');

/** The same with the database modules: the body's first line is line 10. */
const { stack: dbStack } = stackFixture(
  [
    "import * as ec2 from 'aws-cdk-lib/aws-ec2';",
    "import * as rds from 'aws-cdk-lib/aws-rds';",
    "import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';",
  ],
  'PaymentsStack',
);

const MESSAGE =
  'SecretValue.unsafePlainText() writes this secret (sk_l…) into the synthesized template in plain text. Reference it instead: SecretValue.secretsManager(name) or SecretValue.ssmSecure(name).';
const NOTE = /^Create the secret '[^']+' in Secrets Manager before you deploy, then revoke the old value/;

/** A database and a secret with an object value: three plain-text values. */
const DB_CODE = dbStack(`
    const vpc = new ec2.Vpc(this, 'Vpc');
    new rds.DatabaseInstance(this, 'OrdersDb', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      vpc,
      credentials: rds.Credentials.fromPassword('payments', cdk.SecretValue.unsafePlainText('Xk9#mP2$vL5qR8wZ')),
    });
    new secretsmanager.Secret(this, 'PartnerApi', {
      secretObjectValue: {
        clientId: cdk.SecretValue.unsafePlainText('payments-service'),
        clientSecret: cdk.SecretValue.unsafePlainText(\`Qw3rTy7uIoP9aSdF\`),
      },
    });
`);

/** A stack whose plain-text value comes from a constants file. */
const IMPORTED_CODE = `import { App, SecretValue, Stack } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { PARTNER_API_KEY } from './constants';

export class PartnerStack extends Stack {
  constructor(scope: App, id: string) {
    super(scope, id);
    new secretsmanager.Secret(this, 'PartnerApiKey', { secretStringValue: SecretValue.unsafePlainText(PARTNER_API_KEY) });
  }
}
`;

/** A pipeline whose GitHub source action has its token in plain text. */
const PIPELINE_CODE = `import { App, SecretValue, Stack } from 'aws-cdk-lib';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';

export class PipelineStack extends Stack {
  constructor(scope: App, id: string) {
    super(scope, id);
    const source = new codepipeline.Artifact();
    new actions.GitHubSourceAction({
      actionName: 'Source',
      owner: 'payments-team',
      repo: 'payments',
      output: source,
      oauthToken: SecretValue.unsafePlainText("ghp_AbCdEfGh1234567890AbCdEfGh1234567890"),
    });
  }
}
`;

/** A CDK v1 stack. */
const V1_CODE = `import * as cdk from '@aws-cdk/core';
import * as secretsmanager from '@aws-cdk/aws-secretsmanager';

export class PaymentsStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    new secretsmanager.Secret(this, 'StripeKey', { secretStringValue: cdk.SecretValue.plainText('sk_live_51AbCdEfGh1234567890AbCdEf') });
  }
}
`;

/** A JavaScript (CommonJS) stack. */
const JS_CODE = `const { SecretValue, Stack } = require('aws-cdk-lib');
const secretsmanager = require('aws-cdk-lib/aws-secretsmanager');

class PaymentsStack extends Stack {
  constructor(scope, id) {
    super(scope, id);
    new secretsmanager.Secret(this, 'StripeKey', { secretStringValue: SecretValue.unsafePlainText('sk_live_51AbCdEfGh1234567890AbCdEf') });
  }
}

module.exports = { PaymentsStack };
`;

const invalid: InvalidCase[] = [
  {
    name: 'a Secret created from a plain-text literal: the range is the call',
    code: stack(`
    new secretsmanager.Secret(this, 'StripeKey', {
      secretStringValue: cdk.SecretValue.unsafePlainText('sk_live_51AbCdEfGh1234567890AbCdEf'),
    });
`),
    errors: [
      {
        line: 9,
        column: 26,
        endLine: 9,
        endColumn: 95,
        message: MESSAGE,
        related: [],
        fixes: [
          {
            title: "Read the value from Secrets Manager ('stripe-key')",
            isPreferred: false,
            output: stack(`
    new secretsmanager.Secret(this, 'StripeKey', {
      secretStringValue: cdk.SecretValue.secretsManager('stripe-key'),
    });
`),
          },
        ],
      },
    ],
  },
  {
    name: 'a database password, a secret object value and a template literal',
    code: DB_CODE,
    errors: [
      {
        line: 14,
        column: 61,
        endLine: 14,
        endColumn: 112,
        message: /^SecretValue\.unsafePlainText\(\) writes this secret \(Xk9#…\)/,
        fixes: [
          {
            title: "Read the value from Secrets Manager ('orders-db/credentials')",
            output: DB_CODE.replace(
              "cdk.SecretValue.unsafePlainText('Xk9#mP2$vL5qR8wZ')",
              "cdk.SecretValue.secretsManager('orders-db/credentials')",
            ),
          },
        ],
      },
      { line: 18, column: 19, endLine: 18, endColumn: 70, message: /\(paym…\)/ },
      {
        line: 19,
        column: 23,
        endLine: 19,
        endColumn: 74,
        message: /\(Qw3r…\)/,
        fixes: [
          {
            title: "Read the value from Secrets Manager ('partner-api/client-secret')",
            output: DB_CODE.replace(
              'cdk.SecretValue.unsafePlainText(`Qw3rTy7uIoP9aSdF`)',
              "cdk.SecretValue.secretsManager('partner-api/client-secret')",
            ),
          },
        ],
      },
    ],
  },
  {
    name: 'the literal in a local const: linked, and the const goes with the fix',
    code: stack(`
    const webhookSecret = 'whsec_Qw3rTy7uIoP9aSdF';
    new secretsmanager.Secret(this, 'WebhookSecret', {
      secretStringValue: cdk.SecretValue.unsafePlainText(webhookSecret),
    });
`),
    errors: [
      {
        line: 10,
        column: 26,
        endLine: 10,
        endColumn: 72,
        message: /\(whse…\)/,
        related: [{ line: 8, column: 27, message: 'Secret value written here' }],
        fixes: [
          {
            title: "Read the value from Secrets Manager ('webhook-secret')",
            output: stack(`
    new secretsmanager.Secret(this, 'WebhookSecret', {
      secretStringValue: cdk.SecretValue.secretsManager('webhook-secret'),
    });
`),
          },
        ],
      },
    ],
  },
  {
    name: 'a const used twice stays; a variable name gives the secret its name',
    code: stack(`
    const partnerPassword = 'Xk9#mP2$vL5qR8wZ';
    const partnerSecret = cdk.SecretValue.unsafePlainText(partnerPassword);
    new cdk.CfnOutput(this, 'PartnerPasswordLength', { value: String(partnerPassword.length) });
    new secretsmanager.Secret(this, 'Partner', { secretStringValue: partnerSecret });
`),
    errors: [
      {
        line: 9,
        column: 27,
        endLine: 9,
        endColumn: 75,
        related: [{ line: 8, column: 29, message: 'Secret value written here' }],
        fixes: [
          {
            title: "Read the value from Secrets Manager ('partner-secret')",
            output: stack(`
    const partnerPassword = 'Xk9#mP2$vL5qR8wZ';
    const partnerSecret = cdk.SecretValue.secretsManager('partner-secret');
    new cdk.CfnOutput(this, 'PartnerPasswordLength', { value: String(partnerPassword.length) });
    new secretsmanager.Secret(this, 'Partner', { secretStringValue: partnerSecret });
`),
          },
        ],
      },
    ],
  },
  {
    name: 'the literal imported from another file: linked, and the import goes with the fix',
    code: IMPORTED_CODE,
    files: { 'lib/constants.ts': "export const PARTNER_API_KEY = 'sk_live_51AbCdEfGh1234567890AbCdEf';\n" },
    errors: [
      {
        line: 8,
        column: 75,
        endLine: 8,
        endColumn: 119,
        message: MESSAGE,
        related: [{ file: 'lib/constants.ts', line: 1, column: 32, message: 'Secret value written here' }],
        fixes: [
          {
            title: "Read the value from Secrets Manager ('partner-api-key')",
            output: IMPORTED_CODE.replace("import { PARTNER_API_KEY } from './constants';\n", '').replace(
              'SecretValue.unsafePlainText(PARTNER_API_KEY)',
              "SecretValue.secretsManager('partner-api-key')",
            ),
          },
        ],
      },
    ],
  },

  // ---- Every way an app reaches SecretValue ----------------------------------------------
  {
    name: 'root barrel named import, in a pipeline source action (no construct id: the property names it)',
    code: PIPELINE_CODE,
    errors: [
      {
        line: 14,
        column: 19,
        endLine: 14,
        endColumn: 90,
        message: /\(ghp_…\)/,
        fixes: [
          {
            title: "Read the value from Secrets Manager ('oauth-token')",
            output: PIPELINE_CODE.replace(
              'SecretValue.unsafePlainText("ghp_AbCdEfGh1234567890AbCdEfGh1234567890")',
              'SecretValue.secretsManager("oauth-token")',
            ),
          },
        ],
      },
    ],
  },
  {
    name: 'CDK v1: SecretValue.plainText from @aws-cdk/core',
    code: V1_CODE,
    errors: [
      {
        line: 7,
        column: 71,
        endLine: 7,
        endColumn: 134,
        message:
          'SecretValue.plainText() writes this secret (sk_l…) into the synthesized template in plain text. Reference it instead: SecretValue.secretsManager(name) or SecretValue.ssmSecure(name).',
        fixes: [
          {
            title: "Read the value from Secrets Manager ('stripe-key')",
            output: V1_CODE.replace(
              "cdk.SecretValue.plainText('sk_live_51AbCdEfGh1234567890AbCdEf')",
              "cdk.SecretValue.secretsManager('stripe-key')",
            ),
          },
        ],
      },
    ],
  },
  {
    name: 'require() in a JavaScript app',
    filename: 'lib/payments-stack.js',
    code: JS_CODE,
    errors: [
      {
        line: 7,
        column: 71,
        endLine: 7,
        endColumn: 136,
        message: MESSAGE,
        fixes: [
          {
            title: "Read the value from Secrets Manager ('stripe-key')",
            output: JS_CODE.replace(
              "SecretValue.unsafePlainText('sk_live_51AbCdEfGh1234567890AbCdEf')",
              "SecretValue.secretsManager('stripe-key')",
            ),
          },
        ],
      },
    ],
  },
];

ruleTester(rule, {
  valid: [
    {
      name: 'references to Secrets Manager and SSM, and generated values',
      code: stack(`
    new secretsmanager.Secret(this, 'StripeKey', {
      secretStringValue: cdk.SecretValue.secretsManager('prod/payments/stripe'),
    });
    new secretsmanager.Secret(this, 'PartnerApi', {
      secretObjectValue: { clientSecret: cdk.SecretValue.ssmSecure('/prod/payments/partner-client-secret') },
    });
    new secretsmanager.Secret(this, 'DbCredentials', {
      generateSecretString: { secretStringTemplate: JSON.stringify({ username: 'payments' }), generateStringKey: 'password' },
    });
`),
    },
    {
      name: 'arguments that are tokens or unknown, empty strings and placeholders',
      code: stack(`
    const param = new cdk.CfnParameter(this, 'PartnerToken', { noEcho: true });
    const existing = secretsmanager.Secret.fromSecretNameV2(this, 'Existing', 'prod/payments/stripe');
    cdk.SecretValue.unsafePlainText(param.valueAsString);
    cdk.SecretValue.unsafePlainText(existing.secretArn);
    cdk.SecretValue.unsafePlainText(\`\${param.valueAsString}-suffix\`);
    cdk.SecretValue.unsafePlainText(process.env.PARTNER_TOKEN ?? '');
    cdk.SecretValue.unsafePlainText('');
    cdk.SecretValue.unsafePlainText('changeme');
`),
    },
    {
      name: 'a local class called SecretValue',
      code: `class SecretValue {
  static unsafePlainText(value: string): string {
    return value;
  }
}

export const greeting = SecretValue.unsafePlainText('Xk9#mP2$vL5qR8wZ');
`,
    },
  ],
  invalid,
});

describe('secret-plaintext-value quick fix', () => {
  it('tells the user which secret to create', () => {
    const { findings } = analyze(rule, invalid[0]);
    assert.match(findings[0].fixes[0].note ?? '', NOTE);
    assert.ok(findings[0].fixes[0].note?.includes("'stripe-key'"));
  });

  const files = new Map<string, string>();
  for (const [i, c] of invalid.entries()) {
    // v1 packages are not installed, and .js files are not type-checked.
    if (c.code.includes('@aws-cdk/') || c.filename?.endsWith('.js')) continue;
    const { findings } = analyze(rule, c);
    for (const [j, f] of findings.entries()) {
      for (const [k, fix] of f.fixes.entries()) {
        const dir = `fix${i}-${j}-${k}`;
        files.set(
          `${dir}/lib/stack.ts`,
          applyEdits(
            c.code,
            fix.edits.filter((e) => e.file === f.file),
          ),
        );
        for (const [rel, text] of Object.entries(c.files ?? {})) files.set(`${dir}/${rel}`, text);
      }
    }
  }
  const fixed = typeCheckLater(files, { scratch: 'server/.fix-outputs/secret-plaintext-value' });

  it('produces code that type-checks against aws-cdk-lib', function () {
    this.timeout(120000);
    assert.ok(files.size >= 6, 'fixes to check');
    if (!hasCdkTypings()) this.skip();
    assert.deepEqual(fixed.problems(), []);
  });
});
