import * as ts from 'typescript';
import { createRule, RuleContext } from '../../rule';
import {
  apiFact,
  ApiRef,
  apiRef,
  apiTargets,
  ApiTargets,
  CoverFact,
  DeclaredRestApi,
  httpApisWithDefaultStage,
  resolveArg,
  restApisIn,
  uncoveredApis,
  isApiFact,
  v2Stages,
} from '../../cdk/apigw';
import { headLocation } from '../../cdk/propertyChecks';
import { lookup, Lookup } from '../../model/lookup';
import { addProperty, PropertySite } from '../../cdk/apigwFix';
import { fqnIs, Value } from '../../model/values';
import type { Fix, Location, Range } from '../../types';

const LIMITS = ['throttlingRateLimit: 100', 'throttlingBurstLimit: 200'];
const HTTP_LIMITS = ['rateLimit: 100', 'burstLimit: 200'];

export default createRule({
  meta: {
    id: 'apigw-no-throttling',
    title: 'API without throttling',
    description:
      'A deployed REST API whose stage sets no rate or burst limit and that no usage plan throttles, or an HTTP API stage with no throttle, can be flooded up to the account-wide limit: every request may invoke your backend and cost money, and other APIs in the account share that limit.',
    defaultSeverity: 'warning',
    category: 'apigw',
    cwe: ['CWE-770'],
    guideSection: 'api-security.md#throttling',
    fixable: true,
    appliesTo: 'cdk',
    cdkNag: ['Serverless-APIGWDefaultThrottling'],
    messages: {
      api: 'This REST API sets no throttling: its deployOptions have neither throttlingRateLimit nor throttlingBurstLimit, and no usage plan with a throttle covers it. A flood of requests reaches the backend up to the account-wide limit.',
      httpStage:
        'This HTTP API stage sets no throttle (neither rateLimit nor burstLimit): a flood of requests reaches the backend up to the account-wide limit.',
      defaultStage:
        "This HTTP API's default stage ($default) has no throttling, and HttpApi cannot set any on the stage it creates: a flood of requests reaches the backend up to the account-wide limit. Set createDefaultStage: false and add an HttpStage with a throttle, or set defaultRouteSettings on the default stage's CfnStage.",
      cfnStage:
        'This CfnStage sets no throttling (defaultRouteSettings has neither throttlingRateLimit nor throttlingBurstLimit): a flood of requests reaches the backend up to the account-wide limit.',
    },
  },
  check(ctx) {
    // Project-wide: a usage plan in one file may throttle an API created in another. An API is
    // exposed when it is deployed and its stage sets no limit: only a usage plan can still cover it.
    for (const declared of restApisIn(ctx)) {
      const exposed = declared.deployed === 'yes' && !stageThrottled(declared);
      const fact = apiFact(ctx, declared, exposed, () => limitsFix(ctx, declared));
      if (fact) ctx.fact(fact);
    }
    for (const targets of throttlingPlans(ctx)) ctx.fact({ kind: 'cover', targets } satisfies CoverFact);
    // HTTP API stages: no usage plan can throttle them, so each finding is known in its file.
    for (const stage of unthrottledV2Stages(ctx)) ctx.fact(stage);
  },
  checkProject(facts, report) {
    for (const { file, data } of uncoveredApis(facts)) report({ file, range: data.range, messageId: 'api', fixes: data.fixes });
    for (const { file, data } of facts) {
      if (isStageFact(data)) report({ file, range: data.range, messageId: data.messageId, fixes: data.fixes });
    }
  },
  reportsAt: (fact) => isApiFact(fact) || isStageFact(fact),
});

/** An HTTP API (or v2 L1) stage without throttling, reported where it is recorded. */
interface StageFact {
  kind: 'stage';
  range: Range;
  messageId: 'httpStage' | 'defaultStage' | 'cfnStage';
  fixes: Fix[];
}

function isStageFact(fact: unknown): fact is StageFact {
  return (fact as StageFact).kind === 'stage';
}

/**
 * HTTP API stages (`new HttpStage`, `api.addStage`) without a `throttle` that sets a limit,
 * HttpApis whose default stage cannot have one, and apigatewayv2 `CfnStage`s whose
 * `defaultRouteSettings` set no limit (and no `routeSettings` that may). WebSocket stages are
 * left to usage plans and are not judged here.
 */
