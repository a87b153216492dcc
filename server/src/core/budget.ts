/**
 * The time budget of the analysis that is running now. Analysis is synchronous, so there is one
 * deadline at a time. The helpers every rule goes through (name lookup, value resolution,
 * reports) call `checkBudget()`, so a rule that is slow on a pathological file (a generated
 * stack of thousands of constructs, an `else if` chain thousands long) stops within the budget
 * instead of freezing the editor until it is done.
 */

export class BudgetExceededError extends Error {
  constructor() {
    super('analysis time budget exceeded');
  }
}

/** A clock in milliseconds: `Date.now` (wall time, the editor's) or `cpuTime` (the CLI's). */
export type Clock = () => number;

const threadCpuUsage = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage;

/**
 * CPU time in milliseconds: this thread's where Node can tell (`process.threadCpuUsage`, Node 23.9 and later),
 * else the process's. A loaded machine or a paused process does not move it, so a budget measured
 * on it stops the same work on every run; with several analysis threads on older Node, every
 * thread's work counts, so a budget is used up sooner, never later.
 */
export const cpuTime: Clock = () => {
  const u = threadCpuUsage ? threadCpuUsage.call(process) : process.cpuUsage();
  return (u.user + u.system) / 1000;
};

let deadline = Number.POSITIVE_INFINITY;
let clock: Clock = Date.now;
let ticks = 0;

/** Run `fn` with a deadline (a value of `on`, `Date.now()` unless told); `checkBudget()` inside it throws once it passes. */
export function withDeadline<T>(at: number, fn: () => T, on: Clock = Date.now): T {
  const outer = deadline;
  const outerClock = clock;
  if (at < outer) {
    deadline = at;
    clock = on;
  }
  try {
    return fn();
  } finally {
    deadline = outer;
    clock = outerClock;
  }
}

/** Throws `BudgetExceededError` when the running analysis is past its deadline. Cheap: reads the clock every 1024th call. */
export function checkBudget(): void {
  if ((++ticks & 0x3ff) !== 0 || deadline === Number.POSITIVE_INFINITY) return;
  if (clock() > deadline) throw new BudgetExceededError();
}

/** How many steps (`checkBudget()` calls) analysis has taken so far: tests measure work with it, not with the clock. */
export function budgetSteps(): number {
  return ticks;
}
