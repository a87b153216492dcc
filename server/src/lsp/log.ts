import * as path from 'node:path';
import type { RemoteConsole } from 'vscode-languageserver';
import type { FileResult } from '../core/engine/fileRun';
import { PRODUCT_NAME, productVersion } from '../core/meta';

/**
 * What the output channel says about the server's work, for a user who wants to know what the
 * extension does: its version, each folder's analysis of the workspace (how many files, how
 * long) and the files that ran out of their time budget. Paths and counts only: never a
 * finding's message, so never a secret.
 */
export class ServerLog {
  /** Files whose budget stop was told, by text hash: a cached result is not told again. */
  private readonly budgetTold = new Set<string>();
  /** Folders whose first analysis of the workspace was told. */
  private readonly foldersTold = new Set<string>();

  constructor(private readonly console: RemoteConsole) {}

  started(folders: string[]): void {
    this.console.info(`${PRODUCT_NAME} ${productVersion()} language server, Node ${process.version}.`);
    this.console.info(
      folders.length ? `Workspace folders: ${folders.join(', ')}.` : 'No workspace folder: open files are analysed on their own.',
    );
  }

  /**
   * A folder's files were analysed: by "Scan Workspace" (always told) or in the background for
   * the Problems panel (told the first time; later passes reuse what did not change).
   */
  analysed(kind: 'scan' | 'background', folder: string, results: FileResult[], ms: number): void {
    if (kind === 'scan' || !this.foldersTold.has(folder)) {
      this.foldersTold.add(folder);
      const n = results.length;
      this.console.info(
        `${kind === 'scan' ? 'Scan Workspace' : 'Workspace analysis'}: ${n} file${n === 1 ? '' : 's'} of ${folder} in ${Math.round(ms)} ms.`,
      );
    }
    for (const r of results) {
      if (r.skipped !== 'budget' || this.budgetTold.has(`${r.file}|${r.hash}`)) continue;
      this.budgetTold.add(`${r.file}|${r.hash}`);
      this.console.warn(
        `${path.posix.relative(folder, r.file) || r.file} ran out of its time budget (${r.budgetMs} ms): some findings may be missing. Raise slsguard.timeBudgetPerFile to analyse it whole.`,
      );
    }
  }
}
