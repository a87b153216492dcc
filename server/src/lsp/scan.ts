import type { Connection } from 'vscode-languageserver';
import * as path from 'node:path';
import { ScanProgressNotification, ScanSummary } from '../../../shared/src/protocol';
import type { DiagnosticsService } from './diagnostics';
import type { ServerLog } from './log';
import { ScanProgress } from './scanProgress';
import type { Prepare } from './prepare';
import { shownAt } from './settings';
import type { WorkspaceEngines } from './workspace';

/**
 * "Scan Workspace": analyse every file of every folder now, reporting progress as files are
 * done, then ask the client to pull diagnostics again.
 */
export async function scanWorkspace(
  connection: Connection,
  workspace: WorkspaceEngines,
  prepare: Prepare,
  diagnostics: DiagnosticsService,
  token: string,
  isCancelled: () => boolean,
  log?: ServerLog,
): Promise<ScanSummary> {
  const started = Date.now();
  const summary: ScanSummary = { files: 0, errors: 0, warnings: 0, infos: 0, durationMs: 0 };
  const folders = workspace.allFolders();
  const work = folders.map((state) => ({ state, files: workspace.files(state) }));
  const total = work.reduce((n, w) => n + w.files.length, 0);
  let done = 0;
  const progress = new ScanProgress(token, total, (p) => void connection.sendNotification(ScanProgressNotification, p));
  for (const { state, files } of work) {
    const prepared = await prepare(state.uri);
    if (!prepared) {
      done += files.length;
      continue;
    }
    const s = prepared.settings;
    const base = done;
    const folderStarted = Date.now();
    const results = await workspace.analyzeInBackground(state, files, {
      isCancelled,
      budgetMs: s.budgetMs,
      onProgress: (n, file) => progress.fileDone(base + n, path.posix.relative(state.path, file)),
    });
    if (!results) {
      summary.cancelled = true;
      break;
    }
    done += files.length;
    log?.analysed('scan', state.path, results, Date.now() - folderStarted);
    for (const file of files) {
      for (const f of state.engine.findings(file).filter((x) => shownAt(x.severity, s.minimumSeverity))) {
        summary[f.severity === 'error' ? 'errors' : f.severity === 'warning' ? 'warnings' : 'infos']++;
      }
    }
    summary.files += files.length;
  }
  if (!summary.cancelled) progress.finish();
  summary.durationMs = Date.now() - started;
  diagnostics.changed({ refresh: true });
  return summary;
}
