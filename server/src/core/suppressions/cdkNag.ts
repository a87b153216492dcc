import * as ts from 'typescript';
import { checkBudget } from '../budget';
import type { FileContext } from '../model/fileContext';
import type { Resolver } from '../model/resolver';
import { enclosingClass, skipOuter } from '../model/scope';
import { Value } from '../model/values';
import { compilePattern } from '../patterns';
import { comparePositions, Finding, Location, Range } from '../types';

/**
 * Other tools' suppressions (the catalog's v2 conventions): cdk-nag suppressions written in the
 * code, read statically. A team that uses cdk-nag has justified its exceptions there; a finding
 * of ours on the same construct, for a rule that maps to the suppressed cdk-nag id
 * (`RuleMeta.cdkNag`), is reported suppressed, with cdk-nag's reason as the justification.
 *
 * Read: `NagSuppressions.addResourceSuppressions(construct | [constructs], [{ id, reason,
 * appliesTo? }], applyToChildren)`, `addStackSuppressions(stack, …)`,
 * `addResourceSuppressionsByPath(stack, path | [paths], …, applyToChildren)` (cdk-nag 2), and
 * `Validations.of(scope).acknowledge({ id, reason }, …)` (cdk-nag 3 and the CDK's validations,
 * on a scope and everything in it). A suppression without a reason does not count. Nothing here
 * runs code: a construct the resolver cannot place suppresses nothing.
 */

export interface NagSuppression {
  /** The cdk-nag rule id, without a finding part: `AwsSolutions-IAM5`. */
  id: string;
  /**
   * Only findings on these: `Action::s3:*`, `Resource::*` (cdk-nag 3's `Id[Action::s3:*]` or
   * cdk-nag 2's `appliesTo`); a `/…/` entry is a regular expression (run in linear time).
   */
  appliesTo?: string[];
  reason: string;
  /** The `{ id, reason }` that says so. */
  location: Location;
  /** The code it covers: the constructs' `new` expressions, calls on them, the classes of stacks. */
  targets: Location[];
}

/** How many project classes deep a stack's or construct's contents are followed. */
const MAX_CLASS_DEPTH = 6;

const NAG_METHODS = ['addResourceSuppressions', 'addStackSuppressions', 'addResourceSuppressionsByPath'];

/** The cdk-nag suppressions a file writes (their targets may lie in other files). */
export function readNagSuppressions(file: FileContext, resolver: Resolver): NagSuppression[] {
  if (!/NagSuppressions|acknowledge/.test(file.text)) return [];
  const reader = new NagReader(file, resolver);
  for (const name of NAG_METHODS) {
    for (const call of file.index.callsByName.get(name) ?? []) {
      const fqn = resolver.fqn(call.expression, file);
      if (fqn === `cdk-nag.NagSuppressions.${name}`) reader.nagCall(name, call);
    }
  }
  for (const call of file.index.callsByName.get('acknowledge') ?? []) {
    const callee = skipOuter(call.expression);
    const of = ts.isPropertyAccessExpression(callee) ? skipOuter(callee.expression) : undefined;
    if (!of || !ts.isCallExpression(of) || of.arguments.length !== 1) continue;
    if (resolver.fqn(of.expression, file) !== 'aws-cdk-lib.Validations.of') continue;
    reader.add(call.arguments, reader.scopeTargets(of.arguments[0], true));
  }
  return reader.out;
}

class NagReader {
  readonly out: NagSuppression[] = [];
  private readonly callsOnCache = new Map<ts.NewExpression, Location[]>();

  constructor(
    private readonly file: FileContext,
    private readonly resolver: Resolver,
  ) {}

