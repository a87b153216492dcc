import * as ts from 'typescript';
import * as path from 'node:path';
import { isInIgnoredDirectory, normalizePath, SourceHost, toPosix } from './host';
import { isRelativeSpecifier } from './imports';

/**
 * One TypeScript `LanguageService` over the files being analysed, kept for the life of the
 * engine and updated through script versions (an edit re-parses one file; the rest are reused).
 *
 * What makes it cheap (see the engine design notes): no default library, no `@types`, and a
 * module resolver that answers only relative and path-mapped imports. Bare package specifiers
 * (`aws-cdk-lib`, `constructs`, `@aws-sdk/*`) resolve to nothing, so `node_modules` is never
 * opened and `aws-cdk-lib`'s declaration files never load. Construct identity comes from import
 * declarations instead; the checker is used only to follow an imported constant to its
 * declaration in another project file.
 */
export class ProgramManager {
  private readonly roots = new Set<string>();
  private readonly service: ts.LanguageService;
  private readonly configs: TsconfigIndex;
  private snapshotCache = new Map<string, { version: string; snapshot: ts.IScriptSnapshot | undefined }>();
  /** Files TypeScript cannot parse or bind (see `getProgram`), by path → the version that failed. */
  private readonly tooDeep = new Map<string, string>();
  /** Files found parseable while looking for one that is not, by path → version. */
  private readonly parseable = new Map<string, string>();

  constructor(private readonly host: SourceHost) {
    this.configs = new TsconfigIndex(host);
    const serviceHost: ts.LanguageServiceHost = {
      getCompilationSettings: () => COMPILER_OPTIONS,
      getScriptFileNames: () => [...this.roots],
      getScriptVersion: (file) => this.scriptVersion(normalizePath(file)),
      getScriptSnapshot: (file) => this.snapshot(normalizePath(file)),
      getCurrentDirectory: () => '/',
      getDefaultLibFileName: () => '/__no_lib__.d.ts',
      fileExists: (file) => this.fileExists(file),
      readFile: (file) => (this.fileExists(file) ? this.host.readFile(normalizePath(file)) : undefined),
      directoryExists: (dir) => !isInIgnoredDirectory(dir) && this.host.directoryExists(normalizePath(dir)),
      getDirectories: () => [],
      useCaseSensitiveFileNames: () => true,
      resolveModuleNameLiterals: (literals, containingFile) =>
        literals.map((literal) => this.resolveModule(literal.text, normalizePath(containingFile))),
    };
    this.service = ts.createLanguageService(serviceHost, ts.createDocumentRegistry(true, '/'));
  }

  setRoots(files: Iterable<string>): void {
    const next = new Set([...files].map(normalizePath));
    if (next.size === this.roots.size && [...next].every((f) => this.roots.has(f))) return;
    this.roots.clear();
    for (const f of next) this.roots.add(f);
  }

  addRoot(file: string): void {
    const f = normalizePath(file);
    if (this.roots.has(f)) return;
    this.roots.add(f);
  }

  removeRoot(file: string): void {
    this.roots.delete(normalizePath(file));
  }

  hasRoot(file: string): boolean {
    return this.roots.has(normalizePath(file));
  }

  /** Call after files changed on disk (or a tsconfig changed) outside the host's versioning. */
  invalidate(): void {
    this.snapshotCache.clear();
    this.configs.clear();
  }

  /**
   * The program over the roots. A file nested thousands of levels deep (generated or minified
   * code, a fuzzer's output) exhausts the stack of TypeScript's recursive parser or binder, and
   * one such file would fail every program that contains it: it is found, given to the service
   * as empty text from then on (until it changes), and the program is built again.
   */
  getProgram(): ts.Program {
    for (;;) {
      let program: ts.Program | undefined;
      try {
        program = this.service.getProgram();
      } catch (error) {
        if (error instanceof RangeError && this.setAsideTooDeep()) continue;
        throw error;
      }
      if (!program) throw new Error('TypeScript language service returned no program');
      return program;
    }
  }

  /** True when the file's current text is one TypeScript cannot parse or bind (see `getProgram`). */
  isTooDeep(file: string): boolean {
    const f = normalizePath(file);
    return this.tooDeep.get(f) === this.host.version(f);
  }

  dispose(): void {
    this.service.dispose();
  }

  private fileExists(file: string): boolean {
    const f = normalizePath(file);
    if (isInIgnoredDirectory(f)) return false;
    return this.host.fileExists(f);
  }

  private scriptVersion(file: string): string {
    const version = this.host.version(file);
    return this.tooDeep.get(file) === version ? `${version}:too-deep` : version;
  }

  private snapshot(file: string): ts.IScriptSnapshot | undefined {
    const version = this.host.version(file);
    if (this.tooDeep.get(file) === version) return EMPTY_SNAPSHOT;
    const cached = this.snapshotCache.get(file);
    if (cached && cached.version === version) return cached.snapshot;
    const text = isInIgnoredDirectory(file) ? undefined : this.host.readFile(file);
    const snapshot = text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    // Newest last: the file the service read last is the first suspect when it fails.
    this.snapshotCache.delete(file);
    this.snapshotCache.set(file, { version, snapshot });
    return snapshot;
  }

  /**
   * After the service ran out of stack: find the file responsible, newest first (the parser fails
   * on the file it has just read), checking each file version once. False when none is found.
   */
  private setAsideTooDeep(): boolean {
    for (const [file, { version, snapshot }] of [...this.snapshotCache].reverse()) {
      if (!snapshot || this.tooDeep.get(file) === version || this.parseable.get(file) === version) continue;
      if (tooDeepForTypeScript(file, snapshot.getText(0, snapshot.getLength()))) {
        this.tooDeep.set(file, version);
        return true;
      }
      this.parseable.set(file, version);
    }
    return false;
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

const EMPTY_SNAPSHOT = ts.ScriptSnapshot.fromString('');

/**
 * Deeper syntax trees than this are set aside: TypeScript's binder recurses once per level and
 * runs out of stack a little above 1,800 levels (its parser, on some nestings, well before;
 * that failure is caught here directly). Hand-written code stays far below either.
 */
const MAX_TREE_DEPTH = 1000;

function tooDeepForTypeScript(file: string, text: string): boolean {
  let sf: ts.SourceFile;
  try {
    sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false);
  } catch (error) {
    if (error instanceof RangeError) return true;
    throw error;
  }
  // Iteratively: this tree may be too deep to walk recursively.
  const stack: Array<[ts.Node, number]> = [[sf, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_TREE_DEPTH) return true;
    ts.forEachChild(node, (child) => {
      stack.push([child, depth + 1]);
    });
  }
  return false;
}

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
