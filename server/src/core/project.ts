import type { Baseline } from './baseline/baseline';
import * as path from 'node:path';
import { collectInventory } from './checklist/inventory';
import { cpuTime } from './budget';
import type { EngineConfig } from './config';
import { ConfigFileResolver, layerConfig } from './configFile/configFileResolver';
import type { LoadedConfigFile } from './configFile/load';
import { Engine, FileResult, Logger } from './engine/engine';
import { DiskHost, discoverFiles, normalizePath, SourceHost } from './model/host';
import type { Rule } from './rule';
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
  log?: Logger;
  /** Where files are read from (default: the disk, each file read once). */
  host?: SourceHost;
  /** Findings this baseline holds are not reported (`.slsguard-baseline.json`). */
  baseline?: Baseline;
  /** Some of the discovered files only (`--shard i/n`): the project, its project pass included, is those files. */
  select?: (files: string[]) => string[];
  /**
   * Per-file budget in milliseconds of CPU time (`--budget-ms`); none by default. A file that runs
   * out of it is reported incomplete: on the command line, missing findings must never go unseen.
   */
  budgetMs?: number;
}

/** A project opened by `createEngine` or analysed by `analyzeProject`: its engine and its files. */
export interface Project {
  engine: Engine;
  files: string[];
}

/**
 * How a project's files are analysed: each file's result ends up in `engine` (its project pass
 * then runs over them, wherever they were made). `inThisThread` analyses in this thread; the
 * CLI injects its worker threads (`cli/parallel.ts`), so the core knows nothing of them.
 */
export type Executor<R extends void | Promise<void> = void | Promise<void>> = (
  engine: Engine,
  files: string[],
  options: ProjectOptions,
) => R;

export const inThisThread: Executor<void> = (engine, files) => {
  engine.analyzeFiles(files);
};

/**
 * The engine the command-line commands share: files discovered on disk (minus `ignore` globs),
 * and config files searched the way the editor searches them.
 */
export function createEngine(options: ProjectOptions): Project {
  const host = options.host ?? new DiskHost({ stable: true });
  const engine = createProjectEngine({ ...options, roots: options.roots ?? options.paths }, host);
  const discovered = discoverFiles(host, options.paths).filter((f) => !engine.isIgnored(f));
  const files = options.select ? options.select(discovered) : discovered;
  engine.setFiles(files);
  engine.setBaseline(options.baseline);
  return { engine, files };
}

/** Files other files import values from that a command-line engine keeps parsed. */
export const SCAN_MAX_IMPORTED_FILES = 64;

/**
 * An engine configured like the command line's (flags over the nearest `.slsguard.json`),
 * without discovering files: a worker thread analyses the files it is given.
 */
export function createProjectEngine(
  options: Omit<ProjectOptions, 'paths' | 'host'>,
  host: SourceHost = new DiskHost({ stable: true }),
): Engine {
  const rules = options.rules ?? allRules;
  const resolver = new ConfigFileResolver(host, rules, {
    isBoundary: configBoundary(host, options.cwd, options.roots ?? []),
    fixed: options.configFile,
    onLoad: options.onConfigFile,
  });
  const withTestRoot = testRootOf(host, options.roots ?? []);
  return new Engine({
    host,
    config: options.config,
    rules: options.rules,
    logger: options.log,
    configFor: (file, base) => layerConfig(withTestRoot(base, file), resolver.forFile(file)),
    collectInventory,
    budgetMs: options.budgetMs ?? Number.POSITIVE_INFINITY,
    clock: cpuTime,
    // A scan analyses each file once: files imported by many stay (the most recently used), the
    // rest need not. 64 instead of the editor's 1,000: 10 to 15 MB less at peak on the issue 22
    // corpus, with the same parses (measured: no file parsed twice either way).
    maxImportedFiles: SCAN_MAX_IMPORTED_FILES,
  });
}

/**
 * The one scan pipeline of the CLI, its threads and the tests: discover the files, analyse every
 * one with `executor` (in this thread unless told otherwise), and hand back the engine, which
 * holds every file's result and runs the project pass over them when findings are read. Dispose
 * of it when done. Synchronous with a synchronous executor.
 */
