import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import type {
  CodeAction,
  Diagnostic,
  DocumentDiagnosticReport,
  Hover,
  InitializeResult,
  Range,
  WorkspaceDiagnosticReport,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { packageRoot } from '../core/meta';

/**
 * The node options the extension starts the server with (`SERVER_NODE_OPTIONS`), so that tests,
 * `npm run soak` and `npm run bench` run the server as users do. Read from the compiled shared
 * project: these tests run from server/lib, where shared/src is only available as types.
 */
export function extensionNodeOptions(): readonly string[] {
  const shared = require(path.join(packageRoot(), 'shared', 'lib', 'protocol.js')) as typeof import('../../../shared/src/protocol');
  return shared.SERVER_NODE_OPTIONS;
}

/**
 * A minimal LSP client for protocol tests: it spawns the bundled server
 * (`server/out/server.js --stdio`) and speaks real JSON-RPC to it. Nothing of the server is
 * mocked.
 */
export class TestClient {
  readonly notifications: Array<{ method: string; params: unknown }> = [];
  refreshCount = 0;
  stderr = '';
  private versions = new Map<string, number>();
  private settings: Record<string, unknown>;
  private exited = false;

  private constructor(
    private readonly proc: ChildProcess,
    readonly connection: MessageConnection,
    readonly root: string,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
  }

  static serverPath(): string {
    return path.join(packageRoot(), 'server', 'out', 'server.js');
  }

  /** `serverPath` runs another copy of the bundle (the one unpacked from the `.vsix`). */
  static async start(
    root: string,
    options: {
      settings?: Record<string, unknown>;
      configuration?: boolean;
      /** Sent as `initializationOptions` (e.g. the client commands it implements). */
      initializationOptions?: unknown;
      /** The client applies versioned `documentChanges` in workspace edits. */
      documentChanges?: boolean;
      /** The client creates files in workspace edits (`resourceOperations: ['create']`). */
      createFiles?: boolean;
      serverPath?: string;
      /** Node options for the server process (e.g. `--require` a test instrument) and its environment. */
      execArgv?: string[];
      env?: NodeJS.ProcessEnv;
    } = {},
  ): Promise<{ client: TestClient; init: InitializeResult }> {
    const serverPath = options.serverPath ?? TestClient.serverPath();
    const proc = spawn(process.execPath, [...extensionNodeOptions(), ...(options.execArgv ?? []), serverPath, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
    });
    const connection = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const client = new TestClient(proc, connection, root, options.settings ?? {});
    proc.stderr!.on('data', (d: Buffer) => (client.stderr += d.toString()));
    proc.on('exit', () => (client.exited = true));
    connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
      params.items.map((item) => (item.section === 'slsguard' ? client.settings : null)),
    );
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => {
      client.refreshCount++;
      return null;
    });
    connection.onNotification((method, params) => {
      client.notifications.push({ method, params });
    });
    connection.listen();
    const init = (await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(root).toString(),
      workspaceFolders: [{ uri: pathToFileURL(root).toString(), name: path.basename(root) }],
      ...(options.initializationOptions !== undefined ? { initializationOptions: options.initializationOptions } : {}),
      capabilities: {
        workspace: {
          configuration: options.configuration ?? true,
          workspaceEdit: {
            documentChanges: options.documentChanges ?? false,
            ...(options.createFiles ? { resourceOperations: ['create'] } : {}),
          },
          diagnostics: { refreshSupport: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
        },
        textDocument: {
          diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
      },
    })) as InitializeResult;
    await connection.sendNotification('initialized', {});
    return { client, init };
  }

  uri(rel: string): string {
    return pathToFileURL(path.join(this.root, rel)).toString();
  }

  async open(rel: string, text?: string): Promise<void> {
    const body = text ?? fs.readFileSync(path.join(this.root, rel), 'utf8');
    this.versions.set(rel, 1);
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: this.uri(rel), languageId: rel.endsWith('.js') ? 'javascript' : 'typescript', version: 1, text: body },
    });
  }

  /** Replace the whole text (a full-document change event). */
  async change(rel: string, text: string): Promise<void> {
    const version = (this.versions.get(rel) ?? 1) + 1;
    this.versions.set(rel, version);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: this.uri(rel), version },
      contentChanges: [{ text }],
    });
  }

  /** An incremental edit: insert `text` at a 0-based position. */
  async insert(rel: string, line: number, character: number, text: string): Promise<void> {
    await this.edit(rel, { start: { line, character }, end: { line, character } }, text);
  }

  /** An incremental edit: replace a range with `text` (`''` deletes it). */
  async edit(rel: string, range: Range, text: string): Promise<void> {
    const version = (this.versions.get(rel) ?? 1) + 1;
    this.versions.set(rel, version);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: this.uri(rel), version },
      contentChanges: [{ range, text }],
    });
  }

  /** The version the client last sent for a document. */
  version(rel: string): number | undefined {
    return this.versions.get(rel);
  }

  codeActions(rel: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return this.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: this.uri(rel) },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    }) as Promise<CodeAction[]>;
  }

  /** The diagnostics last pushed for a file (`textDocument/publishDiagnostics`), if any. */
  published(rel: string): Diagnostic[] | undefined {
    const uri = this.uri(rel);
    for (let i = this.notifications.length - 1; i >= 0; i--) {
      const n = this.notifications[i];
      const params = n.params as { uri?: string; diagnostics?: Diagnostic[] };
      if (n.method === 'textDocument/publishDiagnostics' && params.uri === uri) return params.diagnostics;
    }
    return undefined;
  }

  async close(rel: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri: this.uri(rel) } });
  }

  async setSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { slsguard: settings } });
  }

  async diagnostics(rel: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return (await this.connection.sendRequest('textDocument/diagnostic', {
      textDocument: { uri: this.uri(rel) },
      ...(previousResultId ? { previousResultId } : {}),
    })) as DocumentDiagnosticReport;
  }

  /** Full diagnostics of a document, retrying when the server cancels a stale pull. */
  async items(rel: string): Promise<Diagnostic[]> {
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        const report = await this.diagnostics(rel);
        if (report.kind === 'full') return report.items;
      } catch (error) {
        if ((error as { code?: number }).code !== -32802) throw error;
      }
    }
    throw new Error(`no diagnostics for ${rel}`);
  }

  /** `textDocument/hover` at a 0-based position. */
  hover(rel: string, line: number, character: number): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: this.uri(rel) },
      position: { line, character },
    }) as Promise<Hover | null>;
  }

  workspaceDiagnostics(previousResultIds: Array<{ uri: string; value: string }> = []): Promise<WorkspaceDiagnosticReport> {
    return this.connection.sendRequest('workspace/diagnostic', { previousResultIds }) as Promise<WorkspaceDiagnosticReport>;
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    await new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      const timer = setTimeout(() => {
        this.proc.kill('SIGKILL');
        resolve();
      }, 3000);
      this.proc.on('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.connection.dispose();
  }

  /** The server's process id (to read its memory use, for example). */
  get pid(): number | undefined {
    return this.proc.pid;
  }

  get isRunning(): boolean {
    return !this.exited;
  }
}

/** A temporary project directory with the given files (relative path → text). */
export function makeProject(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'slsguard-test-'));
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return fs.realpathSync(root);
}

/** Poll `check` until it returns a value, or fail after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs = 10000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * The text of `uri` after a workspace edit (as `documentChanges` or `changes`), starting from
 * `text`. Edits are applied from the end, as the protocol asks for non-overlapping edits.
 */
export function applyWorkspaceEdit(text: string, edit: WorkspaceEdit | undefined, uri: string): string {
  const edits: Array<{ range: Range; newText: string }> = [];
  for (const change of edit?.documentChanges ?? []) {
    if (!('textDocument' in change) || change.textDocument.uri !== uri) continue;
    for (const e of change.edits) if ('newText' in e) edits.push(e);
  }
  edits.push(...(edit?.changes?.[uri] ?? []));
  const lines = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lines.push(i + 1);
  const offset = (p: { line: number; character: number }) => (lines[p.line] ?? text.length) + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  }
  return out;
}
