import { createRule } from '../../rule';
import { IAM_L1_WITH_POLICIES } from '../../cdk/constructs';
import {
  awsManagedPolicy,
  awsManagedPolicyOfArn,
  FROM_AWS_MANAGED_POLICY_NAME,
  FROM_MANAGED_POLICY_ARN,
  managedPolicyBreadth,
} from '../../cdk/knowledge';
import { propValue, Value } from '../../model/values';

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
    cdkNag: ['AwsSolutions-IAM4'],
    messages: {
      admin:
        "'{{name}}' gives near-administrator access. Give the role only what it needs with grant methods (table.grantReadData(fn)) or narrow statements.",
      fullAccess:
        "'{{name}}' grants every action of a service on every resource. Prefer the resource's grant methods or a policy scoped to specific ARNs.",
    },
  },
  check(ctx) {
    const consider = (value: Value, name: string | undefined) => {
      if (!name) return;
      const breadth = managedPolicyBreadth(name);
      if (breadth === 'admin') ctx.report({ at: value, messageId: 'admin', data: { name } });
      else if (breadth === 'fullAccess') ctx.report({ at: value, messageId: 'fullAccess', data: { name }, severity: 'warning' });
    };
    for (const fqn of [FROM_AWS_MANAGED_POLICY_NAME, FROM_MANAGED_POLICY_ARN]) {
      for (const call of ctx.staticCalls(fqn)) {
        const policy = awsManagedPolicy(fqn, call.arguments, (e) => ctx.resolve(e));
        if (policy) consider(policy.value, policy.name);
      }
    }
    for (const expr of ctx.newExpressions(...IAM_L1_WITH_POLICIES)) {
      const arns = propValue(ctx.constructProps(expr), 'managedPolicyArns');
      if (arns?.kind !== 'array') continue;
      for (const el of arns.elements) consider(el, awsManagedPolicyOfArn(el));
    }
  },
});
