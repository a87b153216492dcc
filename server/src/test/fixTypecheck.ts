import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { defaultConfig, EngineConfig } from '../core/config';
import type { Engine } from '../core/engine/engine';
import { applyEdits } from '../core/fixes/edits';
import { editsByFile } from '../core/fixes/merge';
import { packageRoot } from '../core/meta';
import { MemoryHost } from '../core/model/memoryHost';
import { createEngine } from '../core/project';
import type { Finding, Fix, TextEdit } from '../core/types';
import { hasCdkTypings, typeCheckLater, TypeCheckResult } from './typeCheck';

/**
 * The fix verification harness. A project (fixture files, or a copy of an example app) is held
 * in memory beside `node_modules`, analysed with every rule the way the CLI does. A fix is
 * applied to a fresh copy, and the result must
 * - type-check against the real `aws-cdk-lib`, `constructs` and `@types/aws-lambda` typings
 *   (every variant of a test file goes into the one program all tests share: typeCheck.ts), and
 * - scan again without the fixed finding and without any finding that was not there before.
 *
 * The fix table (fixTypecheck.test.ts) runs every fix of every fixable rule on the fixtures
 * under `test/fixtures/fixes/`; examples.test.ts runs every fix offered in `examples/`.
 */

export const ROOT = packageRoot().replace(/\\/g, '/');
export const FIXTURES = path.join(ROOT, 'server', 'src', 'test', 'fixtures', 'fixes').replace(/\\/g, '/');

/** Every file below `dir` (no `node_modules`, `cdk.out`), by path relative to it. */
export function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'cdk.out') walk(child);
      } else {
        out.set(child, fs.readFileSync(path.join(dir, child), 'utf8'));
      }
    }
  };
  walk('');
  return out;
}

/**
 * A project in memory, under `root` (an absolute virtual path beside `node_modules`, so that
 * packages resolve when its files are type-checked), analysed with every rule by one engine
 * that is reused for every variant.
 */
export class MemoryProject {
  readonly host = new MemoryHost();
  readonly engine: Engine;
  /** The analysed files (absolute). */
  readonly files: string[];
  private readonly originals = new Map<string, string>();

  constructor(
    readonly root: string,
    texts: Map<string, string>,
    config: Partial<EngineConfig> = {},
  ) {
    for (const [rel, text] of texts) {
      this.host.write(`${root}/${rel}`, text);
      this.originals.set(`${root}/${rel}`, text);
    }
    const created = createEngine({ paths: [root], cwd: root, config: defaultConfig(config), host: this.host });
    this.engine = created.engine;
    this.files = created.files;
  }

  text(file: string): string {
    return this.originals.get(file)!;
  }

  /** Every finding of the project as it is. */
  findings(): Finding[] {
    return this.findingsWith(new Map());
  }

  /** Every finding with some files changed (they are put back afterwards). */
  findingsWith(changes: Map<string, string>): Finding[] {
    const set = (texts: Map<string, string>) => {
      for (const [file, text] of texts) {
        this.host.write(file, text);
        this.engine.fileChanged(file);
      }
    };
    set(changes);
    try {
      this.engine.analyzeFiles(this.files);
      return this.files.flatMap((f) => this.engine.findings(f));
    } finally {
      set(new Map([...changes.keys()].map((f) => [f, this.originals.get(f)!])));
    }
  }

  /** Texts of the project with edits applied, by file (only the files the edits change). */
  applied(edits: TextEdit[]): Map<string, string> {
    const out = new Map<string, string>();
    for (const [file, list] of editsByFile(edits)) {
      const before = this.originals.get(file);
      if (before === undefined) throw new Error(`an edit for a file outside the project: ${file}`);
      out.set(file, applyEdits(before, list));
    }
    return out;
  }

  /**
   * The files to type-check with `changed` in place, moved from `root` to `dir`: the changed
   * files, the project files they import, and the files that import them (with what those
   * import): enough for the compiler to see every use of what changed.
   */
  checkedCopy(changed: Map<string, string>, dir: string): Map<string, string> {
    const texts = new Map(this.originals);
    for (const [file, text] of changed) texts.set(file, text);
    const sources = [...texts.keys()].filter((f) => /\.(ts|js|mjs|cjs)$/.test(f) && !f.endsWith('.d.ts'));
    const deps = new Map(sources.map((f) => [f, localImports(f, texts.get(f)!, texts)]));
    const closure = (start: string[], next: (f: string) => string[]) => {
      const seen = new Set<string>();
      const stack = [...start];
      while (stack.length) {
        const f = stack.pop()!;
        if (seen.has(f)) continue;
        seen.add(f);
        stack.push(...next(f));
      }
      return seen;
    };
    const importers = closure([...changed.keys()], (f) => sources.filter((s) => deps.get(s)!.includes(f)));
    const needed = closure([...importers], (f) => deps.get(f) ?? []);
    return new Map([...needed].map((f) => [`${dir}/${path.posix.relative(this.root, f)}`, texts.get(f)!]));
  }

  dispose(): void {
    this.engine.dispose();
  }
}

/** Project files that `file` imports with relative specifiers. */
function localImports(file: string, text: string, files: Map<string, string>): string[] {
  const out: string[] = [];
  for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
    if (!fileName.startsWith('.')) continue;
    const base = path.posix.join(path.posix.dirname(file), fileName);
    const found = ['', '.ts', '.js', '/index.ts', '/index.js'].map((ext) => base + ext).find((f) => files.has(f));
    if (found) out.push(found);
  }
  return out;
}

