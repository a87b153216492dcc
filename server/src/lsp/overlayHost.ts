import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DirectoryEntries, DiskHost, normalizePath, SourceHost } from '../core/model/host';
import { pathToUri, uriToPath } from './uri';

/**
 * The engine's view of files inside the editor: an open document's unsaved text wins over the
 * disk, and its version is the document version (so the engine re-parses exactly
 * the documents that changed).
 */
export class OverlayHost implements SourceHost {
  readonly disk = new DiskHost();
  /** Path → the URI the client used for it (kept as sent, for diagnostics it pulls). */
  private readonly uris = new Map<string, string>();

  constructor(private readonly documents: TextDocuments<TextDocument>) {}

  opened(doc: TextDocument): string | undefined {
    const path = uriToPath(doc.uri);
    if (path) this.uris.set(path, doc.uri);
    return path;
  }

  closed(doc: TextDocument): string | undefined {
    const path = uriToPath(doc.uri);
    if (path) this.uris.delete(path);
    return path;
  }

  uriOf(path: string): string {
    return this.uris.get(path) ?? pathToUri(path);
  }

  isOpen(path: string): boolean {
    return this.uris.has(path);
  }

  private doc(file: string): TextDocument | undefined {
    const uri = this.uris.get(normalizePath(file));
    return uri ? this.documents.get(uri) : undefined;
  }

  readFile(file: string): string | undefined {
    const doc = this.doc(file);
    return doc ? doc.getText() : this.disk.readFile(file);
  }

  version(file: string): string {
    const doc = this.doc(file);
    return doc ? `doc:${doc.version}` : `disk:${this.disk.version(file)}`;
  }

  /** A file changed on disk (file watcher). */
  touch(file: string): void {
    this.disk.touch(normalizePath(file));
  }

  fileExists(file: string): boolean {
    return !!this.doc(file) || this.disk.fileExists(file);
  }

  directoryExists(dir: string): boolean {
    return this.disk.directoryExists(dir);
  }

  readDirectory(dir: string): DirectoryEntries {
    return this.disk.readDirectory(dir);
  }
}
