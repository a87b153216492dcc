import * as path from 'node:path';
import picomatch from 'picomatch';
import type { SeveritySetting } from './types';

/**
 * Options that change what the engine reports, for one file. The language server builds the
 * base from `slsguard.*` settings, the CLI from its flags; the nearest `.slsguard.json` is
 * layered under either (see `layerConfig` in configFile/configFileResolver.ts).
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
  /** Globs of files that are never analysed (relative to `globRoot`). */
  ignore: string[];
  /** Globs of extra Lambda handler files for the handler rules (relative to `globRoot`). */
  handlers: string[];
  /** The directory `ignore` and `handlers` are relative to: the `.slsguard.json` that set them. */
  globRoot?: string;
  /**
   * Test code (the catalog's v2 conventions): globs of test files relative to `testRoot`
   * (default `DEFAULT_TEST_CODE`), or `report` to report findings there like anywhere else.
   */
  testCode?: string[] | 'report';
  /**
   * The directory `testCode` globs are relative to: the `.slsguard.json` that set them, else the
   * scanned path (CLI) or the workspace folder (editor). Without one, no file is test code.
   */
  testRoot?: string;
}

/** Where a project keeps its tests, unless configuration says otherwise. */
export const DEFAULT_TEST_CODE: readonly string[] = [
  '**/test/**',
  '**/tests/**',
  '**/__tests__/**',
  '**/*.test.*',
  '**/*.spec.*',
  '**/integ.*',
  '**/*.integ.*',
  '**/__snapshots__/**',
];

export function defaultConfig(overrides: Partial<EngineConfig> = {}): EngineConfig {
  return {
    rules: {},
    requireCustomerManagedKeys: false,
    secretWords: [],
    nonSecretWords: [],
    placeholderPatterns: [],
    ignore: [],
    handlers: [],
    ...overrides,
  };
}

/** A stable key: cached results are valid only for the configuration they were computed with. */
export function configKey(config: EngineConfig): string {
  const rules = Object.keys(config.rules)
    .sort()
    .map((k) => `${k}=${config.rules[k]}`)
    .join(',');
  return JSON.stringify([
    rules,
    config.requireCustomerManagedKeys,
    config.secretWords,
    config.nonSecretWords,
    config.placeholderPatterns,
    config.ignore,
    config.handlers,
    config.globRoot ?? '',
    config.testCode ?? null,
    config.testRoot ?? '',
  ]);
}

const matchers = new Map<string, (file: string) => boolean>();

/**
 * True when `file` (absolute, `/` separators) matches one of the config's `ignore` or
 * `handlers` globs. Globs are picomatch patterns relative to `globRoot` (`lib/legacy`,
 * `**\/*.test.ts`); a file outside `globRoot` matches none.
 */
export function matchesConfigGlobs(config: EngineConfig, key: 'ignore' | 'handlers', file: string): boolean {
  return matchesGlobs(config[key], config.globRoot, file);
}

/**
 * True when `file` is test code under the config (`testCode` globs relative to `testRoot`):
 * only credentials are reported there. Never with `testCode: 'report'` or without a root.
 */
export function isTestCode(config: EngineConfig, file: string): boolean {
  if (config.testCode === 'report' || config.testRoot === undefined) return false;
  return matchesGlobs(config.testCode ?? DEFAULT_TEST_CODE, config.testRoot, file);
}

function matchesGlobs(globs: readonly string[], root: string | undefined, file: string): boolean {
  if (globs.length === 0) return false;
  let rel = file.replace(/\\/g, '/');
  if (root) {
    rel = path.posix.relative(root.replace(/\\/g, '/'), rel);
    if (rel.startsWith('../') || rel === '..' || path.posix.isAbsolute(rel)) return false;
  } else {
    rel = rel.replace(/^([A-Za-z]:)?\//, '');
  }
  const cacheKey = JSON.stringify(globs);
  let match = matchers.get(cacheKey);
  if (!match) {
    // A pattern that names a directory (`lib/legacy`) also covers everything below it.
    const patterns = globs.flatMap((g) => {
      const trimmed = g.replace(/^\.\//, '').replace(/\/+$/, '');
      return trimmed.endsWith('/**') ? [trimmed] : [trimmed, `${trimmed}/**`];
    });
    match = picomatch(patterns, { dot: true });
    matchers.set(cacheKey, match);
  }
  return match(rel);
}
