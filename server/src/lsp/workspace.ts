import * as path from 'node:path';
import type { WorkspaceFolder } from 'vscode-languageserver';
import { collectInventory } from '../core/checklist/inventory';
import { CACHE_FILE_NAME, ResultsCache } from '../core/cache/resultsCache';
import type { EngineConfig } from '../core/config';
import { allRules } from '../core/rules/registry';
import { Engine, FileResult, Logger } from '../core/engine/engine';
import { discoverFiles, isInIgnoredDirectory, isSourceFile, normalizePath } from '../core/model/host';
import { folderLooksServerless, textLooksServerless } from '../core/relevance';
import type { OverlayHost } from './overlayHost';
import { uriToPath } from './uri';

export interface FolderState {
  uri: string;
  path: string;
  engine: Engine;
  /** The folder's analysable files, or undefined until discovered. */
  files?: string[];
  /** The folder has CDK or handler code (`folderLooksServerless`), or undefined until known. Once true, it stays. */
  serverless?: boolean;
}

/** The URI to read a file's settings for: its workspace folder, or the file itself outside every folder. */
export function settingsScope(state: FolderState, uri: string): string {
  return state.uri.startsWith('file:') ? state.uri : uri;
}

/**
 * One engine per workspace folder (and one per directory for files outside every folder), all
 * reading through the same overlay host.
 */
export class WorkspaceEngines {
  private folders: FolderState[] = [];
  private readonly loose = new Map<string, FolderState>();
  private readsCache = false;

  constructor(
    private readonly host: OverlayHost,
    private readonly log: Logger,
    /** Per-file configuration for the engine of a folder (`.slsguard.json` searched up to `boundary`). */
    private readonly configFor?: (boundary: string) => (file: string, base: EngineConfig) => EngineConfig,
  ) {}

  setFolders(folders: WorkspaceFolder[]): void {
    const next: FolderState[] = [];
    for (const folder of folders) {
      const p = uriToPath(folder.uri);
      if (!p) continue;
      const existing = this.folders.find((f) => f.path === p);
      next.push(existing ?? { uri: folder.uri, path: p, engine: this.newEngine(p) });
    }
    for (const old of this.folders) if (!next.includes(old)) old.engine.dispose();
    // Deepest folder first, so nested folders win.
    this.folders = next.sort((a, b) => b.path.length - a.path.length);
  }

  allFolders(): FolderState[] {
    return [...this.folders];
  }

  /** The folder (or loose directory) a file belongs to. */
  stateFor(file: string): FolderState {
    const p = normalizePath(file);
    const folder = this.folders.find((f) => p === f.path || p.startsWith(f.path.endsWith('/') ? f.path : `${f.path}/`));
    if (folder) return folder;
    const dir = path.posix.dirname(p);
    let state = this.loose.get(dir);
    if (!state) {
      state = { uri: dir, path: dir, engine: this.newEngine(dir), files: [] };
      this.loose.set(dir, state);
    }
    return state;
  }

  /** The folder's files, discovered once and kept current by file events. */
  files(state: FolderState): string[] {
    if (!state.files) {
      state.files = discoverFiles(this.host, [state.path]);
      state.engine.setFiles(state.files);
      if (this.readsCache && this.folders.includes(state)) this.adoptCache(state, state.files);
    }
    return state.files;
  }

  /**
   * Whether a folder's results cache (`.slsguard-cache`, as `slsguard scan --cache` writes it) is
   * read when its files are first discovered: in trusted workspaces only, as the cache could
   * hide findings in files not open. Read, never written: the editor leaves no file behind.
   */
  useResultsCache(trusted: boolean): void {
    this.readsCache = trusted;
  }

  /**
   * The stored results of the folder's files that still hold (checked as the engine checks its
   * own, by text, dependencies and configuration), so the start-up workspace scan does not
   * analyse them again. Open documents are always analysed from their live text.
   */
  private adoptCache(state: FolderState, files: string[]): void {
    const cache = new ResultsCache({
      file: path.posix.join(state.path, CACHE_FILE_NAME),
      root: state.path,
      rules: allRules,
      log: this.log,
    });
    state.engine.adoptResults(
      cache.load(
        files.filter((f) => !this.host.isOpen(f)),
        state.engine.host,
      ),
    );
  }

