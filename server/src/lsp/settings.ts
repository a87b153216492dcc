import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, RunSetting, Severity, SlsguardSettings } from '../../../shared/src/protocol';
import { defaultConfig, EngineConfig } from '../core/config';
import { allRules } from '../core/rules/registry';
import { didYouMean } from '../core/spelling';
import { SEVERITY_RANK, SeveritySetting } from '../core/types';
import { MAX_GLOB_LENGTH } from '../core/configFile/load';

const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);
const MINIMUM_SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const RUN: readonly RunSetting[] = ['onType', 'onSave'];

/** What the user is told about a setting that is not used as written (log and notification). */
export interface SettingProblem {
  /** The setting's key: `slsguard.rules`. */
  setting: string;
  message: string;
}

/**
 * `slsguard.*` settings per resource, read with `workspace/configuration` and cached per URI
 * until the client says settings changed. No settings live in globals. A setting that is not
 * used as written (an unknown rule id, a value out of range) is told once per change of the
 * settings, through `report`.
 */
export class Settings {
  private readonly cache = new Map<string, Promise<SlsguardSettings>>();
  private supported = false;
  /** Problems already told since the settings last changed. */
  private readonly told = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly report: (problem: SettingProblem) => void = () => undefined,
  ) {}

  setSupported(supported: boolean): void {
    this.supported = supported;
  }

  clear(): void {
    this.cache.clear();
    this.told.clear();
  }

  forResource(uri: string): Promise<SlsguardSettings> {
    if (!this.supported) return Promise.resolve(DEFAULT_SETTINGS);
    let result = this.cache.get(uri);
    if (!result) {
      result = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'slsguard' }).then(
        (raw: unknown) => {
          const problems: SettingProblem[] = [];
          const settings = sanitize(raw, problems);
          for (const problem of problems) {
            if (this.told.has(problem.message)) continue;
            this.told.add(problem.message);
            this.report(problem);
          }
          return settings;
        },
        () => DEFAULT_SETTINGS,
      );
      this.cache.set(uri, result);
    }
    return result;
  }
}

/**
 * Settings come from user JSON: keep what is well-formed, default the rest, and say in
 * `problems` what was not used as written. Rule ids that no rule has are kept (a newer
 * version's rule, harmless) but told, with the id the user most likely meant.
 */
export function sanitize(raw: unknown, problems: SettingProblem[] = []): SlsguardSettings {
  const obj = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, SeveritySetting> = {};
  const ids = allRules.map((r) => r.meta.id);
  if (obj.rules && typeof obj.rules === 'object') {
    for (const [id, value] of Object.entries(obj.rules as Record<string, unknown>)) {
      if (typeof value === 'string' && SEVERITIES.has(value)) rules[id] = value as SeveritySetting;
      else
        problems.push({
          setting: 'slsguard.rules',
          message: `slsguard.rules: "${id}" must be error, warning, info or off: it is ignored.`,
        });
      if (!ids.includes(id)) {
        const near = didYouMean(id, ids);
        problems.push({
          setting: 'slsguard.rules',
          message: `slsguard.rules: there is no rule "${id}", so this setting changes nothing.${near ? ` Did you mean "${near}"?` : ''}`,
        });
      }
    }
  }
  const testCode = obj.testCode === 'report' ? 'report' : Array.isArray(obj.testCode) ? obj.testCode.filter(isGlob) : undefined;
  return {
    enable: typeof obj.enable === 'boolean' ? obj.enable : DEFAULT_SETTINGS.enable,
    rules,
    budgetMs: budgetOf(obj, problems),
    run: RUN.find((r) => r === obj.run) ?? DEFAULT_SETTINGS.run,
    minimumSeverity: MINIMUM_SEVERITIES.find((s) => s === obj.minimumSeverity) ?? DEFAULT_SETTINGS.minimumSeverity,
    ...(testCode ? { testCode } : {}),
  };
}

/** A glob as the config file accepts one (its length bounded: picomatch throws past 64k). */
function isGlob(g: unknown): g is string {
  return typeof g === 'string' && g !== '' && g.length <= MAX_GLOB_LENGTH;
}

/**
 * `slsguard.timeBudgetPerFile`, or the value of its former name `slsguard.budgetMs` when only
 * that one is set (the editor sends both, the unset one at its default).
 */
function budgetOf(obj: Record<string, unknown>, problems: SettingProblem[]): number {
  const valid = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 100;
  for (const key of ['timeBudgetPerFile', 'budgetMs']) {
    const v = obj[key];
    if (v !== undefined && !valid(v)) {
      problems.push({
        setting: `slsguard.${key}`,
        message: `slsguard.${key} must be a number of milliseconds, 100 or more: ${DEFAULT_SETTINGS.budgetMs} is used.`,
      });
    }
  }
  const current = obj.timeBudgetPerFile;
  const former = obj.budgetMs;
  if (valid(current) && current !== DEFAULT_SETTINGS.budgetMs) return current;
  if (valid(former)) return former;
  return DEFAULT_SETTINGS.budgetMs;
}

export function engineConfig(settings: SlsguardSettings): EngineConfig {
  return defaultConfig({ rules: settings.rules, ...(settings.testCode ? { testCode: settings.testCode } : {}) });
}

/** Whether a finding of `severity` is shown under `slsguard.minimumSeverity`. */
export function shownAt(severity: Severity, minimum: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[minimum];
}
