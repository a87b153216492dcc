import type { Connection, Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { DIAGNOSTIC_SOURCE } from '../../../shared/src/protocol';
import type { EngineConfig } from '../core/config';
import type { ConfigFileSettings, LoadedConfigFile } from '../core/configFile/load';
import { ConfigFileResolver, layerConfig } from '../core/configFile/configFileResolver';
import { CONFIG_FILE_NAME } from '../core/configFile/schema';
import { normalizePath } from '../core/model/host';
import { allRules } from '../core/rules/registry';
import { SEVERITY_RANK } from '../core/types';
import type { OverlayHost } from './overlayHost';
import { pathToUri } from './uri';

/**
 * The settings of `.slsguard.json` that are patterns matched against the workspace's values and
 * paths: regular expressions, and globs (picomatch backtracks too: `*a*a*a*a*a*a*a*a*a*a*b`
 * takes seconds on a 40-character file name). An untrusted workspace's own are not used.
 */
const PATTERN_SETTINGS = ['placeholderPatterns', 'ignore', 'handlers', 'testCode'] as const satisfies ReadonlyArray<
  keyof ConfigFileSettings
>;

/**
 * `.slsguard.json` in the editor: the nearest one above a file, up to its workspace folder,
 * layered under the `slsguard.*` settings. Its problems are published as diagnostics on the
 * config file itself (pushed: the file is not a document the server analyses), and it is
 * re-read when the file watcher reports a change. While the editor does not trust the
 * workspace, the file's pattern settings and the rules it turns off or down are left out (and
 * the log says so, once per file).
 */
export class ConfigFiles {
  private readonly resolvers = new Map<string, ConfigFileResolver>();
  /** Config files with problems published, so clearing them is possible. */
  private readonly published = new Set<string>();
  private trusted = true;
  /** Config files whose pattern settings were left out and logged, while untrusted. */
  private readonly untrustedLogged = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly host: OverlayHost,
  ) {}

  /** Whether the editor trusts the workspace. True when this changed it: cached results are stale. */
  setTrusted(trusted: boolean): boolean {
    if (trusted === this.trusted) return false;
    this.trusted = trusted;
    this.untrustedLogged.clear();
    return true;
  }

  /**
   * The `configFor` of the engine of a folder (or of a loose directory): searches stop at
   * `boundary`, and test code globs not set by a config file are relative to it.
   */
  configFor(boundary: string): (file: string, base: EngineConfig) => EngineConfig {
    const resolver = this.resolver(boundary);
    const root = normalizePath(boundary);
    let rooted: { base: EngineConfig; config: EngineConfig } | undefined;
    return (file, base) => {
      const config = resolver.forFile(file);
      if (rooted?.base !== base) rooted = { base, config: { ...base, testRoot: base.testRoot ?? root } };
      return layerConfig(rooted.config, config && !this.trusted ? this.untrustedView(config) : config);
    };
  }

  /** The config file that applies to `file` (searched up to `boundary`), else where a new one at the boundary goes. */
  fileFor(boundary: string, file: string): string {
    return this.resolver(boundary).forFile(file)?.path ?? `${normalizePath(boundary)}/${CONFIG_FILE_NAME}`;
  }

  /**
   * An untrusted workspace's config file, without what it could use against the person who
   * opens it: the patterns it supplies, and rules it turns off or reports at a lower severity
   * than their default (a repository could hide its own problems that way). Raising a severity
   * is kept.
   */
  private untrustedView(file: LoadedConfigFile): LoadedConfigFile {
    const dropped: string[] = PATTERN_SETTINGS.filter((key) => file.settings[key]?.length);
    const rules = { ...file.settings.rules };
    for (const [id, severity] of Object.entries(rules)) {
      const rule = allRules.find((r) => r.meta.id === id);
      if (rule && (severity === 'off' || SEVERITY_RANK[severity] < SEVERITY_RANK[rule.meta.defaultSeverity])) {
        delete rules[id];
        dropped.push(`"${id}": "${severity}"`);
      }
    }
    if (dropped.length === 0) return file;
    if (!this.untrustedLogged.has(file.path)) {
      this.untrustedLogged.add(file.path);
      this.connection.console.info(`The workspace is not trusted: ${dropped.join(', ')} in ${file.path} are ignored until you trust it.`);
    }
    const settings = { ...file.settings, ...(file.settings.rules ? { rules } : {}) };
    for (const key of PATTERN_SETTINGS) delete settings[key];
    return { ...file, settings };
  }

  /**
   * Read the folder's own config file now, so its problems show before any file is analysed,
   * and say in the log which one applies.
   */
  loadFolder(folder: string): void {
    const file = this.resolver(folder).load(`${normalizePath(folder)}/${CONFIG_FILE_NAME}`);
    this.connection.console.info(
      file
        ? `Workspace folder ${folder}: ${file.path} applies (a ${CONFIG_FILE_NAME} in a subfolder applies below it instead).`
        : `Workspace folder ${folder}: no ${CONFIG_FILE_NAME} at its root; the defaults apply (and any ${CONFIG_FILE_NAME} in a subfolder, below it).`,
    );
  }

  /** True for the paths of config files. */
  static isConfigFile(file: string): boolean {
    return file.endsWith(`/${CONFIG_FILE_NAME}`);
  }

  /** A config file was created, changed or deleted: search again and re-publish its problems. */
  fileChanged(file: string, deleted: boolean): void {
    const p = normalizePath(file);
    for (const resolver of this.resolvers.values()) resolver.invalidate();
    if (deleted) {
      this.connection.console.info(`${p} was deleted.`);
      this.publish({ path: p, dir: '', settings: {}, problems: [] });
      return;
    }
    for (const [boundary, resolver] of this.resolvers) {
      if (p === `${boundary}/${CONFIG_FILE_NAME}` || p.startsWith(`${boundary}/`)) {
        resolver.load(p);
        return;
      }
    }
  }

  private resolver(boundary: string): ConfigFileResolver {
    const b = normalizePath(boundary);
    let resolver = this.resolvers.get(b);
    if (!resolver) {
      resolver = new ConfigFileResolver(this.host, allRules, { isBoundary: (dir) => dir === b, onLoad: (file) => this.loaded(file) });
      this.resolvers.set(b, resolver);
    }
    return resolver;
  }

  /** A config file was (re)read: the log says so, with its problems. */
  private loaded(file: LoadedConfigFile): void {
    const count = file.problems.length;
    this.connection.console.info(`Read ${file.path}: ${count === 0 ? 'no problems' : `${count} problem${count === 1 ? '' : 's'}`}.`);
    for (const p of file.problems) {
      this.connection.console.warn(`${file.path}:${p.range.start.line + 1}:${p.range.start.character + 1} ${p.severity}: ${p.message}`);
    }
    this.publish(file);
  }

  private publish(file: LoadedConfigFile): void {
    if (file.problems.length === 0 && !this.published.has(file.path)) return;
    if (file.problems.length) this.published.add(file.path);
    else this.published.delete(file.path);
    const diagnostics: Diagnostic[] = file.problems.map((p) => ({
      range: p.range,
      severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      source: DIAGNOSTIC_SOURCE,
      message: p.message,
    }));
    void this.connection.sendDiagnostics({ uri: pathToUri(file.path), diagnostics });
  }
}
