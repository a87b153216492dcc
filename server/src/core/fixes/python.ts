import * as ts from 'typescript';
import type { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import type { FileContext } from '../model/fileContext';
import { pythonMemberName, pythonSpelling } from '../model/python/names';
import { CDK_ROOT } from '../model/imports';
import type { Fix, TextEdit } from '../types';

/**
 * The Python writer of fixes. Every fix is written once, in TypeScript, against the lowering of
 * the file (model/python/lower.ts); here each of its edits is written again in Python at the
 * place the lowering came from:
 *
 * - an expression replaced (`BucketEncryption.S3_MANAGED`, `self.table.table_arn`) in Python's spelling;
 * - properties added to a construct's props → keyword arguments (`, enforce_ssl=True`), and a
 *   props object added where there was none → keyword arguments after the last argument;
 * - statements added or replaced (`self.table.grant_read_write_data(fn)`, a new
 *   `secretsmanager.Secret(self, "ApiKeySecret")`) at the indentation of the Python statement;
 * - imports added (`from aws_cdk import aws_secretsmanager as secretsmanager`);
 * - text removed, as is.
 *
 * An edit the writer cannot express (a Node package import such as `zod`, a construct it cannot
 * place) drops the whole fix, and so does a result the Python parser does not accept: a fix is
 * offered in Python only when it is Python.
 */
export function pythonFix(file: FileContext, fix: Fix): Fix | undefined {
  if (!file.python) return fix;
  const edits: TextEdit[] = [];
  for (const edit of fix.edits) {
    if (edit.file !== file.path) return undefined; // another file: not written in Python here
    const written = writeEdit(file, edit);
    if (written === undefined) return undefined;
    edits.push(written);
  }
  if (!parsesAfter(file.sourceText, edits, file)) return undefined;
  return { ...fix, title: pythonSpelling(fix.title), ...(fix.note ? { note: pythonSpelling(fix.note) } : {}), edits };
}

function writeEdit(file: FileContext, edit: TextEdit): TextEdit | undefined {
  const span = edit.lowered;
  if (!span) return undefined;
  const { lowered, ...plain } = edit;
  void lowered;
  const out = (newText: string): TextEdit => ({ ...plain, newText });
  const text = edit.newText;
  if (text === '') return out('');
  const sf = file.sf;
  // Imports: TypeScript import declarations → `from aws_cdk import …` / `import aws_cdk.x as y`.
  if (/^\s*(import\b|const \{[^}]*\} = require\()/.test(text)) {
    const python = pythonImports(text);
    if (python === undefined) return undefined;
    const eol = file.sourceText.includes('\r\n') ? '\r\n' : '\n';
    const lead = /^\s*\r?\n/.test(text) ? eol : '';
    const trail = /\r?\n\s*$/.test(text) ? eol : '';
    return out(lead + python.join(eol) + trail);
  }
  // A name added to an existing `import { A }` list: `, B` (or `, B as C`) reads the same in Python.
  if (span.start === span.end && endsImportSpecifier(sf, span.start)) return /^,\s*[\w, ]+$/.test(text) ? out(text) : undefined;
  const node = nodeAt(sf, span.start, span.end);

  // Properties inside a props object: keyword arguments; inside any other object: dict entries.
  const literal =
    node && ts.isObjectLiteralElementLike(node) ? (node.parent as ts.ObjectLiteralExpression) : enclosingObject(sf, span.start, span.end);
  if (literal) {
    const members = parseMembers(text);
    if (members) {
      const props = isPropsArgument(literal);
      const written = members.map((m) => (props ? keyword(m, file) : dictEntry(m, file)));
      if (written.some((k) => k === undefined)) return undefined;
      return out(props ? joinArguments(text, written as string[], file, edit) : joinEntries(text, written as string[]));
    }
  }
  // A props object added after the last argument: `, { enforceSSL: true }` → `, enforce_ssl=True`.
  const added = /^\s*,\s*(\{[\s\S]*\})\s*$/.exec(text);
  if (added && span.start === span.end) {
    const expr = parseExpression(added[1]);
    if (expr && ts.isObjectLiteralExpression(expr)) {
      const kw = expr.properties.map((m) => keyword(m, file));
      if (kw.some((k) => k === undefined)) return undefined;
      return out(joinArguments(text, kw as string[], file, edit));
    }
  }
  // The whole props object replaced (`{}` once its only property is removed): the keyword arguments.
  if (node && ts.isObjectLiteralExpression(node) && isPropsArgument(node)) {
    const expr = parseExpression(text);
    if (!expr || !ts.isObjectLiteralExpression(expr)) return undefined;
    const kw = expr.properties.map((m) => keyword(m, file));
    if (kw.some((k) => k === undefined)) return undefined;
    if (kw.length) return out(kw.join(', '));
    // Nothing left: the comma before goes too (`Trail(self, "Trail")`).
    const source = file.sourceText;
    const start = (file.lineStarts[edit.range.start.line] ?? 0) + edit.range.start.character;
    let from = start;
    while (from > 0 && /\s/.test(source[from - 1])) from--;
    if (source[from - 1] === ',') from--;
    return { ...plain, range: { start: file.sourcePosition(from), end: edit.range.end }, newText: '' };
  }
  // A whole node replaced by an expression.
  if (node && span.start !== span.end && ts.isExpression(node) && !ts.isStatement(node)) {
    const expr = parseExpression(text);
    if (expr) {
      const python = expression(expr, file);
      return python === undefined ? undefined : out(python);
    }
  }
  // Statements: inserted on their own lines, or replacing a statement.
  const statements = parseStatements(text);
  if (statements) {
    const indent = pythonIndentAt(file, edit);
    const lines: string[] = [];
    for (const s of statements) {
      const python = statement(s, file);
      if (python === undefined) return undefined;
      lines.push(...python);
    }
    const eol = file.sourceText.includes('\r\n') ? '\r\n' : '\n';
    const body = lines.join(eol + indent);
    const lead = /^[ \t]*\r?\n/.test(text) ? eol + indent : '';
    const trail = /\r?\n[ \t]*$/.test(text) ? eol + indent : '';
    return out(lead + body + trail);
  }
  return undefined;
}

// ---- parsing TypeScript fragments --------------------------------------------------------

/**
 * Fix texts repeat (the same `enforceSSL: true` on every queue of a project): each is parsed once.
 * The trees are only read; the cache is dropped whole when it grows past a few hundred texts.
 */
const fragments = new Map<string, ts.SourceFile>();

function fragment(text: string): ts.SourceFile {
  let sf = fragments.get(text);
  if (!sf) {
    if (fragments.size >= 512) fragments.clear();
    sf = ts.createSourceFile('fragment.ts', text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    fragments.set(text, sf);
  }
  return sf;
}

function parseExpression(text: string): ts.Expression | undefined {
  const sf = fragment(`(${text});`);
  if ((sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length) return undefined;
  const [first] = sf.statements;
  if (!first || sf.statements.length !== 1 || !ts.isExpressionStatement(first)) return undefined;
  let expr = first.expression;
  if (ts.isParenthesizedExpression(expr)) expr = expr.expression;
  return expr;
}

function parseStatements(text: string): readonly ts.Statement[] | undefined {
  const sf = fragment(text);
  if ((sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length || !sf.statements.length) return undefined;
  return sf.statements;
}

/** `, a: 1, b` / `a: 1,\n` / `...x` → the object members it adds; undefined when it is not members. */
function parseMembers(text: string): readonly ts.ObjectLiteralElementLike[] | undefined {
  const inner = text.trim().replace(/^,/, '').replace(/,$/, '').trim();
  if (!inner) return undefined;
  const expr = parseExpression(`{ ${inner} }`);
  return expr && ts.isObjectLiteralExpression(expr) ? expr.properties : undefined;
}

function nodeAt(sf: ts.SourceFile, start: number, end: number): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (node.getStart(sf) <= start && end <= node.getEnd()) {
      if (node.getStart(sf) === start && node.getEnd() === end) found = node;
      ts.forEachChild(node, visit);
    }
  };
  visit(sf);
  return found;
}

function endsImportSpecifier(sf: ts.SourceFile, offset: number): boolean {
  return sf.statements.some(
    (s) =>
      ts.isImportDeclaration(s) &&
      !!s.importClause?.namedBindings &&
      ts.isNamedImports(s.importClause.namedBindings) &&
      s.importClause.namedBindings.elements.some((e) => e.getEnd() === offset),
  );
}

function enclosingObject(sf: ts.SourceFile, start: number, end: number): ts.ObjectLiteralExpression | undefined {
  let found: ts.ObjectLiteralExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (node.getStart(sf) < start && end < node.getEnd()) {
      if (ts.isObjectLiteralExpression(node)) found = node;
      ts.forEachChild(node, visit);
    }
  };
  visit(sf);
  return found;
}

/** The lowered props object of a call: Python's keyword arguments. */
function isPropsArgument(literal: ts.ObjectLiteralExpression): boolean {
  const parent = literal.parent;
  return (ts.isNewExpression(parent) || ts.isCallExpression(parent)) && parent.arguments?.[parent.arguments.length - 1] === literal;
}

// ---- writing Python ------------------------------------------------------------------------

/** `name: value` → `name_py=value`; `...x` → `**x`. */
function keyword(member: ts.ObjectLiteralElementLike, file: FileContext): string | undefined {
  if (ts.isSpreadAssignment(member)) {
    const value = expression(member.expression, file);
    return value === undefined ? undefined : `**${value}`;
  }
  if (ts.isShorthandPropertyAssignment(member)) return `${pythonMemberName(member.name.text)}=${name(member.name.text, file)}`;
  if (!ts.isPropertyAssignment(member) || !(ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))) return undefined;
  const value = expression(member.initializer, file);
  return value === undefined ? undefined : `${pythonMemberName(member.name.text)}=${value}`;
}

