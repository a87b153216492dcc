import * as ts from 'typescript';
import { createRule, RuleContext } from '../../rule';
import { isAnyone } from '../../cdk/knowledge';
import { documentStatements, isNewOf, jsonStatement, Statement, statementOf } from '../../cdk/policy';
import { POLICY_STATEMENT } from '../../cdk/constructs';
import { alternatives, asString, fqnIs, instanceFqn, propValue, Value } from '../../model/values';

/** Resources with a resource policy the rule reads, by module: what a message calls them. */
const RESOURCES: Array<{ classes: string[]; name: string }> = [
  { classes: ['aws-sqs.Queue', 'aws-sqs.IQueue', 'aws-sqs.QueueBase'], name: 'queue' },
  { classes: ['aws-sns.Topic', 'aws-sns.ITopic', 'aws-sns.TopicBase'], name: 'topic' },
  { classes: ['aws-s3.Bucket', 'aws-s3.IBucket', 'aws-s3.BucketBase'], name: 'bucket' },
  { classes: ['aws-secretsmanager.Secret', 'aws-secretsmanager.ISecret', 'aws-rds.DatabaseSecret'], name: 'secret' },
  { classes: ['aws-kms.Key', 'aws-kms.IKey'], name: 'key' },
  { classes: ['aws-events.EventBus', 'aws-events.IEventBus'], name: 'event bus' },
  { classes: ['aws-ecr.Repository', 'aws-ecr.IRepository', 'aws-ecr.RepositoryBase'], name: 'repository' },
];

/** L1 resource policies and the property that holds their document. */
const L1_POLICIES: Array<{ classes: string[]; key: string; name: string }> = [
  { classes: ['aws-sqs.CfnQueuePolicy'], key: 'policyDocument', name: 'queue' },
  { classes: ['aws-sns.CfnTopicPolicy'], key: 'policyDocument', name: 'topic' },
  { classes: ['aws-s3.CfnBucketPolicy'], key: 'policyDocument', name: 'bucket' },
  { classes: ['aws-secretsmanager.CfnResourcePolicy'], key: 'resourcePolicy', name: 'secret' },
  { classes: ['aws-ecr.CfnRepository'], key: 'repositoryPolicyText', name: 'repository' },
];

/**
 * Condition keys that tie a `*` principal to an account, organization, source resource or
 * network: the statement is then not public. `kms:CallerAccount` is KMS's own account condition
 * (the "all principals in the account" statement of AWS's default key policies);
 * `s3:DataAccessPointAccount` / `s3:DataAccessPointArn` delegate a bucket's access control to the
 * access points of one account (the pattern AWS documents for access points).
 */
const NARROWING_KEYS = new Set(
  [
    'aws:SourceArn',
    'aws:SourceAccount',
    'aws:SourceOwner',
    'aws:PrincipalOrgID',
    'aws:PrincipalAccount',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:PrincipalOrgPaths',
    'kms:CallerAccount',
    's3:DataAccessPointAccount',
    's3:DataAccessPointArn',
  ].map((k) => k.toLowerCase()),
);

/** `PolicyStatement` methods that add a narrowing condition. */
const NARROWING_METHODS = ['addSourceArnCondition', 'addSourceAccountCondition'];

/** Grant methods Lambda and S3 rules already judge (`grantInvoke` is not on these resources; `grantPublicAccess` is s3-public-access's). */
const GRANTS_JUDGED_ELSEWHERE = new Set(['grantPublicAccess']);

function resourceName(value: Value | undefined): string | undefined {
  const fqn = instanceFqn(value);
  return RESOURCES.find((r) => fqnIs(fqn, ...r.classes))?.name;
}

