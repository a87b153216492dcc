import type { Report, RuleMeta } from '../rule';
import type { Finding, SeveritySetting } from '../types';
import { pythonSpelling } from '../model/python/names';

/**
 * Building findings: every finding the engine returns is made here, from a rule's report (the
 * file pass, the project pass and the suppression comments' meta rules alike) or, for a file
 * whose analysis stopped early, by `skippedFinding`.
 */

/**
 * A rule's report as a finding, under the rule's setting for the file: none when the setting
 * turns the rule off; the severity is the setting's, else the report's, else the rule's default.
 * A message id the rule does not define is a bug in the rule: it throws, and the engine logs the
 * rule as failed (its other findings on that file are dropped, as for any rule that throws).
 */
export function toFinding(meta: RuleMeta, report: Report, setting: SeveritySetting | undefined): Finding | undefined {
  if (setting === 'off') return undefined;
  const template = (meta.messages as Record<string, string | undefined>)[report.messageId];
  if (template === undefined) throw new Error(`${meta.id}: unknown messageId ${report.messageId}`);
  const python = isPythonFile(report.file);
  const pythonTemplate = python ? (meta.pythonMessages as Record<string, string | undefined> | undefined)?.[report.messageId] : undefined;
  // CDK messages name props and methods: a Python reader gets them in Python's spelling.
  const spell = python && !pythonTemplate && meta.appliesTo === 'cdk' ? pythonSpelling : (text: string) => text;
  return {
    ruleId: meta.id,
    messageId: report.messageId,
    severity: setting ?? report.severity ?? meta.defaultSeverity,
    file: report.file,
    range: report.range,
    message: spell(formatMessage(pythonTemplate ?? template, report.data)),
    related: (report.related ?? []).map((r) => (python && r.message ? { ...r, message: spell(r.message) } : r)),
    fixes: report.fixes ?? [],
  };
}

function isPythonFile(file: string): boolean {
  return /\.pyi?$/i.test(file);
}

export function formatMessage(template: string, data: Record<string, string | number> | undefined): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => (data && key in data ? String(data[key]) : `{{${key}}}`));
}

export const ANALYSIS_SKIPPED = 'analysis-skipped';

export function budgetFinding(file: string, budgetMs: number): Finding {
  return skippedFinding(
    file,
    'budget',
    `Serverless Guard stopped analysing this file after ${budgetMs} ms (the per-file time budget, setting slsguard.budgetMs); some findings may be missing.`,
  );
}

export function tooDeepFinding(file: string): Finding {
  return skippedFinding(
    file,
    'tooDeep',
    'Serverless Guard did not analyse this file: its code is nested too deeply for the TypeScript parser.',
  );
}

/** The one finding of a file whose analysis stopped early: information, at the top of the file. */
function skippedFinding(file: string, messageId: string, message: string): Finding {
  return {
    ruleId: ANALYSIS_SKIPPED,
    messageId,
    severity: 'info',
    file,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    message,
    related: [],
    fixes: [],
  };
}

/** One finding per rule and range: a constant used by two statements is reported once. */
export function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.ruleId}|${f.file}|${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** An error in one line: its class and message, never its stack. */
export function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
