import type { Finding, Fix, Range } from '../types';
import type { Directive } from './directives';

/** The two meta rules, reported by the engine from the directives of each file. */
export const MISSING_REASON = 'suppression-missing-reason';
export const UNUSED = 'suppression-unused';
export const META_RULE_IDS: readonly string[] = [MISSING_REASON, UNUSED];

export interface MetaReport {
  ruleId: string;
  range: Range;
  messageId: string;
  data?: Record<string, string>;
  fixes?: Fix[];
}

export interface SuppressionEnvironment {
  /** The rule ran on this file with this configuration (so a directive for it could have been used). */
  ran(ruleId: string): boolean;
  /** The id names a rule at all. */
  known(ruleId: string): boolean;
  /** Makes a meta finding (or nothing, when that meta rule is off). */
  report(report: MetaReport): Finding | undefined;
}

/**
 * Marks the findings that directives suppress (as copies: cached findings are never changed)
 * and adds the meta findings: directives without a reason, and directives, or rule ids in them,
 * that suppress nothing. Findings of the meta rules themselves are never suppressed.
 */
export function applyDirectives(findings: Finding[], directives: Directive[], env: SuppressionEnvironment): Finding[] {
  if (directives.length === 0) return findings;
  const used = new Set<string>();
  const key = (d: number, id: string) => `${d}\0${id}`;
  const out = findings.map((f) => {
    if (META_RULE_IDS.includes(f.ruleId)) return f;
    const index = findDirective(directives, f);
    if (index < 0) return f;
    const d = directives[index];
    used.add(key(index, f.ruleId));
    return { ...f, suppressed: { kind: d.kind, reason: d.reasonProblem ? '' : d.reason, location: { file: d.file, range: d.range } } };
  });
  directives.forEach((d, index) => {
    if (d.reasonProblem) {
      const f = env.report({ ruleId: MISSING_REASON, range: d.directiveRange, messageId: d.reasonProblem });
      if (f) out.push(f);
    }
    if (d.ids.length === 0) {
      const f = env.report({ ruleId: UNUSED, range: d.directiveRange, messageId: 'noRules', fixes: [removeFix(d)] });
      if (f) out.push(f);
      return;
    }
    const unused = d.ids.filter((r) => !used.has(key(index, r.id)) && (!env.known(r.id) || env.ran(r.id)));
    if (unused.length === 0) return;
    const kept = d.ids.filter((r) => !unused.includes(r));
    // Every unused id of a directive carries the same edit, so "fix all" applies it once. An
    // unknown id may be a typo or a rule of a newer version: removing it is left to the user.
    const fix: Fix = kept.length
      ? {
          title: `Remove ${unused.map((r) => r.id).join(', ')} from this suppression`,
          edits: [{ file: d.file, range: d.idsRange, newText: kept.map((r) => r.id).join(', ') }],
          isPreferred: true,
        }
      : removeFix(d);
    if (unused.some((r) => !env.known(r.id))) fix.isPreferred = false;
    for (const r of unused) {
      const f = env.report({
        ruleId: UNUSED,
        range: r.range,
        messageId: env.known(r.id) ? 'unused' : 'unknownRule',
        data: { ruleId: r.id },
        fixes: [fix],
      });
      if (f) out.push(f);
    }
  });
  return out;
}

function removeFix(d: Directive): Fix {
  return { title: 'Remove this unused suppression comment', edits: [d.removal], isPreferred: true };
}

/** The directive that covers a finding: a next-line directive for its line first, then a file directive. */
function findDirective(directives: Directive[], f: Finding): number {
  let fileLevel = -1;
  for (let i = 0; i < directives.length; i++) {
    const d = directives[i];
    if (d.file !== f.file || !d.ids.some((r) => r.id === f.ruleId)) continue;
    if (d.kind === 'next-line' && d.targetLine === f.range.start.line) return i;
    if (d.kind === 'file' && fileLevel < 0) fileLevel = i;
  }
  return fileLevel;
}
