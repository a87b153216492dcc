import * as ts from 'typescript';
import { POLICY_STATEMENT } from '../cdk/constructs';
import { explicitActions, GRANTS, ServiceGrants } from '../cdk/grants';
import { INVOKE_GRANTS, isAnyone } from '../cdk/knowledge';
import type { FileContext } from '../model/fileContext';
import { isCdkModule } from '../model/imports';
import { fqnIs, instanceFqn, ObjectValue, Value } from '../model/values';
import { code, isNew, show } from './judge';
import { lookup, Lookup } from '../model/lookup';
import { callNote, constructNote } from './notes';
import { POLICY_STATEMENT_NOTE } from './notes/iam';
import type { Card, HoverContext, Judgement, NoteContext, PropNote, Verdict } from './types';

/**
 * Hover cards for CDK code: a construct (`new s3.Bucket(...)`), one of its properties, a grant
 * method, `addToRolePolicy`, and calls whose options carry security settings (`addMethod`).
 */

function toVerdicts(subject: string, judged: Judgement | Judgement[] | undefined): Verdict[] {
  if (!judged) return [];
  return (Array.isArray(judged) ? judged : [judged]).map((j) => ({ level: j.level, subject: j.subject ?? subject, text: j.text }));
}

function evaluate(note: PropNote, name: string, found: Lookup, ctx: NoteContext): Verdict[] {
  if (found.state === 'unknown') {
    return [{ level: 'info', subject: name, text: 'may be set through a spread Serverless Guard cannot follow' }];
  }
  return toVerdicts(name, note.judge?.(found.state === 'set' ? found.value : undefined, ctx));
}

/** The verdicts a set of property notes gives for a props value (the construct card's body). */
function judgeAll(props: Record<string, PropNote>, ctx: NoteContext): Verdict[] {
  // Props that are a parameter or a call's result: one line, not one "cannot tell" per property.
  if (ctx.props && ctx.props.kind !== 'object' && ctx.props.kind !== 'nullish') {
    return [{ level: 'info', subject: 'props', text: `${show(ctx.props)} — Serverless Guard cannot work out these props from the source` }];
  }
  const out: Verdict[] = [];
  for (const [name, note] of Object.entries(props)) {
    const found = lookup(ctx.props, name);
    if (note.onlyWhenSet && found.state !== 'set') continue;
    out.push(...evaluate(note, name, found, ctx));
  }
  return out;
}

