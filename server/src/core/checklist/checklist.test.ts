import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { defaultConfig, EngineConfig } from '../config';
import { Engine } from '../engine/engine';
import { isGuideSection } from '../guide/sections';
import { packageRoot } from '../meta';
import { MemoryHost } from '../model/memoryHost';
import { analyzeProject } from '../project';
import { allRules } from '../rules/registry';
import { hasCdkTypings, typeCheckLater } from '../../test/typeCheck';
import { collectInventory } from './inventory';
import { CHECKLIST, CHECKLIST_GROUPS } from './items';
import { Checklist, ChecklistItemResult, checklistOf, ChecklistState, judgeChecklist } from './projectChecklist';
import type { ManualChecks } from './manual';

/** Every rule id of the rule catalog (v1); the checklist may name only these. */
const CATALOG_RULE_IDS = [
  'iam-wildcard-action',
  'iam-wildcard-resource',
  'iam-admin-policy',
  'iam-shared-role',
  'iam-privilege-escalation',
  'lambda-public-invoke',
  'lambda-permission-no-source',
  'secret-in-env',
  'secret-plaintext-value',
  'hardcoded-secret',
  'apigw-no-auth',
  'apigw-no-request-validation',
  'apigw-no-throttling',
  'apigw-no-access-logging',
  'apigw-no-waf',
  's3-public-access',
  's3-enforce-ssl',
  's3-unencrypted',
  'sqs-unencrypted',
  'sns-unencrypted',
  'dynamodb-cmk',
  'kms-key-rotation',
  'logs-retention',
  'logs-unencrypted',
  'sg-allow-all-outbound',
  'sg-open-ingress',
  'lambda-public-subnet',
  'trail-single-region',
  'handler-logs-sensitive',
  'handler-env-secret',
  'handler-unvalidated-input',
  'handler-injection',
  'handler-unsanitized-html',
  'handler-error-leak',
  'lambda-deprecated-runtime',
  'sqs-enforce-ssl',
  'sns-enforce-ssl',
  'rds-unencrypted',
  'apigw-tls-version',
  'apigw-data-trace',
  'trail-incomplete',
  'handler-prompt-injection',
  'resource-policy-public',
  'secret-unwrapped',
  'secret-no-rotation',
];

const FIXTURES = path.join(packageRoot(), 'server', 'src', 'core', 'checklist', 'fixtures');

function checklistOfFixture(name: string, config: EngineConfig = defaultConfig()): Checklist {
  const root = path.join(FIXTURES, name);
  const { engine, files } = analyzeProject({ paths: [root], cwd: root, config });
  try {
    return checklistOf(engine, root, files);
  } finally {
    engine.dispose();
  }
}

function item(checklist: Checklist, id: string): ChecklistItemResult {
  const found = checklist.groups.flatMap((g) => g.items).find((i) => i.id === id);
  assert.ok(found, `no item ${id}`);
  return found;
}

function states(checklist: Checklist): Record<string, ChecklistState> {
  return Object.fromEntries(checklist.groups.flatMap((g) => g.items).map((i) => [i.id, i.state]));
}

/** An in-memory project: relative path → text. */
function memoryChecklist(files: Record<string, string>): { checklist: () => Checklist; engine: Engine; host: MemoryHost } {
  const root = '/project';
  const host = new MemoryHost(Object.fromEntries(Object.entries(files).map(([rel, text]) => [`${root}/${rel}`, text])));
  const engine = new Engine({ host, collectInventory });
  const sources = Object.keys(files)
    .filter((f) => /\.[jt]s$/.test(f))
    .map((rel) => `${root}/${rel}`);
  engine.setFiles(sources);
  return {
    engine,
    host,
    checklist: () => {
      engine.analyzeFiles(sources);
      return checklistOf(engine, root, sources);
    },
  };
}

const CDK = `import * as cdk from 'aws-cdk-lib';\n`;

