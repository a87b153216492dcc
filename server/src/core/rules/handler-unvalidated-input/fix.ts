import * as ts from 'typescript';
import type { HandlerAnalysis } from '../../handlers/analysis';
import { isGlobalMember } from '../../handlers/symbols';
import type { Taint } from '../../handlers/taint';
import { eol, indentOf, indentUnit, insertStatementBefore, quote, quoteOf, replaceNode } from '../../fixes/edits';
import { importPackage } from '../../fixes/imports';
import { freeName } from '../../fixes/names';
import { findDeclaration, skipOuter } from '../../model/scope';
import type { RuleContext } from '../../rule';
import type { Fix } from '../../types';

/**
 * `const body = JSON.parse(event.body)` in an async HTTP handler becomes
 *
 *     const parsed = Schema.safeParse(JSON.parse(event.body ?? '{}'));
 *     if (!parsed.success) {
 *       return { statusCode: 400, body: JSON.stringify({ message: 'Invalid request body' }) };
 *     }
 *     const body = parsed.data;
 *
 * with `const Schema = z.object({ … })` after the imports (one `z.any()` per field the code
 * reads, for the developer to type: `any` is what `JSON.parse` gave those reads, so every use of
 * them still compiles) and `import { z } from 'zod'` when missing. Not preferred:
 * it changes what the handler accepts.
 */
export function zodFix(ctx: RuleContext, analysis: HandlerAnalysis, parse: ts.Node, taint: Taint, keys: string[]): Fix | undefined {
  if (!ts.isCallExpression(parse) || !isGlobalMember(parse.expression, 'JSON', 'parse') || !parse.arguments[0]) return undefined;
  const root = taint.root !== undefined ? analysis.roots[taint.root] : undefined;
  if (!root || taint.path[0] !== 'body') return undefined;
  if (!ts.getModifiers(root.fn)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) return undefined;
  const decl = parse.parent;
  if (!ts.isVariableDeclaration(decl) || decl.initializer !== parse) return undefined;
  const list = decl.parent;
  const statement = list.parent;
  if (
    !ts.isVariableDeclarationList(list) ||
    list.declarations.length !== 1 ||
    !ts.isVariableStatement(statement) ||
    statement.parent !== root.fn.body
  )
    return undefined;

  const file = ctx.file;
  const nl = eol(file);
  const unit = indentUnit(file);
  const indent = indentOf(file, statement);
  const q = quoteOf(file, undefined);
  const arg = skipOuter(parse.arguments[0]);
  const argText = isEventBody(arg, root.fn) ? `${arg.getText(file.sf)} ?? ${quote('{}', q)}` : parse.arguments[0].getText(file.sf);
  const schema = freeName(file, 'Schema');
  const parsed = freeName(file, 'parsed');

  const { edits } = importPackage(file, { module: 'zod', kind: 'named', name: 'z' }, (zName) => {
    const fields = keys.length ? `${nl}${keys.map((k) => `${unit}${propertyKey(k, q)}: ${zName}.any(),`).join(nl)}${nl}` : '';
    return `// TODO: give each field of the request body its type (${zName}.string(), ${zName}.number(), …).${nl}const ${schema} = ${zName}.object({${fields}});`;
  });
  const guard = [
    `const ${parsed} = ${schema}.safeParse(JSON.parse(${argText}));`,
    `${indent}if (!${parsed}.success) {`,
    `${indent}${unit}return { statusCode: 400, body: JSON.stringify({ message: ${quote('Invalid request body', q)} }) };`,
    `${indent}}`,
  ].join(nl);
  return {
    title: 'Validate the request body with a zod schema',
    isPreferred: false,
    edits: [...edits, insertStatementBefore(file, statement, guard), replaceNode(file, parse, `${parsed}.data`)],
    note: 'Give each field of the schema its real type: until then it accepts any value.',
  };
}

/** `event.body`, read from the handler's own event parameter. */
function isEventBody(arg: ts.Expression, fn: ts.FunctionLikeDeclaration): boolean {
  if (!ts.isPropertyAccessExpression(arg) || arg.name.text !== 'body') return false;
  const base = skipOuter(arg.expression);
  return ts.isIdentifier(base) && findDeclaration(base) === fn.parameters[0];
}

function propertyKey(key: string, q: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : quote(key, q);
}
