import type { ScanProgressParams } from '../../../shared/src/protocol';

/** Least time between two progress notifications of a scan; the first and the last are always sent. */
export const PROGRESS_INTERVAL_MS = 100;

/**
 * The progress of one "Scan Workspace", as the `slsguard/scanProgress` notifications the
 * client shows: 0 of the total when it starts, the count of files done as they are done (at
 * most one per interval), and the final count before the answer, so the last thing the
 * notification says is what was scanned. Counts never go back.
 */
export class ScanProgress {
  private lastSent = Number.NEGATIVE_INFINITY;
  private reported = -1;

  constructor(
    private readonly token: string,
    readonly total: number,
    private readonly send: (params: ScanProgressParams) => void,
    private readonly now: () => number = Date.now,
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
  ) {
    this.emit(0);
  }

  /** `done` files of the total are analysed, the last of them `file` (workspace-relative). */
  fileDone(done: number, file?: string): void {
    if (done <= this.reported) return;
    if (done < this.total && this.now() - this.lastSent < this.intervalMs) return;
    this.emit(done, file);
  }

  /** Every file is done (also the ones of disabled folders, counted without analysis). */
  finish(): void {
    if (this.reported < this.total) this.emit(this.total);
  }

  private emit(done: number, file?: string): void {
    this.lastSent = this.now();
    this.reported = done;
    this.send({ token: this.token, done, total: this.total, ...(file !== undefined ? { file } : {}) });
  }
}
