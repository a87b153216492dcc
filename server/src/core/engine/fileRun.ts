import * as ts from 'typescript';
import { BudgetExceededError, Clock, withDeadline } from '../budget';
import { configKey, EngineConfig } from '../config';
import { brokenRegions, withoutFixesIntoBrokenCode } from '../fixes/syntaxGuard';
import type { FileContext } from '../model/fileContext';
import type { Resolver } from '../model/resolver';
import { Rule, RuleContext } from '../rule';
import { redactFindings } from '../secrets/redact';
import { NagSuppression, readNagSuppressions } from '../suppressions/cdkNag';
import { Directive, parseDirectives } from '../suppressions/directives';
import { compareFindings, Finding, Fix, Range } from '../types';
import { budgetFinding, dedupe, errorText, toFinding } from './findings';
import { pythonFix } from '../fixes/python';

/** Running one file: every rule over it within its time budget, and what its result records. */

export interface FileResult {
  file: string;
  /** Hash of the text the findings were computed from. */
  hash: string;
  findings: Finding[];
  /** Facts for project-wide rules, by rule id. Plain data: results cross worker threads. */
  facts: Record<string, unknown[]>;
  /**
   * What `EngineOptions.collectInventory` recorded for the file: for the checklist, the constructs
   * it defines (checklist/inventory.ts). Plain data, like the facts.
   */
  inventory?: unknown;
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
  /** The cdk-nag suppressions the file writes (applied when findings are read, in whichever file they cover). */
  nagSuppressions?: NagSuppression[];
  /** Top-level regions holding syntax errors: no fix edits them (the project pass's fixes neither). */
  brokenRegions?: Range[];
  /** Rules that threw on this file, with the error in one line: their findings are missing. */
  failedRules?: Array<{ ruleId: string; error: string }>;
  /** Secrets the rules detected in the file (never shown): hovers and diffs mask them (secrets/redact.ts). */
  secrets?: string[];
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

/** The per-file time budget when no setting gives one (`slsguard.budgetMs`). */
export const DEFAULT_BUDGET_MS = 2000;

/** Records per-file data besides findings within the file's budget (the checklist's inventory). */
export type InventoryCollector = (file: FileContext, resolver: Resolver) => unknown;

/** What running one file needs from the engine. */
export interface FileRunEnvironment {
  rules: readonly Rule[];
  config: EngineConfig;
  resolver: Resolver;
  host: { fileExists(file: string): boolean };
  /** Another file as the engine parses it now (for dependencies' hashes and fixes' targets). */
  parsed(path: string): FileContext | undefined;
  collectInventory?: InventoryCollector;
  /** The budget when `AnalyzeOptions` gives none (default `DEFAULT_BUDGET_MS`; `Infinity`: none). */
  budgetMs?: number;
  /** The clock the budget is measured on (default `Date.now`, wall time; the CLI's is `cpuTime`). */
  clock?: Clock;
  ruleFailed(ruleId: string, error: unknown, file: string): void;
}

export function runFile(file: FileContext, env: FileRunEnvironment, opts: AnalyzeOptions): FileResult {
  const { config, resolver } = env;
  const findings: Finding[] = [];
  const facts: Record<string, unknown[]> = {};
  const secrets: string[] = [];
  const budget = opts.budgetMs ?? env.budgetMs ?? DEFAULT_BUDGET_MS;
  // Without a budget (the CLI's default) the clock is never read: the CLI's clock is CPU time, a
  // system call each read, and reading it before every rule of every file cost 5 to 15 % of a scan.
  const now = budget === Number.POSITIVE_INFINITY ? () => 0 : (env.clock ?? Date.now);
  // Rules are stopped inside, too (see budget.ts): a slow rule cannot run past the budget.
  const deadline = now() + budget;
  let skipped: string | undefined;
  const failedRules: Array<{ ruleId: string; error: string }> = [];
  for (const rule of env.rules) {
    const setting = config.rules[rule.meta.id];
    if (setting === 'off') continue;
    if (opts.isCancelled?.()) throw new CancelledError();
    if (now() > deadline) {
      skipped = 'budget';
      break;
    }
    const context = new RuleContext(rule, file, resolver, config, env.host);
    let found: Finding[];
    try {
      withDeadline(deadline, () => rule.check(context), now);
      found = context.reports.map((r) => toFinding(rule.meta, r, setting)!);
      // A Python file's fixes were written against its lowering: now in Python (or not offered).
      if (file.python)
        found = found.map((f) => ({ ...f, fixes: f.fixes.map((x) => pythonFix(file, x)).filter((x): x is Fix => x !== undefined) }));
    } catch (error) {
      if (error instanceof CancelledError) throw error;
      if (error instanceof BudgetExceededError) {
        skipped = 'budget';
        break;
      }
      env.ruleFailed(rule.meta.id, error, file.path);
      failedRules.push({ ruleId: rule.meta.id, error: errorText(error) });
      continue;
    }
    findings.push(...found);
    secrets.push(...context.secrets);
    if (context.facts.length) facts[rule.meta.id] = context.facts;
  }
  /** A step besides the rules, within the budget: one that throws is recorded as a rule that failed. */
  const step = <T>(name: string, run: () => T): T | undefined => {
    try {
      return withDeadline(deadline, run, now);
    } catch (error) {
      if (error instanceof BudgetExceededError) skipped = 'budget';
      else {
        env.ruleFailed(name, error, file.path);
        failedRules.push({ ruleId: name, error: errorText(error) });
      }
      return undefined;
    }
  };
  let inventory: unknown;
  // Without it the checklist loses this file's constructs; findings are unaffected.
  const collect = env.collectInventory;
  if (!skipped && collect) inventory = step('checklist-inventory', () => collect(file, resolver));
  // Before the dependencies: a suppression of `new AppStack(…)` reads the stack's own file.
  const nagSuppressions = (!skipped && step('cdk-nag-suppressions', () => readNagSuppressions(file, resolver))) || [];
  const dependencies: Record<string, string> = {};
  for (const dep of resolver.dependencies) {
    if (dep === file.path) continue;
    dependencies[dep] = env.parsed(dep)?.hash ?? '';
  }
  // Absent now: the empty hash, which stops matching once the file is created.
  for (const dep of resolver.absentDependencies) if (dep !== file.path && !(dep in dependencies)) dependencies[dep] = '';
  if (skipped === 'budget') findings.push(budgetFinding(file.path, budget));
  const broken = brokenRegionsIn(file);
  const result: FileResult = {
    file: file.path,
    hash: file.hash,
    findings: redactFindings(
      withoutFixesIntoBrokenCode(dedupe(findings), (path) => {
        const other = path === file.path ? undefined : env.parsed(path);
        return other ? brokenRegionsIn(other) : broken;
      }),
      secrets,
    ).sort(compareFindings),
    facts,
    inventory,
    dependencies,
    configKey: configKey(config),
  };
  const directives = parseDirectives(file);
  if (directives.length) result.directives = directives;
  if (nagSuppressions.length) result.nagSuppressions = nagSuppressions;
  if (broken.length) result.brokenRegions = broken;
  if (secrets.length) result.secrets = [...new Set(secrets)];
  if (skipped) result.skipped = skipped;
  if (skipped === 'budget') result.budgetMs = budget;
  if (failedRules.length) result.failedRules = failedRules;
  return result;
}

/** The result stopped at its time budget, and the budget is larger now: the user raised it to see the rest. */
export function ranOutOfSmallerBudget(result: FileResult, budgetMs: number): boolean {
  return result.skipped === 'budget' && budgetMs > (result.budgetMs ?? 0);
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
