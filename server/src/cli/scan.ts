import type { EngineConfig } from '../core/config';
import { analyzeProject } from '../core/project';
import type { Rule } from '../core/rules/rule';
import { compareFindings, Finding, SEVERITY_RANK, Severity } from '../core/types';
import type { ScanReport } from '../core/report/report';

export interface ScanOptions {
  paths: string[];
  cwd: string;
  config: EngineConfig;
  rules?: Rule[];
  /** Only findings at or above this severity are kept. */
  minSeverity: Severity;
  onProgress?: (done: number, total: number) => void;
  log?: (message: string) => void;
}

/** Discover the files under `paths`, analyse them all, and run the project pass. */
export function runScan(options: ScanOptions): ScanReport {
  const started = Date.now();
  const { engine, files } = analyzeProject(options);
  const findings: Finding[] = [];
  for (const file of files) findings.push(...engine.findings(file));
  engine.dispose();
  const threshold = SEVERITY_RANK[options.minSeverity];
  return {
    findings: findings.filter((f) => SEVERITY_RANK[f.severity] >= threshold).sort(compareFindings),
    files: files.length,
    durationMs: Date.now() - started,
    cwd: options.cwd,
  };
}
