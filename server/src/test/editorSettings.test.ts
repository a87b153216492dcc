import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeProject, TestClient, waitFor } from './lspClient';

/**
 * The editor's settings and what the server tells the user (issue 19), over real JSON-RPC with
 * the bundled server: the output channel's log, rule ids typed wrong in `slsguard.rules`,
 * `slsguard.minimumSeverity`, `slsguard.run: onSave`, and a `.slsguard.json` that turns rules
 * off in a workspace the editor does not trust.
 */

const STACK = `import * as iam from 'aws-cdk-lib/aws-iam';
export const s = new iam.PolicyStatement({ actions: ['sqs:*'], resources: ['*'] });
`;
/** A secret in the project: the log must never show it. */
const SECRET = 'aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC2dF4gH6!';
const SECRET_STACK = [
  "import * as lambda from 'aws-cdk-lib/aws-lambda';",
  `const apiKey = '${SECRET}';`,
  "export const fn = (scope: any) => new lambda.Function(scope, 'F', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline(''), environment: { API_KEY: apiKey } });",
  '',
].join('\n');

const logLines = (client: TestClient) =>
  client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
const codes = async (client: TestClient, rel: string) => (await client.items(rel)).map((d) => `${String(d.code)}:${d.severity}`).sort();

describe('editor settings and the output channel', function () {
  this.timeout(120_000);
  let root: string;
  let client: TestClient | undefined;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('logs the version, the config file of each folder with its problems, and each scan with its file count and time, never a secret', async () => {
    root = makeProject({
      'cdk.json': '{}',
      '.slsguard.json': '{\n  // team defaults\n  "rules": { "iam-wildcard-actoin": "off" },\n}\n',
      'lib/stack.ts': STACK,
      'lib/secret.ts': SECRET_STACK,
    });
    ({ client } = await TestClient.start(root));
    const c = client;
    const version = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string })
      .version;
    await waitFor(() => logLines(c).some((l) => l.startsWith('Workspace folder ')) || undefined, 10_000, 'the folder in the log');
    const config = path.join(root, '.slsguard.json').replace(/\\/g, '/');
    assert.ok(
      logLines(c).some((l) => l.startsWith(`Serverless Guard ${version} language server`)),
      logLines(c).join('\n'),
    );
    assert.ok(
      logLines(c).some((l) => l.startsWith(`Workspace folder ${root}: ${config} applies`)),
      logLines(c).join('\n'),
    );
    assert.ok(logLines(c).includes(`Read ${config}: 1 problem.`));
    assert.ok(
      logLines(c).includes(
        `${config}:3:14 warning: Unknown rule "iam-wildcard-actoin": it is ignored. Did you mean "iam-wildcard-action"? Rule ids are listed in docs/rules/.`,
      ),
      logLines(c).join('\n'),
    );
    await c.connection.sendRequest('slsguard/scanWorkspace', { token: 't' });
    assert.ok(
      logLines(c).some((l) =>
        new RegExp(`^Scan Workspace: 2 files of ${root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} in \\d+ ms\\.$`).test(l),
      ),
      logLines(c).join('\n'),
    );
    // The secret was found, and the log does not show it, not even its start.
    await c.open('lib/secret.ts');
    assert.ok((await codes(c, 'lib/secret.ts')).some((x) => x.startsWith('secret-in-env')));
    assert.ok(logLines(c).every((l) => !l.includes(SECRET.slice(0, 8))));
  });

  it('tells of a rule id in slsguard.rules that no rule has, with the one most likely meant: in the log and a notification', async () => {
    root = makeProject({ 'lib/stack.ts': STACK });
    ({ client } = await TestClient.start(root, { settings: { rules: { 'iam-wildcard-actions': 'off' } } }));
    const c = client;
    const shown = () =>
      c.notifications.filter((n) => n.method === 'window/showMessage').map((n) => (n.params as { message: string }).message);
    // The typo turns nothing off: the finding stays.
    await c.open('lib/stack.ts');
    assert.ok((await codes(c, 'lib/stack.ts')).includes('iam-wildcard-action:1'));
    const expected =
      'slsguard.rules: there is no rule "iam-wildcard-actions", so this setting changes nothing. Did you mean "iam-wildcard-action"?';
    await waitFor(() => shown().length > 0 || undefined, 10_000, 'the notification');
    assert.deepEqual(shown(), [`Serverless Guard: ${expected}`]);
    assert.ok(logLines(c).includes(expected));
    // Pulled again: told once only.
    await c.change('lib/stack.ts', `${STACK}// edited\n`);
    await c.items('lib/stack.ts');
    assert.equal(shown().length, 1);
  });

  it('shows only findings at or above slsguard.minimumSeverity', async () => {
    root = makeProject({ 'lib/stack.ts': STACK });
    ({ client } = await TestClient.start(root));
    await client.open('lib/stack.ts');
    assert.deepEqual(await codes(client, 'lib/stack.ts'), ['iam-wildcard-action:1', 'iam-wildcard-resource:2']);
    await client.setSettings({ minimumSeverity: 'error' });
    assert.deepEqual(await codes(client, 'lib/stack.ts'), ['iam-wildcard-action:1']);
    const report = await client.workspaceDiagnostics();
    assert.ok(report.items.every((i) => i.kind !== 'full' || i.items.every((d) => d.severity === 1)));
  });

  it('with slsguard.run onSave, an edited file keeps the problems of its last save until it is saved', async () => {
    root = makeProject({ 'lib/stack.ts': STACK });
    ({ client } = await TestClient.start(root, { settings: { run: 'onSave' } }));
    const c = client;
    await c.open('lib/stack.ts');
    assert.deepEqual(await codes(c, 'lib/stack.ts'), ['iam-wildcard-action:1', 'iam-wildcard-resource:2']);
    const narrowed = STACK.replace("['sqs:*']", "['sqs:SendMessage']");
    await c.change('lib/stack.ts', narrowed);
    assert.deepEqual(await codes(c, 'lib/stack.ts'), ['iam-wildcard-action:1', 'iam-wildcard-resource:2'], 'not analysed before the save');
    const refreshes = c.refreshCount;
    await c.connection.sendNotification('textDocument/didSave', { textDocument: { uri: c.uri('lib/stack.ts') } });
    await waitFor(() => c.refreshCount > refreshes || undefined, 10_000, 'a diagnostics refresh');
    assert.deepEqual(await codes(c, 'lib/stack.ts'), ['iam-wildcard-resource:2']);
    // As you type (the default): the edit is analysed at once.
    await c.setSettings({ run: 'onType' });
    await c.change('lib/stack.ts', STACK);
    assert.deepEqual(await codes(c, 'lib/stack.ts'), ['iam-wildcard-action:1', 'iam-wildcard-resource:2']);
  });

  it('in an untrusted workspace, .slsguard.json cannot turn rules off or down (said in the log), only up', async () => {
    root = makeProject({
      '.slsguard.json': JSON.stringify({ rules: { 'iam-wildcard-action': 'off', 'iam-wildcard-resource': 'error' } }),
      'lib/stack.ts': STACK,
    });
    ({ client } = await TestClient.start(root, { initializationOptions: { workspaceTrusted: false } }));
    const c = client;
    await c.open('lib/stack.ts');
    assert.deepEqual(await codes(c, 'lib/stack.ts'), ['iam-wildcard-action:1', 'iam-wildcard-resource:1']);
    const line = await waitFor(() => logLines(c).find((l) => l.startsWith('The workspace is not trusted')), 10_000, 'the log line');
    assert.match(line, /"iam-wildcard-action": "off" in .*\.slsguard\.json are ignored until you trust it/);
    assert.doesNotMatch(line, /iam-wildcard-resource/);
    // Trusted: the team's choice applies.
    const refreshes = c.refreshCount;
    await c.connection.sendNotification('slsguard/workspaceTrust', { trusted: true });
    await waitFor(() => c.refreshCount > refreshes || undefined, 10_000, 'a diagnostics refresh');
    assert.deepEqual(await codes(c, 'lib/stack.ts'), ['iam-wildcard-resource:1']);
  });
});
