import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { makeProject, TestClient } from './lspClient';

/**
 * The language server's resident memory as the editor starts it (`SERVER_NODE_OPTIONS`,
 * `SERVER_ENV`; bench/README.md, "Where the time and memory go"). Read from Linux's
 * `/proc/<pid>/smaps`, with glibc's malloc: elsewhere there is nothing to read.
 */
const glibc = !!(process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header?.glibcVersionRuntime;
const canMeasure = process.platform === 'linux' && fs.existsSync('/proc/self/smaps') && glibc;

/** Resident kilobytes of the mapping named `name` (e.g. `[heap]`, the C allocator's main heap). */
function residentKb(pid: number, name: string): number {
  let total = 0;
  let inside = false;
  for (const line of fs.readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) inside = header[1] === name;
    else if (inside) {
      const rss = /^Rss:\s+(\d+) kB/.exec(line);
      if (rss) total += Number(rss[1]);
    }
  }
  return total;
}

const STACK = `import * as cdk from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';

export class QueueStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    new sqs.Queue(this, 'Queue');
  }
}
`;

describe('language server memory', function () {
  this.timeout(60000);

  (canMeasure ? it : it.skip)('gives back the C heap it took to compile its bundle', async () => {
    const root = makeProject({ 'lib/stack.ts': STACK, 'package.json': '{"dependencies":{"aws-cdk-lib":"2.0.0"}}' });
    const { client } = await TestClient.start(root);
    try {
      await client.open('lib/stack.ts');
      assert.ok((await client.items('lib/stack.ts')).length > 0, 'the stack is analysed');
      // V8's parser takes about 35 MB from malloc to compile the 13 MB bundle, in blocks glibc
      // kept in its main heap for the server's whole life (39 MB resident with no file open).
      const heapMb = residentKb(client.pid!, '[heap]') / 1024;
      assert.ok(heapMb <= 16, `the server's C heap holds ${heapMb.toFixed(1)} MB after start-up`);
    } finally {
      await client.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
