import * as assert from 'node:assert/strict';
import { defaultConfig } from '../config';
import { Engine } from '../engine/engine';
import { MemoryHost } from '../model/memoryHost';
import type { Position } from '../types';
import { hoverAt } from './hover';

/**
 * Hover and the rules tell one story. On the same code, the card hover shows for a property or
 * a call warns (a `risk` verdict) exactly when the rules that judge it report a finding there:
 * both read the value through `lookup` (model/lookup.ts) and judge it with the same knowledge
 * (cdk/knowledge.ts).
 */

const FILE = '/project/lib/stack.ts';

const HEADER = `import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
const stack = new Stack(new App(), 'S');
const bucket = new s3.Bucket(stack, 'B');
declare const fn: lambda.Function;
declare const role: iam.Role;
`;

interface Case {
  name: string;
  /** Code after the header. */
  code: string;
  /** Where the hover is: the start of this text (its first occurrence after the header). */
  at: string;
  /** The code the findings that go with this card lie in: the property, or the call. */
  region: string;
  /** The rules that judge what the card judges. */
  rules: string[];
  /** Whether the rules report it (and so whether the card must warn). */
  flagged: boolean;
}

const statement = (props: string) => `new iam.PolicyStatement({ ${props} });\n`;

const CASES: Case[] = [
  {
    name: 'a service-wide wildcard action',
    code: statement("actions: ['s3:*'], resources: [bucket.bucketArn]"),
    at: 'actions',
    region: "actions: ['s3:*']",
    rules: ['iam-wildcard-action', 'iam-privilege-escalation'],
    flagged: true,
  },
  {
    name: 'explicit actions',
    code: statement("actions: ['s3:GetObject', 's3:PutObject'], resources: [bucket.arnForObjects('*')]"),
    at: 'actions',
    region: "actions: ['s3:GetObject', 's3:PutObject']",
    rules: ['iam-wildcard-action', 'iam-privilege-escalation'],
    flagged: false,
  },
  {
    name: 'an escalation action on every resource',
    code: statement("actions: ['iam:PassRole'], resources: ['*']"),
    at: 'actions',
    region: "actions: ['iam:PassRole']",
    rules: ['iam-wildcard-action', 'iam-privilege-escalation'],
    flagged: true,
  },
  {
    name: 'an escalation action scoped to one role',
    code: statement("actions: ['iam:PassRole'], resources: [role.roleArn]"),
    at: 'actions',
    region: "actions: ['iam:PassRole']",
    rules: ['iam-wildcard-action', 'iam-privilege-escalation'],
    flagged: false,
  },
  {
    name: 'an escalation action in a Deny statement',
    code: statement("effect: iam.Effect.DENY, actions: ['iam:PassRole'], resources: ['*']"),
    at: 'actions',
    region: "actions: ['iam:PassRole']",
    rules: ['iam-wildcard-action', 'iam-privilege-escalation'],
    flagged: false,
  },
  {
    name: 'every resource for actions that name one',
    code: statement("actions: ['s3:GetObject'], resources: ['*']"),
    at: 'resources',
    region: "resources: ['*']",
    rules: ['iam-wildcard-resource'],
    flagged: true,
  },
  {
    name: 'every resource for actions that only accept `*`',
    code: statement("actions: ['xray:PutTraceSegments', 'cloudwatch:PutMetricData'], resources: ['*']"),
    at: 'resources',
    region: "resources: ['*']",
    rules: ['iam-wildcard-resource'],
    flagged: false,
  },
  {
    name: 'a `*`-only action mixed with one that names a resource',
    code: statement("actions: ['xray:PutTraceSegments', 's3:GetObject'], resources: ['*']"),
    at: 'resources',
    region: "resources: ['*']",
    rules: ['iam-wildcard-resource'],
    flagged: true,
  },
  {
    name: 'a key policy statement, whose `*` means the key',
    code: statement("principals: [new iam.AccountRootPrincipal()], actions: ['kms:Decrypt', 'kms:Encrypt'], resources: ['*']"),
    at: 'resources',
    region: "resources: ['*']",
    rules: ['iam-wildcard-resource'],
    flagged: false,
  },
  {
    name: 'the AdministratorAccess managed policy',
    code: `new iam.Role(stack, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')] });\n`,
    at: 'managedPolicies',
    region: "managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')]",
    rules: ['iam-admin-policy'],
    flagged: true,
  },
  {
    name: 'a full-access managed policy named by its ARN',
    code: `new iam.Role(stack, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromManagedPolicyArn(stack, 'P', 'arn:aws:iam::aws:policy/AmazonS3FullAccess')] });\n`,
    at: 'managedPolicies',
    region: "managedPolicies: [iam.ManagedPolicy.fromManagedPolicyArn(stack, 'P', 'arn:aws:iam::aws:policy/AmazonS3FullAccess')]",
    rules: ['iam-admin-policy'],
    flagged: true,
  },
  {
    name: 'a service-role managed policy',
    code: `new iam.Role(stack, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')] });\n`,
    at: 'managedPolicies',
    region: "managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')]",
    rules: ['iam-admin-policy'],
    flagged: false,
  },
  {
    name: 'a public-read bucket ACL',
    code: "new s3.Bucket(stack, 'Site', { accessControl: s3.BucketAccessControl.PUBLIC_READ });\n",
    at: 'accessControl',
    region: 'accessControl: s3.BucketAccessControl.PUBLIC_READ',
    rules: ['s3-public-access'],
    flagged: true,
  },
  {
    name: 'a private bucket ACL',
    code: "new s3.Bucket(stack, 'Site', { accessControl: s3.BucketAccessControl.PRIVATE });\n",
    at: 'accessControl',
    region: 'accessControl: s3.BucketAccessControl.PRIVATE',
    rules: ['s3-public-access'],
    flagged: false,
  },
  {
    name: 'a Block Public Access switch turned off',
    code: "new s3.Bucket(stack, 'Site', { blockPublicAccess: new s3.BlockPublicAccess({ blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true, restrictPublicBuckets: true }) });\n",
    at: 'blockPublicAccess',
    region:
      'blockPublicAccess: new s3.BlockPublicAccess({ blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true, restrictPublicBuckets: true })',
    rules: ['s3-public-access'],
    flagged: true,
  },
  {
    name: 'every Block Public Access switch on',
    code: "new s3.Bucket(stack, 'Site', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });\n",
    at: 'blockPublicAccess',
    region: 'blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL',
    rules: ['s3-public-access'],
    flagged: false,
  },
  {
    name: 'grantInvoke to AnyPrincipal',
    code: 'fn.grantInvoke(new iam.AnyPrincipal());\n',
    at: 'grantInvoke',
    region: 'fn.grantInvoke(new iam.AnyPrincipal())',
    rules: ['lambda-public-invoke'],
    flagged: true,
  },
  {
    name: "grantInvoke to ArnPrincipal('*')",
    code: "fn.grantInvoke(new iam.ArnPrincipal('*'));\n",
    at: 'grantInvoke',
    region: "fn.grantInvoke(new iam.ArnPrincipal('*'))",
    rules: ['lambda-public-invoke'],
    flagged: true,
  },
  {
    name: 'grantInvokeUrl to AnyPrincipal',
    code: 'fn.grantInvokeUrl(new iam.AnyPrincipal());\n',
    at: 'grantInvokeUrl',
    region: 'fn.grantInvokeUrl(new iam.AnyPrincipal())',
    rules: ['lambda-public-invoke'],
    flagged: true,
  },
  {
    name: 'grantInvoke to a service',
    code: "fn.grantInvoke(new iam.ServicePrincipal('events.amazonaws.com'));\n",
    at: 'grantInvoke',
    region: "fn.grantInvoke(new iam.ServicePrincipal('events.amazonaws.com'))",
    rules: ['lambda-public-invoke'],
    flagged: false,
  },
  {
    name: 'grantInvoke to a role',
    code: 'fn.grantInvoke(role);\n',
    at: 'grantInvoke',
    region: 'fn.grantInvoke(role)',
    rules: ['lambda-public-invoke'],
    flagged: false,
  },
];

