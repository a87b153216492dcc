import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Baseline, baselineOf } from '../core/baseline/baseline';
import { CACHE_FILE_NAME, ResultsCache } from '../core/cache/resultsCache';
import { DiskHost } from '../core/model/host';
import { defaultConfig, EngineConfig } from '../core/config';
import { formatJson } from '../core/report/json';
import { formatSarif } from '../core/report/sarif';
import { formatText } from '../core/report/text';
import type { ScanReport } from '../core/report/report';
import type { Rule } from '../core/rule';
import { allRules } from '../core/rules/registry';
import { makeProject } from '../test/lspClient';
import { main } from './slsguard';
import { runScan } from './scan';

/**
 * `slsguard scan --cache`: the results cache across runs (issue 22). Each test scans a project on
 * disk twice or more and checks what a user sees (the findings, the JSON summary's `cache`
 * counts of files taken from the cache and files analysed, the one line on stderr) after a
 * change that must, or must not, make files be analysed again.
 */

const CONSTANTS = "export const ACTIONS = ['s3:GetObject'];\n";
const WILDCARD_CONSTANTS = "export const ACTIONS = ['s3:*'];\n";
const POLICY_STACK = `import * as iam from 'aws-cdk-lib/aws-iam';
import { ACTIONS } from './constants';
export const statement = new iam.PolicyStatement({ actions: ACTIONS, resources: ['arn:aws:s3:::b/*'] });
`;
const ADMIN_STACK = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
export class AdminStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new iam.Role(this, 'Admin', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
    });
  }
}
`;

const PROJECT = {
  'lib/constants.ts': CONSTANTS,
  'lib/policy-stack.ts': POLICY_STACK,
  'lib/admin-stack.ts': ADMIN_STACK,
};

interface Scan {
  report: ScanReport;
  /** `rule-id file:line` of each finding. */
  found: string[];
  logs: string[];
}

async function scan(
  root: string,
  opts: { cacheFile?: string; config?: EngineConfig; rules?: Rule[]; engine?: string; cwd?: string } = {},
): Promise<Scan> {
  const logs: string[] = [];
  const cwd = opts.cwd ?? root;
  const report = await runScan({
    paths: [root],
    cwd,
    config: opts.config ?? defaultConfig(),
    minSeverity: 'info',
    rules: opts.rules,
    log: (m) => logs.push(m),
    cacheFile: opts.cacheFile ?? path.join(cwd, CACHE_FILE_NAME),
    cacheEngineVersion: opts.engine ?? 'test-engine',
  });
  const found = report.findings.map((f) => `${f.ruleId} ${path.relative(cwd, f.file)}:${f.range.start.line + 1}`).sort();
  return { report, found, logs };
}

const counts = (s: Scan) => s.report.cache;

describe('scan --cache: results kept across runs', function () {
  this.timeout(60000);
  let root: string;

  beforeEach(() => {
    root = makeProject(PROJECT);
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('analyses every file on the first run, and none on an unchanged re-run, with the same findings', async () => {
    const first = await scan(root);
    assert.deepEqual(counts(first), { hits: 0, misses: 3 });
    assert.ok(first.found.includes('iam-admin-policy lib/admin-stack.ts:9'), first.found.join('\n'));
    assert.ok(fs.existsSync(path.join(root, CACHE_FILE_NAME)));
    const second = await scan(root);
    assert.deepEqual(counts(second), { hits: 3, misses: 0 });
    assert.deepEqual(second.found, first.found);
    assert.deepEqual(second.logs, []);
  });

  it('(a) analyses again a file whose text changed, and only it', async () => {
    await scan(root);
    fs.writeFileSync(path.join(root, 'lib/admin-stack.ts'), ADMIN_STACK.replace('AdministratorAccess', 'ReadOnlyAccess'));
    const after = await scan(root);
    assert.deepEqual(counts(after), { hits: 2, misses: 1 });
    assert.ok(!after.found.some((f) => f.startsWith('iam-admin-policy')), after.found.join('\n'));
  });

  it('(b) analyses again the files that import a changed constant, with the finding it now makes', async () => {
    const before = await scan(root);
    assert.ok(!before.found.some((f) => f.startsWith('iam-wildcard-action')), before.found.join('\n'));
    fs.writeFileSync(path.join(root, 'lib/constants.ts'), WILDCARD_CONSTANTS);
    const after = await scan(root);
    // The constants file and the stack that uses its value; the admin stack is untouched.
    assert.deepEqual(counts(after), { hits: 1, misses: 2 });
    assert.ok(after.found.includes('iam-wildcard-action lib/policy-stack.ts:3'), after.found.join('\n'));
  });

  it('(c) analyses every file again when the configuration changes (a .slsguard.json turning a rule off)', async () => {
    await scan(root);
    fs.writeFileSync(path.join(root, '.slsguard.json'), JSON.stringify({ rules: { 'iam-admin-policy': 'off' } }));
    const after = await scan(root);
    assert.deepEqual(counts(after), { hits: 0, misses: 3 });
    assert.ok(!after.found.some((f) => f.startsWith('iam-admin-policy')), after.found.join('\n'));
    // And with a --rule flag: the effective configuration is the key, not the file.
    const flagged = await scan(root, { config: defaultConfig({ rules: { 'iam-admin-policy': 'error' } }) });
    assert.deepEqual(counts(flagged), { hits: 0, misses: 3 });
    assert.ok(flagged.found.includes('iam-admin-policy lib/admin-stack.ts:9'), flagged.found.join('\n'));
  });

  it('(d) ignores the cache when a rule changed (its code, with no version to bump by hand)', async () => {
    await scan(root);
    // The same rule id, another check: the stored findings of the old one must not come back.
    const changed = allRules.map((r) => (r.meta.id === 'iam-admin-policy' ? { ...r, check: () => undefined } : r));
    const after = await scan(root, { rules: changed });
    assert.deepEqual(counts(after), { hits: 0, misses: 3 });
    assert.ok(!after.found.some((f) => f.startsWith('iam-admin-policy')), after.found.join('\n'));
    assert.equal(after.logs.length, 1, after.logs.join('\n'));
    assert.match(after.logs[0], /another version of the engine or its rules: ignored/);
  });

  it('(e) ignores the cache another engine version wrote', async () => {
    const first = await scan(root, { engine: 'engine-1' });
    const after = await scan(root, { engine: 'engine-2' });
    assert.deepEqual(counts(after), { hits: 0, misses: 3 });
    assert.deepEqual(after.found, first.found);
    assert.equal(after.logs.length, 1, after.logs.join('\n'));
    // Written again by the new engine: the next run uses it.
    assert.deepEqual(counts(await scan(root, { engine: 'engine-2' })), { hits: 3, misses: 0 });
  });

  it('(f) analyses again the files under a tsconfig.json or cdk.json that appears where there was none, and only them', async () => {
    fs.mkdirSync(path.join(root, 'bin'), { recursive: true });
    fs.writeFileSync(path.join(root, 'bin/app.ts'), "import * as cdk from 'aws-cdk-lib';\nnew cdk.App();\n");
    await scan(root);
    assert.deepEqual(counts(await scan(root)), { hits: 4, misses: 0 });
    // Module resolution reads the nearest tsconfig.json: the files of lib/ now have one.
    fs.writeFileSync(path.join(root, 'lib/tsconfig.json'), '{ "compilerOptions": { "strict": true } }\n');
    assert.deepEqual(counts(await scan(root)), { hits: 1, misses: 3 });
    assert.deepEqual(counts(await scan(root)), { hits: 4, misses: 0 });
    // A cdk.json above every file: handler paths start at the app's root.
    fs.writeFileSync(path.join(root, 'cdk.json'), '{ "app": "npx ts-node bin/app.ts" }\n');
    assert.deepEqual(counts(await scan(root)), { hits: 0, misses: 4 });
    // A folder named like one is no file: nothing to analyse again.
    fs.mkdirSync(path.join(root, 'bin/tsconfig.json'));
    assert.deepEqual(counts(await scan(root)), { hits: 4, misses: 0 });
  });

  for (const { name, damage } of [
    { name: 'truncated', damage: (text: string) => text.slice(0, Math.floor(text.length / 2)) },
    { name: 'not JSON at all', damage: () => '\u0000\u0001garbage' },
    { name: 'of another format version', damage: (text: string) => text.replace(/"version":\d+/, '"version":99') },
    { name: 'another tool’s cache (foreign)', damage: () => JSON.stringify({ '/src/a.ts': { size: 1, mtime: 2, hashOfConfig: 'x' } }) },
    {
      name: 'holding an entry that is not a result',
      damage: (text: string) => {
        const data = JSON.parse(text);
        const key = Object.keys(data.entries).find((k) => k.endsWith('admin-stack.ts'))!;
        data.entries[key].findings = 'none';
        return JSON.stringify(data);
      },
    },
    {
      name: 'whose entry refers to a string its table does not have',
      damage: (text: string) => {
        const data = JSON.parse(text);
        const key = Object.keys(data.entries).find((k) => k.endsWith('admin-stack.ts'))!;
        data.entries[key].findings[0].message = `\u007f${data.strings.length.toString(36)}`;
        return JSON.stringify(data);
      },
    },
    {
      name: 'whose string table is not a list of strings',
      damage: (text: string) => JSON.stringify({ ...JSON.parse(text), strings: { 0: 'AdministratorAccess' } }),
    },
  ]) {
    it(`ignores a cache file ${name} with one log line, never trusting it, and writes a good one`, async () => {
      const first = await scan(root);
      const file = path.join(root, CACHE_FILE_NAME);
      fs.writeFileSync(file, damage(fs.readFileSync(file, 'utf8')));
      const after = await scan(root);
      assert.deepEqual(counts(after), { hits: 0, misses: 3 });
      assert.deepEqual(after.found, first.found);
      assert.equal(after.logs.length, 1, after.logs.join('\n'));
      assert.match(after.logs[0], /ignored, every file is analysed/);
      assert.deepEqual(counts(await scan(root)), { hits: 3, misses: 0 });
    });
  }

  it('works from another absolute root (a CI cache restored on another machine): paths in it are relative', async () => {
    const first = await scan(root);
    const text = fs.readFileSync(path.join(root, CACHE_FILE_NAME), 'utf8');
    assert.ok(!text.includes(root), 'the cache names no absolute path of the project');
    const moved = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'slsguard-moved-')));
    try {
      fs.cpSync(root, moved, { recursive: true });
      const after = await scan(moved);
      assert.deepEqual(counts(after), { hits: 3, misses: 0 });
      assert.deepEqual(after.found, first.found);
      assert.ok(after.report.findings.every((f) => f.file.startsWith(`${moved}/`)));
    } finally {
      fs.rmSync(moved, { recursive: true, force: true });
    }
  });

  it('stores a file holding a detected secret without the secret: where it is in the file, read again when used', async () => {
    const secret = 'AKIA' + 'Z7QW3ERT5YUI9OPL';
    fs.writeFileSync(path.join(root, 'lib/keys.ts'), `export const creds = { accessKeyId: '${secret}' };\n`);
    const first = await scan(root);
    assert.ok(
      first.found.some((f) => f.startsWith('hardcoded-secret lib/keys.ts')),
      first.found.join('\n'),
    );
    // Neither the secret nor its tail (the part a message never shows).
    assert.ok(!fs.readFileSync(path.join(root, CACHE_FILE_NAME), 'utf8').includes(secret.slice(4)));
    const second = await scan(root);
    assert.deepEqual(counts(second), { hits: 4, misses: 0 });
    assert.deepEqual(second.report.findings, first.report.findings);
    // What the engine masks in hovers and diffs is the secret again, read from the file.
    const files = [...Object.keys(PROJECT), 'lib/keys.ts'].map((f) => path.join(root, f).split(path.sep).join('/'));
    const cache = new ResultsCache({ file: path.join(root, CACHE_FILE_NAME), root, rules: allRules, engineVersion: 'test-engine' });
    const keys = cache.load(files, new DiskHost()).find((r) => r.file.endsWith('/keys.ts'))!;
    assert.deepEqual(keys.secrets, [secret]);
  });

  it('analyses a secret-holding file again once its text changes, and never stores a result that quotes the secret', async () => {
    const secret = 'AKIA' + 'Z7QW3ERT5YUI9OPL';
    const keys = path.join(root, 'lib/keys.ts');
    fs.writeFileSync(keys, `export const creds = { accessKeyId: '${secret}' };\n`);
    await scan(root);
    // The secret moves: the stored place no longer holds it, and the entry is not used.
    fs.writeFileSync(keys, `// rotated\nexport const creds = { accessKeyId: '${secret}' };\n`);
    const moved = await scan(root);
    assert.deepEqual(counts(moved), { hits: 3, misses: 1 });
    assert.ok(moved.found.includes('hardcoded-secret lib/keys.ts:2'), moved.found.join('\n'));
    assert.deepEqual(counts(await scan(root)), { hits: 4, misses: 0 });
    // A cache file someone edited so that the place names text outside the file: ignored, not trusted.
    const cacheFile = path.join(root, CACHE_FILE_NAME);
    const data = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
    const entry = Object.entries(data.entries as Record<string, { secretSpans?: number[][] }>).find(([, e]) => e.secretSpans)![1];
    entry.secretSpans = [[0, 100000]];
    fs.writeFileSync(cacheFile, JSON.stringify(data));
    const tampered = await scan(root);
    assert.deepEqual(counts(tampered), { hits: 0, misses: 4 });
    assert.ok(
      tampered.logs.some((l) => l.includes('not a valid result')),
      tampered.logs.join('\n'),
    );
  });

  it('does not store a file whose secret is not written as it is (an escape in the literal): analysed on every run', async () => {
    fs.writeFileSync(path.join(root, 'lib/keys.ts'), "export const creds = { accessKeyId: 'AKIA\\x5A7QW3ERT5YUI9OPL' };\n");
    const first = await scan(root);
    assert.ok(
      first.found.some((f) => f.startsWith('hardcoded-secret lib/keys.ts')),
      first.found.join('\n'),
    );
    assert.ok(!fs.readFileSync(path.join(root, CACHE_FILE_NAME), 'utf8').includes('7QW3ERT5YUI9OPL'));
    const second = await scan(root);
    assert.deepEqual(counts(second), { hits: 3, misses: 1 });
    assert.deepEqual(second.found, first.found);
  });

  it('does not write the cache again when the only files analysed are ones it never stores (a secret written with an escape)', async () => {
    fs.writeFileSync(path.join(root, 'lib/keys.ts'), "export const creds = { accessKeyId: 'AKIA\\x5A7QW3ERT5YUI9OPL' };\n");
    await scan(root);
    const file = path.join(root, CACHE_FILE_NAME);
    const before = fs.statSync(file);
    const second = await scan(root);
    assert.deepEqual(counts(second), { hits: 3, misses: 1 });
    // The same file, not one renamed over it.
    assert.equal(fs.statSync(file).ino, before.ino);
    // An edit to a stored file is written.
    fs.appendFileSync(path.join(root, 'lib/admin-stack.ts'), '// edited\n');
    assert.deepEqual(counts(await scan(root)), { hits: 2, misses: 2 });
    assert.deepEqual(counts(await scan(root)), { hits: 3, misses: 1 });
  });

  it('gives the same findings for a file whose results hold the root marker (a NUL in a string): never stored', async () => {
    const text = `import * as iam from 'aws-cdk-lib/aws-iam';
export const statement = new iam.PolicyStatement({ actions: ['s3:Get\\u0000*'], resources: ['arn:aws:s3:::b/*'] });
`;
    fs.writeFileSync(path.join(root, 'lib/nul-stack.ts'), text);
    const first = await scan(root);
    assert.ok(first.found.includes('iam-wildcard-action lib/nul-stack.ts:2'), first.found.join('\n'));
    const second = await scan(root);
    assert.deepEqual(counts(second), { hits: 3, misses: 1 });
    assert.deepEqual(second.report.findings, first.report.findings);
  });

  it('stores each message, fix text and path once, however many files repeat it', async () => {
    // Three more stacks with the same finding and fix: a project repeats itself like this.
    for (const n of [1, 2, 3])
      fs.writeFileSync(path.join(root, `lib/admin-${n}-stack.ts`), ADMIN_STACK.replace('AdminStack', `Admin${n}Stack`));
    const first = await scan(root);
    const admin = first.report.findings.filter((f) => f.ruleId === 'iam-admin-policy');
    assert.equal(admin.length, 4);
    const text = fs.readFileSync(path.join(root, CACHE_FILE_NAME), 'utf8');
    assert.equal(text.split(JSON.stringify(admin[0].message).slice(1, -1)).length - 1, 1, 'the message is stored once');
    const second = await scan(root);
    assert.deepEqual(counts(second), { hits: 6, misses: 0 });
    assert.deepEqual(second.report.findings, first.report.findings);
  });

  it('never stores a result holding a string that starts with DEL (the reference marker): that file is analysed again', async () => {
    await scan(root);
    const files = Object.keys(PROJECT).map((f) => path.join(root, f).split(path.sep).join('/'));
    const cache = new ResultsCache({ file: path.join(root, CACHE_FILE_NAME), root, rules: allRules, engineVersion: 'test-engine' });
    const results = cache.load(files, new DiskHost());
    assert.equal(results.length, 3);
    const admin = results.find((r) => r.file.endsWith('admin-stack.ts'))!;
    admin.findings[0] = { ...admin.findings[0], message: `\u007f${admin.findings[0].message}` };
    cache.save(results, new DiskHost());
    const back = cache.load(files, new DiskHost()).map((r) => path.basename(r.file));
    assert.deepEqual(back.sort(), ['constants.ts', 'policy-stack.ts']);
  });

  it('keeps each finding’s fingerprint with its entry: an unchanged re-run reports the cold run’s fingerprints', async () => {
    const first = await scan(root);
    const cold = first.report.findings.map((f) => first.report.fingerprints!.get(f)!);
    assert.ok(cold.length > 0);
    // The fingerprints a full-hit run reports are the ones stored for each file.
    const data = JSON.parse(fs.readFileSync(path.join(root, CACHE_FILE_NAME), 'utf8'));
    first.report.findings.forEach((f, i) => {
      const stored = Object.values(data.entries[`\u0000/${path.relative(root, f.file)}`].prints as Record<string, string>);
      assert.ok(stored.includes(cold[i].split(':')[0]), `${f.ruleId} ${f.file}: ${cold[i]} is not stored`);
    });
    const second = await scan(root);
    assert.deepEqual(counts(second), { hits: 3, misses: 0 });
    assert.deepEqual(
      second.report.findings.map((f) => second.report.fingerprints!.get(f)),
      cold,
    );
  });

  it('ignores a cache of the previous format (version 1, entries without fingerprints) with one log line', async () => {
    const first = await scan(root);
    const file = path.join(root, CACHE_FILE_NAME);
    const data = JSON.parse(fs.readFileSync(file, 'utf8'));
    data.version = 1;
    for (const entry of Object.values(data.entries) as Record<string, unknown>[]) delete entry.prints;
    fs.writeFileSync(file, JSON.stringify(data));
    const after = await scan(root);
    assert.deepEqual(counts(after), { hits: 0, misses: 3 });
    assert.deepEqual(after.found, first.found);
    assert.equal(after.logs.length, 1, after.logs.join('\n'));
    assert.match(after.logs[0], /has format version 1, not \d+: ignored/);
  });

  it('writes the cache in ASCII, with the same findings back when a message holds other characters', async () => {
    const text = `import * as iam from 'aws-cdk-lib/aws-iam';
export const statement = new iam.PolicyStatement({ actions: ['s3:Put€*'], resources: ['arn:aws:s3:::b/*'] });
`;
    fs.writeFileSync(path.join(root, 'lib/euro-stack.ts'), text);
    const first = await scan(root);
    assert.ok(
      first.report.findings.some((f) => f.message.includes('€')),
      first.found.join('\n'),
    );
    assert.ok(
      fs.readFileSync(path.join(root, CACHE_FILE_NAME)).every((b) => b < 0x80),
      'the cache file is ASCII',
    );
    const second = await scan(root);
    assert.deepEqual(counts(second), { hits: 4, misses: 0 });
    assert.deepEqual(second.report.findings, first.report.findings);
  });

  it('keeps the entries of files outside the paths scanned, for the next full scan', async () => {
    await scan(root);
    const sub = await runScan({
      paths: [path.join(root, 'lib/admin-stack.ts')],
      cwd: root,
      config: defaultConfig(),
      minSeverity: 'info',
      cacheFile: path.join(root, CACHE_FILE_NAME),
      cacheEngineVersion: 'test-engine',
    });
    // A file scanned alone has its own test-code root (a configuration change): analysed again.
    assert.deepEqual(sub.cache, { hits: 0, misses: 1 });
    // The other two files' entries were kept, not dropped.
    assert.deepEqual(counts(await scan(root)), { hits: 2, misses: 1 });
  });
});

