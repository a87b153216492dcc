import * as ts from 'typescript';
import { BudgetExceededError, withDeadline } from './budget';
import { collectInventory, FileInventory } from './checklist/inventory';
import { configKey, defaultConfig, EngineConfig, matchesConfigGlobs } from './config';
import { brokenRegions, withoutFixesIntoBrokenCode } from './fixes/syntaxGuard';
import { contentHash, FileContext } from './model/fileContext';
import { normalizePath, SourceHost } from './model/host';
import { ProgramManager } from './model/program';
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
}

export interface FindingsOptions {
  /** Also return findings that suppression comments suppress (flagged `suppressed`), for SARIF. */
  includeSuppressed?: boolean;
}

/** The per-file time budget when no setting gives one (`slsguard.budgetMs`). */
export const DEFAULT_BUDGET_MS = 2000;

/**
 * The analysis core's entry point, shared by the language server, the CLI and the tests.
 * It owns one program manager (one reused TypeScript language service), a cache of per-file
 * results, and the project pass of rules that relate files.
 */
export class Engine {
  readonly programs: ProgramManager;
  private config: EngineConfig;
  private key: string;
  private readonly rules: Rule[];
  private readonly contexts = new WeakMap<ts.SourceFile, FileContext>();
  private readonly results = new Map<string, FileResult>();
  private known = new Set<string>();
  /** Content hash by file and host version: freshness checks without parsing. */
  private readonly hashes = new Map<string, { version: string; hash: string | undefined }>();
  private projectCache?: Map<string, Finding[]>;
  private readonly loggedRuleErrors = new Set<string>();
  private readonly log: Logger;

  constructor(private readonly options: EngineOptions) {
    this.programs = new ProgramManager(options.host);
    this.config = options.config ?? defaultConfig();
    this.key = configKey(this.config);
    this.rules = options.rules ?? allRules;
    this.log = options.logger ?? (() => undefined);
  }

  get host(): SourceHost {
    return this.options.host;
  }

