import * as ts from 'typescript';
import { BudgetExceededError, Clock, withDeadline } from './budget';
import { collectInventory, FileInventory } from './checklist/inventory';
import { configKey, defaultConfig, EngineConfig, matchesConfigGlobs } from './config';
import { brokenRegions, withoutFixesIntoBrokenCode } from './fixes/syntaxGuard';
import { contentHash, FileContext } from './model/fileContext';
import { normalizePath, SourceHost } from './model/host';
import { SourceFiles } from './model/sources';
import { Resolver } from './model/resolver';
import { formatMessage, ProjectFact, Rule, RuleContext } from './rules/rule';
import { allRules } from './rules/registry';
import { compareFindings, Finding, Range, Severity } from './types';
import { Directive, parseDirectives } from './suppressions/directives';
import { applyDirectives, META_RULE_IDS, MetaReport } from './suppressions/apply';

export interface FileResult {
  file: string;
  /** Hash of the text the findings were computed from. */
  hash: string;
  findings: Finding[];
  /** Facts for project-wide rules, by rule id. Plain data: results cross worker threads. */
  facts: Record<string, unknown[]>;
  /** Constructs the file defines, for project-wide judgements (the checklist). */
  inventory?: FileInventory;
  /** Other files whose values this file's findings used, with the hash each had. */
  dependencies: Record<string, string>;
  /** Why analysis did not run to the end (time budget, cancelled, unreadable file). */
  skipped?: string;
  /** With `skipped: 'budget'`: the budget it ran out of (a larger one analyses the file again). */
  budgetMs?: number;
  /** Rules that threw on this file, with the error in one line: their findings are missing. */
  failedRules?: Array<{ ruleId: string; error: string }>;
  /** The configuration the findings were computed with. */
  configKey?: string;
  /** The file's suppression comments (applied when findings are read, with the project pass's). */
  directives?: Directive[];
  /** Top-level regions holding syntax errors: no fix edits them (the project pass's fixes neither). */
  brokenRegions?: Range[];
}

export interface AnalyzeOptions {
  /** Polled between rules; a true answer abandons the analysis with `CancelledError`. */
  isCancelled?: () => boolean;
  /** Per-file time budget in milliseconds. */
  budgetMs?: number;
}

export class CancelledError extends Error {
  constructor() {
    super('analysis cancelled');
  }
}

export type Logger = (message: string) => void;

export interface EngineOptions {
  host: SourceHost;
  config?: EngineConfig;
  rules?: Rule[];
  logger?: Logger;
  /**
   * The configuration for one file, from the engine's own (`setConfig`): how the editor and
   * the CLI layer the nearest `.slsguard.json` under their settings. Called often: keep it cheap.
   */
  configFor?: (file: string, base: EngineConfig) => EngineConfig;
  /**
   * How many pinned files (open editors) stay parsed between analyses, most recently used
   * first. The others keep their cached results and are parsed again when next analysed.
   */
  maxParsedFiles?: number;
  /** How many files besides those stay parsed, most recently used first (imported constants). */
  maxCachedFiles?: number;
  /** The per-file budget when an analysis gives none (default `DEFAULT_BUDGET_MS`; `Infinity`: none). */
  budgetMs?: number;
  /** The clock the budget is measured on (default `Date.now`, wall time; the CLI's is `cpuTime`). */
  clock?: Clock;
}

export interface FindingsOptions {
  /** Also return findings that suppression comments suppress (flagged `suppressed`), for SARIF. */
  includeSuppressed?: boolean;
  /**
   * Only the findings of one pass: `file`, the rules that judge a file alone (a shard of a scan,
   * which sees some files only); `project`, the rules that relate files (merging the shards).
   * Suppression comments apply in both, and each judges only its own rules' ids as unused.
   */
  pass?: 'file' | 'project';
}

/** The per-file time budget when no setting gives one (`slsguard.budgetMs`). */
export const DEFAULT_BUDGET_MS = 2000;

/**
 * Pinned files kept parsed by default: their trees stay in memory. Editors a person is looking at
 * are few; results of every other open file stay cached by content hash.
 */
