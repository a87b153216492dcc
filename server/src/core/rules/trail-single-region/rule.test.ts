import { ruleTester, type InvalidCase } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import { typeCheckFixOutputs } from '../../../test/fixOutputs';
import rule from './rule';

/** `stack(body)`: the body's first line is line 8 of the file. */
const { stack } = stackFixture(["import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';"], 'AuditStack');

const MESSAGE =
  'This trail records only its own region: API calls in other regions go unrecorded. Remove isMultiRegionTrail: false (trails cover every region by default).';

const invalid: InvalidCase[] = [
  {
    name: 'isMultiRegionTrail: false among other props',
    code: stack(`
    new cloudtrail.Trail(this, 'AuditTrail', {
      isMultiRegionTrail: false,
      includeGlobalServiceEvents: true,
    });
`),
    errors: [
      {
        line: 9,
        column: 27,
        endLine: 9,
        endColumn: 32,
        message: MESSAGE,
        fixes: [
          {
            title: 'Record every region (remove isMultiRegionTrail: false)',
            isPreferred: true,
            output: stack(`
    new cloudtrail.Trail(this, 'AuditTrail', {
      includeGlobalServiceEvents: true,
    });
`),
          },
        ],
      },
    ],
  },
  {
    name: 'the only property',
    code: stack(`
    new cloudtrail.Trail(this, 'AuditTrail', { isMultiRegionTrail: false });
`),
    errors: [
      {
        line: 8,
        column: 68,
        endLine: 8,
        endColumn: 73,
        fixes: [
          {
            output: stack(`
    new cloudtrail.Trail(this, 'AuditTrail', {});
`),
          },
        ],
      },
    ],
  },
  {
    name: 'from a const flag, in named-import and barrel styles',
    code: `import * as cdk from 'aws-cdk-lib';
import { Trail } from 'aws-cdk-lib/aws-cloudtrail';

const SINGLE_REGION = false;

export function trails(stack: cdk.Stack) {
  new Trail(stack, 'A', { isMultiRegionTrail: SINGLE_REGION, sendToCloudWatchLogs: true });
  new cdk.aws_cloudtrail.Trail(stack, 'B', { isMultiRegionTrail: false });
}
`,
    errors: [
      {
        line: 4,
        column: 23,
        endLine: 4,
        endColumn: 28,
        related: [{ line: 7, column: 47, message: 'Used here' }],
        fixes: [
          {
            output: `import * as cdk from 'aws-cdk-lib';
import { Trail } from 'aws-cdk-lib/aws-cloudtrail';

const SINGLE_REGION = false;

export function trails(stack: cdk.Stack) {
  new Trail(stack, 'A', { sendToCloudWatchLogs: true });
  new cdk.aws_cloudtrail.Trail(stack, 'B', { isMultiRegionTrail: false });
}
`,
          },
        ],
      },
      { line: 8, column: 66, endLine: 8, endColumn: 71 },
    ],
  },
  {
    name: 'CDK v1 and require()',
    filename: 'lib/audit.js',
    code: `const cloudtrail = require('@aws-cdk/aws-cloudtrail');

exports.trail = (scope) => new cloudtrail.Trail(scope, 'Trail', { isMultiRegionTrail: false });
`,
    errors: [{ line: 3, column: 87, endLine: 3, endColumn: 92 }],
  },
  {
    name: 'CfnTrail without isMultiRegionTrail (CloudFormation defaults it to false, issue 16): at its head, the fix adds it',
    code: stack(`
    new cloudtrail.CfnTrail(this, 'L1', { isLogging: true, s3BucketName: 'logs' });
`),
    errors: [
      {
        line: 8,
        column: 5,
        endLine: 8,
        endColumn: 28,
        messageId: 'singleRegionL1',
        fixes: [
          {
            title: 'Record every region (isMultiRegionTrail: true)',
            isPreferred: true,
            output: stack(`
    new cloudtrail.CfnTrail(this, 'L1', {
      isLogging: true,
      s3BucketName: 'logs',
      isMultiRegionTrail: true,
    });
`),
          },
        ],
      },
    ],
  },
  {
    name: 'CfnTrail with isMultiRegionTrail: false: the fix sets it true',
    code: stack(`
    new cloudtrail.CfnTrail(this, 'L1', { isLogging: true, s3BucketName: 'logs', isMultiRegionTrail: false });
`),
    errors: [
      {
        line: 8,
        column: 102,
        endLine: 8,
        endColumn: 107,
        messageId: 'singleRegionL1',
        fixes: [
          {
            title: 'Record every region (isMultiRegionTrail: true)',
            isPreferred: true,
            output: stack(`
    new cloudtrail.CfnTrail(this, 'L1', { isLogging: true, s3BucketName: 'logs', isMultiRegionTrail: true });
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
      name: 'the default (every region), explicit true, and an unknown flag',
      code: stack(`
    new cloudtrail.Trail(this, 'Default');
    new cloudtrail.Trail(this, 'Explicit', { isMultiRegionTrail: true });
    const multi = this.node.tryGetContext('multiRegion') === 'yes';
    new cloudtrail.Trail(this, 'FromContext', { isMultiRegionTrail: multi });
`),
    },
    {
      name: 'a local Trail class',
      code: `class Trail {
  constructor(readonly id: string, readonly props: { isMultiRegionTrail: boolean }) {}
}
new Trail('hiking', { isMultiRegionTrail: false });
`,
    },
    {
      name: 'CfnTrail with isMultiRegionTrail: true',
      code: stack(`
    new cloudtrail.CfnTrail(this, 'L1', { isLogging: true, s3BucketName: 'logs', isMultiRegionTrail: true });
`),
    },
  ],
  invalid,
});

typeCheckFixOutputs(rule.meta.id, invalid);
