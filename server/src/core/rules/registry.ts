import type { Rule } from './rule';
import iamWildcardAction from './iam-wildcard-action/rule';
import iamWildcardResource from './iam-wildcard-resource/rule';
import iamAdminPolicy from './iam-admin-policy/rule';
import iamSharedRole from './iam-shared-role/rule';
import iamPrivilegeEscalation from './iam-privilege-escalation/rule';
import lambdaPublicInvoke from './lambda-public-invoke/rule';
import lambdaPermissionNoSource from './lambda-permission-no-source/rule';

/** Every rule the engine runs, in catalog order. Add new rules to their family's block. */
export const iamRules: Rule[] = [
  iamWildcardAction,
  iamWildcardResource,
  iamAdminPolicy,
  iamSharedRole,
  iamPrivilegeEscalation,
  lambdaPublicInvoke,
  lambdaPermissionNoSource,
];

export const allRules: Rule[] = [...iamRules];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.meta.id === id);
}
