/**
 * The sections of the practices guide (`docs/guide/<file>`), by `file#anchor`. Rules, hover
 * cards and the checklist link here; the guide's headings produce these anchors (GitHub style:
 * lower case, spaces to hyphens). A test checks that every section exists in the guide.
 */
export const GUIDE_SECTIONS = {
  'shared-responsibility.md': 'The shared responsibility model',
  'identity-and-access.md#least-privilege': 'Least privilege',
  'identity-and-access.md#grant-methods': 'Grant methods',
  'identity-and-access.md#one-role-per-function': 'One role per function',
  'identity-and-access.md#resource-based-policies': 'Resource-based policies and conditions',
  'function-security.md#isolation-model': 'The isolation model',
  'function-security.md#warm-invocations': 'What persists between warm invocations',
  'function-security.md#secrets-management': 'Secrets belong in a secret store',
  'function-security.md#secrets-in-memory': 'Handling secrets in memory',
  'function-security.md#logging-sensitive-data': 'Logging without leaking',
  'function-security.md#error-handling': 'Errors that do not leak',
  'function-security.md#dependency-scanning': 'Dependency scanning',
  'api-security.md#authorizers': 'Authorizers',
  'api-security.md#request-validation': 'Request validation and models',
  'api-security.md#throttling': 'Throttling',
  'api-security.md#api-keys-and-usage-plans': 'API keys and usage plans',
  'api-security.md#waf': 'AWS WAF',
  'api-security.md#access-logging': 'Access logging',
  'data-protection.md#encryption-at-rest': 'Encryption at rest',
  'data-protection.md#customer-managed-keys': 'AWS-owned, AWS-managed and customer-managed keys',
  'data-protection.md#key-rotation': 'Key rotation',
  'data-protection.md#blocking-public-access': 'Blocking public access',
  'data-protection.md#encryption-in-transit': 'Encryption in transit',
  'data-protection.md#input-validation': 'Input validation',
  'data-protection.md#output-encoding': 'Sanitizing output',
  'data-protection.md#prompt-injection': 'Prompt injection',
  'network-security.md#lambda-in-a-vpc': 'Lambda in a VPC',
  'network-security.md#security-groups': 'Security groups',
  'network-security.md#vpc-endpoints': 'VPC endpoints',
  'monitoring.md#log-retention': 'Log retention',
  'monitoring.md#log-encryption': 'Log encryption',
  'monitoring.md#cloudtrail': 'CloudTrail',
  'monitoring.md#guardduty': 'GuardDuty',
  'checklist.md': 'The checklist',
} as const;

export type GuideSectionId = keyof typeof GUIDE_SECTIONS;

export function isGuideSection(id: string): id is GuideSectionId {
  return Object.prototype.hasOwnProperty.call(GUIDE_SECTIONS, id);
}
