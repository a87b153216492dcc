import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { packageRoot } from '../core/meta';

/**
 * Type-checking code the project hands to users (documentation examples, quick-fix output)
 * against the `aws-cdk-lib` it is developed with. The files are virtual: they live in memory at
 * paths under the package root, so `aws-cdk-lib` resolves from the project's node_modules.
 */

export function cdkInstalled(): boolean {
  return fs.existsSync(path.join(packageRoot(), 'node_modules', 'aws-cdk-lib', 'package.json'));
}

export const STRICT_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
};

const libraryFiles = new Map<string, ts.SourceFile>();

/**
 * Compile the files (absolute path → text) in one program: the CDK typings load once. Returns
 * one line per problem, `<path relative to base>:<line>:<col> <message>`.
 */
export function typeCheck(files: Map<string, string>, base: string, options: ts.CompilerOptions = STRICT_OPTIONS): string[] {
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, language, ...rest) => {
    const text = files.get(name);
    if (text !== undefined) return ts.createSourceFile(name, text, language);
    // The CDK typings are parsed once per test run, however many programs use them.
    let sf = libraryFiles.get(name);
    if (!sf) {
      sf = getSourceFile.call(host, name, language, ...rest);
      if (sf) libraryFiles.set(name, sf);
    }
    return sf;
  };
  host.fileExists = (name) => files.has(name) || fileExists.call(host, name);
  // Module resolution looks for directories before files: the virtual ones exist too.
  const directoryExists = host.directoryExists?.bind(host);
  host.directoryExists = (dir) => [...files.keys()].some((f) => f.startsWith(`${dir.replace(/\/$/, '')}/`)) || (directoryExists?.(dir) ?? false);
  host.readFile = (name) => files.get(name) ?? readFile.call(host, name);
  const program = ts.createProgram([...files.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return text;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${path.relative(base, d.file.fileName).replace(/\\/g, '/')}:${line + 1}:${character + 1} ${text}`;
  });
}
