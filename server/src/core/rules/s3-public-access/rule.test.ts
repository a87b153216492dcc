import { ruleTester, type InvalidCase } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import { typeCheckFixOutputs } from '../../../test/fixOutputs';
import rule from './rule';

/** `stack(body)`: the body's first line is line 8 of the file. */
const { stack } = stackFixture(["import * as s3 from 'aws-cdk-lib/aws-s3';"], 'SiteStack');

const PUBLIC_READ =
  'publicReadAccess: true lets anyone on the internet read every object in this bucket. Serve public content through CloudFront with origin access control, and block public access.';
const ACLS_ONLY = 'BLOCK_ACLS_ONLY leaves public bucket policies allowed. Use BlockPublicAccess.BLOCK_ALL (the default).';
const flagOff = (flag: string) =>
  `${flag}: false weakens the public access block of this bucket. Leave every flag on (BlockPublicAccess.BLOCK_ALL).`;
const ALSO = (flag: string) => `${flag}: false also weakens the block`;
const flagOffL1 = (flag: string) =>
  `${flag}: false weakens the public access block of this bucket. Set every flag of publicAccessBlockConfiguration to true.`;
const PUBLIC_ACL =
  'This canned ACL grants read access to everyone (or to every AWS account). Remove it: ACLs are disabled by default, and access belongs in grants and bucket policies.';
const GRANT =
  'This makes the bucket readable by anyone on the internet. Serve public content through CloudFront with origin access control instead.';
const BLOCK_ALL = 'Block all public access (BlockPublicAccess.BLOCK_ALL)';

/** After the fix, the website bucket: public read gone, everything blocked. */
const SITE_BLOCKED = stack(`
    new s3.Bucket(this, 'Site', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      websiteIndexDocument: 'index.html',
    });
`);

