import * as ts from 'typescript';
import * as path from 'node:path';
import { isInIgnoredDirectory, normalizePath, SourceHost, toPosix } from './host';
import { isRelativeSpecifier } from './imports';

/**
 * The project's files as the analysis reads them: each parsed on its own, once per version of its
 * text (the host's version: a document version in the editor), with parent pointers and nothing
 * more. There is no program, no binder and no type checker: a file's analysis parses the file,
 * and the files its values are imported from when a rule follows one (`exports.ts`); imports are
 * resolved only then, and only relative and path-mapped ones.
 *
 * What makes it cheap (see the engine design notes): bare package specifiers (`aws-cdk-lib`,
 * `constructs`, `@aws-sdk/*`) resolve to nothing, so `node_modules` is never opened and
 * `aws-cdk-lib`'s declaration files never load; construct identity comes from import
 * declarations instead. A TypeScript language service, used here before, built a program over
 * every root and everything the roots import and a type checker for it after every edit: in the
 * editor that was most of an edit's time, and V8 spent seconds and a hundred megabytes optimising
 * TypeScript's `createTypeChecker`, which every program called once.
 *
 * Memory stays bounded: files the engine `keep`s (open editors it keeps parsed) stay, and of
 * the others only the `maxCached` most recently used (constants files that many stacks import).
 */
export class SourceFiles {
  /** Parsed files, least recently used first. */
  private readonly files = new Map<string, { version: string; sf: ts.SourceFile | undefined }>();
  private readonly kept = new Set<string>();
  private readonly configs: TsconfigIndex;

  constructor(
    private readonly host: SourceHost,
    private readonly maxCached = DEFAULT_MAX_CACHED_FILES,
  ) {
    this.configs = new TsconfigIndex(host);
  }

  /** The file parsed at its current text, or undefined when it cannot be read (or is never read). */
  get(file: string): ts.SourceFile | undefined {
    const path = normalizePath(file);
    const version = this.host.version(path);
    const cached = this.files.get(path);
    this.files.delete(path);
    if (cached && cached.version === version) {
      this.files.set(path, cached);
      return cached.sf;
    }
    const text = isInIgnoredDirectory(path) ? undefined : this.host.readFile(path);
    const sf = text === undefined ? undefined : ts.createSourceFile(path, text, { languageVersion: ts.ScriptTarget.ES2022 }, /* setParentNodes */ true);
    this.files.set(path, { version, sf });
    this.evict();
    return sf;
  }

  /** Keep a file parsed until `release`, however many others are read meanwhile. */
  keep(file: string): void {
    this.kept.add(normalizePath(file));
  }

  release(file: string): void {
    if (this.kept.delete(normalizePath(file))) this.evict();
  }

  /** Files parsed now, least recently used first (for tests). */
  cached(): string[] {
    return [...this.files.keys()];
  }

  /** The project file `specifier` resolves to from `containingFile` (relative or path-mapped). */
  resolvedModule(specifier: string, containingFile: string): string | undefined {
    const resolved = this.resolveModule(specifier, normalizePath(containingFile)).resolvedModule;
    return resolved ? normalizePath(resolved.resolvedFileName) : undefined;
  }

  /** Call after files changed on disk (or a tsconfig changed) outside the host's versioning. */
  invalidate(): void {
    this.files.clear();
    this.configs.clear();
  }

  dispose(): void {
    this.files.clear();
    this.kept.clear();
  }

  private evict(): void {
    let excess = this.files.size - this.kept.size - this.maxCached;
    if (excess <= 0) return;
    for (const path of this.files.keys()) {
      if (excess <= 0) break;
      if (this.kept.has(path)) continue;
      this.files.delete(path);
      excess--;
    }
  }

  private fileExists(file: string): boolean {
    const f = normalizePath(file);
    if (isInIgnoredDirectory(f)) return false;
    return this.host.fileExists(f);
  }

