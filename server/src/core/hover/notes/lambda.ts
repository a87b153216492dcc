import * as ts from 'typescript';
import { LAMBDA_L2_FUNCTIONS } from '../../cdk/constructs';
import { fqnIs } from '../../model/values';
import { looksSecret, wordsFrom } from '../../secrets/names';
import { cannotTell, code, info, memberOf, ok, risk, show } from '../judge';
import { valueIfSet } from '../../model/lookup';
import { retention } from './monitoring';
import type { ConstructNote, Judgement, NoteContext } from '../types';
import type { Value } from '../../model/values';
import { deprecatedSince, judgeRuntime, runtimeUse } from '../../cdk/runtimes';

/** `runtime:`: deprecated or not, and since or until when (the runtime table's dates). */
function judgeRuntimeValue(v: Value): Judgement {
  const use = runtimeUse(v);
  if (!use) return memberOf(v, 'aws-lambda.Runtime') === 'NODEJS_LATEST' ? ok('the newest Node.js this aws-cdk-lib knows') : cannotTell(v);
  const verdict = judgeRuntime(use.row);
  if (verdict.blocked)
    return risk(`${code(use.row.id)} is deprecated${deprecatedSince(use.row)}, and AWS no longer lets you update functions on it`);
  if (verdict.deprecated) return risk(`${code(use.row.id)} is deprecated${deprecatedSince(use.row)}: AWS no longer patches it`);
  return use.row.deprecated
    ? ok(`${code(use.row.id)} is supported; AWS plans to deprecate it on ${use.row.deprecated}`)
    : ok(`${code(use.row.id)} is supported`);
}

/** Lambda functions (CDK). */

/** Other functions in this file whose `role` is the same value as this one's. */
function functionsSharing(role: ts.Node, ctx: NoteContext): number {
  let count = 0;
  for (const expr of ctx.file.index.newExpressions) {
    if (expr === ctx.owner || !fqnIs(ctx.resolver.fqn(expr.expression, ctx.file), ...LAMBDA_L2_FUNCTIONS)) continue;
    const arg = expr.arguments?.[2];
    const other = arg ? valueIfSet(ctx.resolver.resolve(arg, ctx.file), 'role') : undefined;
    if (other && other.node === role) count++;
  }
  return count;
}

