import { ruleTester, type InvalidCase } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import { typeCheckFixOutputs } from '../../../test/fixOutputs';
import rule from './rule';

/** `stack(body)`: the body's first line is line 8 of the file. */
const { stack } = stackFixture(["import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';"], 'AuditStack');

const JS = (props: string) => `const cdk = require('aws-cdk-lib');
const { Trail } = require('aws-cdk-lib/aws-cloudtrail');

class AuditStack extends cdk.Stack {
  constructor(scope, id) {
    super(scope, id);
    new Trail(this, 'Trail', ${props});
  }
}

module.exports = { AuditStack };
`;

const invalid: InvalidCase[] = [
  {
    name: 'a Trail that turns off global events, management events and file validation: one finding each, fixes preferred',
    code: stack(`
    new cloudtrail.Trail(this, 'Trail', {
      includeGlobalServiceEvents: false,
      managementEvents: cloudtrail.ReadWriteType.NONE,
      enableFileValidation: false,
    });
`),
    errors: [
      {
        line: 9,
        column: 35,
        endLine: 9,
        endColumn: 40,
        messageId: 'noGlobal',
        fixes: [
          {
            title: 'Restore the default (remove the property)',
            isPreferred: true,
            output: stack(`
    new cloudtrail.Trail(this, 'Trail', {
      managementEvents: cloudtrail.ReadWriteType.NONE,
      enableFileValidation: false,
    });
`),
          },
        ],
      },
      { line: 10, column: 25, endLine: 10, endColumn: 54, messageId: 'noManagement' },
      { line: 11, column: 29, endLine: 11, endColumn: 34, messageId: 'noValidation' },
    ],
  },
  {
    name: 'CfnTrail without enableLogFileValidation: reported at its head, the fix adds it',
    code: stack(`
    new cloudtrail.CfnTrail(this, 'L1', { isLogging: true, s3BucketName: 'logs', isMultiRegionTrail: true });
`),
    errors: [
      {
        line: 8,
        column: 5,
        endLine: 8,
        endColumn: 28,
        messageId: 'noValidationL1',
        fixes: [
          {
            title: 'Validate log files (enableLogFileValidation: true)',
            isPreferred: true,
            output: stack(`
    new cloudtrail.CfnTrail(this, 'L1', {
      isLogging: true,
      s3BucketName: 'logs',
      isMultiRegionTrail: true,
      enableLogFileValidation: true,
    });
`),
          },
        ],
      },
    ],
  },
  {
    name: 'CDK v1 @aws-cdk/aws-cloudtrail',
    code: `import * as cdk from '@aws-cdk/core';
import * as cloudtrail from '@aws-cdk/aws-cloudtrail';

export class LegacyStack extends cdk.Stack {
  constructor(scope: cdk.Construct, id: string) {
    super(scope, id);
    new cloudtrail.Trail(this, 'Trail', { enableFileValidation: false });
  }
}
`,
    errors: [{ line: 7, column: 65, endLine: 7, endColumn: 70, messageId: 'noValidation' }],
  },
  {
    name: 'require() in a JavaScript app',
    filename: 'lib/stack.js',
    code: JS('{ includeGlobalServiceEvents: false }'),
    errors: [{ line: 7, column: 60, endLine: 7, endColumn: 65, fixes: [{ output: JS('{}') }] }],
  },
];

ruleTester(rule, {
  valid: [
    {
      name: "the L2's defaults, explicit true values, ReadWriteType.ALL / WRITE_ONLY, a validated CfnTrail",
      code: stack(`
    new cloudtrail.Trail(this, 'A');
    new cloudtrail.Trail(this, 'B', { includeGlobalServiceEvents: true, enableFileValidation: true, managementEvents: cloudtrail.ReadWriteType.ALL });
    new cloudtrail.Trail(this, 'C', { managementEvents: cloudtrail.ReadWriteType.WRITE_ONLY });
    new cloudtrail.CfnTrail(this, 'D', { isLogging: true, s3BucketName: 'logs', enableLogFileValidation: true });
`),
    },
  ],
  invalid,
});

typeCheckFixOutputs(rule.meta.id, invalid);
