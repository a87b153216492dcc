import * as path from 'node:path';
import { Connection, ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import {
  AcceptChecklistItemParams,
  ChecklistChangedNotification,
  ChecklistFolder,
  ChecklistResult,
  SetChecklistItemParams,
} from '../../../shared/src/protocol';
import { checklistItem } from '../core/checklist/items';
import { Checklist, checklistOf } from '../core/checklist/projectChecklist';
import { ManualChecks, ManualChecksError, setAcceptance, setManualCheck } from '../core/checklist/manual';
import type { Finding, Location } from '../core/types';
import type { OverlayHost } from './overlayHost';
import type { Prepare } from './prepare';
import type { FolderState, WorkspaceEngines } from './workspace';

/** Quiet time after the last change before the client hears the checklist may have changed. */
const NOTIFY_DELAY_MS = 300;

/**
 * The security checklist for the sidebar: every folder's files analysed (reusing each file's
 * cached result; only changed files are analysed again) and judged from their findings and
 * inventories, with the manual checks of the folder's `.slsguard/checklist.json`.
 */
export class ChecklistService {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly connection: Connection,
    private readonly workspace: WorkspaceEngines,
    private readonly prepare: Prepare,
    private readonly host: OverlayHost,
  ) {}

  /** Something that can change the checklist happened: tell the client once things are quiet. */
  changed(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(
      () => void this.connection.sendNotification(ChecklistChangedNotification).catch(() => undefined),
      NOTIFY_DELAY_MS,
    );
  }

  async build(isCancelled: () => boolean): Promise<ChecklistResult> {
    const folders: ChecklistFolder[] = [];
    const states = this.workspace.allFolders().sort((a, b) => a.path.localeCompare(b.path));
    for (const state of states) {
      const prepared = await this.prepare(state.uri);
      if (!prepared) {
        folders.push({
          uri: state.uri,
          name: path.posix.basename(state.path),
          enabled: false,
          hasCdk: false,
          done: 0,
          total: 0,
          groups: [],
        });
        continue;
      }
      const files = this.workspace.files(state);
      const done = await this.workspace.analyzeInBackground(state, files, { isCancelled, budgetMs: prepared.settings.budgetMs });
      if (!done) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The checklist request was cancelled.');
      folders.push(this.toProtocol(state, checklistOf(state.engine, state.path, files)));
    }
    return { folders };
  }

  setItem(params: SetChecklistItemParams): void {
    const state = this.folder(params.folderUri);
    const item = checklistItem(params.itemId);
    if (!item?.manual)
      throw new ResponseError(ErrorCodes.InvalidParams, `'${params.itemId}' is not a checklist item that is checked by hand.`);
    this.write(() => setManualCheck(state.path, item.id, params.checked));
  }

  acceptItem(params: AcceptChecklistItemParams): void {
    const state = this.folder(params.folderUri);
    const item = checklistItem(params.itemId);
    if (!item || item.manual)
      throw new ResponseError(ErrorCodes.InvalidParams, `'${params.itemId}' is not a checklist item judged by analysis.`);
    this.write(() => setAcceptance(state.path, item.id, typeof params.reason === 'string' ? params.reason : undefined));
  }

  private folder(uri: string): FolderState {
    const state = this.workspace.allFolders().find((f) => f.uri === uri);
    if (!state) throw new ResponseError(ErrorCodes.InvalidParams, `${uri} is not a workspace folder.`);
    return state;
  }

  private write(change: () => ManualChecks): void {
    try {
      change();
    } catch (error) {
      if (error instanceof ManualChecksError) throw new ResponseError(ErrorCodes.InternalError, error.message);
      throw error;
    }
    this.changed();
  }

  private toProtocol(state: FolderState, checklist: Checklist): ChecklistFolder {
    const location = (l: Location) => ({ uri: this.host.uriOf(l.file), range: l.range });
    const finding = (f: Finding) => ({ ...location(f), ruleId: f.ruleId, severity: f.severity, message: f.message });
    return {
      uri: state.uri,
      name: path.posix.basename(state.path),
      enabled: true,
      hasCdk: checklist.hasCdk,
      done: checklist.done,
      total: checklist.total,
      ...(checklist.manualError ? { manualError: checklist.manualError } : {}),
      groups: checklist.groups.map((g) => ({
        ...g,
        items: g.items.map((i) => ({ ...i, findings: i.findings.map(finding), found: i.found.map(location) })),
      })),
    };
  }
}
