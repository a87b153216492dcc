/**
 * `server/out/cli.js`, `slsguard`'s bin: starts the CLI bundle (`cli-main.js`) through V8's code
 * cache (../launcher.ts). The cache is made by a command that analyses, at its exit, so it holds
 * the functions an analysis compiles too (which `--help` never does). Worker threads start this
 * file too (`run`'s entry) and find their bundle the same way.
 */
import { isMainThread } from 'node:worker_threads';
import { tuneHeap } from '../heap';
import { launch } from '../launcher';

interface CliBundle {
  run(entry: string): void;
}

/** Commands that analyse: the cache is made by one of them. */
const ANALYSES = new Set(['scan', 'fix', 'checklist']);

// The heap settings the language server has, set before the bundle is compiled (../heap.ts): a
// scan's peak RSS on 1,560 CDK files 186 MB instead of 227 MB, CPU time unchanged. Worker
// threads (`--jobs`) run under the flags the main thread set: they are the process's.
if (isMainThread) tuneHeap();
launch<CliBundle>('cli', ANALYSES.has(process.argv[2]) ? 'exit' : 'never').run(__filename);
