import { createRule } from '../../rule';
import { IAM_L1_WITH_POLICIES } from '../../cdk/constructs';
import { asString, propValue, Value } from '../../model/values';

const ADMIN_POLICIES = new Set(['AdministratorAccess', 'PowerUserAccess', 'IAMFullAccess']);

/**
 * How broad an AWS managed policy is, by name: near-administrator, full access to one service,
 * or neither (service-role policies are made for one service's own use).
 */
export function managedPolicyBreadth(name: string): 'admin' | 'fullAccess' | undefined {
  if (name.startsWith('service-role/') || name.startsWith('aws-service-role/')) return undefined;
  if (ADMIN_POLICIES.has(name)) return 'admin';
  return /FullAccess$/.test(name) ? 'fullAccess' : undefined;
}

/** The AWS managed policy an ARN names: `arn:aws:iam::aws:policy/AdministratorAccess` → `AdministratorAccess`. */
function policyNameFromArn(arn: string): string | undefined {
  const m = /^arn:[^:]*:iam::aws:policy\/(.+)$/.exec(arn);
  return m ? m[1] : undefined;
}

/** A template ARN with a partition token: `arn:${Aws.PARTITION}:iam::aws:policy/X`. */
function arnText(value: Value): string | undefined {
  const s = asString(value);
  if (s !== undefined) return s;
  if (value.kind === 'template') return value.parts.map((p) => (typeof p === 'string' ? p : 'aws')).join('');
  return undefined;
}

export default createRule({
  meta: {
    id: 'iam-admin-policy',
    title: 'Administrator or full-access managed policy',
    description:
      'An AWS managed policy such as AdministratorAccess, PowerUserAccess or a *FullAccess policy gives a function or role control far beyond what serverless code needs.',
    defaultSeverity: 'error',
    category: 'iam',
    cwe: ['CWE-250', 'CWE-269'],
    guideSection: 'identity-and-access.md#one-role-per-function',
    fixable: false,
    appliesTo: 'cdk',
    messages: {
      admin: "'{{name}}' gives near-administrator access. Give the role only what it needs with grant methods (table.grantReadData(fn)) or narrow statements.",
      fullAccess: "'{{name}}' grants every action of a service on every resource. Prefer the resource's grant methods or a policy scoped to specific ARNs.",
    },
  },
  check(ctx) {
    const consider = (value: Value, name: string | undefined) => {
      if (!name) return;
      const breadth = managedPolicyBreadth(name);
      if (breadth === 'admin') ctx.report({ at: value, messageId: 'admin', data: { name } });
      else if (breadth === 'fullAccess') ctx.report({ at: value, messageId: 'fullAccess', data: { name }, severity: 'warning' });
    };
    for (const call of ctx.staticCalls('aws-iam.ManagedPolicy.fromAwsManagedPolicyName')) {
      const arg = call.arguments[0];
      if (!arg) continue;
      const value = ctx.resolve(arg);
      consider(value, asString(value));
    }
    for (const call of ctx.staticCalls('aws-iam.ManagedPolicy.fromManagedPolicyArn')) {
      const arg = call.arguments[2];
      if (!arg) continue;
      const value = ctx.resolve(arg);
      const arn = arnText(value);
      consider(value, arn ? policyNameFromArn(arn) : undefined);
    }
    for (const expr of ctx.newExpressions(...IAM_L1_WITH_POLICIES)) {
      const arns = propValue(ctx.constructProps(expr), 'managedPolicyArns');
      if (arns?.kind !== 'array') continue;
      for (const el of arns.elements) {
        const arn = arnText(el);
        consider(el, arn ? policyNameFromArn(arn) : undefined);
      }
    }
  },
});
