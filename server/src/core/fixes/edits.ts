import * as ts from 'typescript';
import type { FileContext } from '../model/fileContext';
import { lineStartsOf, offsetAt } from '../model/lines';
import { editsByFile } from './merge';
import { eol, indentAt, layoutStatements } from './layout';
import { comparePositions, Fix, TextEdit } from '../types';

/** Small, exact text edits on a parsed file. Ranges come from the tree, never from searching text. */

export { eol, indentAt, indentUnit, indentUnitOf } from './layout';

export function replaceNode(file: FileContext, node: ts.Node, newText: string): TextEdit {
  return replaceSpan(file, node.getStart(file.sf), node.getEnd(), newText);
}

export function replaceSpan(file: FileContext, start: number, end: number, newText: string): TextEdit {
  const edit: TextEdit = { file: file.path, range: file.rangeOfOffsets(start, end), newText };
  // A Python file's fix is written in TypeScript against its lowering, then in Python (fixes/python.ts).
  if (file.python) edit.lowered = { start, end };
  return edit;
}

export function insertAt(file: FileContext, offset: number, newText: string): TextEdit {
  return replaceSpan(file, offset, offset, newText);
}

/** The whitespace that starts the line `node` starts on. */
export function indentOf(file: FileContext, node: ts.Node): string {
  return indentAt(file.text, node.getStart(file.sf));
}

/** Insert a new statement on its own line after `statement`, at the same indentation (its objects laid out, `layout.ts`). */
export function insertStatementAfter(file: FileContext, statement: ts.Statement, code: string): TextEdit {
  const indent = indentOf(file, statement);
  return insertAt(file, statement.getEnd(), `${eol(file)}${indent}${layoutStatements(file, code, indent)}`);
}

/** Insert a new statement on its own line before `statement`, at the same indentation (its objects laid out, `layout.ts`). */
export function insertStatementBefore(file: FileContext, statement: ts.Statement, code: string): TextEdit {
  const indent = indentOf(file, statement);
  return insertAt(file, statement.getStart(file.sf), `${layoutStatements(file, code, indent)}${eol(file)}${indent}`);
}

/** Remove a whole statement, with its line when nothing else is on it. */
export function removeStatement(file: FileContext, statement: ts.Statement): TextEdit {
  const text = file.text;
  let start = statement.getStart(file.sf);
  let end = statement.getEnd();
  let lineStart = start;
  while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) lineStart--;
  let lineEnd = end;
  while (lineEnd < text.length && (text[lineEnd] === ' ' || text[lineEnd] === '\t')) lineEnd++;
  if ((lineStart === 0 || text[lineStart - 1] === '\n') && (lineEnd === text.length || text[lineEnd] === '\n' || text[lineEnd] === '\r')) {
    start = lineStart;
    end = lineEnd;
    if (text[end] === '\r') end++;
    if (text[end] === '\n') end++;
  }
  return replaceSpan(file, start, end, '');
}

/** Remove one element of a comma-separated list (array elements, arguments, object properties). */
export function removeListElement(file: FileContext, list: ts.NodeArray<ts.Node>, element: ts.Node): TextEdit {
  const i = list.indexOf(element);
  if (i < 0) throw new Error('element not in list');
  const text = file.text;
  if (list.length === 1) {
    return replaceSpan(file, element.getStart(file.sf), element.getEnd() + trailingCommaLength(text, element.getEnd()), '');
  }
  if (i < list.length - 1) {
    // Up to the start of the next element: takes the comma and the line break with it.
    return replaceSpan(file, element.getStart(file.sf), list[i + 1].getStart(file.sf), '');
  }
  // Last element: from the end of the previous one, or, when the list keeps a trailing comma,
  // from just after the previous element's comma (so the comma style survives).
  const trailing = trailingCommaLength(text, element.getEnd());
  const prevEnd = list[i - 1].getEnd();
  const start = trailing > 0 ? prevEnd + trailingCommaLength(text, prevEnd) : prevEnd;
  return replaceSpan(file, start, element.getEnd() + trailing, '');
}

function trailingCommaLength(text: string, offset: number): number {
  let j = offset;
  while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
  return text[j] === ',' ? j + 1 - offset : 0;
}

