import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import * as ts from 'typescript';
import { packageRoot } from '../core/meta';
import { AMBIENT_MODULES } from './ambientModules';

/**
 * The one way tests type-check code: rule-page examples, guide samples, snippets, fixtures and
 * every quick fix's output must compile where users paste or apply them, against the
 * `aws-cdk-lib`, `constructs`, `@types/aws-lambda` and `@types/node` the project is developed
 * with, and the declarations of `ambientModules.ts` for runtime packages it does not install.
 *
 * Loading the CDK's typings is nearly all of the cost, so test files register their code while
 * mocha collects the tests (`typeCheckLater`), and the first test that asks for results builds
 * ONE program for everything registered by then; code registered later gets the next program.
 * Parsed library files are shared by every program of the run.
 */

const ROOT = packageRoot().replace(/\\/g, '/');

/** Whether `aws-cdk-lib` is installed (a fresh clone before `npm install` is not). */
export function hasCdkTypings(): boolean {
  return fs.existsSync(path.join(ROOT, 'node_modules', 'aws-cdk-lib', 'package.json'));
}

/** What CDK apps and Lambda handlers are compiled with: strict, CommonJS, Node types, JavaScript checked too. */
export const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  // Every file is a module: code registered by different tests never shares a global scope.
  moduleDetection: ts.ModuleDetectionKind.Force,
  esModuleInterop: true,
  strict: true,
  noUnusedLocals: true,
  allowJs: true,
  checkJs: true,
  noEmit: true,
  skipLibCheck: true,
  types: ['node'],
};

/** Diagnostics `noUnusedLocals` adds, dropped for code that may declare what it does not use yet. */
const UNUSED_CODES = new Set([6133, 6138, 6192, 6196, 6198, 6199, 6205]);

export interface TypeCheckOptions {
  /** Folder (absolute, or relative to the package root) that relative file names are placed in,
   * and that reported names are relative to. Default `docs/rules/.examples`. */
  scratch?: string;
  /** Report unused declarations (default true). */
  noUnusedLocals?: boolean;
  /** Imports of packages that are neither installed nor declared in `ambientModules.ts` are
   * untyped (`any`) instead of errors: for documentation that names any package. */
  untypedImports?: boolean;
}

export interface TypeCheckResult {
  /** Problems of the registered files, as `name:line:column message` (names relative to the
   * scratch folder, else base names), plus any problem of the program as a whole. */
  problems(): string[];
  /** `line:column message` by virtual path; problems of the program as a whole under `(global)`. */
  byFile(): Map<string, string[]>;
}

interface Registration {
  files: Map<string, string>;
  scratch: string;
  noUnusedLocals: boolean;
  untypedImports: boolean;
  batch?: Batch;
  result?: Map<string, string[]>;
}

interface Batch {
  program: ts.Program;
  /** Modules declared untyped for registrations that asked for it. */
  untyped: Set<string>;
}

const libraryFiles = new Map<string, ts.SourceFile | undefined>();
let pending: Registration[] = [];

const AMBIENT_FILE = `${ROOT}/.type-check/ambient-modules.d.ts`;
const UNTYPED_FILE = `${ROOT}/.type-check/untyped-modules.d.ts`;

/** Register files now; they are compiled with everything else registered when a result is first asked for. */
export function typeCheckLater(files: Map<string, string>, options: TypeCheckOptions = {}): TypeCheckResult {
  const scratch = path.resolve(ROOT, options.scratch ?? path.join('docs', 'rules', '.examples')).replace(/\\/g, '/');
  const virtual = new Map<string, string>();
  for (const [name, text] of files) virtual.set((path.isAbsolute(name) ? name : path.join(scratch, name)).replace(/\\/g, '/'), text);
  for (const other of pending) {
    for (const [file, text] of virtual) {
      if (other.files.has(file) && other.files.get(file) !== text) throw new Error(`${file} is registered twice with different text`);
    }
  }
  const registration: Registration = {
    files: virtual,
    scratch,
    noUnusedLocals: options.noUnusedLocals ?? true,
    untypedImports: options.untypedImports ?? false,
  };
  pending.push(registration);
  return {
    problems: () => {
      const byFile = resultOf(registration);
      return [...byFile].flatMap(([file, list]) => list.map((p) => (file === GLOBAL ? p : `${displayName(registration, file)}:${p}`)));
    },
    byFile: () => resultOf(registration),
  };
}

/** Type-check files right away (in a program of their own, with whatever else is pending). */
export function typeCheck(files: Map<string, string>, options: TypeCheckOptions = {}): string[] {
  return typeCheckLater(files, options).problems();
}

const GLOBAL = '(global)';

