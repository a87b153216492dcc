import { ruleTester, type InvalidCase } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import { typeCheckFixOutputs } from '../../../test/fixOutputs';
import rule from './rule';

/** `stack(body)`: the body's first line is line 8 of the file. */
const { stack } = stackFixture(["import * as s3 from 'aws-cdk-lib/aws-s3';"], 'StorageStack');

const MISSING = 'This bucket accepts requests over plain HTTP. Add enforceSSL: true so its policy denies requests without TLS.';
const DISABLED = 'enforceSSL: false lets clients reach this bucket over plain HTTP. Set enforceSSL: true.';
const TITLE = 'Deny plain HTTP (enforceSSL: true)';
const WEBSITE =
  'This bucket is served as a static website over plain HTTP. S3 website endpoints do not support HTTPS, so enforceSSL: true would deny every request to the site: serve it through CloudFront over HTTPS instead, then enforce SSL on the bucket.';

const invalid: InvalidCase[] = [
  {
    name: 'a bucket without enforceSSL: reported at its head, the fix keeps the layout',
    code: stack(`
    new s3.Bucket(this, 'Uploads', {
      versioned: true,
    });
`),
    errors: [
      {
        line: 8,
        column: 5,
        endLine: 8,
        endColumn: 18,
        message: MISSING,
        fixes: [
          {
            title: TITLE,
            isPreferred: true,
            output: stack(`
    new s3.Bucket(this, 'Uploads', {
      versioned: true,
      enforceSSL: true,
    });
`),
          },
        ],
      },
    ],
  },
  {
    name: 'a bucket without props',
    code: stack(`
    new s3.Bucket(this, 'Logs');
`),
    errors: [
      {
        line: 8,
        column: 5,
        endLine: 8,
        endColumn: 18,
        fixes: [
          {
            output: stack(`
    new s3.Bucket(this, 'Logs', { enforceSSL: true });
`),
          },
        ],
      },
    ],
  },
  {
    name: 'enforceSSL: false',
    code: stack(`
    new s3.Bucket(this, 'Exports', { enforceSSL: false });
`),
    errors: [
      {
        line: 8,
        column: 50,
        endLine: 8,
        endColumn: 55,
        message: DISABLED,
        fixes: [
          {
            title: TITLE,
            isPreferred: true,
            output: stack(`
    new s3.Bucket(this, 'Exports', { enforceSSL: true });
`),
          },
        ],
      },
    ],
  },
  {
    // Issue 19: enforceSSL denies every request without TLS, and S3 website endpoints serve
    // HTTP only: the fix would take the site down. Reported, with the way out, and no fix.
    name: 'a website bucket: reported with why enforceSSL would break it, and no fix',
    code: stack(`
    new s3.Bucket(this, 'Site', { websiteIndexDocument: 'index.html' });
`),
    errors: [{ line: 8, column: 5, endLine: 8, endColumn: 18, message: WEBSITE, fixes: [] }],
  },
  {
    name: 'a redirecting website bucket with enforceSSL: false: no fix either',
    code: stack(`
    new s3.Bucket(this, 'Old', { websiteRedirect: { hostName: 'example.com' }, publicReadAccess: true, enforceSSL: false });
`),
    errors: [{ line: 8, column: 116, endColumn: 121, message: WEBSITE, fixes: [] }],
  },
  {
    name: 'website routing rules make a website bucket too',
    code: stack(`
    new s3.Bucket(this, 'Docs', { websiteRoutingRules: [{ replaceKey: s3.ReplaceKey.with('index.html') }] });
`),
    errors: [{ line: 8, column: 5, message: WEBSITE, fixes: [] }],
  },
  {
    name: 'props spread from shared defaults: the property goes into the literal at the construct',
    code: stack(`
    const common = { versioned: true };
    new s3.Bucket(this, 'Reports', { ...common });
`),
    errors: [
      {
        line: 9,
        column: 5,
        endLine: 9,
        endColumn: 18,
        fixes: [
          {
            output: stack(`
    const common = { versioned: true };
    new s3.Bucket(this, 'Reports', { ...common, enforceSSL: true });
`),
          },
        ],
      },
    ],
  },
  {
    name: 'enforceSSL: false in defaults imported from another file: no fix there',
    code: `import { Stack } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { BUCKET_DEFAULTS } from './defaults';

export class ReportsStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new Bucket(this, 'Reports', BUCKET_DEFAULTS);
  }
}
`,
    files: {
      'lib/defaults.ts': `import type { BucketProps } from 'aws-cdk-lib/aws-s3';

export const BUCKET_DEFAULTS: BucketProps = { versioned: true, enforceSSL: false };
`,
    },
    errors: [
      {
        line: 9,
        column: 33,
        endLine: 9,
        endColumn: 48,
        message: DISABLED,
        related: [{ file: 'lib/defaults.ts', line: 3, column: 76, message: 'Value declared here' }],
        fixes: [],
      },
    ],
  },
  {
    name: 'named, renamed imports',
    code: `import { Stack } from 'aws-cdk-lib';
import { Bucket as S3Bucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export class ReportsStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new S3Bucket(this, 'Reports');
  }
}
`,
    errors: [{ line: 8, column: 5, endLine: 8, endColumn: 17 }],
  },
  {
    name: 'root barrel: cdk.aws_s3.Bucket and { aws_s3 as s3 }',
    code: `import * as cdk from 'aws-cdk-lib';
import { aws_s3 as s3 } from 'aws-cdk-lib';

export function buckets(stack: cdk.Stack) {
  new cdk.aws_s3.Bucket(stack, 'A');
  new s3.Bucket(stack, 'B', { enforceSSL: false });
}
`,
    errors: [
      { line: 5, column: 3, endLine: 5, endColumn: 24 },
      { line: 6, column: 43, endLine: 6, endColumn: 48 },
    ],
  },
  {
    name: 'CDK v1 @aws-cdk/aws-s3',
    code: `import * as cdk from '@aws-cdk/core';
import { Bucket } from '@aws-cdk/aws-s3';

export class LegacyStack extends cdk.Stack {
  constructor(scope: cdk.Construct, id: string) {
    super(scope, id);
    new Bucket(this, 'Legacy', { versioned: true });
  }
}
`,
    errors: [{ line: 7, column: 5, endLine: 7, endColumn: 15 }],
  },
  {
    name: 'require() in a JavaScript app',
    filename: 'lib/stack.js',
    code: `const cdk = require('aws-cdk-lib');
const { Bucket } = require('aws-cdk-lib/aws-s3');

class ReportsStack extends cdk.Stack {
  constructor(scope, id) {
    super(scope, id);
    new Bucket(this, 'Reports', { versioned: true });
  }
}

module.exports = { ReportsStack };
`,
    errors: [
      {
        line: 7,
        column: 5,
        endLine: 7,
        endColumn: 15,
        fixes: [
          {
            output: `const cdk = require('aws-cdk-lib');
const { Bucket } = require('aws-cdk-lib/aws-s3');

class ReportsStack extends cdk.Stack {
  constructor(scope, id) {
    super(scope, id);
    new Bucket(this, 'Reports', { versioned: true, enforceSSL: true });
  }
}

module.exports = { ReportsStack };
`,
          },
        ],
      },
    ],
  },
];