function unthrottledV2Stages(ctx: RuleContext): StageFact[] {
  const out: StageFact[] = [];
  const at = (target: ts.Node | Location, messageId: StageFact['messageId'], fixes: Fix[] = []) => {
    out.push({ kind: 'stage', range: ctx.locate(target).range, messageId, fixes });
  };
  for (const stage of v2Stages(ctx)) {
    if (stage.kind !== 'http') continue;
    const throttle = lookup(stage.options, 'throttle');
    if (throttle.state === 'absent' || (throttle.state === 'set' && !anyLimit(throttle.value, ['rateLimit', 'burstLimit'])))
      at(
        stage.head,
        'httpStage',
        limitsFixAt(ctx, { node: stage.node, index: ts.isCallExpression(stage.node) ? 1 : 2, path: ['throttle'] }, HTTP_LIMITS),
      );
  }
  for (const expr of httpApisWithDefaultStage(ctx)) at(headLocation(ctx, expr), 'defaultStage');
  for (const expr of ctx.newExpressions('aws-apigatewayv2.CfnStage')) {
    const props = ctx.constructProps(expr);
    if (lookup(props, 'routeSettings').state !== 'absent') continue;
    const defaults = lookup(props, 'defaultRouteSettings');
    if (defaults.state === 'unknown') continue;
    if (defaults.state === 'set' && anyLimit(defaults.value, ['throttlingRateLimit', 'throttlingBurstLimit'])) continue;
    at(headLocation(ctx, expr), 'cfnStage', limitsFixAt(ctx, { node: expr, index: 2, path: ['defaultRouteSettings'] }, LIMITS));
  }
  return out;
}

/** Some limit may be set (a key present, or an object we cannot see whole). */
function anyLimit(settings: Value, keys: string[]): boolean {
  return keys.some((key) => lookup(settings, key).state !== 'absent');
}

/** `deployOptions` set a rate or burst limit, for the stage or for some methods (`methodOptions`). */
function stageThrottled(declared: DeclaredRestApi): boolean {
  const options = lookup(declared.api.props, 'deployOptions');
  if (options.state === 'unknown') return true;
  if (options.state === 'absent') return false;
  if (setsLimit(options.value)) return true;
  const methods = lookup(options.value, 'methodOptions');
  if (methods.state === 'unknown') return true;
  if (methods.state === 'absent') return false;
  if (methods.value.kind !== 'object') return true;
  return !methods.value.complete || [...methods.value.props.values()].some((entry) => setsLimit(entry.value));
}

function setsLimit(options: Value): boolean {
  return anyLimit(options, ['throttlingRateLimit', 'throttlingBurstLimit']);
}

function limitsFix(ctx: RuleContext, declared: DeclaredRestApi): Fix[] {
  return limitsFixAt(ctx, { node: declared.expr, index: 2, path: ['deployOptions'] }, LIMITS);
}

/** The limits added at `site` (`deployOptions`, an HTTP stage's `throttle`, a CfnStage's `defaultRouteSettings`). */
function limitsFixAt(ctx: RuleContext, site: PropertySite, limits: string[]): Fix[] {
  const edit = addProperty(ctx, site, limits);
  if (!edit) return [];
  return [
    {
      title: 'Add stage throttling (100 requests per second, bursts of 200)',
      edits: [edit],
      isPreferred: false,
      note: 'Tune the limits to the traffic you expect at peak: requests over them get 429 Too Many Requests.',
    },
  ];
}

/**
 * The APIs that usage plans with a throttle apply to: `api.addUsagePlan(id, { throttle })`,
 * `new UsagePlan(this, id, { apiStages: [{ api, stage }], throttle })`, and
 * `plan.addApiStage({ stage: api.deploymentStage })` on such a plan. A throttle we cannot read
 * counts as one.
 */