export const DEFAULT_MAX_PARSED_FILES = 16;

/**
 * The analysis core's entry point, shared by the language server, the CLI and the tests.
 * It owns the parsed files (each parsed once per version of its text), a cache of per-file
 * results, and the project pass of rules that relate files.
 */
export class Engine {
  readonly sources: SourceFiles;
  private config: EngineConfig;
  private key: string;
  private readonly rules: Rule[];
  private readonly contexts = new WeakMap<ts.SourceFile, FileContext>();
  private readonly results = new Map<string, FileResult>();
  private known = new Set<string>();
  /** Pinned files (open editors): part of the project and never dropped from the results. */
  private readonly pinned = new Set<string>();
  /** The pinned files kept parsed, least recently used first. */
  private readonly parsed = new Set<string>();
  private readonly maxParsed: number;
  /** Content hash by file and host version: freshness checks without parsing. */
  private readonly hashes = new Map<string, { version: string; hash: string | undefined }>();
  private projectCache?: Map<string, Finding[]>;
  /**
   * The project pass's inputs and outputs, kept up to date as results come and go, so that a
   * file's new result re-runs only the rules whose facts it changed, over those rules' facts
   * only: facts by rule and file, and each rule's findings until its facts change.
   */
  private readonly factIndex = new Map<string, RuleFacts>();
  private readonly ruleFindings = new Map<string, Map<string, Finding[]>>();
  /** Files whose cached results used a value from each file (the reverse of `dependencies`). */
  private readonly dependents = new Map<string, Set<string>>();
  private readonly loggedRuleErrors = new Set<string>();
  /** Project rules whose last run threw (`rule-id` → error): their findings are missing. */
  readonly projectRuleFailures = new Map<string, string>();
  private readonly log: Logger;

  constructor(private readonly options: EngineOptions) {
    this.sources = new SourceFiles(options.host, options.maxCachedFiles);
    this.config = options.config ?? defaultConfig();
    this.key = configKey(this.config);
    this.rules = options.rules ?? allRules;
    this.log = options.logger ?? (() => undefined);
    this.maxParsed = Math.max(1, options.maxParsedFiles ?? DEFAULT_MAX_PARSED_FILES);
  }

  get host(): SourceHost {
    return this.options.host;
  }

  setConfig(config: EngineConfig): void {
    const key = configKey(config);
    if (key === this.key) return;
    this.config = config;
    this.key = key;
    for (const file of [...this.results.keys()]) this.drop(file);
    this.projectChanged();
  }

  getConfig(): EngineConfig {
    return this.config;
  }

  /** The configuration that applies to a file (the engine's own, layered by `configFor`). */
  configFor(file: string): EngineConfig {
    return this.options.configFor ? this.options.configFor(normalizePath(file), this.config) : this.config;
  }

  /** Configuration files changed: cached results are checked against their file's new configuration. */
  configChanged(): void {
    this.projectChanged();
  }

  /** True when the file's configuration says never to analyse it (`ignore` globs). */
  isIgnored(file: string): boolean {
    const path = normalizePath(file);
    return matchesConfigGlobs(this.configFor(path), 'ignore', path);
  }

  /**
   * The project's files. Results of files outside the set are dropped, and the project pass
   * (rules that relate files) sees exactly these files' facts.
   */
  setFiles(files: Iterable<string>): void {
    this.known = new Set([...files].map(normalizePath));
    for (const file of [...this.results.keys()]) {
      if (!this.known.has(file) && !this.pinned.has(file)) this.drop(file);
    }
  }

  addFile(file: string): void {
    this.known.add(normalizePath(file));
    this.sources.filesChanged();
  }

  /** A file was deleted. */
  removeFile(file: string): void {
    this.forget(file);
    this.sources.filesChanged();
  }

  /** Drop a file and its result from the project (the file itself may still exist). */
  forget(file: string): void {
    const f = normalizePath(file);
    this.known.delete(f);
    this.unpin(f);
    this.drop(f);
  }

  knownFiles(): string[] {
    return [...this.known].sort();
  }

