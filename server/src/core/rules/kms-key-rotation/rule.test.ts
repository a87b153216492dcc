import { ruleTester, type InvalidCase } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import { typeCheckFixOutputs } from '../../../test/fixOutputs';
import rule from './rule';

/** `stack(body)`: the body's first line is line 8 of the file. */
const { stack } = stackFixture(["import * as kms from 'aws-cdk-lib/aws-kms';"], 'KeysStack');

const MISSING = 'This key never rotates its key material. Add enableKeyRotation: true (AWS rotates yearly, or every rotationPeriod).';
const DISABLED = 'enableKeyRotation: false keeps the same key material forever. Set enableKeyRotation: true.';
const TITLE = 'Enable automatic key rotation (enableKeyRotation: true)';

const invalid: InvalidCase[] = [
  {
    name: 'a key without enableKeyRotation, with and without props',
    code: stack(`
    new kms.Key(this, 'DataKey');
    new kms.Key(this, 'OrdersKey', {
      alias: 'alias/orders',
      description: 'Orders table encryption',
    });
`),
    errors: [
      {
        line: 8,
        column: 5,
        endLine: 8,
        endColumn: 16,
        message: MISSING,
        fixes: [
          {
            title: TITLE,
            isPreferred: true,
            output: stack(`
    new kms.Key(this, 'DataKey', { enableKeyRotation: true });
    new kms.Key(this, 'OrdersKey', {
      alias: 'alias/orders',
      description: 'Orders table encryption',
    });
`),
          },
        ],
      },
      {
        line: 9,
        column: 5,
        endLine: 9,
        endColumn: 16,
        fixes: [
          {
            output: stack(`
    new kms.Key(this, 'DataKey');
    new kms.Key(this, 'OrdersKey', {
      alias: 'alias/orders',
      description: 'Orders table encryption',
      enableKeyRotation: true,
    });
`),
          },
        ],
      },
    ],
  },
  {
    name: 'enableKeyRotation: false; an explicit SYMMETRIC_DEFAULT key spec',
    code: stack(`
    new kms.Key(this, 'Off', { enableKeyRotation: false, alias: 'alias/off' });
    new kms.Key(this, 'Symmetric', { keySpec: kms.KeySpec.SYMMETRIC_DEFAULT, keyUsage: kms.KeyUsage.ENCRYPT_DECRYPT });
`),
    errors: [
      {
        line: 8,
        column: 51,
        endLine: 8,
        endColumn: 56,
        message: DISABLED,
        fixes: [
          {
            title: TITLE,
            isPreferred: true,
            output: stack(`
    new kms.Key(this, 'Off', { enableKeyRotation: true, alias: 'alias/off' });
    new kms.Key(this, 'Symmetric', { keySpec: kms.KeySpec.SYMMETRIC_DEFAULT, keyUsage: kms.KeyUsage.ENCRYPT_DECRYPT });
`),
          },
        ],
      },
      { line: 9, column: 5, endLine: 9, endColumn: 16, message: MISSING },
    ],
  },
  {
    name: 'key props spread from a shared const in another file',
    code: `import { Stack } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { KEY_DEFAULTS } from './defaults';

export class KeysStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new Key(this, 'Payments', { ...KEY_DEFAULTS, alias: 'alias/payments' });
  }
}
`,
    files: { 'lib/defaults.ts': 'export const KEY_DEFAULTS = { enableKeyRotation: false, pendingWindow: undefined };\n' },
    errors: [
      {
        line: 9,
        column: 36,
        endLine: 9,
        endColumn: 48,
        message: DISABLED,
        related: [{ file: 'lib/defaults.ts', line: 1, column: 50, message: 'Value declared here' }],
        fixes: [],
      },
    ],
  },
  {
    name: 'barrel { aws_kms as kms }, CDK v1, require()',
    filename: 'lib/keys.js',
    code: `const { aws_kms: kms } = require('aws-cdk-lib');
const legacy = require('@aws-cdk/aws-kms');

exports.keys = (scope) => [new kms.Key(scope, 'A'), new legacy.Key(scope, 'B', { enableKeyRotation: false })];
`,
    errors: [
      {
        line: 4,
        column: 28,
        endLine: 4,
        endColumn: 39,
        fixes: [
          {
            output: `const { aws_kms: kms } = require('aws-cdk-lib');
const legacy = require('@aws-cdk/aws-kms');

exports.keys = (scope) => [new kms.Key(scope, 'A', {
  enableKeyRotation: true,
}), new legacy.Key(scope, 'B', { enableKeyRotation: false })];
`,
          },
        ],
      },
      { line: 4, column: 101, endLine: 4, endColumn: 106 },
    ],
  },
  {
    name: 'CfnKey without enableKeyRotation (CloudFormation defaults it to false, issue 16), and with false',
    code: stack(`
    new kms.CfnKey(this, 'L1Key', { description: 'orders' });
    new kms.CfnKey(this, 'Off', { enableKeyRotation: false });
`),
    errors: [
      {
        line: 8,
        column: 5,
        endLine: 8,
        endColumn: 19,
        messageId: 'missing',
        fixes: [
          {
            title: 'Enable automatic key rotation (enableKeyRotation: true)',
            isPreferred: true,
            output: stack(`
    new kms.CfnKey(this, 'L1Key', {
      description: 'orders',
      enableKeyRotation: true,
    });
    new kms.CfnKey(this, 'Off', { enableKeyRotation: false });
`),
          },
        ],
      },
      {
        line: 9,
        column: 54,
        endLine: 9,
        endColumn: 59,
        messageId: 'disabled',
        fixes: [
          {
            isPreferred: true,
            output: stack(`
    new kms.CfnKey(this, 'L1Key', { description: 'orders' });
    new kms.CfnKey(this, 'Off', { enableKeyRotation: true });
`),
          },
        ],
      },
    ],
  },
];

