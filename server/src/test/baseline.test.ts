import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { functionStack, retentionlessFunction } from './cdkFixtures';
import { makeProject, TestClient } from './lspClient';
import { runCli } from './robustness';

const fn = retentionlessFunction;
const stack = functionStack;

const STACK = 'lib/app-stack.ts';

interface JsonFinding {
  ruleId: string;
  file: string;
  line: number;
}

function scan(root: string, args: string[] = []): { code: number; findings: JsonFinding[]; stderr: string } {
  const r = runCli(['scan', '.', '--format', 'json', ...args], root);
  return { code: r.code, findings: r.stdout ? JSON.parse(r.stdout).findings : [], stderr: r.stderr };
}

function lineOf(root: string, text: string): number {
  return (
    fs
      .readFileSync(path.join(root, STACK), 'utf8')
      .split('\n')
      .findIndex((l) => l.includes(text)) + 1
  );
}

describe('slsguard baseline', function () {
  this.timeout(180_000);

  it('writes a sorted baseline with relative paths; scan then reports only findings added since, wherever lines move', () => {
    const root = makeProject({ [STACK]: stack(fn('Orders') + fn('Refunds')), 'lib/other.ts': stack(fn('Other')) });
    assert.equal(scan(root).findings.length, 3);
    const written = runCli(['baseline'], root);
    assert.equal(written.code, 0, written.stderr);
    assert.match(written.stdout, /Wrote \.slsguard-baseline\.json: 3 findings in 3 entries/);
    const data = JSON.parse(fs.readFileSync(path.join(root, '.slsguard-baseline.json'), 'utf8'));
    assert.equal(data.version, 1);
    assert.deepEqual(
      data.entries.map((e: { file: string; ruleId: string; count: number }) => `${e.file} ${e.ruleId} ${e.count}`),
      [`${STACK} logs-retention 1`, `${STACK} logs-retention 1`, 'lib/other.ts logs-retention 1'],
    );
    // Written again, byte for byte the same.
    const first = fs.readFileSync(path.join(root, '.slsguard-baseline.json'), 'utf8');
    runCli(['baseline'], root);
    assert.equal(fs.readFileSync(path.join(root, '.slsguard-baseline.json'), 'utf8'), first);

    const baselined = scan(root);
    assert.equal(baselined.code, 0, baselined.stderr);
    assert.deepEqual(baselined.findings, []);

    // Lines move and are re-indented: still baselined. A new finding of the same rule in the same file is reported.
    fs.writeFileSync(path.join(root, STACK), stack(`\n\n${fn('Added')}${fn('Refunds', '\t')}\n${fn('Orders', '      ')}`));
    const after = scan(root);
    assert.equal(after.code, 1);
    assert.deepEqual(
      after.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`),
      [`${STACK}:${lineOf(root, "'Added'")} logs-retention`],
    );
    // A second copy of a baselined line is new too.
    fs.writeFileSync(path.join(root, STACK), stack(fn('Orders') + fn('Refunds') + fn('Orders')));
    assert.deepEqual(
      scan(root).findings.map((f) => f.line),
      [lineOf(root, "'Refunds'") + 1],
    );
    // fix and checklist read it too; --baseline names another file.
    fs.writeFileSync(path.join(root, STACK), stack(fn('Orders') + fn('Refunds')));
    assert.equal(runCli(['fix', '--dry-run'], root).code, 0);
    fs.renameSync(path.join(root, '.slsguard-baseline.json'), path.join(root, 'base.json'));
    assert.equal(scan(root).findings.length, 3);
    assert.equal(scan(root, ['--baseline', 'base.json']).findings.length, 0);
  });

  it('--prune drops the entries of fixed findings and keeps the rest', () => {
    const root = makeProject({ [STACK]: stack(fn('Orders') + fn('Refunds')) });
    assert.equal(runCli(['baseline'], root).code, 0);
    fs.writeFileSync(path.join(root, STACK), stack(fn('Refunds') + fn('New')));
    const pruned = runCli(['baseline', '--prune'], root);
    assert.equal(pruned.code, 0, pruned.stderr);
    assert.match(pruned.stdout, /Pruned \.slsguard-baseline\.json: 1 of 2 baselined findings no longer occur; 1 remain/);
    const data = JSON.parse(fs.readFileSync(path.join(root, '.slsguard-baseline.json'), 'utf8'));
    assert.equal(data.entries.length, 1);
    // Pruning adds nothing: the new function is still reported, and so is the old one when it comes back.
    fs.writeFileSync(path.join(root, STACK), stack(fn('Orders') + fn('Refunds') + fn('New')));
    assert.deepEqual(
      scan(root).findings.map((f) => f.line),
      [lineOf(root, "'Orders'"), lineOf(root, "'New'")],
    );
  });

  it('a corrupt baseline file: a clear error, every finding reported, exit 2', () => {
    const root = makeProject({ [STACK]: stack(fn('Orders')), '.slsguard-baseline.json': '{ "version": 1, "entries": [ {' });
    const r = scan(root);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /slsguard: baseline: \.slsguard-baseline\.json is not valid JSON .*; every finding is reported/);
    assert.equal(r.findings.length, 1);
    fs.writeFileSync(path.join(root, '.slsguard-baseline.json'), JSON.stringify({ version: 1, entries: [{ ruleId: 'x' }] }));
    assert.match(scan(root).stderr, /entry 1 needs ruleId, file, fingerprint/);
    const prune = runCli(['baseline', '--prune'], root);
    assert.equal(prune.code, 2);
    assert.match(prune.stderr, /baseline --prune: .*entry 1/);
  });

  it('the editor hides baselined findings in a trusted workspace only', async () => {
    const root = makeProject({ [STACK]: stack(fn('Orders')) });
    assert.equal(runCli(['baseline'], root).code, 0);
    fs.writeFileSync(path.join(root, STACK), stack(`\n${fn('Orders')}${fn('Added')}`));
    const codes = async (client: TestClient) => (await client.items(STACK)).map((d) => `${d.range.start.line + 1} ${String(d.code)}`);
    const trusted = (await TestClient.start(root, { initializationOptions: { workspaceTrusted: true } })).client;
    try {
      await trusted.open(STACK);
      assert.deepEqual(await codes(trusted), [`${lineOf(root, "'Added'")} logs-retention`]);
    } finally {
      await trusted.stop();
    }
    const untrusted = (await TestClient.start(root, { initializationOptions: { workspaceTrusted: false } })).client;
    try {
      await untrusted.open(STACK);
      assert.deepEqual((await codes(untrusted)).length, 2, 'an untrusted baseline hides nothing');
    } finally {
      await untrusted.stop();
    }
  });
});