function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function engineFor(text: string): Engine {
  const host = new MemoryHost();
  host.write(FILE, text);
  const engine = new Engine({ host, config: defaultConfig() });
  engine.pin(FILE);
  return engine;
}

describe('hover verdicts agree with rule findings', () => {
  for (const c of CASES) {
    it(`${c.flagged ? 'warns on' : 'passes'} ${c.name}`, () => {
      const text = HEADER + c.code;
      const engine = engineFor(text);

      const regionStart = text.indexOf(c.region, HEADER.length);
      assert.ok(regionStart >= 0, `'${c.region}' not in the code`);
      const start = positionAt(text, regionStart);
      const end = positionAt(text, regionStart + c.region.length);
      const findings = engine
        .analyzeFile(FILE)
        .findings.filter((f) => c.rules.includes(f.ruleId) && before(start, f.range.start) && before(f.range.end, end));
      assert.equal(
        findings.length > 0,
        c.flagged,
        `the rules ${c.flagged ? 'report nothing' : `report ${findings.map((f) => f.ruleId).join(', ')}`}`,
      );

      const at = text.indexOf(c.at, HEADER.length);
      assert.ok(at >= 0, `'${c.at}' not in the code`);
      const card = hoverAt(engine, FILE, at)?.cards[0];
      assert.ok(card, 'no card');
      const risks = card.verdicts.filter((v) => v.level === 'risk');
      assert.equal(risks.length > 0, c.flagged, `the card says ${JSON.stringify(card.verdicts)}`);
    });
  }

  it('names the escalation a partial wildcard grants, as iam-privilege-escalation does', () => {
    const text = HEADER + statement("actions: ['iam:Put*'], resources: ['*']");
    const engine = engineFor(text);
    const ids = engine.analyzeFile(FILE).findings.map((f) => f.ruleId);
    assert.ok(ids.includes('iam-privilege-escalation'), ids.join(', '));
    const card = hoverAt(engine, FILE, text.indexOf('actions', HEADER.length))?.cards[0];
    assert.ok(
      card?.verdicts.some(
        (v) => v.level === 'risk' && /`'iam:Put\*'` on every resource lets the holder raise its own privileges/.test(v.text),
      ),
      JSON.stringify(card?.verdicts),
    );
  });
});
