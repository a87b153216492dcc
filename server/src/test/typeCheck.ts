import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { packageRoot } from '../core/meta';

/**
 * Type-checking code against the `aws-cdk-lib` the project is developed with: the docs'
 * examples, and the code quick fixes produce. One program per call, so the CDK typings load once.
 */

/** Whether `aws-cdk-lib` is installed (a fresh clone before `npm install` is not). */
export function hasCdkTypings(): boolean {
  return fs.existsSync(path.join(packageRoot(), 'node_modules', 'aws-cdk-lib', 'package.json'));
}

/**
 * Problems in virtual files (absolute paths inside the package, so that `aws-cdk-lib` resolves
 * from its node_modules), as `name:line:column message`.
 */
export function typeCheck(files: Map<string, string>, options: { noUnusedLocals?: boolean } = {}): string[] {
  const compilerOptions: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    strict: true,
    noUnusedLocals: options.noUnusedLocals ?? true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(compilerOptions);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, language, ...rest) => {
    const text = files.get(name);
    return text !== undefined ? ts.createSourceFile(name, text, language) : getSourceFile.call(host, name, language, ...rest);
  };
  host.fileExists = (name) => files.has(name) || fileExists.call(host, name);
  host.readFile = (name) => files.get(name) ?? readFile.call(host, name);
  const program = ts.createProgram([...files.keys()], compilerOptions, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return text;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${path.basename(d.file.fileName)}:${line + 1}:${character + 1} ${text}`;
  });
}
