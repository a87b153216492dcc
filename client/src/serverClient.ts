import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { LanguageClient, State } from 'vscode-languageclient/node';
import {
  ActivityNotification,
  ActivityParams,
  StatusNotification,
  StatusParams,
  WorkspaceTrustNotification,
  WorkspaceTrustParams,
} from '../../shared/src/protocol';
import { createFileWatchers, createLanguageClient, serverModulePath } from './languageClient';
import { RestartPolicy } from './restartPolicy';
import type { StatusBar } from './statusBar';

const SHOW_OUTPUT = 'Show Output';
/** True while the workspace has CDK or handler code (`when` clauses in package.json). */
export const ACTIVE_CONTEXT_KEY = 'slsguard.active';

/**
 * Owns the language client: starts it, restarts it (with a fresh client when the old one can
 * no longer start), and mirrors its state in the status bar. Never throws to its callers;
 * failures go to the output channel, an error message and the status bar.
 */
export class ServerClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private clientListeners: vscode.Disposable[] = [];
  /** Server notifications other parts of the extension listen to, on every client (restarts too). */
  private readonly notificationHandlers = new Set<{ method: string; handler: (params: unknown) => void }>();
  private readonly fileWatchers = createFileWatchers();
  /** One error message per start: a crash while starting fails the start too. */
  private errorShown = false;
  /** Crashes are followed by restarts, a limited number of them (kept across client instances). */
  private readonly restarts = new RestartPolicy();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly outputChannel: vscode.LogOutputChannel,
    private readonly statusBar: StatusBar,
  ) {}

  /** The running client, waiting for it if it is still starting; `undefined` if it is not up. */
  async ready(): Promise<LanguageClient | undefined> {
    const client = this.client;
    if (client === undefined) return undefined;
    if (client.state === State.Starting) {
      try {
        await client.start(); // resolves when the pending start does
      } catch {
        return undefined; // reported by start() already
      }
    }
    return client.state === State.Running ? client : undefined;
  }

  async start(): Promise<void> {
    this.errorShown = false;
    const module = serverModulePath(this.context);
    if (!fs.existsSync(module)) {
      this.failed(`The language server is missing (${module}). Build the extension with "npm run build".`);
      return;
    }
    let client: LanguageClient;
    try {
      client = createLanguageClient(this.context, this.outputChannel, this.fileWatchers, { crashed: () => this.crashed() });
    } catch (error) {
      this.failed('The language client could not be created.', error);
      return;
    }
    this.client = client;
    this.clientListeners = [
      client.onDidChangeState((event) => this.stateChanged(event.newState)),
      client.onNotification(StatusNotification, (params: StatusParams) => this.statusBar.fromServer(params)),
      // No CDK and no handler in the workspace: no status item, no activity-bar icon (the
      // checklist view's `when` reads the context key).
      client.onNotification(ActivityNotification, (params: ActivityParams) => {
        const active = params?.active === true;
        this.statusBar.setActive(active);
        void vscode.commands.executeCommand('setContext', ACTIVE_CONTEXT_KEY, active);
      }),
      ...[...this.notificationHandlers].map(({ method, handler }) => client.onNotification(method, handler)),
    ];
    this.statusBar.set('starting');
    try {
      await client.start();
    } catch (error) {
      this.failed('The language server failed to start.', error);
    }
  }

  /** Handle a server notification, now and after every restart. Register before `start()`. */
  onNotification(method: string, handler: (params: unknown) => void): vscode.Disposable {
    const entry = { method, handler };
    this.notificationHandlers.add(entry);
    return new vscode.Disposable(() => this.notificationHandlers.delete(entry));
  }

  /**
   * The user trusted the workspace: tell the running server, so it uses the patterns of the
   * workspace's `.slsguard.json`. A server not running yet reads the trust when it starts.
   */
  async trustGranted(): Promise<void> {
    const client = await this.ready();
    if (!client) return;
    try {
      await client.sendNotification(WorkspaceTrustNotification, { trusted: true } satisfies WorkspaceTrustParams);
    } catch (error) {
      this.outputChannel.error('Telling the server that the workspace is trusted failed.', error);
    }
  }

  async restart(): Promise<void> {
    // The user asks for it: crashes before this one no longer count.
    this.restarts.reset();
    this.statusBar.setNote(undefined);
    const client = this.client;
    if (client?.state === State.Starting) {
      void vscode.window.showInformationMessage('Serverless Guard: The server is still starting.');
      return;
    }
    if (client?.state === State.Running) {
      this.errorShown = false;
      this.statusBar.set('starting');
      try {
        await client.restart();
        return;
      } catch (error) {
        this.outputChannel.error('Restarting the server failed; starting a new client.', error);
      }
    }
    // Stopped, failed to start, or never created: a client that failed to start cannot
    // start again, so replace it.
    await this.disposeClient();
    await this.start();
  }

  async dispose(): Promise<void> {
    await this.disposeClient();
    for (const watcher of this.fileWatchers) watcher.dispose();
  }

  private stateChanged(state: State): void {
    switch (state) {
      case State.Starting:
        this.statusBar.set('starting');
        break;
      case State.Running:
        this.statusBar.set('ready');
        break;
      case State.StartFailed:
        this.statusBar.set('error', 'Serverless Guard failed to start: see the output');
        break;
      case State.Stopped:
        // A failure reported earlier stays visible.
        if (this.statusBar.state !== 'error') this.statusBar.set('stopped');
        break;
    }
  }

  /** The server stopped unexpectedly: restart it (within the policy's limit) and say so. */
  private crashed(): boolean {
    const decision = this.restarts.crashed();
    if (!decision.restart) {
      this.statusBar.setNote(undefined);
      this.failed(decision.message);
      return false;
    }
    this.outputChannel.warn(decision.message);
    this.statusBar.setNote(decision.note);
    this.statusBar.set('starting', decision.message);
    return true;
  }

  private failed(message: string, error?: unknown): void {
    this.statusBar.set('error', `Serverless Guard: ${message}`);
    this.outputChannel.error(message, error);
    if (this.errorShown) return;
    this.errorShown = true;
    void vscode.window.showErrorMessage(`Serverless Guard: ${message}`, SHOW_OUTPUT).then((choice) => {
      if (choice === SHOW_OUTPUT) this.outputChannel.show(true);
    });
  }

  private async disposeClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    for (const listener of this.clientListeners) listener.dispose();
    this.clientListeners = [];
    if (client === undefined) return;
    try {
      await client.dispose();
    } catch (error) {
      // A client that never got running cannot shut down cleanly; nothing is left to stop.
      this.outputChannel.debug('Disposing the language client failed', error);
    }
  }
}