describe('scan --cache on the command line', function () {
  this.timeout(60000);
  let root: string;

  beforeEach(() => {
    root = makeProject(PROJECT);
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd: root, isTTY: false });
    return { code, stdout, stderr };
  }

  it('counts the files taken from the cache in the JSON summary, and writes .slsguard-cache or --cache-location', async () => {
    const first = await cli(['scan', '.', '--format', 'json', '--cache']);
    assert.equal(first.code, 1, first.stderr);
    assert.deepEqual(JSON.parse(first.stdout).summary.cache, { hits: 0, misses: 3 });
    assert.ok(fs.existsSync(path.join(root, CACHE_FILE_NAME)));
    const second = await cli(['scan', '.', '--format', 'json', '--cache']);
    assert.deepEqual(JSON.parse(second.stdout).summary.cache, { hits: 3, misses: 0 });
    fs.mkdirSync(path.join(root, 'cache'));
    await cli(['scan', '.', '--cache', '--cache-location', 'cache']);
    assert.ok(fs.existsSync(path.join(root, 'cache', CACHE_FILE_NAME)));
    await cli(['scan', '.', '--cache', '--cache-location', 'c/results.json']);
    assert.ok(fs.existsSync(path.join(root, 'c/results.json')));
    // Without --cache, nothing is said about it.
    assert.equal(JSON.parse((await cli(['scan', '.', '--format', 'json'])).stdout).summary.cache, undefined);
  });

  it('names a corrupt cache on stderr once and still exits as without it', async () => {
    fs.writeFileSync(path.join(root, CACHE_FILE_NAME), '{"format":"slsguard-results-cache","version":1,"entr');
    const r = await cli(['scan', '.', '--cache']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr.split('\n').filter(Boolean).length, 1, r.stderr);
    assert.match(r.stderr, /^slsguard: cache .*\.slsguard-cache is not valid JSON \(corrupt or truncated\): ignored/);
  });

  it('lists the flags in --help, and rejects them where they do not apply', async () => {
    const help = await cli(['--help']);
    assert.match(help.stdout, /--cache  /);
    assert.match(help.stdout, /--cache-location <file\|dir>/);
    assert.equal((await cli(['checklist', '.', '--cache'])).code, 2);
    assert.equal((await cli(['scan', '.', '--cache-location', 'x'])).code, 2);
  });
});

