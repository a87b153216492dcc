import * as ts from 'typescript';
import { LAMBDA_L2_FUNCTIONS } from '../core/cdk/constructs';
import { handlerSecretFix } from '../core/fixes/handlerSecret';
import { secretsManagerFix } from '../core/fixes/secretsManager';
import { asString, propValue } from '../core/model/values';
import { createRule, Rule } from '../core/rules/rule';
import { looksSecret } from '../core/secrets/names';

/**
 * Stand-ins for `secret-in-env` and `handler-env-secret` (written on other branches), just
 * enough to exercise the two Secrets Manager fix builders on real files: the lead wires the
 * builders into the real rules and swaps these probes for them in the fix type-check table.
 */

function meta(id: string) {
  return {
    id,
    title: id,
    description: id,
    defaultSeverity: 'warning' as const,
    category: 'secrets' as const,
    cwe: [],
    guideSection: 'function-security.md#secrets-management' as const,
    fixable: true,
    appliesTo: 'any' as const,
    messages: { m: '{{key}} looks secret' },
  };
}

const isSecretValue = (node: ts.Node) => ts.isStringLiteralLike(node) || (ts.isCallExpression(node) && /\.unsafeUnwrap$/.test(node.expression.getText()));

/** Secret-looking `environment` entries and `addEnvironment` calls of Lambda functions. */
export const probeSecretInEnv: Rule = createRule({
  meta: meta('probe-secret-in-env'),
  check(ctx) {
    for (const fn of ctx.newExpressions(...LAMBDA_L2_FUNCTIONS)) {
      const env = propValue(ctx.constructProps(fn), 'environment');
      if (env?.kind !== 'object') continue;
      for (const [key, entry] of env.props) {
        if (!looksSecret(key) || !isSecretValue(entry.value.node)) continue;
        const fix = secretsManagerFix(ctx, fn, entry);
        ctx.report({ at: entry.node, messageId: 'm', data: { key }, fixes: fix ? [fix] : [] });
      }
    }
    for (const call of ctx.calls('addEnvironment')) {
      const key = call.arguments[0] && asString(ctx.resolve(call.arguments[0]));
      if (!key || !looksSecret(key) || !call.arguments[1] || !isSecretValue(call.arguments[1])) continue;
      const receiver = ts.isPropertyAccessExpression(call.expression) ? ctx.resolve(call.expression.expression) : undefined;
      const fn = receiver?.kind === 'new' ? receiver.expr : undefined;
      const fix = fn ? secretsManagerFix(ctx, fn, call) : undefined;
      ctx.report({ at: call, messageId: 'm', data: { key }, fixes: fix ? [fix] : [] });
    }
  },
});

/** Reads of secret-looking `process.env` variables. */
export const probeHandlerEnvSecret: Rule = createRule({
  meta: meta('probe-handler-env-secret'),
  check(ctx) {
    const visit = (node: ts.Node): void => {
      if ((ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) && node.expression.getText(ctx.sf) === 'process.env') {
        const key = ts.isPropertyAccessExpression(node) ? node.name.text : ts.isStringLiteralLike(node.argumentExpression) ? node.argumentExpression.text : undefined;
        if (key && looksSecret(key)) {
          const fix = handlerSecretFix(ctx, node);
          ctx.report({ at: node, messageId: 'm', data: { key }, fixes: fix ? [fix] : [] });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(ctx.sf);
  },
});
