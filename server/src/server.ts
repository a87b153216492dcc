/**
 * The Serverless Guard language server. This file only wires LSP requests to the modules that
 * do the work (diagnostics, code actions, hover, config files, checklist, workspace scan); the
 * analysis itself is the core's.
 * Run with `node server/out/server.js --stdio` (or `--node-ipc`, as the extension does).
 */
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  FileChangeType,
  InitializeParams,
  InitializeResult,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  AcceptChecklistItemParams,
  ActivityNotification,
  AcceptChecklistItemRequest,
  ChecklistRequest,
  FIX_ALL_KIND,
  GuideSectionsRequest,
  InitializationOptions,
  ScanWorkspaceParams,
  ScanWorkspaceRequest,
  SetChecklistItemParams,
  SetChecklistItemRequest,
  StatusNotification,
  StatusParams,
  WorkspaceTrustNotification,
  WorkspaceTrustParams,
} from '../../shared/src/protocol';
import { ChecklistService } from './lsp/checklist';
import { CodeActions } from './lsp/codeActions';
import { Baselines } from './lsp/baselines';
import { ConfigFiles } from './lsp/configFiles';
import { DiagnosticsService } from './lsp/diagnostics';
import { guideSections } from './lsp/guide';
import { tuneHeap } from './heap';
import { HoverService } from './lsp/hover';
import { ServerLog } from './lsp/log';
import { OverlayHost } from './lsp/overlayHost';
import { preparer } from './lsp/prepare';
import { scanWorkspace } from './lsp/scan';
import { Settings } from './lsp/settings';
import { uriToPath } from './lsp/uri';
import { WorkspaceEngines } from './lsp/workspace';

tuneHeap();
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const host = new OverlayHost(documents);
const configFiles = new ConfigFiles(connection, host);
const baselines = new Baselines(host, (message) => connection.console.info(message));
const workspace = new WorkspaceEngines(
  host,
  (message) => connection.console.error(message),
  (boundary) => configFiles.configFor(boundary),
);
const log = new ServerLog(connection.console);
// A setting not used as written: in the log, and once in a notification (the log is not open).
const settings = new Settings(connection, (problem) => {
  connection.console.warn(problem.message);
  void connection.sendNotification(ShowMessageNotification.type, {
    type: MessageType.Warning,
    message: `Serverless Guard: ${problem.message}`,
  });
});
const prepare = preparer(workspace, settings);
const codeActions: CodeActions = new CodeActions(
  documents,
  host,
  prepare,
  (uri, isCancelled) => diagnostics.analyze(uri, isCancelled),
  (file) => configFiles.fileFor(workspace.stateFor(file).path, file),
);
const diagnostics: DiagnosticsService = new DiagnosticsService(connection, documents, host, workspace, prepare, codeActions, log);
const checklist = new ChecklistService(connection, workspace, prepare, host);
// Whatever may change findings may change the checklist: edits, file events (the watched files
// include `.slsguard/checklist.json`), settings, folders, scans.
diagnostics.onChanged(() => checklist.changed());
const hover = new HoverService(documents, prepare, (message) => connection.console.error(message));

let hasConfigurationCapability = false;
let hasRefreshSupport = false;
let hasWorkspaceFolderEvents = false;

const status = (params: StatusParams) => void connection.sendNotification(StatusNotification, params);

/** Whether the workspace has CDK or handler code, as last told to the client. */
let activeSent: boolean | undefined;
function announceActivity(): void {
  const active = workspace.anyServerless();
  if (active === activeSent) return;
  activeSent = active;
  void connection.sendNotification(ActivityNotification, { active });
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  hasConfigurationCapability = !!caps.workspace?.configuration;
  hasRefreshSupport = !!caps.workspace?.diagnostics?.refreshSupport;
  hasWorkspaceFolderEvents = !!caps.workspace?.workspaceFolders;
  settings.setSupported(hasConfigurationCapability);
  const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
  workspace.setFolders(folders);
  const options = (params.initializationOptions ?? {}) as InitializationOptions;
  codeActions.configure({
    clientCommands: new Set(Array.isArray(options.clientCommands) ? options.clientCommands : []),
    documentChanges: !!caps.workspace?.workspaceEdit?.documentChanges,
    createFiles: !!caps.workspace?.workspaceEdit?.resourceOperations?.includes('create'),
  });
  configFiles.setTrusted(options.workspaceTrusted !== false);
  baselines.setTrusted(options.workspaceTrusted !== false);
  workspace.useResultsCache(options.workspaceTrusted !== false);
  return {
    capabilities: {
      // Saves are heard for `slsguard.run: onSave`.
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      diagnosticProvider: { identifier: 'slsguard', interFileDependencies: true, workspaceDiagnostics: true },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
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
  // Registering for folder events throws when the client cannot send them.
  if (hasWorkspaceFolderEvents) {
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const current = workspace.allFolders().map((f) => ({ uri: f.uri, name: f.path }));
      const removed = new Set(event.removed.map((f) => f.uri));
      workspace.setFolders([...current.filter((f) => !removed.has(f.uri)), ...event.added]);
      for (const state of workspace.allFolders()) configFiles.loadFolder(state.path);
      baselines.apply(workspace.allFolders());
      announceActivity();
      diagnostics.changed({ refresh: hasRefreshSupport });
    });
  }
  log.started(workspace.allFolders().map((f) => f.path));
  for (const state of workspace.allFolders()) configFiles.loadFolder(state.path);
  baselines.apply(workspace.allFolders());
  status({ state: 'ready', message: 'Serverless Guard is ready' });
  announceActivity();
  // A (re)started server has the checklist for the client to fetch.
  checklist.changed();
});

