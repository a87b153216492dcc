import * as fs from 'node:fs';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import * as ts from 'typescript';
import { applyEdits } from '../core/fixes/edits';
import { editsByFile, mergeFixes } from '../core/fixes/merge';
import { DiskHost, normalizePath } from '../core/model/host';
import { lineStartsOf, offsetAt } from '../core/model/lines';
import { ruleById } from '../core/rules/registry';
import { redact } from '../core/secrets/names';
import { collectFindings, fileProblems, relativePath, ScanReport } from '../core/report/report';
import type { Finding, Fix } from '../core/types';
import { createEngine } from '../core/project';
import type { ScanOptions } from './scan';

/**
 * `slsguard fix`: apply the preferred fixes (they keep behaviour), plus every fix of the rules
 * named with `--rule`, re-analysing between passes so that fixes which collide in one pass are
 * applied in the next. Files change only at the end, and not at all with `--dry-run`.
 */

export const MAX_PASSES = 10;

export interface FixOptions extends ScanOptions {
  /** Rules whose non-preferred fixes (suggestions) are applied too. */
  suggestionsOf: Set<string>;
}

export interface AppliedFix {
  ruleId: string;
  title: string;
  /** Where the finding was when the fix was applied (in that pass's text). */
  file: string;
  line: number;
  character: number;
  note?: string;
}

export interface FileChange {
  file: string;
  before: string;
  after: string;
}

export interface FixResult {
  applied: AppliedFix[];
  changes: FileChange[];
  /** The source text of every secret the secrets rules found: a diff shows its first 4 characters only. */
  secrets: string[];
  passes: number;
  /** What is left after the fixes, as `scan` would report it. */
  remaining: ScanReport;
}

/** The disk, with the files the fixes changed held in memory until they are written. */
class EditingHost extends DiskHost {
  private readonly edited = new Map<string, { text: string; version: number }>();

  override readFile(file: string): string | undefined {
    return this.edited.get(normalizePath(file))?.text ?? super.readFile(file);
  }

  override version(file: string): string {
    const e = this.edited.get(normalizePath(file));
    return e ? `edit:${e.version}` : super.version(file);
  }

  override fileExists(file: string): boolean {
    return this.edited.has(normalizePath(file)) || super.fileExists(file);
  }

  write(file: string, text: string): void {
    const f = normalizePath(file);
    this.edited.set(f, { text, version: (this.edited.get(f)?.version ?? 0) + 1 });
  }
}

/** The fix `slsguard fix` applies for a finding, if any. */
export function chooseFix(finding: Finding, suggestionsOf: Set<string>): Fix | undefined {
  return finding.fixes.find((f) => f.isPreferred) ?? (suggestionsOf.has(finding.ruleId) ? finding.fixes[0] : undefined);
}

export function runFix(options: FixOptions): FixResult {
  const started = Date.now();
  const host = new EditingHost();
  const { engine, files } = createEngine(options, host);
  const originals = new Map<string, string>();
  const applied: AppliedFix[] = [];
  let passes = 0;
  const secrets = new Set<string>();
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    engine.analyzeFiles(files);
    const candidates: Array<{ finding: Finding; fix: Fix }> = [];
    for (const file of files) {
      for (const finding of engine.findings(file)) {
        for (const secret of secretLiterals(finding, host)) secrets.add(secret);
        const fix = chooseFix(finding, options.suggestionsOf);
        // Fixes write UTF-8: a UTF-16 or UTF-32 file is analysed, never rewritten in another encoding
        // (a file a fix creates does not exist yet: UTF-8).
        if (fix && fix.edits.every((e) => (host.encodingOf(e.file) ?? 'utf8') === 'utf8')) candidates.push({ finding, fix });
      }
    }
    const merged = mergeFixes(candidates.map((c) => c.fix));
    let changed = false;
    for (const [file, edits] of editsByFile(merged.edits)) {
      const before = host.readFile(file);
      if (before === undefined) continue;
      const after = applyEdits(before, edits);
      if (after === before) continue;
      if (!originals.has(file)) originals.set(file, before);
      host.write(file, after);
      engine.fileChanged(file);
      changed = true;
    }
    if (!changed) break;
    passes = pass;
    const taken = new Set(merged.applied);
    for (const { finding, fix } of candidates) {
      if (!taken.has(fix)) continue;
      applied.push({
        ruleId: finding.ruleId,
        title: fix.title,
        file: finding.file,
        line: finding.range.start.line,
        character: finding.range.start.character,
        ...(fix.note ? { note: fix.note } : {}),
      });
    }
  }
  engine.analyzeFiles(files);
  const { findings, suppressed } = collectFindings(engine, files, options.minSeverity);
  const problems = fileProblems(engine, files, { host, roots: options.paths });
  engine.dispose();
  const changes: FileChange[] = [];
  for (const [file, before] of originals) {
    const after = host.readFile(file)!;
    if (after !== before) changes.push({ file, before, after });
  }
  changes.sort((a, b) => a.file.localeCompare(b.file));
  return {
    applied,
    changes,
    secrets: [...secrets],
    passes,
    remaining: { findings, suppressed, files: files.length, durationMs: Date.now() - started, cwd: options.cwd, problems },
  };
}

