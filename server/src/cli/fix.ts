import * as crypto from 'node:crypto';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import * as ts from 'typescript';
import { applyEdits } from '../core/fixes/edits';
import { fixAll } from '../core/fixes/fixAll';
import { editsByFile } from '../core/fixes/merge';
import { DiskHost, normalizePath } from '../core/model/host';
import { lineStartsOf, offsetAt } from '../core/model/lines';
import { ruleById } from '../core/rules/registry';
import { maskSecrets } from '../core/secrets/redact';
import { escapeControls, linePath } from '../core/report/terminal';
import { collectFindings, fileProblems, relativePath, ScanReport } from '../core/report/report';
import type { Finding, Fix } from '../core/types';
import { analyzeProject } from '../core/project';
import type { ScanOptions } from './scan';
import type { FileChange, NotWritten } from './writeFixes';
import { once } from '../core/model/once';

export type { FileChange } from './writeFixes';

/**
 * `slsguard fix`: apply the preferred fixes (they keep behaviour), plus every fix of the rules
 * named with `--rule`, re-analysing between passes so that fixes which collide in one pass are
 * applied in the next. Files change only at the end, and not at all with `--dry-run`
 * (`writeFixes.ts` writes them, checking each first).
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

export interface FixResult {
  applied: AppliedFix[];
  changes: FileChange[];
  /** Every secret the secrets rules found, as detected and as written in the source: a diff shows its first 4 characters only. */
  secrets: string[];
  passes: number;
  /** Files left as they were because they changed on disk while fix analysed them. */
  notWritten: NotWritten[];
  /** What is left after the fixes, as `scan` would report it. */
  remaining: ScanReport;
}

/** The disk, with the files the fixes changed held in memory until they are written. */
class EditingHost extends DiskHost {
  private readonly edited = new Map<string, { text: string; version: number }>();
  /** A digest of each file's text as fix first read it from disk. */
  private readonly firstRead = new Map<string, string>();

  override readFile(file: string): string | undefined {
    const f = normalizePath(file);
    const edited = this.edited.get(f);
    if (edited) return edited.text;
    const text = super.readFile(file);
    if (text !== undefined && !this.firstRead.has(f)) this.firstRead.set(f, digest(text));
    return text;
  }

