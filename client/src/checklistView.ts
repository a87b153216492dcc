import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  AcceptChecklistItemParams,
  AcceptChecklistItemRequest,
  ChecklistChangedNotification,
  ChecklistFinding,
  ChecklistFolder,
  ChecklistGroup,
  ChecklistItem,
  ChecklistLocation,
  ChecklistRequest,
  ChecklistResult,
  SetChecklistItemParams,
  SetChecklistItemRequest,
} from '../../shared/src/protocol';
import { Commands } from './commandIds';
import type { ServerClient } from './serverClient';

export const CHECKLIST_VIEW = 'slsguard.checklist';

/** Drives the view's welcome content (`viewsWelcome` in package.json). */
const STATE_KEY = 'slsguard.checklist.state';
type ViewState = 'loading' | 'ready' | 'noCdk' | 'disabled' | 'unavailable';

/** Quiet time after the server's change notification before asking again. */
const REFRESH_DELAY_MS = 200;

type Node =
  | { kind: 'folder'; folder: ChecklistFolder }
  | { kind: 'group'; folder: ChecklistFolder; group: ChecklistGroup }
  | { kind: 'item'; folder: ChecklistFolder; item: ChecklistItem; guideSection: string }
  | { kind: 'finding'; finding: ChecklistFinding }
  | { kind: 'found'; location: ChecklistLocation }
  | { kind: 'missing'; text: string; guideSection: string }
  | { kind: 'manualError'; folder: ChecklistFolder; text: string };

const ITEM_ICONS: Record<ChecklistItem['state'], vscode.ThemeIcon | undefined> = {
  passed: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  accepted: new vscode.ThemeIcon('verified', new vscode.ThemeColor('testing.iconPassed')),
  'not-applicable': new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
  checked: undefined,
  unchecked: undefined,
};

const SEVERITY_ICONS: Record<ChecklistFinding['severity'], vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  info: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
};

/**
 * The "Security Checklist" view: the server's checklist of every workspace folder, grouped as
 * the guide groups it. Analysable items show passed / failed (expand for the findings, click
 * one to open it) / not applicable; the rest are checkboxes kept in `.slsguard/checklist.json`.
 * It asks the server again when the server says the checklist may have changed, while visible.
 */