  nagCall(name: string, call: ts.CallExpression): void {
    const [scope, second, third, fourth] = call.arguments;
    if (!scope) return;
    if (name === 'addStackSuppressions') {
      this.add(
        [second],
        this.stackClasses(scope).flatMap((c) => this.classTargets(c.decl, c.file, 0, new Set())),
      );
    } else if (name === 'addResourceSuppressions') {
      this.add([second], this.scopeTargets(scope, isTrue(third)));
    } else {
      const paths = this.strings(second);
      const targets = this.stackClasses(scope).flatMap((c) => paths.flatMap((p) => this.pathTargets(c, p, isTrue(fourth))));
      this.add([third], targets);
    }
  }

  /** Records the `{ id, reason }` entries of `args` (arrays of them, or single ones) for `targets`. */
  add(args: ReadonlyArray<ts.Expression | undefined>, targets: Location[]): void {
    if (targets.length === 0) return;
    for (const arg of args) {
      if (!arg) continue;
      const value = this.resolver.resolve(arg, this.file);
      const entries = value.kind === 'array' ? value.elements : [value];
      for (const entry of entries) {
        checkBudget();
        const s = this.entry(entry, targets);
        if (s) this.out.push(s);
      }
    }
  }

  private entry(entry: Value, targets: Location[]): NagSuppression | undefined {
    if (entry.kind !== 'object') return undefined;
    const idValue = entry.props.get('id')?.value;
    const reasonEntry = entry.props.get('reason');
    if (idValue?.kind !== 'string' || !reasonEntry) return undefined;
    const reasonValue = reasonEntry.value;
    // A reason built at synth time (a template with a variable) is still a reason.
    const reason =
      reasonValue.kind === 'string'
        ? reasonValue.value.trim()
        : reasonValue.kind === 'template'
          ? reasonEntry.file.nodeText(reasonValue.node).trim()
          : '';
    if (!reason) return undefined;
    const m = /^([^[\]\s]+?)(?:\[(.+)\])?$/.exec(idValue.value.trim());
    if (!m) return undefined;
    const appliesTo = [...(m[2] ? [m[2]] : []), ...this.appliesTo(entry.props.get('appliesTo')?.value)];
    return {
      id: m[1],
      ...(appliesTo.length ? { appliesTo } : {}),
      reason,
      location: { file: entry.file.path, range: entry.file.range(entry.node) },
      targets,
    };
  }

  /** cdk-nag 2's `appliesTo: ['Resource::*', { regex: '/^Action::s3:.*$/g' }]`. */
  private appliesTo(value: Value | undefined): string[] {
    if (value?.kind !== 'array') return [];
    const out: string[] = [];
    for (const e of value.elements) {
      if (e.kind === 'string') out.push(e.value);
      const regex = e.kind === 'object' ? e.props.get('regex')?.value : undefined;
      if (regex?.kind === 'string') out.push(regex.value);
    }
    return out;
  }

  private strings(expr: ts.Expression | undefined): string[] {
    if (!expr) return [];
    const value = this.resolver.resolve(expr, this.file);
    const values = value.kind === 'array' ? value.elements : [value];
    // `/${this.stackName}/Api/Resource`: a part worked out at synth time matches no id (the first,
    // the stack's name, is never compared).
    return values.flatMap((v) =>
      v.kind === 'string' ? [v.value] : v.kind === 'template' ? [v.parts.map((p) => (typeof p === 'string' ? p : '\0')).join('')] : [],
    );
  }

  /**
   * What a construct suppression covers. A construct of a package: its `new` expression (cdk-nag
   * puts the suppression on its default child), and with `children` also the calls made on it
   * (`fn.addToRolePolicy(…)`, `api.root.addMethod(…)`) and the statements they are given. A
   * construct of the project (or `this` in one): with `children`, its class and what it creates.
   */
  scopeTargets(expr: ts.Expression, children: boolean): Location[] {
    const e = skipOuter(expr);
    if (ts.isArrayLiteralExpression(e)) return e.elements.flatMap((x) => this.scopeTargets(x, children));
    if (e.kind === ts.SyntaxKind.ThisKeyword || this.isStackOf(e)) {
      const cls = enclosingClass(e);
      return cls && children && ts.isClassDeclaration(cls) ? this.classTargets(cls, this.file, 0, new Set()) : [];
    }
    return this.valueTargets(this.resolver.resolve(e, this.file), children);
  }

