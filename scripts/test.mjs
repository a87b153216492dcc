#!/usr/bin/env node
// `npm test`: builds, then runs the whole suite: unit, rule, protocol and CLI tests; the .vsix
// (packaged, then its contents checked and its server run); and the end-to-end tests in a real
// VS Code when this machine has Chromium and the provisioned code-server (SLSGUARD_E2E=1 makes
// their absence an error, as in CI).
import { spawnSync } from 'node:child_process';
import { missingForE2e } from './e2e.mjs';

const mocha = 'node_modules/mocha/bin/mocha.js';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run('npm', ['run', '-s', 'build']);
run('npm', ['run', '-s', 'lint']);
run(process.execPath, [mocha]);
run('npm', ['run', '-s', 'package']);
run(process.execPath, [mocha, '--config', 'e2e/.mocharc.package.json']);

const missing = missingForE2e();
if (missing.length === 0) {
  run(process.execPath, ['scripts/e2e.mjs', '--no-package']);
} else if (process.env.SLSGUARD_E2E === '1') {
  console.error(`end-to-end tests required (SLSGUARD_E2E=1) but cannot run:\n  - ${missing.join('\n  - ')}`);
  process.exit(1);
} else {
  console.log(`\nend-to-end tests SKIPPED: ${missing.join('; ')}.`);
}