function displayName(r: Registration, file: string): string {
  return file.startsWith(`${r.scratch}/`) ? file.slice(r.scratch.length + 1) : path.basename(file);
}

function resultOf(r: Registration): Map<string, string[]> {
  if (r.result) return r.result;
  if (!r.batch) build();
  const { program, untyped } = r.batch!;
  const out = new Map<string, string[]>();
  const format = (sf: ts.SourceFile, d: ts.Diagnostic) => {
    const { line, character } = sf.getLineAndCharacterOfPosition(d.start ?? 0);
    return `${line + 1}:${character + 1} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  };
  for (const [file, text] of r.files) {
    const sf = program.getSourceFile(file);
    if (!sf) {
      out.set(file, ['not in the program']);
      continue;
    }
    const diagnostics = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)].filter(
      (d) => r.noUnusedLocals || !UNUSED_CODES.has(d.code),
    );
    const list = diagnostics.map((d) => format(sf, d));
    // Typed code must not lean on a module some other test declared untyped.
    if (!r.untypedImports) {
      for (const m of importsOf(text)) if (untyped.has(m)) list.push(`1:1 '${m}' has no declarations (add them to ambientModules.ts)`);
    }
    out.set(file, list);
  }
  // Problems of the program as a whole (an option, a lib, the shared declarations) would hide
  // behind every file: every registration reports them.
  const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()].map((d) =>
    ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  );
  for (const shared of [AMBIENT_FILE, UNTYPED_FILE]) {
    const sf = program.getSourceFile(shared);
    if (sf) global.push(...program.getSemanticDiagnostics(sf).map((d) => `${path.basename(shared)}:${format(sf, d)}`));
  }
  if (global.length) out.set(GLOBAL, global);
  r.result = out;
  return out;
}

/** One program for every pending registration. */
function build(): void {
  const batch = pending;
  pending = [];
  const all = new Map<string, string>();
  for (const r of batch) for (const [file, text] of r.files) all.set(file, text);
  all.set(AMBIENT_FILE, ambientDeclarations());
  const untyped = new Set<string>();
  for (const r of batch.filter((x) => x.untypedImports)) {
    for (const [file, text] of r.files) for (const m of importsOf(text)) if (!isDeclared(m, file)) untyped.add(m);
  }
  if (untyped.size)
    all.set(
      UNTYPED_FILE,
      [...untyped]
        .sort()
        .map((m) => `declare module '${m}';`)
        .join('\n') + '\n',
    );

  const host = ts.createCompilerHost(COMPILER_OPTIONS);
  const { getSourceFile, fileExists, readFile, directoryExists } = host;
  host.getSourceFile = (name, language, ...rest) => {
    const text = all.get(name);
    if (text !== undefined) return ts.createSourceFile(name, text, language);
    const key = `${name}|${JSON.stringify(language)}`;
    if (!libraryFiles.has(key)) libraryFiles.set(key, getSourceFile.call(host, name, language, ...rest));
    return libraryFiles.get(key);
  };
  host.fileExists = (name) => all.has(name) || fileExists.call(host, name);
  host.directoryExists = (dir) => [...all.keys()].some((f) => f.startsWith(`${dir}/`)) || (directoryExists?.call(host, dir) ?? true);
  host.readFile = (name) => all.get(name) ?? readFile.call(host, name);
  const program = ts.createProgram([...all.keys()], COMPILER_OPTIONS, host);
  for (const r of batch) r.batch = { program, untyped };
}

/** The declarations of `ambientModules.ts` for the packages that are not installed. */
function ambientDeclarations(): string {
  return Object.entries(AMBIENT_MODULES)
    .filter(([module]) => !isInstalled(module))
    .map(([module, body]) => `declare module '${module}' {${body}\n}\n`)
    .join('\n');
}

const installed = new Map<string, boolean>();

/** The package resolves from the project (its own typings or `@types`). */
export function isInstalled(module: string): boolean {
  let yes = installed.get(module);
  if (yes === undefined) {
    yes = ts.resolveModuleName(module, `${ROOT}/index.ts`, COMPILER_OPTIONS, ts.sys).resolvedModule !== undefined;
    installed.set(module, yes);
  }
  return yes;
}

/** Node built-ins, installed packages, and the packages `ambientModules.ts` declares. */
export function isDeclared(module: string, from: string): boolean {
  if (module.startsWith('.') || module.startsWith('node:') || builtinModules.includes(module)) return true;
  return (
    module in AMBIENT_MODULES ||
    isInstalled(module) ||
    ts.resolveModuleName(module, from, COMPILER_OPTIONS, ts.sys).resolvedModule !== undefined
  );
}

/** The modules a file imports or requires. */
export function importsOf(code: string): string[] {
  return ts.preProcessFile(code, true, true).importedFiles.map((f) => f.fileName);
}
