import { ruleTester } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import rule from './rule';

/**
 * cdk-nag's own cases for AwsSolutions-L1 / Serverless-LambdaLatestVersion (LambdaLatestVersion,
 * cdklabs/cdk-nag test/rules/Lambda.test.ts), named after them. cdk-nag asks for the newest
 * runtime of each family; this rule asks only for one AWS still supports, so it agrees on the
 * deprecated ones and differs where cdk-nag's family reading does (see the "differs" cases).
 * `stack(body)`: the body's first line is line 8.
 */
const { stack } = stackFixture(["import * as lambda from 'aws-cdk-lib/aws-lambda';"], 'LambdaStack');
const cfn = (runtime: string) => `    new lambda.CfnFunction(this, 'Function', { runtime: ${runtime}, code: {}, role: 'somerole' });`;
const CFN_VALUE_COLUMN = 57;

ruleTester(rule, {
  valid: [
    {
      name: 'cdk-nag L1 Compliance 1, 2, 4, 7, 9: the newest Node.js, Python, Java and Ruby (L1 and L2)',
      code: stack(`
${cfn("'nodejs24.x'")}
${cfn("'python3.14'")}
${cfn("'java25'")}
${cfn("'ruby3.4'")}
    new lambda.Function(this, 'L2', { runtime: lambda.Runtime.NODEJS_24_X, code: lambda.Code.fromInline('hi'), handler: 'index.handler' });
`),
    },
    {
      name: 'cdk-nag L1 Compliance 8: a container image function has no runtime',
      code: stack(`
    new lambda.DockerImageFunction(this, 'Function', { code: lambda.DockerImageCode.fromImageAsset('image') });
`),
    },
    {
      name: 'cdk-nag L1 Noncompliance 4 (differs): java8.al2 is not the newest Java but AWS still supports it',
      code: stack(`
${cfn("'java8.al2'")}
`),
    },
  ],
  invalid: [
    {
      name: 'cdk-nag L1 Noncompliance 1, 2, 3, 6: nodejs16.x, python3.9, dotnetcore2.1, ruby2.5 as CfnFunction strings',
      code: stack(`
${cfn("'nodejs16.x'")}
${cfn("'python3.9'")}
${cfn("'dotnetcore2.1'")}
${cfn("'ruby2.5'")}
`),
      errors: [8, 9, 10, 11].map((line) => ({ line, column: CFN_VALUE_COLUMN, ...(line === 10 ? { severity: 'error' as const } : {}) })),
    },
    {
      name: 'cdk-nag L1 Noncompliance 5: L2 - nodejs',
      code: stack(`
    new lambda.Function(this, 'Function', { runtime: lambda.Runtime.NODEJS_16_X, code: lambda.Code.fromInline('hi'), handler: 'index.handler' });
`),
      errors: [{ line: 8, column: 54, endLine: 8, endColumn: 80, messageId: 'deprecated' }],
    },
    {
      // cdk-nag counts 'provided' as not applicable and reads 'dotnetcore' and 'go' as families
      // whose newest member is compliant; AWS deprecated all three (provided and go1.x on
      // 2023-12-31, dotnetcore3.1 on 2023-04-03).
      name: 'cdk-nag L1 Compliance 3, 5, 6 (differ): dotnetcore3.1, go1.x and provided are deprecated',
      code: stack(`
${cfn("'dotnetcore3.1'")}
${cfn("'go1.x'")}
${cfn("'provided'")}
`),
      errors: [8, 9, 10].map((line) => ({ line, column: CFN_VALUE_COLUMN, ...(line === 8 ? { severity: 'error' as const } : {}) })),
    },
  ],
});
