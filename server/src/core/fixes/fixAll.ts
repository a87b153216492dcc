import type { Finding, Fix, TextEdit } from '../types';
import { mergeFixes } from './merge';

/**
 * What "fix all" applies, in the editor (`source.fixAll.slsguard`, fix on save) and in
 * `slsguard fix` alike: each finding's preferred fix (it keeps behaviour), or, for the rules the
 * user named (`--rule`), its first fix even when that changes the posture (style point 9); then
 * the fixes merged into edits that do not overlap (`mergeFixes`: colliding ones wait for a pass
 * over the fixed text).
 */

/** The fix "fix all" takes for a finding, if any. */
export function chooseFix(finding: Finding, suggestionsOf: ReadonlySet<string> = new Set()): Fix | undefined {
  return finding.fixes.find((f) => f.isPreferred) ?? (suggestionsOf.has(finding.ruleId) ? finding.fixes[0] : undefined);
}

export interface FixAllOptions {
  /** Rules whose first fix is taken when they have no preferred one (`slsguard fix --rule`). */
  suggestionsOf?: ReadonlySet<string>;
  /** A chosen fix is dropped unless this holds (the editor: the other files it edits are unchanged since). */
  usable?: (fix: Fix) => boolean;
}

export interface FixAll {
  /** Non-overlapping edits, sorted by file and position. */
  edits: TextEdit[];
  /** The findings whose fix the edits apply, in the order of the findings, with that fix. */
  applied: Array<{ finding: Finding; fix: Fix }>;
}

export function fixAll(findings: readonly Finding[], options: FixAllOptions = {}): FixAll {
  const candidates: Array<{ finding: Finding; fix: Fix }> = [];
  for (const finding of findings) {
    const fix = chooseFix(finding, options.suggestionsOf);
    if (fix && (!options.usable || options.usable(fix))) candidates.push({ finding, fix });
  }
  const merged = mergeFixes(candidates.map((c) => c.fix));
  const taken = new Set(merged.applied);
  return { edits: merged.edits, applied: candidates.filter((c) => taken.has(c.fix)) };
}
