import * as path from 'node:path';
import { Engine } from '../core/engine';
import type { EngineConfig } from '../core/config';
import { ConfigFileResolver, layerConfig } from '../core/configFile/resolver';
import type { LoadedConfigFile } from '../core/configFile/load';
import { DiskHost, discoverFiles, normalizePath, SourceHost } from '../core/model/host';
import type { Rule } from '../core/rules/rule';
import { allRules } from '../core/rules/registry';
import { compareFindings, Finding, SEVERITY_RANK, Severity } from '../core/types';
import type { ScanReport } from '../core/report/report';

export interface ScanOptions {
  paths: string[];
  cwd: string;
  /** The base configuration (from flags); the nearest `.slsguard.json` is layered under it. */
  config: EngineConfig;
  /** `--config <file>`: this file for every path instead of the nearest one. */
  configFile?: string;
  /** Told once about each config file read (to print its problems). */
  onConfigFile?: (file: LoadedConfigFile) => void;
  rules?: Rule[];
  /** Only findings at or above this severity are kept. */
  minSeverity: Severity;
  onProgress?: (done: number, total: number) => void;
  log?: (message: string) => void;
}

/** The engine the CLI commands share: config files searched like the editor does, from a host. */
export function createEngine(options: ScanOptions, host: SourceHost): { engine: Engine; files: string[] } {
  const rules = options.rules ?? allRules;
  const resolver = new ConfigFileResolver(host, rules, {
    isBoundary: configBoundary(host, options.cwd),
    fixed: options.configFile,
    onLoad: options.onConfigFile,
  });
  const engine = new Engine({
    host,
    config: options.config,
    rules: options.rules,
    logger: options.log,
    configFor: (file, base) => layerConfig(base, resolver.forFile(file)),
  });
  const files = discoverFiles(host, options.paths).filter((f) => !engine.isIgnored(f));
  engine.setFiles(files);
  return { engine, files };
}

/**
 * Where the search for `.slsguard.json` stops: the git root of the file's repository; outside
 * any repository, the current directory.
 */
function configBoundary(host: SourceHost, cwd: string): (dir: string) => boolean {
  const isGitRoot = (dir: string) => host.directoryExists(`${dir === '/' ? '' : dir}/.git`) || host.fileExists(`${dir === '/' ? '' : dir}/.git`);
  const start = normalizePath(cwd);
  let cwdInRepo = false;
  for (let dir = start; ; dir = path.posix.dirname(dir)) {
    if (isGitRoot(dir)) {
      cwdInRepo = true;
      break;
    }
    if (path.posix.dirname(dir) === dir) break;
  }
  return (dir) => isGitRoot(dir) || (!cwdInRepo && dir === start);
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
  const { engine, files } = createEngine(options, new DiskHost());
  let done = 0;
  engine.analyzeFiles(files, {
    onResult: () => {
      done++;
      if (done % 50 === 0) options.onProgress?.(done, files.length);
    },
  });
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
