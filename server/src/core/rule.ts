import * as ts from 'typescript';
import { checkBudget } from './budget';
import type { FileContext } from './model/fileContext';
import type { Resolver } from './model/resolver';
import { fqnIn, Value } from './model/values';
import type { EngineConfig } from './config';
import { GuideSectionId, isGuideSection } from './guide/sections';
import { redact } from './preview';
import { Fix, Location, Range, RelatedLocation, RuleCategory, sameRange, Severity } from './types';

/**
 * Every rule has the same shape: metadata (the one source for diagnostics, docs, hover, the
 * checklist and the README table) and a `check` over one file. Rules that relate files to each
 * other (a role shared by functions in two files) also record facts and get a project pass.
 */
export interface RuleMeta<M extends string = string> {
  id: string;
  title: string;
  /** One or two sentences: what it flags and why it matters. */
  description: string;
  defaultSeverity: Severity;
  category: RuleCategory;
  /** CWE ids, e.g. `['CWE-732']`. */
  cwe: string[];
  /** Section of the practices guide (`docs/guide/<file>#<anchor>`); see guide/sections.ts. */
  guideSection: GuideSectionId;
  /** A quick fix exists for some findings. */
  fixable: boolean;
  /** messageId → text with `{{placeholders}}`. A rule reports by id (`messageId`), never by text. */
  messages: Record<M, string>;
  /**
   * The wording for Python files where the advice itself differs (the libraries and calls it
   * names). Other messages of CDK rules are respelled for Python by the engine
   * (`enforceSSL: true` → `enforce_ssl=True`, `this.table` → `self.table`).
   */
  pythonMessages?: Partial<Record<NoInfer<M>, string>>;
  /** What the rule reads: CDK app code, Lambda handler code, or any file. */
  appliesTo: 'cdk' | 'handler' | 'any';
  /**
   * The messages still reported in test code (the catalog's v2 conventions), where every other
   * finding is hidden: a credential in a known format is a leak wherever it is written. Message
   * ids (`createRule` checks they are the rule's).
   */
  keptInTestCode?: string[];
  /**
   * The cdk-nag rule ids (`AwsSolutions-IAM5`) that check what this rule checks: a cdk-nag
   * suppression of one of them, with a reason, suppresses this rule's findings on that construct
   * (the catalog's "Other tools' suppressions"; suppressions/cdkNag.ts). Each id is in the
   * snapshot of cdk-nag's rule list that `server/src/test/cdkNag.test.ts` checks them against.
   */
  cdkNag?: string[];
}

export interface ProjectFact<T = unknown> {
  file: string;
  data: T;
}

/**
 * What a rule says at a place, before the engine makes it a finding (engine/findings.ts, the one
 * place that does): the message by id and data, severity only when the rule varies it.
 */
export interface Report<M extends string = string> {
  file: string;
  range: Range;
  messageId: M;
  data?: Record<string, string | number>;
  severity?: Severity;
  related?: RelatedLocation[];
  /** In the project pass, fixes worked out when the fact was recorded (plain data, like the fact). */
  fixes?: Fix[];
}

/** A report of the project pass. */
export type ProjectReport<M extends string = string> = Report<M>;

export interface Rule<M extends string = string> {
  meta: RuleMeta<M>;
  check(context: RuleContext<M>): void;
  /** Runs once over the facts every file recorded with `context.fact()`. */
  checkProject?(facts: ProjectFact[], report: (finding: ProjectReport<M>) => void): void;
  /**
   * Which of its facts `checkProject` may report at (default: every one). A project rule reports
   * only in files that recorded such a fact: the engine relies on it to skip the rule when asked
   * about any other file, and drops (and logs) a report anywhere else.
   */
  reportsAt?(fact: unknown): boolean;
}

/**
 * A rule with its message ids typed by its `messages`: reporting an id the rule does not define
 * is a compile error.
 */
export function createRule<M extends string>(rule: Rule<M>): Rule {
  const { meta } = rule;
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(meta.id)) throw new Error(`bad rule id ${meta.id}`);
  if (Object.keys(meta.messages).length === 0) throw new Error(`${meta.id}: no messages`);
  if (!isGuideSection(meta.guideSection)) throw new Error(`${meta.id}: unknown guide section ${meta.guideSection}`);
  for (const id of meta.keptInTestCode ?? [])
    if (!(id in meta.messages)) throw new Error(`${meta.id}: keptInTestCode names no message ${id}`);
  return rule;
}

/** Where a report points: a node in this file, a resolved value, or an explicit location. */
export type ReportTarget = ts.Node | Value | Location;

export interface ReportDescriptor<M extends string = string> {
  at: ReportTarget;
  messageId: M;
  data?: Record<string, string | number>;
  severity?: Severity;
  related?: Array<{ at: ReportTarget; message: string }>;
  fixes?: Fix[];
}

/**
 * What a rule sees while it checks one file. Queries go through the shared node index and the
 * resolver, so no rule walks the tree on its own.
 */
