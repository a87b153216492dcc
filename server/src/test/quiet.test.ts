import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeProject, TestClient, waitFor } from './lspClient';

/**
 * Quiet in projects with no CDK (issue 19): the server says whether the workspace has CDK or
 * handler code (`slsguard/activity`, which hides the activity-bar icon and the status item), and
 * analyses a workspace without any only as its files are opened.
 */

/** A plain TypeScript project: a hard-coded key in a file nobody opened is not looked for. */
const PLAIN = {
  'package.json': '{ "name": "plain", "private": true }\n',
  'src/index.ts': "import { greet } from './greet';\nconsole.log(greet('world'));\n",
  'src/greet.ts': 'export function greet(name: string): string {\n  return `hello ${name}`;\n}\n',
  'src/client.ts': "export const STRIPE_API_KEY = 'sk_live_51Nq8RzT4xLmW2vKp9HsYc3Bd';\n",
};
const CDK_STACK = `import * as cdk from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';

export class InfraStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    new s3.Bucket(this, 'Assets', { publicReadAccess: true });
  }
}
`;

describe('quiet in projects with no CDK', function () {
  this.timeout(30000);
  let client: TestClient;
  let root: string;
  const activity = () => client.notifications.filter((n) => n.method === 'slsguard/activity').map((n) => n.params);

  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('says the workspace is inactive and analyses none of its files, until a file imports aws-cdk-lib (no cdk.json)', async () => {
    root = makeProject(PLAIN);
    ({ client } = await TestClient.start(root));
    await waitFor(() => activity().length > 0 || undefined, 5000, 'the activity notification');
    assert.deepEqual(activity(), [{ active: false }]);
    const first = await client.workspaceDiagnostics();
    assert.deepEqual(first.items, [], 'no workspace analysis');
    // An opened file is still analysed.
    await client.open('src/client.ts');
    assert.deepEqual(
      (await client.items('src/client.ts')).map((d) => d.code),
      ['hardcoded-secret'],
    );
    // A CDK app appears in a subfolder, without a cdk.json.
    const rel = 'infra/lib/infra-stack.ts';
    fs.mkdirSync(path.join(root, 'infra', 'lib'), { recursive: true });
    fs.writeFileSync(path.join(root, rel), CDK_STACK);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(rel), type: 1 }] });
    await waitFor(() => activity().length > 1 || undefined, 5000, 'the workspace turning active');
    assert.deepEqual(activity(), [{ active: false }, { active: true }]);
    const report = await client.workspaceDiagnostics();
    const stack = report.items.find((i) => i.uri === client.uri(rel));
    assert.ok(stack && stack.kind === 'full', JSON.stringify(report.items.map((i) => i.uri)));
    assert.ok(
      stack.items.some((d) => d.code === 's3-public-access'),
      JSON.stringify(stack.items),
    );
  });

  it('is active at once with a cdk.json in a subfolder, or a Lambda handler', async () => {
    for (const files of [
      { ...PLAIN, 'infra/cdk.json': '{ "app": "npx ts-node bin/app.ts" }\n', 'infra/lib/names.ts': "export const PREFIX = 'shop';\n" },
      { ...PLAIN, 'functions/orders.ts': 'export const handler = async (event: unknown) => ({ statusCode: 200 });\n' },
    ]) {
      root = makeProject(files);
      ({ client } = await TestClient.start(root));
      await waitFor(() => activity().length > 0 || undefined, 5000, 'the activity notification');
      assert.deepEqual(activity(), [{ active: true }], Object.keys(files).join(', '));
      await client.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
    root = makeProject({});
    ({ client } = await TestClient.start(root));
  });
});
