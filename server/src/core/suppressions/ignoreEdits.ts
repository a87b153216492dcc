import * as ts from 'typescript';
import { eol } from '../fixes/edits';
import type { FileContext } from '../model/fileContext';
import type { Range, TextEdit } from '../types';
import { Directive, FILE, NEXT_LINE } from './directives';
import { once } from '../model/once';

/**
 * The edits behind "Ignore for this line" and "Ignore for this file": a directive comment with
 * a `<reason>` placeholder (which counts as no reason until it is replaced), or the rule id
 * added to a directive already there.
 */

export const REASON_PLACEHOLDER = '<reason>';

export interface IgnoreEdit {
  edit: TextEdit;
  /** Where the `<reason>` placeholder is once the edit is applied, to select it. */
  placeholder?: Range;
}

/** Suppress `ruleId` on `line` (0-based); undefined where no comment can go (inside a template string). */
export function ignoreLineEdit(file: FileContext, directives: Directive[], ruleId: string, line: number): IgnoreEdit | undefined {
  const existing = directives.find((d) => d.kind === 'next-line' && d.ownLine && d.targetLine === line);
  if (existing) return addToDirective(file, existing, ruleId);
  const sf = file.sf;
  const lineStarts = file.lineStarts;
  if (line >= lineStarts.length) return undefined;
  const start = lineStarts[line];
  if (file.python ? insidePythonString(file.sourceText, start) : !commentFitsAt(sf, start)) return undefined;
  const indent = /^[ \t]*/.exec(file.sourceText.slice(start))![0];
  const prefix = `${indent}${commentMark(file)} ${NEXT_LINE} ${ruleId} -- `;
  return {
    edit: insertAtSource(file, start, `${prefix}${REASON_PLACEHOLDER}${eol(file)}`),
    placeholder: placeholderRange(line, prefix.length),
  };
}

/** Suppress `ruleId` in the whole file: at the top, after a shebang and a header comment block. */
export function ignoreFileEdit(file: FileContext, directives: Directive[], ruleId: string): IgnoreEdit {
  const existing = directives.find((d) => d.kind === 'file');
  if (existing) return addToDirective(file, existing, ruleId);
  const offset = fileDirectiveOffset(file);
  const line = file.sourcePosition(offset).line;
  const prefix = `${commentMark(file)} ${FILE} ${ruleId} -- `;
  return {
    edit: insertAtSource(file, offset, `${prefix}${REASON_PLACEHOLDER}${eol(file)}`),
    placeholder: placeholderRange(line, prefix.length),
  };
}

/** A line comment in the file's language: `#` in Python, `//` in TypeScript and JavaScript. */
function commentMark(file: FileContext): string {
  return file.python ? '#' : '//';
}

function insertAtSource(file: FileContext, offset: number, newText: string): TextEdit {
  return { file: file.path, range: file.sourceRange(offset, offset), newText };
}

/** Inside a triple-quoted Python string, where a `#` line would be text, not a comment. */
function insidePythonString(text: string, offset: number): boolean {
  const before = text.slice(0, offset);
  return ((before.match(/"""/g) ?? []).length + (before.match(/'''/g) ?? []).length) % 2 === 1;
}

function addToDirective(file: FileContext, d: Directive, ruleId: string): IgnoreEdit {
  const at = d.idsRange.end;
  return { edit: { file: file.path, range: { start: at, end: at }, newText: d.ids.length ? `, ${ruleId}` : ` ${ruleId}` } };
}

function placeholderRange(line: number, character: number): Range {
  return { start: { line, character }, end: { line, character: character + REASON_PLACEHOLDER.length } };
}

/** Made on first use (see `once`). */
const LITERALS = once(
  (): Set<ts.SyntaxKind> =>
    new Set([
      ts.SyntaxKind.StringLiteral,
      ts.SyntaxKind.NoSubstitutionTemplateLiteral,
      ts.SyntaxKind.TemplateHead,
      ts.SyntaxKind.TemplateMiddle,
      ts.SyntaxKind.TemplateTail,
      ts.SyntaxKind.RegularExpressionLiteral,
      ts.SyntaxKind.JsxText,
    ]),
);

/** Made on first use (see `once`). */
const JSX_CHILDREN = once(
  (): Set<ts.SyntaxKind> =>
    new Set([ts.SyntaxKind.JsxElement, ts.SyntaxKind.JsxFragment, ts.SyntaxKind.JsxSelfClosingElement, ts.SyntaxKind.JsxOpeningElement]),
);

/** False when a line comment at `offset` would land in a string, a template or JSX text. */
function commentFitsAt(sf: ts.SourceFile, offset: number): boolean {
  let node: ts.Node = sf;
  let inJsx = false;
  for (;;) {
    const child: ts.Node | undefined = node.getChildren(sf).find((c) => c.getStart(sf) < offset && offset < c.end);
    if (!child) return !inJsx;
    if (LITERALS().has(child.kind)) return false;
    if (JSX_CHILDREN().has(child.kind)) inJsx = true;
    else if (child.kind === ts.SyntaxKind.JsxExpression) inJsx = false;
    node = child;
  }
}

/** After a shebang and the file's header comments (those a blank line separates from the code). */
function fileDirectiveOffset(file: FileContext): number {
  const text = file.sourceText;
  let offset = 0;
  const shebang = /^#![^\n]*\n?/.exec(text);
  if (shebang) offset = shebang[0].length;
  if (file.python) {
    // After the shebang and an encoding line or header comment block a blank line ends.
    const header = /^(?:#[^\n]*\n)+[ \t]*\r?\n/.exec(text.slice(offset));
    return header ? offset + header[0].length : offset;
  }
  const comments = ts.getLeadingCommentRanges(text, offset) ?? [];
  let insertAt = offset;
  for (let i = 0; i < comments.length; i++) {
    const end = comments[i].end;
    const next = i + 1 < comments.length ? comments[i + 1].pos : nextToken(text, end);
    if (/\n[ \t]*\r?\n/.test(text.slice(end, next))) {
      const newline = text.indexOf('\n', end);
      insertAt = newline < 0 ? text.length : newline + 1;
    }
  }
  return insertAt;
}

function nextToken(text: string, from: number): number {
  const m = /\S/.exec(text.slice(from));
  return m ? from + m.index : text.length;
}
