import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readRegularFile } from './host';

/** `readRegularFile` reads a file into one buffer of its size: every byte, and never past the cap. */
describe('readRegularFile', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slsguard-read-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, bytes: Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    return file;
  };
  const bytesOf = (size: number) => Buffer.from(Array.from({ length: size }, (_, i) => 32 + (i % 90)));

  it('returns exactly the bytes of empty, small, pooled-size and multi-chunk files', () => {
    for (const size of [0, 1, 100, 4095, 4096, 65535, 65536, 65537, 300_000]) {
      const expected = bytesOf(size);
      const read = readRegularFile(write(`f${size}.ts`, expected), { maxBytes: 1_000_000 });
      assert.ok('bytes' in read, `${size} bytes read`);
      assert.equal(read.bytes.length, size);
      assert.ok(read.bytes.equals(expected), `${size} bytes the same`);
    }
  });

  it('reads a file of exactly the cap, and turns down one byte more', () => {
    const at = readRegularFile(write('at.ts', bytesOf(2048)), { maxBytes: 2048 });
    assert.ok('bytes' in at && at.bytes.length === 2048);
    const over = readRegularFile(write('over.ts', bytesOf(2049)), { maxBytes: 2048 });
    assert.deepEqual(over, { problem: 'over.ts is larger than 2 kB' });
  });
});
