import type { Rule } from '../../rule';
import iamWildcardAction from '../iam-wildcard-action/rule';
import iamWildcardResource from '../iam-wildcard-resource/rule';
import iamAdminPolicy from '../iam-admin-policy/rule';
import iamSharedRole from '../iam-shared-role/rule';
import iamPrivilegeEscalation from '../iam-privilege-escalation/rule';
import lambdaPublicInvoke from '../lambda-public-invoke/rule';
import lambdaPermissionNoSource from '../lambda-permission-no-source/rule';
import resourcePolicyPublic from '../resource-policy-public/rule';

/** IAM and resource policies (CDK), in catalog order. */
export const iamRules: Rule[] = [
  iamWildcardAction,
  iamWildcardResource,
  iamAdminPolicy,
  iamSharedRole,
  iamPrivilegeEscalation,
  lambdaPublicInvoke,
  lambdaPermissionNoSource,
  resourcePolicyPublic,
];
