import * as ts from 'typescript';
import type { FileContext } from '../model/fileContext';
import type { Resolver } from '../model/resolver';
import { findDeclaration, propertyNameText, skipOuter } from '../model/scope';
import { asString } from '../model/values';
import type { RuleContext } from '../rule';
import { wordsFrom } from '../secrets/names';
import { findHandlerRoots, HandlerRoot, isCdkFile } from './discovery';
import { CONSOLE_METHODS, ELEMENT_CALLBACKS, LOG_METHODS, LOGGER_MODULES, PASS_THROUGH_METHODS } from './models';
import { isGlobal, isGlobalMember, unwrap } from './symbols';
import { Env, Taint, TaintEngine, TOP } from './taint';

/** One file's handler analysis, shared by every handler rule of one analysis pass. */
export interface HandlerAnalysis {
  engine: TaintEngine;
  roots: HandlerRoot[];
  /** The file exports `handler`: findings not tied to a candidate export are reported directly. */
  hasDirect: boolean;
}

const cache = new WeakMap<Resolver, WeakMap<FileContext, HandlerAnalysis | null>>();

/** The analysis of `ctx`'s file, or undefined when it has no function Lambda could call. */
export function handlerAnalysis(ctx: RuleContext): HandlerAnalysis | undefined {
  let byFile = cache.get(ctx.resolver);
  if (!byFile) cache.set(ctx.resolver, (byFile = new WeakMap()));
  const cached = byFile.get(ctx.file);
  if (cached !== undefined) return cached ?? undefined;
  let analysis: HandlerAnalysis | null = null;
  if (!isCdkFile(ctx.file)) {
    const engine = new TaintEngine(ctx.file, ctx.resolver, wordsFrom(ctx.config));
    const roots = findHandlerRoots(ctx.file, engine.symbols);
    if (roots.length) {
      engine.setRoots(roots);
      analysis = { engine, roots, hasDirect: roots.some((r) => r.direct) };
    }
  }
  byFile.set(ctx.file, analysis);
  return analysis ?? undefined;
}

// ------------------------------------------------------------------ responses

/** A value a handler hands back to Lambda: a `return`, or `callback(null, value)`. */
export interface ResponseSite {
  root: number;
  expr: ts.Expression;
}

export function responses(analysis: HandlerAnalysis): ResponseSite[] {
  const { engine } = analysis;
  const out: ResponseSite[] = [];
  analysis.roots.forEach((root, i) => {
    for (const expr of engine.returnsOf(root.fn)) out.push({ root: i, expr });
    const callback = root.fn.parameters[2];
    if (callback && ts.isIdentifier(callback.name)) {
      for (const ref of engine.referencesTo(callback)) {
        const call = ref.parent;
        if (ts.isCallExpression(call) && call.expression === ref && call.arguments[1]) out.push({ root: i, expr: call.arguments[1] });
      }
    }
  });
  return out;
}

/** What an API Gateway / Function URL / ALB result is made of, as far as the file shows. */
export interface ResponseShape {
  body?: { expr: ts.Expression; env: Env };
  contentType?: { value: string; node: ts.Node };
}

