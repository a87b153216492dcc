import * as ts from 'typescript';
import type { RuleContext } from '../rules/rule';
import { propertyNameText } from '../model/scope';
import { enclosingStatement, eol, indentOf, insertStatementBefore, mergeInsertions, quote, quoteOf } from '../fixes/edits';
import { freeName, importSymbol, SymbolText } from '../fixes/imports';
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

/**
 * Declare a key for the construct `expr`, before the statement that holds `expr` or `target`
 * (the props the fix edits), whichever comes first. `after` adds statements that follow the
 * declaration (a grant to the service that uses the key), given the key's name and a way to
 * name symbols. Undefined when there is no such statement in a block around the construct (a
 * class field initializer, props declared at the top of the file).
 */
export function declareKeyFor(ctx: RuleContext, expr: ts.NewExpression, target: ts.Node, after?: AfterKey): KeyDeclaration | undefined {
  const statement = [enclosingStatement(expr), enclosingStatement(target)].reduce((a, b) => (a && b && b.pos < a.pos ? b : a));
  const scope = expr.arguments?.[0];
  if (!statement || !scope || !ts.isBlock(statement.parent) || !(expr.pos >= statement.parent.pos && expr.end <= statement.parent.end)) return undefined;
  const imports: TextEdit[] = [];
  const symbol = (module: string, name: string): string => {
    const s: SymbolText = importSymbol(ctx.file, module, name);
    imports.push(...s.edits);
    return s.text;
  };
  const key = symbol('aws-cdk-lib/aws-kms', 'Key');
  const base = variableBase(expr);
  const name = freeName(ctx.file, `${base}Key`);
  const idArg = expr.arguments?.[1];
  const id = idArg && ts.isStringLiteralLike(idArg) ? idArg.text : base.charAt(0).toUpperCase() + base.slice(1);
  const q = quoteOf(ctx.file, idArg && ts.isStringLiteral(idArg) ? idArg : undefined);
  const lines = [
    `const ${name} = new ${key}(${ctx.file.nodeText(scope)}, ${quote(`${id}Key`, q)}, { enableKeyRotation: true });`,
    ...(after?.(name, symbol) ?? []),
  ];
  const code = lines.join(`${eol(ctx.file)}${indentOf(ctx.file, statement)}`);
  return { name, edits: mergeInsertions([...imports, insertStatementBefore(ctx.file, statement, code)]) };
}

/** A property value that is a new key declared for the construct (`masterKey: alertsKey`). */
export function newKey(after?: AfterKey): CodeFn {
  return (ctx, site, target) => {
    const key = declareKeyFor(ctx, site.expr, target, after);
    return key && { text: key.name, edits: key.edits };
  };
}

/** What the construct is called in the code: its variable, field or property, else its id. */
function variableBase(expr: ts.NewExpression): string {
  const parent = expr.parent;
  let name: string | undefined;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) name = parent.name.text;
  else if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(parent.left)) name = parent.left.name.text;
  else if (ts.isPropertyAssignment(parent)) name = propertyNameText(parent.name);
  if (!name) {
    const idArg = expr.arguments?.[1];
    const words = idArg && ts.isStringLiteralLike(idArg) ? idArg.text.split(/[^A-Za-z0-9]+/).filter(Boolean) : [];
    name = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  }
  return /^[A-Za-z_$][\w$]*$/.test(name ?? '') ? name! : 'resource';
}
