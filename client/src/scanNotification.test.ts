import * as assert from 'node:assert/strict';
import { HOST_REPORT_INTERVAL_MS, ProgressReport, ScanNotification } from './scanNotification';

/** A scan's notification against a clock the test moves. */
function notification(): { steps: ScanNotification; reports: ProgressReport[]; tick(ms: number): void } {
  let now = 5_000;
  const reports: ProgressReport[] = [];
  const steps = new ScanNotification(
    (r) => reports.push(r),
    () => now,
  );
  return { steps, reports, tick: (ms) => (now += ms) };
}

const at = (done: number, total: number, file?: string) => ({ token: 't', done, total, ...(file ? { file } : {}) });

describe('the Scan Workspace progress notification', () => {
  it('shows no count before a file is done, then the counts as they come', () => {
    const { steps, reports, tick } = notification();
    steps.update(at(0, 14));
    assert.deepEqual(reports, []);
    tick(150);
    steps.update(at(3, 14, 'lib/api-stack.ts'));
    tick(150);
    steps.update(at(14, 14));
    assert.deepEqual(reports, [
      { increment: 21, message: '3/14 lib/api-stack.ts' },
      { increment: 79, message: '14/14' },
    ]);
  });

  it('a fast scan shows its final count straight away: nothing to wait for', () => {
    const { steps, reports } = notification();
    steps.update(at(0, 14));
    steps.update(at(14, 14, 'lib/support-stack.ts'));
    assert.deepEqual(reports, [{ increment: 100, message: '14/14 lib/support-stack.ts' }]);
    assert.equal(steps.settleMs(), 0);
  });

  it('keeps the notification open until the host has passed the last count on', () => {
    const { steps, tick } = notification();
    steps.update(at(5, 14));
    tick(30);
    steps.update(at(14, 14));
    // The host holds the second report until its window opens: no later than an interval on.
    const wait = steps.settleMs();
    assert.ok(wait > HOST_REPORT_INTERVAL_MS && wait <= HOST_REPORT_INTERVAL_MS + 50, String(wait));
    tick(wait);
    assert.equal(steps.settleMs(), 0);
  });

  it('never moves the bar back', () => {
    const { steps, reports } = notification();
    steps.update(at(10, 20));
    steps.update(at(4, 20));
    assert.deepEqual(
      reports.map((r) => r.increment),
      [50, 0],
    );
  });
});
