import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { guideHeadings } from '../core/guide/headings';
import { GUIDE_SECTIONS } from '../core/guide/sections';
import { guideDocPath, packageRoot } from '../core/meta';
import { makeProject, TestClient } from './lspClient';
import { hasCdkTypings, typeCheckLater } from './typeCheck';

/**
 * Hover through the bundled server over stdio, on the files of examples/hover-tour: construct
 * cards, property cards, calls, handler expressions and the help of findings. Every link in a
 * card must open a shipped file, at a heading that exists.
 */

const TOUR = path.join(packageRoot(), 'examples', 'hover-tour');
const STACK = 'lib/checkout-stack.ts';
const HANDLER = 'lambda/checkout/index.ts';

function read(rel: string): string {
  return fs.readFileSync(path.join(TOUR, rel), 'utf8');
}

/** The 0-based position of `needle` (its `nth` occurrence), moved `shift` characters in. */
function positionOf(text: string, needle: string, shift = 0, nth = 0): { line: number; character: number } {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = text.indexOf(needle, index + 1);
    assert.ok(index >= 0, `'${needle}' not found`);
  }
  const before = text.slice(0, index + shift).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function markdown(hover: Hover | null): string {
  assert.ok(hover, 'no hover');
  const contents = hover.contents as MarkupContent;
  assert.equal(contents.kind, 'markdown');
  return contents.value;
}

/** Every link of a card opens a shipped documentation file, and its #fragment is a heading there. */
function assertLinksResolve(text: string): void {
  for (const [, target] of text.matchAll(/\]\((file:[^)\s]+)\)/g)) {
    const [uri, fragment] = target.split('#');
    const file = fileURLToPath(uri);
    assert.ok(file.startsWith(path.join(packageRoot(), 'docs')), `link outside the shipped docs: ${target}`);
    assert.ok(fs.existsSync(file), `link to a missing file: ${target}`);
    if (fragment) {
      const anchors = guideHeadings(fs.readFileSync(file, 'utf8')).map((h) => h.anchor);
      assert.ok(anchors.includes(fragment), `no heading #${fragment} in ${path.basename(file)}`);
    }
  }
}

function guideLink(section: string): string {
  const [file, anchor] = section.split('#');
  const uri = new URL(`file://${path.join(packageRoot(), 'docs', 'guide', file)}`).href;
  return `(${uri}${anchor ? `#${anchor}` : ''})`;
}

interface Case {
  /** Text to find; the hover is at its start plus `shift`. */
  at: string;
  shift?: number;
  nth?: number;
  title: string;
  expect: RegExp[];
  guide: string;
}

