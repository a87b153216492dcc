import * as ts from 'typescript';
import type { RuleContext } from '../rule';
import type { PropEntry } from '../model/values';
import { findDeclaration, isConstDeclaration, skipOuter } from '../model/scope';
import { eol, indentAt, insertAt, removeListElement, replaceNode } from './edits';
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

/** Insert `key: value` into an object literal, matching its layout (one line or one per line). */
export function insertProperty(ctx: RuleContext, literal: ts.ObjectLiteralExpression, code: string): TextEdit {
  const file = ctx.file;
  const text = file.text;
  const props = literal.properties;
  const open = literal.getStart(file.sf);
  const close = literal.getEnd() - 1;
  if (props.length === 0) {
    return replaceNode(file, literal, `{ ${code} }`);
  }
  const multiline = text.slice(open, close).includes('\n');
  const last = props[props.length - 1];
  const afterLast = last.getEnd();
  const hasTrailingComma = props.hasTrailingComma;
  if (!multiline) {
    return insertAt(file, afterLast, `, ${code}`);
  }
  const indent = indentAt(text, last.getStart(file.sf));
  if (hasTrailingComma) {
    const comma = text.indexOf(',', afterLast);
    return insertAt(file, comma + 1, `${eol(file)}${indent}${code},`);
  }
  return insertAt(file, afterLast, `,${eol(file)}${indent}${code}`);
}

/**
 * Add a property to the props of `new X(scope, id, props)` (argument `index`). Adds the whole
 * props argument when there is none.
 */
export function addConstructProperty(ctx: RuleContext, expr: ts.NewExpression, code: string, index = 2): TextEdit | undefined {
  const args = expr.arguments;
  if (!args) return undefined;
  if (args.length === index) {
    const last = args[args.length - 1];
    return last ? insertAt(ctx.file, last.getEnd(), `, { ${code} }`) : undefined;
  }
  const literal = propsLiteral(ctx, args[index]);
  return literal ? insertProperty(ctx, literal, code) : undefined;
}

/** Replace the value of a property that is written in this file (`key: old` → `key: new`). */
export function setPropertyValue(ctx: RuleContext, entry: PropEntry, code: string): TextEdit | undefined {
  if (entry.file !== ctx.file) return undefined;
  const node = entry.node;
  if (ts.isPropertyAssignment(node)) return replaceNode(ctx.file, node.initializer, code);
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
