import * as ts from 'typescript';
import { createRule } from '../../rule';
import type { RuleContext } from '../../rule';
import { argumentOf, constructSites } from '../../cdk/propertyChecks';
import { lookup, valueIfSet } from '../../model/lookup';
import { asString, fqnIs, Value } from '../../model/values';

/** Ports of administration and data services that must never face the internet. */
const SENSITIVE_PORTS: ReadonlyMap<number, string> = new Map([
  [22, 'SSH'],
  [3389, 'RDP'],
  [3306, 'MySQL'],
  [5432, 'PostgreSQL'],
  [1433, 'SQL Server'],
  [6379, 'Redis'],
  [27017, 'MongoDB'],
]);

/** `ec2.Port.SSH` and friends. */
const NAMED_PORTS: Record<string, number> = { SSH: 22, RDP: 3389, MYSQL_AURORA: 3306, POSTGRES: 5432, MSSQL: 1433 };

/** TCP ports a rule opens: `from`–`to`, or every protocol (`all`). */
interface Ports {
  from: number;
  to: number;
  all?: boolean;
}

const EVERY_PORT: Ports = { from: 0, to: 65535, all: true };

function portNumber(v: Value | undefined): number | undefined {
  if (v?.kind === 'number') return v.value;
  // CloudFormation also takes port numbers as strings.
  const s = asString(v);
  return s !== undefined && /^-?\d+$/.test(s) ? Number(s) : undefined;
}

/** What an `ec2.Port` value opens; undefined for UDP, ICMP and what we cannot read. */
function portsOf(ctx: RuleContext, value: Value): Ports | undefined {
  if (value.kind === 'ref') {
    const m = /\.Port\.([A-Z_0-9]+)$/.exec(value.fqn);
    const port = m && fqnIs(value.fqn, `aws-ec2.Port.${m[1]}`) ? NAMED_PORTS[m[1]] : undefined;
    return port !== undefined ? { from: port, to: port } : undefined;
  }
  if (value.kind === 'call') {
    const [first, second] = [0, 1].map((i) => portNumber(argumentOf(ctx, value, i)));
    if (fqnIs(value.fqn, 'aws-ec2.Port.allTraffic')) return EVERY_PORT;
    if (fqnIs(value.fqn, 'aws-ec2.Port.allTcp')) return { from: 0, to: 65535 };
    if (fqnIs(value.fqn, 'aws-ec2.Port.tcp')) {
      return first !== undefined ? { from: first, to: first } : undefined;
    }
    if (fqnIs(value.fqn, 'aws-ec2.Port.tcpRange')) {
      return first !== undefined && second !== undefined ? { from: first, to: second } : undefined;
    }
  }
  return undefined;
}

/** The CIDR a peer stands for when it is the whole internet: `Peer.anyIpv4()`, `Peer.ipv4('0.0.0.0/0')`. */
function anywhere(ctx: RuleContext, peer: Value): string | undefined {
  if (peer.kind !== 'call') return undefined;
  if (fqnIs(peer.fqn, 'aws-ec2.Peer.anyIpv4')) return '0.0.0.0/0';
  if (fqnIs(peer.fqn, 'aws-ec2.Peer.anyIpv6')) return '::/0';
  if (fqnIs(peer.fqn, 'aws-ec2.Peer.ipv4', 'aws-ec2.Peer.ipv6')) {
    return openCidr(asString(argumentOf(ctx, peer, 0)));
  }
  return undefined;
}

function openCidr(cidr: string | undefined): string | undefined {
  return cidr === '0.0.0.0/0' || cidr === '::/0' || cidr === '::0/0' ? cidr : undefined;
}

/** The first sensitive port in the range, as the subject of the message; undefined when there is none. */
function describeExposure(ports: Ports): string | undefined {
  const hit = [...SENSITIVE_PORTS.keys()].find((p) => p >= ports.from && p <= ports.to);
  if (hit === undefined) return undefined;
  const service = SENSITIVE_PORTS.get(hit);
  if (ports.all) return `All traffic (including port ${hit}, ${service}) is`;
  if (ports.from === ports.to) return `Port ${hit} (${service}) is`;
  return `Ports ${ports.from}-${ports.to} (including ${hit}, ${service}) are`;
}

// ---- Default ports of the constructs behind `connections.allowDefaultPort*` ---------------

const RDS_INSTANCES = ['DatabaseInstance', 'DatabaseInstanceFromSnapshot', 'DatabaseInstanceReadReplica'].map((c) => `aws-rds.${c}`);
const RDS_CLUSTERS = ['DatabaseCluster', 'DatabaseClusterFromSnapshot', 'ServerlessCluster', 'ServerlessClusterFromSnapshot'].map(
  (c) => `aws-rds.${c}`,
);

/** The port a database construct listens on: its `port` prop, else its engine's default. */
function defaultPort(ctx: RuleContext, construct: Value): number | undefined {
  if (construct.kind !== 'new') return undefined;
  const site = { expr: construct.expr, props: argumentOf(ctx, construct, 2) };
  const port = valueIfSet(site.props, 'port');
  if (port) return port.kind === 'number' ? port.value : undefined;
  if (fqnIs(construct.fqn, 'aws-docdb.DatabaseCluster')) return 27017;
  if (!fqnIs(construct.fqn, ...RDS_INSTANCES, ...RDS_CLUSTERS)) return undefined;
  const engine = valueIfSet(site.props, 'engine');
  const fqn = engine && (engine.kind === 'call' || engine.kind === 'ref') ? engine.fqn : undefined;
  if (!fqn || !/\.(DatabaseInstanceEngine|DatabaseClusterEngine)\.\w+$/.test(fqn)) return undefined;
  const name = fqn.slice(fqn.lastIndexOf('.') + 1).toLowerCase();
  if (name.includes('postgres')) return 5432;
  if (name.includes('sqlserver')) return 1433;
  if (name.includes('mysql') || name.includes('mariadb') || name === 'aurora') return 3306;
  return undefined;
}