  private valueTargets(value: Value, children: boolean): Location[] {
    if (value.kind === 'array') return value.elements.flatMap((v) => this.valueTargets(v, children));
    // `fn.role`, `api.deploymentStage`: made by the construct, inside it.
    if (value.kind === 'attr') return value.target.kind === 'new' ? this.constructTargets(value.target, true) : [];
    return value.kind === 'new' ? this.constructTargets(value, children) : [];
  }

  private constructTargets(value: Extract<Value, { kind: 'new' }>, children: boolean): Location[] {
    const project = this.resolver.classDeclaration(value.expr.expression, value.file);
    if (project) return children ? this.classTargets(project.decl, project.file, 0, new Set()) : [];
    const own = { file: value.file.path, range: value.file.range(value.expr) };
    return children ? [own, ...this.callsOn(value.expr, value.file)] : [own];
  }

  /** The calls on a construct in its own file, and the `new` expressions they are given. */
  private callsOn(expr: ts.NewExpression, file: FileContext): Location[] {
    const cached = this.callsOnCache.get(expr);
    if (cached) return cached;
    const out: Location[] = [];
    this.callsOnCache.set(expr, out);
    for (const calls of file.index.callsByName.values()) {
      for (const call of calls) {
        checkBudget();
        const callee = skipOuter(call.expression);
        if (!ts.isPropertyAccessExpression(callee)) continue;
        const target = this.resolver.resolve(receiverRoot(callee), file);
        if (target.kind !== 'new' || target.expr !== expr) continue;
        out.push({ file: file.path, range: file.range(call) });
        for (const arg of call.arguments) {
          const given = this.resolver.resolve(arg, file);
          if (given.kind === 'new' && given.file === file) out.push({ file: file.path, range: file.range(given.expr) });
        }
      }
    }
    return out;
  }

  /** A class and, followed into project classes, everything it creates. */
  classTargets(cls: ts.ClassDeclaration, file: FileContext, depth: number, seen: Set<ts.Node>): Location[] {
    if (seen.has(cls) || depth > MAX_CLASS_DEPTH) return [];
    seen.add(cls);
    const out: Location[] = [{ file: file.path, range: file.range(cls) }];
    for (const n of file.index.newExpressions) {
      if (n.pos < cls.pos || n.end > cls.end) continue;
      checkBudget();
      const inner = this.resolver.classDeclaration(n.expression, file);
      if (inner) out.push(...this.classTargets(inner.decl, inner.file, depth + 1, seen));
    }
    return out;
  }

  /** The stack classes a stack expression names: `this` or `Stack.of(this)` in one, or `new AppStack(…)`. */
  private stackClasses(expr: ts.Expression): Array<{ decl: ts.ClassDeclaration; file: FileContext }> {
    const e = skipOuter(expr);
    if (e.kind === ts.SyntaxKind.ThisKeyword || this.isStackOf(e)) {
      const cls = enclosingClass(e);
      return cls && ts.isClassDeclaration(cls) ? [{ decl: cls, file: this.file }] : [];
    }
    const value = this.resolver.resolve(e, this.file);
    const project = value.kind === 'new' ? this.resolver.classDeclaration(value.expr.expression, value.file) : undefined;
    return project ? [project] : [];
  }

  private isStackOf(e: ts.Expression): boolean {
    return ts.isCallExpression(e) && /\.Stack\.of$/.test(this.resolver.fqn(e.expression, this.file) ?? '');
  }

