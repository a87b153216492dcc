import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeProject, TestClient, waitFor } from './lspClient';

/**
 * The language server's memory as the editor starts it (`SERVER_NODE_OPTIONS`; bench/README.md,
 * "Issue 22: the language server's memory"). A probe loaded into the server with `--require`
 * writes V8's heap spaces to a file when the test sends it a signal, which Windows has not.
 */
const PROBE = `const v8 = require('node:v8');
const fs = require('node:fs');
process.on('SIGUSR2', () => fs.writeFileSync(process.env.SLSGUARD_TEST_HEAP_FILE, JSON.stringify(v8.getHeapSpaceStatistics())));
`;

function stack(i: number): string {
  const queues = Array.from(
    { length: 20 },
    (_, q) => `    new sqs.Queue(this, 'Queue${q}', { visibilityTimeout: cdk.Duration.seconds(${q + 30}) });`,
  );
  return `import * as cdk from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';

export class Stack${i} extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
${queues.join('\n')}
  }
}
`;
}

describe('language server memory', function () {
  this.timeout(60000);

  (process.platform === 'win32' ? it.skip : it)('keeps a young generation of 2 × 2 MB while files are opened', async () => {
    const files: Record<string, string> = { 'package.json': '{"dependencies":{"aws-cdk-lib":"2.0.0"}}' };
    for (let i = 0; i < 20; i++) files[`lib/stack${i}.ts`] = stack(i);
    const root = makeProject(files);
    const probe = path.join(root, 'probe.cjs');
    const out = path.join(root, 'heap.json');
    fs.writeFileSync(probe, PROBE);
    const { client } = await TestClient.start(root, { execArgv: ['--require', probe], env: { SLSGUARD_TEST_HEAP_FILE: out } });
    try {
      for (let i = 0; i < 20; i++) {
        await client.open(`lib/stack${i}.ts`);
        assert.ok((await client.items(`lib/stack${i}.ts`)).length > 0, `stack${i} is analysed`);
      }
      process.kill(client.pid!, 'SIGUSR2');
      const spaces = await waitFor(() =>
        fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, 'utf8')) as Array<{ space_name: string; space_size: number }>) : undefined,
      );
      const young = spaces.find((s) => s.space_name === 'new_space')!.space_size / 2 ** 20;
      // With V8's 2 × 16 MB, or the 2 × 8 MB of before, the young generation is 16 MB by now.
      assert.ok(young <= 4, `the young generation takes ${young} MB`);
    } finally {
      await client.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