  /**
   * An open editor: keep the file in the project, and parsed between analyses while it is one of
   * the `maxParsedFiles` most recently pinned or inspected. Call again whenever the file is used
   * (each analysis of an open document does). Files that are not parsed are parsed for their
   * analysis and released afterwards, so memory does not grow with the number of open files.
   */
  pin(file: string): void {
    const f = normalizePath(file);
    // A document opened in an editor exists for imports even before it is saved.
    if (!this.pinned.has(f)) this.sources.filesChanged();
    this.known.add(f);
    this.pinned.add(f);
    this.keepParsed(f);
  }

  unpin(file: string): void {
    const f = normalizePath(file);
    // An unsaved document closed in its editor no longer exists for imports.
    if (this.pinned.delete(f)) this.sources.filesChanged();
    if (this.parsed.delete(f)) this.sources.release(f);
  }

  /** Pinned files that are parsed now, least recently used first. */
  parsedFiles(): string[] {
    return [...this.parsed];
  }

  private keepParsed(f: string): void {
    this.parsed.delete(f);
    this.parsed.add(f);
    this.sources.keep(f);
    for (const oldest of this.parsed) {
      if (this.parsed.size <= this.maxParsed) break;
      this.parsed.delete(oldest);
      this.sources.release(oldest);
    }
  }

  /** Tell the engine a file changed outside the host's own versioning (e.g. on disk). */
  fileChanged(file: string): void {
    this.hashes.delete(normalizePath(file));
    this.sources.filesChanged();
  }

  /** Files whose cached results used a value from `file`. */
  dependentsOf(file: string): string[] {
    return [...(this.dependents.get(normalizePath(file)) ?? [])];
  }

  cachedResult(file: string): FileResult | undefined {
    return this.results.get(normalizePath(file));
  }

  fileContext(sf: ts.SourceFile): FileContext {
    let ctx = this.contexts.get(sf);
    if (!ctx) {
      ctx = new FileContext(sf, normalizePath(sf.fileName));
      this.contexts.set(sf, ctx);
    }
    return ctx;
  }

  /**
   * A file as the engine parses it now, with a resolver, for questions other than analysis
   * (hover, edits computed on request such as "ignore for this line"; the caller checks the text
   * is the version it expects). Only files that changed are parsed again.
   */
  inspect(file: string): { file: FileContext; resolver: Resolver } | undefined {
    const path = normalizePath(file);
    if (this.pinned.has(path)) this.keepParsed(path);
    const sf = this.sources.get(path);
    return sf ? { file: this.fileContext(sf), resolver: this.newResolver() } : undefined;
  }

  parsedFile(file: string): FileContext | undefined {
    return this.inspect(file)?.file;
  }

  private newResolver(): Resolver {
    return new Resolver({
      sourceFile: (path) => this.sources.getImported(path),
      fileContext: (s) => this.fileContext(s),
      resolveModule: (specifier, from) => this.sources.resolvedModule(specifier, from),
      missedModuleFiles: (specifier, from) => this.sources.missedModuleFiles(specifier, from),
    });
  }

  /** A file's findings when the cached result still matches its text; never analyses. */
  currentFindings(file: string): Finding[] | undefined {
    const path = normalizePath(file);
    const cached = this.results.get(path);
    return cached && this.isFresh(cached) ? this.findings(path) : undefined;
  }

  /** Analyse one file (cached by content and by the content of every file it drew values from). */
  analyzeFile(file: string, opts: AnalyzeOptions = {}): FileResult {
    return this.analyzeFiles([file], opts)[0];
  }