const CONSTRUCTS: Case[] = [
  {
    at: 'new kms.Key',
    shift: 8,
    title: '**KMS key** · `aws-kms.Key`',
    expect: [/✔ `enableKeyRotation`: key material rotates automatically/],
    guide: 'data-protection.md#key-rotation',
  },
  {
    at: 'new dynamodb.Table',
    title: '**DynamoDB table** · `aws-dynamodb.Table`',
    expect: [/✔ `encryption`: a customer-managed key/],
    guide: 'data-protection.md#customer-managed-keys',
  },
  {
    at: "new s3.Bucket(this, 'Receipts'",
    shift: 7,
    title: '**S3 bucket** · `aws-s3.Bucket`',
    expect: [
      /⚠ `enforceSSL`: not set — requests over plain HTTP are allowed/,
      /✔ `encryption`: SSE-KMS with a customer-managed key/,
      /✔ `blockPublicAccess`: every public access path is blocked/,
    ],
    guide: 'data-protection.md#blocking-public-access',
  },
  {
    at: "new s3.Bucket(this, 'Assets'",
    title: '**S3 bucket**',
    expect: [
      /⚠ `publicReadAccess`: anyone on the internet can read every object/,
      /⚠ `blockPublicAccess`: `BLOCK_ACLS_ONLY` blocks only ACLs/,
      /✔ `encryption`: not set — SSE-S3/,
    ],
    guide: 'data-protection.md#blocking-public-access',
  },
  {
    at: 'new sqs.Queue',
    title: '**SQS queue** · `aws-sqs.Queue`',
    expect: [/✔ `encryption`: not set — SSE-SQS/, /✔ `enforceSSL`: requests without TLS are denied/],
    guide: 'data-protection.md#encryption-at-rest',
  },
  {
    at: "new sns.Topic(this, 'OrderEvents'",
    title: '**SNS topic** · `aws-sns.Topic`',
    expect: [/⚠ `masterKey`: not set — messages are stored without server-side encryption/],
    guide: 'data-protection.md#encryption-at-rest',
  },
  {
    at: 'new ec2.SecurityGroup',
    title: '**Security group** · `aws-ec2.SecurityGroup`',
    expect: [/⚠ `allowAllOutbound`: traffic may leave to any address on any port/],
    guide: 'network-security.md#security-groups',
  },
  {
    at: 'new logs.LogGroup',
    title: '**CloudWatch log group** · `aws-logs.LogGroup`',
    expect: [/✔ `retention`: logs are kept for one month/, /ℹ `encryptionKey`: not set/],
    guide: 'monitoring.md#log-retention',
  },
  {
    at: 'new NodejsFunction',
    shift: 4,
    title: '**Lambda function** · `aws-lambda-nodejs.NodejsFunction`',
    expect: [
      /✔ `role`: not set — CDK creates a role for this function only/,
      /✔ `environment`: 2 variables, none of them a secret/,
      /✔ `vpcSubnets`: private subnets/,
    ],
    guide: 'identity-and-access.md#one-role-per-function',
  },
  {
    at: "new lambda.Function(this, 'Refunds'",
    title: '**Lambda function** · `aws-lambda.Function`',
    expect: [/⚠ `environment`: `REFUND_PROVIDER_API_KEY` looks like a secret written as text/, /⚠ `logRetention`: logs never expire/],
    guide: 'identity-and-access.md#one-role-per-function',
  },
  {
    at: "new lambda.Function(this, 'Receipts'",
    title: '**Lambda function** · `aws-lambda.Function`',
    expect: [/⚠ `runtime`: `nodejs16\.x` is deprecated since 2024-06-12: AWS no longer patches it/],
    guide: 'identity-and-access.md#one-role-per-function',
  },
  {
    at: 'new iam.PolicyStatement',
    shift: 8,
    title: '**IAM policy statement** · `aws-iam.PolicyStatement`',
    expect: [
      /⚠ `actions`: `'dynamodb:\*'` allows every dynamodb action/,
      /⚠ `resources`: `'\*'` applies the statement to every resource/,
      /`table\.grantReadWriteData\(fn\)`/,
    ],
    guide: 'identity-and-access.md#least-privilege',
  },
  {
    at: 'new apigw.RestApi',
    title: '**API Gateway REST API** · `aws-apigateway.RestApi`',
    expect: [
      /ℹ `defaultMethodOptions`: not set — each method must name its own authorizer/,
      /✔ `throttling`: `20` requests\/s, burst `40`/,
      /⚠ `access logging`: not set/,
      /ℹ `WAF`: no `wafv2.CfnWebACLAssociation`/,
    ],
    guide: 'api-security.md#authorizers',
  },
  {
    at: 'new cloudtrail.Trail',
    title: '**CloudTrail trail** · `aws-cloudtrail.Trail`',
    expect: [/⚠ `isMultiRegionTrail`: records only this Region/, /✔ `enableFileValidation`: not set — log file validation is on/],
    guide: 'monitoring.md#cloudtrail',
  },
];