/** Write the changed files, keeping a byte order mark a file had. */
export function writeChanges(changes: FileChange[]): void {
  for (const change of changes) {
    let bom = '';
    try {
      const head = fs.readFileSync(change.file).subarray(0, 3);
      if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) bom = '\ufeff';
    } catch {
      // a new file
    }
    fs.writeFileSync(change.file, bom + change.after);
  }
}

/** A unified diff of every change, paths relative to `cwd` (`a/…`, `b/…` as git writes them). */
export function formatDiff(changes: FileChange[], cwd: string, secrets: readonly string[] = []): string {
  const diff = changes
    .map((c) => {
      const rel = relativePath(cwd, c.file);
      return createTwoFilesPatch(`a/${rel}`, `b/${rel}`, c.before, c.after, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
    })
    .join('');
  // Longest first, so a secret that contains another is masked whole.
  return [...secrets].sort((a, b) => b.length - a.length).reduce((text, secret) => text.split(secret).join(redact(secret)), diff);
}

/**
 * What a finding of the secrets rules flagged, as it is written in the source: the string
 * literals in its range (their text between the quotes, escapes and all). Dry-run diffs print
 * removed lines, and a diff in a CI log must not carry the secret the fix moved out of the code.
 */
function secretLiterals(finding: Finding, host: EditingHost): string[] {
  if (ruleById(finding.ruleId)?.meta.category !== 'secrets') return [];
  const text = host.readFile(finding.file);
  if (text === undefined) return [];
  const starts = lineStartsOf(text);
  const offset = (p: Finding['range']['start']) => offsetAt(starts, text.length, p);
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text.slice(offset(finding.range.start), offset(finding.range.end)));
  const out: string[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.StringLiteral || kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral) {
      const raw = scanner.getTokenText().slice(1, -1);
      // Very short strings would mask unrelated text; no rule reports a secret that short.
      if (raw.length >= 8) out.push(raw);
    }
  }
  return out;
}

/** What was fixed, by file, then one summary line. */
export function formatFixSummary(result: FixResult, cwd: string, dryRun: boolean): string {
  const lines: string[] = [];
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  let current: string | undefined;
  for (const a of [...result.applied].sort((x, y) => x.file.localeCompare(y.file))) {
    const rel = relativePath(cwd, a.file);
    if (rel !== current) {
      if (current !== undefined) lines.push('');
      current = rel;
    }
    lines.push(`  ${rel}:${a.line + 1}:${a.character + 1}  ${a.title}  ${a.ruleId}`);
    if (a.note) lines.push(`      ${a.note}`);
  }
  if (lines.length) lines.push('');
  const verb = dryRun ? 'Would fix' : 'Fixed';
  const files = new Set(result.changes.map((c) => c.file)).size;
  const remaining = result.remaining.findings.length;
  const head = result.applied.length
    ? `${verb} ${plural(result.applied.length, 'finding')} in ${plural(files, 'file')}.`
    : 'Nothing to fix.';
  const tail = remaining ? ` ${plural(remaining, 'finding')} ${remaining === 1 ? 'remains' : 'remain'}: run \`slsguard scan\` to list ${remaining === 1 ? 'it' : 'them'}.` : ' No findings remain.';
  lines.push(head + tail);
  return `${lines.join('\n')}\n`;
}
