import * as assert from 'node:assert/strict';
import type { Finding } from '../types';
import { fingerprintContent, fingerprintHash, fingerprints } from './fingerprint';

function finding(file: string, line: number): Finding {
  const at = { line, character: 0 };
  return {
    ruleId: 'sqs-unencrypted',
    messageId: 'unencrypted',
    severity: 'warning',
    file,
    range: { start: at, end: at },
    message: 'The queue is not encrypted.',
    related: [],
    fixes: [],
  };
}

describe('fingerprints', () => {
  const text = "import * as sqs from 'aws-cdk-lib/aws-sqs';\nnew sqs.Queue(this, 'Q');\n";

  it('hashes the rule, the relative path and the line text, numbering equal ones in report order', () => {
    const [a, b] = [finding('/p/lib/a.ts', 1), finding('/p/lib/a.ts', 1)];
    const prints = fingerprints([a, b], '/p', () => text);
    const hash = fingerprintHash('sqs-unencrypted', 'lib/a.ts', fingerprintContent(a, text));
    assert.deepEqual([prints.get(a), prints.get(b)], [`${hash}:1`, `${hash}:2`]);
  });

  it('takes a hash kept from an earlier run of the same text (the results cache) without reading the file', () => {
    const f = finding('/p/lib/a.ts', 1);
    const read: string[] = [];
    const prints = fingerprints(
      [f],
      '/p',
      (file) => (read.push(file), text),
      () => 'ab'.repeat(16),
    );
    assert.equal(prints.get(f), `${'ab'.repeat(16)}:1`);
    assert.deepEqual(read, []);
  });
});
