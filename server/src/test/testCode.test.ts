import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig, isTestCode } from '../core/config';
import { parseConfigFile } from '../core/configFile/load';
import { Engine } from '../core/engine/engine';
import { MemoryHost } from '../core/model/memoryHost';
import { allRules } from '../core/rules/registry';
import { makeProject } from './lspClient';
import { runCli } from './robustness';

/**
 * Test code (the catalog's v2 conventions): a construct library's unit tests build insecure
 * resources on purpose, to assert on the template. Only credentials in a known format are
 * reported there; the rest is counted, and `--include-tests` or `"testCode": "report"` shows it.
 */

const KEY = 'AKIAZ7Q4R2M6N8P3K5W1';

const TEST_FILE = `import * as cdk from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
test('bucket', () => {
  const stack = new cdk.Stack();
  new s3.Bucket(stack, 'B', { publicReadAccess: true });
  const accessKeyId = '${KEY}';
});
`;

const STACK = `import * as cdk from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
export class S extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    new s3.Bucket(this, 'B', { publicReadAccess: true, enforceSSL: true });
  }
}
`;

describe('test code: which files', () => {
  const config = defaultConfig({ testRoot: '/home/me/test/app' });

  it('matches the default globs below the root, not the directories above it', () => {
    const yes = [
      'test/stack.test.ts',
      'lib/__tests__/x.ts',
      'tests/unit/x.ts',
      'lib/x.spec.js',
      'test/integ.api.ts',
      'lib/api.integ.ts',
      'a/__snapshots__/s.ts',
    ];
    for (const rel of yes) assert.equal(isTestCode(config, `/home/me/test/app/${rel}`), true, rel);
    for (const rel of ['lib/stack.ts', 'lib/testing-stack.ts', 'lambda/contest.ts', 'bin/app.ts'])
      assert.equal(isTestCode(config, `/home/me/test/app/${rel}`), false, rel);
    assert.equal(isTestCode(defaultConfig(), '/p/test/stack.test.ts'), false, 'no root, no test code');
    assert.equal(isTestCode({ ...config, testCode: 'report' }, '/home/me/test/app/test/x.test.ts'), false);
    assert.equal(isTestCode({ ...config, testCode: ['spec/**'] }, '/home/me/test/app/spec/a.ts'), true);
    assert.equal(isTestCode({ ...config, testCode: ['spec/**'] }, '/home/me/test/app/test/a.test.ts'), false, 'globs replace the defaults');
  });

  it('reads testCode from .slsguard.json (globs or "report") and says what is wrong with it', () => {
    assert.deepEqual(parseConfigFile('/p/.slsguard.json', '{ "testCode": ["spec/**"] }', allRules).settings, { testCode: ['spec/**'] });
    assert.deepEqual(parseConfigFile('/p/.slsguard.json', '{ "testCode": "report" }', allRules).settings, { testCode: 'report' });
    const bad = parseConfigFile('/p/.slsguard.json', '{ "testCode": "all" }', allRules);
    assert.deepEqual(bad.settings, {});
    assert.match(bad.problems[0].message, /"testCode": "all" is not valid\. Give a list of globs, or "report"/);
    assert.match(
      parseConfigFile('/p/.slsguard.json', '{ "testCode": 3 }', allRules).problems[0].message,
      /must be a list of globs or "report"/,
    );
  });
});

describe('test code: the engine (the editor shows what it returns)', () => {
  const files = { '/p/test/bucket.test.ts': TEST_FILE, '/p/lib/stack.ts': STACK };
  const engineWith = (config = defaultConfig({ testRoot: '/p' })) => {
    const engine = new Engine({ host: new MemoryHost(files), config });
    engine.analyzeFiles(Object.keys(files));
    return engine;
  };
  const ids = (engine: Engine, file: string, includeTestCode?: boolean) =>
    engine.findings(file, { includeTestCode }).map((f) => `${f.ruleId}:${f.messageId}`);

  it('shows only credentials in a known format in a test file', () => {
    const engine = engineWith();
    assert.deepEqual(ids(engine, '/p/test/bucket.test.ts'), ['hardcoded-secret:format']);
    assert.ok(ids(engine, '/p/test/bucket.test.ts', true).includes('s3-public-access:publicRead'), 'asked for, all of them');
    assert.ok(ids(engine, '/p/lib/stack.ts').includes('s3-public-access:publicRead'), 'app code is reported');
  });

  it('shows every finding with testCode "report"', () => {
    const engine = engineWith(defaultConfig({ testRoot: '/p', testCode: 'report' }));
    assert.ok(ids(engine, '/p/test/bucket.test.ts').includes('s3-public-access:publicRead'));
  });
});

describe('test code: the command line', function () {
  this.timeout(30000);
  let root: string;

  beforeEach(() => {
    root = makeProject({ 'test/bucket.test.ts': TEST_FILE, 'lib/stack.ts': STACK });
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const rules = (r: { stdout: string }) =>
    JSON.parse(r.stdout).findings.map((f: { ruleId: string; file: string }) => `${f.file} ${f.ruleId}`) as string[];

  it('counts what it hides in the text summary, JSON and SARIF, and reports a real key in a test', () => {
    const text = runCli(['scan', '.'], root);
    assert.match(text.stdout, /test\/bucket\.test\.ts:6:\d+ +error +Hard-coded AWS access key ID/);
    assert.doesNotMatch(text.stdout, /test\/bucket\.test\.ts:5/);
    const hidden = /(\d+) findings? in test code not shown; --include-tests shows them\./.exec(text.stdout);
    assert.ok(hidden && Number(hidden[1]) >= 2, text.stdout);
    const json = JSON.parse(runCli(['scan', '.', '--format', 'json'], root).stdout);
    assert.equal(json.summary.hiddenInTestCode, Number(hidden[1]));
    const sarif = JSON.parse(runCli(['scan', '.', '--format', 'sarif'], root).stdout);
    assert.equal(sarif.runs[0].properties['slsguard/hiddenInTestCode'], Number(hidden[1]));
    const inTests = sarif.runs[0].results.filter((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
      r.locations[0].physicalLocation.artifactLocation.uri.startsWith('test/'),
    );
    assert.deepEqual(
      inTests.map((r: { ruleId: string }) => r.ruleId),
      ['hardcoded-secret'],
    );
  });

  it('--include-tests and "testCode": "report" report test code like any other file', () => {
    const all = runCli(['scan', '.', '--include-tests', '--format', 'json'], root);
    assert.ok(rules(all).includes('test/bucket.test.ts s3-public-access'), all.stdout);
    assert.equal(JSON.parse(all.stdout).summary.hiddenInTestCode, undefined);
    assert.doesNotMatch(runCli(['scan', '.', '--include-tests'], root).stdout, /in test code not shown/);
    fs.writeFileSync(path.join(root, '.slsguard.json'), '{ "testCode": "report" }');
    assert.ok(rules(runCli(['scan', '.', '--format', 'json'], root)).includes('test/bucket.test.ts s3-public-access'));
  });

  it('matches the globs below the scanned path: a project kept under a test/ directory is not test code', () => {
    const r = runCli(['scan', 'lib', '--format', 'json'], root);
    assert.ok(rules(r).includes('lib/stack.ts s3-public-access'));
    const inside = runCli(['scan', '.', '--format', 'json'], path.join(root, 'test'));
    assert.ok(rules(inside).includes('bucket.test.ts hardcoded-secret'));
    assert.ok(!rules(inside).includes('bucket.test.ts s3-public-access'), 'its name still says test');
  });
});
