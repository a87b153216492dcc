import {
  CodeAction,
  CodeActionKind,
  CodeActionParams,
  Command,
  CreateFile,
  Diagnostic,
  TextDocumentEdit,
  TextDocuments,
  WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ClientCommands, DIAGNOSTIC_SOURCE, FIX_ALL_KIND } from '../../../shared/src/protocol';
import type { EngineConfig } from '../core/config';
import { ANALYSIS_SKIPPED, Engine } from '../core/engine/engine';
import { turnOffRuleEdits, newConfigTurningOff } from '../core/configFile/turnOff';
import { fixAll } from '../core/fixes/fixAll';
import { editsByFile } from '../core/fixes/merge';
import type { FileContext } from '../core/model/fileContext';
import { ruleById } from '../core/rules/registry';
import { META_RULE_IDS } from '../core/suppressions/apply';
import { Directive, parseDirectives } from '../core/suppressions/directives';
import { IgnoreEdit, ignoreFileEdit, ignoreLineEdit } from '../core/suppressions/ignoreEdits';
import { Finding, sameRange, TextEdit } from '../core/types';
import type { DocumentFindings, FindingsRecorder } from './diagnostics';
import { ruleDocUri } from './docs';
import type { OverlayHost } from './overlayHost';
import type { Prepare } from './prepare';

/**
 * Code actions from the findings recorded when each document's diagnostics were computed,
 * keyed by document version: a request for another version gets no edits (style point 4).
 *
 * - one `quickfix` per fix of the finding behind a diagnostic (matched by rule id and range);
 * - "Ignore <rule> for this line" / "for this file", which insert a suppression comment with a
 *   `<reason>` placeholder that the client selects afterwards (`slsguard.selectRange`);
 * - "Fix all <rule> problems in this file" when it has several;
 * - "Turn off <rule> for this workspace", which edits (or creates) `.slsguard.json`;
 * - "Show documentation for <rule>" (`slsguard.showRuleDoc`);
 * - with several rules at the range, one entry per kind of the rows above the fixes, whose
 *   choices the client offers (`slsguard.chooseAction`);
 * - `source.fixAll.slsguard`: every preferred fix of the document merged into one edit, safe
 *   for fix on save.
 */

interface Recorded {
  uri: string;
  version: number;
  path: string;
  findings: Finding[];
  engine: Engine;
  /** The engine's configuration when they were recorded: settings changed since make them stale. */
  config: EngineConfig;
  /** Host versions of the other files the findings' fixes edit, when they were recorded. */
  otherVersions: Map<string, string>;
}

export interface CodeActionOptions {
  /** Commands the client implements (`initializationOptions.clientCommands`). */
  clientCommands: Set<string>;
  /** The client applies `documentChanges` (versioned edits). */
  documentChanges: boolean;
  /** The client creates files in a workspace edit (`resourceOperations` has `create`). */
  createFiles?: boolean;
}

/** An entry of a grouped action: the client lets the user pick one (`slsguard.chooseAction`). */
interface ActionChoice {
  label: string;
  edit?: WorkspaceEdit;
  command?: Command;
}

const GROUPED_TITLES: ReadonlyArray<readonly ['line' | 'file' | 'off' | 'doc', string]> = [
  ['line', 'Ignore for this line…'],
  ['file', 'Ignore for this file…'],
  ['off', 'Turn off for this workspace…'],
  ['doc', 'Show documentation…'],
];

const FIX_ALL_TITLE = 'Fix all Serverless Guard problems that keep behaviour';

