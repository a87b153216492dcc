/**
 * The Serverless Guard extension: starts the language server and wires the status bar, the
 * security checklist view and the commands to it. The analysis runs in the server process,
 * never in the extension host.
 */
import * as vscode from 'vscode';
import { ChecklistView } from './checklistView';
import { Commands } from './commandIds';
import { registerCommands } from './commands';
import { registerGuideCommand } from './guide';
import { CLIENT_NAME } from './languageClient';
import { ServerClient } from './serverClient';
import { StatusBar } from './statusBar';

let server: ServerClient | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const outputChannel = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  const statusBar = new StatusBar(Commands.showOutput);
  server = new ServerClient(context, outputChannel, statusBar);
  context.subscriptions.push(
    outputChannel,
    statusBar,
    server,
    ...registerCommands(server, outputChannel, context.extensionUri),
    registerGuideCommand(context, server),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      statusBar.trusted();
      void server?.trustGranted();
    }),
  );
  // The checklist listens to the server's notifications: create it before the server starts.
  context.subscriptions.push(new ChecklistView(server, context));
  void server.start();
}

export function deactivate(): Promise<void> | undefined {
  const current = server;
  server = undefined;
  return current?.dispose();
}
