import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { packageRoot } from '../core/meta';

/**
 * Type-checking code against the `aws-cdk-lib` the project is developed with: rule-page examples
 * and the code quick fixes produce must compile where users paste or apply them. One program per
 * call; the library's parsed typings are shared by every call in a test run.
 */

/** Whether `aws-cdk-lib` is installed (a fresh clone before `npm install` is not). */
export function hasCdkTypings(): boolean {
  return fs.existsSync(path.join(packageRoot(), 'node_modules', 'aws-cdk-lib', 'package.json'));
}

const libraryFiles = new Map<string, ts.SourceFile | undefined>();

export interface TypeCheckOptions {
  /** Folder (absolute, or relative to the package root) that relative file names are placed in,
   * and that reported names are relative to. */
  scratch?: string;
  noUnusedLocals?: boolean;
  /** Extra compiler options (e.g. `types: ['node']` for handler code). */
  compilerOptions?: ts.CompilerOptions;
}

/**
 * Problems in virtual files, as `name:line:column message`. Keys are absolute paths inside the
 * package, or paths relative to `scratch` (default `docs/rules/.examples`), so that `aws-cdk-lib`
 * resolves from the package's node_modules.
 */
export function typeCheck(files: Map<string, string>, options: TypeCheckOptions = {}): string[] {
  const root = packageRoot();
  const scratch = path.resolve(root, options.scratch ?? path.join('docs', 'rules', '.examples')).replace(/\\/g, '/');
  const virtual = new Map<string, string>();
  for (const [name, text] of files) virtual.set((path.isAbsolute(name) ? name : path.join(scratch, name)).replace(/\\/g, '/'), text);
  const compilerOptions: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    strict: true,
    noUnusedLocals: options.noUnusedLocals ?? true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    ...options.compilerOptions,
  };
  const host = ts.createCompilerHost(compilerOptions);
  const { getSourceFile, fileExists, readFile, directoryExists } = host;
  host.getSourceFile = (name, language, ...rest) => {
    const text = virtual.get(name);
    if (text !== undefined) return ts.createSourceFile(name, text, language);
    const key = `${name}|${JSON.stringify(language)}`;
    if (!libraryFiles.has(key)) libraryFiles.set(key, getSourceFile.call(host, name, language, ...rest));
    return libraryFiles.get(key);
  };
  host.fileExists = (name) => virtual.has(name) || fileExists.call(host, name);
  host.directoryExists = (dir) => [...virtual.keys()].some((f) => f.startsWith(`${dir}/`)) || (directoryExists?.call(host, dir) ?? true);
  host.readFile = (name) => virtual.get(name) ?? readFile.call(host, name);
  const program = ts.createProgram([...virtual.keys()], compilerOptions, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return text;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    const name = d.file.fileName.startsWith(`${scratch}/`) ? path.relative(scratch, d.file.fileName) : path.basename(d.file.fileName);
    return `${name.replace(/\\/g, '/')}:${line + 1}:${character + 1} ${text}`;
  });
}
