import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { packageRoot } from '../core/meta';

/** `aws-cdk-lib` is installed (a dev dependency): code we ship or test against can be compiled. */
export function hasCdkTypings(): boolean {
  return fs.existsSync(path.join(packageRoot(), 'node_modules', 'aws-cdk-lib', 'package.json'));
}

/** Declaration files parsed once per test run: every program here loads the same CDK typings. */
const parsed = new Map<string, ts.SourceFile | undefined>();

/**
 * Type-check virtual files (absolute path → text) in one program, so the CDK typings load once.
 * Place the files inside the package (e.g. beside the docs) so that `aws-cdk-lib` resolves from
 * the project's `node_modules`. Returns the problems as `file:line:col message`, base names only.
 */
export function typeCheck(files: Map<string, string>, overrides: ts.CompilerOptions = {}): string[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    strict: true,
    noUnusedLocals: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    ...overrides,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, language, ...rest) => {
    const text = files.get(name);
    if (text !== undefined) return ts.createSourceFile(name, text, language);
    const key = `${name}|${JSON.stringify(language)}`;
    if (!parsed.has(key)) parsed.set(key, getSourceFile.call(host, name, language, ...rest));
    return parsed.get(key);
  };
  host.fileExists = (name) => files.has(name) || fileExists.call(host, name);
  host.readFile = (name) => files.get(name) ?? readFile.call(host, name);
  const program = ts.createProgram([...files.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return text;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${path.basename(d.file.fileName)}:${line + 1}:${character + 1} ${text}`;
  });
}
