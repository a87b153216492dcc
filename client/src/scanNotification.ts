import type { ScanProgressParams } from '../../shared/src/protocol';

/**
 * VS Code's extension host passes an extension's progress reports on at most once per 100 ms:
 * the first at once, later ones when their window opens. A report still waiting when the task
 * ends is dropped, so a scan that ends right after its last report would close its
 * notification on an older count.
 */
export const HOST_REPORT_INTERVAL_MS = 100;
const MARGIN_MS = 20;

export interface ProgressReport {
  increment: number;
  message: string;
}

/** Progress text for one notification: percentage done and "n/total file". */
export function progressStep(params: ScanProgressParams): { percent: number; message: string } {
  const percent = params.total > 0 ? Math.min(100, Math.floor((params.done * 100) / params.total)) : 0;
  const message = `${params.done}/${params.total}${params.file ? ` ${params.file}` : ''}`;
  return { percent, message };
}

/**
 * The server's `slsguard/scanProgress` notifications of one scan, as the steps of its progress
 * notification. Nothing is shown before a file is done: "0/14" would be all a fast scan ever
 * showed, the count that came after it dropped by the host. The first count goes through at
 * once; `settleMs` says how long to keep the notification open for the last one to be shown.
 */
export class ScanNotification {
  private percent = 0;
  private reports = 0;
  private lastReportAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly report: (step: ProgressReport) => void,
    private readonly now: () => number = Date.now,
  ) {}

  update(params: ScanProgressParams): void {
    if (params.done <= 0) return;
    const step = progressStep(params);
    this.report({ increment: Math.max(0, step.percent - this.percent), message: step.message });
    this.percent = Math.max(this.percent, step.percent);
    this.reports++;
    this.lastReportAt = this.now();
  }

  /** Milliseconds until the host has passed the last report on: 0 when it was the first. */
  settleMs(): number {
    if (this.reports <= 1) return 0;
    return Math.max(0, this.lastReportAt + HOST_REPORT_INTERVAL_MS + MARGIN_MS - this.now());
  }
}
