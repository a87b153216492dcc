import * as assert from 'node:assert/strict';
import type { Engine } from '../core/engine/engine';
import { analyzeProject } from '../core/project';
import { defaultConfig, EngineConfig } from '../core/config';
import { MemoryHost } from '../core/model/memoryHost';
import { applyEdits, editsDoNotOverlap } from '../core/fixes/edits';
import type { Rule } from '../core/rule';
import type { Finding, Severity } from '../core/types';

/**
 * Table tests for rules, in the typescript-eslint style: valid snippets must produce nothing;
 * invalid ones list each expected finding with its exact 1-based range, and the text each of
 * its fixes produces. Extra files make cross-file cases (`files: { 'lib/constants.ts': … }`).
 */

export const ROOT = '/project';
export const MAIN = 'lib/stack.ts';

export interface Case {
  name?: string;
  code: string;
  /** Path of `code`, relative to the project root. */
  filename?: string;
  /** Other project files, relative path → text. */
  files?: Record<string, string>;
  config?: Partial<EngineConfig>;
  only?: boolean;
}

export interface ExpectedFix {
  title?: string | RegExp;
  /** The whole text of the main file after applying the fix. */
  output: string;
  isPreferred?: boolean;
}

export interface ExpectedFinding {
  /** 1-based. */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity?: Severity;
  /** Which of the rule's messages (`meta.messages`) the finding says. */
  messageId?: string;
  message?: string | RegExp;
  /** Relative file of the finding when it is not the main file. */
  file?: string;
  related?: Array<{ file?: string; line: number; column?: number; message?: string | RegExp }>;
  /** Every fix offered, in order. Omit to not check fixes; `[]` asserts there are none. */
  fixes?: ExpectedFix[];
}

export interface InvalidCase extends Case {
  errors: ExpectedFinding[];
}

/** Analyse the case's files and return the findings of `rule` in every file, sorted. */
export function analyze(rule: Rule | Rule[], testCase: Case): { findings: Finding[]; engine: Engine; host: MemoryHost } {
  const host = new MemoryHost();
  const main = `${ROOT}/${testCase.filename ?? MAIN}`;
  host.write(main, testCase.code);
  for (const [rel, text] of Object.entries(testCase.files ?? {})) host.write(`${ROOT}/${rel}`, text);
  const rules = Array.isArray(rule) ? rule : [rule];
  const all = [main, ...Object.keys(testCase.files ?? {}).map((rel) => `${ROOT}/${rel}`)];
  // The pipeline of the CLI, over the case's files.
  const { engine } = analyzeProject({
    paths: all,
    cwd: ROOT,
    config: defaultConfig(testCase.config),
    rules,
    host,
    log: (m) => {
      throw new Error(m);
    },
  });
  const findings = all.flatMap((f) => engine.findings(f));
  return { findings, engine, host };
}

function rel(file: string): string {
  return file.startsWith(`${ROOT}/`) ? file.slice(ROOT.length + 1) : file;
}

function describeFinding(f: Finding): string {
  const r = f.range;
  return `${rel(f.file)}:${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1} ${f.ruleId} ${f.message}`;
}

function matches(expected: string | RegExp | undefined, actual: string): boolean {
  if (expected === undefined) return true;
  return typeof expected === 'string' ? actual === expected : expected.test(actual);
}

export function ruleTester(rule: Rule, cases: { valid: Array<Case | string>; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    describe('valid', () => {
      for (const [i, raw] of cases.valid.entries()) {
        const c: Case = typeof raw === 'string' ? { code: raw } : raw;
        const title = c.name ?? `valid #${i + 1}`;
        (c.only ? it.only : it)(title, () => {
          const { findings } = analyze(rule, c);
          const own = findings.filter((f) => f.ruleId === rule.meta.id);
          assert.deepEqual(own.map(describeFinding), [], 'expected no findings');
        });
      }
    });
    describe('invalid', () => {
      for (const [i, c] of cases.invalid.entries()) {
        const title = c.name ?? `invalid #${i + 1}`;
        (c.only ? it.only : it)(title, () => {
          const { findings, host } = analyze(rule, c);
          const own = findings.filter((f) => f.ruleId === rule.meta.id);
          assert.equal(own.length, c.errors.length, `expected ${c.errors.length} finding(s), got:\n${own.map(describeFinding).join('\n')}`);
          const mainRel = c.filename ?? MAIN;
          c.errors.forEach((e, j) => {
            const f = own[j];
            const where = describeFinding(f);
            assert.equal(rel(f.file), e.file ?? mainRel, `file of ${where}`);
            assert.equal(f.range.start.line + 1, e.line, `line of ${where}`);
            assert.equal(f.range.start.character + 1, e.column, `column of ${where}`);
            if (e.endLine !== undefined) assert.equal(f.range.end.line + 1, e.endLine, `end line of ${where}`);
            if (e.endColumn !== undefined) assert.equal(f.range.end.character + 1, e.endColumn, `end column of ${where}`);
            assert.equal(f.severity, e.severity ?? rule.meta.defaultSeverity, `severity of ${where}`);
            if (e.messageId !== undefined) assert.equal(f.messageId, e.messageId, `message id of ${where}`);
            assert.ok(matches(e.message, f.message), `message of ${where}`);
            if (e.related) {
              assert.equal(
                f.related.length,
                e.related.length,
                `related of ${where}: ${JSON.stringify(f.related.map((r) => `${rel(r.file)}:${r.range.start.line + 1}:${r.range.start.character + 1} ${r.message}`))}`,
              );
              e.related.forEach((er, k) => {
                const r = f.related[k];
                assert.equal(rel(r.file), er.file ?? mainRel, `related[${k}] file of ${where}`);
                assert.equal(r.range.start.line + 1, er.line, `related[${k}] line of ${where}`);
                if (er.column !== undefined) assert.equal(r.range.start.character + 1, er.column, `related[${k}] column of ${where}`);
                assert.ok(matches(er.message, r.message), `related[${k}] message of ${where}: ${r.message}`);
              });
            }
            if (e.fixes) {
              assert.equal(f.fixes.length, e.fixes.length, `fixes of ${where}: ${JSON.stringify(f.fixes.map((x) => x.title))}`);
              e.fixes.forEach((ef, k) => {
                const fix = f.fixes[k];
                assert.ok(matches(ef.title, fix.title), `fix[${k}] title of ${where}: ${fix.title}`);
                if (ef.isPreferred !== undefined) assert.equal(fix.isPreferred, ef.isPreferred, `fix[${k}] isPreferred`);
                assert.ok(editsDoNotOverlap(fix), `fix[${k}] edits overlap`);
                const mainPath = `${ROOT}/${mainRel}`;
                const output = applyEdits(
                  host.readFile(mainPath)!,
                  fix.edits.filter((ed) => ed.file === mainPath),
                );
                assert.equal(output, ef.output, `fix[${k}] output of ${where}`);
              });
            }
          });
        });
      }
    });
  });
}
