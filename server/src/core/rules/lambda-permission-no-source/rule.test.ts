import { ruleTester } from '../../../test/ruleTester';
import { stackFixture, lambdaFunction } from '../../../test/cdkFixtures';
import rule from './rule';

/** `stack(body)` wraps the body in a stack class; the body's first line is line 11 of the file. */
const { stack } = stackFixture(
  [
    "import * as events from 'aws-cdk-lib/aws-events';",
    "import * as iam from 'aws-cdk-lib/aws-iam';",
    "import * as lambda from 'aws-cdk-lib/aws-lambda';",
    "import * as s3 from 'aws-cdk-lib/aws-s3';",
  ],
  'IngestStack',
);

/** A function bound to `fn`: five lines (11–15). */
const FN = lambdaFunction();

ruleTester(rule, {
  valid: [
    {
      name: 'a service principal with sourceArn',
      code: stack(`
${FN}
    const uploads = new s3.Bucket(this, 'Uploads');
    fn.addPermission('S3Invoke', {
      principal: new iam.ServicePrincipal('s3.amazonaws.com'),
      sourceArn: uploads.bucketArn,
      sourceAccount: this.account,
    });
`),
    },
    {
      name: 'a service principal with sourceAccount only',
      code: stack(`
${FN}
    fn.addPermission('LogsInvoke', { principal: new iam.ServicePrincipal('logs.amazonaws.com'), sourceAccount: cdk.Stack.of(this).account });
`),
    },
    {
      name: 'grantInvoke(new ServicePrincipal(...)), as CDK integrations do',
      code: stack(`
${FN}
    fn.grantInvoke(new iam.ServicePrincipal('events.amazonaws.com'));
`),
    },
    {
      name: 'an account principal is not a service',
      code: stack(`
${FN}
    fn.addPermission('Partner', { principal: new iam.AccountPrincipal('123456789012') });
`),
    },
    {
      name: 'CfnPermission with a source, and with an account principal',
      code: stack(`
    new lambda.CfnPermission(this, 'SnsInvoke', {
      action: 'lambda:InvokeFunction',
      functionName: 'notifier',
      principal: 'sns.amazonaws.com',
      sourceArn: 'arn:aws:sns:us-east-1:123456789012:alerts',
    });
    new lambda.CfnPermission(this, 'PartnerInvoke', {
      action: 'lambda:InvokeFunction',
      functionName: 'notifier',
      principal: '123456789012',
    });
`),
    },
    {
      name: 'options that may carry a source we cannot see',
      code: `import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';

export function allowS3(fn: lambda.Function, extra: Partial<lambda.Permission>) {
  fn.addPermission('S3Invoke', { ...extra, principal: new iam.ServicePrincipal('s3.amazonaws.com') });
}
`,
    },
    {
      name: 'a local class called ServicePrincipal',
      code: `import * as lambda from 'aws-cdk-lib/aws-lambda';

class ServicePrincipal {
  constructor(readonly service: string) {}
}

export function allow(fn: lambda.Function) {
  fn.addPermission('Local', { principal: new ServicePrincipal('s3.amazonaws.com') as never });
}
`,
    },
  ],
  invalid: [
    {
      name: 'Alexa without eventSourceToken: the message points at the skill id, not sourceArn (issue 18)',
      code: stack(`
${FN}
    fn.addPermission('Alexa', { principal: new iam.ServicePrincipal('alexa-appkit.amazon.com') });
    fn.addPermission('Skill', { principal: new iam.ServicePrincipal('alexa-appkit.amazon.com'), eventSourceToken: 'amzn1.ask.skill.1234' });
`),
      errors: [
        {
          line: 16,
          column: 44,
          endLine: 16,
          endColumn: 95,
          message:
            "alexa-appkit.amazon.com may invoke this function for any Alexa skill, anyone's included. Add eventSourceToken with your skill's ID (amzn1.ask.skill.…).",
        },
      ],
    },
    {
      name: 'addPermission with a service principal and no source',
      code: stack(`
${FN}
    fn.addPermission('S3Invoke', { principal: new iam.ServicePrincipal('s3.amazonaws.com') });
`),
      errors: [
        {
          line: 16,
          column: 47,
          endLine: 16,
          endColumn: 91,
          message:
            "s3.amazonaws.com may invoke this function on behalf of any account's resource. Add sourceArn (the bucket, rule or API that calls it) or sourceAccount.",
          fixes: [],
        },
      ],
    },
    {
      name: 'addPermission on an alias; sourceArn explicitly undefined',
      code: stack(`
${FN}
    const live = new lambda.Alias(this, 'Live', { aliasName: 'live', version: fn.currentVersion });
    live.addPermission('EventsInvoke', {
      principal: new iam.ServicePrincipal('events.amazonaws.com'),
      sourceArn: undefined,
    });
`),
      errors: [{ line: 18, column: 18, endLine: 18, endColumn: 66, message: /^events\.amazonaws\.com may invoke this function/ }],
    },
    {
      name: 'CfnPermission with a service principal and no source',
      code: stack(`
    new lambda.CfnPermission(this, 'SnsInvoke', {
      action: 'lambda:InvokeFunction',
      functionName: 'notifier',
      principal: 'sns.amazonaws.com',
    });
`),
      errors: [{ line: 14, column: 18, endLine: 14, endColumn: 37, message: /^sns\.amazonaws\.com may invoke this function/ }],
    },

    // ---- Every way an app reaches ServicePrincipal ---------------------------------------
    {
      name: 'named, renamed and root-barrel imports',
      code: `import * as cdk from 'aws-cdk-lib';
import { ServicePrincipal, ServicePrincipal as Service } from 'aws-cdk-lib/aws-iam';
import { aws_lambda as lambda } from 'aws-cdk-lib';

export function allow(fn: lambda.Function) {
  fn.addPermission('S3', { principal: new ServicePrincipal('s3.amazonaws.com') });
  fn.addPermission('Sns', { principal: new Service('sns.amazonaws.com') });
  fn.addPermission('Events', { principal: new cdk.aws_iam.ServicePrincipal('events.amazonaws.com') });
  new lambda.CfnPermission(fn, 'Logs', { action: 'lambda:InvokeFunction', functionName: fn.functionName, principal: 'logs.amazonaws.com' });
}
`,
      errors: [
        { line: 6, column: 39, endLine: 6, endColumn: 79 },
        { line: 7, column: 40, endLine: 7, endColumn: 72 },
        { line: 8, column: 43, endLine: 8, endColumn: 99 },
        { line: 9, column: 117, endLine: 9, endColumn: 137 },
      ],
    },
    {
      name: 'require() in a JavaScript app',
      filename: 'lib/stack.js',
      code: `const { ServicePrincipal } = require('aws-cdk-lib/aws-iam');

function allowS3(fn) {
  fn.addPermission('S3Invoke', { principal: new ServicePrincipal('s3.amazonaws.com') });
}

module.exports = { allowS3 };
`,
      errors: [{ line: 4, column: 45, endLine: 4, endColumn: 85 }],
    },
    {
      name: 'CDK v1 @aws-cdk/aws-iam',
      code: `import * as iam from '@aws-cdk/aws-iam';
import * as lambda from '@aws-cdk/aws-lambda';

export function allowS3(fn: lambda.Function) {
  fn.addPermission('S3Invoke', { principal: new iam.ServicePrincipal('s3.amazonaws.com') });
}
`,
      errors: [{ line: 5, column: 45, endLine: 5, endColumn: 89 }],
    },

    // ---- Values followed through the code ------------------------------------------------
    {
      name: 'options held in a const, service name in a const',
      code: stack(`
${FN}
    const service = 'events.amazonaws.com';
    const permission = { principal: new iam.ServicePrincipal(service), action: 'lambda:InvokeFunction' };
    fn.addPermission('EventsInvoke', permission);
`),
      errors: [
        {
          line: 17,
          column: 37,
          endLine: 17,
          endColumn: 70,
          message: /^events\.amazonaws\.com may invoke this function/,
          related: [{ line: 18, column: 38, message: 'Used here' }],
        },
      ],
    },
    {
      name: 'options spread from a shared base',
      code: stack(`
${FN}
    const base = { principal: new iam.ServicePrincipal('s3.amazonaws.com') };
    fn.addPermission('S3Invoke', { ...base, action: 'lambda:InvokeFunction' });
`),
      errors: [{ line: 16, column: 31, endLine: 16, endColumn: 75, related: [{ line: 17, column: 39, message: 'Used here' }] }],
    },
    {
      name: 'options exported from another file: the finding is at the use site',
      code: `import * as lambda from 'aws-cdk-lib/aws-lambda';
import { S3_INVOKE } from './permissions';

export function allowS3(fn: lambda.Function) {
  fn.addPermission('S3Invoke', S3_INVOKE);
}
`,
      files: {
        'lib/permissions.ts': `import * as iam from 'aws-cdk-lib/aws-iam';

export const S3_INVOKE = { principal: new iam.ServicePrincipal('s3.amazonaws.com') };
`,
      },
      errors: [
        {
          line: 5,
          column: 32,
          endLine: 5,
          endColumn: 41,
          message: /^s3\.amazonaws\.com may invoke this function/,
          related: [{ file: 'lib/permissions.ts', line: 3, column: 39, message: 'Value declared here' }],
        },
      ],
    },
  ],
});
