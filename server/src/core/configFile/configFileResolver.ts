import * as path from 'node:path';
import type { EngineConfig } from '../config';
import type { SourceHost } from '../model/host';
import { linkOutside, normalizePath } from '../model/host';
import type { Rule } from '../rule';
import { LoadedConfigFile, parseConfigFile } from './load';
import { CONFIG_FILE_NAME } from './schema';

/**
 * Finds the `.slsguard.json` that applies to a file: the nearest one in the file's directory
 * or above, up to a boundary (the workspace folder in the editor; the git root or the current
 * directory on the command line). Parsed files are cached by the host's version of them.
 */
export class ConfigFileResolver {
  private readonly nearestByDir = new Map<string, string | null>();
  private readonly loaded = new Map<string, { version: string; file: LoadedConfigFile }>();

  constructor(
    private readonly host: SourceHost,
    private readonly rules: readonly Rule[],
    private readonly options: {
      /** True for the last directory to look in (inclusive). */
      isBoundary: (dir: string) => boolean;
      /** One file for every path (`slsguard --config <file>`): no search. */
      fixed?: string;
      /** Told about each config file when it is (re)loaded, e.g. to publish its problems. */
      onLoad?: (file: LoadedConfigFile) => void;
    },
  ) {}

  /** The config file for a source file, or undefined when none applies. */
  forFile(file: string): LoadedConfigFile | undefined {
    const configPath = this.options.fixed ? normalizePath(this.options.fixed) : this.nearest(path.posix.dirname(normalizePath(file)));
    return configPath ? this.load(configPath) : undefined;
  }

  /** Load (or reuse) one config file; undefined when it cannot be read. */
  load(configPath: string): LoadedConfigFile | undefined {
    const p = normalizePath(configPath);
    const version = this.host.version(p);
    const cached = this.loaded.get(p);
    if (cached && cached.version === version) return cached.file;
    // A config file found by the search is a link to nowhere outside the boundary (`--config` names its own file).
    const outside = this.options.fixed ? undefined : linkOutside(p, this.boundaryAbove(path.posix.dirname(p)), CONFIG_FILE_NAME);
    const text = outside ? '' : this.host.readFile(p);
    if (text === undefined) {
      this.loaded.delete(p);
      return undefined;
    }
    const start = { line: 0, character: 0 };
    const file: LoadedConfigFile = outside
      ? {
          path: p,
          dir: path.posix.dirname(p),
          settings: {},
          problems: [{ message: `${outside}.`, range: { start, end: start }, severity: 'error' }],
        }
      : parseConfigFile(p, text, this.rules);
    this.loaded.set(p, { version, file });
    this.options.onLoad?.(file);
    return file;
  }

  /** Config files appeared, moved or disappeared: search again. */
  invalidate(): void {
    this.nearestByDir.clear();
    this.loaded.clear();
  }

  /** The directory the search stops at, at or above `dir`. */
  private boundaryAbove(dir: string): string {
    let current = dir;
    while (!this.options.isBoundary(current) && path.posix.dirname(current) !== current) current = path.posix.dirname(current);
    return current;
  }

  private nearest(dir: string): string | undefined {
    const visited: string[] = [];
    let found: string | null | undefined;
    let current = dir;
    for (;;) {
      const known = this.nearestByDir.get(current);
      if (known !== undefined) {
        found = known;
        break;
      }
      visited.push(current);
      const candidate = current === '/' ? `/${CONFIG_FILE_NAME}` : `${current}/${CONFIG_FILE_NAME}`;
      if (this.host.fileExists(candidate)) {
        found = candidate;
        break;
      }
      const parent = path.posix.dirname(current);
      if (this.options.isBoundary(current) || parent === current) {
        found = null;
        break;
      }
      current = parent;
    }
    for (const d of visited) this.nearestByDir.set(d, found);
    return found ?? undefined;
  }
}

/**
 * The configuration for one file: the config file's settings under the base (the editor's
 * `slsguard.rules` setting or the CLI's `--rule` flags), which wins rule by rule.
 */
export function layerConfig(base: EngineConfig, file: LoadedConfigFile | undefined): EngineConfig {
  if (!file) return base;
  const s = file.settings;
  const layered: EngineConfig = {
    ...base,
    rules: { ...(s.rules ?? {}), ...base.rules },
    requireCustomerManagedKeys: s.requireCustomerManagedKeys ?? base.requireCustomerManagedKeys,
    secretWords: [...base.secretWords, ...(s.secretWords ?? [])],
    nonSecretWords: [...base.nonSecretWords, ...(s.nonSecretWords ?? [])],
    placeholderPatterns: [...base.placeholderPatterns, ...(s.placeholderPatterns ?? [])],
  };
  if (s.ignore?.length || s.handlers?.length) {
    layered.ignore = s.ignore ?? [];
    layered.handlers = s.handlers ?? [];
    layered.globRoot = file.dir;
  }
  // Like rules, the base (a setting, --include-tests) wins over the file.
  if (base.testCode === undefined && s.testCode !== undefined) {
    layered.testCode = s.testCode;
    if (s.testCode !== 'report') layered.testRoot = file.dir;
  }
  return layered;
}
