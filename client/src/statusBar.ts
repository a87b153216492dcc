import * as vscode from 'vscode';
import type { StatusParams } from '../../shared/src/protocol';

export type ServerState = 'starting' | 'ready' | 'busy' | 'error' | 'stopped';

const ICONS: Record<ServerState, string> = {
  starting: '$(loading~spin)',
  ready: '$(shield)',
  busy: '$(sync~spin)',
  error: '$(error)',
  stopped: '$(circle-slash)',
};

const DEFAULT_MESSAGES: Record<ServerState, string> = {
  starting: 'Serverless Guard is starting',
  ready: 'Serverless Guard is ready',
  busy: 'Serverless Guard is analysing',
  error: 'Serverless Guard has a problem: see the output',
  stopped: 'Serverless Guard is stopped',
};

const RESTRICTED =
  "Restricted Mode: workspace settings cannot turn rules off or down, and the workspace's .slsguard.json cannot turn rules off, lower their severity, or supply patterns, until you trust the workspace.";

/**
 * The status bar item: one glance at the server's state. Fed by the language client's state
 * changes and by the server's `slsguard/status` notification; a click opens the output.
 */
export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private current: ServerState = 'stopped';
  private message = DEFAULT_MESSAGES.starting;
  /** Said in every state until cleared: that the server was restarted after a crash. */
  private note: string | undefined;
  /** The workspace is not trusted (Restricted Mode): what the analysis leaves out there. */
  private restricted = !vscode.workspace.isTrusted;
  /** The server found CDK or handler code in the workspace (`slsguard/activity`); unknown until it says. */
  private active = false;

  constructor(showOutputCommand: string) {
    this.item = vscode.window.createStatusBarItem('slsguard.status', vscode.StatusBarAlignment.Right, 0);
    this.item.name = 'Serverless Guard';
    this.item.command = { title: 'Show Output', command: showOutputCommand };
    this.set('starting');
  }

  /** Shown in workspaces with CDK or handler code only, and whenever the server is in trouble. */
  setActive(active: boolean): void {
    this.active = active;
    this.updateVisibility();
  }

  private updateVisibility(): void {
    if (this.active || this.current === 'error' || this.note) this.item.show();
    else this.item.hide();
  }

  get state(): ServerState {
    return this.current;
  }

  set(state: ServerState, message: string = DEFAULT_MESSAGES[state]): void {
    this.current = state;
    this.message = message;
    this.item.text = `${ICONS[state]} Serverless Guard`;
    const said = this.note ? `${message} ${this.note}` : message;
    this.item.tooltip = `${said}${this.restricted ? `\n\n${RESTRICTED}` : ''}\n\nClick to show the output.`;
    this.item.backgroundColor =
      state === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : this.note
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    this.item.accessibilityInformation = { label: said };
    this.updateVisibility();
  }

  /** A note kept in every state (the restarts after crashes), or none. */
  setNote(note: string | undefined): void {
    this.note = note;
    this.set(this.current, this.message);
  }

  /** The user trusted the workspace: the whole analysis applies. */
  trusted(): void {
    this.restricted = false;
    this.set(this.current, this.message);
  }

  /** The server's own report (`slsguard/status`). */
  fromServer(params: StatusParams): void {
    this.set(params.state, params.message || DEFAULT_MESSAGES[params.state]);
  }

  dispose(): void {
    this.item.dispose();
  }
}
