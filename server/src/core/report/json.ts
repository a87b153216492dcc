import type { Finding } from '../types';
import { countBySeverity, relativePath, ScanReport } from './report';
import { jsonText } from './terminal';

/** The CLI's `--format json` (shape fixed by the rule catalog; lines and columns 1-based). */
export interface JsonReport {
  version: 1;
  findings: Array<{
    ruleId: string;
    /** Which of the rule's messages: compare ids, not message text. */
    messageId: string;
    severity: string;
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    message: string;
    fixable: boolean;
    related?: Array<{ file: string; line: number; column: number; message: string }>;
  }>;
  summary: {
    files: number;
    errors: number;
    warnings: number;
    infos: number;
    durationMs: number;
    /** Findings in test code not listed (`--include-tests` lists them); present when there are some. */
    hiddenInTestCode?: number;
    /** With `--cache`: files whose stored result was used (`hits`), and files analysed (`misses`). */
    cache?: { hits: number; misses: number };
  };
  /** `--show-suppressed`: the suppressed findings, each with why. */
  suppressed?: Array<JsonFinding & { suppression: { kind: string; reason: string } }>;
  /** Files analysed only in part (findings may be missing: the run exits 2); listed when there are some. */
  incomplete?: Array<{ file?: string; reason: string }>;
  /** Files and directories not analysed at all; listed when there are some. */
  skipped?: Array<{ file?: string; reason: string }>;
}

export type JsonFinding = JsonReport['findings'][number];

/** One finding in the CLI's JSON shape, paths relative to `cwd`. */
export function findingToJson(f: Finding, cwd: string): JsonFinding {
  return {
    ruleId: f.ruleId,
    messageId: f.messageId,
    severity: f.severity,
    file: relativePath(cwd, f.file),
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    message: f.message,
    fixable: f.fixes.length > 0,
    ...(f.related.length
      ? {
          related: f.related.map((r) => ({
            file: relativePath(cwd, r.file),
            line: r.range.start.line + 1,
            column: r.range.start.character + 1,
            message: r.message,
          })),
        }
      : {}),
  };
}

export function toJson(report: ScanReport): JsonReport {
  const counts = countBySeverity(report.findings);
  const problems = (kind: 'incomplete' | 'skipped') =>
    (report.problems ?? [])
      .filter((p) => p.kind === kind)
      .map((p) => ({ ...(p.file ? { file: relativePath(report.cwd, p.file) } : {}), reason: p.reason }));
  const incomplete = problems('incomplete');
  const skipped = problems('skipped');
  return {
    version: 1,
    findings: report.findings.map((f) => findingToJson(f, report.cwd)),
    summary: {
      files: report.files,
      errors: counts.error,
      warnings: counts.warning,
      infos: counts.info,
      durationMs: report.durationMs,
      ...(report.hiddenInTestCode ? { hiddenInTestCode: report.hiddenInTestCode } : {}),
      ...(report.cache ? { cache: report.cache } : {}),
    },
    ...(report.showSuppressed
      ? {
          suppressed: (report.suppressed ?? []).map((f) => ({
            ...findingToJson(f, report.cwd),
            suppression: { kind: f.suppressed?.kind ?? '', reason: f.suppressed?.reason ?? '' },
          })),
        }
      : {}),
    ...(incomplete.length ? { incomplete } : {}),
    ...(skipped.length ? { skipped } : {}),
  };
}

export function formatJson(report: ScanReport): string {
  return jsonText(toJson(report));
}