const invalid: InvalidCase[] = [
  {
    name: 'a public website bucket: publicReadAccess and BLOCK_ACLS_ONLY, one fix for both',
    code: stack(`
    new s3.Bucket(this, 'Site', {
      publicReadAccess: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY,
      websiteIndexDocument: 'index.html',
    });
`),
    errors: [
      {
        line: 9,
        column: 25,
        endLine: 9,
        endColumn: 29,
        message: PUBLIC_READ,
        fixes: [{ title: BLOCK_ALL, isPreferred: false, output: SITE_BLOCKED }],
      },
      {
        line: 10,
        column: 26,
        endLine: 10,
        endColumn: 62,
        message: ACLS_ONLY,
        fixes: [{ title: BLOCK_ALL, isPreferred: false, output: SITE_BLOCKED }],
      },
    ],
  },
  {
    name: 'new BlockPublicAccess with flags turned off: one finding at the first false flag, the others related (issue 16)',
    code: stack(`
    new s3.Bucket(this, 'Legacy', {
      blockPublicAccess: new s3.BlockPublicAccess({
        blockPublicAcls: true,
        blockPublicPolicy: false,
        ignorePublicAcls: true,
        restrictPublicBuckets: false,
      }),
    });
`),
    errors: [
      {
        line: 11,
        column: 28,
        endLine: 11,
        endColumn: 33,
        message: flagOff('blockPublicPolicy'),
        related: [{ line: 13, column: 32, message: ALSO('restrictPublicBuckets') }],
        fixes: [
          {
            output: stack(`
    new s3.Bucket(this, 'Legacy', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    });
`),
          },
        ],
      },
    ],
  },
  {
    name: 'a public canned ACL without a block: the ACL becomes the block',
    code: stack(`
    new s3.Bucket(this, 'Acl', { versioned: true, accessControl: s3.BucketAccessControl.PUBLIC_READ });
    new s3.Bucket(this, 'Partners', {
      accessControl: s3.BucketAccessControl.AUTHENTICATED_READ,
      versioned: true,
    });
`),
    errors: [
      {
        line: 8,
        column: 66,
        endLine: 8,
        endColumn: 100,
        message: PUBLIC_ACL,
        fixes: [
          {
            output: stack(`
    new s3.Bucket(this, 'Acl', { versioned: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
    new s3.Bucket(this, 'Partners', {
      accessControl: s3.BucketAccessControl.AUTHENTICATED_READ,
      versioned: true,
    });
`),
          },
        ],
      },
      {
        line: 10,
        column: 22,
        endLine: 10,
        endColumn: 63,
        message: PUBLIC_ACL,
        fixes: [
          {
            output: stack(`
    new s3.Bucket(this, 'Acl', { versioned: true, accessControl: s3.BucketAccessControl.PUBLIC_READ });
    new s3.Bucket(this, 'Partners', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      versioned: true,
    });
`),
          },
        ],
      },
    ],
  },
  {
    name: 'grantPublicAccess and grants.publicAccess: the fix removes the grant',
    code: stack(`
    const assets = new s3.Bucket(this, 'Assets', {
      blockPublicAccess: new s3.BlockPublicAccess({ blockPublicPolicy: false, restrictPublicBuckets: false }),
    });
    assets.grantPublicAccess('public/*');
    assets.grants.publicAccess('downloads/*', 's3:GetObject');
`),
    errors: [
      {
        line: 9,
        column: 72,
        endLine: 9,
        endColumn: 77,
        message: flagOff('blockPublicPolicy'),
        related: [{ line: 9, column: 102, message: ALSO('restrictPublicBuckets') }],
      },
      {
        line: 11,
        column: 5,
        endLine: 11,
        endColumn: 41,
        message: GRANT,
        fixes: [
          {
            title: 'Remove the public grant',
            isPreferred: false,
            output: stack(`
    const assets = new s3.Bucket(this, 'Assets', {
      blockPublicAccess: new s3.BlockPublicAccess({ blockPublicPolicy: false, restrictPublicBuckets: false }),
    });
    assets.grants.publicAccess('downloads/*', 's3:GetObject');
`),
          },
        ],
      },
      { line: 12, column: 5, endLine: 12, endColumn: 62, message: GRANT },
    ],
  },
  {
    name: 'a grant on a bucket field, on a typed parameter, and through BucketGrants',
    code: `import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export class Downloads extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, shared: s3.IBucket) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY });
    const grant = this.bucket.grantPublicAccess();
    shared.grantPublicAccess('*', 's3:GetObject');
    s3.BucketGrants.fromBucket(shared).publicAccess();
    void grant;
  }
}
`,
    errors: [
      { line: 9, column: 70, endLine: 9, endColumn: 106, message: ACLS_ONLY },
      { line: 10, column: 19, endLine: 10, endColumn: 50, message: GRANT, fixes: [] },
      { line: 11, column: 5, endLine: 11, endColumn: 50, message: GRANT },
      { line: 12, column: 5, endLine: 12, endColumn: 54, message: GRANT },
    ],
  },
  {
    name: 'website props shared through a const and a spread',
    code: stack(`
    const publicSite = { publicReadAccess: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY };
    new s3.Bucket(this, 'Docs', { ...publicSite, websiteIndexDocument: 'index.html' });
`),
    errors: [
      {
        line: 8,
        column: 44,
        endLine: 8,
        endColumn: 48,
        related: [{ line: 9, column: 38, message: 'Used here' }],
        fixes: [
          {
            output: stack(`
    const publicSite = { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL };
    new s3.Bucket(this, 'Docs', { ...publicSite, websiteIndexDocument: 'index.html' });
`),
          },
        ],
      },
      { line: 8, column: 69, endLine: 8, endColumn: 105, related: [{ line: 9, column: 38, message: 'Used here' }] },
    ],
  },
  {
    name: 'a block imported from another file: one finding at the use (the first flag off), linked to the declaration',
    code: stack(`
    new s3.Bucket(this, 'Docs', { blockPublicAccess: WEAK_BLOCK });
`).replace(
      "import * as s3 from 'aws-cdk-lib/aws-s3';",
      "import * as s3 from 'aws-cdk-lib/aws-s3';\nimport { WEAK_BLOCK } from './blocks';",
    ),
    files: {
      'lib/blocks.ts': `import { BlockPublicAccess } from 'aws-cdk-lib/aws-s3';

export const WEAK_BLOCK = new BlockPublicAccess({ blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: true, restrictPublicBuckets: true });
`,
    },
    errors: [
      {
        line: 9,
        column: 54,
        endLine: 9,
        endColumn: 64,
        message: flagOff('blockPublicAcls'),
        related: [{ file: 'lib/blocks.ts', line: 3, column: 68, message: 'Value declared here' }],
        fixes: [
          {
            output: stack(`
    new s3.Bucket(this, 'Docs', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
`).replace(
              "import * as s3 from 'aws-cdk-lib/aws-s3';",
              "import * as s3 from 'aws-cdk-lib/aws-s3';\nimport { WEAK_BLOCK } from './blocks';",
            ),
          },
        ],
      },
    ],
  },
  {
    name: 'the block before the public read, and an explicit blockPublicAccess: undefined: the edits do not collide',
    code: `import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export function site(scope: Construct) {
  new s3.Bucket(scope, 'Site', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY, publicReadAccess: true });
  new s3.Bucket(scope, 'Acl', { accessControl: s3.BucketAccessControl.PUBLIC_READ, publicReadAccess: true, blockPublicAccess: undefined });
}
`,
    errors: [
      {
        line: 5,
        column: 53,
        endLine: 5,
        endColumn: 89,
        message: ACLS_ONLY,
        fixes: [
          {
            output: `import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export function site(scope: Construct) {
  new s3.Bucket(scope, 'Site', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
  new s3.Bucket(scope, 'Acl', { accessControl: s3.BucketAccessControl.PUBLIC_READ, publicReadAccess: true, blockPublicAccess: undefined });
}
`,
          },
        ],
      },
      { line: 5, column: 109, endLine: 5, endColumn: 113, message: PUBLIC_READ },
      {
        line: 6,
        column: 48,
        endLine: 6,
        endColumn: 82,
        message: PUBLIC_ACL,
        fixes: [
          {
            output: `import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export function site(scope: Construct) {
  new s3.Bucket(scope, 'Site', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY, publicReadAccess: true });
  new s3.Bucket(scope, 'Acl', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
}
`,
          },
        ],
      },
      { line: 6, column: 102, endLine: 6, endColumn: 106, message: PUBLIC_READ },
    ],
  },
  {
    name: 'named imports, the root barrel, CDK v1 and require()',
    filename: 'lib/site.js',
    code: `const cdk = require('aws-cdk-lib');
const { Bucket, BucketAccessControl } = require('@aws-cdk/aws-s3');

exports.site = (scope) => {
  new cdk.aws_s3.Bucket(scope, 'A', { publicReadAccess: true, blockPublicAccess: cdk.aws_s3.BlockPublicAccess.BLOCK_ACLS_ONLY });
  new Bucket(scope, 'B', { accessControl: BucketAccessControl.PUBLIC_READ_WRITE });
};
`,
    errors: [
      { line: 5, column: 57, endLine: 5, endColumn: 61, message: PUBLIC_READ },
      { line: 5, column: 82, endLine: 5, endColumn: 126, message: ACLS_ONLY },
      { line: 6, column: 43, endLine: 6, endColumn: 80, message: PUBLIC_ACL },
    ],
  },
  {
    name: 'blockPublicAccess as an object literal with flags off: one finding, the others related (issue 16)',
    code: stack(`
    new s3.Bucket(this, 'Literal', {
      blockPublicAccess: { blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true, restrictPublicBuckets: false },
    });
`),
    errors: [
      {
        line: 9,
        column: 70,
        endLine: 9,
        endColumn: 75,
        message: flagOff('blockPublicPolicy'),
        related: [{ line: 9, column: 124, message: ALSO('restrictPublicBuckets') }],
        fixes: [
          {
            title: BLOCK_ALL,
            isPreferred: false,
            output: stack(`
    new s3.Bucket(this, 'Literal', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    });
`),
          },
        ],
      },
    ],
  },
  {
    name: 'CfnBucket publicAccessBlockConfiguration with flags off: one finding, the others related; the fix turns them on (issue 16)',
    code: stack(`
    new s3.CfnBucket(this, 'L1', {
      bucketName: 'legacy-assets',
      publicAccessBlockConfiguration: {
        blockPublicAcls: false,
        blockPublicPolicy: true,
        ignorePublicAcls: false,
        restrictPublicBuckets: true,
      },
    });
`),
    errors: [
      {
        line: 11,
        column: 26,
        endLine: 11,
        endColumn: 31,
        message: flagOffL1('blockPublicAcls'),
        related: [{ line: 13, column: 27, message: ALSO('ignorePublicAcls') }],
        fixes: [
          {
            title: 'Turn every public access block flag on',
            isPreferred: false,
            output: stack(`
    new s3.CfnBucket(this, 'L1', {
      bucketName: 'legacy-assets',
      publicAccessBlockConfiguration: {
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
    });
`),
          },
        ],
      },
    ],
  },
  {
    name: "CfnBucket accessControl 'PublicRead' / 'PublicReadWrite': the fix removes the ACL (issue 16)",
    code: stack(`
    new s3.CfnBucket(this, 'Read', { accessControl: 'PublicRead' });
    new s3.CfnBucket(this, 'ReadWrite', { bucketName: 'uploads', accessControl: 'PublicReadWrite' });
`),
    errors: [
      {
        line: 8,
        column: 53,
        endLine: 8,
        endColumn: 65,
        message: PUBLIC_ACL,
        fixes: [
          {
            title: 'Remove the public canned ACL',
            isPreferred: false,
            output: stack(`
    new s3.CfnBucket(this, 'Read', {});
    new s3.CfnBucket(this, 'ReadWrite', { bucketName: 'uploads', accessControl: 'PublicReadWrite' });
`),
          },
        ],
      },
      {
        line: 9,
        column: 81,
        endLine: 9,
        endColumn: 98,
        message: PUBLIC_ACL,
        fixes: [
          {
            output: stack(`
    new s3.CfnBucket(this, 'Read', { accessControl: 'PublicRead' });
    new s3.CfnBucket(this, 'ReadWrite', { bucketName: 'uploads' });
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
      name: 'buckets with the default block, BLOCK_ALL, private ACLs',
      code: stack(`
    const data = new s3.Bucket(this, 'Data', { enforceSSL: true });
    new s3.Bucket(this, 'Blocked', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, publicReadAccess: false });
    new s3.Bucket(this, 'Logs', { accessControl: s3.BucketAccessControl.LOG_DELIVERY_WRITE });
    new s3.Bucket(this, 'Private', { accessControl: s3.BucketAccessControl.PRIVATE });
    data.grantRead(new cdk.aws_iam.AccountRootPrincipal());
`),
    },
    {
      name: 'BlockPublicAccess with every flag on, or flags left to the publicAccessBlockedByDefault feature flag',
      code: stack(`
    new s3.Bucket(this, 'A', {
      blockPublicAccess: new s3.BlockPublicAccess({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }),
    });
    new s3.Bucket(this, 'B', { blockPublicAccess: new s3.BlockPublicAccess({ blockPublicPolicy: true }) });
    new s3.Bucket(this, 'C', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS });
`),
    },
    {
      name: 'grantPublicAccess on something that is not a bucket, and settings the analysis cannot see',
      code: `import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

class Gallery {
  grantPublicAccess() {}
}

export function buckets(scope: Construct, props: s3.BucketProps, publicRead: boolean) {
  new Gallery().grantPublicAccess();
  new s3.Bucket(scope, 'FromProps', props);
  new s3.Bucket(scope, 'Flag', { publicReadAccess: publicRead });
}
`,
    },
    {
      name: 'CfnBucket without publicAccessBlockConfiguration (the account setting and S3 default apply), with every flag on, private ACLs',
      code: stack(`
    new s3.CfnBucket(this, 'Plain');
    new s3.CfnBucket(this, 'Named', { bucketName: 'named' });
    new s3.CfnBucket(this, 'Blocked', {
      publicAccessBlockConfiguration: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    });
    new s3.CfnBucket(this, 'Private', { accessControl: 'Private' });
    new s3.CfnBucket(this, 'Logs', { accessControl: 'LogDeliveryWrite' });
`),
    },
  ],
  invalid,
});

typeCheckFixOutputs(rule.meta.id, invalid);
