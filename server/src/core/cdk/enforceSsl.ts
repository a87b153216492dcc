import * as ts from 'typescript';
import { createRule, Rule, RuleContext } from '../rule';
import type { GuideSectionId } from '../guide/sections';
import { isCdkV1 } from '../fixes/imports';
import { lookup } from '../model/lookup';
import { refIs } from '../model/values';
import { EFFECT_DENY, POLICY_STATEMENT } from './constructs';
import { isNewOf } from './policy';
import { argumentOf, isFalse, propertyRule, setProperty } from './propertyChecks';

/**
 * `enforceSSL` on an SQS queue or SNS topic: both default to false (aws-cdk-lib's doc comments),
 * so a queue or topic without it accepts requests made over plain HTTP. One rule shape for both;
 * `s3-enforce-ssl` differs (website buckets).
 */
export interface EnforceSslRule {
  id: string;
  /** `aws-sqs.Queue` */
  construct: string;
  /** "SQS queue" */
  label: string;
  /** "queue" */
  noun: string;
  /** "messages" */
  data: string;
  /** The action a v1 deny statement names (`sqs:*`). */
  actions: string;
  guideSection: GuideSectionId;
  /** The cdk-nag rule ids that check the same (rule.ts `cdkNag`). */
  cdkNag: string[];
}

/**
 * The queues or topics (their `new` expressions) given, with `addToResourcePolicy`, a statement
 * that denies requests where `aws:SecureTransport` is false: what `enforceSSL` adds, written by
 * hand (the statement the CDK v1 message asks for; cdk-nag's SQS4 / SNS3 accept it too).
 */
function deniedPlainHttp(ctx: RuleContext): Set<ts.NewExpression> {
  const out = new Set<ts.NewExpression>();
  for (const call of ctx.calls('addToResourcePolicy')) {
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee) || !call.arguments[0]) continue;
    const receiver = ctx.resolve(callee.expression);
    const statement = ctx.resolve(call.arguments[0]);
    if (receiver.kind !== 'new' || !isNewOf(statement, POLICY_STATEMENT)) continue;
    const props = argumentOf(ctx, statement, 0);
    const effect = lookup(props, 'effect');
    const secure = lookup(props, 'conditions', 'Bool', 'aws:SecureTransport');
    if (effect.state !== 'set' || !refIs(effect.value, EFFECT_DENY) || secure.state !== 'set') continue;
    if (isFalse(secure.value) || (secure.value.kind === 'string' && secure.value.value === 'false')) out.add(receiver.expr);
  }
  return out;
}

export function enforceSslRule(spec: EnforceSslRule): Rule {
  // Preferred: every AWS SDK, the CLI and the console already use HTTPS; only a client that speaks
  // plain HTTP (none of AWS's own) is refused.
  const fix = setProperty('true', { title: 'Deny plain HTTP (enforceSSL: true)', isPreferred: true });
  return createRule({
    meta: {
      id: spec.id,
      title: `${spec.label} accepts plain HTTP`,
      description: `Without \`enforceSSL: true\` the ${spec.noun}'s resource policy does not deny requests made over plain HTTP, so ${spec.data} and request signatures can travel unencrypted.`,
      defaultSeverity: 'warning',
      category: 'data',
      cwe: ['CWE-319'],
      guideSection: spec.guideSection,
      cdkNag: spec.cdkNag,
      fixable: true,
      appliesTo: 'cdk',
      messages: {
        missing: `This ${spec.noun} accepts requests over plain HTTP. Add enforceSSL: true so its policy denies requests without TLS.`,
        missingV1: `This ${spec.noun} accepts requests over plain HTTP. CDK v1 has no enforceSSL: add a policy statement that denies ${spec.actions} when aws:SecureTransport is 'false'.`,
        disabled: `enforceSSL: false lets clients reach this ${spec.noun} over plain HTTP. Set enforceSSL: true.`,
      },
    },
    check: (ctx) => {
      const denied = deniedPlainHttp(ctx);
      propertyRule({
        constructs: [spec.construct],
        path: 'enforceSSL',
        skip: (site) => denied.has(site.expr),
        whenMissing: isCdkV1(ctx.file) ? { messageId: 'missingV1' } : { messageId: 'missing', fixes: fix },
        whenValue: { is: isFalse, messageId: 'disabled', fixes: fix },
      })(ctx);
    },
  });
}
