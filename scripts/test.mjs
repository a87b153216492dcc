#!/usr/bin/env node
// `npm test`: builds, then runs the whole suite (unit, rule, protocol and CLI tests).
import { spawnSync } from 'node:child_process';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run('npm', ['run', '-s', 'build']);
run('npm', ['run', '-s', 'lint']);
run(process.execPath, ['node_modules/mocha/bin/mocha.js']);
