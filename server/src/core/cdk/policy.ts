import * as ts from 'typescript';
import { checkBudget } from '../budget';
import { EFFECT_ALLOW, EFFECT_DENY, IAM_L1_WITH_DOCUMENT, IAM_L1_WITH_POLICIES, POLICY_DOCUMENT, POLICY_STATEMENT } from './constructs';
import type { RuleContext } from '../rule';
import type { Resolver } from '../model/resolver';
import { alternatives, asString, certainlyLacks, fqnIs, NewValue, ObjectValue, propValue, refIs, Value } from '../model/values';

/**
 * Every IAM policy statement a file writes, in one shape, whatever way it was written:
 * `new iam.PolicyStatement({...})` and its later `addActions` / `addResources` /
 * `addAllResources` calls, `PolicyStatement.fromJson`, `PolicyDocument.fromJson`, and inline
 * JSON on L1 constructs (`CfnPolicy`, `CfnManagedPolicy`, `CfnRole`/`CfnUser`/`CfnGroup`
 * `policies`). The IAM rules read this model instead of the syntax.
 */

export type Effect = 'Allow' | 'Deny' | 'unknown';

export interface StatementEntry {
  value: Value;
  /** Where to report: the element, the argument, or the call (`addAllResources()`). */
  at: ts.Node | Value;
  /** The array literal the element sits in, in the current file, when there is one. */
  list?: ts.ArrayLiteralExpression;
}

export interface Statement {
  source: 'l2' | 'json';
  /** `new PolicyStatement(...)` for L2 statements; the JSON object literal otherwise. */
  node: ts.Node;
  effect: Effect;
  actions: StatementEntry[];
  /** False when some action could not be resolved (a spread of an unknown array, a parameter). */
  actionsKnown: boolean;
  resources: StatementEntry[];
  resourcesKnown: boolean;
  /** Uses `notActions` / `notResources` / `NotAction` / `NotResource`: inverted, never simplified. */
  inverted: boolean;
  /** Has conditions or principals: a grant method would drop them. */
  hasExtras: boolean;
  /** Names principals: a resource-based policy (key policy, bucket policy), not an identity policy. */
  hasPrincipals: boolean;
  /** L2 only: the props object and the mutating calls made on the statement later. */
  props?: ObjectValue;
  /** Made by a project function this call followed (`readOnlyStatement(table)`): no grant fix rewrites it. */
  through?: ts.Expression;
  mutations: ts.CallExpression[];
  /** JSON only: the statement object, to read `Principal` and `Condition` from. */
  json?: ObjectValue;
}

/** `PolicyStatement` methods that add principals. */
const PRINCIPAL_METHODS = [
  'addPrincipals',
  'addNotPrincipals',
  'addAnyPrincipal',
  'addAccountRootPrincipal',
  'addArnPrincipal',
  'addAwsAccountPrincipal',
  'addServicePrincipal',
  'addFederatedPrincipal',
  'addCanonicalUserPrincipal',
];
/** `PolicyStatement` methods that add principals or conditions: a grant method would drop them. */
const EXTRA_METHODS = [
  ...PRINCIPAL_METHODS,
  'addCondition',
  'addConditions',
  'addAccountCondition',
  'addSourceAccountCondition',
  'addSourceArnCondition',
];

const cache = new WeakMap<Resolver, Map<string, Statement[]>>();

export function policyStatements(ctx: RuleContext): Statement[] {
  let perFile = cache.get(ctx.resolver);
  if (!perFile) cache.set(ctx.resolver, (perFile = new Map()));
  const hit = perFile.get(ctx.file.path);
  if (hit) return hit;
  const statements = collect(ctx);
  perFile.set(ctx.file.path, statements);
  return statements;
}

