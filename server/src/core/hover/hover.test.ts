import * as assert from 'node:assert/strict';
import { defaultConfig, EngineConfig } from '../config';
import { Engine } from '../engine/engine';
import { MemoryHost } from '../model/memoryHost';
import { hoverAt } from './hover';
import { HoverOptions, renderHover } from './render';

/**
 * The hover core on its own: how it finds what is under the cursor and judges values the
 * resolver works out (the protocol tests in server/src/test/hover.test.ts cover the server).
 */

const FILE = '/project/lib/stack.ts';

function hover(
  code: string,
  needle: string,
  opts: { shift?: number; files?: Record<string, string>; config?: Partial<EngineConfig>; file?: string; render?: HoverOptions } = {},
): string | undefined {
  const host = new MemoryHost();
  const file = opts.file ?? FILE;
  host.write(file, code);
  for (const [rel, text] of Object.entries(opts.files ?? {})) host.write(`/project/${rel}`, text);
  const engine = new Engine({ host, config: defaultConfig(opts.config) });
  engine.pin(file);
  const offset = code.indexOf(needle);
  assert.ok(offset >= 0, `'${needle}' not in the code`);
  // Hover shows the findings already found (it never analyses): a case about them finds them first.
  if (opts.render) engine.analyzeFile(file);
  const result = hoverAt(engine, file, offset + (opts.shift ?? 0));
  return result && renderHover(result, { file: (p, f) => `file://${p}${f ? `#${f}` : ''}` }, opts.render);
}

const HEADER = `import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
const stack = new Stack(new App(), 'S');
`;

describe('hover core', () => {
  it('judges props held in a const, and names the property from there', () => {
    const code = `${HEADER}const props = { enforceSSL: true };\nnew s3.Bucket(stack, 'B', props);\n`;
    assert.match(hover(code, 's3.Bucket') ?? '', /✔ `enforceSSL`: requests without TLS are denied/);
    assert.match(hover(code, 'enforceSSL') ?? '', /^\*\*enforceSSL\*\* · `S3 bucket`/);
  });

  it('says so when a spread it cannot follow may set a property', () => {
    const code = `${HEADER}declare const shared: object;\nnew s3.Bucket(stack, 'B', { ...shared });\n`;
    assert.match(hover(code, 's3.Bucket') ?? '', /ℹ `enforceSSL`: may be set through a spread Serverless Guard cannot follow/);
  });

  it('says once that props it cannot evaluate are unknown', () => {
    const code = `${HEADER}export function bucket(props: s3.BucketProps) {\n  return new s3.Bucket(stack, 'B', props);\n}\n`;
    const card = hover(code, 'new s3.Bucket') ?? '';
    assert.match(card, /ℹ `props`: `props` — Serverless Guard cannot work out these props from the source/);
    assert.doesNotMatch(card, /enforceSSL/);
  });

  it('follows props imported from another file', () => {
    const code = `${HEADER}import { BUCKET_PROPS } from './shared';\nnew s3.Bucket(stack, 'B', BUCKET_PROPS);\n`;
    const shared = `import * as s3 from 'aws-cdk-lib/aws-s3';\nexport const BUCKET_PROPS = { encryption: s3.BucketEncryption.UNENCRYPTED };\n`;
    assert.match(hover(code, 's3.Bucket', { files: { 'lib/shared.ts': shared } }) ?? '', /⚠ `encryption`: `UNENCRYPTED` is deprecated/);
  });

  it('knows constructs through the root barrel and CDK v1 imports, and not a local class of the same name', () => {
    assert.match(
      hover(`import * as cdk from 'aws-cdk-lib';\nnew cdk.aws_sqs.Queue(new cdk.Stack(), 'Q');\n`, 'Queue') ?? '',
      /^\*\*SQS queue\*\*/,
    );
    assert.match(
      hover(`import * as sns from '@aws-cdk/aws-sns';\nnew sns.Topic(undefined as any, 'T');\n`, 'Topic') ?? '',
      /^\*\*SNS topic\*\*/,
    );
    assert.equal(
      hover(`import { App } from 'aws-cdk-lib';\nclass Bucket { constructor(_a: unknown) {} }\nnew Bucket(new App());\n`, 'new Bucket'),
      undefined,
    );
  });

  it('judges a Block Public Access options object flag by flag', () => {
    const code = `${HEADER}new s3.Bucket(stack, 'B', { blockPublicAccess: new s3.BlockPublicAccess({ blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false }) });\n`;
    assert.match(hover(code, 'blockPublicAccess') ?? '', /⚠ `blockPublicAccess`: `blockPublicPolicy`, `restrictPublicBuckets` off/);
  });

  it('judges TableV2 encryption factories, and follows requireCustomerManagedKeys', () => {
    const code = `import { App, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
const stack = new Stack(new App(), 'S');
new dynamodb.TableV2(stack, 'T', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, encryption: dynamodb.TableEncryptionV2.awsManagedKey() });
new dynamodb.Table(stack, 'U', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
`;
    assert.match(hover(code, 'TableV2') ?? '', /✔ `encryption`: the AWS-managed key `aws\/dynamodb`.* fine unless compliance/);
    assert.match(hover(code, "Table(stack, 'U'") ?? '', /✔ `encryption`: not set — a key owned by DynamoDB/);
    assert.match(
      hover(code, "Table(stack, 'U'", { config: { requireCustomerManagedKeys: true } }) ?? '',
      /⚠ `encryption`: not set — a key owned by DynamoDB \(the default\); your configuration requires customer-managed keys/,
    );
  });

  it('reports ingress from anywhere added to a security group in the same file', () => {
    const code = `import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
const stack = new Stack(new App(), 'S');
const vpc = new ec2.Vpc(stack, 'V');
const sg = new ec2.SecurityGroup(stack, 'G', { vpc, allowAllOutbound: false });
sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22));
`;
    assert.match(hover(code, 'ec2.SecurityGroup') ?? '', /⚠ `ingress`: open to the whole internet on `ec2.Port.tcp\(22\)` \(line 6\)/);
  });

  it('warns about a public grant and an invoke grant to anyone', () => {
    const code = `import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
const stack = new Stack(new App(), 'S');
const bucket = new s3.Bucket(stack, 'B');
declare const fn: lambda.Function;
bucket.grantPublicAccess();
fn.grantInvoke(new iam.AnyPrincipal());
`;
    assert.match(hover(code, 'grantPublicAccess') ?? '', /⚠ `grantee`: everyone/);
    assert.match(hover(code, 'grantInvoke') ?? '', /⚠ `grantee`: `new iam.AnyPrincipal\(\)` — anyone can invoke the function/);
  });

  it("finds the method's API through resources, and inherits its default authorizer", () => {
    const code = `import { App, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
const stack = new Stack(new App(), 'S');
declare const integration: apigw.Integration;
const api = new apigw.RestApi(stack, 'A', { defaultMethodOptions: { authorizationType: apigw.AuthorizationType.IAM } });
const items = api.root.addResource('items');
items.addResource('{id}').addMethod('DELETE', integration);
`;
    assert.match(hover(code, 'addMethod') ?? '', /✔ `authorization`: inherited from the API's `defaultMethodOptions`/);
    assert.match(hover(code, 'authorizationType') ?? '', /^\*\*defaultMethodOptions.authorizationType\*\*/);
  });

  it('HTTP API cards: the default stage has no throttling or access logs; routes under the default authorizer, or opened by HttpNoneAuthorizer', () => {
    const code = `import { App, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
const stack = new Stack(new App(), 'S');
declare const integration: apigwv2.HttpRouteIntegration;
declare const jwt: apigwv2.IHttpRouteAuthorizer;
const api = new apigwv2.HttpApi(stack, 'A', { defaultAuthorizer: jwt });
new apigwv2.HttpRoute(stack, 'R', { httpApi: api, routeKey: apigwv2.HttpRouteKey.with('/orders'), integration, authorizer: new apigwv2.HttpNoneAuthorizer() });
`;
    const apiCard = hover(code, 'HttpApi') ?? '';
    assert.match(apiCard, /API Gateway HTTP API/);
    assert.match(apiCard, /⚠ `createDefaultStage`: not set — the default stage has no throttling and no access logs/);
    assert.match(apiCard, /✔ `defaultAuthorizer`: `jwt` checks each request/);
    assert.match(hover(code, 'authorizer: new') ?? '', /⚠ `authorizer`: `HttpNoneAuthorizer` — anyone who can reach the URL can call/);
  });

  it('has no handler cards in CDK files, and no CDK cards in handlers', () => {
    assert.equal(hover(`${HEADER}console.log(process.env.SECRET_TOKEN);\n`, 'log'), undefined);
    assert.equal(hover(`${HEADER}console.log(process.env.SECRET_TOKEN);\n`, 'SECRET_TOKEN'), undefined);
    const handler = `export const handler = async (event: { body?: string }) => {\n  const data = JSON.parse(event.body ?? '{}');\n  const parsed = Order.safeParse(data);\n  return parsed.success;\n};\ndeclare const Order: { safeParse(x: unknown): { success: boolean } };\n`;
    assert.match(
      hover(handler, 'parse(event', { file: '/project/lambda/index.ts' }) ?? '',
      /✔ `validation`: checked with `Order.safeParse` \(line 3\)/,
    );
  });

  it('reads `const { X } = process.env` as the variable X', () => {
    const handler = `import type { Handler } from 'aws-lambda';\nconst { DB_PASSWORD } = process.env;\nexport const handler: Handler = async () => DB_PASSWORD;\n`;
    assert.match(
      hover(handler, 'DB_PASSWORD', { file: '/project/lambda/index.ts' }) ?? '',
      /⚠ `DB_PASSWORD`: looks like a secret: keep it in Secrets Manager, pass `DB_SECRET_ARN`/,
    );
  });

  it('names the grant method for a statement honestly: "an S3 bucket", and a grant is not all of s3:*', () => {
    const iamHeader = `${HEADER}import * as iam from 'aws-cdk-lib/aws-iam';\n`;
    const wildcard = `${iamHeader}new iam.PolicyStatement({ actions: ['s3:*'], resources: ['arn:aws:s3:::b/*'] });\n`;
    const card = hover(wildcard, 'PolicyStatement') ?? '';
    assert.match(
      card,
      /on an S3 bucket in your app, `bucket\.grantReadWrite\(fn\)` grants the \d+ actions code usually needs \(not all that `'s3:\*'` allows\) and scopes them to that resource/,
    );
    assert.doesNotMatch(card, /a S3 bucket|grants this/);
    const explicit = `${iamHeader}new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:eu-west-1:1:q'] });\n`;
    assert.match(
      hover(explicit, 'PolicyStatement') ?? '',
      /on an SQS queue in your app, `queue\.grantSendMessages\(fn\)` grants these actions/,
    );
    const table = `${iamHeader}new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: ['arn:aws:dynamodb:eu-west-1:1:table/t'] });\n`;
    assert.match(hover(table, 'PolicyStatement') ?? '', /on a DynamoDB table in your app/);
  });

  it('says a message the editor shows as a diagnostic once: not again in the card; one it does not show, in the card', () => {
    const code = `${HEADER}new s3.Bucket(stack, 'B');\n`;
    const message = /plain HTTP|enforceSSL/;
    const full = hover(code, 's3.Bucket', { render: {} }) ?? '';
    const compact = hover(code, 's3.Bucket', { render: { shown: () => true } }) ?? '';
    const first = full.split('\n\n');
    // Without the editor's part (the MCP server): the message under each rule's title.
    const line = first.find((p, i) => i > 0 && message.test(p) && !p.startsWith('**'));
    assert.ok(line, full);
    assert.ok(!compact.includes(line), `the message is not repeated:\n${compact}`);
    assert.match(
      compact,
      /\*\*S3 bucket accepts plain HTTP\*\* · `s3-enforce-ssl` · warning\n\n\*\*Quick fix available:\*\* Deny plain HTTP/,
    );
    assert.match(compact, /\[How to fix\]\(file:\/\/[^)]*s3-enforce-ssl\.md\)/);
    // With no construct card, a finding under the minimum severity (no diagnostic) has its message in the card.
    const host = new MemoryHost();
    host.write(FILE, code);
    const engine = new Engine({ host, config: defaultConfig() });
    engine.analyzeFile(FILE);
    const finding = engine.findings(FILE).find((f) => f.ruleId === 's3-enforce-ssl');
    assert.ok(finding);
    const alone = { range: finding.range, cards: [], findings: [finding] };
    const links = { file: (p: string) => `file://${p}` };
    const shown = renderHover(alone, links, { shown: () => true });
    const hidden = renderHover(alone, links, { shown: () => false });
    assert.ok(!shown.includes(finding.message), shown);
    assert.ok(hidden.includes(finding.message), hidden);
    assert.match(hidden, /\*\*Why it matters\.\*\*/);
  });
});
