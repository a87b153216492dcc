#!/usr/bin/env node
// `npm run bench`: how fast Serverless Guard is, measured on this machine.
//   1. cold scan: the CLI (a fresh process) on generated projects of N files, median of runs;
//   2. edit → diagnostics: the language server over stdio, a 300-line stack inside the
//      1,000-file project, single-character edits each followed by a diagnostic pull;
//   3. hover: on the same warm server, hovers on that stack's constructs, props and calls.
// Results are printed as a table and written to bench/results.json. Nothing here asserts.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ensureProject, writeLargeStack } from './generate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const work = path.join(root, 'bench', '.work');
const cli = path.join(root, 'server', 'out', 'cli.js');
const args = process.argv.slice(2);
const sizes = (args.find((a) => a.startsWith('--sizes='))?.slice(8) ?? '100,1000').split(',').map(Number);
const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3);
const edits = Number(args.find((a) => a.startsWith('--edits='))?.slice(8) ?? 200);
const hovers = Number(args.find((a) => a.startsWith('--hovers='))?.slice(9) ?? 200);

if (!fs.existsSync(cli)) {
  console.error('bench: build first (npm run build)');
  process.exit(2);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

function coldScan(dir) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, 'scan', dir, '--format', 'json', '--output', path.join(work, 'scan.json')], { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`scan failed: ${r.stderr}`);
  const report = JSON.parse(fs.readFileSync(path.join(work, 'scan.json'), 'utf8'));
  return { ms, files: report.summary.files, findings: report.findings.length };
}

/** A fresh server with the 300-line stack open and analysed once; `measure` runs against it. */
async function onLargeStack(dir, measure) {
  const { TestClient } = require(path.join(root, 'server', 'lib', 'test', 'lspClient.js'));
  const file = writeLargeStack(dir);
  const rel = path.relative(dir, file);
  const { client } = await TestClient.start(dir);
  try {
    await client.open(rel);
    await client.items(rel);
    return await measure(client, rel, fs.readFileSync(file, 'utf8').split('\n'));
  } finally {
    await client.stop();
  }
}

function editLatency(dir) {
  return onLargeStack(dir, async (client, rel, text) => {
    const line = text.findIndex((l) => l.includes('super(scope, id, props);'));
    const samples = [];
    for (let i = 0; i < edits; i++) {
      const t0 = process.hrtime.bigint();
      // Type a comment one character at a time at the end of the constructor's first line.
      await client.insert(rel, line, text[line].length + i, i === 0 ? '/' : i === 1 ? '/' : 'x');
      await client.items(rel);
      samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return { p50: percentile(samples, 50), p95: percentile(samples, 95), edits: samples.length };
  });
}

/** Hovers on a warm server: each hover is one request on the open, analysed stack. */
function hoverLatency(dir) {
  return onLargeStack(dir, async (client, rel, text) => {
    // Construct heads, property names and method names: the places hover has cards for.
    const targets = [];
    text.forEach((source, line) => {
      for (const needle of ['new dynamodb.Table', 'new lambda.Function', 'new iam.PolicyStatement', 'environment:', 'addToRolePolicy', 'grantReadWriteData']) {
        const at = source.indexOf(needle);
        if (at >= 0) targets.push({ line, character: at + needle.length - 2 });
      }
    });
    const samples = [];
    let answered = 0;
    for (let i = 0; i < hovers; i++) {
      const { line, character } = targets[i % targets.length];
      const t0 = process.hrtime.bigint();
      if (await client.hover(rel, line, character)) answered++;
      samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return { p50: percentile(samples, 50), p95: percentile(samples, 95), hovers: samples.length, answered };
  });
}

const results = { machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version }, date: new Date().toISOString(), coldScan: [], editLatency: undefined, hoverLatency: undefined };

for (const n of sizes) {
  const dir = path.join(work, `project-${n}`);
  ensureProject(dir, n);
  coldScan(dir); // warm the disk cache; not counted
  const times = [];
  let last;
  for (let i = 0; i < runs; i++) {
    last = coldScan(dir);
    times.push(last.ms);
  }
  const ms = median(times);
  results.coldScan.push({ files: last.files, findings: last.findings, medianMs: Math.round(ms), filesPerSecond: Math.round((last.files / ms) * 1000), runs });
}

const latencyDir = path.join(work, 'project-1000');
ensureProject(latencyDir, 1000);
results.editLatency = await editLatency(latencyDir);
results.hoverLatency = await hoverLatency(latencyDir);

console.log(`\nServerless Guard benchmark — ${results.machine.cpus} cores, ${results.machine.cpuModel}, node ${results.machine.node}\n`);
console.log('cold scan (CLI, fresh process)        files   median ms   files/s');
for (const r of results.coldScan) console.log(`  generated project                  ${String(r.files).padStart(6)}  ${String(r.medianMs).padStart(10)}  ${String(r.filesPerSecond).padStart(8)}`);
const e = results.editLatency;
console.log(`\nedit → diagnostics (server, 300-line stack in 1,000 files, ${e.edits} edits)`);
console.log(`  p50 ${e.p50.toFixed(1)} ms   p95 ${e.p95.toFixed(1)} ms`);
const h = results.hoverLatency;
console.log(`\nhover (warm server, same stack, ${h.hovers} hovers, ${h.answered} with a card)`);
console.log(`  p50 ${h.p50.toFixed(1)} ms   p95 ${h.p95.toFixed(1)} ms`);
fs.writeFileSync(path.join(root, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');
console.log('\nwritten to bench/results.json');
