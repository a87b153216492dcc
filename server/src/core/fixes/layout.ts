import * as ts from 'typescript';
import type { FileContext } from '../model/fileContext';

/**
 * How fix code is laid out in the file it goes into: the file's end of line and indentation
 * step, and the one rule for the object literals a fix writes, so that a fix reads as the
 * project's own code (as Prettier, run with the file's indentation, would write it):
 *
 * - an object with one property stays on one line, `{ encryptionKey: key }`, when that property
 *   has no line break and the line it ends up on fits the file's width (80 columns, or the
 *   file's own longest line when that is longer, up to 120);
 * - otherwise one property per line, one indentation step deeper than the line the object opens
 *   on, and the closing brace on its own line at that line's indentation; the last property
 *   takes a trailing comma when the file's multi-line literals do (Prettier's default when it
 *   has none).
 *
 * Fix builders write objects on one line (`{ a: 1, b: 2 }`); the edit helpers (`fixes/edits.ts`,
 * `fixes/props.ts`) pass the code through here at the place it goes. A Python file's fixes are
 * written against its lowering and laid out again in Python (`fixes/python.ts`): nothing is
 * done to them here.
 */

/** The file's end-of-line sequence. */
export function eol(file: FileContext): string {
  return file.fact('eol', () => (file.sourceText.includes('\r\n') ? '\r\n' : '\n'));
}

/** The whitespace that starts the line `offset` is on. */
export function indentAt(text: string, offset: number): string {
  let lineStart = offset;
  while (lineStart > 0 && text[lineStart - 1] !== '\n') lineStart--;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/**
 * The file's indentation step: a tab, or the smallest run of leading spaces of a code line (not
 * the ` * ` of a block comment), two spaces when nothing is indented.
 */
export function indentUnit(file: FileContext): string {
  return file.fact('indentUnit', () => indentUnitOf(file.text));
}

/** `indentUnit` of any text (a JSON file too). */
export function indentUnitOf(text: string): string {
  let smallest = Infinity;
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('\t')) return '\t';
    const m = /^( +)[^\s*]/.exec(line);
    if (m && m[1].length < smallest) smallest = m[1].length;
  }
  return ' '.repeat(Number.isFinite(smallest) ? smallest : 2);
}

/** Where fix code starts: the indentation of its line, its column, and how much of the line follows it. */
export interface Spot {
  indent: string;
  column: number;
  /** Characters that stay after the code on its last line (`);` after a new props argument). */
  rest: number;
}

/** The spot of code that replaces `start`..`end` of the file's text. */
export function spotAt(file: FileContext, start: number, end = start): Spot {
  const text = file.text;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd === -1) lineEnd = text.length;
  return { indent: indentAt(text, start), column: width(text.slice(lineStart, start)), rest: width(text.slice(end, lineEnd).trimEnd()) };
}

/** Statements (a declaration, a guard) inserted at the start of a line indented `indent`. */
export function layoutStatements(file: FileContext, code: string, indent: string): string {
  return layout(file, code, '', '', { indent, column: width(indent), rest: 0 });
}

/**
 * An expression (a value, a new props argument) written at `spot`. With `relay`, only the object
 * literals it accepts (by their offsets in `code`) are laid out: the others stay as written.
 */
export function layoutExpression(file: FileContext, code: string, spot: Spot, relay?: (start: number, end: number) => boolean): string {
  return layout(file, code, '(', ')', spot, relay);
}

/** Properties (`a: 1, b: { c: 2 }`) written into an object literal at `spot`. */
export function layoutProperties(file: FileContext, code: string, spot: Spot): string {
  return layout(file, code, '({', '})', spot);
}

/**
 * The properties of `code`, each laid out on a line of its own indented `indent`: what goes
 * into an object written one property per line. Undefined when `code` is not properties.
 */
export function propertyLines(file: FileContext, code: string, indent: string): string[] | undefined {
  const lines = remembered(file, `lines\0${file.python ? 'py' : 'ts'}\0${indent}`, code, (style) =>
    propertyLinesIn(file, code, indent, style),
  );
  return lines && [...lines];
}