ruleTester(rule, {
  valid: [
    {
      name: 'rotation on, or turned on by a rotation period',
      code: stack(`
    new kms.Key(this, 'Rotating', { enableKeyRotation: true });
    new kms.Key(this, 'Quarterly', { rotationPeriod: cdk.Duration.days(90) });
`),
    },
    {
      name: 'asymmetric and HMAC keys cannot rotate',
      code: stack(`
    new kms.Key(this, 'Signing', { keySpec: kms.KeySpec.ECC_NIST_P256, keyUsage: kms.KeyUsage.SIGN_VERIFY });
    new kms.Key(this, 'Rsa', { keySpec: kms.KeySpec.RSA_2048, keyUsage: kms.KeyUsage.ENCRYPT_DECRYPT });
    new kms.Key(this, 'Mac', { keySpec: kms.KeySpec.HMAC_256, keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC });
`),
    },
    {
      name: 'a key spec or rotation setting passed in',
      code: `import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export function key(scope: Construct, keySpec: kms.KeySpec, enableKeyRotation: boolean) {
  new kms.Key(scope, 'A', { keySpec });
  new kms.Key(scope, 'B', { enableKeyRotation });
}
`,
    },
    {
      name: 'imported keys and aliases',
      code: stack(`
    kms.Key.fromKeyArn(this, 'Shared', 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    kms.Alias.fromAliasName(this, 'Managed', 'alias/aws/s3');
`),
    },
    {
      name: 'CfnKey: rotation on; asymmetric, HMAC, imported and custom key store keys (not rotatable)',
      code: stack(`
    new kms.CfnKey(this, 'On', { enableKeyRotation: true, rotationPeriodInDays: 180 });
    new kms.CfnKey(this, 'Symmetric', { keySpec: 'SYMMETRIC_DEFAULT', enableKeyRotation: true });
    new kms.CfnKey(this, 'Signing', { keySpec: 'ECC_NIST_P256', keyUsage: 'SIGN_VERIFY' });
    new kms.CfnKey(this, 'Hmac', { keySpec: 'HMAC_256', keyUsage: 'GENERATE_VERIFY_MAC' });
    new kms.CfnKey(this, 'Imported', { origin: 'EXTERNAL' });
    new kms.CfnKey(this, 'Hsm', { origin: 'AWS_CLOUDHSM' });
`),
    },
  ],
  invalid,
});

typeCheckFixOutputs(rule.meta.id, invalid);
