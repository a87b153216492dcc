import * as ts from 'typescript';
import { configKey, defaultConfig, EngineConfig } from './config';
import { contentHash, FileContext } from './model/fileContext';
import { normalizePath, SourceHost } from './model/host';
import { ProgramManager } from './model/program';
import { Resolver } from './model/resolver';
import { formatMessage, ProjectFact, Rule, RuleContext } from './rules/rule';
import { allRules } from './rules/registry';
import { compareFindings, Finding, Severity } from './types';

export interface FileResult {
  file: string;
  /** Hash of the text the findings were computed from. */
  hash: string;
  findings: Finding[];
  /** Facts for project-wide rules, by rule id. Plain data: results cross worker threads. */
  facts: Record<string, unknown[]>;
  /** Other files whose values this file's findings used, with the hash each had. */
  dependencies: Record<string, string>;
  /** Why analysis did not run to the end (time budget, cancelled, unreadable file). */
  skipped?: string;
  /** The configuration the findings were computed with. */
  configKey?: string;
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
}

const DEFAULT_BUDGET_MS = 2000;

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
      if (cached && this.isFresh(cached)) {
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
      result = { file: path, hash: '', findings: [], facts: {}, dependencies: {}, skipped: 'unreadable', configKey: this.key };
    } else {
      result = this.run(sf, program, opts);
    }
    this.store(result);
    return result;
  }

  /** Findings for a file: its own, plus those the project pass placed in it. */
  findings(file: string): Finding[] {
    const path = normalizePath(file);
    const own = this.results.get(path)?.findings ?? [];
    const project = this.projectFindings().get(path) ?? [];
    return project.length ? [...own, ...project].sort(compareFindings) : own;
  }

  /** Findings the project-wide rules make from every analysed file's facts. */
  projectFindings(): Map<string, Finding[]> {
    if (this.projectCache) return this.projectCache;
    const out = new Map<string, Finding[]>();
    for (const rule of this.rules) {
      if (!rule.checkProject || this.config.rules[rule.meta.id] === 'off') continue;
      const facts: ProjectFact[] = [];
      for (const result of this.results.values()) {
        for (const data of result.facts[rule.meta.id] ?? []) facts.push({ file: result.file, data });
      }
      try {
        rule.checkProject(facts, (r) => {
          const setting = this.config.rules[rule.meta.id];
          const severity: Severity = (setting !== 'off' ? setting : undefined) ?? r.severity ?? rule.meta.defaultSeverity;
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
    for (const list of out.values()) list.sort(compareFindings);
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
    if (cached.skipped === 'cancelled' || cached.configKey !== this.key) return false;
    if (cached.hash !== (this.hashOf(cached.file) ?? '')) return false;
    for (const [dep, hash] of Object.entries(cached.dependencies)) {
      if ((this.hashOf(dep) ?? '') !== hash) return false;
    }
    return true;
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
    const resolver = new Resolver({ program: () => program, fileContext: (s) => this.fileContext(s) });
    const findings: Finding[] = [];
    const facts: Record<string, unknown[]> = {};
    const started = Date.now();
    const budget = opts.budgetMs ?? DEFAULT_BUDGET_MS;
    let skipped: string | undefined;
    for (const rule of this.rules) {
      if (this.config.rules[rule.meta.id] === 'off') continue;
      if (opts.isCancelled?.()) throw new CancelledError();
      if (Date.now() - started > budget) {
        skipped = 'budget';
        break;
      }
      const context = new RuleContext(rule, file, resolver, this.config, this.options.host);
      try {
        rule.check(context);
      } catch (error) {
        if (error instanceof CancelledError) throw error;
        this.ruleFailed(rule.meta.id, error, file.path);
        continue;
      }
      findings.push(...context.findings);
      if (context.facts.length) facts[rule.meta.id] = context.facts;
    }
    const dependencies: Record<string, string> = {};
    for (const dep of resolver.dependencies) {
      const depSf = program.getSourceFile(dep);
      dependencies[dep] = depSf ? this.fileContext(depSf).hash : '';
    }
    if (skipped === 'budget') findings.push(budgetFinding(file.path, budget));
    const result: FileResult = {
      file: file.path,
      hash: file.hash,
      findings: dedupe(findings).sort(compareFindings),
      facts,
      dependencies,
      configKey: this.key,
    };
    if (skipped) result.skipped = skipped;
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

function budgetFinding(file: string, budgetMs: number): Finding {
  return {
    ruleId: ANALYSIS_SKIPPED,
    severity: 'info',
    file,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    message: `Serverless Guard stopped analysing this file after ${budgetMs} ms (the per-file time budget, setting slsguard.budgetMs); some findings may be missing.`,
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
