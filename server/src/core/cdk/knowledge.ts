import type * as ts from 'typescript';
import { ANY_PRINCIPALS } from './constructs';
import { actionPattern, wildcardKind } from './policy';
import { acceptsOnlyStar } from './iamData';
import type { Resolver } from '../model/resolver';
import { asString, fqnIs, Value } from '../model/values';

/**
 * What the rules and the hover notes both know about AWS and its CDK constructs, written once
 * so that a hover verdict and a finding cannot tell two stories about the same code: which IAM
 * actions escalate privileges, which actions IAM accepts only on `Resource: '*'`, how broad an
 * AWS managed policy is, which principals mean "anyone", and which S3 settings make a bucket
 * public.
 */

// ---- Privilege escalation ------------------------------------------------------------------

/** Actions that let a principal give itself (or a new function) more permissions. */
const ESCALATION_ACTIONS = [
  'iam:PassRole',
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:AttachRolePolicy',
  'iam:AttachUserPolicy',
  'iam:PutRolePolicy',
  'iam:PutUserPolicy',
  'iam:UpdateAssumeRolePolicy',
  'iam:CreateAccessKey',
  'sts:AssumeRole',
];

/**
 * The escalation action an allowed action gives (`iam:PassRole`, or `iam:Put*` which matches
 * `iam:PutRolePolicy`), when it gives one on every resource. Full and service-wide wildcards
 * (`*`, `iam:*`) are not counted: they are findings of iam-wildcard-action already.
 */
export function escalationIn(action: string): string | undefined {
  const kind = wildcardKind(action);
  if (kind === 'full' || kind === 'service') return undefined;
  const pattern = actionPattern(action);
  return ESCALATION_ACTIONS.find((a) => pattern.test(a));
}

// ---- Actions that name no resource ---------------------------------------------------------

/**
 * Statements AWS itself documents with `Resource: '*'` although the reference gives their actions
 * an optional or run-time resource type: the elastic network interfaces Lambda creates for a VPC
 * function (the AWS managed policy AWSLambdaVPCAccessExecutionRole; their ids exist only at run
 * time) and CloudWatch metric publishing (scoped with the `cloudwatch:namespace` condition, not a
 * resource). Every other action is judged by AWS's data (`acceptsOnlyStar`).
 */
const STAR_BY_AWS_POLICY = new Set(
  [
    'ec2:CreateNetworkInterface',
    'ec2:DeleteNetworkInterface',
    'ec2:AssignPrivateIpAddresses',
    'ec2:UnassignPrivateIpAddresses',
    'cloudwatch:PutMetricData',
  ].map((a) => a.toLowerCase()),
);

/** Every action (`undefined`: one that is not a known string) names no resource: `*` is the only value IAM accepts. */
export function namesNoResource(actions: ReadonlyArray<string | undefined>): boolean {
  return actions.length > 0 && actions.every((a) => a !== undefined && (acceptsOnlyStar(a) || STAR_BY_AWS_POLICY.has(a.toLowerCase())));
}

/** A key policy's statement: it names principals and only KMS actions, and its `*` resource means "this key". */
export function isKeyPolicyStatement(actions: ReadonlyArray<string | undefined>, hasPrincipals: boolean): boolean {
  return hasPrincipals && actions.length > 0 && actions.every((a) => a !== undefined && a.toLowerCase().startsWith('kms:'));
}

// ---- AWS managed policies ------------------------------------------------------------------

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

/** The AWS managed policy an ARN value names: `arn:aws:iam::aws:policy/AdministratorAccess` → `AdministratorAccess`. */
export function awsManagedPolicyOfArn(value: Value): string | undefined {
  const m = /^arn:[^:]*:iam::aws:policy\/(.+)$/.exec(arnText(value) ?? '');
  return m ? m[1] : undefined;
}

/** An ARN as text, tokens standing for `aws`: `arn:${Aws.PARTITION}:iam::aws:policy/X`, `arn:aws:iam::${Aws.ACCOUNT_ID}:role/*`. */
export function arnText(value: Value): string | undefined {
  const s = asString(value);
  if (s !== undefined) return s;
  if (value.kind === 'template') return value.parts.map((p) => (typeof p === 'string' ? p : 'aws')).join('');
  return undefined;
}

export const FROM_AWS_MANAGED_POLICY_NAME = 'aws-iam.ManagedPolicy.fromAwsManagedPolicyName';
export const FROM_MANAGED_POLICY_ARN = 'aws-iam.ManagedPolicy.fromManagedPolicyArn';

/**
 * The AWS managed policy a `ManagedPolicy.fromAwsManagedPolicyName(name)` or
 * `ManagedPolicy.fromManagedPolicyArn(scope, id, arn)` call (of the static `fqn`) names: the
 * value that names it, and the name when it is known.
 */
export function awsManagedPolicy(
  fqn: string | undefined,
  args: readonly ts.Expression[],
  resolve: (expr: ts.Expression) => Value,
): { value: Value; name: string | undefined } | undefined {
  const byName = fqnIs(fqn, FROM_AWS_MANAGED_POLICY_NAME);
  if (!byName && !fqnIs(fqn, FROM_MANAGED_POLICY_ARN)) return undefined;
  const arg = args[byName ? 0 : 2];
  if (!arg) return undefined;
  const value = resolve(arg);
  return { value, name: byName ? asString(value) : awsManagedPolicyOfArn(value) };
}

// ---- Principals ----------------------------------------------------------------------------

/** Lambda grant methods that add the grantee to the function's resource policy. */
export const INVOKE_GRANTS = ['grantInvoke', 'grantInvokeUrl', 'grantInvokeLatestVersion', 'grantInvokeCompositePrincipal'];

/** A principal that means "anyone": `new AnyPrincipal()`, `new StarPrincipal()`, `new ArnPrincipal('*')`, `'*'`. */
export function isAnyone(value: Value | undefined, resolver: Resolver): boolean {
  if (!value) return false;
  if (asString(value) === '*') return true;
  if (value.kind !== 'new') return false;
  if (fqnIs(value.fqn, ...ANY_PRINCIPALS)) return true;
  if (fqnIs(value.fqn, 'aws-iam.ArnPrincipal')) {
    const arg = value.expr.arguments?.[0];
    return !!arg && asString(resolver.resolve(arg, value.file)) === '*';
  }
  return false;
}

// ---- S3 ------------------------------------------------------------------------------------

/** `s3.BucketAccessControl` members that open a bucket beyond its account. */
export const PUBLIC_BUCKET_ACLS = ['PUBLIC_READ', 'PUBLIC_READ_WRITE', 'AUTHENTICATED_READ'];

/** The four switches of `new s3.BlockPublicAccess({...})`. */
export const BLOCK_PUBLIC_ACCESS_FLAGS = ['blockPublicAcls', 'blockPublicPolicy', 'ignorePublicAcls', 'restrictPublicBuckets'];