connection.onDidChangeConfiguration(() => {
  settings.clear();
  diagnostics.forgetReports();
  diagnostics.changed({ refresh: hasRefreshSupport });
});

connection.onNotification(WorkspaceTrustNotification, (params: WorkspaceTrustParams) => {
  const baselineTrust = baselines.setTrusted(params?.trusted === true);
  if (baselineTrust) baselines.apply(workspace.allFolders());
  if (!configFiles.setTrusted(params?.trusted === true)) {
    if (baselineTrust) diagnostics.changed({ refresh: hasRefreshSupport });
    return;
  }
  workspace.configChanged();
  diagnostics.forgetReports();
  diagnostics.changed({ refresh: hasRefreshSupport });
});

documents.onDidOpen((event) => {
  diagnostics.opened(event.document.uri, { refresh: hasRefreshSupport });
  const path = host.opened(event.document);
  if (path) workspace.stateFor(path).engine.pin(path);
});

documents.onDidChangeContent((event) => {
  const path = uriToPath(event.document.uri);
  if (!path) return;
  diagnostics.edited(event.document.uri);
  if (activeSent === false) {
    workspace.documentChanged(path, event.document.getText());
    announceActivity();
  }
  // Files that import values from this one must be re-analysed too.
  const state = workspace.stateFor(path);
  const dependents = state.engine.dependentsOf(path).filter((f) => f !== path);
  diagnostics.changed({ refresh: hasRefreshSupport && dependents.length > 0 });
});

documents.onDidSave((event) => {
  diagnostics.saved(event.document.uri);
  // With `slsguard.run: onSave`, the saved text is analysed now.
  diagnostics.changed({ refresh: hasRefreshSupport });
});

documents.onDidClose((event) => {
  diagnostics.closed(event.document.uri);
  const path = host.closed(event.document);
  codeActions.forget(event.document.uri);
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
    if (ConfigFiles.isConfigFile(path)) {
      configFiles.fileChanged(path, kind === 'deleted');
      workspace.configChanged();
      diagnostics.forgetReports();
    }
    if (Baselines.isBaselineFile(path)) baselines.apply(workspace.allFolders());
  }
  if (activeSent === false) announceActivity();
  diagnostics.changed({ refresh: hasRefreshSupport });
});

connection.languages.diagnostics.on(async (params, token) =>
  diagnostics.document(params.textDocument.uri, params.previousResultId, () => token.isCancellationRequested),
);

connection.languages.diagnostics.onWorkspace(async (params, token) => {
  const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
  const items = await diagnostics.workspaceReport(
    previous,
    () => token.isCancellationRequested,
    (busy) =>
      status(
        busy
          ? { state: 'busy', message: 'Serverless Guard is analysing the workspace' }
          : { state: 'ready', message: 'Serverless Guard is ready' },
      ),
  );
  return { items };
});

connection.onCodeAction((params, token) => codeActions.provide(params, () => token.isCancellationRequested));
connection.onHover((params) => hover.hover(params));

connection.onRequest(GuideSectionsRequest, guideSections);

connection.onRequest(ScanWorkspaceRequest, async (params: ScanWorkspaceParams, token) => {
  status({ state: 'busy', message: 'Serverless Guard is scanning the workspace' });
  try {
    return await scanWorkspace(connection, workspace, prepare, diagnostics, params.token, () => token.isCancellationRequested, log);
  } finally {
    status({ state: 'ready', message: 'Serverless Guard is ready' });
  }
});

connection.onRequest(ChecklistRequest, (_params: unknown, token) => checklist.build(() => token.isCancellationRequested));

connection.onRequest(SetChecklistItemRequest, (params: SetChecklistItemParams) => checklist.setItem(params));
connection.onRequest(AcceptChecklistItemRequest, (params: AcceptChecklistItemParams) => checklist.acceptItem(params));

connection.onShutdown(() => workspace.dispose());

documents.listen(connection);
connection.listen();
