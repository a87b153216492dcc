#!/usr/bin/env node
// `npm run test:vscode`: the extension-host suite (client/src/test/) in a desktop VS Code that
// @vscode/test-electron downloads (machines that can reach update.code.visualstudio.com). The
// same suite runs inside code-server's extension host in `npm run test:e2e`.
//
//   SLSGUARD_VSCODE_VERSION=1.100.3   a version other than the latest stable
import { runTests } from '@vscode/test-electron';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'slsguard-vscode-'));
const workspace = path.join(temp, 'cdk-app');
fs.cpSync(path.join(ROOT, 'examples', 'cdk-app'), workspace, { recursive: true });
const resultFile = path.join(ROOT, 'test-results', 'vscode-result.json');
fs.mkdirSync(path.dirname(resultFile), { recursive: true });

try {
  await runTests({
    version: process.env.SLSGUARD_VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(ROOT, 'client', 'lib', 'test', 'index.js'),
    extensionTestsEnv: { SLSGUARD_TEST_RESULT: resultFile },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
  console.log(`extension-host suite passed; result in ${path.relative(ROOT, resultFile)}`);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`extension-host suite failed: ${message}`);
  if (/ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|update\.code\.visualstudio\.com/.test(message)) {
    console.error('VS Code could not be downloaded here. `npm run test:e2e` runs the same suite inside code-server.');
  }
  process.exitCode = 1;
} finally {
  fs.rmSync(temp, { recursive: true, force: true });
}
