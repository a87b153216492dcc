import * as path from 'node:path';
import * as vscode from 'vscode';
import { ClientCommands, InitializationOptions, SERVER_NODE_OPTIONS } from '../../shared/src/protocol';
import {
  CloseAction,
  CloseHandlerResult,
  ErrorHandler,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { guideDirectory, withGuideCommandLinks } from './guideLinks';

/** The client id is also the settings prefix: the client reads `slsguard.trace.server`. */
export const CLIENT_ID = 'slsguard';
export const CLIENT_NAME = 'Serverless Guard';

/** The "Attach to Server" launch configuration attaches here. */
const DEBUG_PORT = 6009;

const LANGUAGES = ['typescript', 'javascript', 'typescriptreact', 'javascriptreact'];

/** Files whose changes the server hears about through `workspace/didChangeWatchedFiles`. */
const WATCHED_GLOBS = [
  '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
  '**/tsconfig*.json',
  '**/.slsguard.json',
  '**/.slsguard/checklist.json',
  '**/cdk.json',
];

export function serverModulePath(context: vscode.ExtensionContext): string {
  return context.asAbsolutePath(path.join('server', 'out', 'server.js'));
}

/** Created once per activation and shared by every client instance (restarts included). */
export function createFileWatchers(): vscode.FileSystemWatcher[] {
  return WATCHED_GLOBS.map((glob) => vscode.workspace.createFileSystemWatcher(glob));
}

/** What happens when the server stops without being asked to (see restartPolicy.ts). */
export interface CrashHandler {
  /** Decides, and shows the decision: true to start the server again. */
  crashed(): boolean;
}

export function createLanguageClient(
  context: vscode.ExtensionContext,
  outputChannel: vscode.LogOutputChannel,
  fileWatchers: vscode.FileSystemWatcher[],
  crashes: CrashHandler,
): LanguageClient {
  const module = serverModulePath(context);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_OPTIONS] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_OPTIONS, '--nolazy', `--inspect=${DEBUG_PORT}`] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.map((language) => ({ scheme: 'file', language })),
    // Settings need no synchronising here: the server reads them per resource with
    // `workspace/configuration` and registers for `workspace/didChangeConfiguration` itself.
    synchronize: { fileEvents: fileWatchers },
    diagnosticCollectionName: CLIENT_ID,
    // The commands code actions may run after their edit (select the reason, open a rule's page),
    // and whether the workspace is trusted: read at every (re)start, so a restart after trust is
    // granted starts trusted.
    initializationOptions: (): InitializationOptions => ({
      clientCommands: Object.values(ClientCommands),
      workspaceTrusted: vscode.workspace.isTrusted,
    }),
    // Guide links in hover cards open the Markdown preview at the section.
    middleware: {
      provideHover: async (document, position, token, next) => {
        const hover = await next(document, position, token);
        return hover ? withGuideCommandLinks(hover, guideDirectory(context)) : hover;
      },
    },
    outputChannel,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    errorHandler: {
      error: (error, message, count) => defaults().error(error, message, count),
      // Ours, not the client's default: limited restarts, each shown in the status bar.
      closed: (): CloseHandlerResult => ({ action: crashes.crashed() ? CloseAction.Restart : CloseAction.DoNotRestart, handled: true }),
    },
  };
  // Errors on the connection: the client's default (carry on for the first three, then shut down).
  let fallback: ErrorHandler | undefined;
  const defaults = (): ErrorHandler => (fallback ??= client.createDefaultErrorHandler());
  const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  return client;
}
