import * as ts from 'typescript';
import { parser } from '@lezer/python';
import { lowerPython, LoweredPython } from './lower';
import { SpanMap } from './spanMap';

/**
 * A Python file as the engine holds it: the TypeScript `SourceFile` of its lowering (what rules
 * read), with the Python source and the span map beside it (where findings point).
 */
export interface PythonSource extends LoweredPython {
  source: string;
  /** `#` comments of the source, in order (computed when asked: suppression comments). */
  comments(): Array<{ pos: number; end: number }>;
}

const sources = new WeakMap<ts.SourceFile, PythonSource>();

export function isPythonPath(path: string): boolean {
  return /\.pyi?$/i.test(path);
}

/** Parse and lower a Python file; the result is a TypeScript source file named as the Python one. */
export function parsePython(path: string, source: string): ts.SourceFile {
  const lowered = lowerSafely(source);
  const sf = ts.createSourceFile(
    path,
    lowered.text,
    { languageVersion: ts.ScriptTarget.ES2022 },
    /* setParentNodes */ true,
    ts.ScriptKind.TS,
  );
  let comments: Array<{ pos: number; end: number }> | undefined;
  sources.set(sf, {
    ...lowered,
    source,
    comments: () => (comments ??= pythonComments(source)),
  });
  return sf;
}

/**
 * The lowering, or nothing to read when it fails on text it was not written for: a file is never
 * worth a crashed scan. A parser stack overflow (`RangeError`) still sets the file aside as too
 * deep, as TypeScript's does.
 */
function lowerSafely(source: string): LoweredPython {
  try {
    return lowerPython(source);
  } catch (error) {
    if (error instanceof RangeError) throw error;
    return { text: '', map: new SpanMap(), statements: [], modules: new Map() };
  }
}

/** The Python behind a lowered source file; undefined for TypeScript and JavaScript. */
export function pythonSourceOf(sf: ts.SourceFile): PythonSource | undefined {
  return sources.get(sf);
}

function pythonComments(source: string): Array<{ pos: number; end: number }> {
  const out: Array<{ pos: number; end: number }> = [];
  if (!source.includes('#')) return out;
  parser.parse(source).iterate({
    enter: (node) => {
      if (node.name === 'Comment') out.push({ pos: node.from, end: node.to });
    },
  });
  return out;
}
