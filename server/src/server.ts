/**
 * The Serverless Guard language server. This file only wires LSP requests to the modules that
 * do the work (diagnostics, hover, workspace scan); the analysis itself is the core's.
 * Run with `node server/out/server.js --stdio` (or `--node-ipc`, as the extension does).
 */
import {
  createConnection,
  DidChangeConfigurationNotification,
  FileChangeType,
  InitializeParams,
  InitializeResult,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { GuideSectionsRequest, ScanWorkspaceParams, ScanWorkspaceRequest, StatusNotification, StatusParams } from '../../shared/src/protocol';
import { DiagnosticsService } from './lsp/diagnostics';
import { guideSections } from './lsp/guide';
import { HoverService } from './lsp/hover';
import { OverlayHost } from './lsp/overlayHost';
import { scanWorkspace } from './lsp/scan';
import { Settings } from './lsp/settings';
import { uriToPath } from './lsp/uri';
import { WorkspaceEngines } from './lsp/workspace';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const host = new OverlayHost(documents);
const workspace = new WorkspaceEngines(host, (message) => connection.console.error(message));
const settings = new Settings(connection);
const diagnostics = new DiagnosticsService(connection, documents, host, workspace, settings);
const hover = new HoverService(documents, workspace, settings, (message) => connection.console.error(message));

let hasConfigurationCapability = false;
let hasRefreshSupport = false;

const status = (params: StatusParams) => void connection.sendNotification(StatusNotification, params);

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  hasConfigurationCapability = !!caps.workspace?.configuration;
  hasRefreshSupport = !!caps.workspace?.diagnostics?.refreshSupport;
  settings.setSupported(hasConfigurationCapability);
  const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
  workspace.setFolders(folders);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      diagnosticProvider: { identifier: 'slsguard', interFileDependencies: true, workspaceDiagnostics: true },
      hoverProvider: true,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'Serverless Guard' },
  };
});

connection.onInitialized(() => {
  if (hasConfigurationCapability) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'slsguard' });
  }
  connection.workspace.onDidChangeWorkspaceFolders((event) => {
    const current = workspace.allFolders().map((f) => ({ uri: f.uri, name: f.path }));
    const removed = new Set(event.removed.map((f) => f.uri));
    workspace.setFolders([...current.filter((f) => !removed.has(f.uri)), ...event.added]);
    diagnostics.changed({ refresh: hasRefreshSupport });
  });
  status({ state: 'ready', message: 'Serverless Guard is ready' });
});

connection.onDidChangeConfiguration(() => {
  settings.clear();
  diagnostics.changed({ refresh: hasRefreshSupport });
});

documents.onDidOpen((event) => {
  const path = host.opened(event.document);
  if (path) workspace.stateFor(path).engine.pin(path);
});

documents.onDidChangeContent((event) => {
  const path = uriToPath(event.document.uri);
  if (!path) return;
  // Files that import values from this one must be re-analysed too.
  const state = workspace.stateFor(path);
  const dependents = state.engine.dependentsOf(path).filter((f) => f !== path);
  diagnostics.changed({ refresh: hasRefreshSupport && dependents.length > 0 });
});

documents.onDidClose((event) => {
  const path = host.closed(event.document);
  if (path) {
    workspace.stateFor(path).engine.unpin(path);
    // The disk text may differ from the closed editor's: let dependents re-pull.
    diagnostics.changed({ refresh: hasRefreshSupport });
  }
});

connection.onDidChangeWatchedFiles((params) => {
  for (const change of params.changes) {
    const path = uriToPath(change.uri);
    if (!path) continue;
    const kind = change.type === FileChangeType.Created ? 'created' : change.type === FileChangeType.Deleted ? 'deleted' : 'changed';
    workspace.fileEvent(path, kind);
  }
  diagnostics.changed({ refresh: hasRefreshSupport });
});

connection.languages.diagnostics.on(async (params, token) =>
  diagnostics.document(params.textDocument.uri, params.previousResultId, () => token.isCancellationRequested),
);

connection.languages.diagnostics.onWorkspace(async (params, token) => {
  const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
  const items = await diagnostics.workspaceReport(previous, () => token.isCancellationRequested, (busy) =>
    status(busy ? { state: 'busy', message: 'Serverless Guard is analysing the workspace' } : { state: 'ready', message: 'Serverless Guard is ready' }),
  );
  return { items };
});

connection.onHover((params) => hover.hover(params));

connection.onRequest(GuideSectionsRequest, guideSections);

connection.onRequest(ScanWorkspaceRequest, async (params: ScanWorkspaceParams, token) => {
  status({ state: 'busy', message: 'Serverless Guard is scanning the workspace' });
  try {
    return await scanWorkspace(connection, workspace, settings, diagnostics, params.token, () => token.isCancellationRequested);
  } finally {
    status({ state: 'ready', message: 'Serverless Guard is ready' });
  }
});

connection.onShutdown(() => workspace.dispose());

documents.listen(connection);
connection.listen();
