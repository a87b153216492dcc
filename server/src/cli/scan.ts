import type { Engine } from '../core/engine';
import { analyzeProject, ProjectOptions } from '../core/project';
import { compareFindings, Finding, SEVERITY_RANK, Severity } from '../core/types';
import type { ScanReport } from '../core/report/report';

export interface ScanOptions extends ProjectOptions {
  /** Only findings at or above this severity are kept. */
  minSeverity: Severity;
}

/** Findings of the engine's files at or above a severity: active ones, and suppressed ones apart. */
export function collectFindings(engine: Engine, files: string[], minSeverity: Severity): { findings: Finding[]; suppressed: Finding[] } {
  const threshold = SEVERITY_RANK[minSeverity];
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const file of files) {
    for (const f of engine.findings(file, { includeSuppressed: true })) {
      if (SEVERITY_RANK[f.severity] < threshold) continue;
      (f.suppressed ? suppressed : findings).push(f);
    }
  }
  return { findings: findings.sort(compareFindings), suppressed: suppressed.sort(compareFindings) };
}

/** Discover the files under `paths`, analyse them all, and run the project pass. */
export function runScan(options: ScanOptions): ScanReport {
  const started = Date.now();
  const { engine, files } = analyzeProject(options);
  const { findings, suppressed } = collectFindings(engine, files, options.minSeverity);
  engine.dispose();
  return {
    findings,
    suppressed,
    files: files.length,
    durationMs: Date.now() - started,
    cwd: options.cwd,
  };
}
