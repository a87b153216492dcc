import type { Fix, Position, TextEdit } from '../types';

/**
 * Several fixes as one edit: "fix all" in the editor (fix on save) and `slsguard fix`. Fixes are
 * taken in order, whole or not at all: a fix whose edits collide with an edit already chosen
 * is left for a later pass. An edit that is exactly one already chosen (two fixes adding the
 * same import) is shared, not made twice.
 */
export interface MergedFixes {
  /** Non-overlapping edits, sorted by file and position. */
  edits: TextEdit[];
  applied: Fix[];
  /** Fixes left out because they collide with applied ones; re-analyse and try again. */
  skipped: Fix[];
}

export function mergeFixes(fixes: Fix[]): MergedFixes {
  const chosen: TextEdit[] = [];
  const applied: Fix[] = [];
  const skipped: Fix[] = [];
  for (const fix of fixes) {
    const fresh: TextEdit[] = [];
    let ok = true;
    for (const edit of fix.edits) {
      if (chosen.some((c) => sameEdit(c, edit)) || fresh.some((c) => sameEdit(c, edit))) continue;
      if (chosen.some((c) => editsConflict(c, edit))) {
        ok = false;
        break;
      }
      fresh.push(edit);
    }
    if (!ok) {
      skipped.push(fix);
      continue;
    }
    chosen.push(...fresh);
    applied.push(fix);
  }
  chosen.sort((a, b) => a.file.localeCompare(b.file) || cmp(a.range.start, b.range.start) || cmp(a.range.end, b.range.end));
  return { edits: chosen, applied, skipped };
}

export function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.file === b.file && a.newText === b.newText && cmp(a.range.start, b.range.start) === 0 && cmp(a.range.end, b.range.end) === 0;
}

/**
 * Two edits of one file collide when their ranges overlap, when both insert at the same point
 * (no defined order), or when one inserts where the other's range starts or inside it.
 */
export function editsConflict(a: TextEdit, b: TextEdit): boolean {
  if (a.file !== b.file) return false;
  const aEmpty = cmp(a.range.start, a.range.end) === 0;
  const bEmpty = cmp(b.range.start, b.range.end) === 0;
  if (aEmpty && bEmpty) return cmp(a.range.start, b.range.start) === 0;
  if (aEmpty) return insideOrAtStart(a.range.start, b);
  if (bEmpty) return insideOrAtStart(b.range.start, a);
  return cmp(a.range.start, b.range.end) < 0 && cmp(b.range.start, a.range.end) < 0;
}

function insideOrAtStart(p: Position, e: TextEdit): boolean {
  return cmp(e.range.start, p) <= 0 && cmp(p, e.range.end) < 0;
}

/** Edits grouped by file, in the order they came. */
export function editsByFile(edits: TextEdit[]): Map<string, TextEdit[]> {
  const byFile = new Map<string, TextEdit[]>();
  for (const e of edits) {
    let list = byFile.get(e.file);
    if (!list) byFile.set(e.file, (list = []));
    list.push(e);
  }
  return byFile;
}

function cmp(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}
