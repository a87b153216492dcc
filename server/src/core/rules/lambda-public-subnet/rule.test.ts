import { ruleTester, type InvalidCase } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import { typeCheckFixOutputs } from '../../../test/fixOutputs';
import rule from './rule';

/** `stack(body)`: the body's first line is line 9 of the file. */
const { stack } = stackFixture(
  ["import * as ec2 from 'aws-cdk-lib/aws-ec2';", "import * as lambda from 'aws-cdk-lib/aws-lambda';"],
  'VpcStack',
);

const SUBNET_TYPE =
  'This function is placed in public subnets. Use SubnetType.PRIVATE_WITH_EGRESS (or PRIVATE_ISOLATED with VPC endpoints).';
const ALLOW_PUBLIC = 'allowPublicSubnet: true lets this function run in public subnets. Place it in private subnets and remove the flag.';
const TITLE = 'Move the function to private subnets with egress';

/** A function in the VPC `vpc` (lines 10–15), with the placement lines given. */
const fn = (...placement: string[]) => `
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });
    new lambda.Function(this, 'Handler', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
      vpc,
${placement.map((l) => `      ${l}`).join('\n')}
    });
`;

const PRIVATE = stack(fn('vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },'));

const invalid: InvalidCase[] = [
  {
    name: 'subnetType PUBLIC with allowPublicSubnet: one fix for both findings',
    code: stack(fn('vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },', 'allowPublicSubnet: true,')),
    errors: [
      {
        line: 15,
        column: 33,
        endLine: 15,
        endColumn: 54,
        message: SUBNET_TYPE,
        fixes: [{ title: TITLE, isPreferred: false, output: PRIVATE }],
      },
      {
        line: 16,
        column: 26,
        endLine: 16,
        endColumn: 30,
        message: ALLOW_PUBLIC,
        fixes: [{ title: TITLE, isPreferred: false, output: PRIVATE }],
      },
    ],
  },
  {
    name: 'the VPC’s public subnets by list',
    code: stack(fn('vpcSubnets: { subnets: vpc.publicSubnets },', 'allowPublicSubnet: true,')),
    errors: [
      {
        line: 15,
        column: 30,
        endLine: 15,
        endColumn: 47,
        message: SUBNET_TYPE,
        fixes: [{ output: stack(fn('vpcSubnets: { subnets: vpc.privateSubnets },')) }],
      },
      { line: 16, column: 26, endLine: 16, endColumn: 30, message: ALLOW_PUBLIC },
    ],
  },
  {
    name: 'allowPublicSubnet alone: the default placement is private',
    code: stack(fn('allowPublicSubnet: true,')),
    errors: [
      { line: 15, column: 26, endLine: 15, endColumn: 30, fixes: [{ output: stack(fn()).replace('      vpc,\n\n', '      vpc,\n') }] },
    ],
  },
  {
    name: 'subnet selection shared through a const, and imported from another file',
    code: stack(`
    const vpc = ec2.Vpc.fromLookup(this, 'Vpc', { isDefault: true });
    const publicPlacement = { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC }, allowPublicSubnet: true };
    new lambda.Function(this, 'A', { ...publicPlacement, runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('a') });
    new lambda.Function(this, 'B', { vpc, vpcSubnets: EDGE_SUBNETS, runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('b') });
`).replace(
      "import * as lambda from 'aws-cdk-lib/aws-lambda';",
      "import * as lambda from 'aws-cdk-lib/aws-lambda';\nimport { EDGE_SUBNETS } from './placement';",
    ),
    files: {
      'lib/placement.ts': `import { SubnetType } from 'aws-cdk-lib/aws-ec2';

export const EDGE_SUBNETS = { subnetType: SubnetType.PUBLIC };
`,
    },
    errors: [
      {
        line: 11,
        column: 62,
        endLine: 11,
        endColumn: 83,
        related: [{ line: 12, column: 41, message: 'Used here' }],
        fixes: [
          {
            output: stack(`
    const vpc = ec2.Vpc.fromLookup(this, 'Vpc', { isDefault: true });
    const publicPlacement = { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } };
    new lambda.Function(this, 'A', { ...publicPlacement, runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('a') });
    new lambda.Function(this, 'B', { vpc, vpcSubnets: EDGE_SUBNETS, runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('b') });
`).replace(
              "import * as lambda from 'aws-cdk-lib/aws-lambda';",
              "import * as lambda from 'aws-cdk-lib/aws-lambda';\nimport { EDGE_SUBNETS } from './placement';",
            ),
          },
        ],
      },
      { line: 11, column: 106, endLine: 11, endColumn: 110, message: ALLOW_PUBLIC },
      {
        line: 13,
        column: 55,
        endLine: 13,
        endColumn: 67,
        message: SUBNET_TYPE,
        related: [{ file: 'lib/placement.ts', line: 3, column: 43, message: 'Value declared here' }],
        fixes: [],
      },
    ],
  },
  {
    name: 'a NodejsFunction with named imports',
    code: `import { Stack } from 'aws-cdk-lib';
import { IVpc, SubnetType } from 'aws-cdk-lib/aws-ec2';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';

export class WebhookStack extends Stack {
  constructor(scope: Construct, id: string, vpc: IVpc) {
    super(scope, id);
    new NodejsFunction(this, 'Webhook', { entry: 'lambda/webhook.ts', vpc, vpcSubnets: { subnetType: SubnetType.PUBLIC }, allowPublicSubnet: true });
  }
}
`,
    errors: [
      {
        line: 9,
        column: 102,
        endLine: 9,
        endColumn: 119,
        fixes: [
          {
            output: `import { Stack } from 'aws-cdk-lib';
import { IVpc, SubnetType } from 'aws-cdk-lib/aws-ec2';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';

export class WebhookStack extends Stack {
  constructor(scope: Construct, id: string, vpc: IVpc) {
    super(scope, id);
    new NodejsFunction(this, 'Webhook', { entry: 'lambda/webhook.ts', vpc, vpcSubnets: { subnetType: SubnetType.PRIVATE_WITH_EGRESS } });
  }
}
`,
          },
        ],
      },
      { line: 9, column: 142, endLine: 9, endColumn: 146 },
    ],
  },
  {
    name: 'CDK v1: the fix says PRIVATE_WITH_NAT',
    code: `import * as cdk from '@aws-cdk/core';
import * as ec2 from '@aws-cdk/aws-ec2';
import * as lambda from '@aws-cdk/aws-lambda';

export class LegacyStack extends cdk.Stack {
  constructor(scope: cdk.Construct, id: string, vpc: ec2.IVpc) {
    super(scope, id);
    new lambda.Function(this, 'Legacy', {
      runtime: lambda.Runtime.NODEJS_14_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      allowPublicSubnet: true,
    });
  }
}
`,
    errors: [
      {
        line: 13,
        column: 33,
        endLine: 13,
        endColumn: 54,
        fixes: [
          {
            output: `import * as cdk from '@aws-cdk/core';
import * as ec2 from '@aws-cdk/aws-ec2';
import * as lambda from '@aws-cdk/aws-lambda';

export class LegacyStack extends cdk.Stack {
  constructor(scope: cdk.Construct, id: string, vpc: ec2.IVpc) {
    super(scope, id);
    new lambda.Function(this, 'Legacy', {
      runtime: lambda.Runtime.NODEJS_14_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_NAT },
    });
  }
}
`,
          },
        ],
      },
      { line: 14, column: 26, endLine: 14, endColumn: 30 },
    ],
  },
  {
    name: 'root barrel and require()',
    filename: 'lib/functions.js',
    code: `const { aws_ec2: ec2, aws_lambda: lambda } = require('aws-cdk-lib');

exports.fn = (scope, vpc) =>
  new lambda.Function(scope, 'Fn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('fn'), vpc, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } });
`,
    errors: [{ line: 4, column: 167, endLine: 4, endColumn: 188 }],
  },
];

ruleTester(rule, {
  valid: [
    {
      name: 'private and isolated subnets, and no VPC at all',
      code: stack(`${fn('vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },')}
    new lambda.Function(this, 'Isolated', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
      vpc,
      vpcSubnets: { subnets: vpc.isolatedSubnets },
      allowPublicSubnet: false,
    });
    new lambda.Function(this, 'NoVpc', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('lambda') });
`),
    },
    {
      name: 'placements the analysis cannot see; other constructs in public subnets',
      code: `import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export function fn(scope: Construct, vpc: ec2.IVpc, vpcSubnets: ec2.SubnetSelection, props: lambda.FunctionProps) {
  new lambda.Function(scope, 'A', { ...props, vpc, vpcSubnets });
  new ec2.Instance(scope, 'Bastion', {
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
    instanceType: new ec2.InstanceType('t3.micro'),
    machineImage: ec2.MachineImage.latestAmazonLinux2023(),
  });
}
`,
    },
  ],
  invalid,
});

typeCheckFixOutputs(rule.meta.id, invalid);
