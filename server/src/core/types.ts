/**
 * The core's public shapes. Everything here is plain data: the language server,
 * the CLI and the tests map it to LSP diagnostics, JSON and SARIF.
 * Lines and characters are 0-based; characters count UTF-16 code units (as LSP does).
 */

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface Location {
  /** Absolute path, with `/` separators. */
  file: string;
  range: Range;
}

export interface RelatedLocation extends Location {
  message: string;
}

export interface TextEdit extends Location {
  newText: string;
  /**
   * Offsets in the lowered text of a Python file (model/python/): set by the edit helpers while a
   * rule builds a fix there, and gone once `fixes/python.ts` has written the edit in Python.
   */
  lowered?: { start: number; end: number };
}

export interface Fix {
  title: string;
  /** Edits may span several files; they never overlap (the fuzz test checks every fix it sees). */
  edits: TextEdit[];
  /** Keeps behaviour: safe for "fix all" and fix-on-save. */
  isPreferred: boolean;
  /** Extra guidance shown to the user after the fix is applied. */
  note?: string;
}

export type RuleCategory = 'iam' | 'secrets' | 'apigw' | 'data' | 'network' | 'handler' | 'meta';

export interface Finding {
  ruleId: string;
  /** Which of the rule's messages (`RuleMeta.messages`): tests and tools compare ids, not text. */
  messageId: string;
  severity: Severity;
  file: string;
  range: Range;
  message: string;
  related: RelatedLocation[];
  fixes: Fix[];
  /**
   * Set when an in-source comment (`// slsguard-ignore-next-line <rule-id> -- <reason>`)
   * suppresses the finding. Suppressed findings are kept for SARIF (`suppressions`), and left
   * out of text, JSON and diagnostics.
   */
  suppressed?: Suppression;
}

export interface Suppression {
  /**
   * `next-line` or `file`, after the comment that says so; `cdk-nag`, a cdk-nag suppression in
   * the code (`NagSuppressions.*`, `Validations.of(…).acknowledge`) of an id that maps to the rule.
   */
  kind: 'next-line' | 'file' | 'cdk-nag';
  /** The text after `--`, or cdk-nag's `reason`; empty when the comment gives none. */
  reason: string;
  /** Where the comment (or the cdk-nag call's suppression) is. */
  location: Location;
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** Negative, zero or positive as `a` comes before, at or after `b` in a document. */
export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** The same start and end (ranges from LSP compare too: the shapes match). */
export function sameRange(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.range.end.line - b.range.end.line ||
    a.range.end.character - b.range.end.character ||
    a.ruleId.localeCompare(b.ruleId)
  );
}