  /**
   * `/Stack/Api/Default/GET/Resource`: the construct with each id in turn, from the stack's class
   * into the project classes it creates, down to a package's construct. A path that goes on below
   * that construct (`Fn/ServiceRole/DefaultPolicy/Resource`) names something it made.
   */
  private pathTargets(stack: { decl: ts.ClassDeclaration; file: FileContext }, path: string, children: boolean): Location[] {
    const ids = path.replace(/^\//, '').split('/').slice(1);
    let cls = stack;
    for (let i = 0; i < ids.length; i++) {
      const made = this.madeWithId(cls.decl, cls.file, ids[i]);
      if (!made) return [];
      const project = this.resolver.classDeclaration(made.expression, cls.file);
      if (project) {
        cls = project;
        continue;
      }
      const value = this.resolver.resolve(made, cls.file);
      if (value.kind !== 'new') return [];
      const rest = ids.slice(i + 1);
      return this.constructTargets(value, children || (rest.length > 0 && !(rest.length === 1 && rest[0] === 'Resource')));
    }
    return children ? this.classTargets(cls.decl, cls.file, 0, new Set()) : [];
  }

  /** The `new X(scope, id, …)` in a class (not in a class nested in it) whose id is `id`. */
  private madeWithId(cls: ts.ClassDeclaration, file: FileContext, id: string): ts.NewExpression | undefined {
    return file.index.newExpressions.find((n) => {
      if (n.pos < cls.pos || n.end > cls.end || enclosingClass(n) !== cls) return false;
      const arg = n.arguments?.[1];
      const value = arg && this.resolver.resolve(arg, file);
      return value?.kind === 'string' && value.value === id;
    });
  }
}

/** `api.root.addResource('x').addMethod` → `api`; `this.api.root.addMethod` → `this.api`. */
function receiverRoot(callee: ts.PropertyAccessExpression): ts.Expression {
  let e = skipOuter(callee.expression);
  for (;;) {
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(skipOuter(e.expression))) {
      e = skipOuter((skipOuter(e.expression) as ts.PropertyAccessExpression).expression);
    } else if (ts.isPropertyAccessExpression(e) && !isThisField(e)) {
      e = skipOuter(e.expression);
    } else {
      return e;
    }
  }
}

/** `this.bucket`: a field, the construct itself. */
function isThisField(e: ts.PropertyAccessExpression): boolean {
  return skipOuter(e.expression).kind === ts.SyntaxKind.ThisKeyword;
}

function isTrue(expr: ts.Expression | undefined): boolean {
  return !!expr && skipOuter(expr).kind === ts.SyntaxKind.TrueKeyword;
}

/**
 * Marks the findings that cdk-nag suppressions cover (as copies; findings already suppressed by a
 * comment keep that). `cdkNagIds` gives a rule's cdk-nag ids; `literal` the string a finding is on
 * (`'s3:*'`), for finding-specific suppressions.
 */
export function applyNagSuppressions(
  findings: Finding[],
  suppressions: readonly NagSuppression[],
  cdkNagIds: (ruleId: string) => readonly string[] | undefined,
  literal: (finding: Finding) => string | undefined,
): Finding[] {
  if (suppressions.length === 0) return findings;
  return findings.map((f) => {
    if (f.suppressed) return f;
    const ids = cdkNagIds(f.ruleId);
    if (!ids?.length) return f;
    const s = suppressions.find(
      (x) => ids.includes(x.id) && x.targets.some((t) => t.file === f.file && contains(t.range, f.range)) && appliesTo(x, f, literal),
    );
    return s ? { ...f, suppressed: { kind: 'cdk-nag', reason: s.reason, location: s.location } } : f;
  });
}

function appliesTo(s: NagSuppression, f: Finding, literal: (finding: Finding) => string | undefined): boolean {
  if (!s.appliesTo) return true;
  const text = literal(f);
  if (text === undefined) return false;
  const findingIds = [`Action::${text}`, `Resource::${text}`];
  return s.appliesTo.some((a) => {
    const regex = /^\/(.*)\/[a-z]*$/s.exec(a);
    if (!regex) return findingIds.includes(a);
    const pattern = compilePattern(regex[1]);
    return typeof pattern !== 'string' && findingIds.some((id) => pattern.test(id));
  });
}

function contains(outer: Range, inner: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}
