import * as ts from 'typescript';
import * as path from 'node:path';
import { isInIgnoredDirectory, isSourceFile, normalizePath, SourceHost, toPosix } from './host';
import { isRelativeSpecifier } from './imports';
import { isPythonPath, parsePython } from './python/pythonFile';
import { once } from './once';

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
 * Memory stays bounded: files the engine `keep`s (open editors it keeps parsed) stay; of the
 * files other files import values from (constants, shared props: read again and again), the
 * `maxImported` most recently used; of the rest, the `maxCached` most recently used.
 */
export class SourceFiles {
  /** Parsed files, least recently used first: those imported by others, and the rest. */
  private readonly importedFiles = new Map<string, Parsed>();
  private readonly otherFiles = new Map<string, Parsed>();
  private readonly kept = new Set<string>();
  private readonly configs: TsconfigIndex;
  /** Module resolutions by containing directory and specifier, until files come or go. */
  private readonly resolutions = new Map<string, Resolution>();

  constructor(
    private readonly host: SourceHost,
    private readonly maxCached = DEFAULT_MAX_CACHED_FILES,
    private readonly maxImported = DEFAULT_MAX_IMPORTED_FILES,
  ) {
    this.configs = new TsconfigIndex(host);
  }

  /** The file parsed at its current text, or undefined when it cannot be read (or is never read). */
  get(file: string): ts.SourceFile | undefined {
    return this.parsed(normalizePath(file), false).sf;
  }

  /** A file another file imports a value from: kept longer, since others are likely to import it too. */
  getImported(file: string): ts.SourceFile | undefined {
    return this.parsed(normalizePath(file), true).sf;
  }

  private parsed(path: string, imported: boolean): Parsed {
    const version = this.host.version(path);
    const wasImported = this.importedFiles.has(path);
    let entry = this.importedFiles.get(path) ?? this.otherFiles.get(path);
    this.importedFiles.delete(path);
    this.otherFiles.delete(path);
    if (!entry || entry.version !== version) {
      const text = isInIgnoredDirectory(path) ? undefined : this.host.readFile(path);
      entry = { version, ...parse(path, text) };
    }
    (imported || wasImported ? this.importedFiles : this.otherFiles).set(path, entry);
    this.evict();
    return entry;
  }

  /** True when the file's current text is nested too deeply for TypeScript's parser (see `parse`). */
  isTooDeep(file: string): boolean {
    return this.parsed(normalizePath(file), false).tooDeep === true;
  }

  /** Keep a file parsed until `release`, however many others are read meanwhile. */
  keep(file: string): void {
    this.kept.add(normalizePath(file));
  }

  release(file: string): void {
    if (this.kept.delete(normalizePath(file))) this.evict();
  }

  /** Files parsed now (for tests). */
  cached(): string[] {
    return [...this.importedFiles.keys(), ...this.otherFiles.keys()].sort();
  }

  /** The project file `specifier` resolves to from `containingFile` (relative or path-mapped). */
  resolvedModule(specifier: string, containingFile: string): string | undefined {
    return this.resolution(specifier, containingFile).file;
  }

  /**
   * Project source files the import looked for before the one it resolved to, or instead of one:
   * `./constants` from `lib/stack.ts` that is not there yet looks for `lib/constants.ts`,
   * `lib/constants.tsx`, …. Creating any of them changes what the import means.
   */
  missedModuleFiles(specifier: string, containingFile: string): readonly string[] {
    return this.resolution(specifier, containingFile).missed;
  }

  private resolution(specifier: string, containingFile: string): Resolution {
    const from = normalizePath(containingFile);
    const key = `${path.posix.dirname(from)}\0${specifier}`;
    let resolution = this.resolutions.get(key);
    if (!resolution) {
      const missed: string[] = [];
      const resolved = this.resolveModule(specifier, from, missed).resolvedModule;
      resolution = { file: resolved ? normalizePath(resolved.resolvedFileName) : undefined, missed };
      this.resolutions.set(key, resolution);
    }
    return resolution;
  }

  /** Files may have been created or deleted (or opened in an editor): imports are resolved again. */
  filesChanged(): void {
    this.resolutions.clear();
  }

  /** Call after files changed on disk (or a tsconfig changed) outside the host's versioning. */
  invalidate(): void {
    this.importedFiles.clear();
    this.otherFiles.clear();
    this.configs.clear();
    this.resolutions.clear();
  }

  dispose(): void {
    this.importedFiles.clear();
    this.otherFiles.clear();
    this.kept.clear();
  }

  private evict(): void {
    this.evictFrom(this.importedFiles, this.maxImported);
    this.evictFrom(this.otherFiles, this.maxCached);
  }

  /** Drop the least recently used files that are not kept, down to `max`. */
  private evictFrom(files: Map<string, Parsed>, max: number): void {
    let kept = 0;
    for (const path of this.kept) if (files.has(path)) kept++;
    let excess = files.size - kept - max;
    if (excess <= 0) return;
    for (const path of files.keys()) {
      if (excess <= 0) break;
      if (this.kept.has(path)) continue;
      files.delete(path);
      excess--;
    }
  }

