/**
 * When the language server stops unexpectedly, the client starts it again, a limited number of
 * times: at most `maxRestarts` within `windowMs`. Past that a server that crashes at once on
 * start would only crash again, so it stays stopped until the user restarts it. Every decision
 * comes with the words the status bar shows, so the user can see that the server crashed, which
 * restart this is, and when the client gave up.
 *
 * No `vscode` here: the policy is plain logic, tested on its own (restartPolicy.test.ts).
 */

export interface RestartDecision {
  restart: boolean;
  /** Crashes within the window, this one included. */
  crashes: number;
  /** While restarting: the status bar's message. After giving up: the error to show. */
  message: string;
  /** Kept in the status bar's tooltip while the server runs again. */
  note?: string;
}

export class RestartPolicy {
  private crashTimes: number[] = [];

  constructor(
    readonly maxRestarts = 4,
    readonly windowMs = 3 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The server stopped without being asked to: restart it, or not. */
  crashed(): RestartDecision {
    const now = this.now();
    this.crashTimes = [...this.crashTimes.filter((t) => now - t < this.windowMs), now];
    const crashes = this.crashTimes.length;
    const minutes = Math.round(this.windowMs / 60_000);
    if (crashes <= this.maxRestarts) {
      return {
        restart: true,
        crashes,
        message: `The Serverless Guard server stopped unexpectedly; restarting it (restart ${crashes} of ${this.maxRestarts} within ${minutes} minutes).`,
        note: `The server was restarted after a crash (${crashes} of ${this.maxRestarts} restarts within ${minutes} minutes used).`,
      };
    }
    return {
      restart: false,
      crashes,
      message: `The Serverless Guard server crashed ${crashes} times within ${minutes} minutes and will not be restarted. See the output, then run "Serverless Guard: Restart Server".`,
    };
  }

  /** The user restarted the server: count afresh. */
  reset(): void {
    this.crashTimes = [];
  }
}
