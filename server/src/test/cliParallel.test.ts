import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { filesOfShard, parseShard, shardOf } from '../cli/shard';
import { availableCores, freeCoresOf, MIN_FILES_PER_JOB, threadsFor } from '../cli/parallel';
import { packageRoot } from '../core/meta';
import { DiskHost, discoverFiles } from '../core/model/host';
import { makeProject } from './lspClient';
import { CLI, runCli } from './robustness';

/** `--jobs`, `--shard` and `merge-sarif`, through the bundled CLI as CI runs it. */

const EXAMPLE = path.join(packageRoot(), 'examples', 'cdk-app');
const slsguard = runCli;

/** The example app, with suppressions of project-wide rules: one used, one not. */
function exampleProject(): string {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(EXAMPLE, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(EXAMPLE);
  const api = files['lib/api-stack.ts'].split('\n');
  const at = api.findIndex((l) => l.includes('new apigateway.RestApi('));
  assert.ok(at > 0, 'the example app defines a RestApi');
  api.splice(at, 0, '    // slsguard-ignore-next-line apigw-no-waf, iam-shared-role -- the platform team attaches the WAF (NET-12)');
  files['lib/api-stack.ts'] = api.join('\n');
  files['lib/storage-stack.ts'] = `// slsguard-ignore-file iam-shared-role -- no functions here\n${files['lib/storage-stack.ts']}`;
  return makeProject(files);
}

type SarifLog = {
  runs: Array<{ results: Array<{ ruleId: string; suppressions?: unknown[] }>; tool: unknown; properties?: Record<string, unknown> }>;
};
const readSarif = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as SarifLog;
const withoutDuration = (json: string) => json.replace(/"durationMs": \d+/, '"durationMs": 0');

describe('slsguard CLI: threads, shards and merge-sarif', function () {
  this.timeout(120000);
  let root: string;

  before(() => {
    if (!fs.existsSync(CLI)) throw new Error(`build first: ${CLI} is missing`);
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('gives the same JSON and SARIF for --jobs 1 and --jobs 2', async () => {
    root = exampleProject();
    // Enough files for two threads, with cross-file constants, handlers and project-wide rules.
    const generator = (await import(pathToFileURL(path.join(packageRoot(), 'bench', 'generate.mjs')).href)) as {
      generateProject(dir: string, count: number): string[];
    };
    generator.generateProject(path.join(root, 'services'), 150);
    const files = discoverFiles(new DiskHost(), [root]).length;
    assert.equal(threadsFor(2, files), 2, '--jobs 2 analyses on two threads');
    // Left to itself, the CLI starts a thread per MIN_FILES_PER_JOB files, up to the cores.
    assert.equal(threadsFor(undefined, files), 1);
    assert.equal(threadsFor(undefined, 2 * MIN_FILES_PER_JOB), Math.min(2, availableCores()));
    for (const format of ['json', 'sarif']) {
      const one = slsguard(['scan', '.', '--format', format, '--jobs', '1'], root);
      const two = slsguard(['scan', '.', '--format', format, '--jobs', '2'], root);
      assert.equal(one.code, 1, one.stderr);
      assert.equal(two.code, 1, two.stderr);
      assert.equal(two.stderr, one.stderr);
      assert.equal(withoutDuration(two.stdout), withoutDuration(one.stdout), `--format ${format}`);
    }
  });

  it('leaves threads to the cores that other work leaves free', () => {
    // 2 cores kept busy by other processes (a shared CI runner): a second thread would only take turns.
    assert.equal(freeCoresOf(2, 1.7), 1);
    assert.equal(freeCoresOf(2, 9), 1);
    assert.equal(freeCoresOf(2, 0.3), 2);
    assert.equal(freeCoresOf(8, 2.2), 6);
    // Windows reports no load average: every core.
    assert.equal(freeCoresOf(4, 0), 4);
    assert.ok(availableCores() >= 1 && availableCores() <= Math.max(1, os.availableParallelism()));
  });

  it('splits the files by path into disjoint shards that cover them all', () => {
    root = exampleProject();
    assert.deepEqual(parseShard('2/4'), { index: 2, count: 4 });
    for (const bad of ['0/2', '3/2', '1/0', '1', 'a/b', '1/2/3']) assert.equal(parseShard(bad), undefined, bad);
    const files = discoverFiles(new DiskHost(), [root]);
    for (const count of [1, 2, 3, 5]) {
      const shards = Array.from({ length: count }, (_, i) => filesOfShard(files, root, { index: i + 1, count }));
      assert.deepEqual(shards.flat().sort(), files, `${count} shards cover every file once`);
    }
    // The split depends on the relative path alone: the same on every machine.
    assert.equal(shardOf('lib/api-stack.ts', 5), shardOf('lib/api-stack.ts', 5));
    assert.deepEqual(
      filesOfShard(files, root, { index: 1, count: 3 }).map((f) => path.relative(root, f)),
      files.map((f) => path.relative(root, f)).filter((f) => shardOf(f, 3) === 1),
    );
  });

  it('merges shards into the report a single scan writes, project-wide rules and suppressions included', () => {
    root = exampleProject();
    // A split that puts the stack naming a handler and the handler in different shards.
    const count = [2, 3, 4, 5, 6, 7].find((n) => shardOf('lib/support-stack.ts', n) !== shardOf('lambda/support/tickets.ts', n))!;
    const full = path.join(root, 'full.sarif');
    assert.equal(slsguard(['scan', '.', '--format', 'sarif', '--output', full], root).code, 1);
    const shards: string[] = [];
    for (let i = 1; i <= count; i++) {
      const out = path.join(root, `shard-${i}.sarif`);
      const r = slsguard(['scan', '.', '--format', 'sarif', '--output', out, '--shard', `${i}/${count}`], root);
      assert.ok(r.code === 0 || r.code === 1, r.stderr);
      shards.push(out);
    }
    // A shard judges no project-wide rule: it cannot see the other shards' files.
    for (const s of shards) {
      const ids = readSarif(s).runs[0].results.map((r) => r.ruleId);
      for (const id of ['iam-shared-role', 'apigw-no-waf', 'apigw-no-throttling'])
        assert.ok(!ids.includes(id), `${path.basename(s)} reports ${id}`);
      assert.ok(readSarif(s).runs[0].properties?.['slsguard/shard'], 'the shard carries its facts');
    }
    const merged = path.join(root, 'merged.sarif');
    const r = slsguard(['merge-sarif', ...shards.reverse().map((s) => path.basename(s)), '--output', 'merged.sarif'], root);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, '');
    const a = readSarif(full).runs[0];
    const log = JSON.parse(fs.readFileSync(merged, 'utf8')) as Sarif.Log;
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1, 'one run, as a single scan writes');
    const b = readSarif(merged).runs[0];
    // Every result of every shard and of the project pass, in the order of a single scan.
    assert.deepEqual(b.results, a.results);
    const rules = log.runs[0].tool.driver.rules ?? [];
    assert.equal(new Set(rules.map((rule) => rule.id)).size, rules.length, 'each rule listed once');
    for (const result of log.runs[0].results ?? []) {
      assert.equal(rules[result.ruleIndex!]?.id, result.ruleId, `ruleIndex of ${result.ruleId}`);
      assert.match(result.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '', /^(lib|lambda|bin)\//);
    }
    assert.deepEqual(b.tool, a.tool);
    assert.equal(b.properties, undefined, 'the shards’ facts are not carried into the merged report');
    const ids = a.results.map((x) => x.ruleId);
    for (const id of ['iam-shared-role', 'apigw-no-throttling', 'handler-injection', 'suppression-unused']) assert.ok(ids.includes(id), id);
    assert.ok(
      a.results.some((x) => x.ruleId === 'apigw-no-waf' && x.suppressions?.length),
      'the WAF finding is suppressed',
    );
  });

  it('merges the project pass as a single scan judges it: no fix offered into code that does not parse', () => {
    // The stack does not parse past the API: a fix of the rules that relate files would edit broken code.
    const stack = [
      "import * as cdk from 'aws-cdk-lib';",
      "import * as apigw from 'aws-cdk-lib/aws-apigateway';",
      'export class ApiStack extends cdk.Stack {',
      '  constructor(scope: cdk.App, id: string) {',
      '    super(scope, id);',
      "    const api = new apigw.RestApi(this, 'Api', {});",
      "    api.root.addMethod('GET', undefined, { authorizationType: apigw.AuthorizationType.IAM });",
      '    const broken = (;',
      '  }',
      '}',
      '',
    ].join('\n');
    root = makeProject({ 'cdk.json': '{}', 'lib/api-stack.ts': stack, 'lib/constants.ts': 'export const NAME = 1;\n' });
    const full = path.join(root, 'full.sarif');
    slsguard(['scan', '.', '--format', 'sarif', '--output', full], root);
    const shards = ['1/2', '2/2'].map((shard, i) => {
      const out = `shard-${i + 1}.sarif`;
      const r = slsguard(['scan', '.', '--format', 'sarif', '--output', out, '--shard', shard], root);
      assert.ok(r.code === 0 || r.code === 1, r.stderr);
      return out;
    });
    const r = slsguard(['merge-sarif', ...shards, '--output', 'merged.sarif'], root);
    assert.equal(r.code, 1, r.stderr);
    type Result = { ruleId: string; properties: { fixable: boolean } };
    const results = (file: string) =>
      (JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as { runs: Array<{ results: Result[] }> }).runs[0].results;
    const throttling = results('full.sarif').find((x) => x.ruleId === 'apigw-no-throttling');
    assert.equal(throttling?.properties.fixable, false, 'a single scan offers no fix into the broken class');
    assert.deepEqual(results('merged.sarif'), results('full.sarif'));
  });

  it('says when shards are missing, and rejects what it cannot merge', () => {
    root = exampleProject();
    const out = path.join(root, 'shard-1.sarif');
    slsguard(['scan', '.', '--format', 'sarif', '--output', out, '--shard', '1/2'], root);
    const partial = slsguard(['merge-sarif', 'shard-1.sarif'], root);
    assert.match(partial.stderr, /shard 2\/2 missing/);
    assert.equal(JSON.parse(partial.stdout).runs.length, 1);
    fs.writeFileSync(path.join(root, 'not.sarif'), '{"version":"1.0"}');
    fs.writeFileSync(path.join(root, 'truncated.sarif'), fs.readFileSync(out, 'utf8').slice(0, 200));
    const cases: Array<[string[], RegExp]> = [
      [
        ['merge-sarif', 'shard-1.sarif', 'missing.sarif'],
        /^slsguard: merge-sarif: cannot read 'missing\.sarif': no such file or directory$/m,
      ],
      [['merge-sarif', 'truncated.sarif', 'shard-1.sarif'], /^slsguard: merge-sarif: 'truncated\.sarif' is not JSON, so not a SARIF log$/m],
      [['merge-sarif', 'not.sarif'], /^slsguard: merge-sarif: not\.sarif is not a SARIF 2\.1\.0 log$/m],
      [['merge-sarif', 'lib'], /^slsguard: merge-sarif: cannot read 'lib': it is a directory$/m],
    ];
    for (const [args, message] of cases) {
      const merged = path.join(root, 'merged.sarif');
      const bad = slsguard([...args, '--output', 'merged.sarif'], root);
      assert.equal(bad.code, 2, `${args.join(' ')} → ${bad.code}`);
      assert.match(bad.stderr, message);
      assert.equal(fs.existsSync(merged), false, `${args.join(' ')} wrote a report`);
    }
  });

  it('rejects --jobs, --shard and merge-sarif misuse with a usage error (exit 2)', () => {
    root = exampleProject();
    const cases: Array<[string[], RegExp]> = [
      [['scan', '--jobs', '0'], /--jobs takes a whole number of threads \(1 or more\), not '0'/],
      [['scan', '--jobs', '1.5'], /--jobs takes a whole number of threads \(1 or more\), not '1\.5'/],
      [['checklist', '--jobs', 'all'], /--jobs takes a whole number of threads \(1 or more\), not 'all'/],
      [['fix', '--jobs', '2'], /--jobs applies to scan and checklist, not fix/],
      [['scan', '--shard', '3/2', '--format', 'sarif'], /--shard takes i\/n with 1 ≤ i ≤ n \(e\.g\. 2\/4\), not '3\/2'/],
      [['scan', '--shard', '0/2', '--format', 'sarif'], /--shard takes i\/n .*not '0\/2'/],
      [['scan', '--shard', 'half', '--format', 'sarif'], /--shard takes i\/n .*not 'half'/],
      [['scan', '--shard', '1/2'], /--shard needs --format sarif/],
      [['checklist', '--shard', '1/2'], /--shard applies to scan, not checklist/],
      [['merge-sarif'], /merge-sarif needs the SARIF files to merge/],
      [['merge-sarif', 'a.sarif', '--format', 'json'], /merge-sarif takes SARIF files and --output only/],
    ];
    for (const [args, message] of cases) {
      const r = slsguard(args, root);
      assert.equal(r.code, 2, `${args.join(' ')} → ${r.code}`);
      assert.match(r.stderr, new RegExp(`^slsguard: ${message.source}`), args.join(' '));
      assert.equal(r.stdout, '', `${args.join(' ')} printed a report`);
    }
  });
});
