#!/usr/bin/env node
// The script the GitHub Action (action.yml) runs: `slsguard scan` with the action's inputs,
// SARIF written where asked, and the job failed at the chosen severity. It reads the inputs
// from INPUT_* variables (action.yml passes them), so a test runs it as the action does.
// Exit codes: 0 nothing at or above fail-on, 1 findings at or above it, 2 the scan could not
// run in full (usage error, unreadable path, incomplete analysis, unusable baseline).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'server', 'out', 'cli.js');
const LEVELS = { error: ['error'], warning: ['error', 'warning'], info: ['error', 'warning', 'note'], none: [] };

function input(name, fallback = '') {
  const value = process.env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`];
  return value === undefined || value.trim() === '' ? fallback : value.trim();
}

function output(name, value) {
  if (process.env.GITHUB_OUTPUT) fs.appendFileSync(process.env.GITHUB_OUTPUT, `${name}=${value}\n`);
}

const failOn = input('fail-on', 'error');
if (!(failOn in LEVELS)) {
  console.error(`slsguard action: fail-on must be one of ${Object.keys(LEVELS).join(', ')}, not '${failOn}'`);
  process.exit(2);
}
const sarif = input('sarif', 'slsguard.sarif');
const args = ['scan', ...input('paths', '.').split(/\s+/), '--format', 'sarif', '--output', sarif];
for (const flag of ['shard', 'baseline', 'config']) if (input(flag)) args.push(`--${flag}`, input(flag));

const run = spawnSync(process.execPath, [cli, ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
// 0 and 1 are "scanned": findings are judged below. Anything else leaves no report to trust.
if (run.status !== 0 && run.status !== 1) process.exit(2);
const log = JSON.parse(fs.readFileSync(sarif, 'utf8'));
const results = log.runs.flatMap((r) => r.results ?? []).filter((r) => !r.suppressions?.length);
const failing = results.filter((r) => LEVELS[failOn].includes(r.level ?? 'warning'));
output('findings', results.length);
output('sarif', sarif);
const summary = `Serverless Guard: ${results.length} finding${results.length === 1 ? '' : 's'}, ${failing.length} at or above fail-on (${failOn}). SARIF: ${sarif}`;
console.log(summary);
if (process.env.GITHUB_STEP_SUMMARY) fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${summary}\n`);
process.exit(failing.length > 0 ? 1 : 0);
