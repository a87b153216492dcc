import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packageRoot } from '../core/meta';

const repo = packageRoot();
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** `packages/cli`, the `slsguard` npm package, as a user gets it: packed, installed offline, run. */
describe('the slsguard npm package', function () {
  this.timeout(180_000);
  let temp: string;
  before(() => (temp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'slsguard-pkg-')))));
  after(() => fs.rmSync(temp, { recursive: true, force: true }));

  it('packs the bundled CLI and rule pages only, with no dependencies', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repo, 'packages/cli/package.json'), 'utf8'));
    assert.equal(manifest.name, 'slsguard');
    assert.deepEqual(manifest.bin, { slsguard: 'server/out/cli.js' });
    assert.equal(manifest.dependencies, undefined);
    assert.equal(manifest.version, JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')).version);
    const r = run(npm, ['pack', '--json', '--pack-destination', temp], path.join(repo, 'packages/cli'));
    assert.equal(r.code, 0, r.stderr);
    const [packed] = JSON.parse(r.stdout);
    const files = packed.files.map((f: { path: string }) => f.path).sort();
    for (const bundle of ['cli.js', 'cli-main.js', 'typescript.js']) assert.ok(files.includes(`server/out/${bundle}`), files.join(', '));
    assert.ok(files.includes('docs/rules/iam-wildcard-action.md'));
    assert.deepEqual(
      files.filter(
        (f: string) => !/^(server\/out\/(cli|cli-main|typescript)\.js|docs\/rules\/[a-z0-9-]+\.md|package\.json|README\.md)$/.test(f),
      ),
      [],
    );
  });

  it('installs from the tarball with no network and scans examples/cdk-app from anywhere', () => {
    const tarball = fs.readdirSync(temp).find((f) => /^slsguard-.*\.tgz$/.test(f));
    assert.ok(tarball, 'packed by the previous test');
    const project = path.join(temp, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "user-project", "private": true }\n');
    const install = run(npm, ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', path.join(temp, tarball)], project);
    assert.equal(install.code, 0, install.stderr);
    const bin = path.join(project, 'node_modules', '.bin', process.platform === 'win32' ? 'slsguard.cmd' : 'slsguard');
    const env = { XDG_CACHE_HOME: path.join(temp, 'cache') };
    const version = run(bin, ['--version'], project, env);
    assert.match(version.stdout, /^Serverless Guard \d+\.\d+\.\d+/);
    const scan = run(bin, ['scan', path.join(repo, 'examples/cdk-app'), '--format', 'sarif'], project, env);
    assert.equal(scan.code, 1, scan.stderr);
    const sarif = JSON.parse(scan.stdout);
    assert.ok(sarif.runs[0].results.some((r: { ruleId: string }) => r.ruleId === 'iam-wildcard-action'));
    // The rule pages ship inside: SARIF's help is the page, not the one-line description.
    const rule = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'iam-wildcard-action');
    assert.ok(rule.help.markdown.startsWith('# iam-wildcard-action\n'), rule.help.markdown.slice(0, 100));
  });
});
