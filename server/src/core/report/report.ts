import * as path from 'node:path';
import type { Finding, Severity } from '../types';

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

export function relativePath(cwd: string, file: string): string {
  const rel = path.relative(cwd, file).split(path.sep).join('/');
  return rel === '' ? '.' : rel;
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