  /**
   * Whether the folder has CDK or handler code, by the cheap test of `folderLooksServerless` (no
   * parsing). Files outside every folder are analysed as they are opened: always true.
   */
  isServerless(state: FolderState): boolean {
    if (!this.folders.includes(state)) return true;
    state.serverless ??= folderLooksServerless(this.host, state.path, this.files(state));
    return state.serverless;
  }

  /** True when any workspace folder has CDK or handler code (the editor shows the extension's UI). */
  anyServerless(): boolean {
    return this.folders.some((f) => this.isServerless(f));
  }

  /** A watched file was created, changed or deleted on disk. */
  fileEvent(file: string, kind: 'created' | 'changed' | 'deleted'): void {
    const p = normalizePath(file);
    this.host.touch(p);
    this.noticeServerless(p, kind);
    for (const state of [...this.folders, ...this.loose.values()]) state.engine.fileChanged(p);
    if (/(^|\/)tsconfig[^/]*\.json$/.test(p)) {
      for (const state of this.folders) state.engine.sources.invalidate();
      return;
    }
    if (!isSourceFile(p) || isInIgnoredDirectory(p)) return;
    const state = this.stateFor(p);
    if (!state.files) return;
    if (kind === 'created' && !state.files.includes(p)) {
      state.files = [...state.files, p].sort();
      state.engine.addFile(p);
    } else if (kind === 'deleted') {
      state.files = state.files.filter((f) => f !== p);
      state.engine.removeFile(p);
    }
  }

  /**
   * Analyse files a few at a time, yielding to the event loop between chunks so edits and
   * requests are served while a large workspace is indexed. `onProgress` hears of every file
   * as it is done, inside a chunk too: a small workspace is a single chunk, and a notification
   * sent from there (over IPC, as VS Code runs the server) leaves at once.
   */
  async analyzeInBackground(
    state: FolderState,
    files: string[],
    opts: { isCancelled?: () => boolean; onProgress?: (done: number, file: string) => void; budgetMs?: number } = {},
  ): Promise<FileResult[] | undefined> {
    const results: FileResult[] = [];
    const chunk = 25;
    for (let i = 0; i < files.length; i += chunk) {
      if (opts.isCancelled?.()) return undefined;
      const part = files.slice(i, i + chunk);
      let done = i;
      const onResult = opts.onProgress && ((r: FileResult) => opts.onProgress!(++done, r.file));
      results.push(...state.engine.analyzeFiles(part, { budgetMs: opts.budgetMs, onResult }));
      await new Promise((resolve) => setImmediate(resolve));
    }
    return results;
  }

  /** A folder that was not serverless becomes so when a file appears or changes that marks it. */
  private noticeServerless(p: string, kind: 'created' | 'changed' | 'deleted'): void {
    if (kind === 'deleted') return;
    const state = this.folders.find((f) => p.startsWith(`${f.path}/`));
    if (!state || state.serverless !== false) return;
    const name = path.posix.basename(p);
    if (name === 'cdk.json' || name === '.slsguard.json') state.serverless = true;
    else if (isSourceFile(p) && !isInIgnoredDirectory(p)) {
      const text = this.host.readFile(p);
      if (text !== undefined && textLooksServerless(text)) state.serverless = true;
    }
  }

  /** An open document's text marks its folder as serverless (a first aws-cdk-lib import typed in). */
  documentChanged(p: string, text: string): void {
    const state = this.folders.find((f) => p.startsWith(`${f.path}/`));
    if (state && state.serverless === false && textLooksServerless(text)) state.serverless = true;
  }

  /** Configuration files changed: every engine re-checks its results against its files' configuration. */
  configChanged(): void {
    for (const state of [...this.folders, ...this.loose.values()]) state.engine.configChanged();
  }

  dispose(): void {
    for (const state of [...this.folders, ...this.loose.values()]) state.engine.dispose();
  }

  private newEngine(boundary: string): Engine {
    return new Engine({ host: this.host, logger: this.log, configFor: this.configFor?.(boundary), collectInventory });
  }
}
