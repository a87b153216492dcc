import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ScanProgressNotification,
  ScanProgressParams,
  ScanSummary,
  ScanWorkspaceParams,
  ScanWorkspaceRequest,
} from '../../shared/src/protocol';
import { ScanNotification } from './scanNotification';

const SHOW_PROBLEMS = 'Show Problems';

/** JSON-RPC's "request cancelled" error code. */
const REQUEST_CANCELLED = -32800;

export function summaryMessage(summary: ScanSummary): string {
  const counts = `Scanned ${summary.files} files: ${summary.errors} errors, ${summary.warnings} warnings, ${summary.infos} infos`;
  return summary.cancelled ? `Scan cancelled. ${counts}` : counts;
}

function isCancellation(error: unknown): boolean {
  if (error instanceof vscode.CancellationError) return true;
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === REQUEST_CANCELLED;
}

/**
 * "Scan Workspace": one `slsguard/scanWorkspace` request under a cancellable progress
 * notification fed by the `slsguard/scanProgress` notifications carrying this scan's token.
 */
export async function scanWorkspace(client: LanguageClient, outputChannel: vscode.LogOutputChannel): Promise<void> {
  const token = randomUUID();
  let summary: ScanSummary | undefined;
  try {
    summary = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Serverless Guard: Scanning workspace', cancellable: true },
      async (progress, cancellation) => {
        const steps = new ScanNotification((step) => progress.report(step));
        const listener = client.onNotification(ScanProgressNotification, (params: ScanProgressParams) => {
          if (params.token === token) steps.update(params);
        });
        try {
          const params: ScanWorkspaceParams = { token };
          const result = await client.sendRequest<ScanSummary>(ScanWorkspaceRequest, params, cancellation);
          // The final count, the server's last notification, shows before the summary replaces it.
          const settle = steps.settleMs();
          if (settle > 0) await new Promise((resolve) => setTimeout(resolve, settle));
          return result;
        } finally {
          listener.dispose();
        }
      },
    );
  } catch (error) {
    if (isCancellation(error)) {
      void vscode.window.showInformationMessage('Serverless Guard: Workspace scan cancelled.');
      return;
    }
    outputChannel.error('Workspace scan failed', error);
    const choice = await vscode.window.showErrorMessage('Serverless Guard: The workspace scan failed.', 'Show Output');
    if (choice === 'Show Output') outputChannel.show(true);
    return;
  }
  outputChannel.info(`${summaryMessage(summary)} in ${summary.durationMs} ms`);
  const choice = await vscode.window.showInformationMessage(summaryMessage(summary), SHOW_PROBLEMS);
  if (choice === SHOW_PROBLEMS) {
    await vscode.commands.executeCommand('workbench.actions.view.problems');
  }
}