/** The construct whose `connections` a call is made on: `db.connections.allowDefaultPortFromAnyIpv4()` → `db`. */
function connectionsOwner(ctx: RuleContext, callee: ts.PropertyAccessExpression): Value | undefined {
  const receiver = callee.expression;
  if (!ts.isPropertyAccessExpression(receiver) || receiver.name.text !== 'connections') return undefined;
  return ctx.resolve(receiver.expression);
}

// ---- The checks ---------------------------------------------------------------------------

interface Exposure {
  at: ts.Node | Value;
  what: string;
  cidr: string;
}

/** `addIngressRule(peer, port)`, `connections.allowFrom(peer, port)`, `allowFromAnyIpv4(port)`, `allowDefaultPort…`. */
function callExposures(ctx: RuleContext): Exposure[] {
  const out: Exposure[] = [];
  const add = (at: ts.Node | Value, cidr: string | undefined, ports: Ports | undefined) => {
    const what = ports && describeExposure(ports);
    if (cidr && what) out.push({ at, what, cidr });
  };
  for (const call of ctx.calls('addIngressRule', 'allowFrom', 'allowFromAnyIpv4', 'allowDefaultPortFrom', 'allowDefaultPortFromAnyIpv4')) {
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee)) continue;
    const [first, second] = call.arguments.map((a) => ctx.resolve(a));
    switch (callee.name.text) {
      case 'addIngressRule':
      case 'allowFrom':
        if (first && second) add(first, anywhere(ctx, first), portsOf(ctx, second));
        break;
      case 'allowFromAnyIpv4':
        if (first) add(callee.name, '0.0.0.0/0', portsOf(ctx, first));
        break;
      case 'allowDefaultPortFrom':
      case 'allowDefaultPortFromAnyIpv4': {
        // `allowDefaultPortFrom(peer)`; `allowDefaultPortFromAnyIpv4(description?)` names its peer.
        const fromAny = callee.name.text === 'allowDefaultPortFromAnyIpv4';
        const cidr = fromAny ? '0.0.0.0/0' : first && anywhere(ctx, first);
        const owner = cidr ? connectionsOwner(ctx, callee) : undefined;
        const port = owner && defaultPort(ctx, owner);
        if (port !== undefined) add(fromAny || !first ? callee.name : first, cidr, { from: port, to: port });
        break;
      }
    }
  }
  return out;
}

/** An L1 ingress rule (`CfnSecurityGroupIngress` props, an entry of `securityGroupIngress`). */
function l1Exposure(rule: Value | undefined): Exposure | undefined {
  for (const key of ['cidrIp', 'cidrIpv6']) {
    const cidrState = lookup(rule, key);
    if (cidrState.state !== 'set') continue;
    const cidr = openCidr(asString(cidrState.value));
    if (!cidr) continue;
    const protocol = lookup(rule, 'ipProtocol');
    const p =
      protocol.state === 'set' ? (protocol.value.kind === 'number' ? String(protocol.value.value) : asString(protocol.value)) : undefined;
    let ports: Ports | undefined;
    if (p === '-1') {
      ports = EVERY_PORT;
    } else if (p === 'tcp' || p === '6') {
      const from = numberAt(rule, 'fromPort');
      const to = numberAt(rule, 'toPort');
      if (from !== undefined && to !== undefined) ports = from === -1 || to === -1 ? { from: 0, to: 65535 } : { from, to };
    }
    const what = ports && describeExposure(ports);
    if (what) return { at: cidrState.value, what, cidr };
  }
  return undefined;
}

function numberAt(object: Value | undefined, key: string): number | undefined {
  const port = valueIfSet(object, key);
  return port ? portNumber(port) : undefined;
}

function l1Exposures(ctx: RuleContext): Exposure[] {
  const out: Exposure[] = [];
  for (const site of constructSites(ctx, ['aws-ec2.CfnSecurityGroupIngress'])) {
    const e = l1Exposure(site.props);
    if (e) out.push(e);
  }
  for (const site of constructSites(ctx, ['aws-ec2.CfnSecurityGroup'])) {
    const rules = valueIfSet(site.props, 'securityGroupIngress');
    if (rules?.kind !== 'array') continue;
    for (const rule of rules.elements) {
      const e = l1Exposure(rule);
      if (e) out.push(e);
    }
  }
  return out;
}

export default createRule({
  meta: {
    id: 'sg-open-ingress',
    title: 'Sensitive port open to the internet',
    description:
      'A security group rule that admits the whole internet (`0.0.0.0/0`, `::/0`) to SSH, RDP or a database port invites brute force and exploits from anywhere. Admit only the security groups or address ranges that need it.',
    defaultSeverity: 'error',
    category: 'network',
    cwe: ['CWE-284', 'CWE-668'],
    guideSection: 'network-security.md#security-groups',
    fixable: false,
    appliesTo: 'cdk',
    cdkNag: ['AwsSolutions-EC23'],
    messages: {
      open: '{{what}} open to every address ({{cidr}}): reachable from the internet wherever the group sits in a public subnet or behind a public load balancer. Allow only the security groups or address ranges that need it (for administration, use Session Manager or a VPN).',
    },
  },
  check(ctx) {
    for (const e of [...callExposures(ctx), ...l1Exposures(ctx)]) {
      ctx.report({ at: e.at, messageId: 'open', data: { what: e.what, cidr: e.cidr } });
    }
  },
});
