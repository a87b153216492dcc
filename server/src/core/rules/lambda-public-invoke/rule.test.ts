import { ruleTester } from '../../../test/ruleTester';
import { stackFixture, lambdaFunction } from '../../../test/cdkFixtures';
import rule from './rule';

/** `stack(body)` wraps the body in a stack class; the body's first line is line 10 of the file. */
const { stack } = stackFixture(
  [
    "import * as apigateway from 'aws-cdk-lib/aws-apigateway';",
    "import * as iam from 'aws-cdk-lib/aws-iam';",
    "import * as lambda from 'aws-cdk-lib/aws-lambda';",
  ],
  'ApiStack',
);

/** A function bound to `fn`: five lines (10–14). */
const FN = lambdaFunction();

const PRINCIPAL_MESSAGE =
  'This lets any principal invoke the function. Grant invoke to the specific service (with a sourceArn) or account that calls it.';

ruleTester(rule, {
  valid: [
    {
      name: 'a * principal narrowed by principalOrgId, sourceArn or sourceAccount (issue 18: SonarJS and cdk-nag fixtures)',
      code: stack(`
${FN}
    fn.addPermission('Org', { principal: new iam.AnyPrincipal(), principalOrgId: 'o-abc123' });
    fn.addPermission('FromBucket', { principal: new iam.StarPrincipal(), sourceArn: 'arn:aws:s3:::uploads' });
    new lambda.CfnPermission(this, 'Account', {
      action: 'lambda:InvokeFunction',
      functionName: 'thumbnailer',
      principal: '*',
      sourceAccount: '123456789012',
    });
`),
    },
    {
      name: 'a service principal with a sourceArn',
      code: stack(`
${FN}
    const api = new apigateway.RestApi(this, 'Api');
    fn.addPermission('ApiInvoke', {
      principal: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      sourceArn: api.arnForExecuteApi(),
    });
`),
    },
    {
      name: 'grantInvoke to a role, an account and a specific ARN',
      code: stack(`
${FN}
    const caller = new iam.Role(this, 'Caller', { assumedBy: new iam.ServicePrincipal('states.amazonaws.com') });
    fn.grantInvoke(caller);
    fn.grantInvoke(new iam.AccountPrincipal('123456789012'));
    fn.grantInvoke(new iam.ArnPrincipal(caller.roleArn));
`),
    },
    {
      name: 'function URLs with IAM auth (explicit, and the default)',
      code: stack(`
${FN}
    fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
    fn.addFunctionUrl();
    new lambda.FunctionUrl(this, 'Url', { function: fn, authType: lambda.FunctionUrlAuthType.AWS_IAM });
`),
    },
    {
      name: 'CfnPermission for a service with a source',
      code: stack(`
    new lambda.CfnPermission(this, 'S3Invoke', {
      action: 'lambda:InvokeFunction',
      functionName: 'thumbnailer',
      principal: 's3.amazonaws.com',
      sourceArn: 'arn:aws:s3:::uploads',
    });
`),
    },
    {
      name: 'local classes called AnyPrincipal and FunctionUrlAuthType',
      code: `import * as lambda from 'aws-cdk-lib/aws-lambda';

class AnyPrincipal {}
const FunctionUrlAuthType = { NONE: 'AWS_IAM' } as const;

export function expose(fn: lambda.Function) {
  fn.grantInvoke(new AnyPrincipal() as never);
  fn.addFunctionUrl({ authType: FunctionUrlAuthType.NONE as never });
}
`,
    },
  ],
  invalid: [
    {
      name: 'grantInvoke(new AnyPrincipal())',
      code: stack(`
${FN}
    fn.grantInvoke(new iam.AnyPrincipal());
`),
      errors: [{ line: 15, column: 20, endLine: 15, endColumn: 42, message: PRINCIPAL_MESSAGE, fixes: [] }],
    },
    {
      name: "grantInvoke with StarPrincipal and ArnPrincipal('*'); grantInvokeUrl",
      code: stack(`
${FN}
    fn.grantInvoke(new iam.StarPrincipal());
    fn.grantInvoke(new iam.ArnPrincipal('*'));
    fn.grantInvokeUrl(new iam.AnyPrincipal());
`),
      errors: [
        { line: 15, column: 20, endLine: 15, endColumn: 43 },
        { line: 16, column: 20, endLine: 16, endColumn: 45 },
        { line: 17, column: 23, endLine: 17, endColumn: 45 },
      ],
    },
    {
      name: "addPermission with principal '*' (AnyPrincipal, ArnPrincipal('*')), on a function and an alias",
      code: stack(`
${FN}
    fn.addPermission('Public', { principal: new iam.AnyPrincipal(), action: 'lambda:InvokeFunction' });
    const live = new lambda.Alias(this, 'Live', { aliasName: 'live', version: fn.currentVersion });
    live.addPermission('PublicAlias', { principal: new iam.ArnPrincipal('*') });
`),
      errors: [
        { line: 15, column: 45, endLine: 15, endColumn: 67, message: PRINCIPAL_MESSAGE },
        { line: 17, column: 52, endLine: 17, endColumn: 77 },
      ],
    },
    {
      name: 'CfnPermission with principal *',
      code: stack(`
    new lambda.CfnPermission(this, 'PublicInvoke', {
      action: 'lambda:InvokeFunction',
      functionName: 'thumbnailer',
      principal: '*',
    });
`),
      errors: [{ line: 13, column: 18, endLine: 13, endColumn: 21 }],
    },
    {
      name: 'addFunctionUrl with authType NONE',
      code: stack(`
${FN}
    fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE, cors: { allowedOrigins: ['*'] } });
`),
      errors: [
        {
          line: 15,
          column: 35,
          endLine: 15,
          endColumn: 66,
          message:
            'A function URL with authType NONE is callable by anyone on the internet. Use FunctionUrlAuthType.AWS_IAM, or put an authorizer in front of the function.',
          fixes: [],
        },
      ],
    },
    {
      name: 'FunctionUrl and CfnUrl with authType NONE',
      code: stack(`
${FN}
    new lambda.FunctionUrl(this, 'Url', { function: fn, authType: lambda.FunctionUrlAuthType.NONE });
    new lambda.CfnUrl(this, 'L1Url', { targetFunctionArn: fn.functionArn, authType: 'NONE' });
`),
      errors: [
        { line: 15, column: 67, endLine: 15, endColumn: 98, message: /^A function URL with authType NONE/ },
        { line: 16, column: 85, endLine: 16, endColumn: 91, message: /^A function URL with authType NONE/ },
      ],
    },

    // ---- Every way an app reaches the constructs -----------------------------------------
    {
      name: 'named imports',
      code: `import { AnyPrincipal } from 'aws-cdk-lib/aws-iam';
import { Function as LambdaFunction, FunctionUrlAuthType } from 'aws-cdk-lib/aws-lambda';

export function expose(fn: LambdaFunction) {
  fn.grantInvoke(new AnyPrincipal());
  fn.addFunctionUrl({ authType: FunctionUrlAuthType.NONE });
}
`,
      errors: [
        { line: 5, column: 18, endLine: 5, endColumn: 36 },
        { line: 6, column: 33, endLine: 6, endColumn: 57 },
      ],
    },
    {
      name: 'root barrel: cdk.aws_iam and { aws_lambda as lambda }',
      code: `import * as cdk from 'aws-cdk-lib';
import { aws_lambda as lambda } from 'aws-cdk-lib';

export function expose(fn: lambda.Function) {
  fn.grantInvoke(new cdk.aws_iam.StarPrincipal());
  fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
}
`,
      errors: [
        { line: 5, column: 18, endLine: 5, endColumn: 49 },
        { line: 6, column: 33, endLine: 6, endColumn: 64 },
      ],
    },
    {
      name: 'require() in a JavaScript app',
      filename: 'lib/stack.js',
      code: `const iam = require('aws-cdk-lib/aws-iam');
const { FunctionUrlAuthType } = require('aws-cdk-lib/aws-lambda');

function expose(fn) {
  fn.grantInvoke(new iam.AnyPrincipal());
  fn.addFunctionUrl({ authType: FunctionUrlAuthType.NONE });
}

module.exports = { expose };
`,
      errors: [
        { line: 5, column: 18, endLine: 5, endColumn: 40 },
        { line: 6, column: 33, endLine: 6, endColumn: 57 },
      ],
    },
    {
      name: 'CDK v1 @aws-cdk/aws-iam',
      code: `import * as iam from '@aws-cdk/aws-iam';
import * as lambda from '@aws-cdk/aws-lambda';

export function expose(fn: lambda.Function) {
  fn.addPermission('Public', { principal: new iam.AnyPrincipal() });
}
`,
      errors: [{ line: 5, column: 43, endLine: 5, endColumn: 65 }],
    },

    // ---- Values followed through the code ------------------------------------------------
    {
      name: 'a principal held in a const',
      code: stack(`
${FN}
    const everyone = new iam.AnyPrincipal();
    fn.grantInvoke(everyone);
`),
      errors: [{ line: 15, column: 22, endLine: 15, endColumn: 44, related: [{ line: 16, column: 20, message: 'Used here' }] }],
    },
    {
      name: 'URL options spread from shared props, with shorthand',
      code: stack(`
${FN}
    const authType = lambda.FunctionUrlAuthType.NONE;
    const publicUrl = { authType };
    fn.addFunctionUrl({ ...publicUrl, cors: { allowedOrigins: ['https://example.com'] } });
`),
      errors: [{ line: 15, column: 22, endLine: 15, endColumn: 53, related: [{ line: 17, column: 28, message: 'Used here' }] }],
    },
    {
      name: 'permission options exported from another file',
      code: `import * as lambda from 'aws-cdk-lib/aws-lambda';
import { PUBLIC_PERMISSION } from './permissions';

export function expose(fn: lambda.Function) {
  fn.addPermission('Public', PUBLIC_PERMISSION);
}
`,
      files: {
        'lib/permissions.ts': `import * as iam from 'aws-cdk-lib/aws-iam';

export const PUBLIC_PERMISSION = { principal: new iam.AnyPrincipal() };
`,
      },
      errors: [
        {
          line: 5,
          column: 30,
          endLine: 5,
          endColumn: 47,
          related: [{ file: 'lib/permissions.ts', line: 3, column: 47, message: 'Value declared here' }],
        },
      ],
    },
  ],
});
