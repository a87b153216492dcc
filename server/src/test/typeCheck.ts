import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { packageRoot } from '../core/meta';

/**
 * Type-check virtual TypeScript files against the `aws-cdk-lib` the project is developed with:
 * rule-page examples and quick-fix outputs must compile where users paste or apply them. One
 * program for all the files, so the CDK typings load once.
 *
 * `files` maps paths relative to a scratch folder in `docs/rules/` to their text. Returns the
 * diagnostics as `file:line:col message`, or undefined when `aws-cdk-lib` is not installed.
 */
/** Parsed library files (`aws-cdk-lib`'s typings), shared by every call in one test run. */
const libraryFiles = new Map<string, ts.SourceFile | undefined>();

export function typeCheck(files: Map<string, string>, scratch = path.join('docs', 'rules', '.examples')): string[] | undefined {
  const root = packageRoot();
  if (!fs.existsSync(path.join(root, 'node_modules', 'aws-cdk-lib', 'package.json'))) return undefined;
  // Virtual files beside the pages, so `aws-cdk-lib` resolves from the project's node_modules.
  const virtual = new Map<string, string>();
  for (const [rel, text] of files) virtual.set(path.join(root, scratch, rel).replace(/\\/g, '/'), text);
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    strict: true,
    noUnusedLocals: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile, directoryExists } = host;
  host.getSourceFile = (name, language, ...rest) => {
    const text = virtual.get(name);
    if (text !== undefined) return ts.createSourceFile(name, text, language);
    if (!libraryFiles.has(name)) libraryFiles.set(name, getSourceFile.call(host, name, language, ...rest));
    return libraryFiles.get(name);
  };
  host.fileExists = (name) => virtual.has(name) || fileExists.call(host, name);
  host.directoryExists = (dir) => [...virtual.keys()].some((f) => f.startsWith(`${dir}/`)) || (directoryExists?.call(host, dir) ?? true);
  host.readFile = (name) => virtual.get(name) ?? readFile.call(host, name);
  const program = ts.createProgram([...virtual.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return text;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${path.relative(path.join(root, scratch), d.file.fileName).replace(/\\/g, '/')}:${line + 1}:${character + 1} ${text}`;
  });
}
