import * as ts from 'typescript';
import type { FileContext } from '../model/fileContext';
import type { Range, TextEdit } from '../types';

/**
 * In-source suppressions:
 *
 *     // slsguard-ignore-next-line iam-wildcard-action, iam-wildcard-resource -- legacy role, ticket OPS-12
 *     // slsguard-ignore-file hardcoded-secret -- test fixtures with fake keys
 *
 * Block comments work too (`/* slsguard-ignore-next-line … *\/`). The comment must start with
 * the directive. A next-line directive covers findings that start on the next line that is not
 * itself a directive comment, so directives stack. Everything here is plain data, computed once
 * per analysis and kept in the file's result.
 */

export type DirectiveKind = 'next-line' | 'file';

export interface DirectiveRuleId {
  id: string;
  range: Range;
}

export interface Directive {
  kind: DirectiveKind;
  file: string;
  /** The rule ids, in order. */
  ids: DirectiveRuleId[];
  /** From the first id to the last (an empty range after the keyword when there are none). */
  idsRange: Range;
  /** The text after `--`, trimmed; empty when there is none. */
  reason: string;
  /** Why the reason does not count, when it does not. */
  reasonProblem?: 'missing' | 'placeholder' | 'separator';
  /** The whole comment. */
  range: Range;
  /** From the directive keyword to the end of the comment's text. */
  directiveRange: Range;
  /** next-line: the 0-based line whose findings it covers. */
  targetLine?: number;
  /** Removes the comment (with its line when it is alone there). */
  removal: TextEdit;
  /** The comment is alone on its line(s). */
  ownLine: boolean;
}

export const NEXT_LINE = 'slsguard-ignore-next-line';
export const FILE = 'slsguard-ignore-file';

const DIRECTIVE = /^(\/\/|\/\*|#)[\s*]*(slsguard-ignore-(?:next-line|file))(?![\w-])/;
const RULE_ID = /[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*/y;

/** The directives of a parsed file (none, quickly, in files that never mention them). */
export function parseDirectives(file: FileContext): Directive[] {
  const text = file.sourceText;
  if (!text.includes('slsguard-ignore')) return [];
  const directives: Directive[] = [];
  // Python: `#` comments of the source, as TypeScript's `//` ones.
  for (const comment of file.python ? file.python.comments() : commentRanges(file.sf)) {
    const d = parseComment(file, comment);
    if (d) directives.push(d);
  }
  // Stacked directives: a next-line directive alone on its line passes over the directive lines below it.
  const directiveLines = new Set<number>();
  for (const d of directives) {
    if (!d.ownLine) continue;
    for (let l = d.range.start.line; l <= d.range.end.line; l++) directiveLines.add(l);
  }
  for (const d of directives) {
    if (d.kind !== 'next-line') continue;
    let target = d.range.end.line + 1;
    while (directiveLines.has(target)) target++;
    d.targetLine = target;
  }
  return directives;
}

/** Every comment of the file, in order: leading and trailing trivia of every token. */
export function commentRanges(sf: ts.SourceFile): ts.CommentRange[] {
  const text = sf.text;
  const found = new Map<number, ts.CommentRange>();
  const seen = new Set<number>();
  const stack: ts.Node[] = [sf];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) continue;
    if (!seen.has(node.pos)) {
      seen.add(node.pos);
      for (const r of [...(ts.getLeadingCommentRanges(text, node.pos) ?? []), ...(ts.getTrailingCommentRanges(text, node.pos) ?? [])])
        found.set(r.pos, r);
    }
    for (const child of node.getChildren(sf)) stack.push(child);
  }
  return [...found.values()].sort((a, b) => a.pos - b.pos);
}

function parseComment(file: FileContext, comment: { pos: number; end: number }): Directive | undefined {
  const text = file.sourceText;
  const raw = text.slice(comment.pos, comment.end);
  const m = DIRECTIVE.exec(raw);
  if (!m) return undefined;
  const isBlock = m[1] === '/*';
  const keywordStart = comment.pos + m[0].length - m[2].length;
  const bodyEnd = isBlock ? comment.end - 2 : comment.end;
  // Rule ids: `id` or `id, id, …`, up to `--` or the end.
  const ids: DirectiveRuleId[] = [];
  let i = comment.pos + m[0].length;
  const skipSpace = () => {
    while (i < bodyEnd && /[\s*]/.test(text[i]) && !(text[i] === '*' && !isBlock)) i++;
  };
  for (;;) {
    skipSpace();
    if (text.startsWith('--', i)) break;
    RULE_ID.lastIndex = i;
    const idMatch = i < bodyEnd ? RULE_ID.exec(text) : null;
    if (!idMatch || i + idMatch[0].length > bodyEnd) break;
    ids.push({ id: idMatch[0], range: file.sourceRange(i, i + idMatch[0].length) });
    i += idMatch[0].length;
    skipSpace();
    if (text[i] !== ',') break;
    i++;
  }
  let reason = '';
  let reasonProblem: Directive['reasonProblem'];
  const separator = text.indexOf('--', i);
  if (separator >= 0 && separator < bodyEnd && text.slice(i, separator).trim() === '') {
    reason = cleanReason(text.slice(separator + 2, bodyEnd));
    if (reason === '') reasonProblem = 'missing';
    else if (/^<[^>]*>$/.test(reason) || /^reason$/i.test(reason)) reasonProblem = 'placeholder';
  } else {
    // Words after the ids without `--`: the reason is there but not marked as one.
    reasonProblem = text.slice(i, bodyEnd).trim() === '' ? 'missing' : 'separator';
  }
  const firstId = ids[0];
  const lastId = ids[ids.length - 1];
  const afterKeyword = file.sourceRange(keywordStart + m[2].length, keywordStart + m[2].length);
  let textEnd = bodyEnd;
  while (textEnd > keywordStart && /\s/.test(text[textEnd - 1])) textEnd--;
  const ownLine = isAloneOnLine(text, comment.pos, comment.end);
  return {
    kind: m[2] === NEXT_LINE ? 'next-line' : 'file',
    file: file.path,
    ids,
    idsRange: firstId ? { start: firstId.range.start, end: lastId.range.end } : afterKeyword,
    reason,
    ...(reasonProblem ? { reasonProblem } : {}),
    range: file.sourceRange(comment.pos, comment.end),
    directiveRange: file.sourceRange(keywordStart, textEnd),
    removal: removalEdit(file, comment.pos, comment.end, ownLine),
    ownLine,
  };
}

function cleanReason(raw: string): string {
  return raw
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*\*+\s?/, '').trim())
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function isAloneOnLine(text: string, start: number, end: number): boolean {
  let s = start;
  while (s > 0 && (text[s - 1] === ' ' || text[s - 1] === '\t')) s--;
  let e = end;
  while (e < text.length && (text[e] === ' ' || text[e] === '\t')) e++;
  return (s === 0 || text[s - 1] === '\n') && (e === text.length || text[e] === '\n' || text[e] === '\r');
}

function removalEdit(file: FileContext, start: number, end: number, ownLine: boolean): TextEdit {
  const text = file.sourceText;
  let s = start;
  let e = end;
  while (s > 0 && (text[s - 1] === ' ' || text[s - 1] === '\t')) s--;
  if (ownLine) {
    while (e < text.length && (text[e] === ' ' || text[e] === '\t')) e++;
    if (text[e] === '\r') e++;
    if (text[e] === '\n') e++;
  }
  return { file: file.path, range: file.sourceRange(s, e), newText: '' };
}
