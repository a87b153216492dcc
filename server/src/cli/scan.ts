import type { Engine } from '../core/engine';
import { createEngine, ProjectOptions } from '../core/project';
import type { Severity } from '../core/types';
import { DiskHost } from '../core/model/host';
import { collectFindings, fileProblems, ScanReport } from '../core/report/report';
import { analyzeInParallel } from './parallel';
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
}

/**
 * Discover the files under `paths` (one shard of them with `shard`) and analyse them, on
 * `jobs` threads. The engine holds every file's result; dispose of it when done.
 */
export async function analyzeProjectOnThreads(options: ParallelOptions & { shard?: ShardSpec }): Promise<{ engine: Engine; files: string[]; host: DiskHost }> {
  const host = new DiskHost({ stable: true });
  const { engine, files: all } = createEngine(options, host);
  const files = options.shard ? filesOfShard(all, options.cwd, options.shard) : all;
  if (options.shard) engine.setFiles(files);
  const jobs = options.workerEntry ? options.jobs : 1;
  await analyzeInParallel(engine, files, {
    jobs,
    entry: options.workerEntry ?? '',
    setup: { cwd: options.cwd, config: options.config, configFile: options.configFile, budgetMs: options.budgetMs },
    log: options.log ?? (() => undefined),
  });
  return { engine, files, host };
}

/** Discover the files under `paths`, analyse them all, and run the project pass. */
export async function runScan(options: ScanOptions): Promise<ScanReport> {
  const started = Date.now();
  const { engine, files, host } = await analyzeProjectOnThreads(options);
  const { findings, suppressed } = collectFindings(engine, files, options.minSeverity, options.shard ? 'file' : undefined);
  const problems = fileProblems(engine, files, { host, roots: options.paths });
  const runProperties = options.shard ? { [SHARD_PROPERTY]: shardProperty(engine, files, options.cwd, options.shard, options.minSeverity) } : undefined;
  engine.dispose();
  return {
    findings,
    suppressed,
    files: files.length,
    durationMs: Date.now() - started,
    cwd: options.cwd,
    ...(runProperties ? { runProperties } : {}),
    ...(problems.length ? { problems } : {}),
  };
}
