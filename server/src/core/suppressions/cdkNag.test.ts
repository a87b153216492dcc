import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { defaultConfig } from '../config';
import { Engine } from '../engine/engine';
import { MemoryHost } from '../model/memoryHost';
import { collectFindings } from '../report/report';
import { toSarif } from '../report/sarif';
import { formatText } from '../report/text';
import { allRules } from '../rules/registry';
import { CDK_NAG_RULE_IDS, CDK_NAG_SOURCE } from '../../test/cdkNagRules';
import { makeProject } from '../../test/lspClient';
import { runCli } from '../../test/robustness';

/**
 * Other tools' suppressions (the catalog's v2 conventions): a finding on a construct that carries
 * a reasoned cdk-nag suppression of an id mapped to the rule is reported suppressed, with
 * cdk-nag's reason, and not shown in the editor.
 */

const HEAD = `import * as cdk from 'aws-cdk-lib';
import { Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NagSuppressions } from 'cdk-nag';
`;

const FN = `new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('x'), logRetention: 30 })`;

const stack = (body: string, name = 'AppStack') => `${HEAD}
export class ${name} extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
${body}
  }
}
`;

function scan(files: Record<string, string>) {
  const engine = new Engine({ host: new MemoryHost(files), config: defaultConfig() });
  engine.analyzeFiles(Object.keys(files));
  const at = (f: { ruleId: string; range: { start: { line: number } }; suppressed?: { kind: string; reason: string } }) =>
    `${f.range.start.line + 1} ${f.ruleId}${f.suppressed ? ` (${f.suppressed.kind}: ${f.suppressed.reason})` : ''}`;
  return {
    engine,
    all: (file: string) => engine.findings(file, { includeSuppressed: true }).map(at),
    shown: (file: string) => engine.findings(file).map(at),
  };
}

describe('cdk-nag suppressions: the mapping', () => {
  it('names only ids that cdk-nag defines (snapshot of its rule packs)', () => {
    assert.match(CDK_NAG_SOURCE.commit, /^[0-9a-f]{40}$/);
    const known = new Set(CDK_NAG_RULE_IDS);
    const mapped = allRules.flatMap((r) => (r.meta.cdkNag ?? []).map((id) => ({ rule: r.meta.id, id })));
    assert.ok(mapped.length >= 15, 'the catalog maps its rules');
    for (const { rule, id } of mapped) assert.ok(known.has(id), `${rule}: ${id} is not a cdk-nag rule id`);
    const byRule = Object.fromEntries(allRules.filter((r) => r.meta.cdkNag).map((r) => [r.meta.id, r.meta.cdkNag]));
    assert.deepEqual(byRule['iam-wildcard-action'], ['AwsSolutions-IAM5']);
    assert.deepEqual(byRule['iam-wildcard-resource'], ['AwsSolutions-IAM5']);
    assert.deepEqual(byRule['iam-admin-policy'], ['AwsSolutions-IAM4']);
    assert.deepEqual(byRule['s3-enforce-ssl'], ['AwsSolutions-S10']);
    assert.deepEqual(byRule['apigw-no-auth'], ['AwsSolutions-APIG4']);
  });

  it('shows the cdk-nag ids on the rule pages and in SARIF rule metadata', () => {
    const page = fs.readFileSync('docs/rules/iam-wildcard-resource.md', 'utf8');
    assert.match(page, /cdk-nag: AwsSolutions-IAM5/);
    assert.match(page, /A suppression without a reason does not count/);
    const sarif = toSarif({ findings: [], files: 0, durationMs: 0, cwd: '/p' }, allRules);
    const rule = sarif.runs[0].tool.driver.rules?.find((r) => r.id === 's3-enforce-ssl');
    assert.deepEqual(rule?.properties?.['cdk-nag'], ['AwsSolutions-S10']);
  });
});