  /** Whether a project file exists; a source file that does not is added to `missed`. */
  private fileExists(file: string, missed: string[]): boolean {
    const f = normalizePath(file);
    if (isInIgnoredDirectory(f)) return false;
    const exists = this.host.fileExists(f);
    if (!exists && isSourceFile(f)) missed.push(f);
    return exists;
  }

  /**
   * A Python module of the project: `.constants` (relative: one dot is the importing file's
   * folder) or `stacks.api_stack` (absolute: looked for from the importing file's folder up to
   * the root, as the app's folder is on `sys.path`), as `x.py` or the package `x/__init__.py`.
   * The standard library and installed packages are not in the project: nothing is found.
   */
  private resolvePython(dotted: string, containingFile: string, missed: string[]): string | undefined {
    const dots = /^\.*/.exec(dotted)![0].length;
    const parts = dotted.slice(dots).split('.').filter(Boolean);
    const candidates = (dir: string) => {
      const base = path.posix.join(dir, ...parts);
      return parts.length ? [`${base}.py`, `${base}/__init__.py`] : [`${base}/__init__.py`];
    };
    let dir = path.posix.dirname(containingFile);
    if (dots) {
      for (let i = 1; i < dots; i++) dir = path.posix.dirname(dir);
      return candidates(dir).find((f) => this.fileExists(f, missed));
    }
    for (let depth = 0; depth < 8; depth++) {
      const found = candidates(dir).find((f) => this.fileExists(f, missed));
      if (found) return found;
      const parent = path.posix.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    return undefined;
  }

  /** `missed` collects the project source files looked for and not found. */
  private resolveModule(specifier: string, containingFile: string, missed: string[]): ts.ResolvedModuleWithFailedLookupLocations {
    const none: ts.ResolvedModuleWithFailedLookupLocations = { resolvedModule: undefined };
    if (specifier.startsWith('py:')) {
      const file = this.resolvePython(specifier.slice(3), containingFile, missed);
      return file ? { resolvedModule: { resolvedFileName: file, extension: ts.Extension.Ts, isExternalLibraryImport: false } } : none;
    }
    const config = this.configs.forFile(containingFile);
    const relative = isRelativeSpecifier(specifier);
    if (!relative && !config.paths) return none;
    const options: ts.CompilerOptions = {
      ...compilerOptions(),
      moduleResolution: ts.ModuleResolutionKind.Node10,
      baseUrl: config.baseUrl,
      paths: config.paths,
      pathsBasePath: config.pathsBasePath,
    };
    const resolutionHost: ts.ModuleResolutionHost = {
      fileExists: (f) => this.fileExists(f, missed),
      readFile: () => undefined, // never read package.json files: no package resolution
      // Every directory "exists" (but dependencies and build output): TypeScript looks for no file
      // in a directory that does not, and each file it would look for there is one whose
      // creation changes the answer (`missed`). Looking costs a failed stat.
      directoryExists: (d) => !isInIgnoredDirectory(normalizePath(d)),
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

interface Resolution {
  file: string | undefined;
  missed: readonly string[];
}

interface Parsed {
  version: string;
  sf: ts.SourceFile | undefined;
  /** The text exhausted the parser's stack: the file is set aside until it changes. */
  tooDeep?: boolean;
}

/**
 * The file's text parsed. A file nested thousands of levels deep (generated or minified code, a
 * fuzzer's output) exhausts the stack of TypeScript's recursive parser: it is set aside, not fatal.
 */
function parse(path: string, text: string | undefined): { sf: ts.SourceFile | undefined; tooDeep?: boolean } {
  if (text === undefined) return { sf: undefined };
  try {
    if (isPythonPath(path)) return { sf: parsePython(path, text) };
    // JSDoc is parsed in JavaScript files only, where it carries types (`@type`, `@import`):
    // no rule reads a TypeScript file's JSDoc, and parsing it was about 7 % of a scan.
    const options = { languageVersion: ts.ScriptTarget.ES2022, jsDocParsingMode: ts.JSDocParsingMode.ParseForTypeErrors };
    return { sf: ts.createSourceFile(path, text, options, /* setParentNodes */ true) };
  } catch (error) {
    if (error instanceof RangeError) return { sf: undefined, tooDeep: true };
    throw error;
  }
}

/** Files parsed beyond the ones kept and the imported ones: the files just analysed. */
export const DEFAULT_MAX_CACHED_FILES = 16;
/**
 * Files other files import values from (constants, shared props), parsed once for a whole scan:
 * a thousand small files cost a few megabytes, and memory does not grow with the project.
 */
export const DEFAULT_MAX_IMPORTED_FILES = 1000;

/** Made when first asked for (see `once`). */
const compilerOptions = once((): ts.CompilerOptions => ({
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
}));

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

export function readProjectConfig(host: Pick<SourceHost, 'fileExists' | 'readFile'>, configPath: string): ProjectConfig {
  const dir = path.posix.dirname(configPath);
  const fallback: ProjectConfig = { dir };
  try {
    const text = host.readFile(configPath);
    // Only `paths` and `baseUrl` are read, here or in a config it extends: a file that names
    // none of them (nor escapes a character, which a key could hide behind) is not parsed (373
    // tsconfig files in the issue 22 corpus, 3.6 % of its scan).
    if (text === undefined || !/paths|baseUrl|extends|\\u/.test(text)) return fallback;
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
