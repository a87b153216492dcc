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

let deadline = Number.POSITIVE_INFINITY;
let ticks = 0;

/** Run `fn` with a deadline (a `Date.now()` value); `checkBudget()` inside it throws once it passes. */
export function withDeadline<T>(at: number, fn: () => T): T {
  const outer = deadline;
  deadline = Math.min(at, outer);
  try {
    return fn();
  } finally {
    deadline = outer;
  }
}

/** Throws `BudgetExceededError` when the running analysis is past its deadline. Cheap: reads the clock every 1024th call. */
export function checkBudget(): void {
  if ((++ticks & 0x3ff) !== 0 || deadline === Number.POSITIVE_INFINITY) return;
  if (Date.now() > deadline) throw new BudgetExceededError();
}

/** How many steps (`checkBudget()` calls) analysis has taken so far: tests measure work with it, not with the clock. */
export function budgetSteps(): number {
  return ticks;
}