export default createRule({
  meta: {
    id: 'resource-policy-public',
    title: 'Resource policy open to anyone',
    description:
      'A resource policy statement of a queue, topic, bucket, secret, key, event bus or container repository allows any principal (`AnyPrincipal`, `Principal: "*"`) with no condition that narrows it to an account, organization or source: anyone with an AWS account can use the resource.',
    defaultSeverity: 'error',
    category: 'iam',
    cwe: ['CWE-284', 'CWE-732'],
    guideSection: 'identity-and-access.md#resource-based-policies',
    fixable: false,
    appliesTo: 'cdk',
    cdkNag: ['AwsSolutions-ECR1', 'AwsSolutions-EVB1'],
    messages: {
      statement:
        "This statement of the {{resource}}'s resource policy allows any principal, from any AWS account, with no condition that narrows it. Name the accounts, roles or services that need access, or add a condition such as aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID.",
      grant:
        "{{method}}() with this principal adds a statement to the {{resource}}'s resource policy that lets any AWS account use it. Grant to the role, account or service principal that needs access.",
    },
  },
  check(ctx) {
    const reported = new Set<string>();
    const report = (at: Value | ts.Node, messageId: 'statement' | 'grant', data: Record<string, string>) => {
      const where = ctx.locate(at);
      const key = `${where.file}:${where.range.start.line}:${where.range.start.character}`;
      if (reported.has(key)) return;
      reported.add(key);
      ctx.report({ at, messageId, data });
    };
    const judge = (statement: Statement, resource: string) => {
      for (const at of publicPrincipals(ctx, statement)) report(at, 'statement', { resource });
    };

    for (const call of ctx.calls('addToResourcePolicy')) {
      if (!ts.isPropertyAccessExpression(call.expression) || !call.arguments[0]) continue;
      const resource = resourceName(ctx.resolve(call.expression.expression));
      if (!resource) continue;
      for (const value of alternatives(ctx.resolve(call.arguments[0]))) {
        if (isNewOf(value, POLICY_STATEMENT)) judge(statementOf(ctx, value), resource);
      }
    }

    for (const [method, calls] of ctx.file.index.callsByName) {
      if (!method.startsWith('grant') || GRANTS_JUDGED_ELSEWHERE.has(method)) continue;
      for (const call of calls) {
        if (!ts.isPropertyAccessExpression(call.expression) || !call.arguments[0]) continue;
        const principal = ctx.resolve(call.arguments[0]);
        if (!isAnyone(principal, ctx.resolver)) continue;
        const resource = resourceName(ctx.resolve(call.expression.expression));
        if (resource) report(principal, 'grant', { method, resource });
      }
    }

    for (const { classes, key, name } of L1_POLICIES) {
      for (const expr of ctx.newExpressions(...classes)) {
        for (const statement of documentStatements(ctx, propValue(ctx.constructProps(expr), key))) judge(statement, name);
      }
    }
    for (const expr of ctx.newExpressions('aws-events.CfnEventBusPolicy')) {
      const props = ctx.constructProps(expr);
      const statement = propValue(props, 'statement');
      if (statement?.kind === 'object') judge(jsonStatement(statement), 'event bus');
      // The older form: `principal: '*'`, with an optional `condition: { type, key, value }`.
      const principal = propValue(props, 'principal');
      const condition = propValue(props, 'condition');
      if (asString(principal) === '*' && !narrowingLegacyCondition(condition)) report(principal!, 'statement', { resource: 'event bus' });
    }
  },
});

/**
 * Where an Allow statement names anyone, when no condition narrows it: the `new AnyPrincipal()`
 * elements, an `addAnyPrincipal()` call, a JSON `Principal: '*'` or `{ AWS: '*' }`. Nothing for a
 * Deny, an effect or condition we cannot read, or a `NotPrincipal`.
 */
function publicPrincipals(ctx: RuleContext, statement: Statement): Array<Value | ts.Node> {
  if (statement.effect !== 'Allow') return [];
  const found: Array<Value | ts.Node> = [];
  if (statement.json) {
    const json = statement.json;
    if (mayNarrow(propValue(json, 'Condition'), !json.complete)) return [];
    const principal = propValue(json, 'Principal');
    if (asString(principal) === '*') found.push(principal!);
    const aws = propValue(principal, 'AWS');
    for (const v of aws?.kind === 'array' ? aws.elements : aws ? [aws] : []) if (asString(v) === '*') found.push(v);
    return found;
  }
  const props = statement.props;
  if (!props || mayNarrow(propValue(props, 'conditions'), !props.complete)) return [];
  const principals = propValue(props, 'principals');
  if (principals?.kind === 'array') for (const p of principals.elements) if (isAnyone(p, ctx.resolver)) found.push(p);
  for (const call of statement.mutations) {
    const method = ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : '';
    if (NARROWING_METHODS.includes(method)) return [];
    if (method === 'addCondition' || method === 'addConditions') {
      const conditions = call.arguments.map((a) => ctx.resolve(a));
      const asObject = method === 'addConditions' ? conditions[0] : conditions[1];
      if (mayNarrow(asObject, false, method === 'addCondition')) return [];
    }
    if (method === 'addAnyPrincipal') found.push(call);
    if (method === 'addPrincipals') for (const a of call.arguments) if (isAnyone(ctx.resolve(a), ctx.resolver)) found.push(ctx.resolve(a));
    if (method === 'addArnPrincipal' && call.arguments[0] && asString(ctx.resolve(call.arguments[0])) === '*') found.push(call);
  }
  return found;
}

/**
 * Whether conditions (`{ StringEquals: { 'aws:SourceAccount': … } }`, or one operator's keys when
 * `keysOnly`) may narrow the statement: they name a narrowing key, or we cannot read them all.
 */
function mayNarrow(conditions: Value | undefined, unknownProps: boolean, keysOnly = false): boolean {
  if (!conditions) return unknownProps;
  if (conditions.kind === 'nullish') return false;
  if (conditions.kind !== 'object') return true;
  const operators: Value[] = keysOnly ? [conditions] : [...conditions.props.values()].map((e) => e.value);
  if (!keysOnly && !conditions.complete) return true;
  return operators.some(
    (op) => op.kind !== 'object' || !op.complete || [...op.props.keys()].some((k) => NARROWING_KEYS.has(k.toLowerCase())),
  );
}

/** `CfnEventBusPolicy`'s `condition: { type: 'StringEquals', key: 'aws:PrincipalOrgID', value }`. */
function narrowingLegacyCondition(condition: Value | undefined): boolean {
  if (!condition || condition.kind === 'nullish') return false;
  const key = asString(propValue(condition, 'key'));
  return key === undefined || NARROWING_KEYS.has(key.toLowerCase());
}
