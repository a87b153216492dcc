import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { budgetSteps } from '../core/budget';
import { MANUAL_CHECKS_FILE, ManualChecksError, readManualChecks, setManualCheck } from '../core/checklist/manual';
import { ANALYSIS_SKIPPED, Engine } from '../core/engine/engine';
import { hoverAt } from '../core/hover/hover';
import { MemoryHost } from '../core/model/memoryHost';
import { makeProject, TestClient, waitFor } from './lspClient';
import { onVirtualClock, runCli } from './robustness';

/**
 * A workspace written to hurt the tool (issue 20): values that grow without end, config files
 * and checklist files that are not what they claim to be. Nothing hangs, nothing grows memory,
 * nothing is read or written outside the workspace, and the findings never go silently empty.
 */

describe('hostile workspaces: a value that doubles 40 times', function () {
  this.timeout(120_000);

  it('analysis and a hover with a budget ten times the default finish in bounded work, with their findings and card', () => {
    const doublings = Array.from({ length: 40 }, (_, i) => `const s${i + 1} = s${i} + s${i};`).join('\n');
    const text = [
      "import * as cdk from 'aws-cdk-lib';",
      "import * as iam from 'aws-cdk-lib/aws-iam';",
      "import * as s3 from 'aws-cdk-lib/aws-s3';",
      "const s0 = 'x';",
      doublings,
      'export class S extends cdk.Stack {',
      '  constructor(scope: cdk.App) {',
      "    super(scope, 'S');",
      "    new s3.Bucket(this, 'B', { bucketName: s40 });",
      "    new iam.PolicyStatement({ actions: ['s3:*', s40], resources: [s40] });",
      '  }',
      '}',
      '',
    ].join('\n');
    const file = '/project/lib/stack.ts';
    const host = new MemoryHost({ [file]: text });
    const failures: string[] = [];
    const engine = new Engine({ host, logger: (m) => failures.push(m) });
    engine.setFiles([file]);
    engine.pin(file);
    engine.parsedFile(file);
    // A budget of 20,000 virtual ms is 20 million steps of work (the default is 2,000): the
    // resolver must bound its own work, whatever the budget allows.
    const budgetMs = 20_000;
    const stepsBefore = budgetSteps();
    const { value: result } = onVirtualClock(() => engine.analyzeFile(file, { budgetMs }));
    const { value: hover } = onVirtualClock(() => hoverAt(engine, file, text.indexOf('Bucket('), budgetMs));
    const steps = budgetSteps() - stepsBefore;
    const findings = engine.findings(file);
    engine.dispose();
    assert.equal(result.skipped, undefined, 'the file is analysed whole');
    assert.deepEqual(
      findings.filter((f) => f.ruleId === ANALYSIS_SKIPPED),
      [],
    );
    assert.ok(
      findings.some((f) => f.ruleId === 'iam-wildcard-action'),
      JSON.stringify(findings.map((f) => f.ruleId)),
    );
    assert.ok(hover && hover.cards.length === 1, 'the hover has its card');
    assert.ok(steps <= 200_000, `analysis and hover took ${steps} steps`);
    assert.deepEqual(failures, []);
  });
});

/** A function with a plain-text secret in its environment: 36 letters and digits, then a `!`. */
const SECRET_STACK = [
  "import * as lambda from 'aws-cdk-lib/aws-lambda';",
  "const apiKey = 'aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC2dF4gH6!';",
  "export const fn = (scope: any) => new lambda.Function(scope, 'F', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline(''), environment: { API_KEY: apiKey } });",
  '',
].join('\n');

type ScanJson = { findings: Array<{ ruleId: string; file: string }> };
const ruleIds = (stdout: string) => (JSON.parse(stdout) as ScanJson).findings.map((f) => f.ruleId);