/** `"KEY": value` (a dict of the Python file: `environment={...}`); `...x` → `**x`. */
function dictEntry(member: ts.ObjectLiteralElementLike, file: FileContext): string | undefined {
  if (ts.isSpreadAssignment(member)) return prefixed('**', expression(member.expression, file));
  if (!ts.isPropertyAssignment(member) || !(ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))) return undefined;
  const value = expression(member.initializer, file);
  return value === undefined ? undefined : `${JSON.stringify(member.name.text)}: ${value}`;
}

function joinEntries(tsText: string, entries: string[]): string {
  const leading = /^\s*,/.test(tsText) ? ', ' : '';
  const trailing = /,\s*$/.test(tsText) ? ', ' : '';
  return leading + entries.join(', ') + trailing;
}

/**
 * Keyword arguments where the TypeScript added properties: the separators follow the TypeScript
 * text (a leading `, ` or a line break before, a trailing comma after), on new lines at the
 * indentation of the neighbouring argument when the call spans lines: when the TypeScript text
 * does, or the Python call has its arguments on lines of their own (the line the keywords follow
 * opens no bracket it does not close), as Black writes a call that does not fit on one line.
 */
function joinArguments(tsText: string, kw: string[], file: FileContext, edit: TextEdit): string {
  const source = file.sourceText;
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  const at = file.lineStarts[edit.range.start.line] + edit.range.start.character;
  const lineStart = source.lastIndexOf('\n', at - 1) + 1;
  const indent = /^[ \t]*/.exec(source.slice(lineStart))![0];
  const multiline = /\n/.test(tsText) || (source.slice(lineStart, at).trim() !== '' && balanced(source.slice(lineStart, at)));
  const leading = /^\s*,/.test(tsText);
  const trailing = /,\s*$/.test(tsText);
  if (multiline && !leading) return kw.map((k) => `${k},${eol}${indent}`).join('');
  if (multiline) return kw.map((k) => `,${eol}${indent}${k}`).join('') + (trailing ? ',' : '');
  return (leading ? ', ' : '') + kw.join(', ') + (trailing ? ', ' : '');
}