/** `file|ruleId|message` → how many: findings compared across an edit, whatever their position. */
export function findingCounts(findings: Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(findingKey(f), (counts.get(findingKey(f)) ?? 0) + 1);
  return counts;
}

function findingKey(f: Finding): string {
  return `${f.file}|${f.ruleId}|${f.message}`;
}

/**
 * What is wrong after some fixes: a fixed finding is still reported (as many times as before,
 * for findings with the same message), or a finding appeared that was not there before.
 */
export function rescanProblems(before: Finding[], after: Finding[], fixed: Finding[], root: string): string[] {
  const b = findingCounts(before);
  const a = findingCounts(after);
  const problems: string[] = [];
  const rel = (key: string) => key.replace(`${root}/`, '');
  for (const [key, n] of findingCounts(fixed)) {
    if ((a.get(key) ?? 0) > (b.get(key) ?? 0) - n) problems.push(`still reported: ${rel(key)}`);
  }
  for (const [key, n] of a) if (n > (b.get(key) ?? 0)) problems.push(`new finding: ${rel(key)}`);
  return problems;
}

/** One fix applied to a fresh copy of a project, registered for type-checking. */
export interface FixVariant {
  /** `<rule> <file>:<line> fix <k>: <title>` */
  name: string;
  finding: Finding;
  fix: Fix;
  /** The changed files, by absolute path in the project. */
  changed: Map<string, string>;
  /** Type errors of the fixed files and those that use them. */
  checked: TypeCheckResult;
  /** Problems found before type-checking: an edit outside the project, overlapping edits. */
  problems: string[];
}

/**
 * Each fix of each finding `select` picks, applied to its own copy of the project under
 * `${scratch}/<n>/`, and registered for type-checking (unused declarations allowed: the CDK's
 * own project template allows them, and a fix may leave an import unused).
 */
export function fixVariants(project: MemoryProject, findings: Finding[], scratch: string): FixVariant[] {
  const variants: FixVariant[] = [];
  for (const finding of findings) {
    finding.fixes.forEach((fix, k) => {
      const rel = path.posix.relative(project.root, finding.file);
      const name = `${finding.ruleId} ${rel}:${finding.range.start.line + 1}:${finding.range.start.character + 1} fix ${k + 1}: ${fix.title}`;
      const problems: string[] = [];
      let changed = new Map<string, string>();
      try {
        changed = project.applied(fix.edits);
      } catch (e) {
        problems.push((e as Error).message);
      }
      const dir = `${scratch}/${variants.length + 1}`;
      const checked = typeCheckLater(project.checkedCopy(changed, dir), { scratch: dir, noUnusedLocals: false });
      variants.push({ name, finding, fix, changed, checked, problems });
    });
  }
  return variants;
}

/** Type errors and re-scan problems of a variant. */
export function variantProblems(project: MemoryProject, before: Finding[], variant: FixVariant): string[] {
  if (variant.problems.length) return variant.problems;
  const typeErrors = variant.checked.problems().map((p) => `type error: ${p}`);
  const after = project
    .findingsWith(variant.changed)
    .filter((f) => !unrotatedSecretTheFixWrote(f, variant.changed.get(f.file), project.text(f.file)));
  return [...typeErrors, ...rescanProblems(before, after, [variant.finding], project.root)];
}

/**
 * A fix that moves a value to a new Secrets Manager secret (secret-in-env) writes a secret with
 * no rotation, and secret-no-rotation says so (info), as it does of any new secret: how to rotate
 * it (a hosted rotation, a function of your own) is the user's next decision, not a problem of
 * the fix. Only that finding, on a line the fix wrote (not in the file `before`), is not new.
 */
export function unrotatedSecretTheFixWrote(f: Finding, after: string | undefined, before: string | undefined): boolean {
  if (f.ruleId !== 'secret-no-rotation' || after === undefined || before === undefined) return false;
  const line = after.split(/\r?\n/)[f.range.start.line]?.trim();
  return !!line && !before.includes(line);
}

/** The project's own files, registered for type-checking as they are. */
export function checkOriginals(project: MemoryProject, dir: string): TypeCheckResult {
  const sources = project.files.filter((f) => /\.(ts|js|mjs|cjs)$/.test(f));
  return typeCheckLater(new Map(sources.map((f) => [`${dir}/${path.posix.relative(project.root, f)}`, project.text(f)])), {
    scratch: dir,
    noUnusedLocals: false,
  });
}

/**
 * The tests of a project (call inside a `describe`): the findings `pick` chooses are checked by
 * `expect`, the project must compile as it is, and each fix of each chosen finding gets a test
 * of its own. The project is disposed of after them.
 */
export function describeFixes(
  project: MemoryProject,
  pick: (findings: Finding[]) => Finding[],
  expect: (picked: Finding[]) => void,
  scratch: string,
): void {
  const before = project.findings();
  const picked = pick(before);
  const original = checkOriginals(project, `${scratch}/checked`);
  const variants = fixVariants(project, picked, `${scratch}/fixed`);
  after(() => project.dispose());

  it('has findings with fixes, and compiles as it is', function () {
    expect(picked);
    if (!hasCdkTypings()) this.skip();
    assert.deepEqual(original.problems(), []);
  });

  for (const variant of variants) {
    it(variant.name, function () {
      if (!hasCdkTypings()) this.skip();
      assert.deepEqual(variantProblems(project, before, variant), [], `after the fix:\n${[...variant.changed.values()].join('\n')}`);
    });
  }
}
