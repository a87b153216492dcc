import * as ts from 'typescript';
import { createHash } from 'node:crypto';
import { buildImportTable, ImportBinding } from './imports';
import { lineStartsOf, positionAt } from './lines';
import type { Position, Range } from '../types';
import { PythonSource, pythonSourceOf } from './python/pythonFile';

/**
 * Everything the rules need to know about one parsed file, computed once per
 * `ts.SourceFile` (a `SourceFile` still parsed after an edit elsewhere keeps its
 * context). One walk over the tree indexes the nodes rules ask for, so twenty rules cost one walk.
 */
export class FileContext {
  private importsCache?: Map<string, ImportBinding>;
  private indexCache?: NodeIndex;
  private hashCache?: string;
  private readonly facts = new Map<string, unknown>();
  /**
   * Set for a Python file: `sf` is then the TypeScript its Python was lowered to (what rules
   * read), and every range is mapped back to the Python source (`python/`).
   */
  readonly python: PythonSource | undefined;

  constructor(
    readonly sf: ts.SourceFile,
    /** Absolute path with `/` separators. */
    readonly path: string,
  ) {
    this.python = pythonSourceOf(sf);
  }

  /** The text rules read: the file's own, or the lowering of a Python file. */
  get text(): string {
    return this.sf.text;
  }

  /** The text in the editor and on disk (the Python source of a Python file). */
  get sourceText(): string {
    return this.python ? this.python.source : this.sf.text;
  }

  get isPython(): boolean {
    return this.python !== undefined;
  }

  get imports(): Map<string, ImportBinding> {
    return (this.importsCache ??= buildImportTable(this.sf));
  }

  get index(): NodeIndex {
    return (this.indexCache ??= indexNodes(this.sf));
  }

  get hash(): string {
    return (this.hashCache ??= contentHash(this.sourceText));
  }

  /**
   * A fact about the whole text (its line ending, quote style, declared names), computed once:
   * fixes ask for it once per finding, and a generated file has thousands of findings.
   */
  fact<T>(key: string, compute: () => T): T {
    if (!this.facts.has(key)) this.facts.set(key, compute());
    return this.facts.get(key) as T;
  }

  get isJavaScript(): boolean {
    return /\.(c|m)?jsx?$/i.test(this.path);
  }

  range(node: ts.Node): Range {
    return this.rangeOfOffsets(node.getStart(this.sf), node.getEnd());
  }

  /** The range of offsets in `text`; for a Python file, the Python it was lowered from. */
  rangeOfOffsets(start: number, end: number): Range {
    if (this.python) {
      const map = this.python.map;
      if (start === end) {
        const point = map.sourcePoint(start);
        return this.sourceRange(point, point);
      }
      const from = map.sourceStart(start);
      return this.sourceRange(from, Math.max(from, map.sourceEnd(end)));
    }
    return { start: this.position(start), end: this.position(end) };
  }

  /** The range of offsets in `sourceText`. */
  sourceRange(start: number, end: number): Range {
    return { start: this.sourcePosition(start), end: this.sourcePosition(end) };
  }

  /** The offset in `text` of an offset in `sourceText` (a position the editor sends). */
  textOffset(sourceOffset: number): number {
    return this.python ? this.python.map.loweredOffset(sourceOffset) : sourceOffset;
  }

  /** `new X.Y(` … → the range from `new` to the end of the class name. */
  headRange(node: ts.NewExpression): Range {
    return this.rangeOfOffsets(node.getStart(this.sf), node.expression.getEnd());
  }

  /** Offsets at which the lines of `sourceText` start, as editors count lines (see `lines.ts`). */
  get lineStarts(): readonly number[] {
    return this.fact('lineStarts', () => lineStartsOf(this.sourceText));
  }

  /** The 0-based line and UTF-16 character of an offset in `text`, as editors count lines. */
  position(offset: number): Position {
    return this.sourcePosition(this.python ? this.python.map.sourceStart(offset) : offset);
  }

  /** The 0-based line and UTF-16 character of an offset in `sourceText`. */
  sourcePosition(offset: number): Position {
    return positionAt(this.lineStarts, offset);
  }

  nodeText(node: ts.Node): string {
    return node.getText(this.sf);
  }
}

export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

export interface NodeIndex {
  newExpressions: ts.NewExpression[];
  /** Calls by the name of the called function or method (`x.addToRolePolicy(…)` → `addToRolePolicy`). */
  callsByName: Map<string, ts.CallExpression[]>;
  /** Every function-like node, for handler analysis. */
  functions: ts.FunctionLikeDeclaration[];
  /** Every string literal and substitution-free template literal, for secret detection. */
  strings: ts.StringLiteralLike[];
}

const MAX_INDEX_DEPTH = 3000;

function indexNodes(sf: ts.SourceFile): NodeIndex {
  const index: NodeIndex = { newExpressions: [], callsByName: new Map(), functions: [], strings: [] };
  // An explicit stack: generated or minified files nest far deeper than the call stack allows.
  // Nodes and their depths on two stacks: nothing is allocated per node.
  const nodes: ts.Node[] = [sf];
  const depths: number[] = [0];
  let depth = 0;
  const push = (child: ts.Node): void => {
    nodes.push(child);
    depths.push(depth + 1);
  };
  while (nodes.length) {
    const node = nodes.pop()!;
    depth = depths.pop()!;
    if (ts.isNewExpression(node)) {
      index.newExpressions.push(node);
    } else if (ts.isCallExpression(node)) {
      const name = calleeName(node.expression);
      if (name !== undefined) {
        let list = index.callsByName.get(name);
        if (!list) index.callsByName.set(name, (list = []));
        list.push(node);
      }
    } else if (ts.isFunctionLike(node) && 'body' in node) {
      index.functions.push(node as ts.FunctionLikeDeclaration);
    } else if (ts.isStringLiteralLike(node)) {
      index.strings.push(node);
    }
    if (depth >= MAX_INDEX_DEPTH) continue;
    const first = nodes.length;
    ts.forEachChild(node, push);
    // Pushed in source order: reversed, the first child comes off the stack first.
    for (let i = first, j = nodes.length - 1; i < j; i++, j--) {
      const t = nodes[i];
      nodes[i] = nodes[j];
      nodes[j] = t;
    }
  }
  // Walk order is source order; keep it so findings come out sorted.
  return index;
}

export function calleeName(expr: ts.Expression): string | undefined {
  while (ts.isParenthesizedExpression(expr) || ts.isNonNullExpression(expr)) expr = expr.expression;
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr)) return expr.name.text;
  if (ts.isElementAccessExpression(expr) && ts.isStringLiteralLike(expr.argumentExpression)) return expr.argumentExpression.text;
  return undefined;
}
