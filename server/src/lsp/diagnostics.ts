import {
  Connection,
  Diagnostic,
  DiagnosticSeverity,
  DocumentDiagnosticReport,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { createHash } from 'node:crypto';
import { DIAGNOSTIC_SOURCE } from '../../../shared/src/protocol';
import { CancelledError, Engine } from '../core/engine/engine';
import type { Finding } from '../core/types';
import { ruleDocUri } from './docs';
import type { ServerLog } from './log';
import type { OverlayHost } from './overlayHost';
import type { Prepare } from './prepare';
import { shownAt } from './settings';
import type { WorkspaceEngines } from './workspace';
import { uriToPath } from './uri';

const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toDiagnostic(finding: Finding, host: OverlayHost): Diagnostic {
  const href = ruleDocUri(finding.ruleId);
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    ...(href ? { codeDescription: { href } } : {}),
    message: finding.message,
    relatedInformation: finding.related.map((r) => ({ location: { uri: host.uriOf(r.file), range: r.range }, message: r.message })),
  };
}

/** Told about the findings behind each document's diagnostics, for code actions. */
export interface FindingsRecorder {
  record(uri: string, version: number, path: string, findings: Finding[], engine: Engine): void;
}

export interface DocumentFindings {
  version: number;
  path: string;
  findings: Finding[];
  engine: Engine;
}

