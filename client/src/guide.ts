import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** The guide page that explains the checklist as a whole: where the command goes without a section. */
const CHECKLIST_PAGE = 'checklist.md';

/** A guide section, or something that carries one (a checklist tree node). */
export type GuideTarget = string | { guideSection?: string } | undefined;

/** GitHub-style heading anchor: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/**
 * Open a section of the practices guide shipped with the extension (`docs/guide/<file>#<anchor>`)
 * in the Markdown preview, scrolled to its heading; or, without the Markdown extension, in an
 * editor at the heading's line.
 */
export async function openGuideSection(context: vscode.ExtensionContext, target: GuideTarget): Promise<void> {
  const section = (typeof target === 'string' ? target : target?.guideSection) ?? CHECKLIST_PAGE;
  const [file, anchor] = section.split('#', 2);
  const full = context.asAbsolutePath(path.join('docs', 'guide', file));
  if (!fs.existsSync(full)) {
    void vscode.window.showWarningMessage(`Serverless Guard: The practices guide page docs/guide/${file} is not part of this installation.`);
    return;
  }
  const uri = vscode.Uri.file(full);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', anchor ? uri.with({ fragment: anchor }) : uri);
    return;
  } catch {
    // The built-in Markdown extension is disabled: show the source at the heading instead.
  }
  const document = await vscode.workspace.openTextDocument(uri);
  let line = 0;
  if (anchor) {
    for (let i = 0; i < document.lineCount; i++) {
      const heading = /^#{1,6}\s+(.*)$/.exec(document.lineAt(i).text);
      if (heading && headingAnchor(heading[1]) === anchor) {
        line = i;
        break;
      }
    }
  }
  const position = new vscode.Position(line, 0);
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position), preview: true });
}
