/**
 * The extension-host test suite's entry point: VS Code (under `@vscode/test-electron`) or a
 * code-server workbench opened with `extensionTestsPath` loads this module in the extension
 * host and calls `run()`. The result is also written as JSON (to `$SLSGUARD_TEST_RESULT`, or
 * `.slsguard-test-result.json` in the first workspace folder) for drivers that cannot see the
 * extension host's exit code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export const RESULT_ENV = 'SLSGUARD_TEST_RESULT';
export const RESULT_FILE = '.slsguard-test-result.json';

export interface SuiteResult {
  vscodeVersion: string;
  passes: number;
  failures: number;
  pending: number;
  tests: Array<{ title: string; state: 'passed' | 'failed' | 'pending'; error?: string }>;
}

function resultPath(): string | undefined {
  const fromEnv = process.env[RESULT_ENV];
  if (fromEnv) return fromEnv;
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder?.uri.scheme === 'file' ? path.join(folder.uri.fsPath, RESULT_FILE) : undefined;
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false });
  const suiteDir = path.join(__dirname, 'suite');
  for (const file of fs.readdirSync(suiteDir).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(suiteDir, file));
  }
  const result: SuiteResult = { vscodeVersion: vscode.version, passes: 0, failures: 0, pending: 0, tests: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const file = resultPath();
      if (file) {
        // Written whole, then renamed: a driver polling for the file never reads half of it.
        fs.writeFileSync(`${file}.partial`, JSON.stringify(result, null, 2));
        fs.renameSync(`${file}.partial`, file);
      }
      if (failures > 0) reject(new Error(`${failures} extension-host tests failed`));
      else resolve();
    });
    runner.on('pass', (test) => {
      result.passes++;
      result.tests.push({ title: test.fullTitle(), state: 'passed' });
    });
    runner.on('fail', (test, error: Error) => {
      result.failures++;
      result.tests.push({ title: test.fullTitle(), state: 'failed', error: error.stack ?? String(error) });
    });
    runner.on('pending', (test) => {
      result.pending++;
      result.tests.push({ title: test.fullTitle(), state: 'pending' });
    });
  });
}