function propertyLinesIn(file: FileContext, code: string, indent: string, style: Style): string[] | undefined {
  const parsed = parse(code, '({', '})');
  if (!parsed) return undefined;
  const statement = parsed.sf.statements[0];
  const wrapper =
    statement && ts.isExpressionStatement(statement) && ts.isParenthesizedExpression(statement.expression)
      ? statement.expression.expression
      : undefined;
  if (!wrapper || !ts.isObjectLiteralExpression(wrapper)) return undefined;
  const printer = new Printer(parsed.sf.text, style, parsed.sf);
  const at = { indent, column: width(indent), rest: 1 };
  return wrapper.properties.map((p) => (file.python ? p.getText(parsed.sf) : printer.region(p.getStart(parsed.sf), p.getEnd(), at)));
}

/** Does a line of this many columns fit the file's width? */
export function fits(file: FileContext, columns: number): boolean {
  return columns <= styleOf(file).width;
}

/** Columns a piece of one line takes (a tab counts as four). */
export function width(text: string): number {
  let n = 0;
  for (const c of text) n += c === '\t' ? 4 : 1;
  return n;
}

// ---- the layout ------------------------------------------------------------------------------

interface Style {
  unit: string;
  eol: string;
  width: number;
  /** Read only when an object is written one property per line: most fixes' objects fit inline. */
  trailingComma: () => boolean;
}

function styleOf(file: FileContext): Style {
  return file.fact('layoutStyle', () => {
    let longest = 0;
    for (const line of file.text.split(/\r?\n/)) longest = Math.max(longest, width(line));
    return {
      unit: indentUnit(file),
      eol: eol(file),
      width: Math.max(80, Math.min(longest, 120)),
      trailingComma: () => file.fact('trailingCommas', () => trailingCommas(file.sf)),
    };
  });
}

/** Whether the file's multi-line object and array literals end with a comma (yes when it has none). */
function trailingCommas(sf: ts.SourceFile): boolean {
  let withComma = 0;
  let without = 0;
  walk(sf, (node) => {
    const list = ts.isObjectLiteralExpression(node) ? node.properties : ts.isArrayLiteralExpression(node) ? node.elements : undefined;
    if (list?.length && sf.text.slice(list[list.length - 1].end, node.end).includes('\n')) {
      if (list.hasTrailingComma) withComma++;
      else without++;
    }
  });
  return withComma >= without;
}

/**
 * `root` and every node below it in source order, with an explicit stack: generated code nests
 * deeper than the call stack allows. `visit` returning false skips the node's children.
 */
function walk(root: ts.Node, visit: (node: ts.Node) => boolean | void): void {
  const stack: ts.Node[] = [root];
  const push = (child: ts.Node): void => {
    stack.push(child);
  };
  while (stack.length) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    const first = stack.length;
    ts.forEachChild(node, push);
    // Pushed in source order: reversed, the first child comes off the stack first.
    for (let i = first, j = stack.length - 1; i < j; i++, j--) [stack[i], stack[j]] = [stack[j], stack[i]];
  }
}

