import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/network_stack.py';
const { stack } = pyStackFixture(['from aws_cdk import aws_ec2 as ec2'], 'NetworkStack');
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);

ruleTester(rule, {
  valid: [
    valid(
      'allow_all_outbound=False with explicit egress rules',
      stack(`
        vpc = ec2.Vpc(self, "Vpc")
        group = ec2.SecurityGroup(self, "Db", vpc=vpc, allow_all_outbound=False)
        group.add_egress_rule(ec2.Peer.ipv4("10.0.0.0/16"), ec2.Port.tcp(443))
`),
    ),
    valid(
      'imported groups and a local SecurityGroup class',
      stack(`
        ec2.SecurityGroup.from_security_group_id(self, "Shared", "sg-12345678")
        SecurityGroup(self, "Local")


class SecurityGroup:
    def __init__(self, scope, name):
        pass
`),
    ),
  ],
  invalid: [
    invalid(
      'a security group without allow_all_outbound: the range is the callee',
      stack(`
        vpc = ec2.Vpc(self, "Vpc")
        ec2.SecurityGroup(self, "Db", vpc=vpc)
`),
      [{ at: ['ec2.SecurityGroup'], messageId: 'missing' }],
    ),
    invalid(
      'allow_all_outbound=True, inline and from a **kwargs dict; named import',
      `from aws_cdk import Stack
from aws_cdk.aws_ec2 import SecurityGroup, Vpc
from constructs import Construct


class NetworkStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        vpc = Vpc(self, "Vpc")
        SecurityGroup(self, "A", vpc=vpc, allow_all_outbound=True)
        open_egress = {"vpc": vpc, "allow_all_outbound": True}
        SecurityGroup(self, "B", **open_egress)
`,
      [
        { at: ['allow_all_outbound=True', 'True'], messageId: 'enabled' },
        { at: ['"allow_all_outbound": True', 'True'], messageId: 'enabled' },
      ],
    ),
  ],
});
