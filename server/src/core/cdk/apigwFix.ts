import * as ts from 'typescript';
import { propertyNameText, skipOuter } from '../model/scope';
import { importSymbol } from '../fixes/imports';
import { addArgument, insertProperty, propsLiteral } from '../fixes/props';
import type { RuleContext } from '../rule';
import type { TextEdit } from '../types';

/**
 * Edits the API Gateway quick fixes share: a property added at some depth of a call's options
 * (`deployOptions.throttlingRateLimit`, `defaultMethodOptions.authorizer`), and a new construct
 * declared just before the statement that needs it (an authorizer, a log group).
 */

export const APIGATEWAY_MODULE = 'aws-cdk-lib/aws-apigateway';

/** Argument `index` of a call or `new`, and a path of properties inside it. */
export interface PropertySite {
  node: ts.CallExpression | ts.NewExpression;
  index: number;
  path?: string[];
}

/**
 * Add `key: value` entries to the object at `site`: into the literal when it is written in this
 * file (inline or a local `const`), laid out as `insertProperty` and `layout.ts` say; creating
 * missing levels (`deployOptions: { … }`) and the argument itself (with `undefined` for skipped
 * arguments). `undefined` when the object is built some other way, or a missing level might come
 * from a spread (adding it would hide that).
 */
export function addProperty(ctx: RuleContext, site: PropertySite, entries: string | string[]): TextEdit | undefined {
  const list = Array.isArray(entries) ? entries : [entries];
  const args = site.node.arguments;
  if (!args) return undefined;
  const path = site.path ?? [];
  const wrapped = (from: number) => path.slice(from).reduceRight((inner, key) => `${key}: { ${inner} }`, list.join(', '));
  if (args.length <= site.index) {
    const fillers = Array(site.index - args.length)
      .fill('undefined, ')
      .join('');
    const last = args[args.length - 1];
    const at = last ? last.getEnd() : site.node.getEnd() - 1;
    return addArgument(ctx, at, `${last ? ', ' : ''}${fillers}`, `{ ${wrapped(0)} }`);
  }
  let literal = propsLiteral(ctx, args[site.index]);
  for (let i = 0; literal && i < path.length; i++) {
    const element = findProperty(literal, path[i]);
    if (!element) {
      if (literal.properties.some(ts.isSpreadAssignment)) return undefined;
      return insertProperty(ctx, literal, wrapped(i));
    }
    literal = propsLiteral(ctx, initializerOf(element));
  }
  return literal ? insertProperty(ctx, literal, list) : undefined;
}

/** The object literal at `site` (its whole path), when it is written in this file. */
export function targetLiteral(ctx: RuleContext, site: PropertySite): ts.ObjectLiteralExpression | undefined {
  let literal = propsLiteral(ctx, site.node.arguments?.[site.index]);
  for (const key of site.path ?? []) {
    const element = literal && findProperty(literal, key);
    literal = element ? propsLiteral(ctx, initializerOf(element)) : undefined;
  }
  return literal;
}

/** The last property called `key` (a later one wins), assignment or shorthand. */
export function findProperty(
  literal: ts.ObjectLiteralExpression,
  key: string,
): ts.PropertyAssignment | ts.ShorthandPropertyAssignment | undefined {
  let found: ts.PropertyAssignment | ts.ShorthandPropertyAssignment | undefined;
  for (const element of literal.properties) {
    if ((ts.isPropertyAssignment(element) || ts.isShorthandPropertyAssignment(element)) && propertyNameText(element.name) === key)
      found = element;
  }
  return found;
}

function initializerOf(element: ts.PropertyAssignment | ts.ShorthandPropertyAssignment): ts.Expression {
  return ts.isPropertyAssignment(element) ? element.initializer : element.name;
}

/** `this` when the statement runs in a constructor or instance method of a class (a Stack, a Construct). */
export function scopeAt(statement: ts.Statement): string | undefined {
  let node: ts.Node | undefined = statement.parent;
  while (node) {
    if (ts.isArrowFunction(node)) {
      node = node.parent;
      continue;
    }
    if (ts.isConstructorDeclaration(node)) return 'this';
    if (ts.isMethodDeclaration(node) || ts.isGetAccessorDeclaration(node)) {
      return ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword) ? undefined : 'this';
    }
    if (ts.isFunctionLike(node) || ts.isClassLike(node) || ts.isSourceFile(node)) return undefined;
    node = node.parent;
  }
  return undefined;
}

/** The construct id of `new X(scope, 'Id', …)`, when it is a string literal. */
export function constructId(expr: ts.NewExpression): string | undefined {
  const arg = expr.arguments?.[1];
  const e = arg ? skipOuter(arg) : undefined;
  return e && ts.isStringLiteralLike(e) ? e.text : undefined;
}

/** Does the edit land inside `node` (so that a declaration before `node`'s statement is in scope there)? */
export function editWithin(ctx: RuleContext, edit: TextEdit, node: ts.Node): boolean {
  const start = ctx.file.range(node);
  const p = edit.range.start;
  const afterStart = p.line > start.start.line || (p.line === start.start.line && p.character >= start.start.character);
  const beforeEnd = p.line < start.end.line || (p.line === start.end.line && p.character <= start.end.character);
  return afterStart && beforeEnd;
}

/** `apigateway.X` (or however the file names `aws-apigateway`'s export X), with its import edits. */
export function apigatewaySymbol(ctx: RuleContext, name: string) {
  return importSymbol(ctx.file, APIGATEWAY_MODULE, name);
}
