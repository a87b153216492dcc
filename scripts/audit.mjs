#!/usr/bin/env node
// `npm run audit`: `npm audit --omit=dev`, the dependencies that run in users' editors and CI
// (they ship inside the .vsix and the CLI bundle). Prints npm's report and a one-line summary,
// and fails on any high or critical vulnerability.
//
// When the registry cannot answer audits (a mirror that serves packages only), the step says
// so and passes, since it has nothing to judge by; SLSGUARD_AUDIT_REQUIRED=1 makes that a failure.
import { spawnSync } from 'node:child_process';

const npm = (args) => spawnSync('npm', ['audit', '--omit=dev', ...args], { encoding: 'utf8', shell: process.platform === 'win32' });

const json = npm(['--json']);
let report;
try {
  report = JSON.parse(json.stdout);
} catch {
  report = undefined;
}
const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  const reason = report?.message ?? report?.error?.summary ?? (json.stderr.trim().split('\n').pop() || `exit ${json.status}`);
  console.log(`== npm audit --omit=dev: NOT RUN, the registry gave no audit report (${reason})`);
  process.exit(process.env.SLSGUARD_AUDIT_REQUIRED === '1' ? 1 : 0);
}

const text = npm([]);
process.stdout.write(text.stdout);
const serious = (counts.high ?? 0) + (counts.critical ?? 0);
const summary = ['critical', 'high', 'moderate', 'low', 'info'].map((level) => `${counts[level] ?? 0} ${level}`).join(', ');
console.log(`== npm audit --omit=dev: ${summary} (${report.metadata.dependencies?.prod ?? '?'} runtime dependencies)`);
if (serious > 0) {
  console.error(`== ${serious} high or critical vulnerabilities in runtime dependencies: update them (npm audit fix --omit=dev) or replace them`);
  process.exit(1);
}