describe('hostile workspaces: a handler condition thousands of terms long', function () {
  this.timeout(120_000);

  /** A handler that parses the body and tests it with `n` terms joined by `op`, then returns it unvalidated. */
  const handler = (n: number, op: string) => {
    const terms = Array.from({ length: n }, (_, i) => `b.a${i} === ${i}`).join(` ${op} `);
    return [
      'export const handler = async (event: any) => {',
      '  const b = JSON.parse(event.body);',
      `  if (${terms}) {`,
      "    return { statusCode: 400, body: 'no' };",
      '  }',
      '  return { statusCode: 200, body: b.x };',
      '};',
      '',
    ].join('\n');
  };

  /** The steps the analysis of that handler takes, and its rule ids. */
  const analyse = (n: number, op: string) => {
    const file = '/project/src/handler.ts';
    const engine = new Engine({ host: new MemoryHost({ [file]: handler(n, op) }) });
    engine.setFiles([file]);
    engine.pin(file);
    engine.parsedFile(file);
    const stepsBefore = budgetSteps();
    const { value: result } = onVirtualClock(() => engine.analyzeFile(file, { budgetMs: 20_000_000 }));
    const steps = budgetSteps() - stepsBefore;
    const ruleIds = engine.findings(file).map((f) => f.ruleId);
    engine.dispose();
    assert.equal(result.skipped, undefined, 'the file is analysed whole');
    return { steps, ruleIds };
  };

  for (const op of ['||', '&&']) {
    it(`${op}: ten times the terms take at most about ten times the work, and the unvalidated body is still reported`, () => {
      const small = analyse(200, op);
      const large = analyse(2_000, op);
      assert.ok(small.ruleIds.includes('handler-unvalidated-input'), JSON.stringify(small.ruleIds));
      assert.deepEqual(large.ruleIds, small.ruleIds);
      assert.ok(large.steps <= 20 * small.steps, `200 terms: ${small.steps} steps, 2,000 terms: ${large.steps} steps`);
    });
  }

  it('10,000 terms finish and report the unvalidated body', () => {
    const { steps, ruleIds } = analyse(10_000, '&&');
    assert.ok(ruleIds.includes('handler-unvalidated-input'), JSON.stringify(ruleIds));
    assert.ok(steps <= 2_000_000, `${steps} steps`);
  });
});

