import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { allRules } from '../core/rules/registry';
import { ordersStack } from './cdkFixtures';
import { makeProject } from './lspClient';
import { CLI, GARBAGE_ROUND, itOwnCache, runCli } from './robustness';

/** The CLI as CI runs it: the bundled `server/out/cli.js` in a child process. */
const slsguard = runCli;

const STACK = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { aws_iam as iam, aws_lambda as lambda, aws_logs as logs } from 'aws-cdk-lib';

export class JobsStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const worker = new lambda.Function(this, 'Worker', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'), logGroup: logs.LogGroup.fromLogGroupName(this, 'Logs', '/jobs/worker'),
    });
    worker.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:Get*'], resources: ['arn:aws:s3:::reports/*'] }));
    worker.role?.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));
  }
}
`;

describe('slsguard CLI', function () {
  this.timeout(30000);
  let root: string;

  before(() => {
    if (!fs.existsSync(CLI)) throw new Error(`build first: ${CLI} is missing`);
  });

  beforeEach(() => {
    root = makeProject({
      'lib/jobs-stack.ts': STACK,
      'lib/clean-stack.ts': "import * as cdk from 'aws-cdk-lib';\nexport class CleanStack extends cdk.Stack {}\n",
      // Never read: dependencies and synth output.
      'node_modules/aws-cdk-lib/index.ts': "new iam.PolicyStatement({ actions: ['*'] });",
      'cdk.out/asset.1/index.js': "const iam = require('aws-cdk-lib/aws-iam'); new iam.PolicyStatement({ actions: ['*'] });",
    });
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('prints findings grouped by file as path:line:col severity message rule-id, and exits 1', () => {
    const r = slsguard(['scan', '.'], root);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.split('\n');
    assert.ok(
      lines.includes(
        "  lib/jobs-stack.ts:13:64  warning  's3:Get*' is a wildcard: it also matches actions added to s3 later. List the actions you need.  iam-wildcard-action",
      ),
      r.stdout,
    );
    assert.ok(
      lines.some((l) => /^  lib\/jobs-stack\.ts:14:78  error {4}'AdministratorAccess' .* iam-admin-policy$/.test(l)),
      r.stdout,
    );
    assert.match(r.stdout, /2 findings \(1 error, 1 warning, 0 infos\) in 2 files/);
    assert.doesNotMatch(r.stdout, /node_modules|cdk\.out/);
  });

  it('writes the catalog JSON shape with 1-based positions and a summary', () => {
    const r = slsguard(['scan', 'lib', '--format', 'json'], root);
    assert.equal(r.code, 1);
    const json = JSON.parse(r.stdout);
    assert.equal(json.version, 1);
    assert.deepEqual(json.findings[0], {
      ruleId: 'iam-wildcard-action',
      messageId: 'partial',
      severity: 'warning',
      file: 'lib/jobs-stack.ts',
      line: 13,
      column: 64,
      endLine: 13,
      endColumn: 73,
      message: "'s3:Get*' is a wildcard: it also matches actions added to s3 later. List the actions you need.",
      fixable: true,
    });
    assert.equal(json.summary.files, 2);
    assert.equal(json.summary.errors, 1);
    assert.equal(json.summary.warnings, 1);
    assert.equal(typeof json.summary.durationMs, 'number');
  });

  it('exits 0 when nothing is at or above --severity, and reports only those that are', () => {
    const r = slsguard(['scan', '.', '--severity', 'error', '--format', 'json'], root);
    assert.equal(r.code, 1);
    assert.deepEqual(
      JSON.parse(r.stdout).findings.map((f: { ruleId: string }) => f.ruleId),
      ['iam-admin-policy'],
    );
    const clean = slsguard(['scan', 'lib/clean-stack.ts'], root);
    assert.equal(clean.code, 0);
    assert.match(clean.stdout, /No findings in 1 file/);
  });

  it('writes SARIF 2.1.0 with rule metadata, help and 1-based regions', () => {
    const out = path.join(root, 'report.sarif');
    const r = slsguard(['scan', '.', '--format', 'sarif', '--output', out], root);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    const sarif = JSON.parse(fs.readFileSync(out, 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.name, 'Serverless Guard');
    assert.deepEqual(
      run.tool.driver.rules.map((x: { id: string }) => x.id),
      allRules.map((x) => x.meta.id),
    );
    const rule = run.tool.driver.rules.find((x: { id: string }) => x.id === 'iam-admin-policy');
    assert.equal(rule.defaultConfiguration.level, 'error');
    assert.ok(rule.help.text.length > 0);
    // The rule's page as users read it: without the generated-file note for its editors.
    assert.ok(rule.help.markdown.startsWith('# iam-admin-policy\n'), rule.help.markdown.slice(0, 200));
    assert.ok(rule.properties.tags.includes('security'));
    assert.match(rule.properties['security-severity'], /^\d+\.\d$/);
    const result = run.results.find((x: { ruleId: string }) => x.ruleId === 'iam-admin-policy');
    assert.equal(result.level, 'error');
    assert.equal(run.tool.driver.rules[result.ruleIndex].id, 'iam-admin-policy');
    assert.deepEqual(result.locations[0].physicalLocation, {
      artifactLocation: { uri: 'lib/jobs-stack.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 14, startColumn: 78, endLine: 14, endColumn: 99 },
    });
    assert.ok(result.partialFingerprints.primaryLocationLineHash);
  });

  it('lets --rule turn a rule off or change its severity', () => {
    const r = slsguard(['scan', '.', '--rule', 'iam-admin-policy=off', '--rule', 'iam-wildcard-action=error', '--format', 'json'], root);
    const findings = JSON.parse(r.stdout).findings;
    assert.deepEqual(
      findings.map((f: { ruleId: string; severity: string }) => `${f.ruleId}:${f.severity}`),
      ['iam-wildcard-action:error'],
    );
  });

  it('exits 2 with a clear message on usage errors and unreadable paths', () => {
    const missing = slsguard(['scan', 'no/such/dir'], root);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read 'no\/such\/dir': no such file or directory/);
    for (const args of [
      ['scan', '--format', 'xml'],
      ['scan', '--severity', 'fatal'],
      ['lint'],
      [],
      ['scan', '--rule', 'nope=off'],
      ['scan', '--bogus'],
    ]) {
      const r = slsguard(args, root);
      assert.equal(r.code, 2, `${args.join(' ')} → ${r.code}`);
      assert.match(r.stderr, /^slsguard: /, args.join(' '));
      assert.match(r.stderr, /Usage: slsguard scan/);
    }
  });

  it('prints help and version', () => {
    const help = slsguard(['--help'], root);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--format <text\|json\|sarif>/);
    const version = slsguard(['--version'], root);
    assert.match(version.stdout, /^Serverless Guard \d+\.\d+\.\d+/);
  });

  describe('checklist', () => {
    const MANUAL = '{\n  "items": {\n    "review-iam-policies": true\n  },\n  "version": 1\n}\n';

    beforeEach(() => {
      fs.writeFileSync(path.join(root, 'cdk.json'), '{ "app": "npx ts-node bin/app.ts" }\n');
      fs.mkdirSync(path.join(root, '.slsguard'));
      fs.writeFileSync(path.join(root, '.slsguard', 'checklist.json'), MANUAL);
    });

    it('prints the grouped checklist with ✓ ✗ – ☐, counts and the failing findings, and exits 1', () => {
      const r = slsguard(['checklist'], root);
      assert.equal(r.code, 1, r.stderr);
      const lines = r.stdout.split('\n');
      assert.match(lines[0], /^Security checklist: \d+ of \d+ done$/);
      assert.ok(lines.includes('Development (2 of 4)'), r.stdout);
      assert.ok(lines.includes('  ✗ Use least privilege IAM permissions — 2 findings'), r.stdout);
      assert.ok(
        lines.includes(
          "      lib/jobs-stack.ts:13:64  warning  's3:Get*' is a wildcard: it also matches actions added to s3 later. List the actions you need.  iam-wildcard-action",
        ),
        r.stdout,
      );
      assert.ok(
        lines.includes('  ✗ Enable CloudTrail in all regions — No multi-region CloudTrail trail (cloudtrail.Trail) in the project'),
        r.stdout,
      );
      assert.ok(lines.includes('  – Use AWS WAF for API protection — not applicable: no REST API in the project'), r.stdout);
      assert.ok(lines.includes('  ☐ Scan dependencies for vulnerabilities — check by hand'), r.stdout);
      assert.ok(
        lines.includes('  ✓ Review IAM policies periodically — checked by hand'),
        'manual checks come from .slsguard/checklist.json',
      );
      assert.ok(lines.includes('  ✓ Store secrets in Secrets Manager or Parameter Store'), r.stdout);
      // The command line only reads the manual checks.
      assert.equal(fs.readFileSync(path.join(root, '.slsguard', 'checklist.json'), 'utf8'), MANUAL);
    });

    it('writes stable JSON with 1-based positions relative to the current directory', () => {
      const r = slsguard(['checklist', '--format', 'json'], root);
      assert.equal(r.code, 1);
      assert.equal(slsguard(['checklist', '--format', 'json'], root).stdout, r.stdout, 'the same project gives the same bytes');
      const json = JSON.parse(r.stdout);
      assert.equal(json.version, 1);
      assert.equal(json.root, '.');
      assert.equal(json.hasCdk, true);
      assert.deepEqual(
        json.groups.map((g: { id: string }) => g.id),
        ['development', 'deployment', 'operations', 'testing'],
      );
      const items = json.groups.flatMap((g: { items: unknown[] }) => g.items) as Array<
        Record<string, unknown> & { findings: Array<Record<string, unknown>> }
      >;
      const leastPrivilege = items.find((i) => i.id === 'least-privilege')!;
      assert.equal(leastPrivilege.state, 'failed');
      // Each finding as the scan's JSON has it.
      const scanned = JSON.parse(slsguard(['scan', '--format', 'json'], root).stdout).findings;
      assert.deepEqual(leastPrivilege.findings, scanned);
      assert.equal(leastPrivilege.findings[0].file, 'lib/jobs-stack.ts');
      assert.equal(items.find((i) => i.id === 'review-iam-policies')!.state, 'checked');
      assert.equal(items.find((i) => i.id === 'waf')!.state, 'not-applicable');
      assert.equal(json.done, items.filter((i) => i.state === 'passed' || i.state === 'checked').length);
    });

    it('reads the manual checks of the project a sub-directory belongs to', () => {
      const json = JSON.parse(
        slsguard(['checklist', 'lib', '--format', 'json', '--rule', 'iam-admin-policy=off', '--rule', 'iam-wildcard-action=off'], root)
          .stdout,
      );
      assert.equal(json.root, '.');
      const items = json.groups.flatMap((g: { items: Array<{ id: string; state: string }> }) => g.items);
      assert.equal(items.find((i: { id: string }) => i.id === 'review-iam-policies').state, 'checked');
      assert.equal(items.find((i: { id: string }) => i.id === 'least-privilege').state, 'passed', '--rule applies');
    });

    it('says when the manual checks cannot be read, and what a project without CDK looks like', () => {
      fs.writeFileSync(path.join(root, '.slsguard', 'checklist.json'), '{ not json');
      const r = slsguard(['checklist'], root);
      assert.match(r.stdout, /\.slsguard\/checklist\.json is not valid JSON .*; items checked by hand show as unchecked\.$/m);
      const plain = makeProject({ 'src/util.ts': 'export const add = (a: number, b: number) => a + b;\n', 'package.json': '{}' });
      try {
        const p = slsguard(['checklist'], plain);
        assert.match(p.stdout, /No AWS CDK code found here \(no cdk\.json and no aws-cdk-lib imports\)\./);
      } finally {
        fs.rmSync(plain, { recursive: true, force: true });
      }
    });

    it('accepts only text and json', () => {
      const r = slsguard(['checklist', '--format', 'sarif'], root);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /--format must be one of text, json, not 'sarif'/);
    });
  });
});

const SUPPRESSED_STACK = ordersStack(
  [
    '    // slsguard-ignore-next-line iam-admin-policy -- kept from an older version',
    "    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: [orders.tableArn] }));",
    "    // slsguard-ignore-next-line iam-wildcard-resource -- X-Ray needs '*'; GetObject is scoped in OPS-7",
    "    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['xray:PutTraceSegments', 's3:GetObject'], resources: ['*'] }));",
  ].join('\n'),
);

describe('slsguard CLI: configuration and suppressions', function () {
  this.timeout(30000);
  let root: string;

  beforeEach(() => {
    root = makeProject({
      'lib/jobs-stack.ts': STACK,
      'lib/legacy/old-stack.ts': STACK,
      'lib/orders-stack.ts': SUPPRESSED_STACK,
      '.slsguard.json': `{
  // The legacy stacks are being replaced.
  "ignore": ["lib/legacy"],
  "rules": { "iam-admin-policy": "warning", "iam-shared-role": "of" },
  "colour": true,
}`,
    });
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const ids = (r: { stdout: string }) =>
    JSON.parse(r.stdout).findings.map((f: { ruleId: string; severity: string; file: string }) => `${f.file} ${f.ruleId}:${f.severity}`);

  it('reads the nearest .slsguard.json: severities and ignore globs apply, problems are reported with positions', () => {
    const r = slsguard(['scan', '.', '--format', 'json'], root);
    assert.equal(r.code, 1);
    assert.deepEqual(ids(r), [
      'lib/jobs-stack.ts iam-wildcard-action:warning',
      'lib/jobs-stack.ts iam-admin-policy:warning',
      'lib/orders-stack.ts suppression-unused:info',
      'lib/orders-stack.ts iam-wildcard-action:error',
    ]);
    assert.equal(JSON.parse(r.stdout).summary.files, 2, 'lib/legacy is never analysed');
    assert.equal(
      r.stderr,
      [
        'slsguard: .slsguard.json:4:64: error: "rules.iam-shared-role" must be one of "error", "warning", "info", "off", not "of": it is ignored.',
        'slsguard: .slsguard.json:5:3: warning: Unknown setting "colour": it is ignored. Settings are: rules, ignore, handlers, requireCustomerManagedKeys, secretWords, nonSecretWords, placeholderPatterns, testCode.',
        '',
      ].join('\n'),
    );
  });

  it('lets --rule win over the file, and --config replace it', () => {
    const flag = slsguard(['scan', 'lib/jobs-stack.ts', '--rule', 'iam-admin-policy=info', '--format', 'json'], root);
    assert.deepEqual(ids(flag), ['lib/jobs-stack.ts iam-wildcard-action:warning', 'lib/jobs-stack.ts iam-admin-policy:info']);
    fs.writeFileSync(path.join(root, 'strict.json'), '{ "rules": { "iam-wildcard-action": "off" } }');
    const other = slsguard(['scan', 'lib', '--config', 'strict.json', '--format', 'json'], root);
    assert.equal(other.stderr, '');
    assert.deepEqual(
      ids(other).filter((s: string) => s.startsWith('lib/jobs')),
      ['lib/jobs-stack.ts iam-admin-policy:error'],
    );
    assert.ok(
      ids(other).some((s: string) => s.startsWith('lib/legacy/')),
      'the other file has no ignore',
    );
    const missing = slsguard(['scan', '.', '--config', 'nope.json'], root);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read 'nope.json'/);
  });

  it('stops looking for .slsguard.json at the git root', () => {
    fs.mkdirSync(path.join(root, 'app', '.git'), { recursive: true });
    fs.mkdirSync(path.join(root, 'app', 'lib'), { recursive: true });
    fs.writeFileSync(path.join(root, 'app', 'lib', 'stack.ts'), STACK);
    const r = slsguard(['scan', 'app', '--format', 'json'], root);
    assert.deepEqual(
      ids(r),
      ['app/lib/stack.ts iam-wildcard-action:warning', 'app/lib/stack.ts iam-admin-policy:error'],
      'the file above the repository does not apply',
    );
  });

  it('leaves suppressed findings out of text and JSON, and lists them in SARIF with their reasons', () => {
    const text = slsguard(['scan', 'lib/orders-stack.ts'], root);
    assert.doesNotMatch(text.stdout, /iam-wildcard-resource/);
    assert.match(text.stdout, /2 findings .* 1 finding suppressed by comments\./);
    const sarif = JSON.parse(slsguard(['scan', 'lib/orders-stack.ts', '--format', 'sarif'], root).stdout);
    const suppressed = sarif.runs[0].results.filter((x: { suppressions?: unknown[] }) => x.suppressions);
    assert.equal(suppressed.length, 1);
    assert.equal(suppressed[0].ruleId, 'iam-wildcard-resource');
    assert.deepEqual(suppressed[0].suppressions, [
      {
        kind: 'inSource',
        justification: "X-Ray needs '*'; GetObject is scoped in OPS-7",
        location: {
          physicalLocation: {
            artifactLocation: { uri: 'lib/orders-stack.ts', uriBaseId: '%SRCROOT%' },
            region: { startLine: 18, startColumn: 5, endLine: 18, endColumn: 104 },
          },
        },
      },
    ]);
    assert.equal(sarif.runs[0].results.length, 3);
  });
});

describe('slsguard fix', function () {
  this.timeout(30000);
  let root: string;

  beforeEach(() => {
    root = makeProject({ 'lib/orders-stack.ts': SUPPRESSED_STACK, 'lib/jobs-stack.ts': STACK });
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('--dry-run prints a unified diff of the preferred fixes and changes nothing', () => {
    const r = slsguard(['fix', '--dry-run'], root);
    assert.equal(r.code, 1, 'findings remain');
    assert.equal(
      r.stdout,
      [
        '--- a/lib/orders-stack.ts',
        '+++ b/lib/orders-stack.ts',
        '@@ -13,7 +13,6 @@',
        "       handler: 'index.handler',",
        "       code: lambda.Code.fromAsset('lambda'), logRetention: cdk.aws_logs.RetentionDays.ONE_MONTH,",
        '     });',
        '-    // slsguard-ignore-next-line iam-admin-policy -- kept from an older version',
        "     fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: [orders.tableArn] }));",
        "     // slsguard-ignore-next-line iam-wildcard-resource -- X-Ray needs '*'; GetObject is scoped in OPS-7",
        "     fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['xray:PutTraceSegments', 's3:GetObject'], resources: ['*'] }));",
        '  lib/orders-stack.ts:16:34  Remove this unused suppression comment  suppression-unused',
        '',
        'Would fix 1 finding in 1 file. 3 findings remain: run `slsguard scan` to list them.',
        '',
      ].join('\n'),
    );
    assert.equal(fs.readFileSync(path.join(root, 'lib/orders-stack.ts'), 'utf8'), SUPPRESSED_STACK);
  });

  it('applies the preferred fixes plus the fixes of the rules named with --rule, and the findings are gone', () => {
    const r = slsguard(['fix', 'lib/orders-stack.ts', '--rule', 'iam-wildcard-action'], root);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      /lib\/orders-stack\.ts:17:60 {2}Replace the policy statement with orders\.grantReadWriteData\(fn\) {2}iam-wildcard-action/,
    );
    assert.match(r.stdout, /Fixed 2 findings in 1 file\. No findings remain\./);
    const after = fs.readFileSync(path.join(root, 'lib/orders-stack.ts'), 'utf8');
    assert.equal(
      after,
      SUPPRESSED_STACK.replace(
        "    // slsguard-ignore-next-line iam-admin-policy -- kept from an older version\n    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: [orders.tableArn] }));\n",
        '    orders.grantReadWriteData(fn);\n',
      ),
    );
    const scan = slsguard(['scan', 'lib/orders-stack.ts'], root);
    assert.equal(scan.code, 0, scan.stdout);
  });

  it('rejects flags that belong to scan, and bare rule ids outside fix', () => {
    for (const args of [
      ['fix', '--format', 'json'],
      ['scan', '--rule', 'iam-admin-policy'],
      ['scan', '--dry-run'],
    ]) {
      const r = slsguard(args, root);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /^slsguard: /);
    }
  });
});

describe('slsguard CLI: compile cache', function () {
  this.timeout(60000);
  let cacheHome: string;
  let project: string;

  beforeEach(() => {
    cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'slsguard-cache-'));
    project = makeProject({ 'lib/jobs-stack.ts': STACK });
  });

  afterEach(() => {
    fs.rmSync(cacheHome, { recursive: true, force: true });
    fs.rmSync(project, { recursive: true, force: true });
  });

  const scan = () => runCli(['scan', '.'], project, { XDG_CACHE_HOME: cacheHome });

  itOwnCache("keeps other installations' recent caches, and drops those unused for a week", () => {
    const dir = path.join(cacheHome, 'slsguard');
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const recent = path.join(dir, 'cli-v20.0.0-x64-1-1.v8cache');
    const stale = path.join(dir, 'cli-v20.0.0-x64-2-2.v8cache');
    fs.writeFileSync(recent, '');
    fs.writeFileSync(stale, '');
    const weekAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    fs.utimesSync(stale, weekAgo, weekAgo);
    assert.equal(scan().code, 1);
    const own = fs.readdirSync(dir).filter((n) => n.endsWith('.v8cache') && !n.startsWith('cli-v20.0.0-'));
    assert.deepEqual(
      own.map((n) => n.split('-')[0]).sort(),
      ['cli', 'typescript'],
      'the run made a cache of its own bundle and one of TypeScript',
    );
    assert.ok(fs.existsSync(recent), 'a cache another installation used lately is kept');
    assert.ok(!fs.existsSync(stale), 'a cache no run used for a week is dropped');
    // The next run uses the cache and gives the same report.
    const first = scan();
    assert.equal(first.code, 1);
    assert.equal(scan().stdout.replace(/\(\d+ ms\)/, ''), first.stdout.replace(/\(\d+ ms\)/, ''));
  });

  /** The one cache file a run made for its own bundle (`cli`), or for TypeScript, which it loads apart. */
  function ownCache(home: string, bundle: 'cli' | 'typescript' = 'cli'): string {
    const dir = path.join(home, 'slsguard');
    const names = fs.readdirSync(dir).filter((n) => n.startsWith(`${bundle}-`) && n.endsWith('.v8cache'));
    assert.equal(names.length, 1, names.join(', '));
    return path.join(dir, names[0]);
  }

  itOwnCache('starts the next run from the caches the first one made (its own and TypeScript’s), without making them again', () => {
    assert.equal(scan().code, 1);
    for (const bundle of ['cli', 'typescript'] as const) {
      const cache = ownCache(cacheHome, bundle);
      const made = fs.statSync(cache);
      assert.equal(scan().code, 1);
      // V8 rejects a cache made under other flags, and the launcher then writes a new file in its place.
      const after = fs.statSync(cache);
      assert.equal(after.ino, made.ino, `the ${bundle} cache was made again: V8 rejected it`);
      assert.equal(after.size, made.size);
    }
  });

  it('loads TypeScript only for a run that parses: an unchanged re-run with --cache takes every result without it', () => {
    // The launcher reads server/out/typescript.js when the code first uses TypeScript.
    const probe = path.join(cacheHome, 'watch.cjs');
    const mark = path.join(cacheHome, 'typescript-loaded');
    fs.writeFileSync(
      probe,
      `const fs = require('fs');
const read = fs.readFileSync;
fs.readFileSync = function (file, ...rest) {
  if (String(file).endsWith('typescript.js')) fs.writeFileSync(process.env.SLSGUARD_TEST_MARK, 'loaded');
  return read.call(this, file, ...rest);
};
`,
    );
    const run = () => {
      fs.rmSync(mark, { force: true });
      const r = runCli(['scan', '.', '--cache', '--format', 'json'], project, {
        XDG_CACHE_HOME: cacheHome,
        NODE_OPTIONS: `--require "${probe.split(path.sep).join('/')}"`,
        SLSGUARD_TEST_MARK: mark,
      });
      assert.equal(r.code, 1, r.stderr);
      const { findings, summary } = JSON.parse(r.stdout);
      return { findings, cache: summary.cache, typescript: fs.existsSync(mark) };
    };
    const cold = run();
    assert.deepEqual(cold.cache, { hits: 0, misses: 1 });
    assert.ok(cold.typescript, 'a run that analyses loads TypeScript');
    const again = run();
    assert.deepEqual(again.cache, { hits: 1, misses: 0 });
    assert.deepEqual(again.findings, cold.findings);
    assert.ok(!again.typescript, 'the unchanged re-run loaded TypeScript');
  });

  itOwnCache('keeps in its cache the code that ran at start-up, however many collections the run made', () => {
    // Garbage enough for several full collections before the cache is made at exit. V8 ages
    // out the bytecode of functions that have not run for a few of them (collections forced
    // with gc() do not age it), which would leave the module bodies out of the cache.
    const probe = path.join(project, 'collect.cjs');
    fs.writeFileSync(
      probe,
      `process.on('exit', () => {
  for (let i = 0; i < Number(process.env.SLSGUARD_TEST_COLLECTIONS); i++) ${GARBAGE_ROUND}
});
`,
    );
    const cacheSize = (collections: number): number => {
      const home = fs.mkdtempSync(path.join(os.tmpdir(), 'slsguard-cache-'));
      try {
        const r = runCli(['scan', '.'], project, {
          XDG_CACHE_HOME: home,
          // Forward slashes: NODE_OPTIONS reads a backslash in quotes as an escape (Windows paths).
          NODE_OPTIONS: `--require "${probe.split(path.sep).join('/')}"`,
          SLSGUARD_TEST_COLLECTIONS: String(collections),
        });
        assert.equal(r.code, 1, r.stderr);
        return fs.statSync(ownCache(home)).size;
      } finally {
        fs.rmSync(home, { recursive: true, force: true });
      }
    };
    const none = cacheSize(0);
    const many = cacheSize(40);
    assert.ok(many >= none * 0.9, `the cache made after 40 rounds of garbage is ${many} bytes, against ${none} without`);
  });
});