export class CodeActions implements FindingsRecorder {
  private readonly recorded = new Map<string, Recorded>();
  private options: CodeActionOptions = { clientCommands: new Set(), documentChanges: false };

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly host: OverlayHost,
    /** The settings step before any work on a document. */
    private readonly prepare: Prepare,
    /** Analyse a document now (its findings are recorded through `record`). */
    private readonly analyze: (uri: string, isCancelled: () => boolean) => Promise<DocumentFindings | undefined>,
    /** The `.slsguard.json` that applies to a file, or where a new one for its workspace folder goes. */
    private readonly configFileOf: (path: string) => string,
  ) {}

  configure(options: CodeActionOptions): void {
    this.options = options;
  }

  record(uri: string, version: number, path: string, findings: Finding[], engine: Engine): void {
    const otherVersions = new Map<string, string>();
    for (const f of findings) {
      for (const fix of f.fixes) for (const e of fix.edits) if (e.file !== path) otherVersions.set(e.file, this.host.version(e.file));
    }
    this.recorded.set(uri, { uri, version, path, findings, engine, config: engine.getConfig(), otherVersions });
  }

  forget(uri: string): void {
    this.recorded.delete(uri);
  }

  async provide(params: CodeActionParams, isCancelled: () => boolean): Promise<CodeAction[]> {
    const uri = params.textDocument.uri;
    if (!this.documents.get(uri)) return [];
    // Settings as diagnostics see them: turned off, no actions; changed, the recorded findings are stale.
    if (!(await this.prepare(uri))) return [];
    const doc = this.documents.get(uri);
    if (!doc) return [];
    const only = params.context.only;
    const actions = wants(only, CodeActionKind.QuickFix) ? this.quickFixes(doc, params.context.diagnostics) : [];
    if (wants(only, FIX_ALL_KIND)) actions.push(...(await this.fixAll(doc, isCancelled)));
    return isCancelled() ? [] : actions;
  }

  private quickFixes(doc: TextDocument, diagnostics: Diagnostic[]): CodeAction[] {
    const uri = doc.uri;
    const current = this.current(doc);
    const actions: CodeAction[] = [];
    const titles = new Set<string>();
    const add = (action: CodeAction | undefined) => {
      if (!action || titles.has(action.title)) return;
      titles.add(action.title);
      actions.push(action);
    };
    let parsed: { file: FileContext; directives: Directive[] } | null | undefined;
    const parse = () => {
      if (parsed === undefined) {
        const file = current?.engine.parsedFile(current.path);
        parsed = file && file.sourceText === doc.getText() ? { file, directives: parseDirectives(file) } : null;
      }
      return parsed ?? undefined;
    };
    // The rules of the diagnostics asked about, in order, with their diagnostics and (current) findings.
    const rules = new Map<string, { diagnostics: Diagnostic[]; findings: Finding[] }>();
    for (const diagnostic of diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') continue;
      const ruleId = diagnostic.code;
      const entry = rules.get(ruleId) ?? { diagnostics: [], findings: [] };
      rules.set(ruleId, entry);
      entry.diagnostics.push(diagnostic);
      // A stale version gets no edits: only actions without one.
      const finding = current?.findings.find((f) => f.ruleId === ruleId && sameRange(f.range, diagnostic.range));
      if (!current || !finding) continue;
      entry.findings.push(finding);
      for (const fix of finding.fixes) {
        if (!this.editsCurrent(current, fix.edits)) continue;
        add({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.isPreferred,
          edit: this.workspaceEdit(fix.edits),
          ...(fix.note ? this.command(ClientCommands.showFixNote, 'Show what to do next', [fix.note]) : {}),
        });
      }
    }
    if (current) for (const [ruleId, entry] of rules) add(this.fixAllOfRule(current, ruleId, entry.diagnostics));

    // Per rule: ignore on the line, in the file, turn off in the workspace, the rule's page.
    const perRule = [...rules].map(([ruleId, entry]) => {
      const finding = entry.findings[0];
      const diagnostic = entry.diagnostics[0];
      const rows: Array<{ kind: 'line' | 'file' | 'off' | 'doc'; action: CodeAction }> = [];
      if (current && finding && !META_RULE_IDS.includes(ruleId) && ruleId !== ANALYSIS_SKIPPED) {
        const p = parse();
        const line = p && ignoreLineEdit(p.file, p.directives, ruleId, finding.range.start.line);
        if (line) rows.push({ kind: 'line', action: this.ignoreAction(`Ignore ${ruleId} for this line`, diagnostic, line, uri) });
        if (p)
          rows.push({
            kind: 'file',
            action: this.ignoreAction(`Ignore ${ruleId} for this file`, diagnostic, ignoreFileEdit(p.file, p.directives, ruleId), uri),
          });
      }
      const off = current && finding && ruleById(ruleId) ? this.turnOffEdit(current.path, ruleId) : undefined;
      if (off)
        rows.push({
          kind: 'off',
          action: { title: `Turn off ${ruleId} for this workspace`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: off },
        });
      if (ruleDocUri(ruleId) && this.options.clientCommands.has(ClientCommands.showRuleDoc)) {
        const title = `Show documentation for ${ruleId}`;
        rows.push({
          kind: 'doc',
          action: {
            title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            command: Command.create(title, ClientCommands.showRuleDoc, ruleId),
          },
        });
      }
      return rows;
    });
    // Several rules at once (one node, several findings): one entry per kind that lets the user
    // choose the rule, instead of every row once per finding.
    if (perRule.length > 1 && this.options.clientCommands.has(ClientCommands.chooseAction)) {
      const all = perRule.flat();
      for (const [kind, title] of GROUPED_TITLES) {
        const rows = all.filter((r) => r.kind === kind);
        if (rows.length === 0) continue;
        if (rows.length === 1) {
          add(rows[0].action);
          continue;
        }
        const choices: ActionChoice[] = rows.map((r) => ({ label: r.action.title, edit: r.action.edit, command: r.action.command }));
        add({
          title,
          kind: CodeActionKind.QuickFix,
          diagnostics: rows.flatMap((r) => r.action.diagnostics ?? []),
          command: Command.create(title, ClientCommands.chooseAction, title, choices),
        });
      }
    } else {
      for (const rows of perRule) for (const r of rows) add(r.action);
    }
    return actions;
  }

  /**
   * "Fix all <rule> problems in this file", as `slsguard fix --rule` does (a fix that changes the
   * posture too: the user named the rule), when the file has more than one of them to fix.
   */
  private fixAllOfRule(current: Recorded, ruleId: string, diagnostics: Diagnostic[]): CodeAction | undefined {
    const ofRule = current.findings.filter((f) => f.ruleId === ruleId);
    if (ofRule.length < 2) return undefined;
    const { edits, applied } = fixAll(ofRule, { suggestionsOf: new Set([ruleId]), usable: (fix) => this.editsCurrent(current, fix.edits) });
    if (applied.length < 2) return undefined;
    return {
      title: `Fix all ${ruleId} problems in this file`,
      kind: CodeActionKind.QuickFix,
      diagnostics,
      edit: this.workspaceEdit(edits),
    };
  }

  /**
   * `"rules": { "<id>": "off" }` in the `.slsguard.json` that applies to the file (its comments
   * and layout kept), or a new one in the workspace folder when none does and the client can
   * create files.
   */
  private turnOffEdit(path: string, ruleId: string): WorkspaceEdit | undefined {
    const configPath = this.configFileOf(path);
    const text = this.host.readFile(configPath);
    if (text !== undefined) {
      const edits = turnOffRuleEdits(text, ruleId);
      return edits && this.workspaceEdit(edits.map((e) => ({ file: configPath, ...e })));
    }
    if (!this.options.documentChanges || !this.options.createFiles) return undefined;
    const uri = this.host.uriOf(configPath);
    const start = { line: 0, character: 0 };
    return {
      documentChanges: [
        CreateFile.create(uri),
        TextDocumentEdit.create({ uri, version: null }, [{ range: { start, end: start }, newText: newConfigTurningOff(ruleId) }]),
      ],
    };
  }

  /** Every preferred fix of the document in one edit; re-analyses first when the record is stale. */
  private async fixAll(doc: TextDocument, isCancelled: () => boolean): Promise<CodeAction[]> {
    let recorded = this.current(doc);
    if (!recorded) {
      try {
        await this.analyze(doc.uri, isCancelled);
      } catch {
        return []; // the document changed again meanwhile
      }
      recorded = this.recorded.get(doc.uri);
      if (!recorded || recorded.version !== this.documents.get(doc.uri)?.version) return [];
    }
    const current = recorded;
    const { edits } = fixAll(current.findings, { usable: (fix) => this.editsCurrent(current, fix.edits) });
    if (edits.length === 0) return [];
    return [{ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit: this.workspaceEdit(edits) }];
  }

  /** The findings recorded for the document's version, with the settings that apply now. */
  private current(doc: TextDocument): Recorded | undefined {
    const recorded = this.recorded.get(doc.uri);
    return recorded && recorded.version === doc.version && recorded.config === recorded.engine.getConfig() ? recorded : undefined;
  }

  private ignoreAction(title: string, diagnostic: Diagnostic, ignore: IgnoreEdit, uri: string): CodeAction {
    return {
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: this.workspaceEdit([ignore.edit]),
      ...(ignore.placeholder ? this.command(ClientCommands.selectRange, 'Select the reason', [uri, ignore.placeholder]) : {}),
    };
  }

  /** `{ command }` when the client implements it, else nothing. */
  private command(id: string, title: string, args: unknown[]): { command?: Command } {
    return this.options.clientCommands.has(id) ? { command: Command.create(title, id, ...args) } : {};
  }

  /** Other files a fix edits must be as they were when the fix was computed. */
  private editsCurrent(recorded: Recorded, edits: TextEdit[]): boolean {
    return edits.every((e) => e.file === recorded.path || recorded.otherVersions.get(e.file) === this.host.version(e.file));
  }

  /** Versioned `documentChanges` when the client takes them (null version for files on disk), else `changes`. */
  private workspaceEdit(edits: TextEdit[]): WorkspaceEdit {
    const groups = [...editsByFile(edits)].map(([file, list]) => {
      const uri = this.host.uriOf(file);
      return { uri, edits: list.map((e) => ({ range: e.range, newText: e.newText })) };
    });
    if (this.options.documentChanges) {
      return {
        documentChanges: groups.map((g) =>
          TextDocumentEdit.create({ uri: g.uri, version: this.documents.get(g.uri)?.version ?? null }, g.edits),
        ),
      };
    }
    return { changes: Object.fromEntries(groups.map((g) => [g.uri, g.edits])) };
  }
}

/** Whether the request's `only` asks for `kind` (a requested kind covers its sub-kinds). */
function wants(only: string[] | undefined, kind: string): boolean {
  // Without `only` (the light bulb), quick fixes; source actions only when asked for.
  if (!only) return kind === CodeActionKind.QuickFix;
  return only.some((k) => kind === k || kind.startsWith(`${k}.`));
}
