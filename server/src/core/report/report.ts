import type { Engine, FindingsOptions } from '../engine/engine';
import { DiskHost, normalizePath, relativePath, unreadableReason } from '../model/host';

export { relativePath };
import { compareFindings, Finding, SEVERITY_RANK, Severity } from '../types';
import { escapeControls } from './terminal';

/** A finished scan, ready to print. */
export interface ScanReport {
  findings: Finding[];
  /** Findings that suppression comments suppress: listed in SARIF only, with their reasons. */
  suppressed?: Finding[];
  /** How many findings in test code were left out (`--include-tests` shows them). */
  hiddenInTestCode?: number;
  /** `--show-suppressed`: text and JSON list the suppressed findings too, with their reasons. */
  showSuppressed?: boolean;
  files: number;
  durationMs: number;
  /** Directory that output paths are relative to. */
  cwd: string;
  /** SARIF only: the run's property bag (a shard's input to `merge-sarif`). */
  runProperties?: Record<string, unknown>;
  /** Files the scan could not analyse in full; any `incomplete` one makes the run exit 2. */
  problems?: FileProblem[];
  /** Each finding's fingerprint (fingerprint.ts), paths relative to `cwd`; SARIF's `partialFingerprints`. */
  fingerprints?: ReadonlyMap<Finding, string>;
  /** `--cache`: files whose stored result was used, and files analysed. */
  cache?: { hits: number; misses: number };
}

/** The SARIF run property that counts the findings test code hid. */
export const HIDDEN_IN_TEST_CODE_PROPERTY = 'slsguard/hiddenInTestCode';

/** A file (or directory) the scan skipped, or analysed only in part. */
export interface FileProblem {
  /** Absolute path; none for a rule that relates files (it failed over the whole project). */
  file?: string;
  /** `incomplete`: analysed, but findings may be missing; `skipped`: not analysed at all. */
  kind: 'incomplete' | 'skipped';
  reason: string;
}

/**
 * What the scan of `files` left undone: files stopped by the time budget or where a rule threw
 * (incomplete), files and directories it could not read or decode (skipped), rules that relate
 * files and threw. Skipped files are asked of the disk again, for the reason.
 */
export function fileProblems(engine: Engine, files: string[], scanned?: { host: DiskHost; roots: string[] }): FileProblem[] {
  const out: FileProblem[] = [];
  // Only below the scanned paths: resolving imports may look at directories elsewhere.
  const roots = (scanned?.roots ?? []).map(normalizePath);
  for (const [file, reason] of scanned?.host.skippedPaths ?? []) {
    if (roots.some((r) => file === r || file.startsWith(`${r}/`))) out.push({ file, kind: 'skipped', reason });
  }
  for (const file of files) {
    const result = engine.cachedResult(file);
    if (!result) continue;
    if (result.skipped === 'unreadable') out.push({ file: result.file, kind: 'skipped', reason: unreadableReason(result.file) });
    else if (result.skipped === 'too-deep')
      out.push({ file: result.file, kind: 'skipped', reason: 'nested too deeply for the TypeScript parser' });
    else if (result.skipped === 'budget') {
      out.push({
        file: result.file,
        kind: 'incomplete',
        reason: `stopped after its time budget (${result.budgetMs} ms of CPU time, --budget-ms); some findings may be missing`,
      });
    }
    for (const { ruleId, error } of result.failedRules ?? [])
      out.push({ file: result.file, kind: 'incomplete', reason: ruleFailure(ruleId, error) });
  }
  for (const [ruleId, error] of engine.projectRuleFailures) out.push({ kind: 'incomplete', reason: ruleFailure(ruleId, error) });
  return out.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.reason.localeCompare(b.reason));
}

function ruleFailure(ruleId: string, error: string): string {
  return `rule ${ruleId} failed (${error}); its findings are missing`;
}

/** What a problem says after the file's name: `analysis incomplete: …` or `skipped: …`. */
export function problemText(p: FileProblem): string {
  return `${p.kind === 'incomplete' ? 'analysis incomplete' : 'skipped'}: ${escapeControls(p.reason)}`;
}

/** True when some file was analysed only in part: the run exits 2, whatever it found. */
export function isIncomplete(problems: FileProblem[] | undefined): boolean {
  return !!problems?.some((p) => p.kind === 'incomplete');
}

/** One line per incomplete file, for standard error (skipped files are listed in the report itself). */
export function formatProblems(problems: FileProblem[] | undefined, cwd: string): string {
  return (problems ?? [])
    .filter((p) => p.kind === 'incomplete')
    .map((p) => `slsguard: ${p.file ? `${escapeControls(relativePath(cwd, p.file))}: ` : ''}${problemText(p)}\n`)
    .join('');
}

/**
 * Findings of the engine's files at or above a severity: active ones, and suppressed ones apart,
 * each in report order, and how many test code hides. `pass`: only one pass's findings (see
 * `FindingsOptions.pass`).
 */
export function collectFindings(
  engine: Engine,
  files: string[],
  minSeverity: Severity,
  pass?: FindingsOptions['pass'],
): { findings: Finding[]; suppressed: Finding[]; hiddenInTestCode: number } {
  const threshold = SEVERITY_RANK[minSeverity];
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  let hiddenInTestCode = 0;
  for (const file of files) {
    const testCode = engine.isTestCode(file);
    for (const f of engine.findings(file, { includeSuppressed: true, pass, includeTestCode: true })) {
      if (SEVERITY_RANK[f.severity] < threshold) continue;
      if (testCode && !engine.keptInTestCode(f)) {
        if (!f.suppressed) hiddenInTestCode++;
        continue;
      }
      (f.suppressed ? suppressed : findings).push(f);
    }
  }
  return { findings: findings.sort(compareFindings), suppressed: suppressed.sort(compareFindings), hiddenInTestCode };
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
