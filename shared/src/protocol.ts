/**
 * Types and method names shared by the extension (client) and the language server. Plain
 * TypeScript only: no imports, so both sides and the CLI can use it.
 */

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

/** `slsguard.*` settings, read per resource (workspace folder or file). */
export interface SlsguardSettings {
  enable: boolean;
  /** Rule id → severity override or `off`. */
  rules: Record<string, SeveritySetting>;
  /** Per-file analysis time budget in milliseconds. */
  budgetMs: number;
}

export const DEFAULT_SETTINGS: SlsguardSettings = {
  enable: true,
  rules: {},
  budgetMs: 2000,
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
  /** Workspace-relative path of the file being analysed. */
  file?: string;
}

/** Server → client: a one-line state for the status bar. */
export const StatusNotification = 'slsguard/status';
export interface StatusParams {
  state: 'ready' | 'busy' | 'error';
  message: string;
}

/** Client → server: the practices guide's sections, in guide order ("Open Practices Guide"). */
export const GuideSectionsRequest = 'slsguard/guideSections';
export interface GuideSection {
  /** `<page>#<anchor>` under `docs/guide/`, or a whole page (`checklist.md`). */
  id: string;
  title: string;
}