function collect(ctx: RuleContext): Statement[] {
  const out: Statement[] = [];
  const byNew = new Map<ts.NewExpression, Statement>();

  for (const expr of ctx.newExpressions(POLICY_STATEMENT)) {
    const statement = l2Statement(ctx, expr);
    byNew.set(expr, statement);
    out.push(statement);
  }

  // Mutations: `stmt.addActions('s3:*')`, `stmt.addResources('*')`, `stmt.addAllResources()`,
  // and the conditions and principals added after construction.
  for (const call of ctx.calls('addActions', 'addResources', 'addAllResources', 'addNotActions', 'addNotResources', ...EXTRA_METHODS)) {
    if (!ts.isPropertyAccessExpression(call.expression)) continue;
    const receiver = ctx.resolve(call.expression.expression);
    if (receiver.kind !== 'new' || !fqnIs(receiver.fqn, POLICY_STATEMENT)) continue;
    const statement = byNew.get(receiver.expr);
    if (!statement) continue;
    statement.mutations.push(call);
    const method = call.expression.name.text;
    if (EXTRA_METHODS.includes(method)) {
      statement.hasExtras = true;
      if (PRINCIPAL_METHODS.includes(method)) statement.hasPrincipals = true;
      continue;
    }
    if (method === 'addNotActions' || method === 'addNotResources') {
      statement.inverted = true;
      continue;
    }
    if (method === 'addAllResources') {
      statement.resources.push({
        value: { kind: 'string', value: '*', node: call, file: ctx.file, trail: [{ file: ctx.file, node: call }] },
        at: call,
      });
      continue;
    }
    const target = method === 'addActions' ? 'actions' : 'resources';
    for (const arg of call.arguments) {
      if (ts.isSpreadElement(arg)) {
        const spread = ctx.resolve(arg.expression);
        if (spread.kind === 'array') {
          for (const el of spread.elements) statement[target].push({ value: el, at: el });
          if (!spread.complete) statement[`${target}Known`] = false;
        } else {
          statement[`${target}Known`] = false;
        }
      } else {
        statement[target].push({ value: ctx.resolve(arg), at: arg });
      }
    }
  }

  // Statements a project function makes: `fn.addToRolePolicy(readOnlyStatement(table))`,
  // `statements: [...baseStatements(), logsStatement()]`, the factory written here or imported.
  for (const call of ctx.calls(...STATEMENT_TAKERS)) {
    for (const arg of call.arguments) {
      for (const made of madeStatements(ctx, ts.isSpreadElement(arg) ? arg.expression : arg)) {
        if (made.file === ctx.file && byNew.has(made.expr) && !made.args) continue;
        out.push(l2Statement(ctx, made.expr, made, arg));
      }
    }
  }
  for (const expr of ctx.newExpressions(POLICY_DOCUMENT, 'aws-iam.Policy', 'aws-iam.ManagedPolicy')) {
    const props = ctx.resolve(expr.arguments?.[expr.arguments.length - 1] ?? expr);
    const list = propValue(props, 'statements');
    const node = list?.kind === 'array' && list.file === ctx.file ? list.node : undefined;
    if (!node || !ts.isArrayLiteralExpression(node)) continue;
    for (const el of node.elements) {
      if (!ts.isCallExpression(ts.isSpreadElement(el) ? el.expression : el)) continue;
      for (const made of madeStatements(ctx, ts.isSpreadElement(el) ? el.expression : el)) {
        if (made.file === ctx.file && byNew.has(made.expr) && !made.args) continue;
        out.push(l2Statement(ctx, made.expr, made, el));
      }
    }
  }

  for (const call of ctx.staticCalls(`${POLICY_STATEMENT}.fromJson`)) {
    const arg = call.arguments[0];
    if (arg) {
      const json = ctx.resolve(arg);
      if (json.kind === 'object') out.push(jsonStatement(json));
    }
  }
  for (const call of ctx.staticCalls(`${POLICY_DOCUMENT}.fromJson`)) {
    const arg = call.arguments[0];
    if (arg) out.push(...jsonDocument(ctx.resolve(arg)));
  }
  for (const expr of ctx.newExpressions(...IAM_L1_WITH_DOCUMENT)) {
    out.push(...jsonDocument(propValue(ctx.constructProps(expr), 'policyDocument')));
  }
  for (const expr of ctx.newExpressions(...IAM_L1_WITH_POLICIES)) {
    const policies = propValue(ctx.constructProps(expr), 'policies');
    if (policies?.kind !== 'array') continue;
    for (const policy of policies.elements) out.push(...jsonDocument(propValue(policy, 'policyDocument')));
  }
  return out;
}