function throttlingPlans(ctx: RuleContext): ApiTargets[] {
  const out: ApiTargets[] = [];
  for (const call of ctx.calls('addUsagePlan')) {
    if (!ts.isPropertyAccessExpression(call.expression)) continue;
    const props = call.arguments[1] ? ctx.resolve(call.arguments[1]) : undefined;
    if (!throttles(props)) continue;
    const targets = new Targets();
    targets.addRef(apiRef(ctx.resolve(call.expression.expression)));
    targets.addStages(ctx, props);
    out.push(targets.result());
  }
  for (const expr of ctx.newExpressions('aws-apigateway.UsagePlan')) {
    const props = ctx.constructProps(expr);
    if (!throttles(props)) continue;
    const stages = lookup(props, 'apiStages');
    if (stages.state === 'absent') continue;
    const targets = new Targets();
    targets.addStages(ctx, props);
    out.push(targets.result());
  }
  for (const call of ctx.calls('addApiStage')) {
    if (!ts.isPropertyAccessExpression(call.expression) || !call.arguments[0]) continue;
    const stage = ctx.resolve(call.arguments[0]);
    const plan = planThrottles(ctx, ctx.resolve(call.expression.expression));
    if (plan === 'not-a-plan' || (!plan && lookup(stage, 'throttle').state === 'absent')) continue;
    const targets = new Targets();
    targets.addStage(ctx, stage);
    out.push(targets.result());
  }
  return out;
}

/** Whether a usage plan has a plan-wide throttle; `not-a-plan` when the value is something else. */
function planThrottles(ctx: RuleContext, plan: Value): boolean | 'not-a-plan' {
  if (plan.kind === 'new') {
    if (!fqnIs(plan.fqn, 'aws-apigateway.UsagePlan')) return 'not-a-plan';
    return throttles(resolveArg(ctx.resolver, plan.file, plan.expr.arguments, 2));
  }
  if (plan.kind === 'call' && plan.name === 'addUsagePlan') return throttles(resolveArg(ctx.resolver, plan.file, plan.expr.arguments, 1));
  // A plan we cannot see: its throttle is unknown, so it counts.
  return true;
}

/** A plan-wide `throttle`, or a per-stage one in `apiStages`; unknown props count as throttling. */
function throttles(props: Value | undefined): boolean {
  if (!props) return false;
  if (props.kind !== 'object') return true;
  if (lookup(props, 'throttle').state !== 'absent') return true;
  const stages = lookup(props, 'apiStages');
  if (stages.state === 'unknown') return true;
  if (stages.state === 'absent') return false;
  if (stages.value.kind !== 'array' || !stages.value.complete) return true;
  return stages.value.elements.some((s) => lookup(s, 'throttle').state !== 'absent');
}

/** Collects what a usage plan refers to. */
class Targets {
  private readonly refs: ApiRef[] = [];
  private other = false;
  private unresolved = false;

  addRef(ref: ApiRef | 'other' | undefined): void {
    if (ref === 'other') this.other = true;
    else if (ref) this.refs.push(ref);
    else this.unresolved = true;
  }

  add(targets: ApiTargets): void {
    if (targets.kind === 'apis') this.refs.push(...targets.refs);
    else if (targets.kind === 'other') this.other = true;
    else this.unresolved = true;
  }

  addStages(ctx: RuleContext, props: Value | undefined): void {
    const stages = lookup(props, 'apiStages');
    if (stages.state === 'absent') return;
    if (stages.state === 'unknown' || stages.value.kind !== 'array') {
      this.unresolved = true;
      return;
    }
    for (const stage of stages.value.elements) this.addStage(ctx, stage);
    if (!stages.value.complete) this.unresolved = true;
  }

  /** `{ api, stage }`: the API directly, or the API a stage belongs to. */
  addStage(ctx: RuleContext, stage: Value): void {
    const api: Lookup = lookup(stage, 'api');
    const st: Lookup = lookup(stage, 'stage');
    if (api.state === 'set') this.addRef(apiRef(api.value));
    if (st.state === 'set') this.add(apiTargets(ctx.resolver, st.value));
    if (api.state !== 'set' && st.state !== 'set') this.unresolved = true;
  }

  result(): ApiTargets {
    if (this.refs.length) return { kind: 'apis', refs: this.refs };
    if (this.unresolved || !this.other) return { kind: 'unresolved' };
    return { kind: 'other' };
  }
}
