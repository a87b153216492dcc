import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ChecklistItem, ChecklistResult } from '../../../shared/src/protocol';
import { lambdaFunction, stackFixture } from './cdkFixtures';
import { makeProject, TestClient, waitFor } from './lspClient';

/** The checklist requests and notification, against the bundled server over stdio. */

const JOBS = stackFixture(
  [`import * as iam from 'aws-cdk-lib/aws-iam';`, `import * as lambda from 'aws-cdk-lib/aws-lambda';`],
  'JobsStack',
);
const STACK = JOBS.stack(`${lambdaFunction()}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:*'], resources: ['arn:aws:sqs:eu-west-1:123456789012:jobs'] }));`);
/** 0-based line of the wildcard statement: the body's sixth line. */
const WILDCARD_LINE = JOBS.firstBodyLine - 1 + 5;

const TRAIL = `import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { Construct } from 'constructs';

export function audit(scope: Construct): void {
  new cloudtrail.Trail(scope, 'Trail', { isMultiRegionTrail: false });
}
`;

function items(result: ChecklistResult, folder = 0): Map<string, ChecklistItem> {
  return new Map(result.folders[folder].groups.flatMap((g) => g.items).map((i) => [i.id, i]));
}

describe('checklist over the language server protocol', function () {
  this.timeout(30000);
  let client: TestClient;
  let root: string;
  const checklist = () => client.connection.sendRequest('slsguard/checklist', {}) as Promise<ChecklistResult>;
  const setItem = (itemId: string, checked: boolean) =>
    client.connection.sendRequest('slsguard/setChecklistItem', { folderUri: pathToFileURL(root).toString(), itemId, checked });
  const changedNotifications = () => client.notifications.filter((n) => n.method === 'slsguard/checklistChanged').length;

  before(function () {
    if (!fs.existsSync(TestClient.serverPath())) throw new Error(`build the server first: ${TestClient.serverPath()} is missing`);
  });

  beforeEach(async () => {
    root = makeProject({ 'cdk.json': '{"app":"npx ts-node bin/app.ts"}', 'lib/jobs-stack.ts': STACK, 'lib/audit.ts': TRAIL });
    ({ client } = await TestClient.start(root));
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('answers with the folder’s checklist: groups, counts, findings at their location', async () => {
    const result = await checklist();
    assert.equal(result.folders.length, 1);
    const folder = result.folders[0];
    assert.equal(folder.enabled, true);
    assert.equal(folder.hasCdk, true);
    assert.equal(folder.name, path.basename(root));
    assert.deepEqual(
      folder.groups.map((g) => g.title),
      ['Development', 'Deployment', 'Operations', 'Testing'],
    );
    assert.equal(
      folder.done,
      folder.groups.reduce((n, g) => n + g.done, 0),
    );
    const byId = items(result);
    const leastPrivilege = byId.get('least-privilege')!;
    assert.equal(leastPrivilege.state, 'failed');
    assert.equal(leastPrivilege.guideSection, 'identity-and-access.md#least-privilege');
    assert.deepEqual(
      leastPrivilege.findings.map((f) => [f.ruleId, f.uri, f.range.start]),
      [['iam-wildcard-action', client.uri('lib/jobs-stack.ts'), { line: WILDCARD_LINE, character: 59 }]],
    );
    const trail = byId.get('cloudtrail-all-regions')!;
    assert.equal(trail.state, 'failed');
    assert.equal(trail.missing, 'No multi-region CloudTrail trail (cloudtrail.Trail) in the project');
    assert.equal(byId.get('waf')!.state, 'not-applicable');
    assert.equal(byId.get('review-iam-policies')!.state, 'unchecked');
  });

  it('follows unsaved edits without a scan, and tells the client once after a burst of changes', async () => {
    await checklist();
    await client.open('lib/audit.ts');
    const before = changedNotifications();
    for (let i = 0; i < 5; i++) await client.change('lib/audit.ts', TRAIL.replace('false', i % 2 ? 'false' : 'true'));
    await waitFor(() => changedNotifications() > before || undefined, 5000, 'a checklistChanged notification');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(changedNotifications(), before + 1, 'debounced: one notification for the burst');
    const trail = items(await checklist()).get('cloudtrail-all-regions')!;
    assert.equal(trail.state, 'passed');
    assert.deepEqual(
      trail.found.map((l) => [l.uri, l.range.start.line]),
      [[client.uri('lib/audit.ts'), 4]],
    );
  });

  it('ticks and unticks a manual item in .slsguard/checklist.json', async () => {
    await setItem('review-iam-policies', true);
    const file = path.join(root, '.slsguard', 'checklist.json');
    assert.equal(fs.readFileSync(file, 'utf8'), '{\n  "items": {\n    "review-iam-policies": true\n  },\n  "version": 1\n}\n');
    assert.equal(items(await checklist()).get('review-iam-policies')!.state, 'checked');
    await setItem('review-iam-policies', false);
    assert.equal(items(await checklist()).get('review-iam-policies')!.state, 'unchecked');
    assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')).items, {});
  });

  it('accepts a failed judged item with a reason beside the manual ticks, counts it done, and withdraws it', async () => {
    const accept = (itemId: string, reason?: string) =>
      client.connection.sendRequest('slsguard/acceptChecklistItem', {
        folderUri: pathToFileURL(root).toString(),
        itemId,
        ...(reason === undefined ? {} : { reason }),
      });
    const before = await checklist();
    assert.equal(items(before).get('guardduty')!.state, 'failed');
    await setItem('review-iam-policies', true);
    await accept('guardduty', "  Enabled for every account by the organization's security account ");
    const file = path.join(root, '.slsguard', 'checklist.json');
    assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), {
      accepted: { guardduty: "Enabled for every account by the organization's security account" },
      items: { 'review-iam-policies': true },
      version: 1,
    });
    const after = await checklist();
    const guardduty = items(after).get('guardduty')!;
    assert.equal(guardduty.state, 'accepted');
    assert.equal(guardduty.acceptedReason, "Enabled for every account by the organization's security account");
    assert.equal(guardduty.missing, 'No enabled GuardDuty detector (guardduty.CfnDetector) in the project', 'the evidence stays');
    assert.equal(after.folders[0].done, before.folders[0].done + 2, 'the tick and the acceptance');
    assert.equal(after.folders[0].total, before.folders[0].total);
    await accept('guardduty');
    assert.equal(items(await checklist()).get('guardduty')!.state, 'failed');
    assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')).accepted, {});
    await assert.rejects(accept('review-iam-policies', 'done'), /not a checklist item judged by analysis/);
  });

  it('refuses items that are not manual, and a manual-checks file it cannot read', async () => {
    await assert.rejects(setItem('least-privilege', true), /not a checklist item that is checked by hand/);
    await assert.rejects(setItem('no-such-item', true), /not a checklist item/);
    fs.mkdirSync(path.join(root, '.slsguard'));
    fs.writeFileSync(path.join(root, '.slsguard', 'checklist.json'), '{ "items": ');
    await assert.rejects(setItem('review-iam-policies', true), /is not valid JSON/);
    assert.equal(fs.readFileSync(path.join(root, '.slsguard', 'checklist.json'), 'utf8'), '{ "items": ');
    const result = await checklist();
    assert.match(result.folders[0].manualError ?? '', /is not valid JSON/);
  });

  it('says when a folder has no CDK code, and when analysis is turned off', async () => {
    fs.rmSync(path.join(root, 'cdk.json'));
    fs.writeFileSync(path.join(root, 'lib/jobs-stack.ts'), 'export const x = 1;\n');
    fs.writeFileSync(path.join(root, 'lib/audit.ts'), 'export const y = 2;\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: client.uri('cdk.json'), type: 3 },
        { uri: client.uri('lib/jobs-stack.ts'), type: 2 },
        { uri: client.uri('lib/audit.ts'), type: 2 },
      ],
    });
    assert.equal((await checklist()).folders[0].hasCdk, false);
    await client.setSettings({ enable: false });
    const off = (await checklist()).folders[0];
    assert.equal(off.enabled, false);
    assert.deepEqual(off.groups, []);
  });
});
