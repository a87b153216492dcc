import type { SeveritySetting } from './types';

/**
 * Options that change what the engine reports. The language server builds this from
 * `slsguard.*` settings; the CLI from its flags (and, later, `.slsguard.json`).
 */
export interface EngineConfig {
  /** Per-rule severity override, or `off`. Rules not listed use their default. */
  rules: Record<string, SeveritySetting>;
  /** `dynamodb-cmk`: only report when the team requires customer-managed keys. */
  requireCustomerManagedKeys: boolean;
  /** Extra words that make a name look secret / look like a reference (see the rule catalog). */
  secretWords: string[];
  nonSecretWords: string[];
  /** Regular expressions (source text) for placeholder values that are never secrets. */
  placeholderPatterns: string[];
}

export function defaultConfig(overrides: Partial<EngineConfig> = {}): EngineConfig {
  return {
    rules: {},
    requireCustomerManagedKeys: false,
    secretWords: [],
    nonSecretWords: [],
    placeholderPatterns: [],
    ...overrides,
  };
}

/** A stable key: cached results are valid only for the configuration they were computed with. */
export function configKey(config: EngineConfig): string {
  const rules = Object.keys(config.rules)
    .sort()
    .map((k) => `${k}=${config.rules[k]}`)
    .join(',');
  return JSON.stringify([rules, config.requireCustomerManagedKeys, config.secretWords, config.nonSecretWords, config.placeholderPatterns]);
}