export class RuleContext<M extends string = string> {
  /** What the rule reported, in order; the engine makes them findings. */
  readonly reports: Array<Report<M>> = [];
  readonly facts: unknown[] = [];
  /** Secrets the rule detected (never shown): the engine masks them in every text that leaves it. */
  readonly secrets: string[] = [];

  constructor(
    readonly rule: Rule<M>,
    readonly file: FileContext,
    readonly resolver: Resolver,
    readonly config: EngineConfig,
    private readonly host?: { fileExists(file: string): boolean },
  ) {}

  /** Whether a file exists in the project (through the engine's host; false without one). */
  fileExists(file: string): boolean {
    return this.host?.fileExists(file) ?? false;
  }

  get sf(): ts.SourceFile {
    return this.file.sf;
  }

  resolve(expr: ts.Expression): Value {
    return this.resolver.resolve(expr, this.file);
  }

  fqn(expr: ts.Expression): string | undefined {
    return this.resolver.fqn(expr, this.file);
  }

  /** `new X(...)` expressions whose class is one of `names` (`'aws-iam.PolicyStatement'`). */
  newExpressions(...names: string[]): ts.NewExpression[] {
    return this.file.index.newExpressions.filter((n) => fqnIn(this.fqn(n.expression), names));
  }

  /** Calls of a function or method with one of these names. */
  calls(...names: string[]): ts.CallExpression[] {
    const out: ts.CallExpression[] = [];
    for (const name of names) out.push(...(this.file.index.callsByName.get(name) ?? []));
    return out.sort((a, b) => a.pos - b.pos);
  }

  /** Calls whose callee is the package export `name` (`'aws-iam.PolicyStatement.fromJson'`). */
  staticCalls(...names: string[]): ts.CallExpression[] {
    const last = new Set(names.map((n) => n.slice(n.lastIndexOf('.') + 1)));
    return this.calls(...last).filter((c) => fqnIn(this.fqn(c.expression), names));
  }

  /** The props argument of a construct (`new X(scope, id, props)`), resolved. */
  constructProps(expr: ts.NewExpression, index = 2): Value | undefined {
    const arg = expr.arguments?.[index];
    return arg ? this.resolve(arg) : undefined;
  }

  fact(data: unknown): void {
    this.facts.push(data);
  }

  /** A detected secret: recorded for masking, and what a message may show of it (`redact`). */
  secret(value: string): string {
    this.secrets.push(value);
    return redact(value);
  }

  /** The location of a value: the deepest place on its trail that lies in this file. */
  locate(target: ReportTarget): Location {
    if (isLocation(target)) return target;
    if (isValue(target)) {
      const i = deepestInFile(target, this.file);
      const origin = i >= 0 ? target.trail[i] : { file: this.file, node: target.node };
      return { file: origin.file.path, range: origin.file.range(origin.node) };
    }
    return { file: this.file.path, range: this.file.range(target) };
  }

  report(descriptor: ReportDescriptor<M>): void {
    checkBudget();
    const location = this.locate(descriptor.at);
    const related: RelatedLocation[] = [];
    if (isValue(descriptor.at)) related.push(...valueRelated(descriptor.at, this.file, location));
    for (const r of descriptor.related ?? []) related.push({ ...this.locate(r.at), message: r.message });
    const { messageId, data, severity, fixes } = descriptor;
    this.reports.push({ file: location.file, range: location.range, messageId, data, severity, related, fixes });
  }
}

function isLocation(t: ReportTarget): t is Location {
  return typeof (t as Location).file === 'string' && 'range' in t;
}

function isValue(t: ReportTarget): t is Value {
  return 'kind' in t && 'trail' in t && Array.isArray((t as Value).trail);
}

function deepestInFile(value: Value, file: FileContext): number {
  for (let i = value.trail.length - 1; i >= 0; i--) if (value.trail[i].file === file) return i;
  return -1;
}

/**
 * Related locations for a value found through other places: where it is declared when that is
 * another file, and where it is used when the finding sits on a declaration outside the
 * expression the rule was looking at.
 */
function valueRelated(value: Value, file: FileContext, location: Location): RelatedLocation[] {
  const related: RelatedLocation[] = [];
  const last = value.trail[value.trail.length - 1];
  if (last && last.file !== file) {
    related.push({ file: last.file.path, range: last.file.range(last.node), message: 'Value declared here' });
  }
  const anchor = value.trail[0];
  if (anchor && anchor.file === file) {
    const chosen = value.trail[deepestInFile(value, file)];
    if (chosen && !contains(anchor.node, chosen.node)) {
      // Point at the use: the deepest step still inside the anchor expression.
      let use = anchor;
      for (const step of value.trail) if (step.file === file && contains(anchor.node, step.node)) use = step;
      const range = file.range(use.node);
      if (!sameRange(range, location.range)) related.push({ file: file.path, range, message: 'Used here' });
    }
  }
  return related;
}

function contains(outer: ts.Node, inner: ts.Node): boolean {
  return inner.pos >= outer.pos && inner.end <= outer.end && inner.getSourceFile() === outer.getSourceFile();
}
