import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ANALYSIS_SKIPPED } from '../core/engine/engine';
import { applyEdits } from '../core/fixes/edits';
import { hoverAt } from '../core/hover/hover';
import { renderHover } from '../core/hover/render';
import type { FileContext } from '../core/model/fileContext';
import { lineStartsOf } from '../core/model/lines';
import { packageRoot } from '../core/meta';
import { META_RULE_IDS } from '../core/suppressions/apply';
import { parseDirectives } from '../core/suppressions/directives';
import { ignoreFileEdit, ignoreLineEdit } from '../core/suppressions/ignoreEdits';
import type { Finding, TextEdit } from '../core/types';
import {
  assertRangesInside,
  fixtureProjects,
  onVirtualClock,
  parseErrors,
  projectEngine,
  rangeInside,
  seeded,
  tokenEnds,
} from './robustness';

/**
 * A property test over mutated fixtures. Each iteration takes a fixture file, deletes,
 * duplicates or swaps token ranges of it (seeded: the same seed gives the same files), analyses
 * it in its project, and checks what must hold whatever the text:
 * - no rule throws;
 * - the analysis stops within the default budget (counted on a virtual clock: see `onVirtualClock`);
 * - every range (finding, related location, fix edit) lies inside its document;
 * - every quick fix (the rule's, and "Ignore for this line / file") has edits that do not
 *   overlap, and the text it gives parses with no more syntax errors than before;
 * - a hover at a random place stays within the budget and inside the document, and renders.
 *
 * `SLSGUARD_FUZZ_SEED` and `SLSGUARD_FUZZ_ITERATIONS` replay or extend a run; a failure names
 * its seed and iteration.
 */

const SEED = Number(process.env.SLSGUARD_FUZZ_SEED ?? 20_251_124);
const ITERATIONS = Number(process.env.SLSGUARD_FUZZ_ITERATIONS ?? 2000);
/** The engine's default per-file budget, in virtual ms (clock reads). */
const DEFAULT_BUDGET_MS = 2000;

type Mutation = 'delete' | 'duplicate' | 'swap';

/** Deletes, duplicates or swaps runs of 1–8 tokens, one to three times. */
function mutate(file: string, text: string, random: () => number): { text: string; applied: string[] } {
  const applied: string[] = [];
  let out = text;
  const count = 1 + Math.floor(random() * 3);
  for (let m = 0; m < count; m++) {
    const ends = [0, ...tokenEnds(file, out)];
    if (ends.length < 3) break;
    const run = () => {
      const i = Math.floor(random() * (ends.length - 1));
      const j = Math.min(ends.length - 1, i + 1 + Math.floor(random() * 8));
      return [ends[i], ends[j]] as const;
    };
    const kind: Mutation = (['delete', 'duplicate', 'swap'] as const)[Math.floor(random() * 3)];
    const [a, b] = run();
    if (kind === 'delete') {
      out = out.slice(0, a) + out.slice(b);
    } else if (kind === 'duplicate') {
      out = out.slice(0, b) + out.slice(a, b) + out.slice(b);
    } else {
      const [c, d] = run();
      if (d <= a || b <= c) {
        const [first, second] =
          a < c
            ? [
                [a, b],
                [c, d],
              ]
            : [
                [c, d],
                [a, b],
              ];
        out =
          out.slice(0, first[0]) +
          out.slice(second[0], second[1]) +
          out.slice(first[1], second[0]) +
          out.slice(first[0], first[1]) +
          out.slice(second[1]);
      }
    }
    applied.push(`${kind} ${a}-${b}`);
  }
  return { text: out, applied };
}

