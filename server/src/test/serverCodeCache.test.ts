import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeProject, TestClient, waitFor } from './lspClient';
import { GARBAGE_ROUND, itOwnCache } from './robustness';

/**
 * The language server starts from V8's code cache (`server/out/server.js`, a launcher, runs
 * `server-main.js` through server/src/launcher.ts): the 13 MB bundle is compiled once, and the
 * 35 MB of malloc heap that compiling it took, which glibc never gave back, are not taken again.
 * A probe `--require`d into the server writes V8's malloc figures at exit.
 */
const PROBE = `const v8 = require('node:v8');
const fs = require('node:fs');
const path = require('node:path');
process.on('exit', () => fs.writeFileSync(process.env.SLSGUARD_TEST_HEAP_FILE, JSON.stringify(v8.getHeapStatistics())));
// With SLSGUARD_TEST_GARBAGE_DONE: once the first cache is written, garbage enough for many full
// collections, then that file.
const done = process.env.SLSGUARD_TEST_GARBAGE_DONE;
if (done) {
  const dir = path.join(process.env.XDG_CACHE_HOME, 'slsguard');
  let rounds = 0;
  const timer = setInterval(() => {
    if (rounds === 0 && !(fs.existsSync(dir) && fs.readdirSync(dir).some((f) => f.endsWith('.v8cache')))) return;
    ${GARBAGE_ROUND}
    if (++rounds === 40) {
      clearInterval(timer);
      fs.writeFileSync(done, '');
    }
  }, 20);
}
`;

const STACK = `import * as cdk from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';

export class QueueStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    new sqs.Queue(this, 'Queue', { encryption: sqs.QueueEncryption.UNENCRYPTED });
  }
}
`;

