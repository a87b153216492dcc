import { RE2JS } from 're2js';

/** A user-supplied pattern, ready to test values with. */
export interface TextPattern {
  /** True when the pattern matches somewhere in `text`. */
  test(text: string): boolean;
}

/** Longest pattern accepted from a configuration: placeholders are short. */
export const MAX_PATTERN_LENGTH = 1000;

const compiled = new Map<string, TextPattern | string>();

/**
 * A pattern from the configuration (`placeholderPatterns`), compiled for RE2's linear-time
 * engine: whatever a workspace's `.slsguard.json` holds, testing a value takes time in
 * proportion to its length (`^([A-Za-z0-9]+)+$` cannot backtrack for hours). RE2 syntax is the
 * usual regular-expression syntax without backreferences and lookaround. Returns why the pattern
 * cannot be used when it cannot.
 */
export function compilePattern(source: string): TextPattern | string {
  let result = compiled.get(source);
  if (result === undefined) {
    if (source.length > MAX_PATTERN_LENGTH) {
      result = `it is ${source.length} characters long; at most ${MAX_PATTERN_LENGTH} are read`;
    } else {
      try {
        result = RE2JS.compile(source);
      } catch (error) {
        const detail = (error as Error).message.replace(/^error parsing regexp: /, '');
        result = `${detail}. Patterns run in linear time (RE2 syntax): no backreferences, no lookaround`;
      }
    }
    compiled.set(source, result);
  }
  return result;
}