  /**
   * Analyse files, reusing every result whose file and dependencies are unchanged. Each file that
   * needs work is parsed (with the files it reads values from) and analysed on its own.
   */
  analyzeFiles(files: string[], opts: AnalyzeOptions & { onResult?: (r: FileResult) => void } = {}): FileResult[] {
    const paths = files.map(normalizePath);
    const out = new Map<string, FileResult>();
    const todo: string[] = [];
    for (const path of paths) {
      this.known.add(path);
      const cached = this.results.get(path);
      if (this.isIgnored(path)) {
        const config = this.configFor(path);
        const ignored: FileResult = { file: path, hash: '', findings: [], facts: {}, dependencies: {}, skipped: 'ignored', configKey: configKey(config) };
        this.store(ignored);
        out.set(path, ignored);
        opts.onResult?.(ignored);
      } else if (cached && this.isFresh(cached) && !ranOutOfSmallerBudget(cached, opts.budgetMs ?? this.options.budgetMs ?? DEFAULT_BUDGET_MS)) {
        out.set(path, cached);
        opts.onResult?.(cached);
      } else {
        todo.push(path);
      }
    }
    for (const path of todo) {
      const result = this.analyzeOne(path, opts);
      out.set(path, result);
      opts.onResult?.(result);
    }
    return paths.map((p) => out.get(p)!);
  }

  private analyzeOne(path: string, opts: AnalyzeOptions): FileResult {
    const sf = this.sources.get(path);
    let result: FileResult;
    if (!sf && this.sources.isTooDeep(path)) {
      const findings = [skippedFinding(path, 'Serverless Guard did not analyse this file: its code is nested too deeply for the TypeScript parser.')];
      result = { file: path, hash: this.hashOf(path) ?? '', findings, facts: {}, dependencies: {}, skipped: 'too-deep', configKey: configKey(this.configFor(path)) };
    } else if (!sf) {
      result = { file: path, hash: '', findings: [], facts: {}, dependencies: {}, skipped: 'unreadable', configKey: configKey(this.configFor(path)) };
    } else {
      result = this.run(sf, opts);
    }
    this.store(result);
    return result;
  }

  /**
   * Findings for a file: its own, plus those the project pass placed in it, with the file's
   * suppression comments applied. Suppressed findings are left out unless asked for.
   */
  findings(file: string, options: FindingsOptions = {}): Finding[] {
    const path = normalizePath(file);
    const result = this.results.get(path);
    if (result?.skipped === 'ignored') return [];
    const own = options.pass === 'project' ? [] : (result?.findings ?? []);
    const project = options.pass === 'file' ? [] : this.projectFindingsIn(path);
    const merged = project.length ? [...own, ...project].sort(compareFindings) : own;
    const directives = result?.directives ?? [];
    if (directives.length === 0) return merged;
    const all = this.suppress(path, result!, merged, directives, options.pass).sort(compareFindings);
    return options.includeSuppressed ? all : all.filter((f) => !f.suppressed);
  }

  private suppress(path: string, result: FileResult, findings: Finding[], directives: Directive[], pass?: 'file' | 'project'): Finding[] {
    const config = this.configFor(path);
    const running = new Set(this.rules.filter((r) => config.rules[r.meta.id] !== 'off').map((r) => r.meta.id));
    // With one pass only, a directive is judged against that pass's rules; the project pass
    // leaves the directives' own problems (no reason, unknown ids) to the file pass.
    const inPass = (id: string) => pass === undefined || (pass === 'project') === this.rules.some((r) => r.meta.id === id && r.checkProject !== undefined);
    return applyDirectives(findings, directives, {
      // After a budget stop, rules that did not run cannot show a directive is unused.
      ran: (id) => running.has(id) && !META_RULE_IDS.includes(id) && result.skipped === undefined && inPass(id),
      known: (id) => pass === 'project' || running.has(id) || this.rules.some((r) => r.meta.id === id) || allRules.some((r) => r.meta.id === id),
      report: (r: MetaReport) => {
        if (pass === 'project' && r.messageId !== 'unused') return undefined;
        const rule = this.rules.find((x) => x.meta.id === r.ruleId);
        if (!rule || !running.has(r.ruleId)) return undefined;
        const setting = config.rules[r.ruleId];
        return {
          ruleId: r.ruleId,
          severity: (setting !== 'off' ? setting : undefined) ?? rule.meta.defaultSeverity,
          file: path,
          range: r.range,
          message: formatMessage(rule.meta.messages[r.messageId] ?? r.messageId, r.data),
          related: [],
          fixes: r.fixes ?? [],
        };
      },
    });
  }