const PROPERTIES: Case[] = [
  {
    at: 'runtime: lambda.Runtime.NODEJS_16_X',
    title: '**runtime** · `Lambda function`',
    expect: [/⚠ `runtime`: `nodejs16\.x` is deprecated since 2024-06-12/, /language or OS stops getting security fixes/],
    guide: 'function-security.md#dependency-scanning',
  },
  {
    at: "actions: ['dynamodb:*']",
    title: '**actions** · `IAM policy statement`',
    expect: [/⚠ `actions`: `'dynamodb:\*'`/],
    guide: 'identity-and-access.md#least-privilege',
  },
  {
    at: "resources: ['*']",
    title: '**resources** · `IAM policy statement`',
    expect: [/⚠ `resources`: `'\*'` applies the statement to every resource/],
    guide: 'identity-and-access.md#least-privilege',
  },
  {
    at: 'environment: { REFUND',
    title: '**environment** · `Lambda function`',
    expect: [/⚠ `environment`: `REFUND_PROVIDER_API_KEY` looks like a secret/],
    guide: 'function-security.md#secrets-management',
  },
  {
    at: 'encryption: dynamodb',
    title: '**encryption** · `DynamoDB table`',
    expect: [/✔ `encryption`: a customer-managed key/],
    guide: 'data-protection.md#customer-managed-keys',
  },
  {
    at: 'encryption: s3.BucketEncryption.KMS',
    title: '**encryption** · `S3 bucket`',
    expect: [/✔ `encryption`: SSE-KMS/],
    guide: 'data-protection.md#encryption-at-rest',
  },
  {
    at: 'authorizationType:',
    title: '**authorizationType** · `API method`',
    expect: [/✔ `authorizationType`: IAM: callers sign requests/],
    guide: 'api-security.md#authorizers',
  },
  {
    at: 'deployOptions:',
    title: '**deployOptions** · `API Gateway REST API`',
    expect: [/✔ `throttling`: `20` requests\/s/, /⚠ `access logging`: not set — no record of who called which route/],
    guide: 'api-security.md#throttling',
  },
  {
    at: 'throttlingRateLimit',
    title: '**deployOptions.throttlingRateLimit** · `API Gateway REST API`',
    expect: [/✔ `throttlingRateLimit`: `20` requests\/s/],
    guide: 'api-security.md#throttling',
  },
  {
    at: 'allowAllOutbound:',
    title: '**allowAllOutbound** · `Security group`',
    expect: [/⚠ `allowAllOutbound`: traffic may leave to any address/],
    guide: 'network-security.md#security-groups',
  },
  {
    at: 'publicReadAccess:',
    title: '**publicReadAccess** · `S3 bucket`',
    expect: [/⚠ `publicReadAccess`: anyone on the internet can read every object/],
    guide: 'data-protection.md#blocking-public-access',
  },
  {
    at: 'blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL',
    title: '**blockPublicAccess** · `S3 bucket`',
    expect: [/✔ `blockPublicAccess`: every public access path is blocked/],
    guide: 'data-protection.md#blocking-public-access',
  },
  {
    at: 'enforceSSL: true })',
    title: '**enforceSSL** · `SQS queue`',
    expect: [/✔ `enforceSSL`: requests without TLS are denied/],
    guide: 'data-protection.md#encryption-in-transit',
  },
  {
    at: 'masterKey:',
    title: '**masterKey** · `SNS topic`',
    expect: [/✔ `masterKey`: encrypted with `key`/],
    guide: 'data-protection.md#encryption-at-rest',
  },
  {
    at: 'enableKeyRotation:',
    title: '**enableKeyRotation** · `KMS key`',
    expect: [/✔ `enableKeyRotation`: key material rotates automatically/],
    guide: 'data-protection.md#key-rotation',
  },
  {
    at: 'logRetention:',
    title: '**logRetention** · `Lambda function`',
    expect: [/⚠ `logRetention`: logs never expire/],
    guide: 'monitoring.md#log-retention',
  },
  {
    at: 'isMultiRegionTrail:',
    title: '**isMultiRegionTrail** · `CloudTrail trail`',
    expect: [/⚠ `isMultiRegionTrail`: records only this Region/],
    guide: 'monitoring.md#cloudtrail',
  },
  {
    at: 'vpcSubnets:',
    title: '**vpcSubnets** · `Lambda function`',
    expect: [/✔ `vpcSubnets`: private subnets with a route out through NAT/],
    guide: 'network-security.md#lambda-in-a-vpc',
  },
];

