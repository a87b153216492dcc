import * as path from 'node:path';
import { cpuTime } from './budget';
import type { EngineConfig } from './config';
import { ConfigFileResolver, layerConfig } from './configFile/resolver';
import type { LoadedConfigFile } from './configFile/load';
import { Engine, Logger } from './engine';
import { DiskHost, discoverFiles, normalizePath, SourceHost } from './model/host';
import type { Rule } from './rules/rule';
import { allRules } from './rules/registry';

export interface ProjectOptions {
  /** Files or directories to analyse. */
  paths: string[];
  /** Where the command runs: the `.slsguard.json` search stops at its git root (or here). */
  cwd: string;
  /** The base configuration (from flags); the nearest `.slsguard.json` is layered under it. */
  config: EngineConfig;
  /** `--config <file>`: this file for every path instead of the nearest one. */
  configFile?: string;
  /** Told once about each config file read (to print its problems). */
  onConfigFile?: (file: LoadedConfigFile) => void;
  rules?: Rule[];
  onProgress?: (done: number, total: number) => void;
  log?: Logger;
  /**
   * Per-file budget in milliseconds of CPU time (`--budget-ms`); none by default. A file that runs
   * out of it is reported incomplete: on the command line, missing findings must never go unseen.
   */
  budgetMs?: number;
}

/**
 * The engine the command-line commands share: files discovered on disk (minus `ignore` globs),
 * and config files searched the way the editor searches them.
 */
export function createEngine(options: ProjectOptions, host: SourceHost = new DiskHost({ stable: true })): { engine: Engine; files: string[] } {
  const engine = createProjectEngine(options, host);
  const files = discoverFiles(host, options.paths).filter((f) => !engine.isIgnored(f));
  engine.setFiles(files);
  return { engine, files };
}

/**
 * An engine configured like the command line's (flags over the nearest `.slsguard.json`),
 * without discovering files: a worker thread analyses the files it is given.
 */
export function createProjectEngine(options: Omit<ProjectOptions, 'paths'>, host: SourceHost = new DiskHost({ stable: true })): Engine {
  const rules = options.rules ?? allRules;
  const resolver = new ConfigFileResolver(host, rules, {
    isBoundary: configBoundary(host, options.cwd),
    fixed: options.configFile,
    onLoad: options.onConfigFile,
  });
  return new Engine({
    host,
    config: options.config,
    rules: options.rules,
    logger: options.log,
    configFor: (file, base) => layerConfig(base, resolver.forFile(file)),
    budgetMs: options.budgetMs ?? Number.POSITIVE_INFINITY,
    clock: cpuTime,
  });
}

/**
 * Discover and analyse every file (the command line's way: one pass, nothing kept open). The
 * engine holds every file's result, the project pass included; dispose of it when done.
 */
export function analyzeProject(options: ProjectOptions, host?: SourceHost): { engine: Engine; files: string[] } {
  const { engine, files } = createEngine(options, host);
  let done = 0;
  engine.analyzeFiles(files, {
    onResult: () => {
      done++;
      if (done % 50 === 0) options.onProgress?.(done, files.length);
    },
  });
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
