import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ROOT } from './paths';

export interface CliChecklistItem {
  id: string;
  title: string;
  state: 'passed' | 'failed' | 'not-applicable' | 'checked' | 'unchecked';
  manual: boolean;
  detail: string;
}

export interface CliChecklist {
  done: number;
  total: number;
  groups: Array<{ id: string; title: string; done: number; total: number; items: CliChecklistItem[] }>;
}

/**
 * `slsguard checklist <dir> --format json` with the CLI built in this repository: how the
 * command line judges the files the editor has saved, to hold the checklist view against.
 */
export function checklistFromCli(dir: string): CliChecklist {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'server', 'out', 'cli.js'), 'checklist', dir, '--format', 'json'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  // 0: every item done; 1: an item failed. Anything else is a usage error.
  if (r.status !== 0 && r.status !== 1) throw new Error(`slsguard checklist failed (${r.status ?? r.signal}):\n${r.stderr}`);
  return JSON.parse(r.stdout) as CliChecklist;
}
