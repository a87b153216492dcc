import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/network_stack.py';
const { stack } = pyStackFixture(['from aws_cdk import aws_ec2 as ec2'], 'NetworkStack');
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);
const GROUP = `        vpc = ec2.Vpc(self, "Vpc")
        group = ec2.SecurityGroup(self, "Group", vpc=vpc, allow_all_outbound=False)`;

ruleTester(rule, {
  valid: [
    valid(
      'HTTPS and HTTP from anywhere; SSH from a private range or another group',
      stack(`
${GROUP}
        group.add_ingress_rule(ec2.Peer.any_ipv4(), ec2.Port.tcp(443))
        group.add_ingress_rule(ec2.Peer.any_ipv4(), ec2.Port.tcp(80))
        group.add_ingress_rule(ec2.Peer.ipv4("10.0.0.0/16"), ec2.Port.tcp(22))
        bastion = ec2.SecurityGroup(self, "Bastion", vpc=vpc, allow_all_outbound=False)
        group.add_ingress_rule(bastion, ec2.Port.tcp(22))
`),
    ),
    valid(
      'a local Peer and Port',
      `class Peer:
    @staticmethod
    def any_ipv4():
        return "0.0.0.0/0"


class Port:
    @staticmethod
    def tcp(port):
        return port


def open_ssh(group):
    group.add_ingress_rule(Peer.any_ipv4(), Port.tcp(22))
`,
    ),
    valid(
      'CfnSecurityGroupIngress from one address range, or to HTTPS',
      stack(`
        ec2.CfnSecurityGroupIngress(
            self, "Office", group_id="sg-0123456789abcdef0", ip_protocol="tcp", from_port=22, to_port=22, cidr_ip="203.0.113.0/24"
        )
        ec2.CfnSecurityGroupIngress(self, "Web", group_id="sg-0123456789abcdef0", ip_protocol="tcp", from_port=443, to_port=443, cidr_ip="0.0.0.0/0")
`),
    ),
  ],
  invalid: [
    invalid(
      'add_ingress_rule from anywhere to SSH and all traffic; IPv6 to RDP: the range is the peer',
      stack(`
${GROUP}
        group.add_ingress_rule(ec2.Peer.any_ipv4(), ec2.Port.tcp(22), "ssh")
        group.add_ingress_rule(ec2.Peer.any_ipv4(), ec2.Port.all_traffic())
        group.add_ingress_rule(ec2.Peer.any_ipv6(), ec2.Port.tcp(3389))
`),
      [
        { at: ['(ec2.Peer.any_ipv4(), ec2.Port.tcp(22)', 'ec2.Peer.any_ipv4()'], messageId: 'open' },
        { at: ['(ec2.Peer.any_ipv4(), ec2.Port.all_traffic()', 'ec2.Peer.any_ipv4()'], messageId: 'open' },
        { at: ['ec2.Peer.any_ipv6()'], messageId: 'open' },
      ],
    ),
    invalid(
      'CfnSecurityGroup ingress entries (the nested CfnSecurityGroup.IngressProperty struct)',
      stack(`
        ec2.CfnSecurityGroup(
            self,
            "L1",
            group_description="db",
            security_group_ingress=[
                ec2.CfnSecurityGroup.IngressProperty(ip_protocol="tcp", from_port=5432, to_port=5432, cidr_ip="0.0.0.0/0"),
            ],
        )
`),
      [{ at: ['cidr_ip="0.0.0.0/0"', '"0.0.0.0/0"'], messageId: 'open' }],
    ),
    invalid(
      'peer and port from constants in the project; named imports',
      `from aws_cdk import Stack
from aws_cdk.aws_ec2 import SecurityGroup, Vpc
from constructs import Construct

from stacks.network_constants import ANYWHERE, MYSQL


class NetworkStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        group = SecurityGroup(self, "Db", vpc=Vpc(self, "Vpc"), allow_all_outbound=False)
        group.add_ingress_rule(ANYWHERE, MYSQL)
`,
      [{ at: ['(ANYWHERE, MYSQL)', 'ANYWHERE'], messageId: 'open' }],
      {
        files: {
          'stacks/network_constants.py': `from aws_cdk import aws_ec2 as ec2

ANYWHERE = ec2.Peer.any_ipv4()
MYSQL = ec2.Port.tcp(3306)
`,
        },
      },
    ),
    invalid(
      'CfnSecurityGroupIngress with cidr_ipv6 "::/0" on a database port (issue 16)',
      stack(`
        ec2.CfnSecurityGroupIngress(
            self, "Postgres", group_id="sg-0123456789abcdef0", ip_protocol="tcp", from_port=5432, to_port=5432, cidr_ipv6="::/0"
        )
`),
      [{ at: ['cidr_ipv6="::/0"', '"::/0"'], messageId: 'open' }],
    ),
  ],
});
