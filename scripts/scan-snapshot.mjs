#!/usr/bin/env node
// Records what the CLI prints for the bundled examples and fixtures, or compares a new run with
// a recorded one: the check that a refactoring kept behaviour.
//
//   node scripts/scan-snapshot.mjs --write <dir>     record (after `npm run build`)
//   node scripts/scan-snapshot.mjs --compare <dir>   exit 1 on any difference
//
// Text output must be the same byte for byte. JSON and SARIF are compared as data, apart from
// timings and the fields listed in IGNORED_KEYS (fields a change may add on purpose).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const TARGETS = [
  'examples/cdk-app',
  'examples/hover-tour',
  'server/src/test/fixtures',
  'server/src/core/checklist/fixtures',
];
const RUNS = [
  { cmd: 'scan', format: 'text' },
  { cmd: 'scan', format: 'json' },
  { cmd: 'scan', format: 'sarif' },
  { cmd: 'checklist', format: 'text' },
  { cmd: 'checklist', format: 'json' },
];
const IGNORED_KEYS = new Set(['messageId', 'durationMs']);

const [mode, dir] = process.argv.slice(2);
if (!['--write', '--compare'].includes(mode) || !dir) {
  console.error('usage: scan-snapshot.mjs --write|--compare <dir>');
  process.exit(2);
}

function run(target, { cmd, format }) {
  const r = spawnSync(process.execPath, ['server/out/cli.js', cmd, target, '--format', format], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  // SARIF names the checkout's absolute path: recorded as <root>, so any checkout compares.
  const text = `exit ${r.status}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
  return text.split(pathToFileURL(process.cwd()).href).join('file://<root>').split(process.cwd()).join('<root>');
}

function strip(value) {
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) if (!IGNORED_KEYS.has(k)) out[k] = strip(v);
    return out;
  }
  return value;
}

function normalise(output, format) {
  if (format === 'text') return output.replace(/\(\d+(\.\d+)? ?m?s\)/g, '(<time>)');
  const body = output.split('\n--- stdout\n')[1]?.split('--- stderr\n')[0] ?? '';
  try {
    return JSON.stringify(strip(JSON.parse(body)), null, 1);
  } catch {
    return output;
  }
}

let differences = 0;
if (mode === '--write') mkdirSync(dir, { recursive: true });
for (const target of TARGETS) {
  if (!existsSync(target)) continue;
  for (const runSpec of RUNS) {
    const name = `${target.replace(/[/]/g, '_')}.${runSpec.cmd}.${runSpec.format}.txt`;
    const output = run(target, runSpec);
    if (mode === '--write') {
      writeFileSync(join(dir, name), output);
      continue;
    }
    const before = readFileSync(join(dir, name), 'utf8');
    const a = normalise(before, runSpec.format);
    const b = normalise(output, runSpec.format);
    if (a !== b) {
      differences += 1;
      writeFileSync(join(dir, `${name}.new`), output);
      console.error(`differs: ${name} (new output in ${join(dir, name)}.new)`);
    }
  }
}
if (mode === '--compare') {
  console.log(differences === 0 ? 'scan output unchanged' : `${differences} outputs differ`);
  process.exit(differences === 0 ? 0 : 1);
}
