import type * as ts from 'typescript';
import type { Baseline } from '../baseline/baseline';
import type { Clock } from '../budget';
import { configKey, defaultConfig, EngineConfig, isTestCode, matchesConfigGlobs } from '../config';
import { contentHash, FileContext } from '../model/fileContext';
import { lineStartsOf } from '../model/lines';
import { normalizePath, SourceHost } from '../model/host';
import { SourceFiles } from '../model/sources';
import { Resolver } from '../model/resolver';
import type { Rule } from '../rule';
import { allRules } from '../rules/registry';
import { compareFindings, Finding } from '../types';
import type { Directive } from '../suppressions/directives';
import { redactFindings } from '../secrets/redact';
import { applyDirectives, META_RULE_IDS, MetaReport } from '../suppressions/apply';
import { applyNagSuppressions, NagSuppression } from '../suppressions/cdkNag';
import { toFinding, tooDeepFinding } from './findings';
import { AnalyzeOptions, DEFAULT_BUDGET_MS, FileResult, InventoryCollector, ranOutOfSmallerBudget, runFile } from './fileRun';
import { ProjectPass } from './projectPass';

export { ANALYSIS_SKIPPED } from './findings';
export { CancelledError, DEFAULT_BUDGET_MS } from './fileRun';
export type { AnalyzeOptions, FileResult, InventoryCollector } from './fileRun';

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
  /**
   * Of the files other files import values from, how many stay parsed, most recently used first
   * (default `DEFAULT_MAX_IMPORTED_FILES`, for the editor; a scan, which reads each file once, keeps fewer).
   */
  maxImportedFiles?: number;
  /**
   * Records what each file defines besides findings, within its budget, for judgements over the
   * whole project: the checklist passes `collectInventory` (checklist/inventory.ts). Without one,
   * results carry no inventory.
   */
  collectInventory?: InventoryCollector;
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
  /**
   * Also return the findings test code hides (see `isTestCode`): every finding, as in any other
   * file. The command line asks for them to count what it hides.
   */
  includeTestCode?: boolean;
}

/**
 * Pinned files kept parsed by default: their trees stay in memory. Editors a person is looking at
 * are few; results of every other open file stay cached by content hash.
 */
export const DEFAULT_MAX_PARSED_FILES = 16;