  setConfig(config: EngineConfig): void {
    const key = configKey(config);
    if (key === this.key) return;
    this.config = config;
    this.key = key;
    this.results.clear();
    this.projectCache = undefined;
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
    this.projectCache = undefined;
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
      if (!this.known.has(file) && !this.programs.hasRoot(file)) this.results.delete(file);
    }
    this.projectCache = undefined;
  }

  addFile(file: string): void {
    this.known.add(normalizePath(file));
  }

  removeFile(file: string): void {
    const f = normalizePath(file);
    this.known.delete(f);
    this.programs.removeRoot(f);
    if (this.results.delete(f)) this.projectCache = undefined;
  }

  knownFiles(): string[] {
    return [...this.known].sort();
  }

  /**
   * Keep a file parsed between analyses (an open editor). Files that are not pinned are parsed
   * for their analysis and released afterwards, so memory does not grow with the workspace.
   */
  pin(file: string): void {
    const f = normalizePath(file);
    this.known.add(f);
    this.programs.addRoot(f);
  }

  unpin(file: string): void {
    this.programs.removeRoot(normalizePath(file));
  }

  /** Tell the engine a file changed outside the host's own versioning (e.g. on disk). */
  fileChanged(file: string): void {
    this.hashes.delete(normalizePath(file));
  }

  /** Files whose cached results used a value from `file`. */
  dependentsOf(file: string): string[] {
    const f = normalizePath(file);
    return [...this.results.values()].filter((r) => f in r.dependencies).map((r) => r.file);
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
   * A file as the engine parses it now, with a resolver over the current program, for questions
   * other than analysis (hover, edits computed on request such as "ignore for this line"; the
   * caller checks the text is the version it expects). The language service's program is
   * reused: only files that changed are parsed again.
   */
  inspect(file: string): { file: FileContext; resolver: Resolver } | undefined {
    const path = normalizePath(file);
    const added = !this.programs.hasRoot(path);
    if (added) this.programs.addRoot(path);
    try {
      const program = this.programs.getProgram();
      const sf = program.getSourceFile(path);
      return sf ? { file: this.fileContext(sf), resolver: this.resolverOver(program) } : undefined;
    } finally {
      if (added) this.programs.removeRoot(path);
    }
  }

  parsedFile(file: string): FileContext | undefined {
    return this.inspect(file)?.file;
  }

  private resolverOver(program: ts.Program): Resolver {
    return new Resolver({ program: () => program, fileContext: (s) => this.fileContext(s) });
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
   * Analyse files, reusing every result whose file and dependencies are unchanged. Files that
   * need work are parsed in chunks; files that are not pinned are released after their chunk.
   */
  analyzeFiles(files: string[], opts: AnalyzeOptions & { chunkSize?: number; onResult?: (r: FileResult) => void } = {}): FileResult[] {
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
      } else if (cached && this.isFresh(cached) && !ranOutOfSmallerBudget(cached, opts.budgetMs ?? DEFAULT_BUDGET_MS)) {
        out.set(path, cached);
        opts.onResult?.(cached);
      } else {
        todo.push(path);
      }
    }
    const chunkSize = opts.chunkSize ?? 200;
    for (let i = 0; i < todo.length; i += chunkSize) {
      const chunk = todo.slice(i, i + chunkSize);
      const added = chunk.filter((p) => !this.programs.hasRoot(p));
      for (const p of added) this.programs.addRoot(p);
      try {
        const program = this.programs.getProgram();
        for (const path of chunk) {
          const result = this.analyzeInProgram(path, program, opts);
          out.set(path, result);
          opts.onResult?.(result);
        }
      } finally {
        for (const p of added) this.programs.removeRoot(p);
      }
    }
    return paths.map((p) => out.get(p)!);
  }

  private analyzeInProgram(path: string, program: ts.Program, opts: AnalyzeOptions): FileResult {
    const sf = program.getSourceFile(path);
    let result: FileResult;
    if (!sf) {
      result = { file: path, hash: '', findings: [], facts: {}, dependencies: {}, skipped: 'unreadable', configKey: configKey(this.configFor(path)) };
    } else if (this.programs.isTooDeep(path)) {
      const findings = [skippedFinding(path, 'Serverless Guard did not analyse this file: its code is nested too deeply for the TypeScript parser.')];
      result = { file: path, hash: this.hashOf(path) ?? '', findings, facts: {}, dependencies: {}, skipped: 'too-deep', configKey: configKey(this.configFor(path)) };
    } else {
      result = this.run(sf, program, opts);
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
    const own = result?.findings ?? [];
    const project = this.projectFindings().get(path) ?? [];
    const merged = project.length ? [...own, ...project].sort(compareFindings) : own;
    const directives = result?.directives ?? [];
    if (directives.length === 0) return merged;
    const all = this.suppress(path, result!, merged, directives).sort(compareFindings);
    return options.includeSuppressed ? all : all.filter((f) => !f.suppressed);
  }

  private suppress(path: string, result: FileResult, findings: Finding[], directives: Directive[]): Finding[] {
    const config = this.configFor(path);
    const running = new Set(this.rules.filter((r) => config.rules[r.meta.id] !== 'off').map((r) => r.meta.id));
    return applyDirectives(findings, directives, {
      // After a budget stop, rules that did not run cannot show a directive is unused.
      ran: (id) => running.has(id) && !META_RULE_IDS.includes(id) && result.skipped === undefined,
      known: (id) => running.has(id) || this.rules.some((r) => r.meta.id === id) || allRules.some((r) => r.meta.id === id),
      report: (r: MetaReport) => {
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
      const facts: ProjectFact[] = [];
      for (const result of this.results.values()) {
        for (const data of result.facts[rule.meta.id] ?? []) facts.push({ file: result.file, data });
      }
      try {
        rule.checkProject(facts, (r) => {
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
      }
    }
    // Fixes were worked out when the facts were recorded; the files they edit may not parse now.
    for (const [file, list] of out) {
      out.set(file, withoutFixesIntoBrokenCode(list, (f) => this.results.get(f)?.brokenRegions).sort(compareFindings));
    }
    this.projectCache = out;
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
    this.programs.dispose();
  }

  /** Changes whenever some file's project facts change: the project pass may then report differently. */
  factsVersion = 0;

  private store(result: FileResult): void {
    const previous = this.results.get(result.file);
    this.results.set(result.file, result);
    if (JSON.stringify(previous?.facts ?? {}) !== JSON.stringify(result.facts)) {
      this.projectCache = undefined;
      this.factsVersion++;
    }
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

  private run(sf: ts.SourceFile, program: ts.Program, opts: AnalyzeOptions): FileResult {
    const file = this.fileContext(sf);
    const config = this.configFor(file.path);
    const resolver = this.resolverOver(program);
    const findings: Finding[] = [];
    const facts: Record<string, unknown[]> = {};
    const started = Date.now();
    const budget = opts.budgetMs ?? DEFAULT_BUDGET_MS;
    // Rules are stopped inside, too (see budget.ts): a slow rule cannot run past the budget.
    const deadline = started + budget;
    let skipped: string | undefined;
    for (const rule of this.rules) {
      if (config.rules[rule.meta.id] === 'off') continue;
      if (opts.isCancelled?.()) throw new CancelledError();
      if (Date.now() > deadline) {
        skipped = 'budget';
        break;
      }
      const context = new RuleContext(rule, file, resolver, config, this.options.host);
      try {
        withDeadline(deadline, () => rule.check(context));
      } catch (error) {
        if (error instanceof CancelledError) throw error;
        if (error instanceof BudgetExceededError) {
          skipped = 'budget';
          break;
        }
        this.ruleFailed(rule.meta.id, error, file.path);
        continue;
      }
      findings.push(...context.findings);
      if (context.facts.length) facts[rule.meta.id] = context.facts;
    }
    let inventory: FileInventory | undefined;
    if (!skipped) {
      try {
        inventory = withDeadline(deadline, () => collectInventory(file, resolver));
      } catch (error) {
        // The checklist loses this file's constructs; findings are unaffected.
        if (error instanceof BudgetExceededError) skipped = 'budget';
        else this.ruleFailed('checklist-inventory', error, file.path);
      }
    }
    const dependencies: Record<string, string> = {};
    for (const dep of resolver.dependencies) {
      const depSf = program.getSourceFile(dep);
      dependencies[dep] = depSf ? this.fileContext(depSf).hash : '';
    }
    if (skipped === 'budget') findings.push(budgetFinding(file.path, budget));
    const broken = this.brokenRegionsIn(program, file);
    const result: FileResult = {
      file: file.path,
      hash: file.hash,
      findings: withoutFixesIntoBrokenCode(dedupe(findings), (path) => {
        const other = path === file.path ? undefined : program.getSourceFile(path);
        return other ? this.brokenRegionsIn(program, this.fileContext(other)) : broken;
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
    return result;
  }

  /** Where the file does not parse (see fixes/syntaxGuard.ts): fixes stay out of there. */
  private brokenRegionsIn(program: ts.Program, file: FileContext): Range[] {
    return brokenRegions(file, program.getSyntacticDiagnostics(file.sf));
  }

  private ruleFailed(ruleId: string, error: unknown, file?: string): void {
    if (this.loggedRuleErrors.has(ruleId)) return;
    this.loggedRuleErrors.add(ruleId);
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    this.log(`[${ruleId}] rule failed${file ? ` on ${file}` : ''}; other rules still ran. ${detail}`);
  }
}

export const ANALYSIS_SKIPPED = 'analysis-skipped';

/** The result stopped at its time budget, and the budget is larger now: the user raised it to see the rest. */
function ranOutOfSmallerBudget(result: FileResult, budgetMs: number): boolean {
  return result.skipped === 'budget' && budgetMs > (result.budgetMs ?? 0);
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
