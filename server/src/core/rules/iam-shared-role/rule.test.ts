import { ruleTester } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import rule from './rule';

/** `stack(body)` wraps the body in a stack class; the body's first line is line 10 of the file. */
const { stack } = stackFixture(
  [
    "import * as iam from 'aws-cdk-lib/aws-iam';",
    "import * as lambda from 'aws-cdk-lib/aws-lambda';",
    "import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';",
  ],
  'AppStack',
);

const ROLE = "    const role = new iam.Role(this, 'HandlerRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });";

/** A function on one line, with the given extra props. */
const fn = (name: string, extra: string) =>
  `    const ${name} = new lambda.Function(this, '${name}', { runtime: lambda.Runtime.NODEJS_20_X, handler: '${name}.handler', code: lambda.Code.fromAsset('lambda'), ${extra} });`;

const MESSAGE =
  "The role 'role' is the execution role of 2 functions, so each gets the permissions of all. Give each function its own role (omit `role` and use grant methods).";

ruleTester(rule, {
  valid: [
    {
      name: 'a role used by one function',
      code: stack(`
${ROLE}
${fn('orders', 'role')}
    role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole'));
`),
    },
    {
      name: 'each function with its own role',
      code: stack(`
    const ordersRole = new iam.Role(this, 'OrdersRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const paymentsRole = new iam.Role(this, 'PaymentsRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
${fn('orders', 'role: ordersRole')}
${fn('payments', 'role: paymentsRole')}
`),
    },
    {
      name: 'a role of unknown origin (props.role) used by two functions',
      code: `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';

export interface ApiStackProps extends cdk.StackProps {
  role: iam.IRole;
}

export class ApiStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    new lambda.Function(this, 'Get', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'get.handler', code: lambda.Code.fromAsset('lambda'), role: props.role });
    new lambda.Function(this, 'Put', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'put.handler', code: lambda.Code.fromAsset('lambda'), role: props.role });
  }
}
`,
    },
    {
      name: 'one role per call of a helper that makes a function',
      code: `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';

function handler(scope: Construct, name: string): lambda.Function {
  const role = new iam.Role(scope, \`\${name}Role\`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  return new lambda.Function(scope, name, { runtime: lambda.Runtime.NODEJS_20_X, handler: \`\${name}.handler\`, code: lambda.Code.fromAsset('lambda'), role });
}

export class ApiStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    handler(this, 'Get');
    handler(this, 'Put');
  }
}
`,
    },
    {
      name: 'roles imported from two different ARNs',
      code: stack(`
    const reader = iam.Role.fromRoleArn(this, 'Reader', 'arn:aws:iam::123456789012:role/reader');
    const writer = iam.Role.fromRoleArn(this, 'Writer', 'arn:aws:iam::123456789012:role/writer');
${fn('get', 'role: reader')}
${fn('put', 'role: writer')}
`),
    },
    {
      name: 'the role is also given to something that is not a function',
      code: stack(`
${ROLE}
${fn('orders', 'role')}
    new iam.CfnInstanceProfile(this, 'Profile', { roles: [role.roleName] });
`),
    },
    {
      name: 'a local class called Role',
      code: `import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

class Role {
  constructor(readonly name: string) {}
}

export function build(scope: Construct) {
  const role = new Role('shared');
  new lambda.Function(scope, 'A', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'a.handler', code: lambda.Code.fromAsset('lambda'), role: role as never });
  new lambda.Function(scope, 'B', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'b.handler', code: lambda.Code.fromAsset('lambda'), role: role as never });
}
`,
    },
  ],
  invalid: [
    {
      name: 'one role passed to two functions in the same file',
      code: stack(`
${ROLE}
${fn('orders', 'role')}
${fn('payments', 'role: role')}
`),
      errors: [
        {
          line: 11,
          column: 161,
          endLine: 11,
          endColumn: 165,
          message: MESSAGE,
          related: [{ line: 12, column: 167, message: 'Also the role of this function' }],
          fixes: [],
        },
        {
          line: 12,
          column: 167,
          endLine: 12,
          endColumn: 177,
          message: MESSAGE,
          related: [{ line: 11, column: 161, message: 'Also the role of this function' }],
          fixes: [],
        },
      ],
    },
    {
      name: 'three functions, Function and NodejsFunction',
      code: stack(`
${ROLE}
${fn('orders', 'role')}
    new nodejs.NodejsFunction(this, 'Payments', { entry: 'lambda/payments.ts', role });
    new nodejs.NodejsFunction(this, 'Refunds', {
      entry: 'lambda/refunds.ts',
      role: role,
    });
`),
      errors: [
        {
          line: 11,
          column: 161,
          endLine: 11,
          endColumn: 165,
          message: /execution role of 3 functions/,
          related: [{ line: 12 }, { line: 15 }],
        },
        { line: 12, column: 80, endLine: 12, endColumn: 84, related: [{ line: 11 }, { line: 15 }] },
        { line: 15, column: 7, endLine: 15, endColumn: 17, related: [{ line: 11 }, { line: 12 }] },
      ],
    },
    {
      name: 'a role field (this.role)',
      code: `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';

export class AppStack extends cdk.Stack {
  private readonly role = new iam.Role(this, 'HandlerRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });

  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    this.addHandler('Orders');
    new lambda.Function(this, 'Payments', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'payments.handler', code: lambda.Code.fromAsset('lambda'), role: this.role });
  }

  private addHandler(name: string): lambda.Function {
    return new lambda.Function(this, name, { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('lambda'), role: this.role });
  }
}
`,
      errors: [
        {
          line: 12,
          column: 150,
          endLine: 12,
          endColumn: 165,
          message: /^The role 'this.role' is the execution role of 2 functions/,
          related: [{ line: 16 }],
        },
        { line: 16, column: 148, endLine: 16, endColumn: 163, related: [{ line: 12 }] },
      ],
    },
    {
      name: 'shared props spread into two functions: each spread is a finding',
      code: stack(`
${ROLE}
    const common = { runtime: lambda.Runtime.NODEJS_20_X, code: lambda.Code.fromAsset('lambda'), role };
    new lambda.Function(this, 'Orders', { ...common, handler: 'orders.handler' });
    new lambda.Function(this, 'Payments', { ...common, handler: 'payments.handler' });
`),
      errors: [
        { line: 12, column: 43, endLine: 12, endColumn: 52, message: MESSAGE, related: [{ line: 13, column: 45 }] },
        { line: 13, column: 45, endLine: 13, endColumn: 54, message: MESSAGE, related: [{ line: 12, column: 43 }] },
      ],
    },
    {
      name: 'one imported role, by ARN, in two functions',
      code: stack(`
    const legacy = iam.Role.fromRoleArn(this, 'Legacy', 'arn:aws:iam::123456789012:role/legacy-lambda');
${fn('orders', 'role: legacy')}
${fn('payments', "role: iam.Role.fromRoleArn(this, 'Legacy2', 'arn:aws:iam::123456789012:role/legacy-lambda')")}
`),
      errors: [
        { line: 11, column: 161, endLine: 11, endColumn: 173, message: /^The role 'legacy'/, related: [{ line: 12 }] },
        { line: 12, column: 167, endLine: 12, endColumn: 258, related: [{ line: 11 }] },
      ],
    },
    {
      name: 'across two files: a role exported from one file, used in two others',
      code: `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { lambdaRole } from './shared';

export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    new lambda.Function(this, 'Orders', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'orders.handler',
      code: lambda.Code.fromAsset('lambda'),
      role: lambdaRole,
    });
  }
}
`,
      files: {
        'lib/shared.ts': `import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

export const app = new cdk.App();
export const shared = new cdk.Stack(app, 'Shared');
export const lambdaRole = new iam.Role(shared, 'LambdaRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
`,
        'lib/payments-stack.ts': `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as shared from './shared';

export class PaymentsStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    new lambda.Function(this, 'Payments', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'payments.handler',
      code: lambda.Code.fromAsset('lambda'),
      role: shared.lambdaRole,
    });
  }
}
`,
      },
      errors: [
        {
          line: 13,
          column: 7,
          endLine: 13,
          endColumn: 23,
          message: /^The role 'lambdaRole' is the execution role of 2 functions/,
          related: [{ file: 'lib/payments-stack.ts', line: 13, column: 7, message: 'Also the role of this function' }],
        },
        {
          file: 'lib/payments-stack.ts',
          line: 13,
          column: 7,
          endLine: 13,
          endColumn: 30,
          message: /^The role 'shared.lambdaRole' is the execution role of 2 functions/,
          related: [{ file: 'lib/stack.ts', line: 13, column: 7, message: 'Also the role of this function' }],
        },
      ],
    },
    {
      name: 'require() in a JavaScript app, CDK v1 style module names',
      filename: 'lib/stack.js',
      code: `const cdk = require('@aws-cdk/core');
const iam = require('@aws-cdk/aws-iam');
const lambda = require('@aws-cdk/aws-lambda');

class AppStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const role = new iam.Role(this, 'HandlerRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    new lambda.Function(this, 'A', { runtime: lambda.Runtime.NODEJS_14_X, handler: 'a.handler', code: lambda.Code.fromAsset('lambda'), role });
    new lambda.Function(this, 'B', { runtime: lambda.Runtime.NODEJS_14_X, handler: 'b.handler', code: lambda.Code.fromAsset('lambda'), role });
  }
}

module.exports = { AppStack };
`,
      errors: [
        { line: 9, column: 136, endLine: 9, endColumn: 140, related: [{ line: 10 }] },
        { line: 10, column: 136, endLine: 10, endColumn: 140, related: [{ line: 9 }] },
      ],
    },
    {
      name: 'root barrel imports',
      code: `import { App, Stack, aws_iam as iam, aws_lambda } from 'aws-cdk-lib';

const app = new App();
const stack = new Stack(app, 'Api');
const role = new iam.Role(stack, 'HandlerRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
new aws_lambda.Function(stack, 'A', { runtime: aws_lambda.Runtime.NODEJS_20_X, handler: 'a.handler', code: aws_lambda.Code.fromAsset('lambda'), role });
new aws_lambda.Function(stack, 'B', { runtime: aws_lambda.Runtime.NODEJS_20_X, handler: 'b.handler', code: aws_lambda.Code.fromAsset('lambda'), role });
`,
      errors: [
        { line: 6, column: 145, endLine: 6, endColumn: 149 },
        { line: 7, column: 145, endLine: 7, endColumn: 149 },
      ],
    },
  ],
});