/** The shapes a response expression can have: object literals, through `const`s and local helpers. */
export function responseShapes(engine: TaintEngine, expr: ts.Expression, env: Env = TOP, depth = 0): ResponseShape[] {
  if (depth > 6) return [];
  const e = unwrap(expr);
  if (ts.isObjectLiteralExpression(e)) {
    const shape: ResponseShape = {};
    for (const p of e.properties) {
      if (ts.isSpreadAssignment(p)) {
        for (const inner of responseShapes(engine, p.expression, env, depth + 1)) Object.assign(shape, stripUndefined(inner));
        continue;
      }
      const key = ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p) ? propertyNameText(p.name) : undefined;
      const value = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
      if (!value) continue;
      if (key === 'body') shape.body = { expr: value, env };
      else if (key === 'headers' || key === 'multiValueHeaders') {
        const type = contentType(engine, value, env, depth + 1);
        if (type) shape.contentType = type;
      }
    }
    return [shape];
  }
  if (ts.isConditionalExpression(e))
    return [...responseShapes(engine, e.whenTrue, env, depth + 1), ...responseShapes(engine, e.whenFalse, env, depth + 1)];
  if (ts.isIdentifier(e)) {
    const bound = boundArgument(engine, e, env);
    if (bound) return responseShapes(engine, bound.arg, bound.env, depth + 1);
    return variableValues(engine, e).flatMap((v) => responseShapes(engine, v, env, depth + 1));
  }
  if (ts.isCallExpression(e)) {
    const callee = skipOuter(e.expression);
    if (ts.isPropertyAccessExpression(callee) && (callee.name.text === 'then' || callee.name.text === 'catch')) {
      // `work().catch((err) => ({ statusCode: 500, … }))`: what the callbacks return.
      const callbacks = e.arguments.map((a) => engine.localFunction(a)).filter((f) => !!f);
      return callbacks.flatMap((f) => engine.returnsOf(f).flatMap((r) => responseShapes(engine, r, env, depth + 1)));
    }
    const fn = engine.localFunction(e.expression);
    if (!fn) return [];
    const inner = engine.bind(fn, e.arguments, env);
    return engine.returnsOf(fn).flatMap((r) => responseShapes(engine, r, inner, depth + 1));
  }
  return [];
}

function stripUndefined(shape: ResponseShape): ResponseShape {
  const out: ResponseShape = {};
  if (shape.body) out.body = shape.body;
  if (shape.contentType) out.contentType = shape.contentType;
  return out;
}

