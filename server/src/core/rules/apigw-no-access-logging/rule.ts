import * as ts from 'typescript';
import { createRule, RuleContext } from '../../rule';
import { DeclaredRestApi, httpApisWithDefaultStage, restApisIn, v2Stages } from '../../cdk/apigw';
import { headLocation } from '../../cdk/propertyChecks';
import { lookup } from '../../model/lookup';
import { addProperty, apigatewaySymbol, constructId, editWithin } from '../../cdk/apigwFix';
import { freshNames } from '../../fixes/names';
import { enclosingStatement, eol, indentOf, insertStatementBefore, mergeInsertions, quote, quoteOf } from '../../fixes/edits';
import { logGroupKey } from '../../cdk/keyFix';
import { importSymbol } from '../../fixes/imports';
import { skipOuter } from '../../model/scope';
import type { Fix } from '../../types';

export default createRule({
  meta: {
    id: 'apigw-no-access-logging',
    title: 'API stage without access logging',
    description:
      'A deployed REST API, HTTP API or WebSocket API stage that writes no access logs leaves no record of who called which route, from where, and with what result: there is nothing to investigate an incident or abuse with.',
    defaultSeverity: 'warning',
    category: 'apigw',
    cwe: ['CWE-778'],
    guideSection: 'api-security.md#access-logging',
    fixable: true,
    appliesTo: 'cdk',
    cdkNag: ['AwsSolutions-APIG1', 'Serverless-APIGWAccessLogging'],
    messages: {
      api: "This REST API's stage writes no access logs (deployOptions has no accessLogDestination): there is no record of who called it, from where, and with what result.",
      stage:
        'This {{api}} stage writes no access logs (no accessLogSettings): there is no record of who called it, from where, and with what result.',
      defaultStage:
        "This HTTP API's default stage ($default) writes no access logs, and HttpApi cannot configure the stage it creates: there is no record of who called it, from where, and with what result. Set createDefaultStage: false and add an HttpStage with accessLogSettings, or set accessLogSettings on the default stage's CfnStage.",
      cfnStage:
        'This CfnStage writes no access logs (no {{property}}): there is no record of who called it, from where, and with what result.',
    },
  },
  check(ctx) {
    for (const declared of restApisIn(ctx)) {
      // `deploy: false`: the stages are made by hand, and their logging is said there.
      if (declared.deployed !== 'yes') continue;
      const options = lookup(declared.api.props, 'deployOptions');
      if (options.state === 'unknown') continue;
      if (options.state === 'set' && lookup(options.value, 'accessLogDestination').state !== 'absent') continue;
      ctx.report({
        at: { file: ctx.file.path, range: ctx.file.headRange(declared.expr) },
        messageId: 'api',
        fixes: logGroupFix(ctx, declared),
      });
    }
    checkV2Stages(ctx);
  },
});

/**
 * HTTP and WebSocket API stages without `accessLogSettings`, HttpApis whose default stage cannot
 * have them (the L2 creates it with none), and `CfnStage`s of both API Gateway versions without
 * their access log property (`accessLogSetting` on REST, `accessLogSettings` on v2).
 */
function checkV2Stages(ctx: RuleContext): void {
  for (const stage of v2Stages(ctx)) {
    if (lookup(stage.options, 'accessLogSettings').state !== 'absent') continue;
    ctx.report({ at: stage.head, messageId: 'stage', data: { api: stage.kind === 'http' ? 'HTTP API' : 'WebSocket API' } });
  }
  for (const expr of httpApisWithDefaultStage(ctx)) ctx.report({ at: headLocation(ctx, expr), messageId: 'defaultStage' });
  const l1: Array<[string, string]> = [
    ['aws-apigateway.CfnStage', 'accessLogSetting'],
    ['aws-apigatewayv2.CfnStage', 'accessLogSettings'],
  ];
  for (const [fqn, property] of l1) {
    for (const expr of ctx.newExpressions(fqn)) {
      if (lookup(ctx.constructProps(expr), property).state !== 'absent') continue;
      ctx.report({ at: headLocation(ctx, expr), messageId: 'cfnStage', data: { property } });
    }
  }
}

/**
 * A log group declared just before the API, and `accessLogDestination` (with JSON access logs
 * carrying the standard fields: caller, source IP, user, request id, status) in `deployOptions`.
 */
function logGroupFix(ctx: RuleContext, declared: DeclaredRestApi): Fix[] {
  const expr = declared.expr;
  const statement = enclosingStatement(expr, true);
  const scopeArg = expr.arguments?.[0] && skipOuter(expr.arguments[0]);
  if (!statement || !scopeArg || !(scopeArg.kind === ts.SyntaxKind.ThisKeyword || ts.isIdentifier(scopeArg))) return [];
  const apiId = constructId(expr);
  const names = freshNames(ctx.file, 'accessLogs', `${apiId ?? 'Api'}AccessLogs`);
  const logGroup = importSymbol(ctx.file, 'aws-cdk-lib/aws-logs', 'LogGroup');
  const destination = apigatewaySymbol(ctx, 'LogGroupLogDestination');
  const format = apigatewaySymbol(ctx, 'AccessLogFormat');
  const edit = addProperty(ctx, { node: expr, index: 2, path: ['deployOptions'] }, [
    `accessLogDestination: new ${destination.text}(${names.variable})`,
    `accessLogFormat: ${format.text}.jsonWithStandardFields()`,
  ]);
  // The log group is declared before the statement: the options edited must be inside it.
  if (!edit || !editWithin(ctx, edit, statement)) return [];
  const q = quoteOf(ctx.file, undefined);
  const scope = ctx.file.nodeText(scopeArg);
  // Encrypted with a key of its own, as logs-unencrypted asks of every log group.
  const key = logGroupKey(ctx, scope, names.variable, names.id, q);
  const lines = [
    ...(key?.lines ?? []),
    `const ${names.variable} = new ${logGroup.text}(${scope}, ${quote(names.id, q)}${key ? `, { encryptionKey: ${key.name} }` : ''});`,
  ];
  const declaration = insertStatementBefore(ctx.file, statement, lines.join(`${eol(ctx.file)}${indentOf(ctx.file, statement)}`));
  return [
    {
      title: `Send access logs to a new${key ? ' encrypted' : ''} CloudWatch log group`,
      edits: mergeInsertions([...logGroup.edits, ...destination.edits, ...format.edits, ...(key?.imports ?? []), declaration, edit]),
      isPreferred: false,
      note:
        `Adds a log group (kept two years by default; set the retention your audits need)${key ? ', a KMS key with rotation that CloudWatch Logs may use to encrypt it,' : ''} and JSON access logs with the standard fields. ` +
        'API Gateway writes logs only once the account has a CloudWatch Logs role: set cloudWatchRole: true on one API of the account and region, or set the role in API Gateway settings.',
    },
  ];
}
