import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from '../core/meta';
import { functionStack, retentionlessFunction } from './cdkFixtures';
import { makeProject } from './lspClient';

const repo = packageRoot();
const SCRIPT = path.join(repo, 'scripts', 'action.mjs');

interface ActionYaml {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: Array<{ uses?: string; run?: string; env?: Record<string, string>; with?: Record<string, string> }> };
}

const action = (): ActionYaml => parse(fs.readFileSync(path.join(repo, 'action.yml'), 'utf8'));

/** The action's scan step, as GitHub runs it: its inputs as INPUT_* variables, with their defaults. */
function runAction(cwd: string, inputs: Record<string, string>): { code: number; stdout: string; outputs: Record<string, string> } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const [name, spec] of Object.entries(action().inputs)) {
    env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] = inputs[name] ?? spec.default ?? '';
  }
  const outputFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'slsguard-action-')), 'output');
  env.GITHUB_OUTPUT = outputFile;
  const r = spawnSync(process.execPath, [SCRIPT], { cwd, env, encoding: 'utf8', timeout: 120_000 });
  const outputs = Object.fromEntries(
    (fs.existsSync(outputFile) ? fs.readFileSync(outputFile, 'utf8') : '')
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(/=(.*)/s).slice(0, 2)),
  );
  return { code: r.status ?? -1, stdout: r.stdout, outputs };
}

describe('the GitHub Action', function () {
  this.timeout(240_000);

  it('is a composite action on Node 20 whose scan step passes every input to scripts/action.mjs', () => {
    const a = action();
    assert.equal(a.runs.using, 'composite');
    const setup = a.runs.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    assert.equal(String((setup as { with: Record<string, unknown> }).with['node-version']), '20');
    const scan = a.runs.steps.find((s) => s.run?.includes('scripts/action.mjs'))!;
    assert.deepEqual(
      Object.keys(scan.env ?? {}).sort(),
      Object.keys(a.inputs)
        .filter((i) => i !== 'upload')
        .map((i) => `INPUT_${i.toUpperCase().replace(/-/g, '_')}`)
        .sort(),
    );
    const upload = a.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    assert.match(String((upload as { if: string }).if), /inputs\.upload == 'true'/);
    for (const name of ['paths', 'fail-on', 'sarif', 'upload', 'shard', 'baseline', 'config']) assert.ok(name in a.inputs, name);
  });

  it("the README's workflow uses only inputs the action declares, and every one of them is shown", () => {
    const readme = fs.readFileSync(path.join(repo, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### In CI'));
    const block = /```yaml\n([\s\S]*?)```/.exec(section)![1];
    const workflow = parse(block) as { jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, unknown> }> }> };
    const step = Object.values(workflow.jobs)
      .flatMap((j) => j.steps)
      .find((s) => s.uses?.startsWith('serverless-guard/serverless-guard@'))!;
    assert.ok(step, 'the workflow uses the action');
    const declared = Object.keys(action().inputs);
    for (const key of Object.keys(step.with ?? {})) assert.ok(declared.includes(key), `README input '${key}' is not in action.yml`);
    // Optional inputs may be commented out in the snippet, but are named there.
    for (const key of declared) assert.match(block, new RegExp(`\\b${key}:`), `action input '${key}' is not in the README`);
  });

  it('writes SARIF and fails at the chosen severity on the example app', () => {
    const examples = path.join(repo, 'examples');
    const sarif = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'slsguard-action-')), 'out.sarif');
    const error = runAction(examples, { paths: 'cdk-app', sarif });
    assert.equal(error.code, 1, error.stdout);
    const log = JSON.parse(fs.readFileSync(sarif, 'utf8'));
    const results = log.runs[0].results.filter((r: { suppressions?: unknown[] }) => !r.suppressions);
    assert.equal(error.outputs.findings, String(results.length));
    assert.equal(error.outputs.sarif, sarif);
    assert.ok(results.some((r: { level: string }) => r.level === 'error'));
    assert.equal(runAction(examples, { paths: 'cdk-app', sarif, 'fail-on': 'none' }).code, 0);
    assert.equal(runAction(examples, { paths: 'cdk-app', sarif, 'fail-on': 'bogus' }).code, 2);
  });

  it('fails on a warning only when fail-on asks for warnings; honours the baseline and the shard', () => {
    const root = makeProject({
      'lib/a-stack.ts': functionStack(retentionlessFunction('A')),
      'lib/b-stack.ts': functionStack(retentionlessFunction('B')),
    });
    const severity = JSON.parse(
      spawnSync(process.execPath, [path.join(repo, 'server/out/cli.js'), 'scan', '.', '--format', 'json'], { cwd: root, encoding: 'utf8' })
        .stdout,
    ).findings[0].severity;
    assert.equal(severity, 'warning', 'logs-retention is a warning');
    assert.equal(runAction(root, { 'fail-on': 'error' }).code, 0);
    assert.equal(runAction(root, { 'fail-on': 'warning' }).code, 1);
    assert.equal(runAction(root, { 'fail-on': 'info' }).code, 1);
    assert.ok(fs.existsSync(path.join(root, 'slsguard.sarif')), 'the default sarif path');
    // A shard scans part of the files.
    const shards = ['1/2', '2/2'].map((shard) => {
      const r = runAction(root, { 'fail-on': 'warning', shard, sarif: `shard.sarif` });
      const log = JSON.parse(fs.readFileSync(path.join(root, 'shard.sarif'), 'utf8'));
      assert.ok(log.runs[0].properties, 'a shard report');
      return { code: r.code, count: Number(r.outputs.findings) };
    });
    assert.equal(shards[0].count + shards[1].count, 2);
    assert.ok(shards.every((s) => s.count <= 1));
    // The baseline holds both: nothing fails.
    spawnSync(process.execPath, [path.join(repo, 'server/out/cli.js'), 'baseline', '--baseline', 'ci-baseline.json'], { cwd: root });
    const baselined = runAction(root, { 'fail-on': 'warning', baseline: 'ci-baseline.json' });
    assert.equal(baselined.code, 0, baselined.stdout);
    assert.equal(baselined.outputs.findings, '0');
  });
});
