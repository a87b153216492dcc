import type { GuideSectionId } from '../guide/sections';
import type { ConstructKind, Trait } from './inventory';

/**
 * The security checklist, as data: the practices guide's checklist items, each with the
 * guide section that explains it and the way the project is judged against it.
 *
 * An item is judged by analysis when it names rules or a required construct: it fails on any
 * finding of its rules (ids from the rule catalog; a rule not in this build reports nothing) or
 * when the construct is missing, and is not applicable when the project has none of the things
 * it is about. Every other item is `manual`: a box the team ticks, kept in
 * `.slsguard/checklist.json`.
 */

export type ChecklistGroupId = 'development' | 'deployment' | 'operations' | 'testing';

export const CHECKLIST_GROUPS: ReadonlyArray<{ id: ChecklistGroupId; title: string }> = [
  { id: 'development', title: 'Development' },
  { id: 'deployment', title: 'Deployment' },
  { id: 'operations', title: 'Operations' },
  { id: 'testing', title: 'Testing' },
];

/** Something in the project's inventory: a kind of construct, optionally with a trait. */
export interface Condition {
  kind: ConstructKind;
  trait?: Trait;
}

export interface ChecklistItemDef {
  /** Stable: the key of the item in `.slsguard/checklist.json`. */
  id: string;
  group: ChecklistGroupId;
  title: string;
  /** What the item asks for, and how Serverless Guard judges it. */
  tooltip: string;
  guideSection: GuideSectionId;
  /** Rules whose findings fail the item. */
  rules: string[];
  /** A construct the project must contain; `missing` says what is absent when it does not. */
  requires?: Condition & { missing: string };
  /** The item applies only when the project has one of these; `otherwise` says why it does not. */
  appliesWhen?: { any: Condition[]; otherwise: string };
  /** Checked by hand: no analysis can tell. */
  manual: boolean;
  /**
   * Rules whose findings fail a manual item: analysis can show the item is not done (a function
   * on a deprecated runtime is not kept up to date) but never that it is (npm audit in CI).
   */
  failsOn?: string[];
}

const HAS_API: Condition[] = [{ kind: 'restApi' }, { kind: 'httpApi' }];