/** `aws-cdk-lib/aws-s3.Bucket` → `aws-s3.Bucket`. */
function shortName(fqn: string): string {
  return fqn.replace(/^aws-cdk-lib\//, '');
}

function resolveArg(args: ts.NodeArray<ts.Expression> | undefined, index: number, ctx: HoverContext): Value | undefined {
  const arg = args?.[index];
  return arg ? ctx.resolver.resolve(arg, ctx.file) : undefined;
}

export function constructCard(expr: ts.NewExpression, ctx: HoverContext): Card | undefined {
  const fqn = ctx.resolver.fqn(expr.expression, ctx.file);
  const note = constructNote(fqn);
  if (!note || !fqn) return undefined;
  const noteCtx: NoteContext = { ...ctx, owner: expr, props: resolveArg(expr.arguments, note.propsIndex, ctx) };
  const verdicts = [...judgeAll(note.props, noteCtx), ...(note.extra?.(noteCtx) ?? []).flatMap((j) => toVerdicts(j.subject ?? '', j))];
  return { title: note.label, context: shortName(fqn), about: note.about, verdicts, rules: note.rules, guide: note.guide };
}

interface PropertyOwner {
  note: { label: string; guide: Card['guide']; props: Record<string, PropNote> };
  ctx: NoteContext;
  /** `['deployOptions', 'throttlingRateLimit']`: where the hovered property sits in the props. */
  path: string[];
  /** The object the last path element belongs to. */
  parent: ObjectValue;
}

/** Where an object literal element sits in a props value: one level deep, or two. */
function pathTo(element: ts.Node, props: Value | undefined): { path: string[]; parent: ObjectValue } | undefined {
  if (!props || props.kind !== 'object') return undefined;
  for (const [key, entry] of props.props) {
    if (entry.node === element) return { path: [key], parent: props };
  }
  for (const [key, entry] of props.props) {
    const inner = entry.value;
    if (inner.kind !== 'object') continue;
    for (const [key2, entry2] of inner.props) if (entry2.node === element) return { path: [key, key2], parent: inner };
  }
  return undefined;
}

/**
 * The construct or call whose props hold this object literal element. Props written inline, in
 * a `const`, or spread from shared defaults are all found, because the props are resolved the
 * way the rules resolve them.
 */
function ownerOf(element: ts.ObjectLiteralElementLike, ctx: HoverContext): PropertyOwner | undefined {
  const index = ctx.file.index;
  for (const expr of index.newExpressions) {
    const note = constructNote(ctx.resolver.fqn(expr.expression, ctx.file));
    if (!note) continue;
    const props = resolveArg(expr.arguments, note.propsIndex, ctx);
    const found = pathTo(element, props);
    if (found) return { note, ctx: { ...ctx, owner: expr, props }, ...found };
  }
  for (const [method, calls] of index.callsByName) {
    const note = callNote(method);
    if (!note) continue;
    for (const call of calls) {
      const props = resolveArg(call.arguments, note.optionsIndex, ctx);
      const found = pathTo(element, props);
      if (found) return { note, ctx: { ...ctx, owner: call, props }, ...found };
    }
  }
  return undefined;
}

export function propertyCard(element: ts.ObjectLiteralElementLike, ctx: HoverContext): Card | undefined {
  const owner = ownerOf(element, ctx);
  if (!owner) return undefined;
  const [first, second] = owner.path;
  const top = owner.note.props[first];
  if (!top) return undefined;
  const nested = second !== undefined ? top.props?.[second] : undefined;
  if (nested) {
    const ctxInner: NoteContext = { ...owner.ctx, props: owner.parent };
    return {
      title: `${first}.${second}`,
      context: owner.note.label,
      about: nested.about,
      verdicts: evaluate(nested, second, lookup(owner.parent, second), ctxInner),
      rules: nested.rules ?? [],
      guide: nested.guide ?? top.guide ?? owner.note.guide,
    };
  }
  return {
    title: first,
    context: owner.note.label,
    about: top.about,
    verdicts: evaluate(top, first, lookup(owner.ctx.props, first), owner.ctx),
    rules: top.rules ?? [],
    guide: top.guide ?? owner.note.guide,
  };
}

/** The grant method's service: from the receiver's class, or from the method name when only one service has it. */
function grantsFor(receiver: Value, method: string): ServiceGrants | undefined {
  const fqn = instanceFqn(receiver);
  const byClass = fqn ? GRANTS.find((g) => fqnIs(fqn, ...g.classes)) : undefined;
  if (byClass) return byClass;
  const byMethod = GRANTS.filter((g) => Object.values(g.methods).some((m) => m.includes(method)));
  return byMethod.length === 1 ? byMethod[0] : undefined;
}

/** The explicit actions a single grant method stands for (the widest group set that maps to it alone). */
function actionsOf(grants: ServiceGrants, method: string): string[] | undefined {
  let best: string[] | undefined;
  for (const [groups, methods] of Object.entries(grants.methods)) {
    if (methods.length !== 1 || methods[0] !== method) continue;
    const names = groups.split('+');
    if (!best || names.length > best.length) best = names;
  }
  return best && explicitActions(grants, best);
}

function grantCard(call: ts.CallExpression, receiverExpr: ts.Expression, method: string, ctx: HoverContext): Card {
  const receiver = ctx.resolver.resolve(receiverExpr, ctx.file);
  const grantee = resolveArg(call.arguments, 0, ctx);
  const base = {
    title: method,
    about:
      "A grant method adds exactly the permissions its name says, scoped to this one resource, to the grantee's policy — the least-privilege statement, written for you.",
    rules: [] as string[],
    guide: 'identity-and-access.md#grant-methods' as Card['guide'],
  };
  if (method === 'grantPublicAccess') {
    return {
      ...base,
      context: 'S3 bucket',
      about: 'Makes objects readable by anyone on the internet (and needs Block Public Access turned off).',
      verdicts: [{ level: 'risk', subject: 'grantee', text: 'everyone' }],
      rules: ['s3-public-access'],
      guide: 'data-protection.md#blocking-public-access',
    };
  }
  // Any argument of an invoke grant (`grantInvokeCompositePrincipal` takes several) may open it to anyone.
  const anyone = INVOKE_GRANTS.includes(method)
    ? call.arguments.map((_, i) => resolveArg(call.arguments, i, ctx)).find((p) => isAnyone(p, ctx.resolver))
    : undefined;
  if (anyone) {
    return {
      ...base,
      context: 'Lambda function',
      about: "Adds a statement to the function's resource policy that lets the principal invoke it.",
      verdicts: [{ level: 'risk', subject: 'grantee', text: `${show(anyone)} — anyone can invoke the function` }],
      rules: ['lambda-public-invoke'],
      guide: 'identity-and-access.md#resource-based-policies',
    };
  }
  const grants = grantsFor(receiver, method);
  const verdicts: Verdict[] = [];
  const actions = grants && actionsOf(grants, method);
  if (grants && actions) {
    const shown = actions
      .slice(0, 4)
      .map((a) => code(a))
      .join(', ');
    verdicts.push({ level: 'ok', subject: 'gives', text: `${shown}${actions.length > 4 ? ', …' : ''} on this ${grants.label} only` });
  } else {
    verdicts.push({ level: 'ok', subject: 'gives', text: 'the actions the method name says, on this resource only' });
  }
  if (grantee) verdicts.push({ level: 'info', subject: 'to', text: show(grantee) });
  return { ...base, context: grants?.label ?? 'grant method', verdicts };
}

const ROLE_POLICY_METHODS = new Set(['addToRolePolicy', 'addToPolicy', 'addToPrincipalPolicy']);

function rolePolicyCard(call: ts.CallExpression, receiverExpr: ts.Expression, method: string, ctx: HoverContext): Card | undefined {
  const statement = resolveArg(call.arguments, 0, ctx);
  if (!statement || !isNew(statement, POLICY_STATEMENT) || statement.kind !== 'new') return undefined;
  const arg = statement.expr.arguments?.[0];
  const props = arg ? ctx.resolver.resolve(arg, statement.file) : undefined;
  const noteCtx: NoteContext = { ...ctx, owner: statement.expr, props };
  const { actions, resources } = POLICY_STATEMENT_NOTE.props;
  return {
    title: method,
    context: 'IAM policy statement',
    about: `Adds a statement to ${code(receiverExpr.getText(ctx.file.sf))}'s policy. A grant method on the resource says the same with the right actions and ARN, and keeps up when CDK learns new ones.`,
    verdicts: [
      ...evaluate(actions, 'actions', lookup(props, 'actions'), noteCtx),
      ...evaluate(resources, 'resources', lookup(props, 'resources'), noteCtx),
    ],
    rules: POLICY_STATEMENT_NOTE.rules,
    guide: 'identity-and-access.md#grant-methods',
  };
}

function optionsCallCard(call: ts.CallExpression, method: string, ctx: HoverContext): Card | undefined {
  const note = callNote(method);
  if (!note) return undefined;
  const noteCtx: NoteContext = { ...ctx, owner: call, props: resolveArg(call.arguments, note.optionsIndex, ctx) };
  // The call's own judgements sum its options up (authorization from type, authorizer and API
  // defaults); the option notes answer hovers on the options themselves.
  const verdicts = note.extra(call, noteCtx).flatMap((j) => toVerdicts(j.subject ?? '', j));
  const first = call.arguments[0];
  return {
    title: note.label,
    context: first ? first.getText(ctx.file.sf) : method,
    about: note.about,
    verdicts,
    rules: note.rules,
    guide: note.guide,
  };
}

/** A card for `receiver.method(...)`, when the method is one hover explains. */
export function callCard(call: ts.CallExpression, ctx: HoverContext): Card | undefined {
  if (!ts.isPropertyAccessExpression(call.expression)) return undefined;
  const method = call.expression.name.text;
  const receiver = call.expression.expression;
  if (/^grant[A-Z]/.test(method)) return grantCard(call, receiver, method, ctx);
  if (ROLE_POLICY_METHODS.has(method)) return rolePolicyCard(call, receiver, method, ctx);
  return optionsCallCard(call, method, ctx);
}

export function isCdkFile(file: FileContext): boolean {
  for (const binding of file.imports.values()) if (isCdkModule(binding.module)) return true;
  return false;
}