describe('hostile workspaces: placeholderPatterns', function () {
  this.timeout(180_000);

  it('a catastrophic pattern in .slsguard.json runs in linear time: the scan ends at once and still reports the secret', () => {
    const root = makeProject({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.slsguard.json': JSON.stringify({ placeholderPatterns: ['^([A-Za-z0-9]+)+$'] }),
      'lib/stack.ts': SECRET_STACK,
    });
    try {
      const started = Date.now();
      const r = runCli(['scan', '.', '--format', 'json'], root);
      const elapsed = Date.now() - started;
      assert.equal(r.code, 1, r.stderr);
      assert.ok(ruleIds(r.stdout).includes('secret-in-env'), r.stdout);
      assert.equal(r.stderr, '');
      // Backtracking, 36 characters before the `!` take 2^36 steps: hours, not seconds.
      assert.ok(elapsed < 30_000, `the scan took ${elapsed} ms`);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('a pattern the linear-time engine cannot run (a backreference, a lookaround) is a config error, not a hang', () => {
    const root = makeProject({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.slsguard.json': `{\n  "placeholderPatterns": ["^(a+)\\\\1$", "^dummy-"]\n}\n`,
      'lib/stack.ts': SECRET_STACK,
    });
    try {
      const r = runCli(['scan', '.', '--format', 'json'], root);
      assert.equal(r.code, 1, r.stderr);
      assert.ok(ruleIds(r.stdout).includes('secret-in-env'), r.stdout);
      assert.match(r.stderr, /^slsguard: \.slsguard\.json:2:27: error: placeholderPatterns\[0\] cannot be used: .*linear time/m);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

const WILDCARD_STACK = [
  "import * as iam from 'aws-cdk-lib/aws-iam';",
  "export const statement = new iam.PolicyStatement({ actions: ['s3:*'], resources: ['arn:aws:s3:::b/*'] });",
  '',
].join('\n');

describe('hostile workspaces: a .slsguard.json above the project', function () {
  this.timeout(120_000);

  // Another user's `/tmp/.slsguard.json` turning every rule off must not silence a project in /tmp.
  let parent: string;
  let elsewhere: string;
  beforeEach(() => {
    parent = makeProject({
      '.slsguard.json': JSON.stringify({ rules: { 'iam-wildcard-action': 'off' }, placeholderPatterns: ['.'] }),
      'project/lib/stack.ts': WILDCARD_STACK,
    });
    elsewhere = makeProject({ 'README.md': 'not a repository\n' });
  });
  afterEach(() => {
    fs.rmSync(parent, { recursive: true, force: true });
    fs.rmSync(elsewhere, { recursive: true, force: true });
  });

  const scan = (cwd: string, target: string) => runCli(['scan', target, '--format', 'json'], cwd);

  it('does not apply to a scanned folder outside any repository, whatever the current directory', () => {
    const target = `${parent}/project`;
    // From a directory that is in no repository, from inside a repository (this one), and from the project itself.
    for (const cwd of [elsewhere, process.cwd(), target]) {
      const r = scan(cwd, target);
      assert.equal(r.code, 1, `from ${cwd}: ${r.stderr}`);
      assert.deepEqual(ruleIds(r.stdout), ['iam-wildcard-action'], `from ${cwd}`);
    }
  });

  it('does not apply above the root of the repository the files are in', () => {
    fs.mkdirSync(`${parent}/project/.git`);
    fs.writeFileSync(`${parent}/project/.git/HEAD`, 'ref: refs/heads/main\n');
    for (const cwd of [elsewhere, `${parent}/project/lib`]) {
      const r = scan(cwd, `${parent}/project/lib/stack.ts`);
      assert.deepEqual(ruleIds(r.stdout), ['iam-wildcard-action'], `from ${cwd}`);
    }
  });
});

/** Whether this machine lets the tests make a named pipe. */
const canMakeFifo = spawnSync('mkfifo', ['--help'], { timeout: 10_000 }).status === 0;

describe('hostile workspaces: files the tool reads on its own', function () {
  this.timeout(180_000);

  let root: string;
  beforeEach(() => {
    root = makeProject({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'cdk.json': '{ "app": "npx ts-node bin/app.ts" }\n',
      'lib/stack.ts': WILDCARD_STACK,
    });
    fs.mkdirSync(path.join(root, '.slsguard'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const checklist = () => runCli(['checklist', '.', '--format', 'json'], root);

  const specials: Array<[string, (target: string) => void]> = [
    ['a symbolic link to /dev/zero', (target) => fs.symlinkSync('/dev/zero', target)],
    ['a symbolic link to /dev/urandom', (target) => fs.symlinkSync('/dev/urandom', target)],
  ];
  if (canMakeFifo) specials.push(['a named pipe (FIFO)', (target) => assert.equal(spawnSync('mkfifo', [target]).status, 0)]);

  for (const [name, make] of specials) {
    it(`.slsguard/checklist.json as ${name}: the checklist ends at once and says the file is not read`, () => {
      make(path.join(root, MANUAL_CHECKS_FILE));
      const started = Date.now();
      const r = checklist();
      assert.ok(Date.now() - started < 60_000, 'the checklist ended');
      assert.equal(r.code, 1, r.stderr);
      const report = JSON.parse(r.stdout) as { manualError?: string };
      assert.match(
        report.manualError ?? '',
        /^\.slsguard\/checklist\.json is (not a regular file|a symbolic link to a place outside the workspace)/,
      );
      assert.throws(() => setManualCheck(root, 'rotate-secrets', true), ManualChecksError);
    });

    it(`.slsguard.json as ${name}: the scan ends at once with its findings`, () => {
      make(path.join(root, '.slsguard.json'));
      const r = runCli(['scan', '.', '--format', 'json'], root);
      assert.equal(r.code, 1, r.stderr);
      assert.deepEqual(ruleIds(r.stdout), ['iam-wildcard-action']);
    });
  }

  it('.slsguard.json as a link to a file outside the workspace: not read, said, analysed with the defaults', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'slsguard-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'config.json'), JSON.stringify({ rules: { 'iam-wildcard-action': 'off' } }));
      fs.symlinkSync(path.join(outside, 'config.json'), path.join(root, '.slsguard.json'));
      const r = runCli(['scan', '.', '--format', 'json'], root);
      assert.equal(r.code, 1, r.stderr);
      assert.deepEqual(ruleIds(r.stdout), ['iam-wildcard-action']);
      assert.match(
        r.stderr,
        /^slsguard: \.slsguard\.json:1:1: error: \.slsguard\.json is a symbolic link to a place outside the workspace/,
      );
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('.slsguard/checklist.json larger than 1 MB is not read', () => {
    fs.writeFileSync(
      path.join(root, MANUAL_CHECKS_FILE),
      `{ "items": { "rotate-secrets": true }, "pad": "${'x'.repeat(2 * 1024 * 1024)}" }`,
    );
    assert.match(readManualChecks(root).error ?? '', /larger than 1 MB/);
  });

  describe('a .slsguard link out of the workspace (issue 20, item 16)', () => {
    let outside: string;
    beforeEach(() => (outside = fs.mkdtempSync(path.join(os.tmpdir(), 'slsguard-outside-'))));
    afterEach(() => fs.rmSync(outside, { recursive: true, force: true }));

    it('a tick is never written through a .slsguard directory link to a folder outside', () => {
      fs.rmdirSync(path.join(root, '.slsguard'));
      fs.symlinkSync(outside, path.join(root, '.slsguard'));
      assert.throws(
        () => setManualCheck(root, 'rotate-secrets', true),
        (e: Error) => e instanceof ManualChecksError && /outside/.test(e.message),
      );
      assert.deepEqual(fs.readdirSync(outside), [], 'nothing written outside the workspace');
      assert.match(readManualChecks(root).error ?? '', /outside/);
    });

    it('a checklist.json link to a file outside is not read, and its content is never copied into the repository', () => {
      const secret = path.join(outside, 'notes.json');
      fs.writeFileSync(secret, '{ "items": {}, "privateNote": "outside content" }\n');
      fs.symlinkSync(secret, path.join(root, MANUAL_CHECKS_FILE));
      assert.throws(() => setManualCheck(root, 'rotate-secrets', true), ManualChecksError);
      assert.ok(fs.lstatSync(path.join(root, MANUAL_CHECKS_FILE)).isSymbolicLink(), 'the link is left as it was');
      assert.equal(fs.readFileSync(secret, 'utf8'), '{ "items": {}, "privateNote": "outside content" }\n');
      assert.match(readManualChecks(root).error ?? '', /outside/);
    });

    it('a link that stays inside the workspace still works', () => {
      fs.rmdirSync(path.join(root, '.slsguard'));
      fs.mkdirSync(path.join(root, 'config', 'slsguard'), { recursive: true });
      fs.symlinkSync(path.join(root, 'config', 'slsguard'), path.join(root, '.slsguard'));
      setManualCheck(root, 'rotate-secrets', true);
      assert.deepEqual(readManualChecks(root), { checked: { 'rotate-secrets': true } });
      assert.ok(fs.existsSync(path.join(root, 'config', 'slsguard', 'checklist.json')));
    });
  });
});

describe('hostile workspaces: a .slsguard.json built to break the parser', function () {
  this.timeout(180_000);

  const configs: Array<[string, string, RegExp]> = [
    [
      'nested 100,000 levels deep',
      `{ "rules": { "iam-wildcard-action": "off" }, "x": ${'['.repeat(100_000)}${']'.repeat(100_000)} }`,
      /nested more than 64 levels deep/,
    ],
    ['an ignore glob of 70,000 characters', JSON.stringify({ ignore: ['lib/**/'.repeat(10_000)] }), /longer than 1000 characters/],
    [
      'of 3 MB',
      JSON.stringify({ rules: { 'iam-wildcard-action': 'off' }, secretWords: Array.from({ length: 300_000 }, () => 'WORDWORD') }),
      /larger than 1 MB/,
    ],
  ];

  for (const [name, config, problem] of configs) {
    it(`${name}: the CLI says so and analyses with the defaults`, () => {
      const root = makeProject({ '.git/HEAD': 'ref: refs/heads/main\n', '.slsguard.json': config, 'lib/stack.ts': WILDCARD_STACK });
      try {
        const r = runCli(['scan', '.', '--format', 'json'], root);
        assert.equal(r.code, 1, r.stderr);
        assert.deepEqual(ruleIds(r.stdout), ['iam-wildcard-action']);
        assert.match(r.stderr, /^slsguard: \.slsguard\.json:1:\d+: error: /);
        assert.match(r.stderr, problem);
        assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });

    it(`${name}: the server shows the problem on the config file and the findings in the editor`, async () => {
      const root = makeProject({ '.slsguard.json': config, 'lib/stack.ts': WILDCARD_STACK });
      const { client } = await TestClient.start(root);
      try {
        await client.open('lib/stack.ts');
        const items = await client.items('lib/stack.ts');
        assert.deepEqual(
          items.map((d) => d.code),
          ['iam-wildcard-action'],
        );
        const published = await waitFor(() => client.published('.slsguard.json'), 20_000, 'the config file problem');
        assert.equal(published.length, 1);
        assert.match(String(published[0].message), problem);
      } finally {
        await client.stop();
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  }
});

describe('hostile workspaces: an untrusted workspace', function () {
  this.timeout(180_000);

  // The placeholder pattern matches the stack's secret; the ignore glob names the other file.
  const files = {
    '.slsguard.json': JSON.stringify({ placeholderPatterns: ['^aB3dE5gH7'], ignore: ['lib/ignored.ts'] }),
    'lib/stack.ts': SECRET_STACK,
    'lib/ignored.ts': WILDCARD_STACK,
  };
  let root: string;
  beforeEach(() => (root = makeProject(files)));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const codes = async (client: TestClient, rel: string) => (await client.items(rel)).map((d) => String(d.code));
  const trustLogs = (client: TestClient) =>
    client.notifications.filter(
      (n) => n.method === 'window/logMessage' && /not trusted/.test((n.params as { message: string }).message),
    ) as Array<{ params: { message: string } }>;

  it('trusted: the workspace .slsguard.json patterns and globs apply', async () => {
    const { client } = await TestClient.start(root, { initializationOptions: { workspaceTrusted: true } });
    try {
      await client.open('lib/stack.ts');
      await client.open('lib/ignored.ts');
      assert.ok(!(await codes(client, 'lib/stack.ts')).includes('secret-in-env'));
      assert.deepEqual(await codes(client, 'lib/ignored.ts'), []);
      assert.deepEqual(trustLogs(client), []);
    } finally {
      await client.stop();
    }
  });

  it('untrusted: they are ignored, logged once; once trust is granted they apply again', async () => {
    const { client } = await TestClient.start(root, { initializationOptions: { workspaceTrusted: false } });
    try {
      await client.open('lib/stack.ts');
      await client.open('lib/ignored.ts');
      assert.ok((await codes(client, 'lib/stack.ts')).includes('secret-in-env'), 'the secret is reported');
      assert.deepEqual(await codes(client, 'lib/ignored.ts'), ['iam-wildcard-action']);
      // Pulled again after an edit: still one line in the log.
      await client.change('lib/stack.ts', `${SECRET_STACK}// edited\n`);
      assert.ok((await codes(client, 'lib/stack.ts')).includes('secret-in-env'));
      const logs = await waitFor(() => (trustLogs(client).length > 0 ? trustLogs(client) : undefined), 10_000, 'the log line');
      assert.equal(logs.length, 1, JSON.stringify(logs));
      assert.match(logs[0].params.message, /placeholderPatterns, ignore in .*\.slsguard\.json are ignored/);

      const refreshes = client.refreshCount;
      await client.connection.sendNotification('slsguard/workspaceTrust', { trusted: true });
      await waitFor(() => client.refreshCount > refreshes, 10_000, 'a diagnostics refresh');
      assert.ok(!(await codes(client, 'lib/stack.ts')).includes('secret-in-env'), 'the pattern applies again');
      assert.deepEqual(await codes(client, 'lib/ignored.ts'), []);
    } finally {
      await client.stop();
    }
  });
});
