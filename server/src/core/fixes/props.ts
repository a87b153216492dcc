import * as ts from 'typescript';
import type { RuleContext } from '../rule';
import type { PropEntry } from '../model/values';
import { findDeclaration, isConstDeclaration, skipOuter } from '../model/scope';
import { insertAt, removeListElement, replaceNode } from './edits';
import { eol, fits, indentAt, layoutExpression, layoutProperties, propertyLines, spotAt, width } from './layout';
import type { TextEdit } from '../types';

/**
 * Edits to a construct's props object: the building blocks of most CDK quick fixes
 * (`enforceSSL: true`, `encryption: s3.BucketEncryption.S3_MANAGED`, …). Each returns
 * undefined when the props cannot be edited safely (built by a call, in another file, …).
 */

/** The object literal a props argument is written as, in this file: inline or a local `const`. */
export function propsLiteral(ctx: RuleContext, arg: ts.Expression | undefined): ts.ObjectLiteralExpression | undefined {
  if (!arg) return undefined;
  const e = skipOuter(arg);
  if (ts.isObjectLiteralExpression(e)) return e;
  if (ts.isIdentifier(e)) {
    const decl = findDeclaration(e);
    if (decl && ts.isVariableDeclaration(decl) && isConstDeclaration(decl) && decl.initializer && decl.getSourceFile() === ctx.sf) {
      const init = skipOuter(decl.initializer);
      if (ts.isObjectLiteralExpression(init)) return init;
    }
  }
  return undefined;
}

/**
 * Insert properties (`key: value`, or several) into an object literal, matching its layout: on
 * its line when they fit there on one line, else one per line (a one-line object is then
 * written one property per line, `layout.ts`).
 */
export function insertProperty(ctx: RuleContext, literal: ts.ObjectLiteralExpression, entries: string | string[]): TextEdit {
  const file = ctx.file;
  const text = file.text;
  const code = typeof entries === 'string' ? entries : entries.join(', ');
  const props = literal.properties;
  const open = literal.getStart(file.sf);
  if (props.length === 0) {
    const written = `{ ${code} }`;
    return (
      expandLiteral(ctx, literal, written, 1) ??
      replaceNode(file, literal, layoutExpression(file, written, spotAt(file, open, literal.getEnd())))
    );
  }
  const multiline = text.slice(open, literal.getEnd()).includes('\n');
  const last = props[props.length - 1];
  const afterLast = last.getEnd();
  if (!multiline) {
    const spot = spotAt(file, afterLast);
    const inline = layoutProperties(file, code, { ...spot, column: spot.column + 2 });
    const oneLine = !inline.includes('\n') && fits(file, spot.column + 2 + width(inline) + spot.rest);
    const added = `${text.slice(open, afterLast)}, ${code}${text.slice(afterLast, literal.getEnd())}`;
    return (!oneLine && expandLiteral(ctx, literal, added, afterLast - open)) || insertAt(file, afterLast, `, ${inline}`);
  }
  const indent = indentAt(text, last.getStart(file.sf));
  const laid = (propertyLines(file, code, indent) ?? [code]).join(`,${eol(file)}${indent}`);
  if (props.hasTrailingComma) {
    const comma = text.indexOf(',', afterLast);
    return insertAt(file, comma + 1, `${eol(file)}${indent}${laid},`);
  }
  return insertAt(file, afterLast, `,${eol(file)}${indent}${laid}`);
}

/**
 * The one-line object literal `literal` written as `written` (what the fix adds from `addedAt` on), laid out
 * by the rule of `layout.ts` from the outermost object literal that holds it on that line: adding
 * to `{ apiId, defaultRouteSettings: { … } }`'s inner object lays out both. Undefined when the
 * layout leaves the text as it is (a comment inside, code that does not parse).
 */
function expandLiteral(ctx: RuleContext, literal: ts.ObjectLiteralExpression, written: string, addedAt: number): TextEdit | undefined {
  const file = ctx.file;
  if (file.python) return undefined;
  let outer = literal;
  while (
    ts.isPropertyAssignment(outer.parent) &&
    ts.isObjectLiteralExpression(outer.parent.parent) &&
    !file.nodeText(outer.parent.parent).includes('\n')
  )
    outer = outer.parent.parent;
  const text = file.text;
  const start = outer.getStart(file.sf);
  const from = literal.getStart(file.sf) - start;
  const whole = `${text.slice(start, from + start)}${written}${text.slice(literal.getEnd(), outer.getEnd())}`;
  // The objects that hold the new text are laid out, and what it adds; the others stay as written.
  const holders = new Set<number>();
  for (let o: ts.Node = literal; o !== outer.parent; o = o.parent)
    if (ts.isObjectLiteralExpression(o)) holders.add(o.getStart(file.sf) - start);
  const relay = (s: number, e: number) => holders.has(s) || (s >= from + addedAt && e <= from + written.length);
  const laid = layoutExpression(file, whole, spotAt(file, start, outer.getEnd()), relay);
  return laid === whole ? undefined : replaceNode(file, outer, laid);
}

/**
 * Add properties to the props of `new X(scope, id, props)` (argument `index`). Adds the whole
 * props argument when there is none.
 */
export function addConstructProperty(ctx: RuleContext, expr: ts.NewExpression, code: string, index = 2): TextEdit | undefined {
  const args = expr.arguments;
  if (!args) return undefined;
  if (args.length === index) {
    const last = args[args.length - 1];
    return last ? addArgument(ctx, last.getEnd(), `, `, `{ ${code} }`) : undefined;
  }
  const literal = propsLiteral(ctx, args[index]);
  return literal ? insertProperty(ctx, literal, code) : undefined;
}

/** Insert `before` + the argument `code` at `offset` (the end of the last argument, or inside `()`), laid out there. */
export function addArgument(ctx: RuleContext, offset: number, before: string, code: string): TextEdit {
  const spot = spotAt(ctx.file, offset);
  return insertAt(ctx.file, offset, `${before}${layoutExpression(ctx.file, code, { ...spot, column: spot.column + width(before) })}`);
}

/** Replace the value of a property that is written in this file (`key: old` → `key: new`). */
export function setPropertyValue(ctx: RuleContext, entry: PropEntry, code: string): TextEdit | undefined {
  if (entry.file !== ctx.file) return undefined;
  const node = entry.node;
  if (ts.isPropertyAssignment(node)) {
    const value = node.initializer;
    return replaceNode(ctx.file, value, layoutExpression(ctx.file, code, spotAt(ctx.file, value.getStart(ctx.sf), value.getEnd())));
  }
  if (ts.isShorthandPropertyAssignment(node)) return replaceNode(ctx.file, node, `${node.name.text}: ${code}`);
  return undefined;
}

/** Remove a property written in this file. */
export function removeProperty(ctx: RuleContext, entry: PropEntry): TextEdit | undefined {
  if (entry.file !== ctx.file) return undefined;
  const node = entry.node;
  const parent = node.parent;
  if (!ts.isObjectLiteralExpression(parent)) return undefined;
  return removeListElement(ctx.file, parent.properties, node);
}
