/**
 * A value made the first time it is asked for. Tables of TypeScript's syntax kinds are made so:
 * the bundles load TypeScript the first time the code reads anything of it (scripts/bundle.mjs),
 * and a table built when its module loads would load it in runs that parse nothing.
 */
export function once<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}
