import { Hover, HoverParams, MarkupKind, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { hoverAt } from '../core/hover/hover';
import { DocLinks, renderHover } from '../core/hover/render';
import type { Finding } from '../core/types';
import type { Prepare } from './prepare';
import { shownAt } from './settings';
import { pathToUri } from './uri';

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
    private readonly prepare: Prepare,
    private readonly log: (message: string) => void,
  ) {}

  async hover(params: HoverParams): Promise<Hover | null> {
    const { uri } = params.textDocument;
    const doc = this.documents.get(uri);
    if (!doc) return null;
    // The settings as diagnostics see them: a rule turned off is off in the hover too.
    const prepared = await this.prepare(uri);
    if (!prepared) return null;
    const { path, state, settings } = prepared;
    try {
      const result = hoverAt(state.engine, path, doc.offsetAt(params.position), settings.budgetMs);
      if (!result) return null;
      // A finding published as a diagnostic has its message just above, in the editor's own part of the hover.
      const shown = (f: Finding) => shownAt(f.severity, settings.minimumSeverity);
      return { contents: { kind: MarkupKind.Markdown, value: renderHover(result, LINKS, { shown }) }, range: result.range };
    } catch (error) {
      // A hover is a nicety: a failure is logged, never shown as an error in the editor.
      this.log(`Hover in ${path} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return null;
    }
  }
}