function parse(code: string, before: string, after: string): { sf: ts.SourceFile; from: number; to: number } | undefined {
  const sf = ts.createSourceFile('fix.ts', `${before}${code}${after}`, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  if ((sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length) return undefined;
  return { sf, from: before.length, to: before.length + code.length };
}

function layout(
  file: FileContext,
  code: string,
  before: string,
  after: string,
  spot: Spot,
  relay?: (start: number, end: number) => boolean,
): string {
  if (file.python || !code.includes('{')) return code;
  const print = (style: Style): string => {
    const parsed = parse(code, before, after);
    if (!parsed) return code;
    const shift = before.length;
    const accept = relay && ((start: number, end: number) => relay(start - shift, end - shift));
    return new Printer(parsed.sf.text, style, parsed.sf, accept).region(parsed.from, parsed.to, spot);
  };
  // `relay` is a function of the caller's: what it accepts is not part of a key.
  return relay ? print(styleOf(file)) : remembered(file, `${before}\0${spot.indent}\0${spot.column}\0${spot.rest}`, code, print);
}

// ---- laid out once ---------------------------------------------------------------------------

/**
 * Layouts already made, by everything they depend on: the code, where it goes, and the file's
 * style. The editor analyses a file again on every keystroke, and each analysis writes the same
 * fixes' code at the same places (a log group for each function of a stack: parsing and printing
 * it was a tenth of an edit's analysis); a scan writes the same snippets in many files. Bounded,
 * least recently used out first, and long code is not kept: at most about 3 MB, whatever the
 * workspace holds (fix code is a few hundred characters).
 */
const laidOut = new Map<string, { value: unknown; comma?: boolean }>();
const LAID_OUT_ENTRIES = 1000;
const LAID_OUT_MAX_CODE = 1000;

/**
 * `compute(style)` for `code` at `where`, or what it gave before for the same code, place and
 * style. Whether the file's literals end with a comma is read only by layouts that write an
 * object one property per line, so it is part of a key only for those.
 */
function remembered<T>(file: FileContext, where: string, code: string, compute: (style: Style) => T): T {
  const style = styleOf(file);
  if (code.length > LAID_OUT_MAX_CODE) return compute(style);
  const key = `${where}\0${style.unit}\0${style.eol}\0${style.width}\0${code}`;
  const hit = laidOut.get(key);
  if (hit && (hit.comma === undefined || hit.comma === style.trailingComma())) {
    laidOut.delete(key);
    laidOut.set(key, hit);
    return hit.value as T;
  }
  let comma: boolean | undefined;
  const value = compute({
    ...style,
    trailingComma: () => (comma = style.trailingComma()),
  });
  laidOut.delete(key);
  laidOut.set(key, { value, comma });
  if (laidOut.size > LAID_OUT_ENTRIES) laidOut.delete(laidOut.keys().next().value!);
  return value;
}

class Printer {
  constructor(
    private readonly text: string,
    private readonly style: Style,
    private readonly sf?: ts.SourceFile,
    private readonly relay?: (start: number, end: number) => boolean,
  ) {}

  /** The text from `from` to `to` with every object literal in it laid out, the first line starting at `spot`. */
  region(from: number, to: number, spot: Spot): string {
    let out = '';
    let cursor = from;
    for (const object of this.objectsIn(from, to)) {
      out += this.text.slice(cursor, object.getStart(this.sf));
      const nl = out.lastIndexOf('\n');
      const line = nl < 0 ? undefined : out.slice(nl + 1);
      const indent = line === undefined ? spot.indent : /^[ \t]*/.exec(line)![0];
      const column = line === undefined ? spot.column + width(out) : width(line);
      const following = this.text.slice(object.getEnd(), to);
      const rest = following.includes('\n') ? width(following.slice(0, following.indexOf('\n'))) : width(following) + spot.rest;
      out += this.object(object, indent, column, rest);
      cursor = object.getEnd();
    }
    return out + this.text.slice(cursor, to);
  }

  /** `{ a }` when it fits, else one property per line. */
  private object(object: ts.ObjectLiteralExpression, indent: string, column: number, rest: number): string {
    const props = object.properties;
    const start = object.getStart(this.sf);
    const written = this.text.slice(start, object.getEnd());
    // Nothing but the properties, commas and spaces: no comment would be lost.
    let between = this.text.slice(start + 1, object.getEnd() - 1);
    for (const p of [...props].reverse())
      between = between.slice(0, p.getStart(this.sf) - start - 1) + between.slice(p.getEnd() - start - 1);
    if (!props.length || /[^\s,]/.test(between) || (this.relay && !this.relay(start, object.getEnd()))) return written;
    if (props.length === 1) {
      const p = props[0];
      const inline = `{ ${this.region(p.getStart(this.sf), p.getEnd(), { indent, column: column + 2, rest: rest + 2 })} }`;
      if (!inline.includes('\n') && column + width(inline) + rest <= this.style.width) return inline;
    }
    const deeper = indent + this.style.unit;
    const at = { indent: deeper, column: width(deeper), rest: 1 };
    return this.block(
      indent,
      props.map((p) => this.region(p.getStart(this.sf), p.getEnd(), at)),
    );
  }

  block(indent: string, entries: string[]): string {
    const { unit, eol } = this.style;
    const trailingComma = this.style.trailingComma();
    const lines = entries.map((e, i) => `${indent}${unit}${e}${i < entries.length - 1 || trailingComma ? ',' : ''}`);
    return `{${eol}${lines.join(eol)}${eol}${indent}}`;
  }

  /** The outermost object literals between `from` and `to`. */
  private objectsIn(from: number, to: number): ts.ObjectLiteralExpression[] {
    const found: ts.ObjectLiteralExpression[] = [];
    if (!this.sf) return found;
    walk(this.sf, (node) => {
      if (node.getEnd() <= from || node.getStart(this.sf) >= to) return false;
      if (!ts.isObjectLiteralExpression(node) || node.getStart(this.sf) < from || node.getEnd() > to) return true;
      found.push(node);
      return false;
    });
    return found;
  }
}
