import { ruleTester } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import rule from './rule';

/** `stack(body)`: the body's first line is line 9 of the file; `VPC_AND_SG` takes lines 9–10. */
const { stack } = stackFixture(
  ["import * as ec2 from 'aws-cdk-lib/aws-ec2';", "import * as rds from 'aws-cdk-lib/aws-rds';"],
  'NetworkStack',
);

const VPC_AND_SG = `
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });
    const sg = new ec2.SecurityGroup(this, 'Bastion', { vpc, allowAllOutbound: false });`;

const open = (what: string, cidr = '0.0.0.0/0') =>
  `${what} open to every address (${cidr}): reachable from the internet wherever the group sits in a public subnet or behind a public load balancer. Allow only the security groups or address ranges that need it (for administration, use Session Manager or a VPN).`;

ruleTester(rule, {
  valid: [
    {
      name: 'HTTPS and HTTP from anywhere (a load balancer), SSH from a private range or another group',
      code: stack(`${VPC_AND_SG}
    sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS');
    sg.addIngressRule(ec2.Peer.anyIpv6(), ec2.Port.HTTP, 'HTTP, redirected');
    sg.addIngressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.SSH, 'SSH from the VPC');
    sg.addIngressRule(ec2.Peer.securityGroupId('sg-0123456789abcdef0'), ec2.Port.tcp(5432));
    sg.connections.allowFromAnyIpv4(ec2.Port.tcpRange(8080, 8090));
    sg.connections.allowFrom(ec2.Peer.anyIpv4(), ec2.Port.udp(22));
`),
    },
    {
      name: 'a load balancer open on its default port, a database open to one group',
      code: `import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as rds from 'aws-cdk-lib/aws-rds';

export function wire(stack: cdk.Stack, vpc: ec2.IVpc, app: ec2.ISecurityGroup) {
  const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc, internetFacing: true });
  const listener = alb.addListener('Https', { port: 443, open: false });
  listener.connections.allowDefaultPortFromAnyIpv4('public HTTPS');
  const db = new rds.DatabaseInstance(stack, 'Db', { vpc, engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0 }) });
  db.connections.allowDefaultPortFrom(app);
}
`,
    },
    {
      name: 'L1 rules on HTTPS, from a private range, or on ports the analysis cannot see',
      code: stack(`${VPC_AND_SG}
    const port = Number(process.env.APP_PORT);
    new ec2.CfnSecurityGroup(this, 'Legacy', {
      groupDescription: 'legacy',
      vpcId: vpc.vpcId,
      securityGroupIngress: [
        { ipProtocol: 'tcp', cidrIp: '0.0.0.0/0', fromPort: 443, toPort: 443 },
        { ipProtocol: 'tcp', cidrIp: '10.0.0.0/8', fromPort: 22, toPort: 22 },
        { ipProtocol: 'tcp', cidrIp: '0.0.0.0/0', fromPort: port, toPort: port },
      ],
    });
    sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(port));
`),
    },
    {
      name: 'a local Peer and Port',
      code: `const Peer = { anyIpv4: () => '0.0.0.0/0' };
const Port = { tcp: (p: number) => p };
declare const sg: { addIngressRule(peer: string, port: number): void };
sg.addIngressRule(Peer.anyIpv4(), Port.tcp(22));
`,
    },
  ],
  invalid: [
    {
      name: 'addIngressRule from anywhere to SSH, all traffic, a range with RDP',
      code: stack(`${VPC_AND_SG}
    sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'SSH from anywhere');
    sg.addIngressRule(ec2.Peer.anyIpv6(), ec2.Port.allTraffic());
    sg.addIngressRule(ec2.Peer.ipv4('0.0.0.0/0'), ec2.Port.tcpRange(3000, 4000));
    sg.addIngressRule(ec2.Peer.ipv6('::/0'), ec2.Port.allTcp());
`),
      errors: [
        { line: 11, column: 23, endLine: 11, endColumn: 41, message: open('Port 22 (SSH) is'), fixes: [] },
        { line: 12, column: 23, endLine: 12, endColumn: 41, message: open('All traffic (including port 22, SSH) is', '::/0') },
        { line: 13, column: 23, endLine: 13, endColumn: 49, message: open('Ports 3000-4000 (including 3389, RDP) are') },
        { line: 14, column: 23, endLine: 14, endColumn: 44, message: open('Ports 0-65535 (including 22, SSH) are', '::/0') },
      ],
    },
    {
      name: 'every sensitive port, by number and by name',
      code: stack(`${VPC_AND_SG}
    for (const port of [ec2.Port.RDP, ec2.Port.MYSQL_AURORA, ec2.Port.POSTGRES, ec2.Port.MSSQL]) sg.addIngressRule(ec2.Peer.ipv4('10.0.0.0/8'), port);
    sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.SSH);
    sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.MSSQL);
    sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(6379));
    sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(27017));
`),
      errors: [
        { line: 12, column: 23, message: open('Port 22 (SSH) is') },
        { line: 13, column: 23, message: open('Port 1433 (SQL Server) is') },
        { line: 14, column: 23, message: open('Port 6379 (Redis) is') },
        { line: 15, column: 23, message: open('Port 27017 (MongoDB) is') },
      ],
    },
    {
      name: 'connections: allowFrom, allowFromAnyIpv4, and a database’s default port',
      code: stack(`${VPC_AND_SG}
    sg.connections.allowFromAnyIpv4(ec2.Port.RDP, 'RDP');
    sg.connections.allowFrom(ec2.Peer.anyIpv4(), ec2.Port.POSTGRES);
    const db = new rds.DatabaseInstance(this, 'Db', {
      vpc,
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
    });
    db.connections.allowDefaultPortFromAnyIpv4('reporting tool');
    const cluster = new rds.DatabaseCluster(this, 'Cluster', {
      engine: rds.DatabaseClusterEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_3_07_0 }),
      writer: rds.ClusterInstance.serverlessV2('writer'),
      vpc,
    });
    cluster.connections.allowDefaultPortFrom(ec2.Peer.anyIpv6());
`),
      errors: [
        { line: 11, column: 20, endLine: 11, endColumn: 36, message: open('Port 3389 (RDP) is') },
        { line: 12, column: 30, endLine: 12, endColumn: 48, message: open('Port 5432 (PostgreSQL) is') },
        { line: 17, column: 20, endLine: 17, endColumn: 47, message: open('Port 5432 (PostgreSQL) is') },
        { line: 23, column: 46, endLine: 23, endColumn: 64, message: open('Port 3306 (MySQL) is', '::/0') },
      ],
    },
    {
      name: 'CfnSecurityGroup ingress entries and CfnSecurityGroupIngress',
      code: stack(`${VPC_AND_SG}
    new ec2.CfnSecurityGroup(this, 'Legacy', {
      groupDescription: 'legacy admin access',
      vpcId: vpc.vpcId,
      securityGroupIngress: [
        { ipProtocol: 'tcp', cidrIp: '0.0.0.0/0', fromPort: 3389, toPort: 3389 },
        { ipProtocol: '-1', cidrIpv6: '::/0' },
        { ipProtocol: '6', cidrIp: '0.0.0.0/0', fromPort: -1, toPort: -1 },
      ],
    });
    new ec2.CfnSecurityGroupIngress(this, 'Redis', { groupId: sg.securityGroupId, ipProtocol: 'tcp', cidrIp: '0.0.0.0/0', fromPort: 6379, toPort: 6379 });
`),
      errors: [
        { line: 15, column: 38, endLine: 15, endColumn: 49, message: open('Port 3389 (RDP) is') },
        { line: 16, column: 39, endLine: 16, endColumn: 45, message: open('All traffic (including port 22, SSH) is', '::/0') },
        { line: 17, column: 36, endLine: 17, endColumn: 47, message: open('Ports 0-65535 (including 22, SSH) are') },
        { line: 20, column: 110, endLine: 20, endColumn: 121, message: open('Port 6379 (Redis) is') },
      ],
    },
    {
      name: 'peer and port from constants in another file',
      code: `import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { ADMIN_PORT, EVERYONE } from './network';

export function openAdmin(sg: ec2.SecurityGroup) {
  sg.addIngressRule(EVERYONE, ADMIN_PORT, 'admin');
}
`,
      files: {
        'lib/network.ts': `import { Peer, Port } from 'aws-cdk-lib/aws-ec2';

export const EVERYONE = Peer.anyIpv4();
export const ADMIN_PORT = Port.tcp(22);
`,
      },
      errors: [
        {
          line: 5,
          column: 21,
          endLine: 5,
          endColumn: 29,
          message: open('Port 22 (SSH) is'),
          related: [{ file: 'lib/network.ts', line: 3, column: 25, message: 'Value declared here' }],
        },
      ],
    },
    {
      name: 'named imports, root barrel, CDK v1 and require()',
      filename: 'lib/network.js',
      code: `const cdk = require('aws-cdk-lib');
const { Peer, Port } = require('aws-cdk-lib/aws-ec2');
const legacy = require('@aws-cdk/aws-ec2');

exports.open = (sg, old) => {
  sg.addIngressRule(Peer.anyIpv4(), Port.tcp(22));
  sg.addIngressRule(cdk.aws_ec2.Peer.anyIpv4(), cdk.aws_ec2.Port.tcp(3306));
  old.addIngressRule(legacy.Peer.anyIpv4(), legacy.Port.tcp(5432));
};
`,
      errors: [
        { line: 6, column: 21, endLine: 6, endColumn: 35 },
        { line: 7, column: 21, endLine: 7, endColumn: 47 },
        { line: 8, column: 22, endLine: 8, endColumn: 43 },
      ],
    },
  ],
});
