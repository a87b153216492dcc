import * as vscode from 'vscode';
import { Commands } from './commandIds';
import type { WorkspaceEdit } from 'vscode-languageclient/node';
import { scanWorkspace } from './scan';
import type { ServerClient } from './serverClient';

const RESTART = 'Restart Server';

export function registerCommands(
  server: ServerClient,
  outputChannel: vscode.LogOutputChannel,
  extensionUri: vscode.Uri,
): vscode.Disposable[] {
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
    vscode.commands.registerCommand(Commands.showRuleDoc, (ruleId?: unknown) =>
      showRuleDoc(extensionUri, typeof ruleId === 'string' ? ruleId : undefined),
    ),
    vscode.commands.registerCommand(Commands.selectRange, selectRange),
    vscode.commands.registerCommand(Commands.showFixNote, (note: unknown) => {
      if (typeof note === 'string') void vscode.window.showInformationMessage(note, { modal: false });
    }),
    vscode.commands.registerCommand(Commands.chooseAction, (title: unknown, choices: unknown) => chooseAction(server, title, choices)),
  ];
}

/** Open a rule's page (`docs/rules/<id>.md`, shipped with the extension) in the Markdown preview; without an id, pick one. */
async function showRuleDoc(extensionUri: vscode.Uri, ruleId: string | undefined): Promise<void> {
  const dir = vscode.Uri.joinPath(extensionUri, 'docs', 'rules');
  let id = ruleId;
  if (id === undefined) {
    const entries = await vscode.workspace.fs.readDirectory(dir);
    const ids = entries
      .filter(([name]) => name.endsWith('.md'))
      .map(([name]) => name.slice(0, -3))
      .sort();
    id = await vscode.window.showQuickPick(ids, { title: 'Serverless Guard: Show Rule Documentation', placeHolder: 'Rule id' });
    if (id === undefined) return;
  }
  if (!/^[a-z0-9-]+$/.test(id)) return;
  const page = vscode.Uri.joinPath(dir, `${id}.md`);
  try {
    await vscode.workspace.fs.stat(page);
  } catch {
    void vscode.window.showWarningMessage(`Serverless Guard: There is no documentation page for '${id}'.`);
    return;
  }
  await vscode.commands.executeCommand('markdown.showPreview', page);
}

interface ActionChoice {
  label: string;
  edit?: unknown;
  command?: { command: string; arguments?: unknown[] };
}

/** One light-bulb entry standing for several (one per rule): pick one, apply its edit, run its command. */
async function chooseAction(server: ServerClient, title: unknown, choices: unknown): Promise<void> {
  if (!Array.isArray(choices)) return;
  const items = (choices as ActionChoice[]).filter((c) => c && typeof c.label === 'string');
  const picked = await vscode.window.showQuickPick(
    items.map((choice) => ({ label: choice.label, choice })),
    { title: typeof title === 'string' ? `Serverless Guard: ${title}` : undefined },
  );
  if (!picked) return;
  const client = await server.ready();
  if (picked.choice.edit) {
    if (!client) return;
    const edit = await client.protocol2CodeConverter.asWorkspaceEdit(picked.choice.edit as WorkspaceEdit);
    if (!(await vscode.workspace.applyEdit(edit))) return;
  }
  const command = picked.choice.command;
  if (command && typeof command.command === 'string') await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
}

interface PlainRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** After a code action's edit: select a range (the `<reason>` of a new suppression comment) so typing replaces it. */
function selectRange(uri: unknown, range: unknown): void {
  if (typeof uri !== 'string' || !range || typeof range !== 'object') return;
  const r = range as PlainRange;
  const target = vscode.Uri.parse(uri).toString();
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === target);
  if (!editor) return;
  const selection = new vscode.Selection(r.start.line, r.start.character, r.end.line, r.end.character);
  editor.selection = selection;
  editor.revealRange(selection);
}