/**
 * The analysis core's entry point, shared by the language server, the CLI and the tests.
 * It owns the parsed files (each parsed once per version of its text), a cache of per-file
 * results, and the project pass of rules that relate files. The work is done beside it: running
 * one file (fileRun.ts), the project pass (projectPass.ts), building findings (findings.ts).
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
  private readonly projectPass: ProjectPass;
  /** Files whose cached results used a value from each file (the reverse of `dependencies`). */
  private readonly dependents = new Map<string, Set<string>>();
  /** cdk-nag suppressions by the file they cover, then by the file that writes them. */
  private readonly nagByTarget = new Map<string, Map<string, NagSuppression[]>>();
  private readonly loggedRuleErrors = new Set<string>();
  private baseline?: Baseline;
  /** Project rules whose last run threw (`rule-id` → error): their findings are missing. */
  get projectRuleFailures(): ReadonlyMap<string, string> {
    return this.projectPass.failures;
  }
  private readonly log: Logger;

  constructor(private readonly options: EngineOptions) {
    this.sources = new SourceFiles(options.host, options.maxCachedFiles, options.maxImportedFiles);
    this.config = options.config ?? defaultConfig();
    this.key = configKey(this.config);
    this.rules = options.rules ?? allRules;
    this.log = options.logger ?? (() => undefined);
    this.maxParsed = Math.max(1, options.maxParsedFiles ?? DEFAULT_MAX_PARSED_FILES);
    this.projectPass = new ProjectPass({
      rules: this.rules,
      setting: (file, ruleId) => this.configFor(file).rules[ruleId],
      brokenRegions: (file) => this.results.get(file)?.brokenRegions,
      secrets: (file) => this.results.get(file)?.secrets,
      ruleFailed: (ruleId, error) => this.ruleFailed(ruleId, error),
    });
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

  /** True when the file is test code under its configuration: only credentials are reported there. */
  isTestCode(file: string): boolean {
    const path = normalizePath(file);
    return isTestCode(this.configFor(path), path);
  }

  /** Whether a finding is reported in test code: a credential in a known format (`RuleMeta.keptInTestCode`). */
  keptInTestCode(finding: Finding): boolean {
    const rule = this.rules.find((r) => r.meta.id === finding.ruleId);
    return !!rule?.meta.keptInTestCode?.includes(finding.messageId);
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

  /**
   * Whether the file's stored result (analysed here, or adopted from a worker or the results
   * cache) still holds: `analyzeFiles` would return it without analysing.
   */
  isCurrent(file: string, budgetMs = this.options.budgetMs ?? DEFAULT_BUDGET_MS): boolean {
    const path = normalizePath(file);
    const cached = this.results.get(path);
    return !!cached && this.isFresh(cached) && !ranOutOfSmallerBudget(cached, budgetMs);
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
        const ignored: FileResult = {
          file: path,
          hash: '',
          findings: [],
          facts: {},
          dependencies: {},
          skipped: 'ignored',
          configKey: configKey(config),
        };
        this.store(ignored);
        out.set(path, ignored);
        opts.onResult?.(ignored);
      } else if (cached && this.isCurrent(path, opts.budgetMs)) {
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
      const findings = [tooDeepFinding(path)];
      result = {
        file: path,
        hash: this.hashOf(path) ?? '',
        findings,
        facts: {},
        dependencies: {},
        skipped: 'too-deep',
        configKey: configKey(this.configFor(path)),
      };
    } else if (!sf) {
      result = {
        file: path,
        hash: '',
        findings: [],
        facts: {},
        dependencies: {},
        skipped: 'unreadable',
        configKey: configKey(this.configFor(path)),
      };
    } else {
      const file = this.fileContext(sf);
      result = runFile(
        file,
        {
          rules: this.rules,
          config: this.configFor(file.path),
          resolver: this.newResolver(),
          host: this.options.host,
          parsed: (other) => {
            const otherSf = this.sources.get(other);
            return otherSf ? this.fileContext(otherSf) : undefined;
          },
          collectInventory: this.options.collectInventory,
          budgetMs: this.options.budgetMs,
          clock: this.options.clock,
          ruleFailed: (ruleId, error, at) => this.ruleFailed(ruleId, error, at),
        },
        opts,
      );
    }
    this.store(result);
    return result;
  }

  /**
   * Findings for a file: its own, plus those the project pass placed in it, with the file's
   * suppression comments applied. Suppressed findings are left out unless asked for; in test
   * code, so is every finding but a credential's, unless asked for.
   */
  findings(file: string, options: FindingsOptions = {}): Finding[] {
    const path = normalizePath(file);
    const all = this.allFindings(path, options);
    if (options.includeTestCode || !this.isTestCode(path)) return all;
    return all.filter((f) => this.keptInTestCode(f));
  }

  private allFindings(path: string, options: FindingsOptions): Finding[] {
    const result = this.results.get(path);
    if (result?.skipped === 'ignored') return [];
    const own = options.pass === 'project' ? [] : (result?.findings ?? []);
    const project = options.pass === 'file' ? [] : this.projectPass.findingsIn(path);
    const merged = project.length ? [...own, ...project].sort(compareFindings) : own;
    const directives = result?.directives ?? [];
    // By the path of the file that writes them, as a cold scan stores them: the first that applies gives the reason.
    const bySource = this.nagByTarget.get(path);
    const nag = bySource ? [...bySource.keys()].sort().flatMap((source) => bySource.get(source)!) : [];
    let all = directives.length === 0 ? merged : this.suppress(path, result!, merged, directives, options.pass).sort(compareFindings);
    if (nag.length)
      all = applyNagSuppressions(
        all,
        nag,
        (ruleId) => this.rules.find((r) => r.meta.id === ruleId)?.meta.cdkNag,
        (f) => this.literalAt(f),
      );
    // The baseline numbers a file's findings with the suppressed ones, as when it was written.
    const shown = this.baseline ? this.baseline.filter(all, (f) => this.host.readFile(f)) : all;
    return options.includeSuppressed ? shown : shown.filter((f) => !f.suppressed);
  }

  /** Hide the findings a baseline holds (`.slsguard-baseline.json`), or show them all again (undefined). */
  setBaseline(baseline: Baseline | undefined): void {
    this.baseline = baseline;
  }

  /** The string a finding's range holds, when it is a quoted literal (`'s3:*'`). */
  private literalAt(f: Finding): string | undefined {
    const text = f.range.start.line === f.range.end.line ? this.options.host.readFile(f.file) : undefined;
    if (text === undefined) return undefined;
    const starts = lineStartsOf(text);
    const start = starts[f.range.start.line];
    if (start === undefined) return undefined;
    const literal = text.slice(start + f.range.start.character, start + f.range.end.character);
    const m = /^(['"`])(.*)\1$/s.exec(literal);
    return m ? m[2] : undefined;
  }

  private suppress(path: string, result: FileResult, findings: Finding[], directives: Directive[], pass?: 'file' | 'project'): Finding[] {
    const config = this.configFor(path);
    const running = new Set(this.rules.filter((r) => config.rules[r.meta.id] !== 'off').map((r) => r.meta.id));
    // With one pass only, a directive is judged against that pass's rules; the project pass
    // leaves the directives' own problems (no reason, unknown ids) to the file pass.
    const inPass = (id: string) =>
      pass === undefined || (pass === 'project') === this.rules.some((r) => r.meta.id === id && r.checkProject !== undefined);
    const all = applyDirectives(findings, directives, {
      // After a budget stop, rules that did not run cannot show a directive is unused.
      ran: (id) => running.has(id) && !META_RULE_IDS.includes(id) && result.skipped === undefined && inPass(id),
      known: (id) =>
        pass === 'project' || running.has(id) || this.rules.some((r) => r.meta.id === id) || allRules.some((r) => r.meta.id === id),
      report: (r: MetaReport) => {
        if (pass === 'project' && r.messageId !== 'unused') return undefined;
        const rule = this.rules.find((x) => x.meta.id === r.ruleId);
        if (!rule || !running.has(r.ruleId)) return undefined;
        return toFinding(rule.meta, { ...r, file: path }, config.rules[r.ruleId]);
      },
    });
    // Directives are text from the file: what they report leaves through the redaction step too.
    return redactFindings(all, result.secrets);
  }

  /** Findings the project-wide rules make from every analysed file's facts. */
  projectFindings(): Map<string, Finding[]> {
    return this.projectPass.all();
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
  get factsVersion(): number {
    return this.projectPass.version;
  }

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
    this.projectPass.update(file, previous ? (previous.facts ?? {}) : undefined, next?.facts ?? {});
    for (const s of previous?.nagSuppressions ?? []) for (const t of s.targets) this.nagByTarget.get(t.file)?.delete(file);
    for (const s of next?.nagSuppressions ?? []) {
      for (const target of new Set(s.targets.map((t) => t.file))) {
        let bySource = this.nagByTarget.get(target);
        if (!bySource) this.nagByTarget.set(target, (bySource = new Map()));
        let list = bySource.get(file);
        if (!list) bySource.set(file, (list = []));
        if (!list.includes(s)) list.push(s);
      }
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
    this.projectPass.invalidate();
  }

  private isFresh(cached: FileResult): boolean {
    if (cached.skipped === 'cancelled' || cached.configKey !== this.keyFor(cached.file)) return false;
    if (cached.hash !== (this.hashOf(cached.file) ?? '')) return false;
    for (const [dep, hash] of Object.entries(cached.dependencies)) {
      // '': the file was absent (most are: a `cdk.json` or `tsconfig.json` in each folder above).
      if ((this.hashOf(dep, hash === '') ?? '') !== hash) return false;
    }
    return true;
  }

  private keyFor(file: string): string {
    return this.options.configFor ? configKey(this.configFor(file)) : this.key;
  }

  /** Hash of a file's current text, cached per host version; `likelyAbsent` when it was absent last time. */
  hashOf(file: string, likelyAbsent = false): string | undefined {
    const version = this.options.host.version(file);
    const cached = this.hashes.get(file);
    if (cached && cached.version === version) return cached.hash;
    // Asking whether a file exists costs a quarter of failing to open it (Node builds an error
    // for that): an unchanged re-run with --cache checks thousands of absent config files.
    const text = likelyAbsent && !this.options.host.fileExists(file) ? undefined : this.options.host.readFile(file);
    const hash = text === undefined ? undefined : contentHash(text);
    this.hashes.set(file, { version, hash });
    return hash;
  }

  private ruleFailed(ruleId: string, error: unknown, file?: string): void {
    if (this.loggedRuleErrors.has(ruleId)) return;
    this.loggedRuleErrors.add(ruleId);
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    this.log(`[${ruleId}] rule failed${file ? ` on ${file}` : ''}; other rules still ran. ${detail}`);
  }
}

export { contentHash };