/** The `Content-Type` of a headers object (any case), when it is known text. */
function contentType(engine: TaintEngine, headers: ts.Expression, env: Env, depth: number): ResponseShape['contentType'] {
  if (depth > 8) return undefined;
  const e = unwrap(headers);
  if (ts.isIdentifier(e)) {
    const bound = boundArgument(engine, e, env);
    if (bound) return contentType(engine, bound.arg, bound.env, depth + 1);
    for (const v of variableValues(engine, e)) {
      const found = contentType(engine, v, env, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (!ts.isObjectLiteralExpression(e)) return undefined;
  let found: ResponseShape['contentType'];
  for (const p of e.properties) {
    if (ts.isSpreadAssignment(p)) {
      found = contentType(engine, p.expression, env, depth + 1) ?? found;
    } else if (ts.isPropertyAssignment(p) && propertyNameText(p.name)?.toLowerCase() === 'content-type') {
      const init = unwrap(p.initializer);
      const first = ts.isArrayLiteralExpression(init) && init.elements[0] ? init.elements[0] : init;
      const value = stringOf(engine, first, env, depth + 1);
      if (value !== undefined) found = { value, node: p };
    }
  }
  return found;
}

/** Known text of an expression: literals, `const`s (also imported ones), and call-site arguments of a helper's parameters. */
function stringOf(engine: TaintEngine, expr: ts.Expression, env: Env, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) {
    const bound = boundArgument(engine, e, env);
    if (bound) return stringOf(engine, bound.arg, bound.env, depth + 1);
    const decl = findDeclaration(e);
    if (decl && ts.isParameter(decl) && decl.initializer) return stringOf(engine, decl.initializer, env, depth + 1);
  }
  return asString(engine.resolver.resolve(e, engine.file));
}

/** A parameter bound to the argument of the call being evaluated. */
function boundArgument(engine: TaintEngine, id: ts.Identifier, env: Env): { arg: ts.Expression; env: Env } | undefined {
  const decl = findDeclaration(id);
  if (!decl || !ts.isParameter(decl)) return undefined;
  const binding = engine.binding(decl, env);
  return binding?.arg ? { arg: binding.arg, env: binding.env } : undefined;
}

/** The values a local variable can hold: its initializer and every assignment. */
export function variableValues(engine: TaintEngine, id: ts.Identifier): ts.Expression[] {
  const decl = findDeclaration(id);
  if (!decl || !ts.isVariableDeclaration(decl) || ts.isCatchClause(decl.parent)) return [];
  const assigned = engine
    .assignmentsTo(decl)
    .filter((a) => a.operatorToken.kind === ts.SyntaxKind.EqualsToken)
    .map((a) => a.right);
  return [...(decl.initializer ? [decl.initializer] : []), ...assigned];
}

// ------------------------------------------------------------------ narrowest nodes

export interface Leaf {
  node: ts.Expression;
  taints: Taint[];
}

export interface LeafOptions {
  /** Follow a variable to the text it was built from (`const sql = \`…${id}\``). */
  throughVariables: boolean;
}

/**
 * The narrowest sub-expressions of `expr` that bring in a taint matching `pred`: the `${name}`
 * of a template, the `body.password` inside a logged object literal. Descends through templates,
 * concatenation, `?:`, `||`, object and array literals, `JSON.stringify`, pass-through methods,
 * `.map(cb)` callbacks, arguments of local helpers, and (optionally) variables built from text.
 */
export function leaves(
  engine: TaintEngine,
  expr: ts.Expression,
  env: Env,
  pred: (t: Taint) => boolean,
  opts: LeafOptions,
  depth = 0,
): Leaf[] {
  const e = unwrap(expr);
  const taints = engine.taintOf(e, env).filter(pred);
  if (taints.length === 0) return [];
  const self = [{ node: e, taints }];
  if (depth > 12) return self;
  const sub = (x: ts.Expression, inner: Env = env) => leaves(engine, x, inner, pred, opts, depth + 1);
  let found: Leaf[] | undefined;
  if (ts.isTemplateExpression(e)) found = e.templateSpans.flatMap((s) => sub(s.expression));
  else if (ts.isBinaryExpression(e)) found = [...sub(e.left), ...sub(e.right)];
  else if (ts.isConditionalExpression(e)) found = [...sub(e.whenTrue), ...sub(e.whenFalse)];
  else if (ts.isArrayLiteralExpression(e))
    found = e.elements.flatMap((x) => (ts.isSpreadElement(x) ? sub(x.expression) : ts.isOmittedExpression(x) ? [] : sub(x)));
  else if (ts.isObjectLiteralExpression(e)) {
    found = e.properties.flatMap((p) =>
      ts.isPropertyAssignment(p)
        ? sub(p.initializer)
        : ts.isShorthandPropertyAssignment(p)
          ? shorthand(engine, p, env, pred)
          : ts.isSpreadAssignment(p)
            ? sub(p.expression)
            : [],
    );
  } else if (ts.isCallExpression(e)) {
    const callee = skipOuter(e.expression);
    if (isGlobalMember(callee, 'JSON', 'stringify') || (ts.isIdentifier(callee) && isGlobal(callee, 'String'))) {
      found = e.arguments[0] ? sub(e.arguments[0]) : undefined;
    } else if (ts.isPropertyAccessExpression(callee) && (callee.name.text === 'map' || callee.name.text === 'flatMap')) {
      const fn = e.arguments[0] && engine.localFunction(e.arguments[0]);
      found = fn ? engine.returnsOf(fn).flatMap((r) => sub(r)) : undefined;
    } else if (ts.isPropertyAccessExpression(callee) && PASS_THROUGH_METHODS.has(callee.name.text)) {
      found = [...sub(callee.expression), ...(callee.name.text === 'concat' ? e.arguments.flatMap((a) => sub(a)) : [])];
    } else if (engine.localFunction(callee)) {
      found = e.arguments.flatMap((a) => sub(a));
    }
  } else if (ts.isIdentifier(e) && boundArgument(engine, e, env)) {
    const bound = boundArgument(engine, e, env)!;
    found = sub(bound.arg, bound.env);
  } else if (ts.isIdentifier(e) && opts.throughVariables) {
    const decl = findDeclaration(e);
    const appended = decl
      ? engine
          .assignmentsTo(decl)
          .filter((a) => a.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken)
          .map((a) => a.right)
      : [];
    const values = [...variableValues(engine, e).filter((v) => isBuiltText(unwrap(v))), ...appended];
    if (values.length) found = values.flatMap((v) => sub(v));
  }
  return found && found.length ? found : self;
}

function shorthand(engine: TaintEngine, p: ts.ShorthandPropertyAssignment, env: Env, pred: (t: Taint) => boolean): Leaf[] {
  const taints = engine.taintOf(p.name, env).filter(pred);
  return taints.length ? [{ node: p.name, taints }] : [];
}

/** Text assembled in place: a template, a concatenation, an array joined, a `?:` of those. */
function isBuiltText(e: ts.Expression): boolean {
  if (ts.isTemplateExpression(e) || ts.isArrayLiteralExpression(e) || ts.isConditionalExpression(e)) return true;
  if (ts.isBinaryExpression(e))
    return e.operatorToken.kind === ts.SyntaxKind.PlusToken || e.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken;
  if (ts.isCallExpression(e)) {
    const callee = skipOuter(e.expression);
    return (
      ts.isPropertyAccessExpression(callee) &&
      (callee.name.text === 'join' || callee.name.text === 'concat' || callee.name.text in ELEMENT_CALLBACKS)
    );
  }
  return false;
}

/**
 * Whether text is assembled in place (template, `+`, `+=`, `concat`, `join`, through variables and
 * the file's helpers), and its literal parts: SQL text built from values, a prompt built around them.
 */
export function builtText(engine: TaintEngine, expr: ts.Expression, depth = 0): { built: boolean; literal: string } {
  const e = unwrap(expr);
  if (depth > 6) return { built: false, literal: '' };
  if (ts.isStringLiteralLike(e)) return { built: false, literal: e.text };
  if (ts.isTemplateExpression(e)) return { built: true, literal: [e.head.text, ...e.templateSpans.map((s) => s.literal.text)].join(' ') };
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const l = builtText(engine, e.left, depth + 1);
    const r = builtText(engine, e.right, depth + 1);
    return { built: true, literal: `${l.literal} ${r.literal}` };
  }
  // A helper of the file that builds the text (`build_query(user_id)`): what it returns.
  const helper = ts.isCallExpression(e) ? engine.localFunction(e.expression) : undefined;
  if (helper) {
    const parts = engine.returnsOf(helper).map((r) => builtText(engine, r, depth + 1));
    return { built: parts.some((p) => p.built), literal: parts.map((p) => p.literal).join(' ') };
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(skipOuter(e.expression))) {
    const callee = skipOuter(e.expression) as ts.PropertyAccessExpression;
    if (callee.name.text === 'concat' || callee.name.text === 'join') {
      const parts = [callee.expression, ...e.arguments].map((x) => builtText(engine, x, depth + 1));
      const receiver = unwrap(callee.expression);
      const elements = ts.isArrayLiteralExpression(receiver)
        ? receiver.elements.map((x) => builtText(engine, x as ts.Expression, depth + 1).literal)
        : [];
      return { built: true, literal: [...parts.map((p) => p.literal), ...elements].join(' ') };
    }
  }
  if (ts.isIdentifier(e)) {
    const compound = engine.assignmentsTo(findDeclaration(e) ?? e).filter((a) => a.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken);
    const parts = [...variableValues(engine, e), ...compound.map((a) => a.right)].map((v) => builtText(engine, v, depth + 1));
    return { built: compound.length > 0 || parts.some((p) => p.built), literal: parts.map((p) => p.literal).join(' ') };
  }
  return { built: false, literal: '' };
}

// ------------------------------------------------------------------ logging

/** `console.log(…)`, or a log method of a logger built from a logging package. */
export function isLoggingCall(engine: TaintEngine, call: ts.CallExpression): boolean {
  const callee = skipOuter(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const method = callee.name.text;
  if (isGlobal(callee.expression, 'console')) return CONSOLE_METHODS.includes(method);
  if (!LOG_METHODS.includes(method)) return false;
  const module = engine.symbols.moduleOf(callee.expression);
  return !!module && LOGGER_MODULES.includes(module);
}

// ------------------------------------------------------------------ small helpers

/** Short source text for a message: one line, at most `max` characters. */
export function snippet(node: ts.Node, max = 40): string {
  const text = node.getText().replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