  /** Findings the project-wide rules make from every analysed file's facts. */
  projectFindings(): Map<string, Finding[]> {
    if (this.projectCache) return this.projectCache;
    const out = new Map<string, Finding[]>();
    for (const rule of this.rules) {
      if (!rule.checkProject) continue;
      for (const [file, found] of this.ruleFindingsOf(rule)) {
        let list = out.get(file);
        if (!list) out.set(file, (list = []));
        list.push(...found);
      }
    }
    for (const list of out.values()) list.sort(compareFindings);
    this.projectCache = out;
    return out;
  }

  /**
   * The project pass's findings in one file. A project rule reports only in files with a fact it
   * can report at (`Rule.reportsAt`), so a rule whose facts changed is run again only when the
   * file has such a fact: opening a file no longer runs every project rule over every fact.
   */
  private projectFindingsIn(file: string): Finding[] {
    if (this.projectCache) return this.projectCache.get(file) ?? [];
    const out: Finding[] = [];
    for (const rule of this.rules) {
      if (!rule.checkProject) continue;
      if (!this.ruleFindings.has(rule.meta.id) && !this.factIndex.get(rule.meta.id)?.reportable.has(file)) continue;
      out.push(...(this.ruleFindingsOf(rule).get(file) ?? []));
    }
    return out.sort(compareFindings);
  }

  private ruleFindingsOf(rule: Rule): Map<string, Finding[]> {
    let found = this.ruleFindings.get(rule.meta.id);
    if (!found) this.ruleFindings.set(rule.meta.id, (found = this.checkProject(rule)));
    return found;
  }

  /** One project rule over its facts, in file order (whichever order the files were analysed in). */
  private checkProject(rule: Rule): Map<string, Finding[]> {
    const out = new Map<string, Finding[]>();
    const index = this.factIndex.get(rule.meta.id);
    const facts: ProjectFact[] = [];
    for (const file of index?.files ?? []) facts.push(...index!.byFile.get(file)!);
    this.projectRuleFailures.delete(rule.meta.id);
    if (rule.checkProject) {
      try {
        rule.checkProject(facts, (r) => {
          if (!index?.reportable.has(r.file)) {
            this.ruleFailed(rule.meta.id, new Error(`reported in ${r.file}, which has no fact the rule can report at (Rule.reportsAt); the finding is dropped`));
            return;
          }
          const setting = this.configFor(r.file).rules[rule.meta.id];
          if (setting === 'off') return;
          const severity: Severity = setting ?? r.severity ?? rule.meta.defaultSeverity;
          const template = rule.meta.messages[r.messageId] ?? r.messageId;
          const finding: Finding = {
            ruleId: rule.meta.id,
            severity,
            file: r.file,
            range: r.range,
            message: formatMessage(template, r.data),
            related: r.related ?? [],
            fixes: r.fixes ?? [],
          };
          let list = out.get(r.file);
          if (!list) out.set(r.file, (list = []));
          list.push(finding);
        });
      } catch (error) {
        this.ruleFailed(rule.meta.id, error);
        this.projectRuleFailures.set(rule.meta.id, errorText(error));
      }
    }
    // Fixes were worked out when the facts were recorded; the files they edit may not parse now.
    for (const [file, list] of out) {
      out.set(file, withoutFixesIntoBrokenCode(list, (f) => this.results.get(f)?.brokenRegions));
    }
    return out;
  }

  /** Load results computed elsewhere (a worker thread) so the project pass sees them. */
  adoptResults(results: FileResult[]): void {
    for (const r of results) this.store(r);
  }

  allResults(): FileResult[] {
    return [...this.results.values()];
  }

  dispose(): void {
    this.sources.dispose();
  }

  /** Changes whenever some file's project facts change: the project pass may then report differently. */
  factsVersion = 0;

  private store(result: FileResult): void {
    const previous = this.results.get(result.file);
    this.results.set(result.file, result);
    this.reindex(result.file, previous, result);
  }

  private drop(file: string): void {
    const previous = this.results.get(file);
    if (!previous) return;
    this.results.delete(file);
    this.reindex(file, previous, undefined);
  }

