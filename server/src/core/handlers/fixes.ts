import * as ts from 'typescript';
import type { FileContext } from '../model/fileContext';
import { eol, insertAt } from '../fixes/edits';
import { freeName, importInsertionPoint, quoteStyle } from '../fixes/imports';
import type { TextEdit } from '../types';

/**
 * Imports of npm packages for handler fixes (`z` from `zod`, `DOMPurify` from
 * `isomorphic-dompurify`), in the file's own style: an ES import, or `require` in CommonJS.
 */

export interface PackageSymbol {
  module: string;
  /** `named`: `import { z } from 'zod'`; `default`: `import DOMPurify from '…'`. */
  kind: 'named' | 'default';
  name: string;
  /** Other modules whose import of the same thing would do (`dompurify` for `isomorphic-dompurify`). */
  alternatives?: string[];
}

/** The local name the file already has for the symbol, if any. */
function existingLocal(file: FileContext, symbol: PackageSymbol): string | undefined {
  const modules = [symbol.module, ...(symbol.alternatives ?? [])];
  for (const [local, b] of file.imports) {
    if (!modules.includes(b.module)) continue;
    if (symbol.kind === 'named' && b.path.length === 1 && b.path[0] === symbol.name) return local;
    if (symbol.kind === 'default' && (b.path.length === 0 || (b.path.length === 1 && b.path[0] === 'default')) && b.style !== 'namespace') return local;
  }
  return undefined;
}

export function isCommonJs(file: FileContext): boolean {
  if (!file.isJavaScript || /\.mjs$/i.test(file.path)) return false;
  const sf = file.sf;
  const esm = sf.statements.some(
    (s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isExportAssignment(s) || !!ts.getModifiers(s as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword),
  );
  return !esm;
}

/**
 * The name to write for `symbol`, and one edit that adds its import (when missing) followed by
 * `moduleCode` (a module-level declaration such as a schema), after the file's imports.
 */
export function withPackageImport(file: FileContext, symbol: PackageSymbol, code?: (local: string) => string): { local: string; edits: TextEdit[] } {
  const nl = eol(file);
  const existing = existingLocal(file, symbol);
  const local = existing ?? freeName(file, symbol.name);
  const moduleCode = code?.(local);
  const q = quoteStyle(file);
  let statement: string | undefined;
  if (!existing) {
    if (isCommonJs(file)) {
      statement = symbol.kind === 'named' ? `const { ${symbol.name === local ? local : `${symbol.name}: ${local}`} } = require(${q}${symbol.module}${q});` : `const ${local} = require(${q}${symbol.module}${q});`;
    } else {
      statement = symbol.kind === 'named' ? `import { ${symbol.name === local ? local : `${symbol.name} as ${local}`} } from ${q}${symbol.module}${q};` : `import ${local} from ${q}${symbol.module}${q};`;
    }
  }
  if (!statement && !moduleCode) return { local, edits: [] };
  const point = importInsertionPoint(file);
  const chunks = [statement, moduleCode].filter((c): c is string => !!c);
  let text: string;
  if (point.after === '') {
    // After the last import: each chunk on its own line, the module code after a blank line.
    text = (statement ? `${nl}${statement}` : '') + (moduleCode ? `${nl}${nl}${moduleCode}` : '');
  } else {
    text = chunks.join(`${nl}${nl}`) + `${nl}${nl}`;
  }
  return { local, edits: [insertAt(file, point.offset, text)] };
}

/** One indentation step of the file: a tab, or the smallest run of leading spaces (2 by default). */
export function indentUnit(file: FileContext): string {
  return file.fact('smallestIndent', () => {
    let smallest = Infinity;
    for (const line of file.text.split(/\r?\n/)) {
      if (line.startsWith('\t')) return '\t';
      const m = /^( +)\S/.exec(line);
      if (m && m[1].length < smallest) smallest = m[1].length;
    }
    return ' '.repeat(Number.isFinite(smallest) ? smallest : 2);
  });
}
