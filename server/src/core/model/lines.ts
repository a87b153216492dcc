import type { Position } from '../types';

/**
 * Lines as editors count them (LSP): ended by `\r\n`, `\n` or `\r`, and nothing else. Not
 * TypeScript's `getLineStarts()`, which also ends lines at U+2028 and U+2029: one such
 * character in a string or a comment would move every range below it a line down.
 */

/** Offsets at which the lines of `text` start. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The offset of a position, given the text's line starts; a line past the end is the end. */
export function offsetAt(starts: readonly number[], textLength: number, p: Position): number {
  return (starts[p.line] ?? textLength) + p.character;
}

/** The 0-based line and UTF-16 character of an offset, given the text's line starts. */
export function positionAt(starts: readonly number[], offset: number): Position {
  const line = lastAtOrBefore(starts, offset);
  return { line, character: offset - starts[line] };
}

/** The index of the last of `sorted` (ascending, `sorted[0] <= value`) that is at most `value`. */
export function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