/** No bracket opened in `line` stays open (strings and comments aside). */
function balanced(line: string): boolean {
  const code = line.replace(/#.*$/, '').replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  let depth = 0;
  for (const c of code) {
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/** The indentation of the Python statement an edit is at (its first line's, however far its last line hangs). */
function pythonIndentAt(file: FileContext, edit: TextEdit): string {
  const at = (file.lineStarts[edit.range.start.line] ?? 0) + edit.range.start.character;
  let best: { from: number; to: number; indent: string } | undefined;
  for (const s of file.python?.statements ?? []) {
    if (s.from <= at && at <= s.to && (!best || s.to - s.from < best.to - best.from)) best = s;
  }
  if (best) return best.indent;
  const line = file.lineStarts[edit.range.start.line] ?? 0;
  return /^[ \t]*/.exec(file.sourceText.slice(line))![0];
}

/** A name of the fix: one the Python file has keeps its spelling, a new one is snake_case (`apiKeySecret` → `api_key_secret`). */
function name(text: string, file: FileContext): string {
  if (text === 'this') return 'self';
  if (new RegExp(`(?<![\\w.])${text}(?!\\w)`).test(file.sourceText)) return text;
  return pythonMemberName(text);
}

function isTypeName(text: string): boolean {
  return /^[A-Z]/.test(text);
}

function expression(node: ts.Expression, file: FileContext): string | undefined {
  if (ts.isParenthesizedExpression(node)) {
    const inner = expression(node.expression, file);
    return inner === undefined ? undefined : `(${inner})`;
  }
  if (ts.isIdentifier(node)) return name(node.text, file);
  if (node.kind === ts.SyntaxKind.ThisKeyword) return 'self';
  if (node.kind === ts.SyntaxKind.TrueKeyword) return 'True';
  if (node.kind === ts.SyntaxKind.FalseKeyword) return 'False';
  if (node.kind === ts.SyntaxKind.NullKeyword) return 'None';
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return JSON.stringify(node.text);
  if (ts.isNumericLiteral(node)) return node.text;
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) {
    const inner = expression(node.operand, file);
    return inner === undefined ? undefined : `-${inner}`;
  }
  if (ts.isPropertyAccessExpression(node)) {
    const object = expression(node.expression, file);
    if (object === undefined) return undefined;
    const member = node.name.text;
    // Classes, enum members and constants keep their names (`s3.BucketEncryption.S3_MANAGED`).
    return `${object}.${isTypeName(member) ? member : pythonMemberName(member)}`;
  }
  if (ts.isArrayLiteralExpression(node)) {
    const items = node.elements.map((e) => (ts.isSpreadElement(e) ? prefixed('*', expression(e.expression, file)) : expression(e, file)));
    return items.some((i) => i === undefined) ? undefined : `[${items.join(', ')}]`;
  }
  if (ts.isNewExpression(node) || ts.isCallExpression(node)) {
    const callee = expression(node.expression, file);
    if (callee === undefined) return undefined;
    const args = [...(node.arguments ?? [])];
    const last = args[args.length - 1];
    const parts: string[] = [];
    for (const a of args) {
      if (a === last && ts.isObjectLiteralExpression(a)) {
        for (const m of a.properties) {
          const k = keyword(m, file);
          if (k === undefined) return undefined;
          parts.push(k);
        }
      } else {
        const v = expression(a, file);
        if (v === undefined) return undefined;
        parts.push(v);
      }
    }
    return `${callee}(${parts.join(', ')})`;
  }
  if (ts.isTemplateExpression(node)) {
    let out = node.head.text.replace(/[{}]/g, (c) => c + c);
    for (const span of node.templateSpans) {
      const value = expression(span.expression, file);
      if (value === undefined) return undefined;
      out += `{${value}}${span.literal.text.replace(/[{}]/g, (c) => c + c)}`;
    }
    return `f${JSON.stringify(out)}`;
  }
  // Object literals elsewhere (a struct nested in props) would need the struct's class in
  // Python: not written here, so the fix is not offered.
  return undefined;
}

function prefixed(prefix: string, value: string | undefined): string | undefined {
  return value === undefined ? undefined : prefix + value;
}

/** A TypeScript statement of a fix as Python lines. */
function statement(node: ts.Statement, file: FileContext): string[] | undefined {
  if (ts.isExpressionStatement(node)) {
    const e = expression(node.expression, file);
    return e === undefined ? undefined : [e];
  }
  if (ts.isVariableStatement(node)) {
    const out: string[] = [];
    for (const d of node.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || !d.initializer) return undefined;
      const value = expression(d.initializer, file);
      if (value === undefined) return undefined;
      out.push(`${name(d.name.text, file)} = ${value}`);
    }
    return out;
  }
  if (ts.isImportDeclaration(node)) return pythonImports(node.getText());
  return undefined;
}

/** TypeScript imports of CDK modules as Python imports; undefined for any other package. */
function pythonImports(text: string): string[] | undefined {
  const sf = fragment(text);
  const out: string[] = [];
  for (const s of sf.statements) {
    if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier) || !s.importClause) return undefined;
    const module = pythonModule(s.moduleSpecifier.text);
    if (!module) return undefined;
    const bindings = s.importClause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) {
      const dot = module.lastIndexOf('.');
      out.push(
        dot > 0
          ? `from ${module.slice(0, dot)} import ${module.slice(dot + 1)} as ${bindings.name.text}`
          : `import ${module} as ${bindings.name.text}`,
      );
    } else if (bindings && ts.isNamedImports(bindings)) {
      const names = bindings.elements.map((e) => (e.propertyName ? `${e.propertyName.text} as ${e.name.text}` : e.name.text));
      out.push(`from ${module} import ${names.join(', ')}`);
    } else return undefined;
  }
  return out;
}

