import type * as ts from 'typescript';
import { createRule, ProjectFact, ProjectReport, Rule, RuleContext, RuleMeta } from '../rule';
import { Fix, Range, RelatedLocation, sameRange } from '../types';
import { HandlerAnalysis, handlerAnalysis } from './analysis';
import { FunctionFact, functionFacts } from './cdkEntries';
import type { Step } from './taint';

/**
 * The shape every handler rule shares. A rule only says what it finds in an analysed file; this
 * module decides where it goes.
 *
 * How a file learns it is a handler when another file names it: through the engine's project
 * pass. Each handler rule records two kinds of facts: CDK files record the files and exports
 * their functions name (`FunctionFact`), and handler-like files record the findings of their
 * other exported functions (`FindingFact`). The project pass joins them. This keeps per-file
 * analysis a pure function of the file's text (cacheable by hash, parallel in workers), costs
 * nothing extra to read, and the language server already re-pulls diagnostics when a file's
 * facts change — so editing the `entry` in a stack updates the handler file's diagnostics.
 * Findings that do not depend on which export Lambda calls (a password logged at module level)
 * are reported directly when the file exports `handler`, and otherwise wait for a CDK name too.
 */

export interface HandlerFinding {
  node: ts.Node;
  messageId: string;
  data?: Record<string, string | number>;
  /** The path the data took, source first, then the sink. */
  related?: Step[];
  fixes?: Fix[];
  /** Indexes of the roots whose event the finding depends on; empty when any export would do. */
  roots: number[];
}

interface FindingFact {
  kind: 'finding';
  exports: string[];
  range: Range;
  messageId: string;
  data?: Record<string, string | number>;
  related: RelatedLocation[];
  fixes: Fix[];
}

type HandlerFact = FindingFact | FunctionFact;

export interface HandlerRuleDefinition {
  meta: RuleMeta;
  find(analysis: HandlerAnalysis, ctx: RuleContext): HandlerFinding[];
}

export function createHandlerRule(definition: HandlerRuleDefinition): Rule {
  return createRule({
    meta: definition.meta,
    check(ctx) {
      for (const fact of functionFacts(ctx)) ctx.fact(fact);
      const analysis = handlerAnalysis(ctx);
      if (!analysis) return;
      for (const finding of definition.find(analysis, ctx)) emit(ctx, analysis, finding);
    },
    checkProject(facts, report) {
      joinFacts(facts as Array<ProjectFact<HandlerFact>>, report);
    },
    // Findings land in the handler file, never in the stack that names it.
    reportsAt: (fact) => (fact as HandlerFact).kind === 'finding',
  });
}

function emit(ctx: RuleContext, analysis: HandlerAnalysis, finding: HandlerFinding): void {
  const at = ctx.file.range(finding.node);
  const related = relatedSteps(ctx, at, finding.related ?? []);
  const direct = finding.roots.length === 0 ? analysis.hasDirect : finding.roots.some((r) => analysis.roots[r].direct);
  if (direct) {
    ctx.report({
      at: finding.node,
      messageId: finding.messageId,
      data: finding.data,
      related: related.map((r) => ({ at: r, message: r.message })),
      fixes: finding.fixes,
    });
    return;
  }
  const roots = finding.roots.length ? finding.roots.map((r) => analysis.roots[r]) : analysis.roots;
  const fact: FindingFact = {
    kind: 'finding',
    exports: [...new Set(roots.flatMap((r) => r.exports))],
    range: at,
    messageId: finding.messageId,
    data: finding.data,
    related,
    fixes: finding.fixes ?? [],
  };
  ctx.fact(fact);
}

/** Steps as related locations: in order, without repeats, without the finding's own range. */
function relatedSteps(ctx: RuleContext, at: Range, steps: Step[]): RelatedLocation[] {
  const out: RelatedLocation[] = [];
  for (const s of steps) {
    const range = ctx.file.range(s.node);
    if (sameRange(range, at) || out.some((o) => sameRange(o.range, range) && o.message === s.message)) continue;
    out.push({ file: ctx.file.path, range, message: s.message });
  }
  return out;
}

function joinFacts(facts: Array<ProjectFact<HandlerFact>>, report: (r: ProjectReport) => void): void {
  const findings = new Map<string, FindingFact[]>();
  const functions: Array<ProjectFact<FunctionFact>> = [];
  for (const f of facts) {
    if (f.data.kind === 'finding') {
      let list = findings.get(f.file);
      if (!list) findings.set(f.file, (list = []));
      list.push(f.data);
    } else {
      functions.push(f as ProjectFact<FunctionFact>);
    }
  }
  if (findings.size === 0) return;
  const reported = new Set<string>();
  for (const fn of functions) {
    for (const group of fn.data.candidates) {
      const files = group.filter((p) => findings.has(p));
      if (files.length === 0) continue;
      for (const file of files) {
        for (const f of findings.get(file)!) {
          if (!f.exports.includes(fn.data.export)) continue;
          const key = `${file}|${rangeKey(f.range)}|${f.messageId}|${JSON.stringify(f.data ?? {})}`;
          if (reported.has(key)) continue;
          reported.add(key);
          report({
            file,
            range: f.range,
            messageId: f.messageId,
            data: f.data,
            related: [...f.related, { file: fn.file, range: fn.data.range, message: `Lambda handler of ${fn.data.construct}, named here` }],
            fixes: f.fixes,
          });
        }
      }
      break;
    }
  }
}

function rangeKey(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}