describe('cdk-nag suppressions: what they cover', () => {
  it('a resource suppression with a reason covers that construct only; one without a reason counts for nothing', () => {
    const { all, shown } = scan({
      '/p/lib/stack.ts': stack(`    const logs = new s3.Bucket(this, 'Logs');
    NagSuppressions.addResourceSuppressions(logs, [{ id: 'AwsSolutions-S10', reason: 'Written by the ALB over TLS only' }]);
    const other = new s3.Bucket(this, 'Other');
    const noReason = new s3.Bucket(this, 'NoReason');
    NagSuppressions.addResourceSuppressions(noReason, [{ id: 'AwsSolutions-S10', reason: '' }]);
    NagSuppressions.addResourceSuppressions(other, [{ id: 'AwsSolutions-IAM5', reason: 'Another rule entirely' }]);`),
    });
    assert.deepEqual(all('/p/lib/stack.ts'), [
      '11 s3-enforce-ssl (cdk-nag: Written by the ALB over TLS only)',
      '13 s3-enforce-ssl',
      '14 s3-enforce-ssl',
    ]);
    assert.deepEqual(shown('/p/lib/stack.ts'), ['13 s3-enforce-ssl', '14 s3-enforce-ssl'], 'the editor shows no suppressed finding');
  });

  it('applyToChildren covers the policies added to a function; finding-specific ids cover only that action or resource', () => {
    const { all } = scan({
      '/p/lib/stack.ts': stack(`    const fn = ${FN};
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*', 'dynamodb:*'], resources: ['*'] }));
    NagSuppressions.addResourceSuppressions(fn, [
      { id: 'AwsSolutions-IAM5', reason: 'The bucket is chosen at run time', appliesTo: ['Action::s3:*'] },
    ], true);
    const worker = ${FN.replace("'Fn'", "'Worker'")};
    worker.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:*'], resources: ['*'] }));
    NagSuppressions.addResourceSuppressions(worker, [{ id: 'AwsSolutions-IAM5', reason: 'Only the function itself, not its role' }]);
    const v3 = ${FN.replace("'Fn'", "'V3'")};
    v3.addToRolePolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }));
    Validations.of(v3).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason: 'Topics are created per tenant' });`),
    });
    assert.deepEqual(
      all('/p/lib/stack.ts').filter((f) => f.includes('iam-')),
      [
        '12 iam-wildcard-action (cdk-nag: The bucket is chosen at run time)',
        '12 iam-wildcard-action',
        '12 iam-wildcard-resource',
        '17 iam-wildcard-action',
        '17 iam-wildcard-resource',
        '20 iam-wildcard-resource (cdk-nag: Topics are created per tenant)',
      ],
    );
  });

  it('a stack suppression covers the stack, the constructs it creates in other files, and stacks named from the app', () => {
    const construct = `${HEAD}
import { Construct } from 'constructs';
export class Storage extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new s3.Bucket(this, 'Data');
  }
}
`;
    const { all } = scan({
      '/p/lib/storage.ts': construct,
      '/p/lib/stack.ts': stack(`    new Storage(this, 'Storage');
    new s3.Bucket(this, 'Own');
    NagSuppressions.addStackSuppressions(this, [{ id: 'AwsSolutions-S10', reason: 'Internal data, TLS enforced by SCP' }]);`).replace(
        HEAD,
        `${HEAD}import { Storage } from './storage';\n`,
      ),
      '/p/lib/other.ts': stack(`    new s3.Bucket(this, 'Elsewhere');`, 'OtherStack'),
      '/p/bin/app.ts': `import * as cdk from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';
import { OtherStack } from '../lib/other';
const app = new cdk.App();
const other = new OtherStack(app, 'Other');
NagSuppressions.addStackSuppressions(other, [{ id: 'AwsSolutions-S10', reason: 'Demo stack, deleted nightly' }]);
`,
    });
    assert.deepEqual(all('/p/lib/stack.ts'), ['13 s3-enforce-ssl (cdk-nag: Internal data, TLS enforced by SCP)']);
    assert.deepEqual(all('/p/lib/storage.ts'), ['12 s3-enforce-ssl (cdk-nag: Internal data, TLS enforced by SCP)']);
    assert.deepEqual(all('/p/lib/other.ts'), ['11 s3-enforce-ssl (cdk-nag: Demo stack, deleted nightly)']);
  });

  it('a path suppression covers the construct with those ids, and what it made below it', () => {
    const { all } = scan({
      '/p/lib/stack.ts': stack(`    new s3.Bucket(this, 'Assets');
    new s3.Bucket(this, 'Uploads');
    const fn = ${FN};
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    NagSuppressions.addResourceSuppressionsByPath(this, \`/\${this.stackName}/Assets/Resource\`, [{ id: 'AwsSolutions-S10', reason: 'Served by CloudFront only' }]);
    NagSuppressions.addResourceSuppressionsByPath(this, ['/AppStack/Fn/ServiceRole/DefaultPolicy/Resource'], [
      { id: 'AwsSolutions-IAM5', reason: 'Objects are named at run time' },
    ]);`),
    });
    assert.deepEqual(all('/p/lib/stack.ts'), [
      '11 s3-enforce-ssl (cdk-nag: Served by CloudFront only)',
      '12 s3-enforce-ssl',
      '14 iam-wildcard-resource (cdk-nag: Objects are named at run time)',
    ]);
  });

  it('reports suppressed findings in SARIF as external with the justification, and in the text summary', () => {
    const { engine } = scan({
      '/p/lib/stack.ts': stack(`    const logs = new s3.Bucket(this, 'Logs');
    NagSuppressions.addResourceSuppressions(logs, [{ id: 'AwsSolutions-S10', reason: 'Written by the ALB over TLS only' }]);`),
    });
    const { findings, suppressed } = collectFindings(engine, ['/p/lib/stack.ts'], 'info');
    const report = { findings, suppressed, files: 1, durationMs: 1, cwd: '/p' };
    const result = toSarif(report, allRules).runs[0].results?.find((r) => r.ruleId === 's3-enforce-ssl');
    assert.equal(result?.suppressions?.[0].kind, 'external');
    assert.equal(result?.suppressions?.[0].justification, 'Written by the ALB over TLS only');
    assert.match(formatText(report), /1 finding suppressed by cdk-nag suppressions; --show-suppressed lists them\./);
    const listed = formatText({ ...report, showSuppressed: true });
    assert.match(
      listed,
      /Suppressed:\n {2}lib\/stack\.ts:11:\d+ .* s3-enforce-ssl {2}\(suppressed by cdk-nag: Written by the ALB over TLS only\)/,
    );
  });
});

describe('cdk-nag suppressions: the command line', function () {
  this.timeout(30000);

  it('--show-suppressed lists them with their reasons', () => {
    const root = makeProject({
      'lib/stack.ts': stack(`    const logs = new s3.Bucket(this, 'Logs');
    NagSuppressions.addResourceSuppressions(logs, [{ id: 'AwsSolutions-S10', reason: 'Written by the ALB over TLS only' }]);`),
    });
    try {
      const plain = runCli(['scan', '.'], root);
      assert.doesNotMatch(plain.stdout, /s3-enforce-ssl/);
      const listed = runCli(['scan', '.', '--show-suppressed'], root);
      assert.match(listed.stdout, /s3-enforce-ssl {2}\(suppressed by cdk-nag: Written by the ALB over TLS only\)/);
      const json = JSON.parse(runCli(['scan', '.', '--show-suppressed', '--format', 'json'], root).stdout);
      assert.deepEqual(
        json.suppressed.map((f: { ruleId: string; suppression: unknown }) => [f.ruleId, f.suppression]),
        [['s3-enforce-ssl', { kind: 'cdk-nag', reason: 'Written by the ALB over TLS only' }]],
      );
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
