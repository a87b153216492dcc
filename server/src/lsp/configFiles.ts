import type { Connection, Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { DIAGNOSTIC_SOURCE } from '../../../shared/src/protocol';
import type { EngineConfig } from '../core/config';
import type { LoadedConfigFile } from '../core/configFile/load';
import { ConfigFileResolver, layerConfig } from '../core/configFile/configFileResolver';
import { CONFIG_FILE_NAME } from '../core/configFile/schema';
import { normalizePath } from '../core/model/host';
import { allRules } from '../core/rules/registry';
import type { OverlayHost } from './overlayHost';
import { pathToUri } from './uri';

/**
 * `.slsguard.json` in the editor: the nearest one above a file, up to its workspace folder,
 * layered under the `slsguard.*` settings. Its problems are published as diagnostics on the
 * config file itself (pushed: the file is not a document the server analyses), and it is
 * re-read when the file watcher reports a change.
 */
export class ConfigFiles {
  private readonly resolvers = new Map<string, ConfigFileResolver>();
  /** Config files with problems published, so clearing them is possible. */
  private readonly published = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly host: OverlayHost,
  ) {}

  /** The `configFor` of the engine of a folder (or of a loose directory): searches stop at `boundary`. */
  configFor(boundary: string): (file: string, base: EngineConfig) => EngineConfig {
    const resolver = this.resolver(boundary);
    return (file, base) => layerConfig(base, resolver.forFile(file));
  }

  /** Read the folder's own config file now, so its problems show before any file is analysed. */
  loadFolder(folder: string): void {
    this.resolver(folder).load(`${normalizePath(folder)}/${CONFIG_FILE_NAME}`);
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
      resolver = new ConfigFileResolver(this.host, allRules, { isBoundary: (dir) => dir === b, onLoad: (file) => this.publish(file) });
      this.resolvers.set(b, resolver);
    }
    return resolver;
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
