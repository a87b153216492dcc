import { ruleTester, type InvalidCase } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import { typeCheckFixOutputs } from '../../../test/fixOutputs';
import rule from './rule';

/** `stack(body)`: the body's first line is line 8 of the file; the VPC is line 8. */
const { stack } = stackFixture(["import * as ec2 from 'aws-cdk-lib/aws-ec2';"], 'NetworkStack');
const VPC = "\n    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });";

const MISSING =
  'This security group allows all outbound traffic (allowAllOutbound defaults to true). Set allowAllOutbound: false and add egress rules for what its resources need.';
const ENABLED =
  'allowAllOutbound: true lets this group send traffic anywhere. Set it to false and add egress rules for what its resources need.';
const TITLE = 'Allow no outbound traffic by default (allowAllOutbound: false)';

const invalid: InvalidCase[] = [
  {
    name: 'a security group without allowAllOutbound',
    code: stack(`${VPC}
    const lambdaSg = new ec2.SecurityGroup(this, 'LambdaSg', {
      vpc,
      description: 'Functions that call the orders database',
    });
`),
    errors: [
      {
        line: 9,
        column: 22,
        endLine: 9,
        endColumn: 43,
        message: MISSING,
        fixes: [
          {
            title: TITLE,
            isPreferred: false,
            output: stack(`${VPC}
    const lambdaSg = new ec2.SecurityGroup(this, 'LambdaSg', {
      vpc,
      description: 'Functions that call the orders database',
      allowAllOutbound: false,
    });
`),
          },
        ],
      },
    ],
  },
  {
    name: 'allowAllOutbound: true, inline and from shared props',
    code: stack(`${VPC}
    new ec2.SecurityGroup(this, 'Open', { vpc, allowAllOutbound: true });
    const sgDefaults = { vpc, allowAllOutbound: true };
    new ec2.SecurityGroup(this, 'Shared', sgDefaults);
`),
    errors: [
      {
        line: 9,
        column: 66,
        endLine: 9,
        endColumn: 70,
        message: ENABLED,
        fixes: [
          {
            output: stack(`${VPC}
    new ec2.SecurityGroup(this, 'Open', { vpc, allowAllOutbound: false });
    const sgDefaults = { vpc, allowAllOutbound: true };
    new ec2.SecurityGroup(this, 'Shared', sgDefaults);
`),
          },
        ],
      },
      {
        line: 10,
        column: 49,
        endLine: 10,
        endColumn: 53,
        message: ENABLED,
        related: [{ line: 11, column: 43, message: 'Used here' }],
        fixes: [
          {
            output: stack(`${VPC}
    new ec2.SecurityGroup(this, 'Open', { vpc, allowAllOutbound: true });
    const sgDefaults = { vpc, allowAllOutbound: false };
    new ec2.SecurityGroup(this, 'Shared', sgDefaults);
`),
          },
        ],
      },
    ],
  },
  {
    name: 'named imports, root barrel, CDK v1, require()',
    filename: 'lib/groups.js',
    code: `const cdk = require('aws-cdk-lib');
const { SecurityGroup } = require('aws-cdk-lib/aws-ec2');
const legacy = require('@aws-cdk/aws-ec2');

exports.groups = (scope, vpc) => [
  new SecurityGroup(scope, 'A', { vpc }),
  new cdk.aws_ec2.SecurityGroup(scope, 'B', { vpc, allowAllOutbound: true }),
  new legacy.SecurityGroup(scope, 'C', { vpc }),
];
`,
    errors: [
      {
        line: 6,
        column: 3,
        endLine: 6,
        endColumn: 20,
        fixes: [
          {
            output: `const cdk = require('aws-cdk-lib');
const { SecurityGroup } = require('aws-cdk-lib/aws-ec2');
const legacy = require('@aws-cdk/aws-ec2');

exports.groups = (scope, vpc) => [
  new SecurityGroup(scope, 'A', { vpc, allowAllOutbound: false }),
  new cdk.aws_ec2.SecurityGroup(scope, 'B', { vpc, allowAllOutbound: true }),
  new legacy.SecurityGroup(scope, 'C', { vpc }),
];
`,
          },
        ],
      },
      { line: 7, column: 70, endLine: 7, endColumn: 74 },
      { line: 8, column: 3, endLine: 8, endColumn: 27 },
    ],
  },
];

ruleTester(rule, {
  valid: [
    {
      name: 'allowAllOutbound: false with explicit egress rules',
      code: stack(`${VPC}
    const sg = new ec2.SecurityGroup(this, 'LambdaSg', { vpc, allowAllOutbound: false });
    sg.addEgressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(5432), 'orders database');
`),
    },
    {
      name: 'props the analysis cannot see, imported groups, a local SecurityGroup class',
      code: `import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

class SecurityGroup {
  constructor(readonly name: string) {}
}

export function groups(scope: Construct, props: ec2.SecurityGroupProps) {
  new ec2.SecurityGroup(scope, 'FromProps', props);
  ec2.SecurityGroup.fromSecurityGroupId(scope, 'Shared', 'sg-0123456789abcdef0', { allowAllOutbound: true });
  new SecurityGroup('local');
}
`,
    },
  ],
  invalid,
});

typeCheckFixOutputs(rule.meta.id, invalid);