ruleTester(rule, {
  valid: [
    {
      name: 'enforceSSL: true, inline and through shared defaults',
      code: stack(`
    new s3.Bucket(this, 'Uploads', { enforceSSL: true });
    const secure = { enforceSSL: true, versioned: true };
    new s3.Bucket(this, 'Reports', { ...secure, autoDeleteObjects: false });
`),
    },
    {
      name: 'enforceSSL: true in defaults imported from another file',
      code: `import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { SECURE_BUCKET } from './defaults';

export function reportsBucket(scope: Construct) {
  return new s3.Bucket(scope, 'Reports', { ...SECURE_BUCKET });
}
`,
      files: { 'lib/defaults.ts': 'export const SECURE_BUCKET = { enforceSSL: true };\n' },
    },
    {
      name: 'props the analysis cannot see: a parameter, a spread of a call',
      code: `import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export function bucket(scope: Construct, props: s3.BucketProps) {
  new s3.Bucket(scope, 'A', props);
  new s3.Bucket(scope, 'B', { ...defaults(), versioned: true });
}

declare function defaults(): s3.BucketProps;
`,
    },
    {
      name: 'imported buckets and a local class called Bucket',
      code: `import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

class Bucket {
  constructor(readonly scope: Construct, readonly id: string) {}
}

export function buckets(scope: Construct) {
  s3.Bucket.fromBucketName(scope, 'Shared', 'shared-artifacts');
  new Bucket(scope, 'Local');
}
`,
    },
  ],
  invalid,
});

typeCheckFixOutputs(rule.meta.id, invalid);