/** Calls that take policy statements as arguments. */
const STATEMENT_TAKERS = ['addToRolePolicy', 'addToPolicy', 'addToPrincipalPolicy', 'addStatements', 'addToResourcePolicy'];

/** The `new PolicyStatement(...)` values a call of a project function returns (each, when it may return several). */
function madeStatements(ctx: RuleContext, expr: ts.Expression): NewValue[] {
  if (!ts.isCallExpression(expr)) return [];
  const value = ctx.resolve(expr);
  const found = value.kind === 'array' ? value.elements.flatMap((e) => alternatives(e)) : alternatives(value);
  return found.filter((v): v is NewValue => isNewOf(v, POLICY_STATEMENT));
}

/**
 * A `new PolicyStatement(props)` in this file, or one `made` by a project function the call
 * `through` followed (its props as that call bound them).
 */
function l2Statement(ctx: RuleContext, expr: ts.NewExpression, made?: NewValue, through?: ts.Expression): Statement {
  const arg = expr.arguments?.[0];
  const props = arg ? (made ? ctx.resolver.resolveWithin(arg, made) : ctx.resolve(arg)) : undefined;
  const statement: Statement = {
    source: 'l2',
    node: expr,
    effect: 'Allow',
    actions: [],
    actionsKnown: true,
    resources: [],
    resourcesKnown: true,
    inverted: false,
    hasExtras: false,
    hasPrincipals: false,
    props: props?.kind === 'object' ? props : undefined,
    mutations: [],
    ...(made && through ? { through } : {}),
  };
  if (!props) return statement;
  if (props.kind !== 'object') {
    statement.effect = 'unknown';
    statement.actionsKnown = statement.resourcesKnown = false;
    return statement;
  }
  const effect = propValue(props, 'effect');
  if (effect === undefined || effect.kind === 'nullish') statement.effect = props.complete || effect ? 'Allow' : 'unknown';
  else if (refIs(effect, EFFECT_DENY)) statement.effect = 'Deny';
  else if (refIs(effect, EFFECT_ALLOW)) statement.effect = 'Allow';
  else statement.effect = 'unknown';
  fillList(statement, 'actions', propValue(props, 'actions'), props.complete);
  fillList(statement, 'resources', propValue(props, 'resources'), props.complete);
  statement.inverted = !certainlyLacks(props, 'notActions') || !certainlyLacks(props, 'notResources');
  statement.hasPrincipals = ['principals', 'notPrincipals'].some((k) => !certainlyLacks(props, k));
  statement.hasExtras = statement.hasPrincipals || !certainlyLacks(props, 'conditions');
  return statement;
}

function fillList(statement: Statement, key: 'actions' | 'resources', value: Value | undefined, objectComplete: boolean): void {
  const known = `${key}Known` as const;
  if (value === undefined || value.kind === 'nullish') {
    if (!objectComplete) statement[known] = false;
    return;
  }
  if (value.kind === 'array') {
    const list = value.node.kind === ts.SyntaxKind.ArrayLiteralExpression ? (value.node as ts.ArrayLiteralExpression) : undefined;
    for (const el of value.elements) {
      statement[key].push({ value: el, at: el, list: list && el.node.parent === list ? list : undefined });
    }
    if (!value.complete) statement[known] = false;
    return;
  }
  statement[known] = false;
}

function jsonDocument(doc: Value | undefined): Statement[] {
  if (!doc || doc.kind !== 'object') return [];
  const statements = propValue(doc, 'Statement');
  if (!statements) return [];
  if (statements.kind === 'object') return [jsonStatement(statements)];
  if (statements.kind !== 'array') return [];
  return statements.elements.filter((s): s is ObjectValue => s.kind === 'object').map(jsonStatement);
}

