import * as fs from 'node:fs';
import * as path from 'node:path';
import { Checklist, checklistOf } from '../core/checklist/projectChecklist';
import { MANUAL_CHECKS_FILE } from '../core/checklist/manual';
import { fileProblems, FileProblem } from '../core/report/report';
import { analyzeOnThreads, ParallelOptions } from './scan';

/** What marks the top of a project, nearest first. */
const ROOT_MARKERS = [MANUAL_CHECKS_FILE, 'cdk.json', 'package.json', '.git'];

/**
 * The project a path belongs to: the nearest directory at or above it that holds
 * `.slsguard/checklist.json`, `cdk.json`, `package.json` or `.git`; the path itself (or its
 * directory) when none does.
 */
export function projectRoot(start: string): string {
  const first = fs.statSync(start).isDirectory() ? start : path.dirname(start);
  for (let dir = first; ; dir = path.dirname(dir)) {
    if (ROOT_MARKERS.some((m) => fs.existsSync(path.join(dir, m)))) return dir;
    if (path.dirname(dir) === dir) return first;
  }
}

/** Analyse the paths and judge the checklist, with the manual checks of the first path's project. */
export async function runChecklist(options: ParallelOptions): Promise<{ checklist: Checklist; root: string; problems: FileProblem[] }> {
  const root = projectRoot(options.paths[0]);
  const { engine, files, host } = await analyzeOnThreads(options);
  try {
    return { checklist: checklistOf(engine, root, files), root, problems: fileProblems(engine, files, { host, roots: options.paths }) };
  } finally {
    engine.dispose();
  }
}
