import { ruleTester } from '../../../test/ruleTester';
import { stackFixture, lambdaFunction } from '../../../test/cdkFixtures';
import rule from './rule';

/** `stack(body)` wraps the body in a stack class; the body's first line is line 9 of the file. */
const { stack } = stackFixture(
  ["import * as iam from 'aws-cdk-lib/aws-iam';", "import * as lambda from 'aws-cdk-lib/aws-lambda';"],
  'DeployStack',
);

/** A function bound to `fn`: five lines (9–13). */
const FN = lambdaFunction('fn', 'Deployer');

ruleTester(rule, {
  valid: [
    {
      name: 'iam:PassRole on one named role ARN, or on the roles under one path',
      code: stack(`
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['arn:aws:iam::123456789012:role/worker'] }));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['arn:aws:iam::123456789012:role/workers/*'] }));
`),
    },
    {
      name: 'iam:PassRole scoped to the one role it passes',
      code: stack(`
${FN}
    const workerRole = new iam.Role(this, 'WorkerRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['lambda:CreateFunction', 'iam:PassRole'], resources: [workerRole.roleArn] }));
`),
    },
    {
      name: 'sts:AssumeRole and policy changes on specific ARNs',
      code: stack(`
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: ['arn:aws:iam::210987654321:role/cross-account-reader'] }));
    fn.addToRolePolicy(new iam.PolicyStatement({
      actions: ['iam:CreatePolicyVersion', 'iam:AttachRolePolicy', 'iam:PutRolePolicy'],
      resources: [\`arn:aws:iam::\${this.account}:role/app-*\`],
    }));
`),
    },
    {
      name: 'Deny statements',
      code: stack(`
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['iam:PassRole', 'iam:AttachRolePolicy'], resources: ['*'] }));
    iam.PolicyStatement.fromJson({ Effect: 'Deny', Action: ['sts:AssumeRole'], Resource: '*' });
`),
    },
    {
      name: 'a role trust policy (principals, no resources)',
      code: stack(`
    new iam.Role(this, 'CiRole', {
      assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com'),
      inlinePolicies: {
        trust: new iam.PolicyDocument({
          statements: [new iam.PolicyStatement({ actions: ['sts:AssumeRole'], principals: [new iam.AccountRootPrincipal()] })],
        }),
      },
    });
`),
    },
    {
      name: 'lambda:CreateFunction alone, and read-only IAM actions, on *',
      code: stack(`
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['lambda:CreateFunction', 'iam:GetRole', 'iam:ListRoles'], resources: ['*'] }));
`),
    },
    {
      name: "'iam:*' on * is left to iam-wildcard-action (one finding, not two)",
      code: stack(`
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['iam:*'], resources: ['*'] }));
`),
    },
    {
      name: 'resources we cannot see are not assumed to be *',
      code: `import * as iam from 'aws-cdk-lib/aws-iam';

export function passRoleStatement(roleArns: string[]): iam.PolicyStatement {
  return new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: roleArns });
}
`,
    },
    {
      name: 'a local class called PolicyStatement',
      code: `class PolicyStatement {
  constructor(readonly props: { actions: string[]; resources: string[] }) {}
}

export const audit = new PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] });
`,
    },
  ],
  invalid: [
    {
      name: 'iam:PassRole on a wildcard role ARN: every role of its type (AWS data)',
      code: stack(`
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['arn:aws:iam::*:role/*'] }));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: [\`arn:aws:iam::\${this.account}:role/*\`] }));
`),
      errors: [
        { line: 14, column: 60, endLine: 14, endColumn: 74, messageId: 'escalation' },
        { line: 15, column: 60, endLine: 15, endColumn: 76, messageId: 'escalation' },
      ],
    },
    {
      name: 'iam:PassRole on *',
      code: stack(`
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
`),
      errors: [
        {
          line: 14,
          column: 60,
          endLine: 14,
          endColumn: 74,
          message:
            "'iam:PassRole' on every resource lets this principal escalate its own privileges. Scope it to the specific role or policy ARN it needs.",
          fixes: [],
        },
      ],
    },
    {
      name: 'policy-changing actions and sts:AssumeRole on *',
      code: stack(`
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({
      actions: ['iam:CreatePolicyVersion', 'iam:AttachRolePolicy', 'iam:PutRolePolicy', 'sts:AssumeRole', 's3:GetObject'],
      resources: ['*'],
    }));
`),
      errors: [
        { line: 15, column: 17, endLine: 15, endColumn: 42, message: /^'iam:CreatePolicyVersion' on every resource/ },
        { line: 15, column: 44, endLine: 15, endColumn: 66, message: /^'iam:AttachRolePolicy' on every resource/ },
        { line: 15, column: 68, endLine: 15, endColumn: 87, message: /^'iam:PutRolePolicy' on every resource/ },
        { line: 15, column: 89, endLine: 15, endColumn: 105, message: /^'sts:AssumeRole' on every resource/ },
      ],
    },
    {
      name: 'lambda:CreateFunction together with iam:PassRole on *',
      code: stack(`
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['lambda:CreateFunction', 'iam:PassRole'], resources: ['*'] }));
`),
      errors: [
        {
          line: 14,
          column: 85,
          endLine: 14,
          endColumn: 99,
          message:
            "'iam:PassRole' together with lambda:CreateFunction on every resource lets this principal create a function that runs as any role. Scope iam:PassRole to the one role it must pass.",
        },
      ],
    },
    {
      name: 'partial wildcards that include an escalation action, written in any case',
      code: stack(`
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['iam:Attach*', 'IAM:passrole'], resources: ['*'] }));
`),
      errors: [
        { line: 14, column: 60, endLine: 14, endColumn: 73, message: /^'iam:Attach\*' on every resource/ },
        { line: 14, column: 75, endLine: 14, endColumn: 89, message: /^'IAM:passrole' on every resource/ },
      ],
    },
    {
      name: 'addActions and addAllResources()',
      code: stack(`
    const deploy = new iam.PolicyStatement();
    deploy.addActions('cloudformation:CreateStack', 'iam:PassRole');
    deploy.addAllResources();
`),
      errors: [{ line: 10, column: 53, endLine: 10, endColumn: 67 }],
    },
    {
      name: "addResources('*')",
      code: stack(`
    const assume = new iam.PolicyStatement({ actions: ['sts:AssumeRole'] });
    assume.addResources('*');
`),
      errors: [{ line: 9, column: 56, endLine: 9, endColumn: 72 }],
    },
    {
      name: 'JSON statements: PolicyDocument.fromJson and CfnPolicy',
      code: stack(`
    const doc = iam.PolicyDocument.fromJson({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['iam:PutRolePolicy'], Resource: '*' }],
    });
    new iam.ManagedPolicy(this, 'Ops', { document: doc });
    new iam.CfnPolicy(this, 'Assume', {
      policyName: 'assume-any',
      roles: ['ops-role'],
      policyDocument: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] },
    });
`),
      errors: [
        { line: 11, column: 47, endLine: 11, endColumn: 66 },
        { line: 17, column: 64, endLine: 17, endColumn: 80 },
      ],
    },

    // ---- Every way an app reaches PolicyStatement ----------------------------------------
    {
      name: 'named import and root barrel',
      code: `import * as cdk from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';

export const pass = new PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] });
export const assume = new cdk.aws_iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: ['*'] });
`,
      errors: [
        { line: 4, column: 53, endLine: 4, endColumn: 67 },
        { line: 5, column: 67, endLine: 5, endColumn: 83 },
      ],
    },
    {
      name: 'require() in a JavaScript app',
      filename: 'lib/stack.js',
      code: `const { aws_iam: iam } = require('aws-cdk-lib');

exports.pass = new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] });
`,
      errors: [{ line: 3, column: 52, endLine: 3, endColumn: 66 }],
    },
    {
      name: 'CDK v1 @aws-cdk/aws-iam',
      code: `import { PolicyStatement } from '@aws-cdk/aws-iam';

export const pass = new PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] });
`,
      errors: [{ line: 3, column: 53, endLine: 3, endColumn: 67 }],
    },

    // ---- Values followed through the code ------------------------------------------------
    {
      name: 'actions and resources in a shared props const, spread',
      code: stack(`
${FN}
    const everywhere = { resources: ['*'] };
    const deployActions = ['lambda:CreateFunction', 'iam:PassRole'];
    fn.addToRolePolicy(new iam.PolicyStatement({ ...everywhere, actions: [...deployActions] }));
`),
      errors: [
        {
          line: 15,
          column: 53,
          endLine: 15,
          endColumn: 67,
          message: /together with lambda:CreateFunction/,
          related: [{ line: 16, column: 78, message: 'Used here' }],
        },
      ],
    },
    {
      name: 'an exported constant from another file',
      code: `import * as iam from 'aws-cdk-lib/aws-iam';
import { DEPLOY_ACTIONS } from './constants';

export const deploy = new iam.PolicyStatement({ actions: DEPLOY_ACTIONS, resources: ['*'] });
`,
      files: { 'lib/constants.ts': "export const DEPLOY_ACTIONS = ['cloudformation:*', 'iam:PassRole'];\n" },
      errors: [
        {
          line: 4,
          column: 58,
          endLine: 4,
          endColumn: 72,
          message: /^'iam:PassRole' on every resource/,
          related: [{ file: 'lib/constants.ts', line: 1, column: 52, message: 'Value declared here' }],
        },
      ],
    },
  ],
});
