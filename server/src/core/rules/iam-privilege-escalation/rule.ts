import { createRule } from '../../rule';
import { arnText, escalationIn } from '../../cdk/knowledge';
import { coveredTypes } from '../../cdk/iamData';
import { actionPattern, policyStatements } from '../../cdk/policy';
import { asString } from '../../model/values';

export default createRule({
  meta: {
    id: 'iam-privilege-escalation',
    title: 'IAM privilege escalation on any resource',
    description:
      'An Allow statement grants an action that changes or hands out permissions (iam:PassRole, iam:AttachRolePolicy, sts:AssumeRole, …) on every resource. Whoever controls the function can make themselves an administrator.',
    defaultSeverity: 'error',
    category: 'iam',
    cwe: ['CWE-269'],
    guideSection: 'identity-and-access.md#least-privilege',
    fixable: false,
    appliesTo: 'cdk',
    messages: {
      escalation:
        "'{{action}}' on every resource lets this principal escalate its own privileges. Scope it to the specific role or policy ARN it needs.",
      passRoleCreate:
        "'{{action}}' together with lambda:CreateFunction on every resource lets this principal create a function that runs as any role. Scope iam:PassRole to the one role it must pass.",
    },
  },
  check(ctx) {
    for (const statement of policyStatements(ctx)) {
      if (statement.effect !== 'Allow' || statement.inverted) continue;
      const resources = statement.resources.map((r) => arnText(r.value)).filter((r): r is string => r !== undefined);
      if (!resources.some((r) => r === '*' || r.includes('*'))) continue;
      const actions = statement.actions.map((a) => asString(a.value));
      const createsFunctions = actions.some((a) => a !== undefined && actionPattern(a).test('lambda:CreateFunction'));
      for (const entry of statement.actions) {
        const action = asString(entry.value);
        if (action === undefined) continue;
        const escalation = escalationIn(action);
        if (!escalation) continue;
        // `'*'`, or an ARN that names every resource of the action's type (`arn:aws:iam::*:role/*`).
        if (!resources.some((r) => r === '*' || coveredTypes(r, [escalation]).length > 0)) continue;
        const passRole = actionPattern(action).test('iam:PassRole');
        ctx.report({ at: entry.at, messageId: passRole && createsFunctions ? 'passRoleCreate' : 'escalation', data: { action } });
      }
    }
  },
});
