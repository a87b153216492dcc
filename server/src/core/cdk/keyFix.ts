import * as ts from 'typescript';
import type { RuleContext } from '../rule';
import { propertyNameText } from '../model/scope';
import { enclosingStatement, eol, indentOf, insertStatementBefore, mergeInsertions, quote, quoteOf } from '../fixes/edits';
import { importSymbol, SymbolText } from '../fixes/imports';
import { freeName, freshNames } from '../fixes/names';
import type { TextEdit } from '../types';
import type { CodeFn } from './propertyChecks';

/**
 * Fixes that encrypt a resource with a new customer-managed key (an SNS topic, a DynamoDB
 * table, a log group) declare the key just before the statement that creates the resource:
 *
 *     const alertsKey = new kms.Key(this, 'AlertsKey', { enableKeyRotation: true });
 *     const alerts = new sns.Topic(this, 'Alerts', { masterKey: alertsKey });
 *
 * The key rotates (kms-key-rotation would flag it otherwise). Such fixes add a resource, so
 * they are never preferred.
 */
export interface KeyDeclaration {
  /** The variable that holds the key. */
  name: string;
  /** Import edits and the inserted declaration; add the edit that uses `name`. */
  edits: TextEdit[];
}

/** Statements after the key's declaration; `symbol` names a CDK export (one per module: each call may add an import). */
export type AfterKey = (name: string, symbol: (module: string, name: string) => string) => string[];

/** Lines that declare a rotating key, and the import edits they need. */
export interface KeyCode {
  /** The variable that holds the key. */
  name: string;
  /** The declaration and what follows it (`after`), as statements without indentation. */
  lines: string[];
  imports: TextEdit[];
}

/**
 * `const <base>Key = new kms.Key(<scope>, '<id>Key', { enableKeyRotation: true });` and the
 * statements `after` adds (a grant to the service that uses the key).
 */
export function keyCode(ctx: RuleContext, scope: string, base: string, id: string, q: string, after?: AfterKey): KeyCode {
  return namedKeyCode(ctx, scope, { variable: freeName(ctx.file, `${base}Key`), id: `${id}Key` }, q, after);
}

/** `keyCode` with the variable and the construct id given whole. */
function namedKeyCode(ctx: RuleContext, scope: string, names: { variable: string; id: string }, q: string, after?: AfterKey): KeyCode {
  const imports: TextEdit[] = [];
  const symbol = (module: string, name: string): string => {
    const s: SymbolText = importSymbol(ctx.file, module, name);
    imports.push(...s.edits);
    return s.text;
  };
  const key = symbol('aws-cdk-lib/aws-kms', 'Key');
  const name = names.variable;
  return {
    name,
    lines: [`const ${name} = new ${key}(${scope}, ${quote(names.id, q)}, { enableKeyRotation: true });`, ...(after?.(name, symbol) ?? [])],
    imports: mergeInsertions(imports),
  };
}

/**
 * CloudWatch Logs can use a key only when the key policy lets the regional logs service
 * principal (`logs.<region>.amazonaws.com`) use it: the grant that follows a log group's key.
 */
export const grantToLogs: AfterKey = (key, symbol) => [
  `${key}.grantEncryptDecrypt(new ${symbol('aws-cdk-lib/aws-iam', 'ServicePrincipal')}(\`logs.\${${symbol('aws-cdk-lib', 'Aws')}.REGION}.amazonaws.com\`));`,
];

/**
 * The key a log group a fix creates is encrypted with, so that the new group does not bring a
 * `logs-unencrypted` finding of its own; undefined when the project turned that rule off.
 */
export function logGroupKey(ctx: RuleContext, scope: string, base: string, id: string, q: string): KeyCode | undefined {
  return ctx.config.rules['logs-unencrypted'] === 'off' ? undefined : keyCode(ctx, scope, base, id, q, grantToLogs);
}

/**
 * The statement a key for the construct `expr` goes before: the one that holds `expr` or `target`
 * (the props the fix edits), whichever comes first, in a block around the construct.
 */
function keyStatement(expr: ts.NewExpression, target: ts.Node): ts.Statement | undefined {
  const statement = [enclosingStatement(expr), enclosingStatement(target)].reduce((a, b) => (a && b && b.pos < a.pos ? b : a));
  if (!statement || !ts.isBlock(statement.parent) || !(expr.pos >= statement.parent.pos && expr.end <= statement.parent.end))
    return undefined;
  return statement;
}

/** The key's declaration (and what `after` adds) inserted before `statement`, with its imports. */
function declareBefore(ctx: RuleContext, statement: ts.Statement, key: KeyCode): KeyDeclaration {
  const code = key.lines.join(`${eol(ctx.file)}${indentOf(ctx.file, statement)}`);
  return { name: key.name, edits: mergeInsertions([...key.imports, insertStatementBefore(ctx.file, statement, code)]) };
}

/**
 * Declare a key for the construct `expr`, before the statement that holds `expr` or `target`
 * (the props the fix edits), whichever comes first. `after` adds statements that follow the
 * declaration (a grant to the service that uses the key), given the key's name and a way to
 * name symbols; `suffix` says what the key is for when that is not the construct itself
 * (`Logs`: `fnLogsKey`). Undefined when there is no such statement in a block around the
 * construct (a class field initializer, props declared at the top of the file).
 */
