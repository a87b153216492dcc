import { withoutFixesIntoBrokenCode } from '../fixes/syntaxGuard';
import { redactFindings } from '../secrets/redact';
import type { ProjectFact, Rule } from '../rule';
import { compareFindings, Finding, Range, SeveritySetting } from '../types';
import { errorText, toFinding } from './findings';

/**
 * The project pass: rules that relate files (`Rule.checkProject`) run over the facts every file's
 * result recorded. Its inputs and outputs are kept up to date as results come and go, so that a
 * file's new result re-runs only the rules whose facts it changed, over those rules' facts only:
 * facts by rule and file, and each rule's findings until its facts change.
 */

/** What the pass needs from the engine that owns it. */
export interface ProjectPassHost {
  rules: readonly Rule[];
  /** The rule's setting in the file's configuration. */
  setting(file: string, ruleId: string): SeveritySetting | undefined;
  /** Top-level regions of a file holding syntax errors (from its result). */
  brokenRegions(file: string): Range[] | undefined;
  /** Secrets the file pass detected in a file: the project pass's findings there mask them too. */
  secrets(file: string): string[] | undefined;
  ruleFailed(ruleId: string, error: unknown): void;
}

/** One project rule's facts: the files that have some, in order, and each file's. */
interface RuleFacts {
  files: string[];
  byFile: Map<string, ProjectFact[]>;
  /** Files with a fact the rule can report at. */
  reportable: Set<string>;
}

export class ProjectPass {
  private readonly factIndex = new Map<string, RuleFacts>();
  private readonly ruleFindings = new Map<string, Map<string, Finding[]>>();
  /** Project rules whose last run threw (`rule-id` → the error in one line): their findings are missing. */
  readonly failures = new Map<string, string>();
  private cache?: Map<string, Finding[]>;
  /** Changes whenever some file's project facts change: the pass may then report differently. */
  version = 0;

  constructor(private readonly host: ProjectPassHost) {}

  /** Findings the project-wide rules make from every analysed file's facts. */
  all(): Map<string, Finding[]> {
    if (this.cache) return this.cache;
    const out = new Map<string, Finding[]>();
    for (const rule of this.host.rules) {
      if (!rule.checkProject) continue;
      for (const [file, found] of this.ruleFindingsOf(rule)) {
        let list = out.get(file);
        if (!list) out.set(file, (list = []));
        list.push(...found);
      }
    }
    for (const list of out.values()) list.sort(compareFindings);
    this.cache = out;
    return out;
  }

  /**
   * The pass's findings in one file. A project rule reports only in files with a fact it can
   * report at (`Rule.reportsAt`), so a rule whose facts changed is run again only when the file
   * has such a fact: opening a file no longer runs every project rule over every fact.
   */
  findingsIn(file: string): Finding[] {
    if (this.cache) return this.cache.get(file) ?? [];
    const out: Finding[] = [];
    for (const rule of this.host.rules) {
      if (!rule.checkProject) continue;
      if (!this.ruleFindings.has(rule.meta.id) && !this.factIndex.get(rule.meta.id)?.reportable.has(file)) continue;
      out.push(...(this.ruleFindingsOf(rule).get(file) ?? []));
    }
    return out.sort(compareFindings);
  }

  /** Severities of the project rules may have changed: their findings are worked out again. */
  invalidate(): void {
    this.ruleFindings.clear();
    this.cache = undefined;
  }

  /** A file's facts changed from `before` (none for a first result) to `after`. */
  update(file: string, before: Record<string, unknown[]> | undefined, after: Record<string, unknown[]>): void {
    const previous = before ?? {};
    let changed = false;
    for (const id of new Set([...Object.keys(previous), ...Object.keys(after)])) {
      // A first result (every result of a cold scan) needs no comparison.
      if (before && sameData(previous[id] ?? [], after[id] ?? [])) continue;
      if (!before && !after[id]?.length) continue;
      changed = true;
      let index = this.factIndex.get(id);
      if (!index) this.factIndex.set(id, (index = { files: [], byFile: new Map(), reportable: new Set() }));
      const at = sortedIndex(index.files, file);
      const listed = index.files[at] === file;
      if (after[id]?.length) {
        index.byFile.set(
          file,
          after[id].map((data) => ({ file, data })),
        );
        if (!listed) index.files.splice(at, 0, file);
        const reportsAt = this.host.rules.find((r) => r.meta.id === id)?.reportsAt;
        if (!reportsAt || after[id].some((data) => reportsAt(data))) index.reportable.add(file);
        else index.reportable.delete(file);
      } else if (listed) {
        index.byFile.delete(file);
        index.files.splice(at, 1);
        index.reportable.delete(file);
      }
      this.ruleFindings.delete(id);
    }
    if (changed) {
      this.cache = undefined;
      this.version++;
    }
  }

  private ruleFindingsOf(rule: Rule): Map<string, Finding[]> {
    let found = this.ruleFindings.get(rule.meta.id);
    if (!found) this.ruleFindings.set(rule.meta.id, (found = this.check(rule)));
    return found;
  }

  /** One project rule over its facts, in file order (whichever order the files were analysed in). */
  private check(rule: Rule): Map<string, Finding[]> {
    const out = new Map<string, Finding[]>();
    const index = this.factIndex.get(rule.meta.id);
    const facts: ProjectFact[] = [];
    for (const file of index?.files ?? []) facts.push(...index!.byFile.get(file)!);
    this.failures.delete(rule.meta.id);
    if (rule.checkProject) {
      try {
        rule.checkProject(facts, (r) => {
          if (!index?.reportable.has(r.file)) {
            this.host.ruleFailed(
              rule.meta.id,
              new Error(`reported in ${r.file}, which has no fact the rule can report at (Rule.reportsAt); the finding is dropped`),
            );
            return;
          }
          const finding = toFinding(rule.meta, r, this.host.setting(r.file, rule.meta.id));
          if (!finding) return;
          // The project pass has no Python writer: a fix written against a Python file's lowering is not offered.
          finding.fixes = finding.fixes.filter((fix) => fix.edits.every((e) => !e.lowered));
          let list = out.get(r.file);
          if (!list) out.set(r.file, (list = []));
          list.push(finding);
        });
      } catch (error) {
        this.host.ruleFailed(rule.meta.id, error);
        this.failures.set(rule.meta.id, errorText(error));
      }
    }
    // Fixes were worked out when the facts were recorded; the files they edit may not parse now.
    for (const [file, list] of out) {
      out.set(
        file,
        redactFindings(
          withoutFixesIntoBrokenCode(list, (f) => this.host.brokenRegions(f)),
          this.host.secrets(file),
        ),
      );
    }
    return out;
  }
}

/**
 * Whether two facts (plain data) are the same, as their JSON would be (a property set to
 * `undefined` is no property), up to the order of keys. Compared in place: the editor compares a
 * file's facts on every keystroke, and writing both out as JSON was a tenth of what an edit's
 * analysis allocated.
 */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    keys++;
    if (!Object.prototype.hasOwnProperty.call(y, k) || !sameData(x[k], y[k])) return false;
  }
  for (const k in y) if (y[k] !== undefined) keys--;
  return keys === 0;
}

/** Where `item` is or would go in a sorted array (sorted as `Array.prototype.sort` sorts strings). */
function sortedIndex(sorted: string[], item: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < item) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
