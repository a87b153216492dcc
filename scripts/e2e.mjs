#!/usr/bin/env node
// `npm run test:e2e`: the end-to-end tests in a real VS Code. Packages the extension, then runs
// e2e/lib/workbench/*.test.js: the .vsix installed into code-server and driven in Chromium, and
// the extension-host suite (client/src/test/) inside code-server's extension host.
//
//   --no-package   use the .vsix and build already there (`npm test` packages just before)
//
// Needs code-server in .vscode-test/ (`npm run provision:vscode`) and Chromium.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_SERVER_VERSION, isProvisioned } from './provision-vscode.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CHROMIUM = process.env.SLSGUARD_CHROMIUM ?? '/usr/bin/chromium';

/** What this machine lacks to run the end-to-end tests, with how to get it; empty when ready. */
export function missingForE2e() {
  const missing = [];
  if (!fs.existsSync(CHROMIUM)) missing.push(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set SLSGUARD_CHROMIUM)`);
  if (!isProvisioned()) missing.push(`code-server ${CODE_SERVER_VERSION} not provisioned (npm run provision:vscode)`);
  return missing;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const missing = missingForE2e();
  if (missing.length > 0) {
    console.error(`test:e2e cannot run here:\n  - ${missing.join('\n  - ')}`);
    process.exit(1);
  }
  const started = Date.now();
  if (!process.argv.includes('--no-package')) run('npm', ['run', '-s', 'package']);
  run(process.execPath, [path.join('node_modules', 'mocha', 'bin', 'mocha.js'), '--config', path.join('e2e', '.mocharc.json')]);
  console.log(`e2e: done in ${((Date.now() - started) / 1000).toFixed(0)} s; screenshots in test-results/e2e/`);
}