  private resolveModule(specifier: string, containingFile: string): ts.ResolvedModuleWithFailedLookupLocations {
    const none: ts.ResolvedModuleWithFailedLookupLocations = { resolvedModule: undefined };
    const config = this.configs.forFile(containingFile);
    const relative = isRelativeSpecifier(specifier);
    if (!relative && !config.paths) return none;
    const options: ts.CompilerOptions = {
      ...COMPILER_OPTIONS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      baseUrl: config.baseUrl,
      paths: config.paths,
      pathsBasePath: config.pathsBasePath,
    };
    const resolutionHost: ts.ModuleResolutionHost = {
      fileExists: (f) => this.fileExists(f),
      readFile: () => undefined, // never read package.json files: no package resolution
      directoryExists: (d) => !isInIgnoredDirectory(d) && this.host.directoryExists(normalizePath(d)),
      realpath: (p) => p,
      getCurrentDirectory: () => '/',
    };
    const result = ts.resolveModuleName(specifier, containingFile, options, resolutionHost);
    const resolved = result.resolvedModule;
    if (!resolved || isInIgnoredDirectory(resolved.resolvedFileName) || resolved.extension === ts.Extension.Dts) return none;
    if (resolved.extension === ts.Extension.Json) return none;
    return { resolvedModule: { ...resolved, isExternalLibraryImport: false } };
  }
}

/**
 * Files parsed beyond the ones kept: enough for the files many others import (constants, shared
 * props) to stay parsed through a scan, few enough that memory does not grow with the project.
 */
export const DEFAULT_MAX_CACHED_FILES = 64;

export const COMPILER_OPTIONS: ts.CompilerOptions = {
  noLib: true,
  types: [],
  allowJs: true,
  checkJs: false,
  noResolve: false,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  jsx: ts.JsxEmit.Preserve,
  skipLibCheck: true,
  skipDefaultLibCheck: true,
  esModuleInterop: true,
  allowNonTsExtensions: true,
};

interface ProjectConfig {
  dir: string;
  baseUrl?: string;
  paths?: ts.MapLike<string[]>;
  pathsBasePath?: string;
}

/**
 * The `tsconfig.json` that governs a file: the nearest one above it. Only the path mapping is
 * taken from it. Reading it runs no code: `extends` is followed for relative files only, and a
 * broken or cyclic config falls back to plain folder resolution.
 */
class TsconfigIndex {
  private readonly byDir = new Map<string, ProjectConfig>();

  constructor(private readonly host: SourceHost) {}

  clear(): void {
    this.byDir.clear();
  }

  forFile(file: string): ProjectConfig {
    return this.forDir(path.posix.dirname(file));
  }

  private forDir(dir: string): ProjectConfig {
    const cached = this.byDir.get(dir);
    if (cached) return cached;
    const configPath = `${dir === '/' ? '' : dir}/tsconfig.json`;
    let config: ProjectConfig;
    if (this.host.fileExists(configPath)) {
      config = readProjectConfig(this.host, configPath);
    } else {
      const parent = path.posix.dirname(dir);
      config = parent === dir ? { dir } : this.forDir(parent);
    }
    this.byDir.set(dir, config);
    return config;
  }
}

export function readProjectConfig(host: SourceHost, configPath: string): ProjectConfig {
  const dir = path.posix.dirname(configPath);
  const fallback: ProjectConfig = { dir };
  try {
    const text = host.readFile(configPath);
    if (text === undefined) return fallback;
    const parsed = ts.parseConfigFileTextToJson(configPath, text);
    if (parsed.error || typeof parsed.config !== 'object' || parsed.config === null) return fallback;
    const parseHost: ts.ParseConfigHost = {
      useCaseSensitiveFileNames: true,
      readDirectory: () => [],
      fileExists: (f) => !isInIgnoredDirectory(f) && host.fileExists(normalizePath(f)),
      readFile: (f) => (isInIgnoredDirectory(f) ? undefined : host.readFile(normalizePath(f))),
    };
    const result = ts.parseJsonConfigFileContent(parsed.config, parseHost, dir, undefined, configPath);
    const options = result.options;
    if (!options.paths && !options.baseUrl) return fallback;
    return {
      dir,
      baseUrl: options.baseUrl ? toPosix(options.baseUrl) : undefined,
      paths: options.paths,
      pathsBasePath: (options.pathsBasePath as string | undefined) ?? dir,
    };
  } catch {
    return fallback;
  }
}