export const FUNCTION: ConstructNote = {
  classes: LAMBDA_L2_FUNCTIONS,
  label: 'Lambda function',
  about:
    'What the function can reach is what its role allows; what it is configured with is readable by anyone who can read its configuration; what it logs is kept as long as its log group keeps it.',
  guide: 'identity-and-access.md#one-role-per-function',
  rules: ['iam-shared-role', 'secret-in-env', 'logs-retention', 'lambda-public-subnet', 'lambda-deprecated-runtime'],
  propsIndex: 2,
  props: {
    runtime: {
      about:
        'The language version and operating system the code runs on. AWS deprecates a runtime when its language or OS stops getting security fixes, then blocks creating and updating functions on it.',
      guide: 'function-security.md#dependency-scanning',
      rules: ['lambda-deprecated-runtime'],
      onlyWhenSet: true,
      judge: (v) => (v ? judgeRuntimeValue(v) : undefined),
    },
    role: {
      about: 'The execution role. Left unset, CDK creates a role for this function alone, and grant calls add just what it needs.',
      rules: ['iam-shared-role', 'iam-admin-policy'],
      judge: (v, ctx) => {
        if (v === undefined) return ok('not set — CDK creates a role for this function only');
        const shared = functionsSharing(v.node, ctx);
        if (shared > 0)
          return risk(
            `shared with ${shared} other function${shared === 1 ? '' : 's'} in this file: each gets the permissions all of them need`,
          );
        return info(`${show(v)} — a role you manage; keep it to this one function`);
      },
    },
    environment: {
      about:
        "Plain configuration. Anyone who can read the function's configuration sees these values, and they are written into the CloudFormation template. Pass a secret's ARN here, never the secret.",
      guide: 'function-security.md#secrets-management',
      rules: ['secret-in-env'],
      onlyWhenSet: true,
      judge: (v, ctx) => {
        if (v === undefined) return undefined;
        if (v.kind !== 'object') return cannotTell(v);
        const out: Judgement[] = [];
        for (const [key, entry] of v.props) {
          const value = entry.value;
          if (value.kind === 'string' && value.value !== '' && looksSecret(key, wordsFrom(ctx.config))) {
            out.push(risk(`${code(key)} looks like a secret written as text: store it in Secrets Manager and pass its ARN`));
          } else if (value.kind === 'call' && value.name === 'unsafeUnwrap') {
            out.push(risk(`${code(key)} unwraps a secret into plain configuration`));
          }
        }
        if (out.length === 0)
          out.push(ok(`${v.props.size} variable${v.props.size === 1 ? '' : 's'}, none of them a secret written as text`));
        return out;
      },
    },
    logRetention: {
      about: "How long the function's logs are kept (deprecated in favour of `logGroup`).",
      guide: 'monitoring.md#log-retention',
      rules: ['logs-retention'],
      onlyWhenSet: true,
      judge: (v) => (v ? retention(v) : undefined),
    },
    logGroup: {
      about: 'The log group the function writes to; its retention and encryption apply to everything the function logs.',
      guide: 'monitoring.md#log-retention',
      rules: ['logs-retention'],
      judge: (v, ctx) => {
        if (v !== undefined) return ok(`${show(v)} — retention and encryption come from that log group`);
        if (valueIfSet(ctx.props, 'logRetention')) return undefined;
        return risk('not set — Lambda creates a log group whose logs never expire');
      },
    },
    vpc: {
      about:
        "Places the function's network interfaces in your VPC so it can reach private resources; its security groups then decide where it may connect.",
      guide: 'network-security.md#lambda-in-a-vpc',
      onlyWhenSet: true,
      judge: (v) => (v ? ok('attached to a VPC') : undefined),
    },
    vpcSubnets: {
      about:
        "Which subnets the function's network interfaces use. Private subnets are the norm: a function gets no public IP, so a public subnet gives it nothing.",
      guide: 'network-security.md#lambda-in-a-vpc',
      rules: ['lambda-public-subnet'],
      judge: (v, ctx) => {
        if (v === undefined) return valueIfSet(ctx.props, 'vpc') ? ok("not set — CDK picks the VPC's private subnets") : undefined;
        const type = memberOf(valueIfSet(v, 'subnetType'), 'aws-ec2.SubnetType');
        if (type === 'PUBLIC')
          return risk('public subnets: no internet access gained, and the function sits beside internet-facing resources');
        if (type === 'PRIVATE_WITH_EGRESS' || type === 'PRIVATE_WITH_NAT') return ok('private subnets with a route out through NAT');
        if (type === 'PRIVATE_ISOLATED') return ok('isolated subnets: no route out; reach AWS services through VPC endpoints');
        return info(show(v));
      },
    },
    allowPublicSubnet: {
      about: 'Lets CDK place the function in public subnets, which it otherwise refuses to do.',
      guide: 'network-security.md#lambda-in-a-vpc',
      rules: ['lambda-public-subnet'],
      onlyWhenSet: true,
      judge: (v) => (v && v.kind === 'boolean' && v.value ? risk('the function may be placed in public subnets') : undefined),
    },
    securityGroups: {
      about: "The security groups on the function's network interfaces: their outbound rules limit where it can connect.",
      guide: 'network-security.md#security-groups',
      onlyWhenSet: true,
      judge: (v) => (v ? ok(show(v)) : undefined),
    },
    initialPolicy: {
      about: "Statements added to the function's role. Prefer grant methods on the resources the function uses.",
      guide: 'identity-and-access.md#grant-methods',
      onlyWhenSet: true,
      judge: (v) => (v ? info('inline statements on the role: hover each `PolicyStatement` for its verdict') : undefined),
    },
  },
};