describe('language server code cache', function () {
  this.timeout(90000);
  let cacheHome: string;
  let root: string;
  let probe: string;
  let heapFile: string;

  beforeEach(() => {
    cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'slsguard-cache-'));
    fs.chmodSync(cacheHome, 0o700);
    root = makeProject({ 'package.json': '{"dependencies":{"aws-cdk-lib":"2.0.0"}}', 'lib/stack.ts': STACK });
    probe = path.join(root, 'probe.cjs');
    heapFile = path.join(root, 'heap.json');
    fs.writeFileSync(probe, PROBE);
  });

  afterEach(() => {
    fs.rmSync(cacheHome, { recursive: true, force: true });
    fs.rmSync(root, { recursive: true, force: true });
  });

  const cacheFiles = (): string[] => {
    const dir = path.join(cacheHome, 'slsguard');
    return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.v8cache')) : [];
  };
  /** The caches of the server's own bundle (TypeScript, which it loads apart, has its own). */
  const serverCaches = (): string[] => cacheFiles().filter((f) => f.startsWith('server-'));

  /**
   * Starts the server, checks it answers with the queue's finding, waits for `settled`, runs
   * `then` (more requests), stops it. `env` goes to the server (and its probe).
   */
  async function serve(
    settled: () => boolean | undefined,
    then?: (client: TestClient) => Promise<void>,
    env: Record<string, string> = {},
  ): Promise<{ peakMalloced: number }> {
    const { client } = await TestClient.start(root, {
      execArgv: ['--require', probe],
      env: {
        XDG_CACHE_HOME: cacheHome,
        LOCALAPPDATA: cacheHome,
        SLSGUARD_COMPILE_CACHE: '1',
        SLSGUARD_TEST_HEAP_FILE: heapFile,
        ...env,
      },
    });
    try {
      await client.open('lib/stack.ts');
      const items = await client.items('lib/stack.ts');
      assert.ok(
        items.some((d) => d.code === 'sqs-unencrypted'),
        items.map((d) => String(d.code)).join(', '),
      );
      await waitFor(settled, 20000, 'the code cache');
      await then?.(client);
    } finally {
      await client.stop();
    }
    const stats = JSON.parse(fs.readFileSync(heapFile, 'utf8')) as { peak_malloced_memory: number };
    return { peakMalloced: stats.peak_malloced_memory };
  }

  /** `settled` once the server's first save is written; the cache's size then, and now. */
  function firstSave(): { settled: () => boolean; size: number; sizeNow: () => number } {
    const save = {
      file: '',
      size: 0,
      settled: (): boolean => {
        if (serverCaches().length !== 1) return false;
        save.file = path.join(cacheHome, 'slsguard', serverCaches()[0]);
        save.size = fs.statSync(save.file).size;
        return true;
      },
      sizeNow: (): number => fs.statSync(save.file).size,
    };
    return save;
  }

  itOwnCache('writes the cache at the first start and starts from it at the second, without compiling the bundle', async () => {
    const first = await serve(() => serverCaches().length === 1);
    const [name] = serverCaches();
    assert.match(name, /^server-v\d+\.\d+\.\d+-[a-z0-9]+-\d+-\d+\.v8cache$/);
    const file = path.join(cacheHome, 'slsguard', name);
    if (process.platform !== 'win32') assert.equal(fs.statSync(file).mode & 0o077, 0, 'the cache is private');
    const written = fs.statSync(file);
    const old = new Date(Date.now() - 60000);
    fs.utimesSync(file, old, old);

    // Accepted: the file is marked used (its time moves), never written again (same inode).
    const second = await serve(() => fs.statSync(file).mtimeMs > old.getTime() + 1000);
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal(fs.statSync(file).ino, written.ino);
    assert.deepEqual(serverCaches(), [name]);
    // V8's parser took tens of MB of malloc heap to compile the bundle; from the cache, a fraction.
    assert.ok(
      second.peakMalloced < first.peakMalloced - 15 * 1024 * 1024,
      `peak malloced memory ${(second.peakMalloced / 1048576).toFixed(1)} MB from the cache, ${(first.peakMalloced / 1048576).toFixed(1)} MB compiling`,
    );
  });

  itOwnCache('writes the cache again later, with the code the server compiled after its first save', async () => {
    // The first save comes 2 s after start-up, before most rules have run; a cache holds only
    // what is compiled when it is made, so a later save (at 30 s, or at exit as here) replaces it.
    fs.writeFileSync(
      path.join(root, 'lib', 'api.ts'),
      `import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as apigw from 'aws-cdk-lib/aws-apigateway';

export class ApiStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    const fn = new lambda.Function(this, 'Fn', {
      runtime: lambda.Runtime.NODEJS_16_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
      environment: { API_KEY: 'sk_live_4eC39HqLyjWDarjtT1zdp7dc' },
    });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
    new apigw.LambdaRestApi(this, 'Api', { handler: fn });
  }
}
`,
    );
    const first = firstSave();
    await serve(first.settled, async (client) => {
      await client.open('lib/api.ts');
      const items = await client.items('lib/api.ts');
      assert.ok(
        items.some((d) => d.code === 'iam-wildcard-action'),
        items.map((d) => String(d.code)).join(', '),
      );
    });
    assert.ok(first.sizeNow() > first.size, `${first.sizeNow()} bytes at exit, ${first.size} at the first save`);
  });

  itOwnCache('keeps in its later cache the code that ran at start-up, however much garbage the server made', async () => {
    // Full collections age out the bytecode of functions that have not run for a few of them
    // (the bundle's module bodies, run once): a cache made after them lacked that code, and the
    // servers started from it compiled it again (bench/README.md, "Keeping the code cache whole").
    const done = path.join(root, 'garbage-done');
    const first = firstSave();
    await serve(
      first.settled,
      async () => {
        await waitFor(() => fs.existsSync(done) || undefined, 30000, 'the garbage');
      },
      { SLSGUARD_TEST_GARBAGE_DONE: done },
    );
    assert.ok(first.sizeNow() >= first.size, `${first.sizeNow()} bytes at exit, after the garbage; ${first.size} at the first save`);
  });

  itOwnCache("prunes only the server's own caches: the CLI's stay, however many", async () => {
    const dir = path.join(cacheHome, 'slsguard');
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const weekAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    const cli = [1, 2, 3, 4, 5].map((i) => path.join(dir, `cli-v20.0.0-x64-${i}-${i}.v8cache`));
    for (const file of cli) fs.writeFileSync(file, '', { mode: 0o600 });
    fs.utimesSync(cli[4], weekAgo, weekAgo);
    const staleServer = path.join(dir, 'server-v20.0.0-x64-1-1.v8cache');
    fs.writeFileSync(staleServer, '', { mode: 0o600 });
    fs.utimesSync(staleServer, weekAgo, weekAgo);
    await serve(() => cacheFiles().some((f) => f.startsWith('server-') && !f.startsWith('server-v20.0.0-')));
    assert.ok(
      cli.every((file) => fs.existsSync(file)),
      cacheFiles().join(', '),
    );
    assert.ok(!fs.existsSync(staleServer), 'a server cache no start used for a week is dropped');
  });

  itOwnCache('ignores a garbage cache file: the server still answers and writes a good one', async () => {
    await serve(() => serverCaches().length === 1);
    const [name] = serverCaches();
    const file = path.join(cacheHome, 'slsguard', name);
    const garbage = Buffer.alloc(4096, 0x5a);
    fs.writeFileSync(file, garbage, { mode: 0o600 });
    await serve(() => !fs.readFileSync(file).equals(garbage) || undefined);
    assert.ok(fs.statSync(file).size > 1024 * 1024, 'a real cache replaces the garbage');
  });
});
