import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_MAX_PARSED_FILES } from '../core/engine/engine';
import { makeProject, TestClient, waitFor } from './lspClient';

/**
 * Protocol tests: the bundled server over stdio, real JSON-RPC. Each test opens documents,
 * pulls diagnostics, edits and pulls again, as VS Code does.
 */

const STACK = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ACTIONS } from './constants';

export class ApiStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const fn = new lambda.Function(this, 'Handler', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
    });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:*'], resources: ['arn:aws:sqs:eu-west-1:123456789012:jobs'] }));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ACTIONS, resources: ['arn:aws:sns:eu-west-1:123456789012:alerts'] }));
  }
}
`;

/** Diagnostic messages may be markup in LSP 3.18; ours are plain strings. */
function text(message: string | { value: string }): string {
  return typeof message === 'string' ? message : message.value;
}

const CONSTANTS = `export const ACTIONS = ['sns:Publish'];\n`;

describe('language server protocol', function () {
  this.timeout(30000);
  let client: TestClient;
  let root: string;

  before(function () {
    if (!fs.existsSync(TestClient.serverPath())) throw new Error(`build the server first: ${TestClient.serverPath()} is missing`);
  });

  beforeEach(async () => {
    root = makeProject({ 'lib/api-stack.ts': STACK, 'lib/constants.ts': CONSTANTS, 'cdk.json': '{"app":"npx ts-node bin/app.ts"}' });
    ({ client } = await TestClient.start(root));
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('advertises pull diagnostics with inter-file dependencies and workspace diagnostics', async () => {
    await client.stop();
    const started = await TestClient.start(root);
    client = started.client;
    const provider = started.init.capabilities.diagnosticProvider;
    assert.ok(provider && typeof provider === 'object');
    assert.equal((provider as { interFileDependencies: boolean }).interFileDependencies, true);
    assert.equal((provider as { workspaceDiagnostics: boolean }).workspaceDiagnostics, true);
  });

  it('reports a wildcard action with source, code, exact range and a link to the rule page', async () => {
    await client.open('lib/api-stack.ts');
    const items = await client.items('lib/api-stack.ts');
    const d = items.find((i) => i.code === 'iam-wildcard-action');
    assert.ok(d, JSON.stringify(items));
    assert.equal(d.source, 'slsguard');
    assert.equal(d.severity, 1);
    assert.deepEqual(d.range, { start: { line: 14, character: 59 }, end: { line: 14, character: 66 } });
    assert.match(text(d.message), /'sqs:\*' allows every sqs action/);
    assert.ok(d.codeDescription?.href.endsWith('/docs/rules/iam-wildcard-action.md'), d.codeDescription?.href);
  });

  it('updates findings as the document is edited, and answers unchanged for the same result', async () => {
    await client.open('lib/api-stack.ts');
    const first = await client.diagnostics('lib/api-stack.ts');
    assert.equal(first.kind, 'full');
    const again = await client.diagnostics('lib/api-stack.ts', (first as { resultId?: string }).resultId);
    assert.equal(again.kind, 'unchanged');
    // The user narrows the action: the finding goes away.
    await client.change('lib/api-stack.ts', STACK.replace("['sqs:*']", "['sqs:SendMessage']"));
    const items = await client.items('lib/api-stack.ts');
    assert.deepEqual(
      items.filter((i) => i.code === 'iam-wildcard-action'),
      [],
    );
    // Typing a wildcard back brings it back, at the new range.
    await client.insert('lib/api-stack.ts', 14, 59, "'*', ");
    const after = await client.items('lib/api-stack.ts');
    const d = after.find((i) => i.code === 'iam-wildcard-action');
    assert.ok(d);
    assert.deepEqual(d.range.start, { line: 14, character: 59 });
    assert.match(text(d.message), /'\*' allows every AWS action/);
  });

  it('follows a constant into another file and re-analyses when that file changes', async () => {
    await client.open('lib/api-stack.ts');
    assert.equal((await client.items('lib/api-stack.ts')).filter((i) => text(i.message).includes('sns')).length, 0);
    // The imported constant becomes a wildcard in the other file's editor.
    await client.open('lib/constants.ts');
    await client.items('lib/constants.ts');
    const refreshes = client.refreshCount;
    await client.change('lib/constants.ts', `export const ACTIONS = ['sns:*'];\n`);
    await waitFor(() => client.refreshCount > refreshes || undefined, 5000, 'a diagnostic refresh');
    const items = await client.items('lib/api-stack.ts');
    const d = items.find((i) => i.code === 'iam-wildcard-action' && text(i.message).includes('sns'));
    assert.ok(d, JSON.stringify(items));
    // At the use site, with the declaration as related information.
    assert.equal(d.range.start.line, 15);
    assert.equal(d.relatedInformation?.length, 1);
    assert.equal(d.relatedInformation![0].location.uri, client.uri('lib/constants.ts'));
    assert.equal(d.relatedInformation![0].location.range.start.line, 0);
  });

  it('follows a constant into a file created after the stack that imports it, in an editor or on disk', async () => {
    // The stack is written first; `./constants` does not exist yet.
    fs.rmSync(path.join(root, 'lib/constants.ts'));
    await client.stop();
    ({ client } = await TestClient.start(root));
    const snsFinding = async () =>
      (await client.items('lib/api-stack.ts')).find((i) => i.code === 'iam-wildcard-action' && text(i.message).includes('sns'));
    await client.open('lib/api-stack.ts');
    assert.equal(await snsFinding(), undefined);

    // A new editor, not saved yet: the stack's diagnostics are refreshed as it is typed.
    let refreshes = client.refreshCount;
    await client.open('lib/constants.ts', `export const ACTIONS = ['sns:*'];\n`);
    await waitFor(() => client.refreshCount > refreshes || undefined, 5000, 'a diagnostic refresh');
    const d = await snsFinding();
    assert.ok(d, 'the constant typed into the new editor is followed');
    assert.equal(d.range.start.line, 15);
    assert.equal(d.relatedInformation![0].location.uri, client.uri('lib/constants.ts'));

    // Closed without saving: there is no such file again.
    await client.close('lib/constants.ts');
    assert.equal(await snsFinding(), undefined);

    // Written to disk by another program (git checkout, a generator): the file watcher's event.
    refreshes = client.refreshCount;
    fs.writeFileSync(path.join(root, 'lib/constants.ts'), `export const ACTIONS = ['sns:*'];\n`);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: client.uri('lib/constants.ts'), type: 1 }],
    });
    await waitFor(() => client.refreshCount > refreshes || undefined, 5000, 'a diagnostic refresh');
    assert.ok(await snsFinding(), 'the constant in the new file on disk is followed');
  });

  it('keeps every open editor current when more are open than stay parsed', async () => {
    // More open stacks than the server keeps parsed, each using the constant of one more file.
    const stacks = Array.from({ length: DEFAULT_MAX_PARSED_FILES + 4 }, (_, i) => `lib/stack-${i}.ts`);
    for (const [i, rel] of stacks.entries()) fs.writeFileSync(path.join(root, rel), STACK.replace('ApiStack', `Stack${i}`));
    const snsWildcard = async (rel: string) =>
      (await client.items(rel)).filter((i) => i.code === 'iam-wildcard-action' && text(i.message).includes('sns'));
    // The constants' editor is opened first: by the time every stack is open, it is the oldest.
    await client.open('lib/constants.ts');
    await client.items('lib/constants.ts');
    for (const rel of stacks) {
      await client.open(rel);
      assert.deepEqual(await snsWildcard(rel), [], rel);
    }
    let refreshes = client.refreshCount;
    await client.change('lib/constants.ts', `export const ACTIONS = ['sns:*'];\n`);
    await client.items('lib/constants.ts');
    await waitFor(() => client.refreshCount > refreshes || undefined, 5000, 'a diagnostic refresh');
    for (const rel of stacks) {
      const found = await snsWildcard(rel);
      assert.equal(found.length, 1, `${rel}: ${JSON.stringify(found)}`);
      assert.equal(found[0].range.start.line, 15);
      assert.equal(found[0].relatedInformation?.[0].location.uri, client.uri('lib/constants.ts'));
    }
    // An edit in one of the stacks changes that stack only.
    await client.change(stacks[0], STACK.replace('ApiStack', 'Stack0').replace("['sqs:*']", "['sqs:SendMessage']"));
    const wildcards = async (rel: string) =>
      (await client.items(rel)).filter((i) => i.code === 'iam-wildcard-action').map((i) => i.range.start.line);
    assert.deepEqual(await wildcards(stacks[0]), [15]);
    assert.deepEqual(await wildcards(stacks[1]), [14, 15]);
    // Closing the constants' editor drops its unsaved text: the stacks read the file on disk again.
    refreshes = client.refreshCount;
    await client.close('lib/constants.ts');
    await waitFor(() => client.refreshCount > refreshes || undefined, 5000, 'a diagnostic refresh');
    for (const rel of stacks) assert.deepEqual(await snsWildcard(rel), [], rel);
  });

  it('applies per-resource rule settings and refreshes when they change', async () => {
    await client.setSettings({ rules: { 'iam-wildcard-action': 'info' } });
    await client.open('lib/api-stack.ts');
    let d = (await client.items('lib/api-stack.ts')).find((i) => i.code === 'iam-wildcard-action');
    assert.equal(d?.severity, 3);
    const refreshes = client.refreshCount;
    await client.setSettings({ rules: { 'iam-wildcard-action': 'off' } });
    await waitFor(() => client.refreshCount > refreshes || undefined, 5000, 'a diagnostic refresh');
    d = (await client.items('lib/api-stack.ts')).find((i) => i.code === 'iam-wildcard-action');
    assert.equal(d, undefined);
    await client.setSettings({ enable: false });
    assert.deepEqual(await client.items('lib/api-stack.ts'), []);
  });

  it('hovers with the settings diagnostics use: a rule turned off shows no help, before the client pulls again', async () => {
    await client.open('lib/api-stack.ts');
    assert.ok((await client.items('lib/api-stack.ts')).some((i) => i.code === 'iam-wildcard-action'));
    const hoverText = async () => {
      const hover = await client.hover('lib/api-stack.ts', 14, 61);
      return hover ? (hover.contents as { value: string }).value : '';
    };
    assert.match(await hoverText(), /`iam-wildcard-action`/);
    await client.setSettings({ rules: { 'iam-wildcard-action': 'off' } });
    // No diagnostic pull in between: the hover reads the new settings itself.
    assert.doesNotMatch(await hoverText(), /iam-wildcard-action/);
    assert.equal(
      (await client.items('lib/api-stack.ts')).find((i) => i.code === 'iam-wildcard-action'),
      undefined,
    );
  });

  it('judges a hovered construct with the folder’s .slsguard.json, as its rules do', async () => {
    fs.writeFileSync(path.join(root, '.slsguard.json'), '{ "requireCustomerManagedKeys": true }\n');
    const table = `import * as cdk from 'aws-cdk-lib';\nimport * as dynamodb from 'aws-cdk-lib/aws-dynamodb';\nconst stack = new cdk.Stack();\nnew dynamodb.Table(stack, 'T', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });\n`;
    fs.writeFileSync(path.join(root, 'lib/table-stack.ts'), table);
    await client.open('lib/table-stack.ts', table);
    assert.ok(
      (await client.items('lib/table-stack.ts')).some((i) => i.code === 'dynamodb-cmk'),
      'the rule requires a customer-managed key',
    );
    const hover = await client.hover('lib/table-stack.ts', 3, 'new dynamodb.'.length + 1);
    assert.match((hover?.contents as { value: string } | undefined)?.value ?? '', /your configuration requires customer-managed keys/);
  });

  it('survives text that does not parse and keeps serving', async () => {
    await client.open('lib/broken.ts', 'export class { new iam.PolicyStatement({ actions: [ "s3:*" ');
    const items = await client.items('lib/broken.ts');
    assert.ok(Array.isArray(items));
    await client.open('lib/bytes.ts', '\u0000\u0001\u0002\uFFFD garbage ))))');
    assert.ok(Array.isArray(await client.items('lib/bytes.ts')));
    await client.open('lib/api-stack.ts');
    assert.ok((await client.items('lib/api-stack.ts')).some((i) => i.code === 'iam-wildcard-action'));
    assert.ok(client.isRunning);
  });

  it('answers for the newest version after a burst of edits', async () => {
    await client.open('lib/api-stack.ts');
    const pending = [];
    for (let i = 0; i < 10; i++) {
      await client.change('lib/api-stack.ts', STACK.replace("['sqs:*']", `['sqs:*', 'sqs:Action${i}']`));
      pending.push(client.diagnostics('lib/api-stack.ts').catch((e: { code?: number }) => e));
    }
    const results = await Promise.all(pending);
    // Older pulls may be cancelled as stale (ServerCancelled); none may fail otherwise.
    for (const r of results) {
      if ('code' in (r as object)) assert.equal((r as { code: number }).code, -32802);
    }
    const items = await client.items('lib/api-stack.ts');
    assert.ok(items.some((i) => i.code === 'iam-wildcard-action'));
  });

  it('reports files that are not open through workspace diagnostics, and waits for changes before answering again', async () => {
    const report = await client.workspaceDiagnostics();
    const stack = report.items.find((i) => i.uri === client.uri('lib/api-stack.ts'));
    assert.ok(stack && stack.kind === 'full');
    assert.ok(stack.items.some((i) => i.code === 'iam-wildcard-action'));
    const previous = report.items.map((i) => ({ uri: i.uri, value: (i as { resultId?: string }).resultId ?? '' }));
    let answered = false;
    const second = client.workspaceDiagnostics(previous).then((r) => {
      answered = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(answered, false, 'the second workspace pull should wait for a change');
    fs.writeFileSync(path.join(root, 'lib/extra-stack.ts'), STACK.replace('ApiStack', 'ExtraStack').replace("['sqs:*']", "['s3:*']"));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(path.join(root, 'lib/extra-stack.ts')).toString(), type: 1 }],
    });
    const r2 = await second;
    assert.deepEqual(
      r2.items.map((i) => path.basename(new URL(i.uri).pathname)),
      ['extra-stack.ts'],
      'only the new file is reported',
    );
  });

  it('asks the client to pull again when a document opens, so a pull that came before the open is corrected', async () => {
    // VS Code can pull a document before the server has it (the extension starts because that
    // document opened): the answer is empty, and nothing else would ask again until an edit.
    const early = await client.diagnostics('lib/api-stack.ts');
    assert.deepEqual(early.kind === 'full' ? early.items : undefined, []);
    const refreshes = client.refreshCount;
    await client.open('lib/api-stack.ts');
    await waitFor(() => client.refreshCount > refreshes || undefined, 5000, 'a diagnostic refresh after the open');
    assert.ok((await client.items('lib/api-stack.ts')).some((i) => i.code === 'iam-wildcard-action'));
  });

  it('reports an open document in workspace diagnostics too, at its version, with its editor text', async () => {
    // A document open but not pulled by the client (open yet not visible, or a pull it dropped)
    // gets its findings from the workspace report, as the editor holds it.
    await client.open('lib/api-stack.ts');
    await client.change('lib/api-stack.ts', STACK.replace("['sqs:*']", "['s3:*']"));
    const report = await client.workspaceDiagnostics();
    const stack = report.items.find((i) => i.uri === client.uri('lib/api-stack.ts'));
    assert.ok(stack && stack.kind === 'full', JSON.stringify(report.items.map((i) => i.uri)));
    assert.equal(stack.version, 2);
    assert.ok(
      stack.items.some((i) => i.code === 'iam-wildcard-action' && text(i.message).includes('s3')),
      JSON.stringify(stack.items),
    );
  });

  it('scans the workspace on request with progress notifications', async () => {
    const summary = (await client.connection.sendRequest('slsguard/scanWorkspace', { token: 't1' })) as {
      files: number;
      errors: number;
    };
    assert.equal(summary.files, 2);
    assert.ok(summary.errors >= 1);
    const progress = client.notifications
      .filter((n) => n.method === 'slsguard/scanProgress')
      .map((n) => n.params as { token: string; done: number; total: number });
    assert.ok(progress.length >= 2);
    assert.ok(progress.every((p) => p.token === 't1' && p.total === 2));
    // From 0, counting up, to the final count: received before the answer.
    assert.equal(progress[0].done, 0);
    assert.ok(
      progress.every((p, i) => i === 0 || p.done > progress[i - 1].done),
      JSON.stringify(progress),
    );
    assert.equal(progress[progress.length - 1].done, 2);
  });
});
