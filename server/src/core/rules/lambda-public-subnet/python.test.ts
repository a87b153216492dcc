import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/vpc_stack.py';
const { stack } = pyStackFixture(['from aws_cdk import aws_ec2 as ec2, aws_lambda as lambda_'], 'VpcStack');
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);
const VPC = '        vpc = ec2.Vpc(self, "Vpc")';
const FN = 'runtime=lambda_.Runtime.PYTHON_3_12, handler="app.lambda_handler", code=lambda_.Code.from_asset("lambda"), vpc=vpc';

ruleTester(rule, {
  valid: [
    valid(
      'private and isolated subnets (ec2.SubnetSelection structs), and no VPC at all',
      stack(`
${VPC}
        lambda_.Function(self, "A", ${FN}, vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_WITH_EGRESS))
        lambda_.Function(self, "B", ${FN}, vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_ISOLATED))
        lambda_.Function(self, "C", runtime=lambda_.Runtime.PYTHON_3_12, handler="app.handler", code=lambda_.Code.from_asset("c"))
`),
    ),
  ],
  invalid: [
    invalid(
      'subnet_type PUBLIC in an ec2.SubnetSelection, and allow_public_subnet=True',
      stack(`
${VPC}
        lambda_.Function(
            self,
            "Handler",
            ${FN},
            vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PUBLIC),
            allow_public_subnet=True,
        )
`),
      [
        { at: ['ec2.SubnetType.PUBLIC'], messageId: 'subnetType' },
        { at: ['allow_public_subnet=True', 'True'], messageId: 'allowPublic' },
      ],
    ),
    invalid(
      'a subnet selection in a module constant, and one imported from the project; named imports',
      `from aws_cdk import Stack
from aws_cdk.aws_ec2 import SubnetSelection, SubnetType, Vpc
from aws_cdk.aws_lambda import Code, Function, Runtime
from constructs import Construct

from .placement import PUBLIC_SUBNETS

EDGE = SubnetSelection(subnet_type=SubnetType.PUBLIC)


class VpcStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        vpc = Vpc(self, "Vpc")
        Function(self, "A", runtime=Runtime.PYTHON_3_12, handler="a.handler", code=Code.from_asset("a"), vpc=vpc, vpc_subnets=EDGE)
        Function(self, "B", runtime=Runtime.PYTHON_3_12, handler="b.handler", code=Code.from_asset("b"), vpc=vpc, vpc_subnets=PUBLIC_SUBNETS)
`,
      [
        { at: ['SubnetType.PUBLIC)', 'SubnetType.PUBLIC'], messageId: 'subnetType' },
        { at: ['vpc_subnets=PUBLIC_SUBNETS', 'PUBLIC_SUBNETS'], messageId: 'subnetType' },
      ],
      {
        files: {
          'stacks/placement.py': `from aws_cdk import aws_ec2 as ec2

PUBLIC_SUBNETS = ec2.SubnetSelection(subnet_type=ec2.SubnetType.PUBLIC)
`,
        },
      },
    ),
  ],
});
