import * as os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { EngineConfig } from '../core/config';
import type { Engine, FileResult } from '../core/engine/engine';
import { createProjectEngine, Executor } from '../core/project';

/**
 * `--jobs N`: the files of a scan analysed on N threads. The main thread analyses too, with N − 1
 * worker threads beside it; each has its own engine, parses the files it is given (and the files
 * they import values from) and sends back the results, which are plain data. The main
 * thread adopts every result in the order of the files, whichever thread made it, and runs the
 * project pass: the output is the same for any N.
 */

/** What a worker needs to configure its engine like the main thread's: plain data only. */
export interface WorkerSetup {
  cwd: string;
  roots?: string[];
  config: EngineConfig;
  configFile?: string;
  /** `--budget-ms`, when given. */
  budgetMs?: number;
}

interface WorkerData {
  slsguardAnalysisWorker: true;
  setup: WorkerSetup;
}

type ToWorker = { chunk: number; files: string[] };
type FromWorker = { chunk: number; results: FileResult[] } | { log: string };

/** Files handed out at a time: small enough to balance threads, large enough to share imports. */
const CHUNK_FILES = 50;
/**
 * Files a thread needs before starting it pays, when the number of threads is left to us. Each
 * thread loads the bundle and warms up its own JIT, and V8's own background threads (garbage
 * collection, optimising compiler) already keep part of a second core busy: on a 2-core machine
 * 1,000 files take as long on two threads as on one, for 20% more CPU; 10,000 files take 15% less.
 */
export const MIN_FILES_PER_JOB = 1000;

let freeCores: number | undefined;

/**
 * The cores free for this run, read once: the cores Node may use, less the load average of the
 * last minute (the other processes' runnable threads), at least one. A thread on a core that
 * others keep busy only takes turns with them: on 2 cores shared with other work, a second
 * thread made 10,000 files slower, not faster (issue 22). Windows reports no load: all cores.
 */
export function availableCores(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return (freeCores ??= freeCoresOf(cores, os.loadavg()[0]));
}

/** Of `cores`, those the load average `load` leaves free (rounded), at least one. */
export function freeCoresOf(cores: number, load: number): number {
  return Math.max(1, Math.min(cores, Math.round(cores - load)));
}

/**
 * How many threads to analyse `files` files on: `jobs` when given (`--jobs`), as long as each
 * thread gets a chunk of files; otherwise up to the free cores, one per MIN_FILES_PER_JOB files
 * (the work a thread must have to win back its start-up, measured per file on a 2-core machine).
 */
export function threadsFor(jobs: number | undefined, files: number): number {
  if (jobs !== undefined) return Math.max(1, Math.min(jobs, Math.ceil(files / CHUNK_FILES)));
  return Math.max(1, Math.min(availableCores(), Math.floor(files / MIN_FILES_PER_JOB)));
}

/**
 * The executor of `analyzeProject` that analyses on `jobs` threads (undefined: as many as pay);
 * without `entry` (the CLI's own script, which workers run), in this thread. Worker engines are
 * configured from the project's options, as the main thread's is.
 */
export function onThreads(jobs: number | undefined, entry: string | undefined): Executor<Promise<void>> {
  return (engine, files, project) =>
    analyzeInParallel(engine, files, {
      jobs: entry ? jobs : 1,
      entry: entry ?? '',
      setup: {
        cwd: project.cwd,
        roots: project.roots ?? project.paths,
        config: project.config,
        configFile: project.configFile,
        budgetMs: project.budgetMs,
      },
      log: project.log ?? (() => undefined),
    });
}

/**
 * Analyse `files` on `jobs` threads (undefined: as many as pay, `threadsFor`) and adopt the
 * results into `engine` in file order.
 * `entry` is the script a worker runs: the CLI's own entry point, which calls `runWorker`.
 */
export async function analyzeInParallel(
  engine: Engine,
  files: string[],
  options: { setup: WorkerSetup; jobs: number | undefined; entry: string; log: (message: string) => void },
): Promise<void> {
  const threads = threadsFor(options.jobs, files.length);
  if (threads <= 1) {
    engine.analyzeFiles(files);
    return;
  }
  const chunks: string[][] = [];
  for (let i = 0; i < files.length; i += CHUNK_FILES) chunks.push(files.slice(i, i + CHUNK_FILES));
  const done: FileResult[][] = new Array(chunks.length);
  let next = 0;
  let remaining = chunks.length;
  const logged = new Set<string>();
  const log = (message: string) => {
    // Each thread reports a failing rule once; the user hears it once.
    const key = /^\[[^\]]+\]/.exec(message)?.[0] ?? message;
    if (logged.has(key)) return;
    logged.add(key);
    options.log(message);
  };

  await new Promise<void>((resolve, reject) => {
    const workers: Worker[] = [];
    let failed = false;
    const finish = (error?: Error) => {
      if (failed) return;
      if (error) failed = true;
      for (const w of workers) void w.terminate();
      if (error) reject(error);
      else resolve();
    };
    const received = (chunk: number, results: FileResult[]) => {
      done[chunk] = results;
      if (--remaining === 0) finish();
    };
    const feed = (worker: Worker) => {
      if (next >= chunks.length) return;
      const chunk = next++;
      worker.postMessage({ chunk, files: chunks[chunk] } satisfies ToWorker);
    };
    for (let i = 0; i < threads - 1; i++) {
      const worker = new Worker(options.entry, {
        workerData: { slsguardAnalysisWorker: true, setup: options.setup } satisfies WorkerData,
      });
      workers.push(worker);
      worker.on('message', (message: FromWorker) => {
        if ('log' in message) return log(message.log);
        received(message.chunk, message.results);
        feed(worker);
      });
      worker.on('error', (error) => finish(error));
      worker.on('exit', (code) => {
        if (remaining > 0 && code !== 0) finish(new Error(`analysis worker stopped (exit code ${code})`));
      });
      // Two chunks in flight: a worker never waits for the main thread to hand it more.
      feed(worker);
      feed(worker);
    }
    // The main thread takes a chunk whenever it is free, and lets the workers' messages in between.
    const local = createProjectEngine({ ...options.setup, log });
    const step = () => {
      if (failed) return;
      if (next < chunks.length) {
        const chunk = next++;
        try {
          received(chunk, analyzeAndForget(local, chunks[chunk]));
        } catch (error) {
          finish(error as Error);
          return;
        }
      }
      if (remaining > 0) setImmediate(step);
    };
    setImmediate(step);
  });
  engine.adoptResults(done.flat());
}

/** Results of a chunk, which the analysing engine then drops: the main thread keeps them. */
function analyzeAndForget(engine: Engine, files: string[]): FileResult[] {
  const results = engine.analyzeFiles(files);
  for (const file of files) engine.forget(file);
  return results;
}

/** True in a thread started by `analyzeInParallel`. */
export function isAnalysisWorker(): boolean {
  return !isMainThread && (workerData as WorkerData | undefined)?.slsguardAnalysisWorker === true;
}

/** The worker's side: analyse each chunk it is sent and send the results back. */
export function runWorker(): void {
  const { setup } = workerData as WorkerData;
  const port = parentPort!;
  const engine = createProjectEngine({ ...setup, log: (message) => port.postMessage({ log: message } satisfies FromWorker) });
  port.on('message', (message: ToWorker) => {
    port.postMessage({ chunk: message.chunk, results: analyzeAndForget(engine, message.files) } satisfies FromWorker);
  });
}