/** `aws-cdk-lib/aws-s3` → `aws_cdk.aws_s3`, `aws-cdk-lib` → `aws_cdk`, `@aws-cdk/aws-s3` (v1) → `aws_cdk.aws_s3`. */
function pythonModule(specifier: string): string | undefined {
  if (specifier === CDK_ROOT || specifier === '@aws-cdk/core') return specifier === CDK_ROOT ? 'aws_cdk' : 'aws_cdk.core';
  const sub = specifier.startsWith(`${CDK_ROOT}/`)
    ? specifier.slice(CDK_ROOT.length + 1)
    : specifier.startsWith('@aws-cdk/')
      ? specifier.slice(9)
      : undefined;
  if (sub === undefined || !/^[a-z0-9-]+$/.test(sub)) return undefined;
  return `aws_cdk.${sub.replace(/-/g, '_')}`;
}

// ---- the result must parse -------------------------------------------------------------------

function errorCount(tree: Tree): number {
  let n = 0;
  tree.iterate({
    enter: (node) => {
      if (node.type.isError) n++;
    },
  });
  return n;
}

/**
 * The Python source with the edits applied has no more syntax errors than before. Most fixes
 * touch one statement (a keyword argument, a statement inserted next to another): that statement,
 * parsed on its own, answers for the whole file at a fraction of the cost, so a file with many
 * findings is not parsed again once per fix. Anything else parses the whole result.
 */