export function analyzeProject(options: ProjectOptions, executor: Executor<Promise<void>>): Promise<Project>;
export function analyzeProject(options: ProjectOptions, executor?: Executor<void>): Project;
export function analyzeProject(options: ProjectOptions, executor: Executor = inThisThread): Project | Promise<Project> {
  const project = createEngine(options);
  const running = executor(project.engine, project.files, options);
  return running instanceof Promise ? running.then(() => project) : project;
}

/**
 * The base configuration with the scanned path a file is under as its `testRoot`: test code
 * globs are matched below what was scanned (a project checked out under `/home/me/test/` is not
 * all test code), unless a `.slsguard.json` sets them (then below it).
 */
function testRootOf(host: SourceHost, roots: readonly string[]): (base: EngineConfig, file: string) => EngineConfig {
  const dirs = new Set(scannedDirs(host, roots));
  const cache = new WeakMap<EngineConfig, Map<string, EngineConfig>>();
  // The nearest scanned directory above the file (or the file itself), by walking up: a scan of
  // a list of files has as many roots (1,560: a search through them all for each configuration
  // the engine asks for took a fifth of an unchanged re-run with --cache).
  const rootOf = (file: string) => {
    for (let dir = file; ; dir = path.posix.dirname(dir)) {
      if (dirs.has(dir)) return dir;
      if (path.posix.dirname(dir) === dir) return undefined;
    }
  };
  return (base, file) => {
    if (base.testRoot !== undefined) return base;
    const root = rootOf(file);
    if (root === undefined) return base;
    let byRoot = cache.get(base);
    if (!byRoot) cache.set(base, (byRoot = new Map()));
    let config = byRoot.get(root);
    if (!config) byRoot.set(root, (config = { ...base, testRoot: root }));
    return config;
  };
}

/**
 * Where the search for `.slsguard.json` stops: the git root of the file's repository; outside
 * any repository, the current directory, or the scanned path the file is under when that is not
 * below the current directory. A config file in a folder above (another user's
 * `/tmp/.slsguard.json`) never applies.
 */
function configBoundary(host: SourceHost, cwd: string, roots: readonly string[]): (dir: string) => boolean {
  const isGitRoot = (dir: string) =>
    host.directoryExists(`${dir === '/' ? '' : dir}/.git`) || host.fileExists(`${dir === '/' ? '' : dir}/.git`);
  const inRepo = (start: string) => {
    for (let dir = start; ; dir = path.posix.dirname(dir)) {
      if (isGitRoot(dir)) return true;
      if (path.posix.dirname(dir) === dir) return false;
    }
  };
  const start = normalizePath(cwd);
  const cwdInRepo = inRepo(start);
  const below = (dir: string, top: string) => dir === top || dir.startsWith(top === '/' ? '/' : `${top}/`);
  const scanned = new Set(scannedDirs(host, roots).filter((r) => !inRepo(r) && (cwdInRepo || !below(r, start))));
  return (dir) => isGitRoot(dir) || (!cwdInRepo && dir === start) || scanned.has(dir);
}

/** The directories scanned: each path given, or the directory of a file given. */
function scannedDirs(host: SourceHost, roots: readonly string[]): string[] {
  return roots.map((r) => normalizePath(r)).map((r) => (host.directoryExists(r) ? r : path.posix.dirname(r)));
}

/**
 * What the project pass reads of a file's result: its facts, its suppression comments, where it
 * does not parse (no fix edits there) and whether its analysis stopped early. A scan's shard
 * records this much of its files, and `merge-sarif` gives it back to an engine
 * (`projectPassResult`), whose project pass then judges as in a single scan.
 */
export type ProjectPassInput = Partial<Pick<FileResult, 'facts' | 'directives' | 'brokenRegions' | 'skipped'>>;

/** The project pass's input from a file's result; undefined when the pass needs nothing of the file. */
export function projectPassInput(result: FileResult): ProjectPassInput | undefined {
  const input: ProjectPassInput = {
    ...(Object.keys(result.facts).length ? { facts: result.facts } : {}),
    ...(result.directives?.length ? { directives: result.directives } : {}),
    ...(result.brokenRegions?.length ? { brokenRegions: result.brokenRegions } : {}),
  };
  if (Object.keys(input).length === 0) return undefined;
  return result.skipped ? { ...input, skipped: result.skipped } : input;
}

/** A file's result that holds the project pass's input only (its own findings were reported elsewhere). */
export function projectPassResult(file: string, input: ProjectPassInput): FileResult {
  return { file, hash: '', findings: [], dependencies: {}, ...input, facts: input.facts ?? {} };
}
