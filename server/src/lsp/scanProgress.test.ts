import * as assert from 'node:assert/strict';
import type { ScanProgressParams } from '../../../shared/src/protocol';
import { PROGRESS_INTERVAL_MS, ScanProgress } from './scanProgress';

/** A scan's progress notifications against a clock the test moves. */
function scan(total: number): { progress: ScanProgress; sent: Array<[number, string?]>; tick(ms: number): void } {
  let now = 1_000;
  const sent: Array<[number, string?]> = [];
  const progress = new ScanProgress(
    't',
    total,
    (p: ScanProgressParams) => {
      assert.equal(p.token, 't');
      assert.equal(p.total, total);
      sent.push(p.file === undefined ? [p.done] : [p.done, p.file]);
    },
    () => now,
  );
  return { progress, sent, tick: (ms) => (now += ms) };
}

describe('scan progress notifications', () => {
  it('starts at 0 and ends with the final count, however fast the files go', () => {
    const { progress, sent } = scan(6);
    for (let n = 1; n <= 6; n++) progress.fileDone(n, `lib/s${n}.ts`);
    progress.finish();
    // All within one interval: only the start and the final count, sent as the last file is done.
    assert.deepEqual(sent, [[0], [6, 'lib/s6.ts']]);
  });

  it('reports the count of files done at most once per interval', () => {
    const { progress, sent, tick } = scan(5);
    tick(PROGRESS_INTERVAL_MS);
    progress.fileDone(1, 'a.ts');
    tick(10);
    progress.fileDone(2, 'b.ts');
    tick(PROGRESS_INTERVAL_MS);
    progress.fileDone(3, 'c.ts');
    progress.fileDone(4, 'd.ts');
    tick(PROGRESS_INTERVAL_MS);
    progress.fileDone(5, 'e.ts');
    progress.finish();
    assert.deepEqual(sent, [[0], [1, 'a.ts'], [3, 'c.ts'], [5, 'e.ts']]);
  });

  it('finishes with the total when the last files were not analysed (a disabled folder)', () => {
    const { progress, sent, tick } = scan(10);
    tick(PROGRESS_INTERVAL_MS);
    progress.fileDone(4, 'a.ts');
    progress.finish();
    progress.finish();
    assert.deepEqual(sent, [[0], [4, 'a.ts'], [10]]);
  });

  it('never goes back', () => {
    const { progress, sent, tick } = scan(3);
    tick(PROGRESS_INTERVAL_MS);
    progress.fileDone(2, 'b.ts');
    tick(PROGRESS_INTERVAL_MS);
    progress.fileDone(1, 'a.ts');
    progress.fileDone(2, 'b.ts');
    assert.deepEqual(sent, [[0], [2, 'b.ts']]);
  });

  it('an empty workspace: 0 of 0, once', () => {
    const { progress, sent } = scan(0);
    progress.finish();
    assert.deepEqual(sent, [[0]]);
  });
});
