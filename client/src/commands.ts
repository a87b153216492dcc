import * as vscode from 'vscode';
import { scanWorkspace } from './scan';
import type { ServerClient } from './serverClient';

/** Command ids; each is contributed in package.json under the "Serverless Guard" category. */
export const Commands = {
  scanWorkspace: 'slsguard.scanWorkspace',
  restartServer: 'slsguard.restartServer',
  showOutput: 'slsguard.showOutput',
  openGuide: 'slsguard.openGuide',
} as const;

const RESTART = 'Restart Server';

export function registerCommands(server: ServerClient, outputChannel: vscode.LogOutputChannel): vscode.Disposable[] {
  let scanning = false;
  return [
    vscode.commands.registerCommand(Commands.scanWorkspace, async () => {
      if (scanning) {
        void vscode.window.showInformationMessage('Serverless Guard: A workspace scan is already running.');
        return;
      }
      const client = await server.ready();
      if (client === undefined) {
        const choice = await vscode.window.showWarningMessage('Serverless Guard: The server is not running.', RESTART);
        if (choice === RESTART) await server.restart();
        return;
      }
      scanning = true;
      try {
        await scanWorkspace(client, outputChannel);
      } finally {
        scanning = false;
      }
    }),
    vscode.commands.registerCommand(Commands.restartServer, () => server.restart()),
    vscode.commands.registerCommand(Commands.showOutput, () => outputChannel.show(true)),
  ];
}
