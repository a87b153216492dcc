import * as path from 'node:path';
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
  /** The paths scanned (default: `paths`): outside any repository, the search stops at them too. */
  roots?: string[];
  /** The base configuration (from flags); the nearest `.slsguard.json` is layered under it. */
  config: EngineConfig;
  /** `--config <file>`: this file for every path instead of the nearest one. */
  configFile?: string;
  /** Told once about each config file read (to print its problems). */
  onConfigFile?: (file: LoadedConfigFile) => void;
  rules?: Rule[];
  onProgress?: (done: number, total: number) => void;
  log?: Logger;
}

/**
 * The engine the command-line commands share: files discovered on disk (minus `ignore` globs),
 * and config files searched the way the editor searches them.
 */
export function createEngine(options: ProjectOptions, host: SourceHost = new DiskHost({ stable: true })): { engine: Engine; files: string[] } {
  const engine = createProjectEngine({ ...options, roots: options.roots ?? options.paths }, host);
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
    isBoundary: configBoundary(host, options.cwd, options.roots ?? []),
    fixed: options.configFile,
    onLoad: options.onConfigFile,
  });
  return new Engine({
    host,
    config: options.config,
    rules: options.rules,
    logger: options.log,
    configFor: (file, base) => layerConfig(base, resolver.forFile(file)),
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
 * any repository, the current directory, or the scanned path the file is under when that is not
 * below the current directory. A config file in a folder above (another user's
 * `/tmp/.slsguard.json`) never applies.
 */
function configBoundary(host: SourceHost, cwd: string, roots: readonly string[]): (dir: string) => boolean {
  const isGitRoot = (dir: string) => host.directoryExists(`${dir === '/' ? '' : dir}/.git`) || host.fileExists(`${dir === '/' ? '' : dir}/.git`);
  const inRepo = (start: string) => {
    for (let dir = start; ; dir = path.posix.dirname(dir)) {
      if (isGitRoot(dir)) return true;
      if (path.posix.dirname(dir) === dir) return false;
    }
  };
  const start = normalizePath(cwd);
  const cwdInRepo = inRepo(start);
  const below = (dir: string, top: string) => dir === top || dir.startsWith(top === '/' ? '/' : `${top}/`);
  const scanned = new Set(
    roots
      .map((r) => normalizePath(r))
      .map((r) => (host.directoryExists(r) ? r : path.posix.dirname(r)))
      .filter((r) => !inRepo(r) && (cwdInRepo || !below(r, start))),
  );
  return (dir) => isGitRoot(dir) || (!cwdInRepo && dir === start) || scanned.has(dir);
}
