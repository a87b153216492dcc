/**
 * Types and method names shared by the extension (client) and the language server. Plain
 * TypeScript only: no imports, so both sides and the CLI can use it.
 */

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

/** When open files are analysed: as they are typed, or when they are saved. */
export type RunSetting = 'onType' | 'onSave';

/** `slsguard.*` settings, read per resource (workspace folder or file). */
export interface SlsguardSettings {
  enable: boolean;
  /** Rule id → severity override or `off`. */
  rules: Record<string, SeveritySetting>;
  /** Per-file analysis time budget in milliseconds (`slsguard.timeBudgetPerFile`, formerly `slsguard.budgetMs`). */
  budgetMs: number;
  /** `slsguard.run`. */
  run: RunSetting;
  /** `slsguard.minimumSeverity`: findings below it are not shown in the editor. */
  minimumSeverity: Severity;
  /** Globs of test code (relative to the workspace folder), `report`, or unset: the config file's, else the defaults. */
  testCode?: string[] | 'report';
}

export const DEFAULT_SETTINGS: SlsguardSettings = {
  enable: true,
  rules: {},
  budgetMs: 2000,
  run: 'onType',
  minimumSeverity: 'info',
};

/** The diagnostic `source` of every finding. */
export const DIAGNOSTIC_SOURCE = 'slsguard';

/** Client → server: analyse every file of the workspace now. */
export const ScanWorkspaceRequest = 'slsguard/scanWorkspace';
export interface ScanWorkspaceParams {
  /** Echoed in progress notifications so the client can match them to this scan. */
  token: string;
}
export interface ScanSummary {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  durationMs: number;
  /** Set when the scan stopped early because it was cancelled. */
  cancelled?: boolean;
}

/** Server → client while a workspace scan runs. */
export const ScanProgressNotification = 'slsguard/scanProgress';
export interface ScanProgressParams {
  token: string;
  done: number;
  total: number;
  /** Workspace-relative path of the last file done. */
  file?: string;
}

/**
 * Server → client: whether the workspace has anything for the extension (a folder with a
 * `cdk.json`, a `.slsguard.json`, a file importing AWS CDK or a Lambda handler). While it is
 * false the client shows no activity-bar icon and no status item, and the server analyses open
 * files only. Sent once the server has looked, and again when it changes.
 */
export const ActivityNotification = 'slsguard/activity';
export interface ActivityParams {
  active: boolean;
}

/** Server → client: a one-line state for the status bar. */
export const StatusNotification = 'slsguard/status';
export interface StatusParams {
  state: 'ready' | 'busy' | 'error';
  message: string;
}

/**
 * Client commands the server's code actions may run. The client lists the ones it implements
 * in `initializationOptions.clientCommands`; the server offers actions that need a command only
 * to clients that have it.
 */
export const ClientCommands = {
  /** Open `docs/rules/<id>.md` shipped with the extension. Argument: the rule id. */
  showRuleDoc: 'slsguard.showRuleDoc',
  /** Select a range after an edit (the `<reason>` of a new suppression). Arguments: uri, range. */
  selectRange: 'slsguard.selectRange',
  /** Show a fix's follow-up note (what to do next, e.g. store the secret's value). Argument: the note. */
  showFixNote: 'slsguard.showFixNote',
  /**
   * Let the user pick one of several actions (the rule to ignore when one node has several
   * findings). Arguments: a title, then `{ label, edit?, command? }[]` with LSP workspace edits
   * and commands: the client applies the chosen edit, then runs its command.
   */
  chooseAction: 'slsguard.chooseAction',
} as const;

/**
 * Node options the extension starts the language server with. A young generation of 2 × 2 MB
 * instead of V8's 2 × 16 MB: the server's garbage per keystroke is small and short-lived, and the
 * pages of a large young generation, once touched, stay in the server's resident memory for as
 * long as the editor runs (`npm run soak`: 147 MB after 10,000 edits with 2 × 8 MB, 163 MB with
 * V8's default; `npm run bench`, 1,000 files open: 8 MB less with 2 × 2 MB than 2 × 8 MB, edit
 * latency unchanged). The language server also tunes the old generation itself
 * (server/src/heap.ts).
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=2'];

export interface InitializationOptions {
  clientCommands?: string[];
  /**
   * False when the editor does not trust the workspace (VS Code's restricted mode): the server
   * then ignores the regular expressions and globs a workspace's `.slsguard.json` supplies.
   * Absent means trusted (editors without workspace trust).
   */
  workspaceTrusted?: boolean;
}