export function jsonStatement(obj: ObjectValue): Statement {
  const effect = asString(propValue(obj, 'Effect'));
  const statement: Statement = {
    source: 'json',
    node: obj.node,
    effect:
      effect === undefined
        ? propValue(obj, 'Effect') || !obj.complete
          ? 'unknown'
          : 'Allow'
        : effect.toLowerCase() === 'deny'
          ? 'Deny'
          : effect.toLowerCase() === 'allow'
            ? 'Allow'
            : 'unknown',
    actions: [],
    actionsKnown: true,
    resources: [],
    resourcesKnown: true,
    inverted: !certainlyLacks(obj, 'NotAction') || !certainlyLacks(obj, 'NotResource'),
    hasExtras: true,
    hasPrincipals: !certainlyLacks(obj, 'Principal') || !certainlyLacks(obj, 'NotPrincipal'),
    mutations: [],
    json: obj,
  };
  for (const [jsonKey, key] of [
    ['Action', 'actions'],
    ['Resource', 'resources'],
  ] as const) {
    const v = propValue(obj, jsonKey);
    if (v && (v.kind === 'string' || v.kind === 'template')) statement[key].push({ value: v, at: v });
    else fillList(statement, key, v, obj.complete);
  }
  return statement;
}

/**
 * The statement a `new PolicyStatement(...)` value makes: this file's model of it (with the
 * calls made on it later), or, for one written in another file or by a project function, its
 * props as written there.
 */
export function statementOf(ctx: RuleContext, value: NewValue): Statement {
  const own = !value.args && value.file === ctx.file;
  return (own && policyStatements(ctx).find((s) => s.node === value.expr)) || l2Statement(ctx, value.expr, own ? undefined : value);
}

/**
 * The statements of a policy document value: inline JSON (`{ Statement: [...] }`),
 * `new PolicyDocument({ statements })` and `PolicyDocument.fromJson(json)`.
 */
export function documentStatements(ctx: RuleContext, doc: Value | undefined): Statement[] {
  if (!doc) return [];
  if (doc.kind === 'object') return jsonDocument(doc);
  const arg = (doc.kind === 'new' || doc.kind === 'call') && doc.expr.arguments?.[0];
  if (!arg) return [];
  const first = ctx.resolver.resolveWithin(arg, doc);
  if (doc.kind === 'call') return fqnIs(doc.fqn, `${POLICY_DOCUMENT}.fromJson`) ? jsonDocument(first) : [];
  if (!fqnIs(doc.fqn, POLICY_DOCUMENT)) return [];
  const list = propValue(first, 'statements');
  if (list?.kind !== 'array') return [];
  return list.elements.flatMap((e) => alternatives(e)).flatMap((e) => (isNewOf(e, POLICY_STATEMENT) ? [statementOf(ctx, e)] : []));
}

/** IAM action names are case-insensitive; wildcards `*` and `?` match within the name. */
export function actionPattern(action: string): RegExp {
  checkBudget();
  const escaped = action
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}

export type WildcardKind = 'full' | 'service' | 'partial' | 'none';

/** `*` → full; `s3:*` → service; `s3:Get*` → partial. */
export function wildcardKind(action: string): WildcardKind {
  if (!/[*?]/.test(action)) return 'none';
  if (action.trim() === '*') return 'full';
  if (/^[a-z0-9-]+:\*$/i.test(action.trim())) return 'service';
  return 'partial';
}

export function serviceOf(action: string): string | undefined {
  const m = /^([a-z0-9-]+):/i.exec(action.trim());
  return m ? m[1].toLowerCase() : undefined;
}

export function isNewOf(value: Value | undefined, ...names: string[]): value is NewValue {
  return !!value && value.kind === 'new' && fqnIs(value.fqn, ...names);
}
