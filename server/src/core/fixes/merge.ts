import { comparePositions, Fix, Position, TextEdit } from '../types';

/**
 * Several fixes as one edit: "fix all" in the editor (fix on save) and `slsguard fix`. Fixes are
 * taken in order, whole or not at all: a fix whose edits collide with an edit already chosen
 * is left for a later pass. An edit that is exactly one already chosen (two fixes adding the
 * same import) is shared, not made twice; two fixes that add different imports at the same
 * place (after the file's last import, or names at the end of one `import { … }`) get one edit
 * with the imports of both, each once.
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
    const joins: Array<{ into: TextEdit; text: string }> = [];
    let ok = true;
    for (const edit of fix.edits) {
      if (chosen.some((c) => sameEdit(c, edit)) || fresh.some((c) => sameEdit(c, edit))) continue;
      const into = chosen.find((c) => editsConflict(c, edit));
      const text = into && joinImports(into, edit);
      if (into && text !== undefined && !chosen.some((c) => c !== into && editsConflict(c, edit))) {
        joins.push({ into, text });
        continue;
      }
      if (into) {
        ok = false;
        break;
      }
      fresh.push({ ...edit });
    }
    if (!ok) {
      skipped.push(fix);
      continue;
    }
    for (const { into, text } of joins) into.newText = text;
    chosen.push(...fresh);
    applied.push(fix);
  }
  chosen.sort(
    (a, b) => a.file.localeCompare(b.file) || comparePositions(a.range.start, b.range.start) || comparePositions(a.range.end, b.range.end),
  );
  return { edits: chosen, applied, skipped };
}

/** A whole import or require statement on a line of its own. */
const IMPORT_LINE =
  /^\s*(import\s[^;]*\sfrom\s+(['"])[^'"]+\2;?|import\s+(['"])[^'"]+\3;?|(const|let|var)\s[^;=]+=\s*require\(\s*(['"])[^'"]+\5\s*\);?)\s*$/;
/** Names added at the end of an import list: `, Key`, `, Key as Key2`, `, Key: Key2` (require). */
const NAME_LIST = /^(,\s*[A-Za-z_$][\w$]*(\s+as\s+[A-Za-z_$][\w$]*|\s*:\s*[A-Za-z_$][\w$]*)?)+$/;

/**
 * Two insertions at one place that both add imports, as one insertion with each import once:
 * whole import statements (joined line by line, in the first one's layout), or names added to
 * one import list. Undefined for anything else.
 */
export function joinImports(a: TextEdit, b: TextEdit): string | undefined {
  const insertion = (e: TextEdit) => comparePositions(e.range.start, e.range.end) === 0;
  if (a.file !== b.file || !insertion(a) || !insertion(b) || comparePositions(a.range.start, b.range.start) !== 0) return undefined;
  const lines = (text: string) => text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const [la, lb] = [lines(a.newText), lines(b.newText)];
  if (la.length && lb.length && [...la, ...lb].every((l) => IMPORT_LINE.test(l))) {
    const eol = a.newText.includes('\r\n') ? '\r\n' : '\n';
    const all = [...la, ...lb.filter((l) => !la.includes(l))];
    const lead = /^\r?\n/.test(a.newText) ? eol : '';
    const trail = /\r?\n$/.test(a.newText) ? eol : '';
    return `${lead}${all.join(eol)}${trail}`;
  }
  if (NAME_LIST.test(a.newText.trim()) && NAME_LIST.test(b.newText.trim())) {
    const names = (text: string) =>
      text
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean);
    const na = names(a.newText);
    return `, ${[...na, ...names(b.newText).filter((n) => !na.includes(n))].join(', ')}`;
  }
  return undefined;
}

export function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return (
    a.file === b.file &&
    a.newText === b.newText &&
    comparePositions(a.range.start, b.range.start) === 0 &&
    comparePositions(a.range.end, b.range.end) === 0
  );
}

/**
 * Two edits of one file collide when their ranges overlap, when both insert at the same point
 * (no defined order), or when one inserts where the other's range starts or inside it.
 */
export function editsConflict(a: TextEdit, b: TextEdit): boolean {
  if (a.file !== b.file) return false;
  const aEmpty = comparePositions(a.range.start, a.range.end) === 0;
  const bEmpty = comparePositions(b.range.start, b.range.end) === 0;
  if (aEmpty && bEmpty) return comparePositions(a.range.start, b.range.start) === 0;
  if (aEmpty) return insideOrAtStart(a.range.start, b);
  if (bEmpty) return insideOrAtStart(b.range.start, a);
  return comparePositions(a.range.start, b.range.end) < 0 && comparePositions(b.range.start, a.range.end) < 0;
}

function insideOrAtStart(p: Position, e: TextEdit): boolean {
  return comparePositions(e.range.start, p) <= 0 && comparePositions(p, e.range.end) < 0;
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