/**
 * The same output with and without the cache (text, JSON, SARIF: suppressed findings, test code
 * hidden, baselines) on the examples and the test fixtures, cold and warm.
 */
describe('scan --cache: identical findings on the examples and fixtures', function () {
  this.timeout(300000);
  const repo = path.resolve(__dirname, '../../..');
  for (const target of ['examples/cdk-app', 'examples/cdk-app-python', 'examples/hover-tour', 'server/src/test/fixtures']) {
    it(target, async () => {
      const dir = path.join(repo, target);
      const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slsguard-cache-'));
      try {
        const run = async (cacheFile?: string, baseline?: Baseline) => {
          const report = await runScan({ paths: [dir], cwd: dir, config: defaultConfig(), minSeverity: 'info', cacheFile, baseline });
          const { cache, ...rest } = { ...report, durationMs: 0, showSuppressed: true };
          return { cache, report, outputs: [formatText(rest, { color: false }), formatJson(rest), formatSarif(rest, allRules)] };
        };
        const plain = await run();
        const cacheFile = path.join(cacheDir, CACHE_FILE_NAME);
        const cold = await run(cacheFile);
        const warm = await run(cacheFile);
        assert.equal(cold.cache?.hits, 0);
        assert.ok(warm.cache!.hits > 0, JSON.stringify(warm.cache));
        assert.deepEqual(cold.outputs, plain.outputs);
        assert.deepEqual(warm.outputs, plain.outputs);
        // With a baseline holding every other finding: the same findings left, cold and warm.
        const held = [...plain.report.findings, ...(plain.report.suppressed ?? [])].filter((_, i) => i % 2 === 0);
        const baseline = new Baseline(
          dir,
          baselineOf(held, dir, (f) => fs.readFileSync(f, 'utf8')),
        );
        const plainBaselined = await run(undefined, baseline);
        assert.ok(plainBaselined.report.findings.length < plain.report.findings.length || plain.report.findings.length === 0);
        assert.deepEqual((await run(cacheFile, baseline)).outputs, plainBaselined.outputs);
      } finally {
        fs.rmSync(cacheDir, { recursive: true, force: true });
      }
    });
  }
});
