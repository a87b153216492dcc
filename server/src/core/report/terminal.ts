/**
 * Text from the scanned code (messages that quote values, file names) on its way to a terminal or
 * a CI log. Control characters there act: ANSI escapes recolour or clear the screen, a carriage
 * return overwrites the line, bidi controls reorder what is shown, and a line that starts with
 * `::error::` or `::add-mask::` is a GitHub Actions workflow command. Every human-readable string
 * of every output format goes through `escapeControls`, and a path that starts a line is made to
 * start with something of ours.
 */

/** C0 (but tab), DEL, C1, the Unicode line and paragraph separators, and the bidi controls. */
const CONTROLS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The controls JSON.stringify leaves as they are (it escapes C0 itself). */
const UNESCAPED_BY_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const hex = (c: string, width: number) => c.charCodeAt(0).toString(16).toUpperCase().padStart(width, '0');

/** Control characters written as escapes (`\x1B`, `\r`, `\u202E`): shown, never acted on. */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    return c.charCodeAt(0) <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`;
  });
}

/**
 * A report as JSON, pretty-printed: every control character escaped (`\u009B`, `\u202E`), which
 * JSON.stringify does for C0 only. The values read back the same.
 */
export function jsonText(value: unknown): string {
  return `${escapeJsonControls(JSON.stringify(value, null, 2))}\n`;
}

/** JSON text with the control characters JSON.stringify leaves as they are (C1, bidi) escaped. */
export function escapeJsonControls(json: string): string {
  return json.replace(UNESCAPED_BY_JSON, (c) => `\\u${hex(c, 4)}`);
}

/**
 * A path from the workspace where it starts an output line (after indentation, which a CI log
 * ignores): escaped, and behind `./` unless it starts with a letter, a digit, `.`, `_` or `/`,
 * so that a file named `::error::…` cannot start a workflow command.
 */
export function linePath(rel: string): string {
  const shown = escapeControls(rel);
  return /^[\p{L}\p{N}._/]/u.test(shown) ? shown : `./${shown}`;
}