  /**
   * The file's text, when it is still the text fix first read (and analysed); undefined when
   * the file changed on disk since: its findings' ranges are then of another text.
   */
  analysedText(file: string): string | undefined {
    const text = this.readFile(file);
    const f = normalizePath(file);
    return text !== undefined && (this.edited.has(f) || this.firstRead.get(f) === digest(text)) ? text : undefined;
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

function digest(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

export function runFix(options: FixOptions): FixResult {
  const started = Date.now();
  const host = new EditingHost();
  const { engine, files } = analyzeProject({ ...options, host });
  const originals = new Map<string, string>();
  const applied: AppliedFix[] = [];
  /** Files that changed on disk while fix ran: not edited, not written. */
  const moved = new Set<string>();
  /** For each file, the other files a fix applied to it edits too. */
  const together = new Map<string, Set<string>>();
  let passes = 0;
  const secrets = new Set<string>();
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    // The project was analysed when opened; later passes analyse the files the fixes changed.
    if (pass > 1) engine.analyzeFiles(files);
    for (const file of files) for (const secret of engine.cachedResult(file)?.secrets ?? []) secrets.add(secret);
    const findings = files.flatMap((file) => engine.findings(file));
    for (const finding of findings) for (const secret of secretLiterals(finding, host)) secrets.add(secret);
    // A file that changed on disk since fix read it is left alone, with every fix that edits it;
    // the others are edited in the text just compared, not in one read again.
    const texts = new Map<string, string>();
    const unchanged = (file: string): boolean => {
      if (texts.has(file)) return true;
      const text = moved.has(file) ? undefined : host.analysedText(file);
      if (text !== undefined) texts.set(file, text);
      else if (host.fileExists(file)) moved.add(file);
      return !moved.has(file);
    };
    // Fixes write UTF-8: a UTF-16 or UTF-32 file is analysed, never rewritten in another encoding
    // (a file a fix creates does not exist yet: UTF-8).
    const usable = (fix: Fix) => fix.edits.every((e) => (host.encodingOf(e.file) ?? 'utf8') === 'utf8' && unchanged(e.file));
    const fixed = fixAll(findings, { suggestionsOf: options.suggestionsOf, usable });
    let changed = false;
    for (const [file, edits] of editsByFile(fixed.edits)) {
      const before = texts.get(file);
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
    for (const { finding, fix } of fixed.applied) {
      const files = new Set(fix.edits.map((e) => e.file));
      for (const file of files)
        for (const other of files) if (other !== file) together.set(file, (together.get(file) ?? new Set()).add(other));
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
    const after = keepLineEnds(before, host.readFile(file)!);
    const tied = [...(together.get(file) ?? [])].filter((f) => originals.has(f));
    if (after !== before) changes.push({ file, before, after, ...(tied.length ? { together: tied.sort() } : {}) });
  }
  changes.sort((a, b) => a.file.localeCompare(b.file));
  return {
    applied,
    changes,
    secrets: [...secrets],
    passes,
    notWritten: [...moved].sort().map((file) => ({ file, reason: 'it changed while fix was analysing it' })),
    remaining: { findings, suppressed, files: files.length, durationMs: Date.now() - started, cwd: options.cwd, problems },
  };
}

/**
 * A file whose lines all end with CRLF keeps them so: a line a fix adds with a bare LF gets
 * CRLF too (a file with mixed line ends is left as the fixes made it).
 */
export function keepLineEnds(before: string, after: string): string {
  if (!before.includes('\r\n') || /(^|[^\r])\n/.test(before)) return after;
  return after.replace(/\r?\n/g, '\r\n');
}

/** A unified diff of every change, paths relative to `cwd` (`a/…`, `b/…` as git writes them). */
export function formatDiff(changes: FileChange[], cwd: string, secrets: readonly string[] = []): string {
  const diff = changes
    .map((c) => {
      const rel = relativePath(cwd, c.file);
      return createTwoFilesPatch(`a/${rel}`, `b/${rel}`, c.before, c.after, undefined, undefined, {
        context: 3,
        headerOptions: FILE_HEADERS_ONLY,
      });
    })
    .join('');
  // Line by line: a secret over several lines (a PEM block) shows as several removed lines.
  return diff
    .split('\n')
    .map((line) => {
      // Code lines may hold control characters: escaped, but for the CR of a CRLF line ending.
      const cr = line.endsWith('\r') ? '\r' : '';
      return escapeControls(maskSecrets(cr ? line.slice(0, -1) : line, secrets)) + cr;
    })
    .join('\n');
}

/** Made on first use (see `once`). */
const TEXT_DELIMITERS = once(
  (): Map<ts.SyntaxKind, [number, number]> =>
    new Map<ts.SyntaxKind, [number, number]>([
      [ts.SyntaxKind.StringLiteral, [1, 1]],
      [ts.SyntaxKind.NoSubstitutionTemplateLiteral, [1, 1]],
      [ts.SyntaxKind.TemplateHead, [1, 2]],
      [ts.SyntaxKind.TemplateMiddle, [1, 2]],
      [ts.SyntaxKind.TemplateTail, [1, 1]],
    ]),
);

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
  const scanner = ts.createScanner(
    ts.ScriptTarget.Latest,
    true,
    ts.LanguageVariant.Standard,
    text.slice(offset(finding.range.start), offset(finding.range.end)),
  );
  const out: string[] = [];
  // Open braces inside each `${…}` being scanned: its `}` goes back to the template's text.
  const substitutions: number[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const depth = substitutions.length - 1;
    if (kind === ts.SyntaxKind.OpenBraceToken && depth >= 0) substitutions[depth]++;
    else if (kind === ts.SyntaxKind.CloseBraceToken && depth >= 0) {
      if (substitutions[depth] > 0) substitutions[depth]--;
      else kind = scanner.reScanTemplateToken(false);
    }
    if (kind === ts.SyntaxKind.TemplateHead) substitutions.push(0);
    if (kind === ts.SyntaxKind.TemplateTail) substitutions.pop();
    // The text between the delimiters: quotes, backticks, `${` and `}`.
    const [open, close] = TEXT_DELIMITERS().get(kind) ?? [0, 0];
    if (open === 0) continue;
    const raw = scanner.getTokenText().slice(open, -close);
    // Very short strings would mask unrelated text; no rule reports a secret that short.
    if (raw.length >= 8) out.push(raw);
  }
  return out;
}

/** The result as it ends on disk: `notWritten` added, the fixes and changes of those files left out. */
export function withNotWritten(result: FixResult, notWritten: NotWritten[]): FixResult {
  const all = [...result.notWritten, ...notWritten];
  const left = new Set(all.map((n) => n.file));
  return {
    ...result,
    notWritten: all,
    applied: result.applied.filter((a) => !left.has(a.file)),
    changes: result.changes.filter((c) => !left.has(c.file)),
  };
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
    lines.push(`  ${linePath(rel)}:${a.line + 1}:${a.character + 1}  ${escapeControls(a.title)}  ${a.ruleId}`);
    if (a.note) lines.push(`      ${escapeControls(a.note)}`);
  }
  if (lines.length) lines.push('');
  const verb = dryRun ? 'Would fix' : 'Fixed';
  const files = new Set(result.changes.map((c) => c.file)).size;
  const remaining = result.remaining.findings.length;
  const head = result.applied.length
    ? `${verb} ${plural(result.applied.length, 'finding')} in ${plural(files, 'file')}.`
    : result.notWritten.length
      ? `${verb} nothing.`
      : 'Nothing to fix.';
  const left = result.notWritten.length;
  // The findings that remain were counted with every fix applied: not the case any more.
  const tail = left
    ? ` ${plural(left, 'file')} ${dryRun ? 'would not be' : left === 1 ? 'was not' : 'were not'} written (see above): run \`slsguard scan\` to list the findings that remain.`
    : remaining
      ? ` ${plural(remaining, 'finding')} ${remaining === 1 ? 'remains' : 'remain'}: run \`slsguard scan\` to list ${remaining === 1 ? 'it' : 'them'}.`
      : ' No findings remain.';
  lines.push(head + tail);
  return `${lines.join('\n')}\n`;
}