function resultIdOf(items: Diagnostic[]): string {
  return createHash('sha1').update(JSON.stringify(items)).digest('hex').slice(0, 16);
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Pull diagnostics: `textDocument/diagnostic` for open documents (analysed off the document
 * version; a newer edit cancels older work) and `workspace/diagnostic` for the rest of the
 * workspace (held open until something changes, then only changed files are reported).
 */
export class DiagnosticsService {
  /** Bumped on every change that can alter findings; workspace pulls wait for it to move. */
  private generation = 0;
  private waiters: Array<() => void> = [];
  private refreshTimer?: NodeJS.Timeout;
  private lastWorkspaceGeneration = -1;
  private readonly listeners: Array<() => void> = [];
  /** Open documents edited since they were last saved or opened. */
  private readonly unsaved = new Set<string>();
  /** The diagnostics last reported for each open document. */
  private readonly reported = new Map<string, { resultId: string; items: Diagnostic[] }>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly host: OverlayHost,
    private readonly workspace: WorkspaceEngines,
    /** The settings step before analysing a document or folder. */
    private readonly prepare: Prepare,
    private readonly recorder?: FindingsRecorder,
    private readonly log?: ServerLog,
  ) {}

  /** Also call `listener` whenever findings may have changed (the checklist follows them). */
  onChanged(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Something changed: wake waiting workspace pulls and ask the client to pull again (debounced). */
  changed(options: { refresh: boolean }): void {
    this.generation++;
    for (const listener of this.listeners) listener();
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
    if (options.refresh) this.scheduleRefresh();
  }

  /** Ask the client to pull every visible document again, once for a burst of calls. */
  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      void this.connection.languages.diagnostics.refresh().catch(() => undefined);
    }, 150);
  }

  /** An open document was edited: with `slsguard.run: onSave` its diagnostics wait for a save. */
  edited(uri: string): void {
    this.unsaved.add(uri);
  }

  /**
   * A document was opened: ask the client to pull again. Its first pull can reach the server
   * before the document does (the extension starts because that document opened) or end while the
   * editor is not yet visible, and the client then shows nothing for it until the next edit.
   */
  opened(uri: string, options: { refresh: boolean }): void {
    this.saved(uri);
    if (options.refresh) this.scheduleRefresh();
  }

  /** An open document was saved (or opened, or closed): it is analysed as it is again. */
  saved(uri: string): void {
    this.unsaved.delete(uri);
  }

  /** Settings or configuration changed: what was reported before no longer holds, saved or not. */
  forgetReports(): void {
    this.reported.clear();
  }

  /** An open document was closed: nothing is kept for it. */
  closed(uri: string): void {
    this.unsaved.delete(uri);
    this.reported.delete(uri);
  }

  async document(uri: string, previousResultId: string | undefined, isCancelled: () => boolean): Promise<DocumentDiagnosticReport> {
    const kept = this.reported.get(uri);
    // `slsguard.run: onSave`: an edited document keeps the diagnostics of its last analysis.
    if (kept && this.unsaved.has(uri) && (await this.prepare(uri))?.settings.run === 'onSave') {
      return previousResultId === kept.resultId ? { kind: 'unchanged', resultId: kept.resultId } : { kind: 'full', ...kept };
    }
    const current = await this.analyze(uri, isCancelled);
    if (!current) return { kind: 'full', items: [] };
    const items = current.findings.map((f) => toDiagnostic(f, this.host));
    const resultId = resultIdOf(items);
    this.reported.set(uri, { resultId, items });
    if (previousResultId === resultId) return { kind: 'unchanged', resultId };
    return { kind: 'full', resultId, items };
  }

  /**
   * Analyse an open document at its current version (cached when nothing changed) and record
   * the findings for code actions. Undefined when the document is not analysed (closed, not a
   * file, turned off, or the analysis failed); throws ServerCancelled when it changes meanwhile.
   */
  async analyze(uri: string, isCancelled: () => boolean): Promise<DocumentFindings | undefined> {
    const doc = this.documents.get(uri);
    if (!doc || !uriToPath(uri)) return undefined;
    const version = doc.version;
    const stale = () => isCancelled() || this.documents.get(uri)?.version !== version;
    // Let a newer edit that is already queued arrive before doing any work.
    await yieldToEventLoop();
    if (stale()) throw cancelled();
    const prepared = await this.prepare(uri);
    if (!prepared) return undefined;
    const { path, state, settings } = prepared;
    if (stale()) throw cancelled();
    const factsBefore = state.engine.factsVersion;
    try {
      state.engine.pin(path);
      state.engine.analyzeFile(path, { isCancelled: stale, budgetMs: settings.budgetMs });
    } catch (error) {
      if (error instanceof CancelledError) throw cancelled();
      this.connection.console.error(`Analysis of ${path} failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    // A change to project-wide facts (a role now shared with a function in another file) can
    // change other documents' findings.
    if (state.engine.factsVersion !== factsBefore) this.changed({ refresh: true });
    const findings = state.engine.findings(path).filter((f) => shownAt(f.severity, settings.minimumSeverity));
    this.recorder?.record(uri, version, path, findings, state.engine);
    return { version, path, findings, engine: state.engine };
  }

  async workspaceReport(
    previous: Map<string, string>,
    isCancelled: () => boolean,
    onBusy: (busy: boolean) => void,
  ): Promise<WorkspaceDocumentDiagnosticReport[]> {
    // The first pull answers at once; later pulls wait until something changes.
    if (this.lastWorkspaceGeneration === this.generation) {
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        const poll = setInterval(() => {
          if (isCancelled()) {
            clearInterval(poll);
            resolve();
          }
        }, 200);
        this.waiters.push(() => clearInterval(poll));
      });
      if (isCancelled()) throw cancelled();
    }
    const generation = this.generation;
    const reports: WorkspaceDocumentDiagnosticReport[] = [];
    onBusy(true);
    try {
      for (const state of this.workspace.allFolders()) {
        // A folder with no CDK and no handler code is not analysed as a whole: its open files are.
        if (!this.workspace.isServerless(state)) continue;
        const files = this.workspace.files(state);
        const prepared = await this.prepare(state.uri);
        if (!prepared) continue;
        const { settings } = prepared;
        const started = Date.now();
        const done = await this.workspace.analyzeInBackground(state, files, { isCancelled, budgetMs: settings.budgetMs });
        if (!done) throw cancelled();
        this.log?.analysed('background', state.path, done, Date.now() - started);
        for (const file of files) {
          const uri = this.host.uriOf(file);
          // An open document is reported too, at its version: the client prefers its own pull of
          // the document, but one it does not pull (open yet not visible, or a pull it dropped)
          // still shows its findings. With `run: onSave` an edited one keeps what was reported.
          const open = this.host.isOpen(file) ? this.documents.get(uri) : undefined;
          const kept = open && this.unsaved.has(uri) ? this.reported.get(uri) : undefined;
          const items =
            kept?.items ??
            state.engine
              .findings(file)
              .filter((f) => shownAt(f.severity, settings.minimumSeverity))
              .map((f) => toDiagnostic(f, this.host));
          const resultId = resultIdOf(items);
          if (previous.get(uri) === resultId) continue;
          reports.push({ kind: 'full', uri, version: open ? open.version : null, resultId, items });
        }
      }
    } finally {
      onBusy(false);
    }
    this.lastWorkspaceGeneration = generation;
    return reports;
  }
}

function cancelled(): ResponseError<{ retriggerRequest: boolean }> {
  return new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed; analysis restarts on the new version.', {
    retriggerRequest: true,
  });
}
