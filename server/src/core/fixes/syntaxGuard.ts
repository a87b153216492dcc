import type * as ts from 'typescript';
import type { FileContext } from '../model/fileContext';
import { lastAtOrBefore } from '../model/lines';
import { comparePositions, Finding, Range, TextEdit } from '../types';

/**
 * Quick fixes are not offered into code that does not parse. A fix edits a props object, a
 * statement list or an import block; when that is half-typed (a brace not closed yet, a
 * property cut short), TypeScript's error recovery has guessed its shape, and an edit placed by
 * that guess can make the file worse. A fix is dropped when one of its edits touches a top-level
 * region (a statement with the trivia before it) that holds a syntax error. Files that parse
 * keep every fix.
 */

/** The top-level regions of a file that hold a syntax error; empty when it parses. */
export function brokenRegions(file: FileContext, syntaxErrors: readonly ts.Diagnostic[]): Range[] {
  if (syntaxErrors.length === 0) return [];
  return file.fact('brokenRegions', () => {
    // Region i runs from where statement i starts (its leading trivia included) to where the next does.
    const starts = [0, ...file.sf.statements.slice(1).map((s) => s.pos)];
    const regions = [...new Set(syntaxErrors.map((d) => lastAtOrBefore(starts, d.start ?? 0)))].sort((a, b) => a - b);
    return regions.map((r) => file.rangeOfOffsets(starts[r], starts[r + 1] ?? file.text.length));
  });
}

/** The findings with only the fixes whose edits stay clear of every broken region (`brokenIn(file)`). */
export function withoutFixesIntoBrokenCode(findings: Finding[], brokenIn: (file: string) => readonly Range[] | undefined): Finding[] {
  const touchesBrokenCode = (edit: TextEdit) => (brokenIn(edit.file) ?? []).some((region) => touches(edit.range, region));
  return findings.map((f) => {
    if (f.fixes.length === 0) return f;
    const fixes = f.fixes.filter((fix) => !fix.edits.some(touchesBrokenCode));
    return fixes.length === f.fixes.length ? f : { ...f, fixes };
  });
}

/** Ranges meet, ends included: an insertion where a broken statement ends would extend it. */
function touches(a: Range, b: Range): boolean {
  return comparePositions(a.end, b.start) >= 0 && comparePositions(b.end, a.start) >= 0;
}
