import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from './commandIds';

/** The shipped practices guide as hover cards link it; the command that opens it is in guide.ts. */

const OPEN_GUIDE = Commands.openGuide;

/** `docs/guide/` inside the installed extension. */
export function guideDirectory(context: vscode.ExtensionContext): vscode.Uri {
  return vscode.Uri.file(context.asAbsolutePath(path.join('docs', 'guide')));
}

/**
 * Hover cards link guide sections as `file:` URIs, which VS Code opens as text. Links into the
 * shipped guide become `command:` links to "Open Practices Guide", which opens the preview at
 * the section; the Markdown is trusted for that one command only.
 */
export function withGuideCommandLinks(hover: vscode.Hover, directory: vscode.Uri): vscode.Hover {
  // Drive letters and case differ between URI spellings on Windows.
  const fold = (p: string) => (process.platform === 'win32' ? p.toLowerCase() : p);
  const prefix = fold(directory.fsPath + path.sep);
  let changed = false;
  const contents = hover.contents.map((content) => {
    if (!(content instanceof vscode.MarkdownString)) return content;
    const value = content.value.replace(
      /\]\((file:[^)\s#]+)(?:#([^)\s]*))?\)/g,
      (link: string, uri: string, anchor: string | undefined) => {
        const file = vscode.Uri.parse(uri).fsPath;
        if (!fold(file).startsWith(prefix)) return link;
        const section = `${path.relative(directory.fsPath, file)}${anchor ? `#${anchor}` : ''}`;
        return `](command:${OPEN_GUIDE}?${encodeURIComponent(JSON.stringify([section]))})`;
      },
    );
    if (value === content.value) return content;
    changed = true;
    const trusted = new vscode.MarkdownString(value, content.supportThemeIcons);
    // Commands trusted before (the rule page's) stay trusted.
    const before = typeof content.isTrusted === 'object' ? content.isTrusted.enabledCommands : [];
    trusted.isTrusted = { enabledCommands: [...before, OPEN_GUIDE] };
    return trusted;
  });
  return changed ? new vscode.Hover(contents, hover.range) : hover;
}
