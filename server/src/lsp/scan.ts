import type { Connection } from 'vscode-languageserver';
import * as path from 'node:path';
import { ScanProgressNotification, ScanProgressParams, ScanSummary } from '../../../shared/src/protocol';
import type { DiagnosticsService } from './diagnostics';
import { engineConfig, Settings } from './settings';
import type { WorkspaceEngines } from './workspace';

/**
 * "Scan Workspace": analyse every file of every folder now, reporting progress, then ask the
 * client to pull diagnostics again.
 */
export async function scanWorkspace(
  connection: Connection,
  workspace: WorkspaceEngines,
  settings: Settings,
  diagnostics: DiagnosticsService,
  token: string,
  isCancelled: () => boolean,
): Promise<ScanSummary> {
  const started = Date.now();
  const summary: ScanSummary = { files: 0, errors: 0, warnings: 0, infos: 0, durationMs: 0 };
  const folders = workspace.allFolders();
  const work = folders.map((state) => ({ state, files: workspace.files(state) }));
  const total = work.reduce((n, w) => n + w.files.length, 0);
  let done = 0;
  const progress = (p: ScanProgressParams) => void connection.sendNotification(ScanProgressNotification, p);
  progress({ token, done: 0, total });
  for (const { state, files } of work) {
    const s = await settings.forResource(state.uri);
    if (!s.enable) {
      done += files.length;
      continue;
    }
    state.engine.setConfig(engineConfig(s));
    const base = done;
    let lastSent = 0;
    const results = await workspace.analyzeInBackground(state, files, {
      isCancelled,
      budgetMs: s.budgetMs,
      onProgress: (n, file) => {
        const now = Date.now();
        if (now - lastSent < 100 && base + n < total) return;
        lastSent = now;
        progress({ token, done: base + n, total, file: path.posix.relative(state.path, file) });
      },
    });
    if (!results) {
      summary.cancelled = true;
      break;
    }
    done += files.length;
    for (const file of files) {
      for (const f of state.engine.findings(file)) {
        summary[f.severity === 'error' ? 'errors' : f.severity === 'warning' ? 'warnings' : 'infos']++;
      }
    }
    summary.files += files.length;
  }
  progress({ token, done: total, total });
  summary.durationMs = Date.now() - started;
  diagnostics.changed({ refresh: true });
  return summary;
}