/** Client → server: the user granted (or withdrew) trust in the workspace since initialization. */
export const WorkspaceTrustNotification = 'slsguard/workspaceTrust';
export interface WorkspaceTrustParams {
  trusted: boolean;
}

/** The code action kind of "fix all" (for `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = 'source.fixAll.slsguard';
/** Client → server: the security checklist of every workspace folder. */
export const ChecklistRequest = 'slsguard/checklist';
export type ChecklistItemState = 'passed' | 'failed' | 'accepted' | 'not-applicable' | 'checked' | 'unchecked';
/** 0-based, as LSP ranges. */
export interface ChecklistRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
export interface ChecklistLocation {
  uri: string;
  range: ChecklistRange;
}
export interface ChecklistFinding extends ChecklistLocation {
  ruleId: string;
  severity: Severity;
  message: string;
}
export interface ChecklistItem {
  /** Stable: the key of a manual item in `.slsguard/checklist.json`. */
  id: string;
  title: string;
  tooltip: string;
  /** Section of the practices guide, `<file>#<anchor>` under `docs/guide/`. */
  guideSection: string;
  rules: string[];
  /** Checked by hand (a checkbox) rather than judged by analysis. */
  manual: boolean;
  state: ChecklistItemState;
  /** One line on the state: "2 findings", "not applicable: no API in the project", … */
  detail: string;
  /** A failed item's findings. */
  findings: ChecklistFinding[];
  /** The required construct that the project lacks. */
  missing?: string;
  /** Where the required construct is defined. */
  found: ChecklistLocation[];
  /** Why the team accepts a failed judged item (state `accepted`). */
  acceptedReason?: string;
}
export interface ChecklistGroup {
  id: string;
  title: string;
  /** Passed, accepted and checked items. */
  done: number;
  /** Items that apply. */
  total: number;
  items: ChecklistItem[];
}
export interface ChecklistFolder {
  uri: string;
  name: string;
  /** False when `slsguard.enable` is off for the folder: no groups. */
  enabled: boolean;
  /** The folder has a `cdk.json` or files importing `aws-cdk-lib`. */
  hasCdk: boolean;
  done: number;
  total: number;
  /** `.slsguard/checklist.json` could not be read: manual items show unchecked and cannot be changed. */
  manualError?: string;
  groups: ChecklistGroup[];
}
export interface ChecklistResult {
  folders: ChecklistFolder[];
}

/** Client → server: tick or untick a manual item (written to the folder's `.slsguard/checklist.json`). */
export const SetChecklistItemRequest = 'slsguard/setChecklistItem';
export interface SetChecklistItemParams {
  folderUri: string;
  itemId: string;
  checked: boolean;
}

/**
 * Client → server: accept a judged item that the analysis fails, with the team's reason, or
 * withdraw the acceptance (no reason). Written to the folder's `.slsguard/checklist.json`.
 */
export const AcceptChecklistItemRequest = 'slsguard/acceptChecklistItem';
export interface AcceptChecklistItemParams {
  folderUri: string;
  itemId: string;
  reason?: string;
}

/** Server → client: the checklist may have changed (debounced); ask for it again when it is shown. */
export const ChecklistChangedNotification = 'slsguard/checklistChanged';

/** Client → server: the practices guide's sections, in guide order ("Open Practices Guide"). */
export const GuideSectionsRequest = 'slsguard/guideSections';
export interface GuideSection {
  /** `<page>#<anchor>` under `docs/guide/`, or a whole page (`checklist.md`). */
  id: string;
  title: string;
  /** The 0-based line of the section's heading in its page (0 for a whole page). */
  line: number;
}
