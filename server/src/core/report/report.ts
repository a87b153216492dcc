import * as path from 'node:path';
import type { Engine, FindingsOptions } from '../engine/engine';
import { compareFindings, Finding, SEVERITY_RANK, Severity } from '../types';

/** A finished scan, ready to print. */
export interface ScanReport {
  findings: Finding[];
  /** Findings that suppression comments suppress: listed in SARIF only, with their reasons. */
  suppressed?: Finding[];
  files: number;
  durationMs: number;
  /** Directory that output paths are relative to. */
  cwd: string;
  /** SARIF only: the run's property bag (a shard's input to `merge-sarif`). */
  runProperties?: Record<string, unknown>;
}

/**
 * Findings of the engine's files at or above a severity: active ones, and suppressed ones apart,
 * each in report order. `pass`: only one pass's findings (see `FindingsOptions.pass`).
 */
export function collectFindings(engine: Engine, files: string[], minSeverity: Severity, pass?: FindingsOptions['pass']): { findings: Finding[]; suppressed: Finding[] } {
  const threshold = SEVERITY_RANK[minSeverity];
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const file of files) {
    for (const f of engine.findings(file, { includeSuppressed: true, pass })) {
      if (SEVERITY_RANK[f.severity] < threshold) continue;
      (f.suppressed ? suppressed : findings).push(f);
    }
  }
  return { findings: findings.sort(compareFindings), suppressed: suppressed.sort(compareFindings) };
}

export function relativePath(cwd: string, file: string): string {
  const rel = path.relative(cwd, file).split(path.sep).join('/');
  return rel === '' ? '.' : rel;
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
