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
  type vsdiag,
} from 'vscode-languageclient/node';
import { guideDirectory, withGuideCommandLinks } from './guideLinks';
import { ruleDocCommandLink, withRuleDocCommandLinks } from './ruleLinks';

/** The client id is also the settings prefix: the client reads `slsguard.trace.server`. */
export const CLIENT_ID = 'slsguard';
export const CLIENT_NAME = 'Serverless Guard';

/** The "Attach to Server" launch configuration attaches here. */
const DEBUG_PORT = 6009;

const LANGUAGES = ['typescript', 'javascript', 'typescriptreact', 'javascriptreact', 'python'];

/** Files whose changes the server hears about through `workspace/didChangeWatchedFiles`. */
const WATCHED_GLOBS = [
  '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}',
  '**/tsconfig*.json',
  '**/.slsguard.json',
  '**/.slsguard-baseline.json',
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
  const rules = vscode.Uri.file(context.asAbsolutePath(path.join('docs', 'rules'))).toString();
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
    // Guide links and rule pages, in hover cards and the Problems panel, open the rendered page
    // (the Markdown preview), not its source.
    middleware: {
      provideHover: async (document, position, token, next) => {
        const hover = await next(document, position, token);
        return hover ? withGuideCommandLinks(withRuleDocLinks(hover, rules), guideDirectory(context)) : hover;
      },
      provideDiagnostics: async (document, previousResultId, token, next) => {
        const report = await next(document, previousResultId, token);
        if (report && 'items' in report) report.items.forEach((d) => ruleDocCode(d, rules));
        return report;
      },
      provideWorkspaceDiagnostics: async (resultIds, token, reporter, next) => {
        const rewrite = (items: ReadonlyArray<vsdiag.WorkspaceDocumentDiagnosticReport> | undefined) =>
          items?.forEach((item) => ('items' in item ? item.items.forEach((d) => ruleDocCode(d, rules)) : undefined));
        const report = await next(resultIds, token, (chunk) => {
          rewrite(chunk?.items);
          reporter(chunk);
        });
        rewrite(report?.items);
        return report;
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

/** A diagnostic's link to its rule page opens the rendered page ("Show Rule Documentation"). */
function ruleDocCode(diagnostic: vscode.Diagnostic, rules: string): void {
  const code = diagnostic.code;
  if (!code || typeof code !== 'object') return;
  const command = ruleDocCommandLink(code.target.toString(), rules, ClientCommands.showRuleDoc);
  if (command) diagnostic.code = { value: code.value, target: vscode.Uri.parse(command) };
}

/** "Rule page" in a hover card opens the rendered page; the card is trusted for that one command. */
function withRuleDocLinks(hover: vscode.Hover, rules: string): vscode.Hover {
  let changed = false;
  const contents = hover.contents.map((content) => {
    if (!(content instanceof vscode.MarkdownString)) return content;
    const rewritten = withRuleDocCommandLinks(content.value, rules, ClientCommands.showRuleDoc);
    if (!rewritten.changed) return content;
    changed = true;
    const trusted = new vscode.MarkdownString(rewritten.value, content.supportThemeIcons);
    trusted.isTrusted = { enabledCommands: [ClientCommands.showRuleDoc] };
    return trusted;
  });
  return changed ? new vscode.Hover(contents, hover.range) : hover;
}
