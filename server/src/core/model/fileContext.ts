import * as ts from 'typescript';
import { createHash } from 'node:crypto';
import { buildImportTable, ImportBinding } from './imports';
import { lineStartsOf, positionAt } from './lines';
import type { Position, Range } from '../types';

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

  constructor(
    readonly sf: ts.SourceFile,
    /** Absolute path with `/` separators. */
    readonly path: string,
  ) {}

  get text(): string {
    return this.sf.text;
  }

  get imports(): Map<string, ImportBinding> {
    return (this.importsCache ??= buildImportTable(this.sf));
  }

  get index(): NodeIndex {
    return (this.indexCache ??= indexNodes(this.sf));
  }

  get hash(): string {
    return (this.hashCache ??= contentHash(this.sf.text));
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

  rangeOfOffsets(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  /** `new X.Y(` … → the range from `new` to the end of the class name. */
  headRange(node: ts.NewExpression): Range {
    return this.rangeOfOffsets(node.getStart(this.sf), node.expression.getEnd());
  }

  /** Offsets at which lines start, as editors count lines (see `lines.ts`). */
  get lineStarts(): readonly number[] {
    return this.fact('lineStarts', () => lineStartsOf(this.text));
  }

  /** The 0-based line and UTF-16 character of an offset, as editors count lines. */
  position(offset: number): Position {
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
  const stack: Array<[ts.Node, number]> = [[sf, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
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
    const children: ts.Node[] = [];
    ts.forEachChild(node, (child) => {
      children.push(child);
    });
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], depth + 1]);
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
