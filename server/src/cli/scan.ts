import { analyzeProject, Project, ProjectOptions } from '../core/project';
import type { Severity } from '../core/types';
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
export async function analyzeOnThreads(options: ParallelOptions & { shard?: ShardSpec }): Promise<Project & { host: DiskHost }> {
  const { shard } = options;
  // The host is kept: the reports name the files it could not read, and why.
  const host = new DiskHost({ stable: true });
  const select = shard && ((files: string[]) => filesOfShard(files, options.cwd, shard));
  const project = await analyzeProject({ ...options, host, select }, onThreads(options.jobs, options.workerEntry));
  return { ...project, host };
}

/** Discover the files under `paths`, analyse them all, and run the project pass. */
export async function runScan(options: ScanOptions): Promise<ScanReport> {
  const started = Date.now();
  const within = options.project ? options.paths.map(normalizePath) : undefined;
  const { engine, files: all, host } = await analyzeOnThreads(within ? { ...options, paths: [options.project!] } : options);
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
  const prints = fingerprints([...findings, ...suppressed], options.cwd, (file) => engine.host.readFile(file));
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
  };
}