export function declareKeyFor(
  ctx: RuleContext,
  expr: ts.NewExpression,
  target: ts.Node,
  after?: AfterKey,
  suffix = '',
): KeyDeclaration | undefined {
  const statement = keyStatement(expr, target);
  const scope = expr.arguments?.[0];
  if (!statement || !scope) return undefined;
  const base = variableBase(expr);
  const idArg = expr.arguments?.[1];
  const id = idArg && ts.isStringLiteralLike(idArg) ? idArg.text : base.charAt(0).toUpperCase() + base.slice(1);
  const q = quoteOf(ctx.file, idArg && ts.isStringLiteral(idArg) ? idArg : undefined);
  return declareBefore(ctx, statement, keyCode(ctx, ctx.file.nodeText(scope), `${base}${suffix}`, `${id}${suffix}`, q, after));
}

/** A construct a fix gives a key to, and the props node the fix edits (as for `declareKeyFor`). */
export interface KeyedConstruct {
  expr: ts.NewExpression;
  target: ts.Node;
}

/**
 * One key for the constructs of `group` that sit in the block of `expr`, when there are several
 * (every function of a stack that gets a new log group): `const logsKey = new kms.Key(this,
 * 'LogsKey', …)` before the first of their statements. Each construct's fix writes the same
 * declaration at the same place, so "fix all" writes it once (mergeFixes shares identical edits)
 * and every construct uses it, as a CDK user would write it, instead of one key (and its monthly
 * cost) per construct. A construct alone in its block gets a key of its own (`declareKeyFor`).
 * `name` is what the key is for (`logs`).
 */
export function declareSharedKeyFor(
  ctx: RuleContext,
  own: KeyedConstruct,
  group: readonly KeyedConstruct[],
  name: string,
  after?: AfterKey,
  suffix = '',
): KeyDeclaration | undefined {
  const statement = keyStatement(own.expr, own.target);
  const members = group
    .map((c) => ({ c, statement: keyStatement(c.expr, c.target) }))
    .filter((m) => m.statement !== undefined && m.statement.parent === statement?.parent && m.c.expr.arguments?.[0]);
  if (!statement || members.length < 2) return declareKeyFor(ctx, own.expr, own.target, after, suffix);
  const first = members.reduce((a, b) => (b.statement!.pos < a.statement!.pos ? b : a));
  // Every member's fix writes the same declaration: laid out once per rule run and file (on
  // the generated bench project, three functions a block, 3 % of a cold scan), copied for each.
  let known = sharedKeys.get(ctx);
  if (!known) sharedKeys.set(ctx, (known = []));
  let hit = known.find((k) => k.statement === first.statement && k.name === name && k.after === after);
  if (!hit) {
    const [scope, idArg] = first.c.expr.arguments!;
    const q = quoteOf(ctx.file, idArg && ts.isStringLiteral(idArg) ? idArg : undefined);
    const names = freshNames(ctx.file, `${name}Key`, `${name.charAt(0).toUpperCase()}${name.slice(1)}Key`);
    hit = {
      statement: first.statement!,
      name,
      after,
      declaration: declareBefore(ctx, first.statement!, namedKeyCode(ctx, ctx.file.nodeText(scope), names, q, after)),
    };
    known.push(hit);
  }
  return { name: hit.declaration.name, edits: hit.declaration.edits.map((e) => ({ ...e })) };
}

/** The shared key declarations made so far, by rule run (one context per rule and file). */
const sharedKeys = new WeakMap<RuleContext, { statement: ts.Statement; name: string; after?: AfterKey; declaration: KeyDeclaration }[]>();

/** A property value that is a new key declared for the construct (`masterKey: alertsKey`). */
export function newKey(after?: AfterKey, suffix?: string): CodeFn {
  return (ctx, site, target) => {
    const key = declareKeyFor(ctx, site.expr, target, after, suffix);
    return key && { text: key.name, edits: key.edits };
  };
}

/** What the construct is called in the code: its variable, field or property, else its id. */
function variableBase(expr: ts.NewExpression): string {
  const parent = expr.parent;
  let name: string | undefined;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) name = parent.name.text;
  else if (
    ts.isBinaryExpression(parent) &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isPropertyAccessExpression(parent.left)
  )
    name = parent.left.name.text;
  // A construct written inline as a property (`logGroup: new logs.LogGroup(this, 'CheckoutLogs')`)
  // is named by its id: the property's name repeats in every function of the stack, and two
  // fixes applied together would declare the same key twice.
  if (!name || ts.isPropertyAssignment(parent))
    name = idName(expr) || (ts.isPropertyAssignment(parent) ? propertyNameText(parent.name) : name);
  return /^[A-Za-z_$][\w$]*$/.test(name ?? '') ? name! : 'resource';
}

/** The construct's id in camel case (`'checkout-logs'` → `checkoutLogs`); empty when it is not a literal. */
function idName(expr: ts.NewExpression): string {
  const idArg = expr.arguments?.[1];
  const words = idArg && ts.isStringLiteralLike(idArg) ? idArg.text.split(/[^A-Za-z0-9]+/).filter(Boolean) : [];
  return words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
}