  /** Keep the fact index, the rules' cached findings and the dependents up to date with a file's result. */
  private reindex(file: string, previous: FileResult | undefined, next: FileResult | undefined): void {
    const before = previous?.facts ?? {};
    const after = next?.facts ?? {};
    let changed = false;
    for (const id of new Set([...Object.keys(before), ...Object.keys(after)])) {
      // A first result (every result of a cold scan) needs no comparison.
      if (previous && (before[id] === after[id] || JSON.stringify(before[id] ?? []) === JSON.stringify(after[id] ?? []))) continue;
      if (!previous && !after[id]?.length) continue;
      changed = true;
      let index = this.factIndex.get(id);
      if (!index) this.factIndex.set(id, (index = { files: [], byFile: new Map(), reportable: new Set() }));
      const at = sortedIndex(index.files, file);
      const listed = index.files[at] === file;
      if (after[id]?.length) {
        index.byFile.set(file, after[id].map((data) => ({ file, data })));
        if (!listed) index.files.splice(at, 0, file);
        const reportsAt = this.rules.find((r) => r.meta.id === id)?.reportsAt;
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
      this.projectCache = undefined;
      this.factsVersion++;
    }
    for (const dep of Object.keys(previous?.dependencies ?? {})) {
      const set = this.dependents.get(dep);
      if (set?.delete(file) && set.size === 0) this.dependents.delete(dep);
    }
    for (const dep of Object.keys(next?.dependencies ?? {})) {
      let set = this.dependents.get(dep);
      if (!set) this.dependents.set(dep, (set = new Set()));
      set.add(file);
    }
  }

  /** Severities of the project rules may have changed: their findings are worked out again. */
  private projectChanged(): void {
    this.ruleFindings.clear();
    this.projectCache = undefined;
  }

  private isFresh(cached: FileResult): boolean {
    if (cached.skipped === 'cancelled' || cached.configKey !== this.keyFor(cached.file)) return false;
    if (cached.hash !== (this.hashOf(cached.file) ?? '')) return false;
    for (const [dep, hash] of Object.entries(cached.dependencies)) {
      if ((this.hashOf(dep) ?? '') !== hash) return false;
    }
    return true;
  }

  private keyFor(file: string): string {
    return this.options.configFor ? configKey(this.configFor(file)) : this.key;
  }

  /** Hash of a file's current text, cached per host version. */
  hashOf(file: string): string | undefined {
    const version = this.options.host.version(file);
    const cached = this.hashes.get(file);
    if (cached && cached.version === version) return cached.hash;
    const text = this.options.host.readFile(file);
    const hash = text === undefined ? undefined : contentHash(text);
    this.hashes.set(file, { version, hash });
    return hash;
  }

  private run(sf: ts.SourceFile, opts: AnalyzeOptions): FileResult {
    const file = this.fileContext(sf);
    const config = this.configFor(file.path);
    const resolver = this.newResolver();
    const findings: Finding[] = [];
    const facts: Record<string, unknown[]> = {};
    const now = this.options.clock ?? (() => Date.now());
    const started = now();
    const budget = opts.budgetMs ?? this.options.budgetMs ?? DEFAULT_BUDGET_MS;
    // Rules are stopped inside, too (see budget.ts): a slow rule cannot run past the budget.
    const deadline = started + budget;
    let skipped: string | undefined;
    const failedRules: Array<{ ruleId: string; error: string }> = [];
    for (const rule of this.rules) {
      if (config.rules[rule.meta.id] === 'off') continue;
      if (opts.isCancelled?.()) throw new CancelledError();
      if (now() > deadline) {
        skipped = 'budget';
        break;
      }
      const context = new RuleContext(rule, file, resolver, config, this.options.host);
      try {
        withDeadline(deadline, () => rule.check(context), now);
      } catch (error) {
        if (error instanceof CancelledError) throw error;
        if (error instanceof BudgetExceededError) {
          skipped = 'budget';
          break;
        }
        this.ruleFailed(rule.meta.id, error, file.path);
        failedRules.push({ ruleId: rule.meta.id, error: errorText(error) });
        continue;
      }
      findings.push(...context.findings);
      if (context.facts.length) facts[rule.meta.id] = context.facts;
    }
    let inventory: FileInventory | undefined;
    if (!skipped) {
      try {
        inventory = withDeadline(deadline, () => collectInventory(file, resolver), now);
      } catch (error) {
        // The checklist loses this file's constructs; findings are unaffected.
        if (error instanceof BudgetExceededError) skipped = 'budget';
        else {
          this.ruleFailed('checklist-inventory', error, file.path);
          failedRules.push({ ruleId: 'checklist-inventory', error: errorText(error) });
        }
      }
    }
    const dependencies: Record<string, string> = {};
    for (const dep of resolver.dependencies) {
      if (dep === file.path) continue;
      const depSf = this.sources.get(dep);
      dependencies[dep] = depSf ? this.fileContext(depSf).hash : '';
    }
    // Absent now: the empty hash, which stops matching once the file is created.
    for (const dep of resolver.absentDependencies) if (dep !== file.path && !(dep in dependencies)) dependencies[dep] = '';
    if (skipped === 'budget') findings.push(budgetFinding(file.path, budget));
    const broken = brokenRegionsIn(file);
    const result: FileResult = {
      file: file.path,
      hash: file.hash,
      findings: withoutFixesIntoBrokenCode(dedupe(findings), (path) => {
        const other = path === file.path ? undefined : this.sources.get(path);
        return other ? brokenRegionsIn(this.fileContext(other)) : broken;
      }).sort(compareFindings),
      facts,
      inventory,
      dependencies,
      configKey: configKey(config),
    };
    const directives = parseDirectives(file);
    if (directives.length) result.directives = directives;
    if (broken.length) result.brokenRegions = broken;
    if (skipped) result.skipped = skipped;
    if (skipped === 'budget') result.budgetMs = budget;
    if (failedRules.length) result.failedRules = failedRules;
    return result;
  }

  private ruleFailed(ruleId: string, error: unknown, file?: string): void {
    if (this.loggedRuleErrors.has(ruleId)) return;
    this.loggedRuleErrors.add(ruleId);
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    this.log(`[${ruleId}] rule failed${file ? ` on ${file}` : ''}; other rules still ran. ${detail}`);
  }
}

export const ANALYSIS_SKIPPED = 'analysis-skipped';

/** An error in one line: its class and message, never its stack. */
function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Where the file does not parse (see fixes/syntaxGuard.ts): fixes stay out of there. The parser's
 * own errors, as a program's `getSyntacticDiagnostics` returns them for a TypeScript file; there
 * is no program to ask (see model/sources.ts), and the TypeScript bundled with the server is pinned.
 */
function brokenRegionsIn(file: FileContext): Range[] {
  const parseErrors = (file.sf as ts.SourceFile & { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics ?? [];
  return brokenRegions(file, parseErrors);
}

/** The result stopped at its time budget, and the budget is larger now: the user raised it to see the rest. */
function ranOutOfSmallerBudget(result: FileResult, budgetMs: number): boolean {
  return result.skipped === 'budget' && budgetMs > (result.budgetMs ?? 0);
}

/** One project rule's facts: the files that have some, in order, and each file's. */
interface RuleFacts {
  files: string[];
  byFile: Map<string, ProjectFact[]>;
  /** Files with a fact the rule can report at. */
  reportable: Set<string>;
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

function budgetFinding(file: string, budgetMs: number): Finding {
  return skippedFinding(
    file,
    `Serverless Guard stopped analysing this file after ${budgetMs} ms (the per-file time budget, setting slsguard.budgetMs); some findings may be missing.`,
  );
}

/** The one finding of a file whose analysis stopped early: information, at the top of the file. */
function skippedFinding(file: string, message: string): Finding {
  return {
    ruleId: ANALYSIS_SKIPPED,
    severity: 'info',
    file,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    message,
    related: [],
    fixes: [],
  };
}

/** One finding per rule and range: a constant used by two statements is reported once. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.ruleId}|${f.file}|${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export { contentHash };
