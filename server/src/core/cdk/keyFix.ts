import * as ts from 'typescript';
import type { RuleContext } from '../rule';
import { propertyNameText } from '../model/scope';
import { enclosingStatement, eol, indentOf, insertStatementBefore, mergeInsertions, quote, quoteOf } from '../fixes/edits';
import { importSymbol, SymbolText } from '../fixes/imports';
import { freeName } from '../fixes/names';
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
  const imports: TextEdit[] = [];
  const symbol = (module: string, name: string): string => {
    const s: SymbolText = importSymbol(ctx.file, module, name);
    imports.push(...s.edits);
    return s.text;
  };
  const key = symbol('aws-cdk-lib/aws-kms', 'Key');
  const name = freeName(ctx.file, `${base}Key`);
  return {
    name,
    lines: [
      `const ${name} = new ${key}(${scope}, ${quote(`${id}Key`, q)}, { enableKeyRotation: true });`,
      ...(after?.(name, symbol) ?? []),
    ],
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
  const statement = [enclosingStatement(expr), enclosingStatement(target)].reduce((a, b) => (a && b && b.pos < a.pos ? b : a));
  const scope = expr.arguments?.[0];
  if (!statement || !scope || !ts.isBlock(statement.parent) || !(expr.pos >= statement.parent.pos && expr.end <= statement.parent.end))
    return undefined;
  const base = variableBase(expr);
  const idArg = expr.arguments?.[1];
  const id = idArg && ts.isStringLiteralLike(idArg) ? idArg.text : base.charAt(0).toUpperCase() + base.slice(1);
  const q = quoteOf(ctx.file, idArg && ts.isStringLiteral(idArg) ? idArg : undefined);
  const key = keyCode(ctx, ctx.file.nodeText(scope), `${base}${suffix}`, `${id}${suffix}`, q, after);
  const code = key.lines.join(`${eol(ctx.file)}${indentOf(ctx.file, statement)}`);
  return { name: key.name, edits: mergeInsertions([...key.imports, insertStatementBefore(ctx.file, statement, code)]) };
}

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
  else if (ts.isPropertyAssignment(parent)) name = propertyNameText(parent.name);
  if (!name) {
    const idArg = expr.arguments?.[1];
    const words = idArg && ts.isStringLiteralLike(idArg) ? idArg.text.split(/[^A-Za-z0-9]+/).filter(Boolean) : [];
    name = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  }
  return /^[A-Za-z_$][\w$]*$/.test(name ?? '') ? name! : 'resource';
}
