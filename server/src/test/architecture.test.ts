import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { packageRoot } from '../core/meta';
import { importsOf, sourceFiles } from './imports';

/**
 * Dependencies point one way: the client imports only `vscode` and `vscode-languageclient`;
 * the analysis core imports only `typescript` and Node, so the CLI, the server and the tests
 * share it; and TypeScript never loads in the extension host.
 */

const root = packageRoot();
const builtins = new Set(builtinModules);

function isBuiltin(spec: string): boolean {
  return spec.startsWith('node:') || builtins.has(spec);
}

/**
 * Plain-JavaScript packages the core may use besides TypeScript, each for one job and none with
 * a `vscode` dependency: `.slsguard.json` is JSON with comments (jsonc-parser, with exact error
 * offsets), checked against its schema (ajv), and its `ignore` / `handlers` globs are matched
 * with picomatch; its `placeholderPatterns` run on re2js (RE2 in plain JavaScript: linear time,
 * whatever pattern a workspace supplies). Python files are parsed by @lezer/python (with
 * @lezer/common, its tree): error-tolerant, synchronous, plain JavaScript (see model/python/).
 * Anything else in the core needs a reason added here.
 */
const CORE_PACKAGES = new Set(['jsonc-parser', 'ajv', 'picomatch', 're2js', '@lezer/python', '@lezer/common']);

describe('architecture', () => {
  it('the analysis core imports only typescript, Node, itself and the allowed config packages', () => {
    const coreDir = path.join(root, 'server', 'src', 'core');
    const testDir = path.join(root, 'server', 'src', 'test');
    const bad: string[] = [];
    for (const file of sourceFiles(coreDir)) {
      for (const spec of importsOf(file)) {
        if (isBuiltin(spec) || spec === 'typescript' || spec === 'sarif' || CORE_PACKAGES.has(spec)) continue;
        if (spec.startsWith('.')) {
          const target = path.resolve(path.dirname(file), spec);
          if (target.startsWith(coreDir + path.sep) || target === coreDir) continue;
          // Tests beside the rules use the shared test harness (which itself uses only the core).
          if (file.endsWith('.test.ts') && target.startsWith(testDir + path.sep)) continue;
        }
        bad.push(`${path.relative(root, file)} imports '${spec}'`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('the client imports only vscode, vscode-languageclient, Node and the shared protocol', () => {
    const clientDir = path.join(root, 'client', 'src');
    const sharedDir = path.join(root, 'shared', 'src');
    const bad: string[] = [];
    for (const file of sourceFiles(clientDir)) {
      for (const spec of importsOf(file)) {
        if (isBuiltin(spec) || spec === 'vscode' || spec === 'vscode-languageclient' || spec.startsWith('vscode-languageclient/')) continue;
        if (spec.startsWith('.')) {
          const target = path.resolve(path.dirname(file), spec);
          if (target.startsWith(clientDir + path.sep) || target.startsWith(sharedDir + path.sep)) continue;
        }
        // Test-only helpers of the extension-host suite may use mocha.
        if (file.includes(`${path.sep}test${path.sep}`) && (spec === 'mocha' || spec === 'glob')) continue;
        bad.push(`${path.relative(root, file)} imports '${spec}'`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('the shared protocol module imports nothing', () => {
    for (const file of sourceFiles(path.join(root, 'shared', 'src'))) assert.deepEqual(importsOf(file), [], file);
  });

  it('the extension bundle does not contain TypeScript', () => {
    const bundle = path.join(root, 'client', 'out', 'extension.js');
    assert.ok(fs.existsSync(bundle), 'build first');
    const text = fs.readFileSync(bundle, 'utf8');
    assert.ok(!text.includes('createSourceFile'), 'client/out/extension.js contains the TypeScript compiler');
    assert.ok(fs.statSync(bundle).size < 2_000_000, 'client bundle is unexpectedly large');
  });
});