export class ChecklistView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly view: vscode.TreeView<Node>;
  private readonly disposables: vscode.Disposable[] = [];
  private folders: ChecklistFolder[] = [];
  private stale = true;
  private timer?: NodeJS.Timeout;
  private pending?: vscode.CancellationTokenSource;

  constructor(
    private readonly server: ServerClient,
    private readonly context: vscode.ExtensionContext,
  ) {
    this.view = vscode.window.createTreeView(CHECKLIST_VIEW, {
      treeDataProvider: this,
      showCollapseAll: true,
      manageCheckboxStateManually: true,
    });
    this.disposables.push(
      this.view,
      this.changeEmitter,
      this.view.onDidChangeCheckboxState((event) => this.checkboxesChanged(event)),
      this.view.onDidChangeVisibility((event) => {
        if (event.visible && this.stale) this.schedule();
      }),
      server.onNotification(ChecklistChangedNotification, () => {
        this.stale = true;
        if (this.view.visible) this.schedule();
      }),
      vscode.commands.registerCommand(Commands.refreshChecklist, () => this.refresh()),
      vscode.commands.registerCommand(Commands.acceptChecklistItem, (node?: Node) => this.accept(node, true)),
      vscode.commands.registerCommand(Commands.withdrawChecklistAcceptance, (node?: Node) => this.accept(node, false)),
    );
    this.setState('loading');
  }

  /** Ask the server for the checklist now (cancelling a request still running). */
  async refresh(): Promise<void> {
    clearTimeout(this.timer);
    this.pending?.cancel();
    const pending = (this.pending = new vscode.CancellationTokenSource());
    this.stale = false;
    const client = await this.server.ready();
    if (!client) {
      this.show([], 'unavailable');
      return;
    }
    let result: ChecklistResult;
    try {
      result = await vscode.window.withProgress({ location: { viewId: CHECKLIST_VIEW } }, () =>
        client.sendRequest<ChecklistResult>(ChecklistRequest, {}, pending.token),
      );
    } catch (error) {
      if (pending.token.isCancellationRequested) return;
      this.stale = true;
      client.error('The checklist request failed', error, false);
      this.show([], 'unavailable');
      return;
    } finally {
      pending.dispose();
      if (this.pending === pending) this.pending = undefined;
    }
    const enabled = result.folders.filter((f) => f.enabled);
    const withCdk = enabled.filter((f) => f.hasCdk);
    this.show(withCdk, enabled.length === 0 && result.folders.length > 0 ? 'disabled' : withCdk.length === 0 ? 'noCdk' : 'ready');
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'folder': {
        const item = new vscode.TreeItem(node.folder.name, vscode.TreeItemCollapsibleState.Expanded);
        item.description = `${node.folder.done} of ${node.folder.total} done`;
        item.iconPath = vscode.ThemeIcon.Folder;
        item.resourceUri = vscode.Uri.parse(node.folder.uri);
        item.contextValue = 'folder';
        return item;
      }
      case 'group': {
        const item = new vscode.TreeItem(node.group.title, vscode.TreeItemCollapsibleState.Expanded);
        item.description = `${node.group.done} of ${node.group.total}`;
        item.tooltip = `${node.group.title}: ${node.group.done} of ${node.group.total} applicable items done`;
        item.iconPath = {
          light: vscode.Uri.joinPath(this.context.extensionUri, 'media', 'checklist-light.svg'),
          dark: vscode.Uri.joinPath(this.context.extensionUri, 'media', 'checklist-dark.svg'),
        };
        item.id = `${node.folder.uri}#${node.group.id}`;
        item.contextValue = 'group';
        return item;
      }
      case 'item': {
        const item = this.itemTreeItem(node.item);
        // Ids keep expansion across refreshes; folders make them unique in a multi-root workspace.
        item.id = `${node.folder.uri}#${node.item.id}`;
        return item;
      }
      case 'finding': {
        const { finding } = node;
        const item = new vscode.TreeItem(finding.message, vscode.TreeItemCollapsibleState.None);
        item.description = `${this.relative(finding.uri)}:${finding.range.start.line + 1}`;
        item.tooltip = `${finding.message}\n\n${finding.ruleId} · ${this.relative(finding.uri)}:${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
        item.iconPath = SEVERITY_ICONS[finding.severity];
        item.command = openAt(finding);
        item.contextValue = 'finding';
        return item;
      }
      case 'found': {
        const item = new vscode.TreeItem(`Defined in ${this.relative(node.location.uri)}:${node.location.range.start.line + 1}`);
        item.iconPath = new vscode.ThemeIcon('go-to-file');
        item.command = openAt(node.location);
        return item;
      }
      case 'missing': {
        const item = new vscode.TreeItem(node.text);
        item.tooltip = `${node.text}. Open the guide section to see how to add it.`;
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        item.command = { title: 'Open Guide Section', command: Commands.openGuide, arguments: [node.guideSection] };
        return item;
      }
      case 'manualError': {
        const item = new vscode.TreeItem('Checks by hand cannot be saved');
        item.description = node.text;
        item.tooltip = `${node.text}\n\nItems checked by hand show as unchecked until the file is fixed.`;
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        item.command = {
          title: 'Open',
          command: 'vscode.open',
          arguments: [vscode.Uri.joinPath(vscode.Uri.parse(node.folder.uri), '.slsguard', 'checklist.json')],
        };
        return item;
      }
    }
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      if (this.folders.length === 1) return this.folderChildren(this.folders[0]);
      return this.folders.map((folder) => ({ kind: 'folder', folder }));
    }
    switch (node.kind) {
      case 'folder':
        return this.folderChildren(node.folder);
      case 'group':
        return node.group.items.map((item) => ({ kind: 'item', folder: node.folder, item, guideSection: item.guideSection }));
      case 'item': {
        const { item } = node;
        const children: Node[] = [];
        if (item.missing) children.push({ kind: 'missing', text: item.missing, guideSection: item.guideSection });
        children.push(...item.findings.map((finding): Node => ({ kind: 'finding', finding })));
        if (item.state === 'passed') children.push(...item.found.map((location): Node => ({ kind: 'found', location })));
        return children;
      }
      default:
        return [];
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.pending?.cancel();
    for (const d of this.disposables) d.dispose();
  }

  private folderChildren(folder: ChecklistFolder): Node[] {
    const groups = folder.groups.map((group): Node => ({ kind: 'group', folder, group }));
    return folder.manualError ? [{ kind: 'manualError', folder, text: folder.manualError }, ...groups] : groups;
  }

  private itemTreeItem(checklistItem: ChecklistItem): vscode.TreeItem {
    const hasChildren =
      !!checklistItem.missing || checklistItem.findings.length > 0 || (checklistItem.state === 'passed' && checklistItem.found.length > 0);
    const item = new vscode.TreeItem(
      checklistItem.title,
      hasChildren
        ? checklistItem.state === 'failed'
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed
        : vscode.TreeItemCollapsibleState.None,
    );
    item.description = shortDetail(checklistItem);
    item.iconPath = ITEM_ICONS[checklistItem.state];
    if (checklistItem.manual) {
      item.checkboxState = {
        state: checklistItem.state === 'checked' ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked,
        tooltip: 'Checked by hand; saved in .slsguard/checklist.json',
      };
    }
    item.tooltip = itemTooltip(checklistItem);
    // A click on the label of an item with children expands it (the guide is the inline button);
    // an item without any opens its guide section.
    if (!hasChildren) item.command = { title: 'Open Guide Section', command: Commands.openGuide, arguments: [checklistItem.guideSection] };
    item.contextValue = `item.${checklistItem.manual ? 'manual' : 'analysed'}.${checklistItem.state}`;
    return item;
  }

  private async checkboxesChanged(event: vscode.TreeCheckboxChangeEvent<Node>): Promise<void> {
    for (const [node, state] of event.items) {
      if (node.kind !== 'item' || !node.item.manual) continue;
      const params: SetChecklistItemParams = {
        folderUri: node.folder.uri,
        itemId: node.item.id,
        checked: state === vscode.TreeItemCheckboxState.Checked,
      };
      await this.save(SetChecklistItemRequest, params, 'The check');
    }
    await this.refresh();
  }

  /** Send a change of `.slsguard/checklist.json` to the server; a failure is shown, never thrown. */
  private async save(method: string, params: object, what: string): Promise<void> {
    try {
      const client = await this.server.ready();
      if (!client) throw new Error('The Serverless Guard server is not running.');
      await client.sendRequest(method, params);
    } catch (error) {
      void vscode.window.showErrorMessage(
        `Serverless Guard: ${what} could not be saved. ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** Accept a failed judged item with a reason the user types, or withdraw the acceptance. */
  private async accept(node: Node | undefined, accept: boolean): Promise<void> {
    if (node?.kind !== 'item' || node.item.manual) return;
    let reason: string | undefined;
    if (accept) {
      reason = await vscode.window.showInputBox({
        title: `Accept "${node.item.title}"`,
        prompt: 'Why does this project meet the item although the analysis cannot see it? Saved in .slsguard/checklist.json.',
        placeHolder: "e.g. GuardDuty is enabled for every account by the organization's security account",
        validateInput: (text) => (text.trim() === '' ? 'Give the reason.' : undefined),
      });
      if (reason === undefined) return;
    }
    const params: AcceptChecklistItemParams = { folderUri: node.folder.uri, itemId: node.item.id, ...(reason ? { reason } : {}) };
    await this.save(AcceptChecklistItemRequest, params, 'The acceptance');
    await this.refresh();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  private show(folders: ChecklistFolder[], state: ViewState): void {
    this.folders = folders;
    this.setState(state);
    const done = folders.reduce((n, f) => n + f.done, 0);
    const total = folders.reduce((n, f) => n + f.total, 0);
    const failed = folders.reduce((n, f) => n + f.groups.reduce((m, g) => m + g.items.filter((i) => i.state === 'failed').length, 0), 0);
    this.view.description = state === 'ready' ? `${done} of ${total} done` : undefined;
    this.view.badge = failed > 0 ? { value: failed, tooltip: `${failed} checklist item${failed === 1 ? '' : 's'} failed` } : undefined;
    this.changeEmitter.fire(undefined);
  }

  private setState(state: ViewState): void {
    void vscode.commands.executeCommand('setContext', STATE_KEY, state);
  }

  private relative(uri: string): string {
    return vscode.workspace.asRelativePath(vscode.Uri.parse(uri), this.folders.length > 1) || path.basename(uri);
  }
}

function openAt(location: ChecklistLocation): vscode.Command {
  const { start, end } = location.range;
  const selection = new vscode.Range(start.line, start.character, end.line, end.character);
  return {
    title: 'Open',
    command: 'vscode.open',
    arguments: [vscode.Uri.parse(location.uri), { selection } satisfies vscode.TextDocumentShowOptions],
  };
}

/** The sidebar is narrow: the state in a word or two (the tooltip and the children say the rest). */
function shortDetail(item: ChecklistItem): string | undefined {
  if (item.state === 'not-applicable') return 'not applicable';
  if (item.state === 'accepted') return 'accepted';
  if (item.state !== 'failed') return undefined;
  const n = item.findings.length;
  return [item.missing ? 'missing' : undefined, n ? `${n} finding${n === 1 ? '' : 's'}` : undefined].filter(Boolean).join(', ');
}

function itemTooltip(item: ChecklistItem): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escape(item.title)}**\n\n`);
  md.appendMarkdown(`${escape(item.tooltip)}\n\n`);
  // A manual item that a finding fails (a deprecated runtime) reads like a judged one.
  const state =
    item.manual && item.state !== 'failed' && item.state !== 'accepted'
      ? item.state === 'checked'
        ? 'Checked by hand'
        : 'To check by hand'
      : item.state === 'passed'
        ? 'Passed'
        : capitalize(item.detail);
  md.appendMarkdown(
    `$(${item.state === 'failed' ? 'error' : item.state === 'not-applicable' ? 'circle-slash' : 'pass'}) ${escape(state)}\n\n`,
  );
  if (item.rules.length) md.appendMarkdown(`Rules: ${item.rules.map((r) => `\`${r}\``).join(', ')}\n\n`);
  const args = encodeURIComponent(JSON.stringify([item.guideSection]));
  md.appendMarkdown(`[Open the guide section](command:${Commands.openGuide}?${args})`);
  md.isTrusted = { enabledCommands: [Commands.openGuide] };
  return md;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