export function parsesAfter(source: string, edits: TextEdit[], file: FileContext): boolean {
  const at = splicesOf(source, edits, file);
  const local = parsesLocally(source, at, file.python?.tree);
  if (local !== undefined) return local;
  return parsesWhole(source, edits, file);
}

/** The same question answered by parsing the whole result (the reference `parsesAfter` agrees with). */
export function parsesWhole(source: string, edits: TextEdit[], file: FileContext): boolean {
  const at = splicesOf(source, edits, file);
  const text = applied(source, at);
  // The source's own count once per file: a file with many findings has many fixes to check.
  const before = file.fact('pythonSyntaxErrors', () => errorCount(file.python?.tree ?? parser.parse(source)));
  return errorCount(parser.parse(text)) <= before;
}

interface Splice {
  from: number;
  to: number;
  text: string;
}

/** The edits as source offsets. */
function splicesOf(source: string, edits: TextEdit[], file: FileContext): Splice[] {
  return edits.map((e) => ({ from: offsetOf(file, source, e.range.start), to: offsetOf(file, source, e.range.end), text: e.newText }));
}

function offsetOf(file: FileContext, source: string, p: { line: number; character: number }): number {
  return (file.lineStarts[p.line] ?? source.length) + p.character;
}

function applied(text: string, splices: Splice[]): string {
  for (const e of [...splices].sort((a, b) => b.from - a.from)) text = text.slice(0, e.from) + e.text + text.slice(e.to);
  return text;
}