const CALLS: Case[] = [
  {
    at: 'grantReadWriteData(checkout)',
    title: '**grantReadWriteData** · `DynamoDB table`',
    expect: [/✔ `gives`: `dynamodb:BatchGetItem`, `dynamodb:GetItem`, .* on this DynamoDB table only/, /ℹ `to`: `checkout`/],
    guide: 'identity-and-access.md#grant-methods',
  },
  {
    at: 'grantSendMessages(checkout)',
    title: '**grantSendMessages** · `SQS queue`',
    expect: [/`sqs:SendMessage`/],
    guide: 'identity-and-access.md#grant-methods',
  },
  {
    at: 'addToRolePolicy(',
    title: '**addToRolePolicy** · `IAM policy statement`',
    expect: [/⚠ `actions`: `'dynamodb:\*'`/, /⚠ `resources`: `'\*'`/],
    guide: 'identity-and-access.md#grant-methods',
  },
  {
    at: "addMethod('GET'",
    title: "**API method** · `'GET'`",
    expect: [/⚠ `authorization`: no authorizer — anyone who can reach the URL can call this method/],
    guide: 'api-security.md#authorizers',
  },
  {
    at: "addMethod('POST'",
    title: "**API method** · `'POST'`",
    expect: [/✔ `authorization`: IAM/, /⚠ `validation`: request bodies reach the integration unchecked/],
    guide: 'api-security.md#authorizers',
  },
];

const HANDLER_CASES: Case[] = [
  {
    at: 'process.env.PAYMENT_SECRET_ARN',
    shift: 12,
    title: '**process.env.PAYMENT_SECRET_ARN** · `environment variable`',
    expect: [/✔ `PAYMENT_SECRET_ARN`: reads as configuration/],
    guide: 'function-security.md#secrets-management',
  },
  {
    at: 'process.env.REFUND_PROVIDER_API_KEY',
    shift: 14,
    title: '**process.env.REFUND_PROVIDER_API_KEY** · `environment variable`',
    expect: [/⚠ `REFUND_PROVIDER_API_KEY`: looks like a secret: keep it in Secrets Manager, pass `REFUND_PROVIDER_SECRET_ARN` instead/],
    guide: 'function-security.md#secrets-management',
  },
  {
    at: 'JSON.parse(event.body',
    shift: 6,
    nth: 1,
    title: '**JSON.parse(event.body)** · `request body`',
    expect: [/⚠ `validation`: no schema check in this function/],
    guide: 'data-protection.md#input-validation',
  },
  {
    at: "console.log('checkout request'",
    shift: 9,
    title: '**console.log** · `log line`',
    expect: [/⚠ `logs`: the whole event: headers, tokens and personal data/],
    guide: 'function-security.md#logging-sensitive-data',
  },
  {
    at: "console.log('refund requested'",
    title: '**console.log** · `log line`',
    expect: [/✔ `logs`: `'refund requested'`, `\{ orderId: event.orderId, status: response.status \}`/],
    guide: 'function-security.md#logging-sensitive-data',
  },
  {
    at: 'new GetSecretValueCommand',
    shift: 4,
    title: '**GetSecretValueCommand** · `Secrets Manager`',
    expect: [/✔ `when`: kept in module-scope `paymentKey` for warm invocations/, /✔ `SecretId`: comes from configuration/],
    guide: 'function-security.md#secrets-in-memory',
  },
  {
    at: 'new SecretsManagerClient',
    shift: 4,
    title: '**SecretsManagerClient** · `Secrets Manager`',
    expect: [/✔ `where`: created once per execution environment/],
    guide: 'function-security.md#secrets-in-memory',
  },
];