/** The quote character a string literal was written with. */
export function quoteOf(file: FileContext, literal: ts.Node | undefined): string {
  if (literal) {
    const first = file.text[literal.getStart(file.sf)];
    if (first === '"' || first === "'") return first;
  }
  // The quote of the file's imports (what a formatter keeps consistent), else its majority style.
  return file.fact('quote', () => {
    const spec = file.sf.statements.find(ts.isImportDeclaration)?.moduleSpecifier;
    if (spec) return file.text[spec.getStart(file.sf)] === '"' ? '"' : "'";
    const singles = (file.text.match(/'/g) ?? []).length;
    const doubles = (file.text.match(/"/g) ?? []).length;
    return doubles > singles ? '"' : "'";
  });
}

export function quote(text: string, q: string): string {
  return `${q}${text.replace(/\\/g, '\\\\').split(q).join(`\\${q}`)}${q}`;
}

/**
 * The statement that contains `node` directly in a block or file. With `sameFunction`,
 * `undefined` when a function or class lies between them (a callback, a field initializer): a
 * declaration inserted before that statement would not be where `node` runs.
 */
export function enclosingStatement(node: ts.Node, sameFunction = false): ts.Statement | undefined {
  let current: ts.Node | undefined = node;
  while (current && current.parent) {
    const parent: ts.Node = current.parent;
    if (
      ts.isBlock(parent) ||
      ts.isSourceFile(parent) ||
      ts.isModuleBlock(parent) ||
      ts.isCaseClause(parent) ||
      ts.isDefaultClause(parent)
    ) {
      return current as ts.Statement;
    }
    if (sameFunction && (ts.isFunctionLike(parent) || ts.isClassLike(parent))) return undefined;
    current = parent;
  }
  return undefined;
}

/**
 * Join insertions at the same point into one edit, in the order given, so that a fix never holds
 * two insertions with no defined order: two symbols a fix imports (`kms.Key`,
 * `iam.ServicePrincipal`) both go after the file's last import, and so may a new declaration.
 * An insertion already there word for word is the same thing asked for twice (two symbols of
 * one module, each adding `import * as apigateway …`): it is kept once.
 */
export function mergeInsertions(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  /** The insertions each joined edit is made of. */
  const pieces = new Map<TextEdit, string[]>();
  for (const e of edits) {
    const isInsertion = comparePositions(e.range.start, e.range.end) === 0;
    const same = isInsertion
      ? out.find(
          (o) =>
            o.file === e.file && comparePositions(o.range.start, o.range.end) === 0 && comparePositions(o.range.start, e.range.start) === 0,
        )
      : undefined;
    if (!same) {
      const copy = { ...e };
      pieces.set(copy, [e.newText]);
      out.push(copy);
    } else if (!pieces.get(same)!.includes(e.newText)) {
      pieces.get(same)!.push(e.newText);
      same.newText += e.newText;
    }
  }
  return out;
}

/** True when no two edits of the fix touch overlapping text in the same file. */
export function editsDoNotOverlap(fix: Fix): boolean {
  for (const list of editsByFile(fix.edits).values()) {
    const sorted = [...list].sort((a, b) => comparePositions(a.range.start, b.range.start) || comparePositions(a.range.end, b.range.end));
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1];
      const cur = sorted[i];
      if (comparePositions(cur.range.start, prev.range.end) < 0) return false;
      // Two insertions at the same point have no defined order.
      if (
        comparePositions(cur.range.start, prev.range.start) === 0 &&
        comparePositions(cur.range.start, cur.range.end) === 0 &&
        comparePositions(prev.range.start, prev.range.end) === 0
      )
        return false;
    }
  }
  return true;
}

/** Apply edits to a text (all edits must be for this text's file). Offsets computed from line starts. */
export function applyEdits(text: string, edits: Array<Pick<TextEdit, 'range' | 'newText'>>): string {
  const lineStarts = lineStartsOf(text);
  const offset = (p: { line: number; character: number }) => offsetAt(lineStarts, text.length, p);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start) || offset(b.range.end) - offset(a.range.end));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
