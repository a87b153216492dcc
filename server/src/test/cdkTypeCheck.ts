import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { packageRoot } from '../core/meta';

/**
 * Type-checks documentation examples (rule pages, the practices guide) against the `aws-cdk-lib`
 * this repository is developed with. Loading the CDK's typings is nearly all of the cost, so the
 * test files register their examples while mocha collects the tests, and the first check builds
 * one program for all of them.
 */

export const CDK_INSTALLED = fs.existsSync(path.join(packageRoot(), 'node_modules', 'aws-cdk-lib', 'package.json'));

export const TYPE_CHECK_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  strict: true,
  noUnusedLocals: true,
  noEmit: true,
  skipLibCheck: true,
  esModuleInterop: true,
  types: ['node'],
};

const examples = new Map<string, string>();
let problems: Map<string, string[]> | undefined;

/** Add an example under a virtual file name (an absolute path beside the docs, so packages resolve). */
export function registerExample(file: string, code: string): void {
  examples.set(file.replace(/\\/g, '/'), code);
  problems = undefined;
}

/** Type errors in these registered examples, as `file:line:col message`. */
export function typeProblems(files: string[]): string[] {
  problems ??= check();
  return [...(problems.get('') ?? []), ...files.flatMap((f) => problems!.get(f.replace(/\\/g, '/')) ?? [])];
}

function check(): Map<string, string[]> {
  const host = ts.createCompilerHost(TYPE_CHECK_OPTIONS);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, language, ...rest) => {
    const text = examples.get(name);
    return text !== undefined ? ts.createSourceFile(name, text, language) : getSourceFile.call(host, name, language, ...rest);
  };
  host.fileExists = (name) => examples.has(name) || fileExists.call(host, name);
  host.readFile = (name) => examples.get(name) ?? readFile.call(host, name);
  const program = ts.createProgram([...examples.keys()], TYPE_CHECK_OPTIONS, host);
  const out = new Map<string, string[]>();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    const key = d.file && examples.has(d.file.fileName) ? d.file.fileName : '';
    let message = text;
    if (d.file && d.start !== undefined) {
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      message = `${path.basename(d.file.fileName)}:${line + 1}:${character + 1} ${text}`;
    }
    let list = out.get(key);
    if (!list) out.set(key, (list = []));
    list.push(message);
  }
  return out;
}