describe('hover', function () {
  this.timeout(30000);
  let client: TestClient;
  let root: string;
  const stack = read(STACK);
  const handler = read(HANDLER);

  before(async function () {
    if (!fs.existsSync(TestClient.serverPath())) throw new Error(`build the server first: ${TestClient.serverPath()} is missing`);
    root = makeProject({ [STACK]: stack, [HANDLER]: handler, 'cdk.json': read('cdk.json') });
    ({ client } = await TestClient.start(root));
    await client.open(STACK);
    await client.open(HANDLER);
  });

  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const check = (rel: string, text: string) => (c: Case) => {
    it(`${c.title.replace(/\*\*/g, '')} at ${JSON.stringify(c.at)}`, async () => {
      const { line, character } = positionOf(text, c.at, c.shift, c.nth);
      const value = markdown(await client.hover(rel, line, character));
      // A finding comes first when the place has one; the construct's card follows in the same card.
      assert.ok(
        value.split(/\n---\n|\n\n(?=\*\*)/).some((card) => card.trim().startsWith(c.title)),
        `card title:\n${value}`,
      );
      for (const re of c.expect) assert.match(value, re);
      assert.ok(value.includes(`[Practices guide: `) && value.includes(guideLink(c.guide)), `guide link to ${c.guide}:\n${value}`);
      assertLinksResolve(value);
    });
  };

  // The tour is an app to open in VS Code: its stack and its handler must compile (the handler
  // against the declarations of the AWS SDK in ambientModules.ts).
  const tour = typeCheckLater(
    new Map(
      [STACK, 'bin/app.ts', 'lambda/checkout/index.ts'].map((rel) => [path.join(TOUR, rel), fs.readFileSync(path.join(TOUR, rel), 'utf8')]),
    ),
    { scratch: TOUR },
  );

  it('the tour app type-checks against aws-cdk-lib', function () {
    this.timeout(120000);
    if (!hasCdkTypings()) this.skip();
    assert.deepEqual(tour.problems(), []);
  });

  it('advertises hover', async () => {
    const other = await TestClient.start(root);
    try {
      assert.equal(other.init.capabilities.hoverProvider, true);
    } finally {
      await other.client.stop();
    }
  });

  describe('constructs', () => CONSTRUCTS.forEach(check(STACK, stack)));
  describe('properties', () => PROPERTIES.forEach(check(STACK, stack)));
  describe('grant and policy calls, API methods', () => CALLS.forEach(check(STACK, stack)));
  describe('handler code', () => HANDLER_CASES.forEach(check(HANDLER, handler)));

  it('covers the construct head: from `new` to the class name', async () => {
    const start = positionOf(stack, 'new sqs.Queue');
    const hover = await client.hover(STACK, start.line, start.character);
    assert.deepEqual(hover?.range, { start, end: { line: start.line, character: start.character + 'new sqs.Queue'.length } });
  });

  it('on a finding: the rule title, why it matters and how to fix it, without the message', async () => {
    const items = await client.items(STACK);
    const finding = items.find((d) => d.code === 'iam-wildcard-action');
    assert.ok(finding, JSON.stringify(items));
    const { line, character } = positionOf(stack, "'dynamodb:*'", 2);
    const value = markdown(await client.hover(STACK, line, character));
    assert.match(value, /^\*\*Wildcard IAM action\*\* · `iam-wildcard-action` · error/);
    assert.match(value, /\*\*Why it matters\.\*\* An Allow statement/);
    assert.match(value, /\*\*How to fix\.\*\*\n\n1\. /);
    assert.match(value, /\*\*Quick fix available:\*\*/);
    const rulePage = new URL(`file://${path.join(packageRoot(), 'docs', 'rules', 'iam-wildcard-action.md')}`).href;
    assert.ok(value.includes(`[Rule page](${rulePage})`), value);
    assert.ok(!value.includes(typeof finding.message === 'string' ? finding.message : ''), 'the diagnostic message is not repeated');
    assertLinksResolve(value);
  });

  it('where a finding and a construct card meet: one card, the finding first and compact, "how to fix" the rule link of the Problems panel', async () => {
    const diagnostic = (await client.items(STACK)).find((d) => d.code === 's3-enforce-ssl');
    assert.ok(diagnostic?.codeDescription, 'an s3-enforce-ssl problem with its rule link');
    const { line, character } = positionOf(stack, 'new s3.Bucket');
    const value = markdown(await client.hover(STACK, line, character));
    assert.doesNotMatch(value, /\n---\n/, `one card, no rule between the finding and the construct:\n${value}`);
    const paragraphs = value.split('\n\n');
    assert.match(paragraphs[0], /^\*\*S3 bucket accepts plain HTTP\*\* · `s3-enforce-ssl` · warning$/);
    // VS Code shows the diagnostic's message above the hover's content: the card does not repeat it.
    assert.ok(!value.includes(String(diagnostic.message).split('\n')[0]), `the message is not repeated:\n${value}`);
    assert.match(paragraphs[1], /^\*\*Quick fix available:\*\* Deny plain HTTP/);
    // The rule page as the Problems panel's rule id links it (the editor opens it rendered), no #fragment.
    assert.ok(paragraphs[2].startsWith(`[How to fix](${diagnostic.codeDescription.href})`), paragraphs[2]);
    const card = paragraphs.findIndex((p) => /^\*\*S3 bucket\*\*/.test(p));
    assert.ok(card > 2, `the construct card follows the finding:\n${value}`);
    assert.doesNotMatch(value, /\*\*How to fix\.\*\*|\*\*Why it matters\.\*\*/, 'the long text stays on the rule page');
    assertLinksResolve(value);
  });

  it('shows a finding only while it matches the text: hover never analyses', async () => {
    const edited = `// a comment line\n${stack}`;
    await client.change(STACK, edited);
    const { line, character } = positionOf(edited, "'dynamodb:*'", 2);
    assert.equal(await client.hover(STACK, line, character), null, 'findings of the old text are not shown');
    const card = positionOf(edited, 'new iam.PolicyStatement');
    assert.match(
      markdown(await client.hover(STACK, card.line, card.character)),
      /^\*\*IAM policy statement\*\*/,
      'cards come from the edited text',
    );
    await client.items(STACK);
    const after = markdown(await client.hover(STACK, line, character));
    assert.match(after, /^\*\*Wildcard IAM action\*\*/);
    await client.change(STACK, stack);
    await client.items(STACK);
  });

  it('judges the text as edited', async () => {
    const edited = stack.replace('{ enforceSSL: true });\n    const orderEvents', '{ enforceSSL: false });\n    const orderEvents');
    assert.notEqual(edited, stack);
    await client.change(STACK, edited);
    const { line, character } = positionOf(edited, 'new sqs.Queue');
    assert.match(markdown(await client.hover(STACK, line, character)), /⚠ `enforceSSL`: requests over plain HTTP are allowed/);
    await client.change(STACK, stack);
  });

  it('answers nothing where there is nothing to say', async () => {
    for (const [rel, text, at] of [
      [STACK, stack, 'partitionKey'],
      [STACK, stack, 'super(scope'],
      [HANDLER, handler, 'String(order.orderId)'],
    ] as const) {
      const { line, character } = positionOf(text, at, 1);
      assert.equal(await client.hover(rel, line, character), null, at);
    }
  });

  it('lists the guide sections for "Open Practices Guide", from guide/sections.ts, each with the line of its heading', async () => {
    const sections = (await client.connection.sendRequest('slsguard/guideSections')) as Array<{ id: string; title: string; line: number }>;
    assert.deepEqual(
      sections.map(({ id, title }) => ({ id, title })),
      Object.entries(GUIDE_SECTIONS).map(([id, title]) => ({ id, title })),
    );
    assert.ok(sections.some((s) => s.id === 'data-protection.md#encryption-at-rest' && s.title === 'Encryption at rest'));
    // Where the client opens the page when the Markdown preview is not available.
    for (const { id, line } of sections) {
      const [page, anchor] = id.split('#');
      const lines = fs.readFileSync(guideDocPath(page), 'utf8').split(/\r?\n/);
      if (!anchor) {
        assert.equal(line, 0, id);
        continue;
      }
      assert.match(lines[line], /^#{1,6}\s/, `${id}: line ${line} is a heading`);
      assert.equal(guideHeadings(lines.slice(0, line + 1).join('\n')).pop()?.anchor, anchor, id);
    }
  });

  it('answers nothing when Serverless Guard is disabled for the folder', async () => {
    await client.setSettings({ enable: false });
    const { line, character } = positionOf(stack, 'new sqs.Queue');
    assert.equal(await client.hover(STACK, line, character), null);
    await client.setSettings({});
    assert.ok(await client.hover(STACK, line, character));
  });
});
