/**
 * Names typed by hand (rule ids in settings, `.slsguard.json` keys): how far a typo is from the
 * names that exist, and the one it most likely meant.
 */

/** Levenshtein distance: insertions, deletions and substitutions of one character each. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The candidate `typed` most likely means: the same name in another case, else the nearest one
 * within a third of its length (at most 3 edits away, so that `s3-ssl` does not become
 * `sg-all`); `undefined` when none is near, or two are equally near.
 */
export function didYouMean(typed: string, candidates: readonly string[]): string | undefined {
  const folded = candidates.find((c) => c.toLowerCase() === typed.toLowerCase());
  if (folded) return folded;
  const limit = Math.min(3, Math.max(1, Math.floor(typed.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tie = false;
  for (const c of candidates) {
    const d = editDistance(typed.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) tie = true;
  }
  return tie ? undefined : best;
}