/** The edits of one fix never touch the same text twice (inserts at one place are allowed, as LSP allows them). */
function assertNoOverlap(edits: TextEdit[], textOf: (file: string) => string, context: string): void {
  const byFile = new Map<string, TextEdit[]>();
  for (const e of edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  for (const [file, list] of byFile) {
    const starts = lineStartsOf(textOf(file));
    const offset = (p: TextEdit['range']['start']) => starts[p.line] + p.character;
    const sorted = list.map((e) => [offset(e.range.start), offset(e.range.end)] as const).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    for (let i = 1; i < sorted.length; i++) {
      assert.ok(sorted[i - 1][1] <= sorted[i][0], `${context}: edits overlap in ${path.basename(file)}: ${JSON.stringify(sorted)}`);
    }
  }
}

describe(`fuzz: ${ITERATIONS} mutated fixtures (seed ${SEED})`, function () {
  this.timeout(600_000);

  it('no throw, no analysis past the budget, ranges inside, quick fixes that apply cleanly', () => {
    const random = seeded(SEED);
    const projects = fixtureProjects().map((project) => ({ project, ...projectEngine(project) }));
    const stats = { findings: 0, fixes: 0, skipped: 0, hovers: 0 };
    /** Every iteration runs; failures are listed together at the end, one line each. */
    const problems: string[] = [];
    try {
      for (let iteration = 0; iteration < ITERATIONS; iteration++) {
        const { project, engine, host, failures } = projects[Math.floor(random() * projects.length)];
        const files = [...project.files.keys()];
        const file = files[Math.floor(random() * files.length)];
        const original = project.files.get(file)!;
        const { text, applied } = mutate(file, original, random);
        const context = `iteration ${iteration}: ${path.relative(packageRoot(), file)} after ${applied.join(', ')}`;
        host.write(file, text);
        try {
          const { value: result, elapsedMs } = onVirtualClock(() => engine.analyzeFile(file));
          assert.ok(elapsedMs <= DEFAULT_BUDGET_MS + 3, `${context}: ran ${elapsedMs - DEFAULT_BUDGET_MS} clock reads past the budget`);
          if (result.skipped) stats.skipped++;
          assert.deepEqual(failures, [], `${context}: a rule failed`);
          const findings = engine.findings(file);
          const textOf = (f: string) => host.readFile(f)!;
          assertRangesInside(findings, textOf, context);
          stats.findings += findings.length;
          checkFixes(findings, file, textOf, engine.parsedFile(file), context, stats);
          // A hover anywhere: within the budget, inside the document, and it renders.
          const offset = Math.floor(random() * (text.length + 1));
          const hover = onVirtualClock(() => hoverAt(engine, file, offset));
          assert.ok(
            hover.elapsedMs <= DEFAULT_BUDGET_MS + 3,
            `${context}: the hover at ${offset} ran ${hover.elapsedMs - DEFAULT_BUDGET_MS} clock reads past the budget`,
          );
          if (hover.value) {
            assert.ok(rangeInside(hover.value.range, text), `${context}: hover range ${JSON.stringify(hover.value.range)} is outside`);
            renderHover(hover.value, { file: (p, fragment) => `file://${p}#${fragment ?? ''}` });
            stats.hovers++;
          }
        } catch (error) {
          problems.push((error instanceof Error ? error.message : String(error)).split('\n')[0]);
          failures.length = 0;
        } finally {
          // Back to the original, analysed again as the editor would: the project pass must not
          // keep facts (locations) from the mutated text for the next iteration.
          host.write(file, original);
          engine.analyzeFile(file);
        }
      }
    } finally {
      for (const { engine } of projects) engine.dispose();
    }
    assert.deepEqual(problems, [], `seed ${SEED}: ${problems.length} of ${ITERATIONS} iterations failed`);
    // The corpus exercises what it claims to: findings, and fixes to apply, in most iterations.
    assert.ok(stats.findings > ITERATIONS, JSON.stringify(stats));
    assert.ok(stats.fixes > ITERATIONS, JSON.stringify(stats));
    assert.ok(stats.hovers > ITERATIONS / 20, JSON.stringify(stats));
  });
});

function checkFixes(
  findings: Finding[],
  file: string,
  textOf: (file: string) => string,
  parsed: FileContext | undefined,
  context: string,
  stats: { fixes: number },
): void {
  const directives = parsed ? parseDirectives(parsed) : [];
  const errorsBefore = new Map<string, number>();
  const before = (f: string) => {
    if (!errorsBefore.has(f)) errorsBefore.set(f, parseErrors(f, textOf(f)));
    return errorsBefore.get(f)!;
  };
  const check = (title: string, edits: TextEdit[]) => {
    stats.fixes++;
    assertNoOverlap(edits, textOf, `${context}: '${title}'`);
    for (const f of new Set(edits.map((e) => e.file))) {
      const fixed = applyEdits(
        textOf(f),
        edits.filter((e) => e.file === f),
      );
      const after = parseErrors(f, fixed);
      assert.ok(
        after <= before(f),
        `${context}: '${title}' leaves ${path.basename(f)} with ${after} syntax errors, ${before(f)} before:\n${fixed}`,
      );
    }
  };
  for (const finding of findings) {
    for (const fix of finding.fixes) check(fix.title, fix.edits);
    if (!parsed || finding.file !== file || finding.ruleId === ANALYSIS_SKIPPED || META_RULE_IDS.includes(finding.ruleId)) continue;
    const line = ignoreLineEdit(parsed, directives, finding.ruleId, finding.range.start.line);
    if (line) check(`Ignore ${finding.ruleId} for this line`, [line.edit]);
    check(`Ignore ${finding.ruleId} for this file`, [ignoreFileEdit(parsed, directives, finding.ruleId).edit]);
  }
}
