import { ruleTester } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import rule from './rule';

/** `stack(body)` wraps the body in a stack class; the body's first line is line 9 of the file. */
const { stack } = stackFixture(
  ["import * as iam from 'aws-cdk-lib/aws-iam';", "import * as lambda from 'aws-cdk-lib/aws-lambda';"],
  'AppStack',
);

const ASSUMED_BY = "assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com')";

ruleTester(rule, {
  valid: [
    {
      name: 'service-role policies for Lambda',
      code: stack(`
    const role = new iam.Role(this, 'HandlerRole', {
      ${ASSUMED_BY},
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole'),
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaVPCAccessExecutionRole'),
      ],
    });
`),
    },
    {
      name: 'read-only and narrow AWS managed policies',
      code: stack(`
    const role = new iam.Role(this, 'ReportsRole', { ${ASSUMED_BY} });
    role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonS3ReadOnlyAccess'));
    role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('CloudWatchLambdaInsightsExecutionRolePolicy'));
`),
    },
    {
      name: 'service-role and customer-managed policy ARNs',
      code: stack(`
    const role = new iam.Role(this, 'HandlerRole', { ${ASSUMED_BY} });
    role.addManagedPolicy(iam.ManagedPolicy.fromManagedPolicyArn(this, 'Basic', 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'));
    role.addManagedPolicy(iam.ManagedPolicy.fromManagedPolicyArn(this, 'Team', 'arn:aws:iam::123456789012:policy/AdministratorAccess'));
    new iam.CfnRole(this, 'L1Role', {
      assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
      managedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
    });
`),
    },
    {
      name: 'a local class called ManagedPolicy',
      code: `class ManagedPolicy {
  static fromAwsManagedPolicyName(name: string): string {
    return name;
  }
}

export const label = ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess');
`,
    },
    {
      name: 'a policy name that is not a string we can see',
      code: stack(`
    const role = new iam.Role(this, 'HandlerRole', { ${ASSUMED_BY} });
    const policyName: string = this.node.tryGetContext('policy');
    role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName(policyName));
`),
    },
  ],
  invalid: [
    {
      name: 'AdministratorAccess on a role',
      code: stack(`
    const role = new iam.Role(this, 'DeployRole', {
      ${ASSUMED_BY},
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
    });
`),
      errors: [
        {
          line: 11,
          column: 68,
          endLine: 11,
          endColumn: 89,
          message:
            "'AdministratorAccess' gives near-administrator access. Give the role only what it needs with grant methods (table.grantReadData(fn)) or narrow statements.",
          fixes: [],
        },
      ],
    },
    {
      name: 'PowerUserAccess and IAMFullAccess added to a function role',
      code: stack(`
    const fn = new lambda.Function(this, 'Handler', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
    });
    fn.role?.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('PowerUserAccess'));
    fn.role?.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('IAMFullAccess'));
`),
      errors: [
        {
          line: 14,
          column: 74,
          endLine: 14,
          endColumn: 91,
          severity: 'error',
          message: /^'PowerUserAccess' gives near-administrator access/,
        },
        {
          line: 15,
          column: 74,
          endLine: 15,
          endColumn: 89,
          severity: 'error',
          message: /^'IAMFullAccess' gives near-administrator access/,
        },
      ],
    },
    {
      name: 'any other *FullAccess policy is a warning',
      code: stack(`
    const role = new iam.Role(this, 'WorkerRole', {
      ${ASSUMED_BY},
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonDynamoDBFullAccess'),
        iam.ManagedPolicy.fromAwsManagedPolicyName('AWSLambda_FullAccess'),
      ],
    });
`),
      errors: [
        {
          line: 12,
          column: 52,
          endLine: 12,
          endColumn: 78,
          severity: 'warning',
          message:
            "'AmazonDynamoDBFullAccess' grants every action of a service on every resource. Prefer the resource's grant methods or a policy scoped to specific ARNs.",
        },
        { line: 13, column: 52, endLine: 13, endColumn: 74, severity: 'warning' },
      ],
    },
    {
      name: 'an AWS managed policy ARN, literal or with the partition token',
      code: stack(`
    const role = new iam.Role(this, 'DeployRole', { ${ASSUMED_BY} });
    role.addManagedPolicy(iam.ManagedPolicy.fromManagedPolicyArn(this, 'Admin', 'arn:aws:iam::aws:policy/AdministratorAccess'));
    role.addManagedPolicy(iam.ManagedPolicy.fromManagedPolicyArn(this, 'S3', \`arn:\${cdk.Aws.PARTITION}:iam::aws:policy/AmazonS3FullAccess\`));
`),
      errors: [
        { line: 10, column: 81, endLine: 10, endColumn: 126 },
        { line: 11, column: 78, endLine: 11, endColumn: 139, severity: 'warning' },
      ],
    },
    {
      name: 'managedPolicyArns of a CfnRole',
      code: stack(`
    new iam.CfnRole(this, 'L1Role', {
      assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
      managedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', 'arn:aws:iam::aws:policy/PowerUserAccess'],
    });
`),
      errors: [{ line: 11, column: 95, endLine: 11, endColumn: 136 }],
    },

    // ---- Every way an app reaches ManagedPolicy --------------------------------------------
    {
      name: 'named and renamed imports',
      code: `import { ManagedPolicy, ManagedPolicy as Managed } from 'aws-cdk-lib/aws-iam';

export const admin = ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess');
export const power = Managed.fromAwsManagedPolicyName('PowerUserAccess');
`,
      errors: [
        { line: 3, column: 61, endLine: 3, endColumn: 82 },
        { line: 4, column: 55, endLine: 4, endColumn: 72 },
      ],
    },
    {
      name: 'root barrel: cdk.aws_iam and { aws_iam as iam }',
      code: `import * as cdk from 'aws-cdk-lib';
import { aws_iam as iam } from 'aws-cdk-lib';

export const admin = cdk.aws_iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess');
export const iamFull = iam.ManagedPolicy.fromAwsManagedPolicyName('IAMFullAccess');
`,
      errors: [
        { line: 4, column: 73, endLine: 4, endColumn: 94 },
        { line: 5, column: 67, endLine: 5, endColumn: 82 },
      ],
    },
    {
      name: 'require() in a JavaScript app',
      filename: 'lib/stack.js',
      code: `const { aws_iam: iam } = require('aws-cdk-lib');

exports.admin = iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess');
`,
      errors: [{ line: 3, column: 60, endLine: 3, endColumn: 81 }],
    },
    {
      name: 'CDK v1 @aws-cdk/aws-iam',
      code: `import * as iam from '@aws-cdk/aws-iam';

export const admin = iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess');
`,
      errors: [{ line: 3, column: 65, endLine: 3, endColumn: 86 }],
    },

    // ---- Values followed through the code ------------------------------------------------
    {
      name: 'a policy name read from a const array element',
      code: stack(`
    const policyNames = ['service-role/AWSLambdaBasicExecutionRole', 'AdministratorAccess'];
    const basePolicies = [iam.ManagedPolicy.fromAwsManagedPolicyName('PowerUserAccess')];
    const role = new iam.Role(this, 'DeployRole', {
      ${ASSUMED_BY},
      managedPolicies: [...basePolicies],
    });
    role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName(policyNames[1]));
`),
      errors: [
        { line: 9, column: 70, endLine: 9, endColumn: 91, related: [{ line: 15, column: 70, message: 'Used here' }] },
        { line: 10, column: 70, endLine: 10, endColumn: 87 },
      ],
    },
    {
      name: 'an exported constant from another file',
      code: `import * as iam from 'aws-cdk-lib/aws-iam';
import { DEPLOY_POLICY } from './constants';

export const deploy = iam.ManagedPolicy.fromAwsManagedPolicyName(DEPLOY_POLICY);
`,
      files: { 'lib/constants.ts': "export const DEPLOY_POLICY = 'AdministratorAccess';\n" },
      errors: [
        {
          line: 4,
          column: 66,
          endLine: 4,
          endColumn: 79,
          related: [{ file: 'lib/constants.ts', line: 1, column: 30, message: 'Value declared here' }],
        },
      ],
    },
  ],
});
