import { ruleTester, type InvalidCase } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import { typeCheckFixOutputs } from '../../../test/fixOutputs';
import rule from './rule';

/** `stack(body)`: the body's first line is line 8 of the file. */
const { stack } = stackFixture(["import * as s3 from 'aws-cdk-lib/aws-s3';"], 'StorageStack');

const MESSAGE =
  'BucketEncryption.UNENCRYPTED is deprecated and declares no encryption for this bucket. Use BucketEncryption.S3_MANAGED (SSE-S3), or KMS with a customer-managed key.';

const invalid: InvalidCase[] = [
  {
    name: 'encryption: BucketEncryption.UNENCRYPTED',
    code: stack(`
    new s3.Bucket(this, 'Uploads', {
      encryption: s3.BucketEncryption.UNENCRYPTED,
      enforceSSL: true,
    });
`),
    errors: [
      {
        line: 9,
        column: 19,
        endLine: 9,
        endColumn: 50,
        message: MESSAGE,
        fixes: [
          {
            title: 'Use BucketEncryption.S3_MANAGED',
            isPreferred: true,
            output: stack(`
    new s3.Bucket(this, 'Uploads', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
    });
`),
          },
        ],
      },
    ],
  },
  {
    name: 'named imports',
    code: `import { Stack, StackProps } from 'aws-cdk-lib';
import { Bucket, BucketEncryption as Encryption } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export class ArchiveStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    new Bucket(this, 'Archive', { encryption: Encryption.UNENCRYPTED });
  }
}
`,
    errors: [
      {
        line: 8,
        column: 47,
        endLine: 8,
        endColumn: 69,
        fixes: [
          {
            output: `import { Stack, StackProps } from 'aws-cdk-lib';
import { Bucket, BucketEncryption as Encryption } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export class ArchiveStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    new Bucket(this, 'Archive', { encryption: Encryption.S3_MANAGED });
  }
}
`,
          },
        ],
      },
    ],
  },
  {
    name: 'root barrel: cdk.aws_s3 and { aws_s3 as s3 }',
    code: `import * as cdk from 'aws-cdk-lib';
import { aws_s3 as storage } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export class ArchiveStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new cdk.aws_s3.Bucket(this, 'A', { encryption: cdk.aws_s3.BucketEncryption.UNENCRYPTED });
    new storage.Bucket(this, 'B', { encryption: storage.BucketEncryption.UNENCRYPTED });
  }
}
`,
    errors: [
      { line: 8, column: 52, endLine: 8, endColumn: 91 },
      {
        line: 9,
        column: 49,
        endLine: 9,
        endColumn: 85,
        fixes: [
          {
            output: `import * as cdk from 'aws-cdk-lib';
import { aws_s3 as storage } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export class ArchiveStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new cdk.aws_s3.Bucket(this, 'A', { encryption: cdk.aws_s3.BucketEncryption.UNENCRYPTED });
    new storage.Bucket(this, 'B', { encryption: storage.BucketEncryption.S3_MANAGED });
  }
}
`,
          },
        ],
      },
    ],
  },
  {
    name: 'CDK v1 @aws-cdk/aws-s3',
    code: `import * as cdk from '@aws-cdk/core';
import * as s3 from '@aws-cdk/aws-s3';

export class LegacyStack extends cdk.Stack {
  constructor(scope: cdk.Construct, id: string) {
    super(scope, id);
    new s3.Bucket(this, 'Legacy', { encryption: s3.BucketEncryption.UNENCRYPTED });
  }
}
`,
    errors: [{ line: 7, column: 49, endLine: 7, endColumn: 80 }],
  },
  {
    name: 'require() in a JavaScript app',
    filename: 'lib/stack.js',
    code: `const { Stack } = require('aws-cdk-lib');
const s3 = require('aws-cdk-lib/aws-s3');

class ArchiveStack extends Stack {
  constructor(scope, id) {
    super(scope, id);
    new s3.Bucket(this, 'Archive', { encryption: s3.BucketEncryption.UNENCRYPTED });
  }
}

module.exports = { ArchiveStack };
`,
    errors: [
      {
        line: 7,
        column: 50,
        endLine: 7,
        endColumn: 81,
        fixes: [
          {
            output: `const { Stack } = require('aws-cdk-lib');
const s3 = require('aws-cdk-lib/aws-s3');

class ArchiveStack extends Stack {
  constructor(scope, id) {
    super(scope, id);
    new s3.Bucket(this, 'Archive', { encryption: s3.BucketEncryption.S3_MANAGED });
  }
}

module.exports = { ArchiveStack };
`,
          },
        ],
      },
    ],
  },
  {
    name: 'props in a const, spread from shared defaults',
    code: stack(`
    const unencrypted = { encryption: s3.BucketEncryption.UNENCRYPTED };
    const bucketProps = { ...unencrypted, versioned: true };
    new s3.Bucket(this, 'Reports', bucketProps);
`),
    errors: [
      {
        line: 8,
        column: 39,
        endLine: 8,
        endColumn: 70,
        related: [{ line: 10, column: 36, message: 'Used here' }],
        fixes: [
          {
            output: stack(`
    const unencrypted = { encryption: s3.BucketEncryption.S3_MANAGED };
    const bucketProps = { ...unencrypted, versioned: true };
    new s3.Bucket(this, 'Reports', bucketProps);
`),
          },
        ],
      },
    ],
  },
  {
    name: 'props imported from another file: the finding is at the use, linked to the declaration, with no fix',
    code: stack(`
    new s3.Bucket(this, 'Reports', { ...LEGACY_BUCKET, versioned: true });
`).replace(
      "import * as s3 from 'aws-cdk-lib/aws-s3';",
      "import * as s3 from 'aws-cdk-lib/aws-s3';\nimport { LEGACY_BUCKET } from './defaults';",
    ),
    files: {
      'lib/defaults.ts': `import * as s3 from 'aws-cdk-lib/aws-s3';

export const LEGACY_BUCKET: s3.BucketProps = { encryption: s3.BucketEncryption.UNENCRYPTED };
`,
    },
    errors: [
      {
        line: 9,
        column: 41,
        endLine: 9,
        endColumn: 54,
        related: [{ file: 'lib/defaults.ts', line: 3, column: 60, message: 'Value declared here' }],
        fixes: [],
      },
    ],
  },
];

ruleTester(rule, {
  valid: [
    {
      name: 'no encryption (SSE-S3 by default), and explicit S3_MANAGED / KMS',
      code: stack(`
    new s3.Bucket(this, 'Default');
    new s3.Bucket(this, 'Managed', { encryption: s3.BucketEncryption.S3_MANAGED });
    new s3.Bucket(this, 'Kms', { encryption: s3.BucketEncryption.KMS_MANAGED });
`),
    },
    {
      name: 'an unknown props object',
      code: stack(`
    const props = JSON.parse('{}') as s3.BucketProps;
    new s3.Bucket(this, 'FromConfig', props);
`),
    },
    {
      name: 'a local class called Bucket and a local BucketEncryption',
      code: `const BucketEncryption = { UNENCRYPTED: 'none' };
class Bucket {
  constructor(readonly scope: unknown, readonly id: string, readonly props: object) {}
}
new Bucket(undefined, 'B', { encryption: BucketEncryption.UNENCRYPTED });
`,
    },
  ],
  invalid,
});

typeCheckFixOutputs(rule.meta.id, invalid);
