import { createHash } from 'node:crypto';
import { lineStartsOf } from '../model/lines';
import { compareFindings, Finding } from '../types';
import { relativePath } from '../model/host';

/**
 * Fingerprints that follow a finding when lines move: the text of the line it is on (its first
 * and last lines, for a range over several), whitespace collapsed, its rule and its file, and
 * which occurrence of those it is in the file (a second identical line is `…:2`). No line number
 * goes in: code added above a finding leaves its fingerprint as it was, and so does re-indenting.
 * SARIF's `partialFingerprints` and the baseline file (`.slsguard-baseline.json`) both use them.
 */

/** What the fingerprint reads of a finding: the text of its lines, or its message when the text is unknown. */
export function fingerprintContent(finding: Finding, text: string | undefined, starts?: readonly number[]): string {
  if (text === undefined) return finding.message;
  const lines = starts ?? lineStartsOf(text);
  const line = (n: number) => normalize(text.slice(lines[n] ?? text.length, lines[n + 1] ?? text.length));
  const { start, end } = finding.range;
  const content = end.line > start.line ? `${line(start.line)}\n${line(end.line)}` : line(start.line);
  return content.trim() === '' ? finding.message : content;
}

function normalize(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** The hash part of a fingerprint: rule, path (relative, `/`-separated) and content. */
export function fingerprintHash(ruleId: string, relPath: string, content: string): string {
  return createHash('sha256').update(`${ruleId}\0${relPath}\0${content}`).digest('hex').slice(0, 32);
}

/** `hash:n`, n counting the results with this hash met so far in `seen` (report order). */
export function numberedFingerprint(hash: string, seen: Map<string, number>): string {
  const n = (seen.get(hash) ?? 0) + 1;
  seen.set(hash, n);
  return `${hash}:${n}`;
}

/**
 * The fingerprint of each finding, paths relative to `base`. `readText` gives a file's text as
 * it was analysed (undefined: the message stands in for the text). Findings are numbered in
 * report order, file by file: pass every finding of the files concerned (suppressed ones too),
 * so that a run and the baseline number them alike. `stored` may give a finding's hash as kept
 * from an earlier run of the same text (the results cache): its file is then not read.
 */
export function fingerprints(
  findings: readonly Finding[],
  base: string,
  readText: (file: string) => string | undefined,
  stored?: (finding: Finding) => string | undefined,
): Map<Finding, string> {
  const out = new Map<Finding, string>();
  const seen = new Map<string, number>();
  const texts = new Map<string, { text: string | undefined; starts?: number[] }>();
  const hashOf = (f: Finding) => {
    let entry = texts.get(f.file);
    if (!entry) {
      const text = readText(f.file);
      entry = { text, starts: text === undefined ? undefined : lineStartsOf(text) };
      texts.set(f.file, entry);
    }
    return fingerprintHash(f.ruleId, relativePath(base, f.file), fingerprintContent(f, entry.text, entry.starts));
  };
  for (const f of [...findings].sort(compareFindings)) out.set(f, numberedFingerprint(stored?.(f) ?? hashOf(f), seen));
  return out;
}
