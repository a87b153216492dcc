import { Baseline, BaselineError, BASELINE_FILE, parseBaseline } from '../core/baseline/baseline';
import type { Logger } from '../core/engine/engine';
import type { OverlayHost } from './overlayHost';
import type { FolderState } from './workspace';

/**
 * The baseline of each workspace folder (`.slsguard-baseline.json` at its root, written by
 * `slsguard baseline`): findings it holds are not shown. A baseline can only hide findings, so
 * an untrusted workspace's is ignored (and the log says so) until the editor trusts it.
 */
export class Baselines {
  private trusted = true;
  /** The text each folder's baseline was loaded from: a message is logged once per change. */
  private readonly loaded = new Map<string, string | undefined>();

  constructor(
    private readonly host: OverlayHost,
    private readonly log: Logger,
  ) {}

  /** True when this changed the trust. */
  setTrusted(trusted: boolean): boolean {
    if (trusted === this.trusted) return false;
    this.trusted = trusted;
    this.loaded.clear();
    return true;
  }

  static isBaselineFile(file: string): boolean {
    return file.endsWith(`/${BASELINE_FILE}`);
  }

  /** Read each folder's baseline file (again) and give it to the folder's engine. */
  apply(folders: FolderState[]): void {
    for (const state of folders) {
      const file = `${state.path.replace(/\/$/, '')}/${BASELINE_FILE}`;
      const text = this.host.fileExists(file) ? this.host.readFile(file) : undefined;
      const logged = this.loaded.has(state.path) && this.loaded.get(state.path) === text;
      this.loaded.set(state.path, text);
      if (text === undefined) {
        state.engine.setBaseline(undefined);
      } else if (!this.trusted) {
        state.engine.setBaseline(undefined);
        if (!logged) this.log(`The workspace is not trusted: ${file} is ignored (every finding is shown) until you trust it.`);
      } else {
        try {
          state.engine.setBaseline(new Baseline(state.path, parseBaseline(text, file)));
        } catch (error) {
          if (!(error instanceof BaselineError)) throw error;
          state.engine.setBaseline(undefined);
          if (!logged) this.log(`${error.message}; every finding is shown.`);
        }
      }
    }
  }
}
