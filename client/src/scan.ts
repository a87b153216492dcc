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

const SHOW_PROBLEMS = 'Show Problems';

/** JSON-RPC's "request cancelled" error code. */
const REQUEST_CANCELLED = -32800;

export function summaryMessage(summary: ScanSummary): string {
  const counts = `Scanned ${summary.files} files: ${summary.errors} errors, ${summary.warnings} warnings, ${summary.infos} infos`;
  return summary.cancelled ? `Scan cancelled. ${counts}` : counts;
}

/** Progress text for one notification: percentage done and "n/total file". */
export function progressStep(params: ScanProgressParams): { percent: number; message: string } {
  const percent = params.total > 0 ? Math.min(100, Math.floor((params.done * 100) / params.total)) : 0;
  const message = `${params.done}/${params.total}${params.file ? ` ${params.file}` : ''}`;
  return { percent, message };
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
        let reported = 0;
        const listener = client.onNotification(ScanProgressNotification, (params: ScanProgressParams) => {
          if (params.token !== token) return;
          const step = progressStep(params);
          progress.report({ increment: Math.max(0, step.percent - reported), message: step.message });
          reported = Math.max(reported, step.percent);
        });
        try {
          const params: ScanWorkspaceParams = { token };
          return await client.sendRequest<ScanSummary>(ScanWorkspaceRequest, params, cancellation);
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