/**
 * Whether the edits keep the statements they touch free of syntax errors, judged on those
 * statements alone (their lines, in a block of their own; an import added at the top and a keyword argument
 * in a stack are two regions): true when every region parses clean after the edit, undefined
 * (ask the whole file) otherwise.
 */
function parsesLocally(source: string, splices: Splice[], tree: Tree | undefined): boolean | undefined {
  if (!tree || !splices.length) return undefined;
  const regions: Array<{ start: number; end: number; splices: Splice[] }> = [];
  for (const splice of [...splices].sort((x, y) => x.from - y.from)) {
    const region = regionOf(source, tree, splice.from, splice.to);
    if (!region) return undefined;
    const last = regions[regions.length - 1];
    if (last && region.start <= last.end) {
      last.end = Math.max(last.end, region.end);
      last.splices.push(splice);
    } else regions.push({ ...region, splices: [splice] });
  }
  // A region that parses clean after the edit has no error left to count: whatever the file had
  // before, it has no more now.
  for (const { start, end, splices: inside } of regions) {
    const edited = applied(
      source.slice(start, end),
      inside.map((e) => ({ from: e.from - start, to: e.to - start, text: e.text })),
    );
    // Indented statements are parsed inside a block, as they stand in the file: a line indented
    // one step too far is an error there (at the top of a module, the parser lets it pass, as in the file).
    const indented = /^[ \t]/.test(edited);
    if (errorCount(parser.parse(indented ? `if 1:\n${edited}` : edited)) !== 0) return undefined;
  }
  return true;
}

/** The whole lines of the statements an edit falls in or touches, in the innermost block that holds it. */
function regionOf(source: string, tree: Tree, from: number, to: number): { start: number; end: number } | undefined {
  let block: SyntaxNode = tree.topNode;
  for (;;) {
    let inner: SyntaxNode | undefined;
    for (let c = block.firstChild; c; c = c.nextSibling) {
      if (c.from > to) break;
      if (c.from <= from && to <= c.to) {
        inner = c.name === 'Body' ? c : innermostBody(c, from, to);
        break;
      }
    }
    if (!inner || inner === block) break;
    block = inner;
  }
  // Statements on the lines of the edit count as touched (a statement inserted before another).
  const lineStart = source.lastIndexOf('\n', from - 1) + 1;
  const lineEnd = source.indexOf('\n', to) === -1 ? source.length : source.indexOf('\n', to);
  let first: SyntaxNode | undefined;
  let last: SyntaxNode | undefined;
  for (let c = block.firstChild; c; c = c.nextSibling) {
    if (c.name === ':' || c.name === 'Comment' || c.to < lineStart) continue;
    if (c.from > lineEnd) break;
    first ??= c;
    last = c;
  }
  if (!first || !last) return undefined;
  const start = source.lastIndexOf('\n', Math.min(first.from, from) - 1) + 1;
  const endOfLine = source.indexOf('\n', Math.max(last.to, to));
  const end = endOfLine === -1 ? source.length : endOfLine;
  // A line continued into the region (`x = \\`) belongs to the statement before it: ask the whole file.
  if (start > 0 && /\\\r?$/.test(source.slice(source.lastIndexOf('\n', start - 2) + 1, start - 1))) return undefined;
  return { start, end };
}

/** The `Body` inside `node` (a class, function or compound statement) that holds the range, if one does. */
function innermostBody(node: SyntaxNode, from: number, to: number): SyntaxNode | undefined {
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.from <= from && to <= c.to) return c.name === 'Body' ? c : innermostBody(c, from, to);
  }
  return undefined;
}
