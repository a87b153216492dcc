#!/usr/bin/env node
// `npm run soak`: memory over time. The bundled server (server/out/server.js, over stdio) gets
// 10,000 edits to one file of a copy of examples/cdk-app, each followed by the pull for its
// diagnostics, as an editor sends them while someone types; every 50th edit also asks for a
// hover and the code actions there. Prints the server's resident memory after the first 100
// edits, every 1,000, and at the end, and whether the end is within 20% of the first figure.
// Exits 1 when it is not. The server runs with the node options the extension starts it with
// (SERVER_NODE_OPTIONS). A script, not a test: .ci/run runs it after the tests (about 20 s).
//
//   node scripts/soak.mjs [--edits N]
//
// Build first (npm run build): it drives server/out/server.js with the test client in server/lib.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { TestClient, extensionNodeOptions } = require(path.join(ROOT, 'server', 'lib', 'test', 'lspClient.js'));

const editsArg = process.argv.indexOf('--edits');
const EDITS = editsArg > 0 ? Number(process.argv[editsArg + 1]) : 10_000;
const BASELINE_AFTER = 100;
const TOLERANCE = 0.2;
const FILE = 'lib/orders-stack.ts';

/** Resident set size of a process, in MB (Linux: /proc; elsewhere: ps). */
function rssMb(pid) {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
    return kb / 1024;
  } catch {
    const { execFileSync } = require('node:child_process');
    return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
  }
}

/** The diagnostics of the current version; pulls the server cancelled as stale are asked again. */
async function pull(client) {
  for (;;) {
    try {
      const report = await client.diagnostics(FILE);
      if (report.kind === 'full') return report.items;
    } catch (error) {
      if (error?.code !== -32802) throw error;
    }
  }
}

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'slsguard-soak-'));
fs.cpSync(path.join(ROOT, 'examples', 'cdk-app'), workspace, { recursive: true });
const original = fs.readFileSync(path.join(workspace, FILE), 'utf8');
const lines = original.split('\n');
const wildcardLine = lines.findIndex((l) => l.includes("'dynamodb:*'"));
const wildcardColumn = lines[wildcardLine].indexOf("'dynamodb:*'") + "'dynamodb:*".length;
const blankLine = lines.findIndex((l, i) => i > 10 && l.trim() === '');

const { client } = await TestClient.start(workspace);
console.log(`server: node ${extensionNodeOptions().join(' ')} server/out/server.js --stdio (pid ${client.pid}), ${EDITS} edits to ${FILE}`);
const started = Date.now();
const samples = [];
let baseline;
try {
  await client.open(FILE);
  await pull(client);
  for (let i = 1; i <= EDITS; i++) {
    // Four kinds of keystroke, in turn: a comment line typed and deleted, a character typed
    // into the wildcard action and deleted (its finding changes each time).
    const step = i % 4;
    if (step === 1) await client.insert(FILE, blankLine, 0, `    // note ${i}\n`);
    else if (step === 2) await client.edit(FILE, { start: { line: blankLine, character: 0 }, end: { line: blankLine + 1, character: 0 } }, '');
    else if (step === 3) await client.insert(FILE, wildcardLine, wildcardColumn, 'x');
    else await client.edit(FILE, { start: { line: wildcardLine, character: wildcardColumn }, end: { line: wildcardLine, character: wildcardColumn + 1 } }, '');
    const items = await pull(client);
    if (i % 50 === 0 && items.length) {
      const d = items[0];
      await client.hover(FILE, d.range.start.line, d.range.start.character);
      await client.codeActions(FILE, d.range, [d]);
    }
    if (i === BASELINE_AFTER || i % 1000 === 0 || i === EDITS) {
      const rss = rssMb(client.pid);
      if (i === BASELINE_AFTER) baseline = rss;
      samples.push({ edits: i, rss });
      console.log(`after ${String(i).padStart(6)} edits: RSS ${rss.toFixed(1)} MB (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
  }
} finally {
  await client.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
}

const percent = (from, to) => `${to >= from ? '+' : ''}${(((to - from) / from) * 100).toFixed(1)}%`;
const end = samples[samples.length - 1].rss;
const within = (end - baseline) / baseline <= TOLERANCE;
console.log(`RSS after ${BASELINE_AFTER} edits ${baseline.toFixed(1)} MB, after ${EDITS} edits ${end.toFixed(1)} MB: ${percent(baseline, end)}, ${within ? 'within' : 'NOT within'} 20%`);
// Most of the growth, if any, comes in the first thousand edits, while V8 touches the young
// generation's pages and sizes the old one; the growth from there on is what a leak would show.
const warm = samples.find((s) => s.edits === 1000);
if (warm && warm !== samples[samples.length - 1]) console.log(`from ${warm.edits} edits (${warm.rss.toFixed(1)} MB) to the end: ${percent(warm.rss, end)}`);
process.exit(within ? 0 : 1);
