import { ruleTester, type ExpectedFinding } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import { spanOf } from '../../../test/pythonFixtures';
import rule from './rule';

const { stack } = stackFixture(
  [
    "import * as ec2 from 'aws-cdk-lib/aws-ec2';",
    "import * as ecs from 'aws-cdk-lib/aws-ecs';",
    "import * as lambda from 'aws-cdk-lib/aws-lambda';",
    "import * as rds from 'aws-cdk-lib/aws-rds';",
    "import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';",
    "import * as ssm from 'aws-cdk-lib/aws-ssm';",
  ],
  'SecretsStack',
);

const message = (sink: string) =>
  `unsafeUnwrap() puts the secret's value into ${sink}, which CloudFormation stores and shows in plain text to anyone who can read the stack or the resource. Pass the secret's ARN or name instead and read the value at run time (ECS containers: the secrets property).`;

const at = (code: string, context: string, target?: string, more: Partial<ExpectedFinding> = {}, nth = 0): ExpectedFinding => ({
  ...spanOf(code, context, target, nth),
  ...more,
});

const sinks = stack(`
    const secret = new secretsmanager.Secret(this, 'Db');
    new cdk.CfnOutput(this, 'Password', { value: secret.secretValue.unsafeUnwrap() });
    cdk.Tags.of(this).add('owner-token', secret.secretValueFromJson('token').unsafeUnwrap());
    new ssm.StringParameter(this, 'Param', { stringValue: cdk.SecretValue.secretsManager('prod/api').unsafeUnwrap() });
    const userData = ec2.UserData.forLinux();
    userData.addCommands(\`export DB_PASSWORD=\${secret.secretValueFromJson('password').unsafeUnwrap()}\`);
    const task = new ecs.FargateTaskDefinition(this, 'Task');
    task.addContainer('App', {
      image: ecs.ContainerImage.fromRegistry('nginx'),
      environment: { API_KEY: secret.secretValue.unsafeUnwrap() },
    });
    new cdk.CustomResource(this, 'Seed', { serviceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:seed', properties: { password: secret.secretValue.toString() } });
`);

const viaConst = stack(`
    const secret = new secretsmanager.Secret(this, 'Db');
    const password = secret.secretValueFromJson('password').unsafeUnwrap();
    new cdk.CfnOutput(this, 'Out', { value: cdk.Fn.join(':', ['db', password]) });
`);

const SHARED = `import { SecretValue } from 'aws-cdk-lib';

export const API_TOKEN = SecretValue.secretsManager('prod/token').unsafeUnwrap();
`;
const crossFile = stack(`
    new ssm.CfnParameter(this, 'Token', { type: 'String', value: API_TOKEN });
`).replace(
  "import * as ssm from 'aws-cdk-lib/aws-ssm';",
  "import * as ssm from 'aws-cdk-lib/aws-ssm';\nimport { API_TOKEN } from './tokens';",
);

const js = `const cdk = require('aws-cdk-lib');
const secretsmanager = require('aws-cdk-lib/aws-secretsmanager');

class SecretsStack extends cdk.Stack {
  constructor(scope, id) {
    super(scope, id);
    const secret = new secretsmanager.Secret(this, 'Db');
    new cdk.CfnOutput(this, 'Password', { value: secret.secretValue.unsafeUnwrap() });
  }
}

module.exports = { SecretsStack };
`;

const v1 = `import * as cdk from '@aws-cdk/core';
import * as sm from '@aws-cdk/aws-secretsmanager';

export class LegacyStack extends cdk.Stack {
  constructor(scope: cdk.Construct, id: string) {
    super(scope, id);
    const secret = new sm.Secret(this, 'Db');
    new cdk.CfnOutput(this, 'Password', { value: secret.secretValue.toString() });
  }
}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'properties typed as secrets (masterUserPassword, secretStringValue), ARNs and the ECS secrets property',
      code: stack(`
    const secret = new secretsmanager.Secret(this, 'Db');
    new rds.CfnDBInstance(this, 'L1', { dbInstanceClass: 'db.t3.micro', engine: 'mysql', storageEncrypted: true, masterUsername: 'admin', masterUserPassword: secret.secretValueFromJson('password').unsafeUnwrap() });
    new secretsmanager.Secret(this, 'Copy', { secretStringValue: secret.secretValue });
    new cdk.CfnOutput(this, 'SecretArn', { value: secret.secretArn });
    const task = new ecs.FargateTaskDefinition(this, 'Task');
    task.addContainer('App', {
      image: ecs.ContainerImage.fromRegistry('nginx'),
      environment: { SECRET_ARN: secret.secretArn },
      secrets: { API_KEY: ecs.Secret.fromSecretsManager(secret) },
    });
`),
    },
    {
      name: "a Lambda environment is secret-in-env's; a plain-text SecretValue is secret-plaintext-value's",
      code: stack(`
    const secret = new secretsmanager.Secret(this, 'Db');
    new lambda.Function(this, 'Fn', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('src'),
      environment: { DB_PASSWORD: secret.secretValue.unsafeUnwrap() },
    });
    new cdk.CfnOutput(this, 'Plain', { value: cdk.SecretValue.unsafePlainText('not-a-secret').unsafeUnwrap() });
`),
    },
  ],
  invalid: [
    {
      name: 'a stack output, a tag, an SSM parameter, user data, a container environment, custom resource properties',
      code: sinks,
      errors: [
        at(sinks, 'secret.secretValue.unsafeUnwrap() }', 'secret.secretValue.unsafeUnwrap()', { message: message('a stack output') }),
        at(sinks, "secret.secretValueFromJson('token').unsafeUnwrap()", undefined, { message: message('a tag') }),
        at(sinks, "cdk.SecretValue.secretsManager('prod/api').unsafeUnwrap()", undefined, { message: message('an SSM parameter') }),
        at(sinks, "secret.secretValueFromJson('password').unsafeUnwrap()", undefined, { message: message('EC2 user data') }),
        at(sinks, 'API_KEY: secret.secretValue.unsafeUnwrap()', 'secret.secretValue.unsafeUnwrap()', {
          message: message("a container's environment"),
        }),
        at(sinks, 'secret.secretValue.toString()', undefined, { message: message("a custom resource's properties") }),
      ],
    },
    {
      name: 'through a const and Fn.join: reported where the secret is unwrapped',
      code: viaConst,
      errors: [at(viaConst, "secret.secretValueFromJson('password').unsafeUnwrap()")],
    },
    {
      name: 'a constant unwrapped in another file: reported at its use here',
      code: crossFile,
      files: { 'lib/tokens.ts': SHARED },
      errors: [at(crossFile, 'value: API_TOKEN', 'API_TOKEN')],
    },
    { name: 'require() in a JavaScript app', filename: 'lib/stack.js', code: js, errors: [at(js, 'secret.secretValue.unsafeUnwrap()')] },
    { name: 'CDK v1 @aws-cdk/core: SecretValue.toString()', code: v1, errors: [at(v1, 'secret.secretValue.toString()')] },
  ],
});