export const CHECKLIST: readonly ChecklistItemDef[] = [
  // Development
  {
    id: 'validate-input',
    group: 'development',
    title: 'Validate and sanitize all inputs',
    tooltip:
      'Check every request against a schema before using it, at the API (request validators and models) and in the handler, keep it out of model instructions, and encode what goes back out. Judged by the input-validation, injection, prompt-injection and HTML-output rules.',
    guideSection: 'data-protection.md#input-validation',
    rules: [
      'apigw-no-request-validation',
      'handler-unvalidated-input',
      'handler-injection',
      'handler-prompt-injection',
      'handler-unsanitized-html',
    ],
    appliesWhen: { any: [{ kind: 'handler' }, ...HAS_API], otherwise: 'no Lambda handler or API in the project' },
    manual: false,
  },
  {
    id: 'scan-dependencies',
    group: 'development',
    title: 'Scan dependencies for vulnerabilities',
    tooltip:
      'Run npm audit (or a scanner such as Dependabot) in CI, update vulnerable packages promptly, keep the dependency set small, and keep every function on a runtime AWS still supports. Checked by hand; a function on a deprecated runtime fails it.',
    guideSection: 'function-security.md#dependency-scanning',
    rules: [],
    manual: true,
    failsOn: ['lambda-deprecated-runtime'],
  },
  {
    id: 'least-privilege',
    group: 'development',
    title: 'Use least privilege IAM permissions',
    tooltip:
      'Give each function its own role and only the actions and resources it uses, preferably through grant methods. Judged by the IAM rules: wildcards, administrator policies, shared roles, privilege escalation.',
    guideSection: 'identity-and-access.md#least-privilege',
    rules: ['iam-wildcard-action', 'iam-wildcard-resource', 'iam-admin-policy', 'iam-shared-role', 'iam-privilege-escalation'],
    manual: false,
  },
  {
    id: 'secrets-in-secret-store',
    group: 'development',
    title: 'Store secrets in Secrets Manager or Parameter Store',
    tooltip:
      'Keep credentials out of code and templates: put them in Secrets Manager or SSM Parameter Store and read them at run time. Judged by the hard-coded and plain-text secret rules.',
    guideSection: 'function-security.md#secrets-management',
    rules: ['secret-in-env', 'secret-plaintext-value', 'hardcoded-secret'],
    manual: false,
  },
  {
    id: 'no-sensitive-logs',
    group: 'development',
    title: 'Never log sensitive data',
    tooltip:
      'Log ids and counts, not whole events, environments, tokens or secret values. Judged by the sensitive-logging rule on Lambda handlers.',
    guideSection: 'function-security.md#logging-sensitive-data',
    rules: ['handler-logs-sensitive'],
    appliesWhen: { any: [{ kind: 'handler' }], otherwise: 'no Lambda handler in the project' },
    manual: false,
  },
  {
    id: 'encrypt-data-stores',
    group: 'development',
    title: 'Enable encryption for all data stores',
    tooltip:
      'Encrypt buckets, tables, databases, queues, topics and log groups at rest (customer-managed keys with rotation where you need control over the key) and require TLS in transit: enforceSSL on buckets, queues and topics, TLS 1.2 on API custom domains. Judged by the data-protection rules.',
    guideSection: 'data-protection.md#encryption-at-rest',
    rules: [
      's3-unencrypted',
      's3-enforce-ssl',
      'sqs-unencrypted',
      'sqs-enforce-ssl',
      'sns-unencrypted',
      'sns-enforce-ssl',
      'rds-unencrypted',
      'apigw-tls-version',
      'dynamodb-cmk',
      'kms-key-rotation',
      'logs-unencrypted',
    ],
    appliesWhen: { any: [{ kind: 'dataStore' }], otherwise: 'no data store in the project' },
    manual: false,
  },
  {
    id: 'config-not-secrets-in-env',
    group: 'development',
    title: 'Use environment variables for configuration, not secrets',
    tooltip:
      'Environment variables are readable by anyone who can view the function configuration: pass table names and secret ARNs there, never the secret values. Judged by the environment-secret rules (CDK and handler).',
    guideSection: 'function-security.md#secrets-management',
    rules: ['secret-in-env', 'handler-env-secret'],
    manual: false,
  },
  // Deployment
  {
    id: 'cloudtrail-all-regions',
    group: 'deployment',
    title: 'Enable CloudTrail in all regions',
    tooltip:
      'Record API activity in every region with a multi-region trail (the CDK default for `cloudtrail.Trail`), including global service and management events, with log file validation on. Passes when the project defines one; if your organization runs the trail elsewhere, this item stays open here.',
    guideSection: 'monitoring.md#cloudtrail',
    rules: ['trail-single-region', 'trail-incomplete'],
    requires: { kind: 'trail', trait: 'multi-region', missing: 'No multi-region CloudTrail trail (cloudtrail.Trail) in the project' },
    manual: false,
  },
  {
    id: 'vpc-for-sensitive-workloads',
    group: 'deployment',
    title: 'Configure VPC for sensitive workloads',
    tooltip:
      'Functions that reach private resources run in private subnets with security groups that allow only the traffic they need. Judged by the network rules where the project has a VPC.',
    guideSection: 'network-security.md#lambda-in-a-vpc',
    rules: ['lambda-public-subnet', 'sg-open-ingress', 'sg-allow-all-outbound'],
    appliesWhen: { any: [{ kind: 'vpc' }, { kind: 'lambda', trait: 'in-vpc' }], otherwise: 'no VPC in the project' },
    manual: false,
  },
  {
    id: 'vpc-endpoints',
    group: 'deployment',
    title: 'Use VPC endpoints for AWS service access',
    tooltip:
      'Functions in a VPC reach AWS services through gateway endpoints (S3, DynamoDB) and interface endpoints (Secrets Manager, SQS, …) instead of the internet. Passes when the project adds an endpoint.',
    guideSection: 'network-security.md#vpc-endpoints',
    rules: [],
    requires: { kind: 'vpcEndpoint', missing: 'No VPC endpoint (addGatewayEndpoint, addInterfaceEndpoint) in the project' },
    appliesWhen: { any: [{ kind: 'lambda', trait: 'in-vpc' }], otherwise: 'no Lambda function in a VPC' },
    manual: false,
  },
  {
    id: 'guardduty',
    group: 'deployment',
    title: 'Enable GuardDuty for threat detection',
    tooltip:
      'GuardDuty watches CloudTrail, VPC flow and DNS logs for compromised credentials and unusual activity. Passes when the project defines an enabled detector (guardduty.CfnDetector); if your organization enables it for the account elsewhere, this item stays open here.',
    guideSection: 'monitoring.md#guardduty',
    rules: [],
    requires: {
      kind: 'guardDutyDetector',
      trait: 'enabled',
      missing: 'No enabled GuardDuty detector (guardduty.CfnDetector) in the project',
    },
    manual: false,
  },
  {
    id: 'resource-based-policies',
    group: 'deployment',
    title: 'Implement resource-based policies',
    tooltip:
      'Say who may invoke each function and API and reach each bucket: service principals with a source ARN, authorizers on API methods, no public access. Judged by the invoke-permission, API authorization and public-bucket rules.',
    guideSection: 'identity-and-access.md#resource-based-policies',
    rules: ['lambda-public-invoke', 'lambda-permission-no-source', 'apigw-no-auth', 's3-public-access'],
    manual: false,
  },
  {
    id: 'waf',
    group: 'deployment',
    title: 'Use AWS WAF for API protection',
    tooltip:
      'Put a WAF web ACL in front of each REST API stage (wafv2.CfnWebACLAssociation) and throttle the API. Not applicable without a REST API.',
    guideSection: 'api-security.md#waf',
    rules: ['apigw-no-waf', 'apigw-no-throttling'],
    requires: { kind: 'wafAssociation', missing: 'No WAF web ACL association (wafv2.CfnWebACLAssociation) in the project' },
    appliesWhen: { any: [{ kind: 'restApi' }], otherwise: 'no REST API in the project' },
    manual: false,
  },
  {
    id: 'api-access-logging',
    group: 'deployment',
    title: 'Enable access logging for API Gateway',
    tooltip:
      'Send each API stage’s access log to a log group with a retention period. Judged by the access-logging rule; not applicable without an API.',
    guideSection: 'api-security.md#access-logging',
    rules: ['apigw-no-access-logging'],
    appliesWhen: { any: HAS_API, otherwise: 'no API in the project' },
    manual: false,
  },
  // Operations
  {
    id: 'monitor-cloudtrail',
    group: 'operations',
    title: 'Monitor CloudTrail for unusual activity',
    tooltip:
      'Someone looks at CloudTrail events (or a tool does, such as CloudTrail Insights) and knows what normal looks like. Checked by hand.',
    guideSection: 'monitoring.md#cloudtrail',
    rules: [],
    manual: true,
  },
  {
    id: 'security-alarms',
    group: 'operations',
    title: 'Set up alarms for security events',
    tooltip:
      'CloudWatch alarms or EventBridge rules notify the team of root logins, IAM policy changes, authorizer failures and error spikes. Checked by hand.',
    guideSection: 'monitoring.md#cloudtrail',
    rules: [],
    manual: true,
  },
  {
    id: 'rotate-secrets',
    group: 'operations',
    title: 'Rotate secrets regularly',
    tooltip:
      'Secrets Manager rotation schedules for every credential, and functions that re-read a secret after rotation. Judged by secret-no-rotation: every secret the project creates has a rotation schedule somewhere in the project.',
    guideSection: 'function-security.md#secrets-management',
    rules: ['secret-no-rotation'],
    manual: false,
  },
  {
    id: 'review-iam-policies',
    group: 'operations',
    title: 'Review IAM policies periodically',
    tooltip:
      'On a schedule, compare each role’s permissions with what it used (IAM Access Analyzer, last-accessed data) and remove the rest. Checked by hand.',
    guideSection: 'identity-and-access.md#least-privilege',
    rules: [],
    manual: true,
  },
  {
    id: 'audit-function-permissions',
    group: 'operations',
    title: 'Audit function permissions',
    tooltip:
      'Review who can invoke, update and read each function: resource-based policies, deployment roles, function URLs. Checked by hand.',
    guideSection: 'identity-and-access.md#resource-based-policies',
    rules: [],
    manual: true,
  },
  {
    id: 'monitor-guardduty',
    group: 'operations',
    title: 'Monitor GuardDuty findings',
    tooltip: 'GuardDuty findings reach a person or a ticket queue, and someone triages them. Checked by hand.',
    guideSection: 'monitoring.md#guardduty',
    rules: [],
    manual: true,
  },
  {
    id: 'automated-responses',
    group: 'operations',
    title: 'Implement automated security responses',
    tooltip:
      'Routine findings trigger a response without waiting for a person (for example an EventBridge rule that isolates a resource or revokes a session). Checked by hand.',
    guideSection: 'monitoring.md#guardduty',
    rules: [],
    manual: true,
  },
  // Testing
  {
    id: 'test-least-privilege',
    group: 'testing',
    title: 'Test with least privilege policies',
    tooltip:
      'Integration tests run with the deployed roles, so a missing permission fails a test instead of production, and an extra one is noticed. Checked by hand.',
    guideSection: 'identity-and-access.md#least-privilege',
    rules: [],
    manual: true,
  },
  {
    id: 'test-error-handling',
    group: 'testing',
    title: 'Validate error handling for security failures',
    tooltip:
      'Tests cover denied access, expired tokens and failed secret reads, and check that responses carry no stack traces or internal messages. Checked by hand.',
    guideSection: 'function-security.md#error-handling',
    rules: [],
    manual: true,
  },
  {
    id: 'test-input-validation',
    group: 'testing',
    title: 'Test input validation and sanitization',
    tooltip: 'Tests send missing, oversized and wrongly typed fields and expect a 400, and check that output is encoded. Checked by hand.',
    guideSection: 'data-protection.md#input-validation',
    rules: [],
    manual: true,
  },
  {
    id: 'test-encryption',
    group: 'testing',
    title: 'Verify encryption configurations',
    tooltip:
      'After deployment, check that stores are encrypted with the intended keys and that plain HTTP is refused (for example with AWS Config rules). Checked by hand.',
    guideSection: 'data-protection.md#encryption-at-rest',
    rules: [],
    manual: true,
  },
  {
    id: 'test-malicious-payloads',
    group: 'testing',
    title: 'Test with malicious payloads',
    tooltip:
      'Tests send injection strings, script tags and huge or deeply nested bodies, and expect them rejected or made harmless. Checked by hand.',
    guideSection: 'data-protection.md#output-encoding',
    rules: [],
    manual: true,
  },
  {
    id: 'audit-security-logs',
    group: 'testing',
    title: 'Audit logs for security events',
    tooltip:
      'Check that security-relevant events (denied calls, failed logins, validation failures) are logged and can be found, and that logs hold no secrets. Checked by hand.',
    guideSection: 'monitoring.md#log-retention',
    rules: [],
    manual: true,
  },
];

export function checklistItem(id: string): ChecklistItemDef | undefined {
  return CHECKLIST.find((item) => item.id === id);
}
