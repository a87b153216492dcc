import { analyzeProject, Project, ProjectOptions } from '../core/project';
import { allRules } from '../core/rules/registry';
import { CacheStats, ResultsCache, withResultsCache } from '../core/cache/resultsCache';
import type { Finding, Severity } from '../core/types';
import { DiskHost, normalizePath } from '../core/model/host';
import { fingerprints } from '../core/baseline/fingerprint';
import { collectFindings, fileProblems, HIDDEN_IN_TEST_CODE_PROPERTY, ScanReport } from '../core/report/report';
import { onThreads } from './parallel';
import { filesOfShard, SHARD_PROPERTY, shardProperty, ShardSpec } from './shard';

export interface ParallelOptions extends ProjectOptions {
  /** Threads to analyse on (`--jobs`), or undefined for as many as pay; 1, or no `workerEntry`, analyses in this thread. */
  jobs?: number;
  /** The script worker threads run: the CLI's entry point. */
  workerEntry?: string;
  /** `--cache`: the results cache file (`--cache-location`), read before and written after the analysis. */
  cacheFile?: string;
  /** The cache's engine version (default: this build's, `engineVersion()`): tests pass their own. */
  cacheEngineVersion?: string;
}

export interface ScanOptions extends ParallelOptions {
  /** Only findings at or above this severity are kept. */
  minSeverity: Severity;
  /** Only this shard's files (`--shard i/n`); the project pass is left to `merge-sarif`. */
  shard?: ShardSpec;
  /**
   * `--project <dir>`: `paths` are analysed as part of this directory's project (rules that relate
   * files see all of it), and only their findings are reported.
   */
  project?: string;
}

/**
 * Discover the files under `paths` (one shard of them with `shard`) and analyse them, on `jobs`
 * threads: the core's one pipeline with the CLI's threads. Dispose of the engine when done.
 */
export async function analyzeOnThreads(
  options: ParallelOptions & { shard?: ShardSpec },
): Promise<Project & { host: DiskHost; cache?: CacheStats & { analysed?: string[] }; resultsCache?: ResultsCache }> {
  const { shard } = options;
  // The host is kept: the reports name the files it could not read, and why.
  const host = new DiskHost({ stable: true });
  const select = shard && ((files: string[]) => filesOfShard(files, options.cwd, shard));
  let executor = onThreads(options.jobs, options.workerEntry);
  let cache: (CacheStats & { analysed?: string[] }) | undefined;
  let results: ResultsCache | undefined;
  if (options.cacheFile !== undefined) {
    // Paths in the cache are relative to the current directory: the project root on every machine.
    results = new ResultsCache({
      file: options.cacheFile,
      root: options.cwd,
      rules: options.rules ?? allRules,
      engineVersion: options.cacheEngineVersion,
      log: options.log,
    });
    executor = withResultsCache(results, executor, (cache = { hits: 0, misses: 0 }));
  }
  const project = await analyzeProject({ ...options, host, select }, executor);
  return { ...project, host, ...(cache ? { cache, resultsCache: results } : {}) };
}

/** Discover the files under `paths`, analyse them all, and run the project pass. */
export async function runScan(options: ScanOptions): Promise<ScanReport> {
  const started = Date.now();
  const within = options.project ? options.paths.map(normalizePath) : undefined;
  const {
    engine,
    files: all,
    host,
    cache,
    resultsCache,
  } = await analyzeOnThreads(within ? { ...options, paths: [options.project!] } : options);
  const files = within ? all.filter((f) => within.some((p) => f === p || f.startsWith(`${p}/`))) : all;
  const { findings, suppressed, hiddenInTestCode } = collectFindings(
    engine,
    files,
    options.minSeverity,
    options.shard ? 'file' : undefined,
  );
  const problems = fileProblems(engine, files, { host, roots: options.paths });
  const runProperties = {
    ...(options.shard ? { [SHARD_PROPERTY]: shardProperty(engine, files, options.cwd, options.shard, options.minSeverity) } : {}),
    ...(hiddenInTestCode ? { [HIDDEN_IN_TEST_CODE_PROPERTY]: hiddenInTestCode } : {}),
  };
  // Kept in the cache for the text each result was made from (its root is `cwd`): no file read twice.
  const stored = resultsCache && ((f: Finding) => resultsCache.storedFingerprint(f, engine.cachedResult(f.file)?.hash));
  const prints = fingerprints([...findings, ...suppressed], options.cwd, (file) => engine.host.readFile(file), stored);
  engine.dispose();
  return {
    findings,
    suppressed,
    fingerprints: prints,
    files: files.length,
    durationMs: Date.now() - started,
    cwd: options.cwd,
    ...(hiddenInTestCode ? { hiddenInTestCode } : {}),
    ...(Object.keys(runProperties).length ? { runProperties } : {}),
    ...(problems.length ? { problems } : {}),
    ...(cache ? { cache: { hits: cache.hits, misses: cache.misses } } : {}),
  };
}
