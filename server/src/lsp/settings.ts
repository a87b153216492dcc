import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, SlsguardSettings } from '../../../shared/src/protocol';
import { defaultConfig, EngineConfig } from '../core/config';
import { MAX_GLOB_LENGTH } from '../core/configFile/load';
import type { SeveritySetting } from '../core/types';

const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);

/**
 * `slsguard.*` settings per resource, read with `workspace/configuration` and cached per URI
 * until the client says settings changed. No settings live in globals.
 */
export class Settings {
  private readonly cache = new Map<string, Promise<SlsguardSettings>>();
  private supported = false;

  constructor(private readonly connection: Connection) {}

  setSupported(supported: boolean): void {
    this.supported = supported;
  }

  clear(): void {
    this.cache.clear();
  }

  forResource(uri: string): Promise<SlsguardSettings> {
    if (!this.supported) return Promise.resolve(DEFAULT_SETTINGS);
    let result = this.cache.get(uri);
    if (!result) {
      result = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'slsguard' }).then(
        (raw: unknown) => sanitize(raw),
        () => DEFAULT_SETTINGS,
      );
      this.cache.set(uri, result);
    }
    return result;
  }
}

/** Settings come from user JSON: keep what is well-formed, default the rest. */
export function sanitize(raw: unknown): SlsguardSettings {
  const obj = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, SeveritySetting> = {};
  if (obj.rules && typeof obj.rules === 'object') {
    for (const [id, value] of Object.entries(obj.rules as Record<string, unknown>)) {
      if (typeof value === 'string' && SEVERITIES.has(value)) rules[id] = value as SeveritySetting;
    }
  }
  const budget =
    typeof obj.budgetMs === 'number' && Number.isFinite(obj.budgetMs) && obj.budgetMs >= 100 ? obj.budgetMs : DEFAULT_SETTINGS.budgetMs;
  const testCode = obj.testCode === 'report' ? 'report' : Array.isArray(obj.testCode) ? obj.testCode.filter(isGlob) : undefined;
  return {
    enable: typeof obj.enable === 'boolean' ? obj.enable : DEFAULT_SETTINGS.enable,
    rules,
    budgetMs: budget,
    ...(testCode ? { testCode } : {}),
  };
}

/** A glob as the config file accepts one (its length bounded: picomatch throws past 64k). */
function isGlob(g: unknown): g is string {
  return typeof g === 'string' && g !== '' && g.length <= MAX_GLOB_LENGTH;
}

export function engineConfig(settings: SlsguardSettings): EngineConfig {
  return defaultConfig({ rules: settings.rules, ...(settings.testCode ? { testCode: settings.testCode } : {}) });
}
