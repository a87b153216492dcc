import { Hover, HoverParams, MarkupKind, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { hoverAt } from '../core/hover/hover';
import { DocLinks, renderHover } from '../core/hover/render';
import type { Settings } from './settings';
import { pathToUri, uriToPath } from './uri';
import { settingsScope, WorkspaceEngines } from './workspace';

/** Links to the guide and rule pages shipped with the extension, as `file:` URIs VS Code opens from a hover. */
const LINKS: DocLinks = {
  file: (path, fragment) => `${pathToUri(path)}${fragment ? `#${fragment}` : ''}`,
};

/**
 * `textDocument/hover`: security notes for the construct, property or call under the cursor,
 * and the help of the findings there. Served from the engine's parsed program and cached
 * findings; a hover never starts an analysis.
 */
export class HoverService {
  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly workspace: WorkspaceEngines,
    private readonly settings: Settings,
    private readonly log: (message: string) => void,
  ) {}

  async hover(params: HoverParams): Promise<Hover | null> {
    const { uri } = params.textDocument;
    const path = uriToPath(uri);
    const doc = this.documents.get(uri);
    if (!path || !doc) return null;
    const state = this.workspace.stateFor(path);
    const settings = await this.settings.forResource(settingsScope(state, uri));
    if (!settings.enable) return null;
    try {
      const result = hoverAt(state.engine, path, doc.offsetAt(params.position), settings.budgetMs);
      if (!result) return null;
      return { contents: { kind: MarkupKind.Markdown, value: renderHover(result, LINKS) }, range: result.range };
    } catch (error) {
      // A hover is a nicety: a failure is logged, never shown as an error in the editor.
      this.log(`Hover in ${path} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return null;
    }
  }
}
