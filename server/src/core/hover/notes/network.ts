import { callsOnOwner, cannotTell, code, isCall, judgeBoolean, ok, risk } from '../judge';
import type { ConstructNote, Judgement, NoteContext } from '../types';

/** Network: security groups. */

/** Inbound rules added to this security group in this file, judged by where they come from. */
function ingressRules(ctx: NoteContext): Judgement[] {
  const out: Judgement[] = [];
  let fromPeers = 0;
  for (const call of callsOnOwner(ctx, 'addIngressRule')) {
    const [peerArg, portArg] = call.arguments;
    const peer = peerArg ? ctx.resolver.resolve(peerArg, ctx.file) : undefined;
    if (isCall(peer, 'aws-ec2.Peer.anyIpv4', 'aws-ec2.Peer.anyIpv6')) {
      const line = ctx.file.position(call.getStart(ctx.file.sf)).line + 1;
      const port = portArg ? ` on ${code(portArg.getText(ctx.file.sf))}` : '';
      out.push({ level: 'risk', subject: 'ingress', text: `open to the whole internet${port} (line ${line})` });
    } else {
      fromPeers++;
    }
  }
  if (out.length === 0 && fromPeers > 0)
    out.push({ level: 'ok', subject: 'ingress', text: `${fromPeers} rule${fromPeers === 1 ? '' : 's'} from named peers` });
  return out;
}

export const SECURITY_GROUP: ConstructNote = {
  classes: ['aws-ec2.SecurityGroup'],
  label: 'Security group',
  about:
    'A stateful firewall around the network interfaces it is attached to. Inbound is closed until you add rules; outbound is open to everywhere unless you close it.',
  guide: 'network-security.md#security-groups',
  rules: ['sg-allow-all-outbound', 'sg-open-ingress'],
  propsIndex: 2,
  props: {
    allowAllOutbound: {
      about:
        'Adds an egress rule to every IPv4 address on every port. Turn it off and add egress rules for the few destinations the workload needs.',
      rules: ['sg-allow-all-outbound'],
      judge: (v) =>
        judgeBoolean(v, {
          true: risk('traffic may leave to any address on any port'),
          false: ok('only the egress rules you add are allowed'),
          unset: risk('not set — traffic may leave to any address on any port (CDK default)'),
        }),
    },
    allowAllIpv6Outbound: {
      about: 'The same for IPv6 destinations.',
      rules: ['sg-allow-all-outbound'],
      onlyWhenSet: true,
      judge: (v) =>
        v === undefined
          ? undefined
          : v.kind === 'boolean'
            ? v.value
              ? risk('IPv6 traffic may leave to any address')
              : ok('no open IPv6 egress')
            : cannotTell(v),
    },
  },
  extra: ingressRules,
};