describe('checklist definition', () => {
  it('has the guide’s items in its four groups', () => {
    assert.deepEqual(
      CHECKLIST_GROUPS.map((g) => g.title),
      ['Development', 'Deployment', 'Operations', 'Testing'],
    );
    const count = (group: string) => CHECKLIST.filter((i) => i.group === group).length;
    assert.deepEqual(
      CHECKLIST_GROUPS.map((g) => count(g.id)),
      [7, 7, 7, 6],
    );
  });

  it('gives every item a stable id, a tooltip and a guide section that exists', () => {
    const ids = CHECKLIST.map((i) => i.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const i of CHECKLIST) {
      assert.match(i.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(i.tooltip.length > 40, i.id);
      assert.ok(isGuideSection(i.guideSection), `${i.id}: ${i.guideSection}`);
    }
  });

  it('names only rules of the catalog, and judges by analysis exactly the items that name rules or a construct', () => {
    const catalog = new Set(CATALOG_RULE_IDS);
    for (const i of CHECKLIST) {
      assert.deepEqual(
        i.rules.filter((r) => !catalog.has(r)),
        [],
        i.id,
      );
      assert.equal(i.manual, i.rules.length === 0 && !i.requires, i.id);
      assert.ok(!i.failsOn || (i.manual && i.failsOn.every((r) => catalog.has(r))), i.id);
    }
    // The catalog list above stays current: every registered rule is in it (meta rules about
    // suppression comments are not the catalog's and judge nothing).
    assert.deepEqual(
      allRules
        .filter((r) => r.meta.category !== 'meta')
        .map((r) => r.meta.id)
        .filter((id) => !catalog.has(id)),
      [],
    );
  });
});

describe('checklist judgement', () => {
  it('passes every analysable item of a secure project, and counts the manual checks', () => {
    const checklist = checklistOfFixture('all-passed');
    const failed = checklist.groups.flatMap((g) => g.items).filter((i) => i.state !== 'passed' && i.state !== 'checked');
    assert.deepEqual(
      failed.map((i) => `${i.id}: ${i.detail} ${i.findings.map((f) => f.message).join(' | ')}`),
      [],
    );
    assert.equal(checklist.done, CHECKLIST.length);
    assert.equal(checklist.total, CHECKLIST.length);
    assert.deepEqual(
      checklist.groups.map((g) => [g.done, g.total]),
      [
        [7, 7],
        [7, 7],
        [7, 7],
        [6, 6],
      ],
    );
    assert.equal(checklist.hasCdk, true);
    // A passed item that needs a construct says where it is.
    const trail = item(checklist, 'cloudtrail-all-regions');
    assert.equal(trail.found.length, 1);
    assert.ok(trail.found[0].file.endsWith('/all-passed/lib/orders-stack.ts'));
    assert.equal(trail.found[0].range.start.line + 1, 102);
  });

  it('fails items with findings of their rules, and items whose construct is missing', () => {
    const checklist = checklistOfFixture('some-failed');
    const leastPrivilege = item(checklist, 'least-privilege');
    assert.equal(leastPrivilege.state, 'failed');
    assert.equal(leastPrivilege.detail, '1 finding');
    assert.deepEqual(
      leastPrivilege.findings.map((f) => [f.ruleId, path.basename(f.file), f.range.start.line + 1, f.range.start.character + 1]),
      [['iam-wildcard-action', 'jobs-stack.ts', 21, 64]],
    );
    assert.equal(item(checklist, 'resource-based-policies').findings[0].ruleId, 'lambda-public-invoke');
    // Single-region trail, disabled detector, a REST API without WAF, a function in a VPC without endpoints.
    for (const id of ['cloudtrail-all-regions', 'guardduty', 'waf', 'vpc-endpoints']) {
      const i = item(checklist, id);
      assert.equal(i.state, 'failed', id);
      assert.ok(i.missing, id);
      assert.ok(i.detail.startsWith(i.missing!), i.detail);
    }
    assert.equal(item(checklist, 'cloudtrail-all-regions').missing, 'No multi-region CloudTrail trail (cloudtrail.Trail) in the project');
    // The function is in a VPC: the VPC item applies; nothing in the project is a data store or a handler.
    assert.notEqual(item(checklist, 'vpc-for-sensitive-workloads').state, 'not-applicable');
    assert.equal(item(checklist, 'encrypt-data-stores').state, 'not-applicable');
    assert.equal(item(checklist, 'no-sensitive-logs').state, 'not-applicable');
    const deployment = checklist.groups.find((g) => g.id === 'deployment')!;
    assert.ok(deployment.done < deployment.total);
  });

  it('marks items about things the project does not have as not applicable, with the reason', () => {
    const checklist = checklistOfFixture('not-applicable');
    const na = Object.entries(states(checklist))
      .filter(([, s]) => s === 'not-applicable')
      .map(([id]) => id);
    assert.deepEqual(na, [
      'validate-input',
      'no-sensitive-logs',
      'encrypt-data-stores',
      'vpc-for-sensitive-workloads',
      'vpc-endpoints',
      'waf',
      'api-access-logging',
    ]);
    assert.equal(item(checklist, 'waf').detail, 'not applicable: no REST API in the project');
    assert.equal(item(checklist, 'vpc-endpoints').detail, 'not applicable: no Lambda function in a VPC');
    assert.equal(item(checklist, 'least-privilege').state, 'passed');
    assert.equal(item(checklist, 'scan-dependencies').state, 'unchecked');
    assert.equal(checklist.total, CHECKLIST.length - na.length);
    assert.equal(checklist.done, 5, 'least privilege, the three secret items (rotation: no secret to rotate) and resource-based policies');
  });

  const fixtureSources = new Map<string, string>();
  for (const name of ['all-passed', 'some-failed', 'not-applicable']) {
    const { engine, files: sources } = analyzeProject({
      paths: [path.join(FIXTURES, name)],
      cwd: path.join(FIXTURES, name),
      config: defaultConfig(),
    });
    for (const file of sources) fixtureSources.set(file, engine.host.readFile(file)!);
    engine.dispose();
  }
  const fixtureCheck = typeCheckLater(fixtureSources, { scratch: FIXTURES });

  it('judges fixtures that are real CDK code (they type-check against aws-cdk-lib)', function () {
    this.timeout(120000);
    if (!hasCdkTypings()) this.skip();
    assert.deepEqual(fixtureCheck.problems(), []);
  });

  it('does not fail an item on a rule the configuration turns off', () => {
    const checklist = checklistOfFixture('some-failed', defaultConfig({ rules: { 'iam-wildcard-action': 'off' } }));
    assert.equal(item(checklist, 'least-privilege').state, 'passed');
  });

  it('updates from per-file results: an edit re-analyses that file only', () => {
    const project = memoryChecklist({
      'cdk.json': '{}',
      'lib/audit.ts': `${CDK}import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';\nexport const props = { isMultiRegionTrail: false };\n`,
      'lib/app.ts': `${CDK}import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';\nimport { props } from './audit';\nnew cloudtrail.Trail(app, 'Trail', props);\n`,
      'lib/other.ts': `${CDK}export const x = 1;\n`,
    });
    assert.equal(item(project.checklist(), 'cloudtrail-all-regions').state, 'failed', 'the flag is followed into the other file');
    const other = project.engine.cachedResult('/project/lib/other.ts');
    project.host.write('/project/lib/audit.ts', `export const props = { isMultiRegionTrail: true };\n`);
    assert.equal(item(project.checklist(), 'cloudtrail-all-regions').state, 'passed');
    assert.equal(project.engine.cachedResult('/project/lib/other.ts'), other, 'an unrelated file is not analysed again');
  });

  it('fails the dependencies item, ticked or not, while a function runs on a deprecated runtime', () => {
    const stack = (runtime: string) =>
      `${CDK}import * as lambda from 'aws-cdk-lib/aws-lambda';\nconst app = new cdk.App();\nconst s = new cdk.Stack(app, 'S');\n` +
      `new lambda.Function(s, 'Fn', { runtime: lambda.Runtime.${runtime}, handler: 'index.handler', code: lambda.Code.fromAsset('src') });\n`;
    const project = memoryChecklist({ 'cdk.json': '{}', 'lib/app.ts': stack('NODEJS_16_X') });
    const failed = item(project.checklist(), 'scan-dependencies');
    assert.equal(failed.state, 'failed');
    assert.equal(failed.detail, '1 finding');
    assert.deepEqual(
      failed.findings.map((f) => f.ruleId),
      ['lambda-deprecated-runtime'],
    );
    assert.ok(failed.rules.includes('lambda-deprecated-runtime'), 'the item names the rule that fails it');
    const judged = (manual: ManualChecks) => judgeChecklist({ entries: [], findings: failed.findings, manual, hasCdk: true });
    assert.equal(item(judged({ checked: { 'scan-dependencies': true } }), 'scan-dependencies').state, 'failed', 'a tick does not hide it');
    const accepted = item(judged({ checked: {}, accepted: { 'scan-dependencies': 'migration planned for Q1' } }), 'scan-dependencies');
    assert.equal(accepted.state, 'accepted');
    assert.equal(accepted.detail, 'accepted: migration planned for Q1 (1 finding)');
    project.host.write('/project/lib/app.ts', stack('NODEJS_22_X'));
    assert.equal(item(project.checklist(), 'scan-dependencies').state, 'unchecked', 'a current runtime leaves the item to the team');
  });

  it('knows a project without AWS CDK code', () => {
    assert.equal(
      memoryChecklist({ 'src/index.ts': `export const handler = async () => ({ statusCode: 200 });\n` }).checklist().hasCdk,
      false,
    );
    assert.equal(memoryChecklist({ 'cdk.json': '{}', 'bin/app.js': 'console.log(1);\n' }).checklist().hasCdk, true);
    assert.equal(memoryChecklist({ 'lib/s.js': `const cdk = require('@aws-cdk/core');\n` }).checklist().hasCdk, true);
  });
});

describe('checklist inventory', () => {
  const judge = (code: string, file = 'lib/stack.ts') => memoryChecklist({ [file]: code }).checklist();

  it('counts a CfnTrail as multi-region only when it says so, and a Trail unless it says otherwise', () => {
    const cfn = (flag: string) =>
      `${CDK}import { aws_cloudtrail as ct } from 'aws-cdk-lib';\nnew ct.CfnTrail(s, 'T', { isLogging: true, s3BucketName: 'b'${flag} });\n`;
    assert.equal(item(judge(cfn('')), 'cloudtrail-all-regions').state, 'failed');
    // The item also asks for log file validation (trail-incomplete), which a CfnTrail must write.
    assert.equal(item(judge(cfn(', isMultiRegionTrail: true, enableLogFileValidation: true')), 'cloudtrail-all-regions').state, 'passed');
    const l2 = `const cloudtrail = require('aws-cdk-lib/aws-cloudtrail');\nconst shared = { isMultiRegionTrail: process.env.X === 'y' };\nnew cloudtrail.Trail(s, 'T', { ...shared });\n`;
    assert.equal(item(judge(l2, 'lib/stack.js'), 'cloudtrail-all-regions').state, 'passed', 'an unknown flag keeps the CDK default');
  });

  it('judges secret rotation: a secret nothing rotates fails the item, one rotated in another file passes it', () => {
    const secret = `${CDK}import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';\nexport const token = new secretsmanager.Secret(s, 'Token');\n`;
    const failed = item(judge(secret), 'rotate-secrets');
    assert.equal(failed.state, 'failed');
    assert.deepEqual(
      failed.findings.map((f) => [f.ruleId, f.range.start.line + 1]),
      [['secret-no-rotation', 3]],
    );
    const rotated = memoryChecklist({
      'lib/stack.ts': secret,
      'lib/rotation.ts': `${CDK}import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';\nimport { token } from './stack';\ntoken.addRotationSchedule('R', { hostedRotation: secretsmanager.HostedRotation.mysqlSingleUser() });\n`,
    });
    assert.equal(item(rotated.checklist(), 'rotate-secrets').state, 'passed');
  });

  it('ignores a local class that happens to be called Trail', () => {
    assert.equal(
      item(judge(`${CDK}class Trail { constructor(..._: unknown[]) {} }\nnew Trail(s, 'T', {});\n`), 'cloudtrail-all-regions').state,
      'failed',
    );
  });

  it('tells an HTTP API (no WAF) from a REST API', () => {
    const checklist = judge(`${CDK}import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';\nnew apigwv2.HttpApi(s, 'Api');\n`);
    assert.equal(item(checklist, 'waf').state, 'not-applicable');
    assert.notEqual(item(checklist, 'api-access-logging').state, 'not-applicable');
    assert.notEqual(item(checklist, 'validate-input').state, 'not-applicable');
  });

  it('finds VPC endpoints however they are added', () => {
    const inVpc = `import * as ec2 from 'aws-cdk-lib/aws-ec2';\nimport * as lambda from 'aws-cdk-lib/aws-lambda';\nnew lambda.CfnFunction(s, 'F', { role: 'r', code: {}, vpcConfig: { subnetIds: ['a'] } });\n`;
    const endpoint = (code: string) => item(judge(`${inVpc}${code}\n`), 'vpc-endpoints').state;
    assert.equal(endpoint(''), 'failed');
    assert.equal(
      endpoint(`new ec2.Vpc(s, 'V', { gatewayEndpoints: { S3: { service: ec2.GatewayVpcEndpointAwsService.S3 } } });`),
      'passed',
    );
    assert.equal(endpoint(`new ec2.Vpc(s, 'V', { gatewayEndpoints: {} });`), 'failed');
    assert.equal(endpoint(`new ec2.InterfaceVpcEndpoint(s, 'E', { vpc, service: ec2.InterfaceVpcEndpointAwsService.SQS });`), 'passed');
    assert.equal(endpoint(`vpc.addInterfaceEndpoint('E', { service: ec2.InterfaceVpcEndpointAwsService.SQS });`), 'passed');
  });

  it('finds exported Lambda handlers in every module style', () => {
    const handler = (code: string, file = 'src/h.ts') =>
      item(memoryChecklist({ 'cdk.json': '{}', [file]: code }).checklist(), 'no-sensitive-logs').state;
    assert.equal(handler('export async function handler() {}\n'), 'passed');
    assert.equal(handler('const main = async () => 1;\nexport { main as handler };\n'), 'passed');
    assert.equal(handler('exports.handler = async () => 1;\n', 'src/h.js'), 'passed');
    assert.equal(handler('module.exports = { handler: async () => 1 };\n', 'src/h.js'), 'passed');
    assert.equal(handler('export async function main() {}\n'), 'not-applicable');
  });

  it('fails input validation on a model call whose system prompt holds event data (handler-prompt-injection)', () => {
    const validateInput = (system: string) =>
      item(
        memoryChecklist({
          'cdk.json': '{}',
          'src/h.ts': `import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import type { EventBridgeEvent } from 'aws-lambda';
const bedrock = new BedrockRuntimeClient({});
export const handler = async (event: EventBridgeEvent<'Review', { product: string; text: string }>) => {
  const review = event.detail;
  await bedrock.send(new ConverseCommand({ modelId: 'm', system: [{ text: ${system} }], messages: [{ role: 'user', content: [{ text: review.text }] }] }));
};
`,
        }).checklist(),
        'validate-input',
      );
    const failed = validateInput('`You moderate reviews of ${review.product}`');
    assert.equal(failed.state, 'failed');
    assert.deepEqual(
      failed.findings.map((f) => f.ruleId),
      ['handler-prompt-injection'],
    );
    assert.equal(validateInput("'You moderate product reviews.'").state, 'passed');
  });

  it('treats a GuardDuty detector that is switched off as missing', () => {
    const detector = (enable: string) =>
      item(judge(`import { aws_guardduty as gd } from 'aws-cdk-lib';\nnew gd.CfnDetector(s, 'D', { enable: ${enable} });\n`), 'guardduty');
    assert.equal(detector('true').state, 'passed');
    assert.equal(detector('false').state, 'failed');
    assert.equal(detector('false').detail, 'No enabled GuardDuty detector (guardduty.CfnDetector) in the project');
  });
});
