import * as vscode from 'vscode';
import { GuideSection, GuideSectionsRequest } from '../../shared/src/protocol';
import { Commands } from './commandIds';
import { guideDirectory } from './guideLinks';
import type { ServerClient } from './serverClient';

const OPEN_GUIDE = Commands.openGuide;

const INDEX = 'README.md';

/** A guide section, or something that carries one (a checklist tree node). */
export type GuideTarget = string | { guideSection?: string } | undefined;

/**
 * "Open Practices Guide": opens a page of the guide shipped with the extension in the Markdown
 * preview, scrolled to the section. The argument is a section id such as
 * `data-protection.md#encryption-at-rest` (or a checklist item carrying one); without one, a
 * picker lists the sections.
 */
export function registerGuideCommand(context: vscode.ExtensionContext, server: ServerClient): vscode.Disposable {
  return vscode.commands.registerCommand(OPEN_GUIDE, async (target?: GuideTarget) => {
    const given = typeof target === 'string' ? target : target?.guideSection;
    const section = given !== undefined && given !== '' ? given : await pickSection(server);
    if (section !== undefined) await openGuide(guideDirectory(context), section, server);
  });
}

async function openGuide(directory: vscode.Uri, section: string, server: ServerClient): Promise<void> {
  const [page, anchor] = section.split('#');
  if (!/^[A-Za-z0-9-]+\.md$/.test(page)) {
    void vscode.window.showErrorMessage(`Serverless Guard: "${section}" is not a section of the practices guide.`);
    return;
  }
  const file = vscode.Uri.joinPath(directory, page);
  try {
    await vscode.workspace.fs.stat(file);
  } catch {
    void vscode.window.showErrorMessage(`Serverless Guard: the practices guide page ${page} is missing from the extension.`);
    return;
  }
  try {
    // The preview scrolls to the heading the fragment names.
    await vscode.commands.executeCommand('markdown.showPreview', anchor ? file.with({ fragment: anchor }) : file);
  } catch {
    // The built-in Markdown extension is disabled: show the page as text, at the heading.
    const document = await vscode.workspace.openTextDocument(file);
    const line = anchor ? ((await sectionsFromServer(server)).find((s) => s.id === section)?.line ?? 0) : 0;
    const position = new vscode.Position(line, 0);
    await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position), preview: true });
  }
}

/** The guide's sections with their heading lines, from the server; none while it is not up. */
async function sectionsFromServer(server: ServerClient): Promise<GuideSection[]> {
  const client = await server.ready();
  try {
    if (client) return await client.sendRequest<GuideSection[]>(GuideSectionsRequest);
  } catch {
    // none: the caller falls back (the contents page, the top of the page)
  }
  return [];
}

interface SectionItem extends vscode.QuickPickItem {
  id: string;
}

/** The sections from the server (guide/sections.ts is their one list); the contents page if the server is not up. */
async function pickSection(server: ServerClient): Promise<string | undefined> {
  const sections = await sectionsFromServer(server);
  if (sections.length === 0) return INDEX;
  const items: SectionItem[] = [
    { id: INDEX, label: 'Contents', description: INDEX },
    ...sections.map((s) => ({ id: s.id, label: s.title, description: s.id })),
  ];
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Open the practices guide at…', matchOnDescription: true });
  return picked?.id;
}
