import { createRule } from '../../rule';
import { policyStatements, wildcardKind } from '../../cdk/policy';
import { explicitActionFix, grantFixes } from '../../cdk/grantFix';
import { asString } from '../../model/values';
import type { Fix } from '../../types';
import { wildcardReach } from '../../cdk/iamData';

export default createRule({
  meta: {
    id: 'iam-wildcard-action',
    title: 'Wildcard IAM action',
    description:
      'An Allow statement grants every action of a service (`s3:*`) or of AWS (`*`). Functions get far more than they use, and a bug or a stolen credential can do all of it.',
    defaultSeverity: 'error',
    category: 'iam',
    cwe: ['CWE-269', 'CWE-732'],
    guideSection: 'identity-and-access.md#least-privilege',
    fixable: true,
    appliesTo: 'cdk',
    cdkNag: ['AwsSolutions-IAM5'],
    messages: {
      full: "'{{action}}' allows every AWS action. Grant the specific actions the function needs, or use a grant method such as table.grantReadData(fn).",
      service:
        "'{{action}}' allows every {{service}} action{{levels}}. Use the resource's grant method (see the quick fix) or list the actions you need.",
      serviceNoFix:
        "'{{action}}' allows every {{service}} action{{levels}}. List the actions you need, or use the resource's grant method.",
      partial: "'{{action}}' is a wildcard: it also matches actions added to {{service}} later. List the actions you need.",
    },
  },
  check(ctx) {
    for (const statement of policyStatements(ctx)) {
      if (statement.effect !== 'Allow') continue;
      let statementFixes: Fix[] | undefined;
      for (const entry of statement.actions) {
        const action = asString(entry.value);
        if (action === undefined) continue;
        const kind = wildcardKind(action);
        if (kind === 'none') continue;
        statementFixes ??= grantFixes(ctx, statement);
        const fixes = [...statementFixes];
        if (fixes.length === 0) {
          const explicit = explicitActionFix(ctx, entry);
          if (explicit) fixes.push(explicit);
        }
        const service = action.split(':')[0];
        ctx.report({
          at: entry.at,
          messageId: kind === 'service' && fixes.length === 0 ? 'serviceNoFix' : kind,
          data: { action, service, levels: kind === 'service' ? levelsText(action) : '' },
          severity: kind === 'partial' ? 'warning' : undefined,
          fixes,
        });
      }
    }
  },
});

/** What AWS's reference says a service wildcard covers: `, including 27 permissions-management actions` for `s3:*`. */
function levelsText(action: string): string {
  const pm = wildcardReach(action).permissionsManagement;
  return pm > 0 ? `, including ${pm} permissions-management action${pm === 1 ? '' : 's'}` : '';
}
