import { applyEdits, modify, parseTree, ParseError } from 'jsonc-parser';
import { indentUnitOf } from '../fixes/edits';
import { lineStartsOf, positionAt } from '../model/lines';
import type { Range } from '../types';

/**
 * The edit behind "Turn off <rule> for this workspace": `"rules": { "<id>": "off" }` set in a
 * `.slsguard.json` with jsonc-parser's own edits, so its comments, order and indentation stay.
 */

export interface ConfigTextEdit {
  range: Range;
  newText: string;
}

/**
 * Edits that turn `ruleId` off in the config file whose text is `text`, or undefined when the
 * file does not parse (an edit would land somewhere unexpected) or already turns it off.
 */
export function turnOffRuleEdits(text: string, ruleId: string): ConfigTextEdit[] | undefined {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true });
  if (errors.length > 0 || (root && root.type !== 'object')) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const unit = indentUnitOf(text);
  const edits = modify(text.trim() === '' ? '' : text, ['rules', ruleId], 'off', {
    formattingOptions: { insertSpaces: unit !== '\t', tabSize: unit === '\t' ? 1 : unit.length, eol },
    // First in the object: after the last entry, a comment that ends that entry's line would move
    // to the new one.
    getInsertionIndex: () => 0,
  });
  if (edits.length === 0 || applyEdits(text, edits) === text) return undefined;
  const lines = lineStartsOf(text);
  return edits.map((e) => ({
    range: { start: positionAt(lines, e.offset), end: positionAt(lines, e.offset + e.length) },
    newText: e.content,
  }));
}

/** The text of a new config file that turns `ruleId` off. */
export function newConfigTurningOff(ruleId: string): string {
  return `${JSON.stringify({ rules: { [ruleId]: 'off' } }, null, 2)}\n`;
}
