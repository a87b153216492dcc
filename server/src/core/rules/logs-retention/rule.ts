import * as ts from 'typescript';
import { createRule, RuleContext } from '../../rule';
import { LAMBDA_L2_FUNCTIONS } from '../../cdk/constructs';
import { cdkMember, Code, constructSites, FixBuilder, isRef, propertyRule, setProperty } from '../../cdk/propertyChecks';
import { declareSharedKeyFor, grantToLogs, KeyedConstruct } from '../../cdk/keyFix';
import { propsLiteral } from '../../fixes/props';
import { importSymbols, isCdkV1 } from '../../fixes/imports';
import { mergeInsertions, quote, quoteOf } from '../../fixes/edits';
import { lookup } from '../../model/lookup';

const LOGS = 'aws-cdk-lib/aws-logs';
const INFINITE = 'aws-logs.RetentionDays.INFINITE';
/** What the fixes set. One month suits most functions' debugging; longer is one word away. */
const RETENTION = 'ONE_MONTH';

/**
 * A log group of its own for the function, with a retention: `logGroup: new
 * logs.LogGroup(this, 'HandlerLogs', { retention: logs.RetentionDays.ONE_MONTH, encryptionKey:
 * handlerLogsKey })`. The key (declared before the function, with a grant to CloudWatch Logs)
 * keeps the new group clear of logs-unencrypted; without a place to declare it, no fix.
 */
const functionLogGroup: Code = (ctx, site, target) => {
  const [scope, idArg] = site.expr.arguments ?? [];
  if (!scope) return undefined;
  const key = encryptLogs(ctx)
    ? declareSharedKeyFor(ctx, { expr: site.expr, target }, functionsWithoutLogs(ctx), 'logs', grantToLogs, 'Logs')
    : undefined;
  if (encryptLogs(ctx) && !key) return undefined;
  const {
    texts: [group, days],
    edits,
  } = importSymbols(ctx.file, LOGS, ['LogGroup', 'RetentionDays']);
  const id = idArg && ts.isStringLiteralLike(idArg) ? `${idArg.text}Logs` : 'FunctionLogs';
  const q = quoteOf(ctx.file, idArg && ts.isStringLiteral(idArg) ? idArg : undefined);
  return {
    text: `new ${group}(${ctx.file.nodeText(scope)}, ${quote(id, q)}, { retention: ${days}.${RETENTION}${key ? `, encryptionKey: ${key.name}` : ''} })`,
    edits: mergeInsertions([...edits, ...(key?.edits ?? [])]),
  };
};
/**
 * The functions of the file that get this fix (no `logGroup`, no `logRetention`): the ones of one
 * block share one key for their log groups.
 */
function functionsWithoutLogs(ctx: RuleContext): KeyedConstruct[] {
  let functions = withoutLogs.get(ctx);
  if (!functions) {
    functions = constructSites(ctx, LAMBDA_L2_FUNCTIONS)
      .filter((site) => lookup(site.props, 'logGroup').state === 'absent' && lookup(site.props, 'logRetention').state === 'absent')
      .map((site) => ({ expr: site.expr, target: propsLiteral(ctx, site.expr.arguments?.[2]) ?? site.expr }));
    withoutLogs.set(ctx, functions);
  }
  return functions;
}
/** `functionsWithoutLogs` by rule run (one context per rule and file): each function's fix asks. */
const withoutLogs = new WeakMap<RuleContext, KeyedConstruct[]>();
const encryptLogs = (ctx: RuleContext) => ctx.config.rules['logs-unencrypted'] !== 'off';
const retention = cdkMember(LOGS, 'RetentionDays', RETENTION);

// None is preferred: a retention deletes older logs, and a new log group has another name
// (logs so far stay in /aws/lambda/<name>).
const addLogGroup: FixBuilder = (ctx, site, found, path) =>
  setProperty(functionLogGroup, {
    title: `Add ${encryptLogs(ctx) ? 'an encrypted' : 'a'} log group that keeps logs for one month`,
    isPreferred: false,
    ...(encryptLogs(ctx)
      ? { note: 'The new log group is encrypted with a new KMS key (with rotation) that CloudWatch Logs may use.' }
      : {}),
  })(ctx, site, found, path);
// CDK v1 has no `logGroup` prop.
const addLogRetention = setProperty(retention, { title: 'Keep logs for one month (logRetention)', isPreferred: false });
const limitRetention = setProperty(retention, { title: 'Keep logs for one month', isPreferred: false });
const retentionDays = setProperty('30', { title: 'Keep logs for one month (retentionInDays: 30)', isPreferred: false });

export default createRule({
  meta: {
    id: 'logs-retention',
    title: 'Logs kept forever',
    description:
      'Lambda functions without `logRetention` or `logGroup`, and log groups with `RetentionDays.INFINITE`, keep every log line forever: personal data and secrets logged by mistake never age out, and storage grows without bound.',
    defaultSeverity: 'warning',
    category: 'data',
    cwe: ['CWE-459'],
    guideSection: 'monitoring.md#log-retention',
    fixable: true,
    appliesTo: 'cdk',
    cdkNag: ['Serverless-CloudWatchLogGroupRetentionPeriod'],
    messages: {
      function: "This function's logs go to a log group that never expires. Give it a logGroup with a retention (or logRetention).",
      infinite: 'RetentionDays.INFINITE keeps these logs forever. Choose a retention that matches how long you need them.',
      noRetentionL1:
        'This log group keeps its logs forever (CloudFormation sets no expiry without retentionInDays). Set retentionInDays to how long you need them.',
    },
  },
  check(ctx) {
    const v1 = isCdkV1(ctx.file);
    propertyRule(
      {
        constructs: LAMBDA_L2_FUNCTIONS,
        path: v1 ? 'logRetention' : 'logGroup',
        skip: (site) => lookup(site.props, v1 ? 'logGroup' : 'logRetention').state !== 'absent',
        whenMissing: { messageId: 'function', fixes: v1 ? addLogRetention : addLogGroup },
      },
      {
        constructs: LAMBDA_L2_FUNCTIONS,
        path: 'logRetention',
        whenValue: { is: isRef(INFINITE), messageId: 'infinite', fixes: limitRetention },
      },
      // A LogGroup without `retention` keeps logs two years (CDK's default), so only INFINITE is reported.
      {
        constructs: ['aws-logs.LogGroup'],
        path: 'retention',
        whenValue: { is: isRef(INFINITE), messageId: 'infinite', fixes: limitRetention },
      },
      // A CfnLogGroup has no CDK default: without `retentionInDays` its logs never expire.
      { constructs: ['aws-logs.CfnLogGroup'], path: 'retentionInDays', whenMissing: { messageId: 'noRetentionL1', fixes: retentionDays } },
    )(ctx);
  },
});
