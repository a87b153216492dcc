import * as ts from 'typescript';
import { checkBudget } from '../budget';
import { findDeclaration, functionName, skipOuter } from '../model/scope';
import { GENERIC_ERRORS, VALIDATORS } from './models';
import { accessKey, isGlobalMember, patternArg, Symbols } from './symbols';
import type { FunctionNode, Taint } from './taintTypes';

/**
 * Guards: conditions that make a value safe where they hold. After
 * `if (!validate(body)) return …;` the body is validated; inside `if (isOrder(x)) { … }` x is;
 * after `if (typeof body.name !== 'string') return …;` `body.name` is checked by hand. A caught
 * error inside `if (err instanceof NotFoundError)` is a known error.
 *
 * A guard is found by walking up from the use: enclosing `if` branches, `?:` branches, the
 * right side of `&&` / `||`, and the statements before it in each enclosing block that exit
 * (`return`, `throw`, `continue`, `break`) when the check fails.
 */

/** A value named by a variable and a property path: `body`, `body.name`. */
interface AccessPath {
  decl: ts.Node;
  props: string[];
}

interface Check {
  path: AccessPath;
  /** Validation: 1 checked by hand, 2 schema or type guard. Narrowing: 1. */
  level: number;
}

/** An atomic test on a value, and the truth value under which the value is good. */
interface Atom {
  target: ts.Expression;
  level: number;
  holdsWhen: boolean;
}

type Classifier = (e: ts.Expression, depth: number) => Atom[];

const MAX_ALIAS_DEPTH = 3;

/**
 * How much of one condition is read for what it implies: its terms and the `&&` / `||` / `!`
 * joining them, left to right. Every use inside a long chain asks what the chain to its left
 * implies, so reading the whole of a generated chain of n terms would take n² steps. Past this
 * many parts the rest of the condition is taken to imply nothing: fewer guards are known, so a
 * finding stays reported rather than being dropped.
 */
export const MAX_GUARD_TERMS = 100;

/** What the guards read from the taint engine that owns them (`TaintEngine` in taint.ts). */
export interface GuardHost {
  readonly index: { readonly conditions: readonly ts.Expression[]; readonly statements: readonly ts.ExpressionStatement[] };
  readonly symbols: Symbols;
  localFunction(callee: ts.Expression): FunctionNode | undefined;
  rootOf(fn: ts.Node): number | undefined;
}

export class Guards {
  private readonly after = new Map<string, WeakMap<ts.Node, Check[]>>();
  private readonly blocks = new Map<string, WeakMap<ts.Node, Array<{ end: number; checks: Check[] }>>>();

  constructor(private readonly engine: GuardHost) {}

  /** Upgrade taints with what guards say about `node`: validated event data, narrowed errors. */
  apply(node: ts.Expression, taints: Taint[]): Taint[] {
    const hasEvent = taints.some((t) => t.kind === 'event');
    const hasError = taints.some((t) => t.kind === 'error');
    if (!hasEvent && !hasError) return taints;
    const path = accessPath(node);
    if (!path) return taints;
    const validated = hasEvent ? this.levelAt(node, path, 'validation') : 0;
    const narrowed = hasError ? this.levelAt(node, path, 'narrowing') > 0 : false;
    if (!validated && !narrowed) return taints;
    return taints.map((t) => {
      if (t.kind === 'event' && validated > t.validated) return { ...t, validated: validated as 1 | 2 };
      if (t.kind === 'error' && narrowed && !t.known) return { ...t, known: true };
      return t;
    });
  }

  /** Every expression some check in the file tests, with its level (validation events). */
  checkedExpressions(): Array<{ target: ts.Expression; level: number }> {
    const out: Array<{ target: ts.Expression; level: number }> = [];
    // Every left side of a chain is a condition of its own: each term is read once, not once per enclosing chain.
    const seen = new Set<ts.Node>();
    for (const cond of this.engine.index.conditions) {
      for (const atom of this.atoms(cond, 'validation', seen)) out.push(atom);
    }
    for (const statement of this.engine.index.statements) {
      for (const check of this.assertion(statement.expression)) out.push(check);
    }
    return out;
  }

  /** The atoms of `!a && (b || c)`, left to right. A loop: a generated condition can be 10,000 terms long. */
  private atoms(cond: ts.Expression, kind: 'validation' | 'narrowing', seen: Set<ts.Node>): Atom[] {
    const out: Atom[] = [];
    const todo = [cond];
    for (let next = todo.pop(); next; next = todo.pop()) {
      if (seen.has(next)) continue;
      seen.add(next);
      checkBudget();
      const e = skipOuter(next);
      if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) todo.push(e.operand);
      else if (
        ts.isBinaryExpression(e) &&
        (e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)
      )
        todo.push(e.right, e.left);
      else out.push(...this.classifier(kind)(e, 0));
    }
    return out;
  }

  private classifier(kind: 'validation' | 'narrowing'): Classifier {
    return kind === 'validation' ? (e, d) => this.validationAtom(e, d) : (e, d) => this.narrowingAtom(e, d);
  }

  private levelAt(node: ts.Node, path: AccessPath, kind: 'validation' | 'narrowing'): number {
    let best = 0;
    const consider = (checks: Check[]) => {
      for (const c of checks) if (c.level > best && covers(c.path, path)) best = c.level;
    };
    let child: ts.Node = node;
    let parent: ts.Node | undefined = node.parent;
    while (parent) {
      if (ts.isIfStatement(parent) && child !== parent.expression) {
        consider(this.implied(parent.expression, child === parent.thenStatement, kind));
      } else if (ts.isConditionalExpression(parent) && child !== parent.condition) {
        consider(this.implied(parent.condition, child === parent.whenTrue, kind));
      } else if (ts.isBinaryExpression(parent) && child === parent.right) {
        if (parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) consider(this.implied(parent.left, true, kind));
        else if (parent.operatorToken.kind === ts.SyntaxKind.BarBarToken) consider(this.implied(parent.left, false, kind));
      } else {
        for (const guard of this.guardsIn(parent, kind)) {
          if (guard.end > child.pos) break;
          consider(guard.checks);
        }
      }
      child = parent;
      parent = parent.parent;
    }
    return best;
  }

  /** The statements of a block after which something holds, in order (most statements are none). */
  private guardsIn(block: ts.Node, kind: 'validation' | 'narrowing'): Array<{ end: number; checks: Check[] }> {
    const statements = statementList(block);
    if (!statements) return [];
    let cache = this.blocks.get(kind);
    if (!cache) this.blocks.set(kind, (cache = new WeakMap()));
    let guards = cache.get(block);
    if (!guards) {
      guards = [];
      for (const s of statements) {
        const checks = this.holdsAfter(s, kind);
        if (checks.length) guards.push({ end: s.end, checks });
      }
      cache.set(block, guards);
    }
    return guards;
  }

  /** What holds after a statement: a failed check that exits, or an assertion. */
  private holdsAfter(s: ts.Statement, kind: 'validation' | 'narrowing'): Check[] {
    let cache = this.after.get(kind);
    if (!cache) this.after.set(kind, (cache = new WeakMap()));
    const cached = cache.get(s);
    if (cached) return cached;
    let checks: Check[] = [];
    if (ts.isIfStatement(s)) {
      const thenExits = exits(s.thenStatement);
      const elseExits = !!s.elseStatement && exits(s.elseStatement);
      if (thenExits && !elseExits) checks = this.implied(s.expression, false, kind);
      else if (elseExits && !thenExits) checks = this.implied(s.expression, true, kind);
    } else if (ts.isExpressionStatement(s) && kind === 'validation') {
      checks = this.assertion(s.expression).flatMap((a) => toCheck(a));
    }
    cache.set(s, checks);
    return checks;
  }

  /** `Joi.assert(x, s)`, `assert(isOrder(x))`, `assertIsOrder(x)` (an `asserts x is T` function). */
  private assertion(expr: ts.Expression): Atom[] {
    const e = skipOuter(ts.isAwaitExpression(skipOuter(expr)) ? (skipOuter(expr) as ts.AwaitExpression).expression : expr);
    if (!ts.isCallExpression(e)) return [];
    const validator = this.engine.symbols.match(e, VALIDATORS);
    const validated = validator?.returns === 'assert' ? patternArg(e, validator) : undefined;
    if (validated) return [{ target: validated, level: 2, holdsWhen: true }];
    const ref = this.engine.symbols.calleeRef(e.expression);
    if (ref && ref.module === 'assert' && (ref.path.length === 0 || ref.path[0] === 'ok') && e.arguments[0]) {
      return this.implied(e.arguments[0], true, 'validation').map((c) => ({ target: c.target!, level: c.level, holdsWhen: true }));
    }
    const fn = this.engine.localFunction(e.expression);
    const predicate = fn && typePredicate(fn);
    if (predicate && predicate.asserts && e.arguments[predicate.index])
      return [{ target: e.arguments[predicate.index], level: 2, holdsWhen: true }];
    return [];
  }

  /** The checks that hold when `cond` evaluates to `value`. */
  private implied(cond: ts.Expression, value: boolean, kind: 'validation' | 'narrowing'): Array<Check & { target?: ts.Expression }> {
    const out: Array<Check & { target?: ts.Expression }> = [];
    // A loop, left to right: a generated condition can be 10,000 terms long (read up to MAX_GUARD_TERMS parts).
    const todo: Array<[ts.Expression, boolean]> = [[cond, value]];
    let terms = 0;
    for (let next = todo.pop(); next && terms < MAX_GUARD_TERMS; next = todo.pop()) {
      terms++;
      checkBudget();
      const e = skipOuter(next[0]);
      const holds = next[1];
      if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
        todo.push([e.operand, !holds]);
      } else if (
        ts.isBinaryExpression(e) &&
        (e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)
      ) {
        // `a && b` true: both hold; `a || b` false: neither holds; otherwise nothing is known.
        if (holds === (e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)) todo.push([e.right, holds], [e.left, holds]);
      } else {
        for (const a of this.classifier(kind)(e, 0))
          if (a.holdsWhen === holds) for (const c of toCheck(a)) out.push({ ...c, target: a.target });
      }
    }
    return out;
  }

  private validationAtom(e: ts.Expression, depth: number): Atom[] {
    e = skipOuter(e);
    if (ts.isAwaitExpression(e)) return this.validationAtom(e.expression, depth);
    if (ts.isCallExpression(e)) {
      const validator = this.engine.symbols.match(e, VALIDATORS);
      const validated = validator && patternArg(e, validator);
      if (validated) return [{ target: validated, level: 2, holdsWhen: true }];
      const callee = skipOuter(e.expression);
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'test' && isRegex(callee.expression) && e.arguments[0]) {
        return [{ target: e.arguments[0], level: 2, holdsWhen: true }];
      }
      if (
        ['isArray', 'isInteger', 'isFinite', 'isSafeInteger'].some((m) =>
          isGlobalMember(callee, m === 'isArray' ? 'Array' : 'Number', m),
        ) &&
        e.arguments[0]
      ) {
        return [{ target: e.arguments[0], level: 1, holdsWhen: true }];
      }
      const fn = this.engine.localFunction(callee);
      if (fn) {
        const predicate = typePredicate(fn);
        const index = predicate && !predicate.asserts ? predicate.index : looksLikeCheck(fn) ? 0 : -1;
        const arg = e.arguments[index];
        if (arg && !this.isRootEvent(arg)) return [{ target: arg, level: 2, holdsWhen: true }];
      }
      return [];
    }
    if (ts.isPropertyAccessExpression(e) && (e.name.text === 'success' || e.name.text === 'error')) {
      const inner = this.validationAtom(e.expression, depth + 1).map((a) => ({ ...a, holdsWhen: e.name.text === 'success' }));
      return inner;
    }
    if (ts.isIdentifier(e) && depth < MAX_ALIAS_DEPTH) {
      const init = constInitializer(e);
      return init ? this.validationAtom(init, depth + 1) : [];
    }
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      const equal = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
      const notEqual = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
      if (equal || notEqual) {
        const typeOf = [e.left, e.right].map(skipOuter).find(ts.isTypeOfExpression);
        if (typeOf) return [{ target: typeOf.expression, level: 1, holdsWhen: equal }];
      }
      if (op === ts.SyntaxKind.InstanceOfKeyword) return [{ target: e.left, level: 1, holdsWhen: true }];
    }
    return [];
  }

  private narrowingAtom(e: ts.Expression, depth: number): Atom[] {
    e = skipOuter(e);
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.InstanceOfKeyword) {
        const cls = skipOuter(e.right);
        const name = ts.isIdentifier(cls) ? cls.text : ts.isPropertyAccessExpression(cls) ? cls.name.text : '';
        return name && !GENERIC_ERRORS.has(name) ? [{ target: e.left, level: 1, holdsWhen: true }] : [];
      }
      if (op === ts.SyntaxKind.InKeyword) return [{ target: e.right, level: 1, holdsWhen: true }];
      const equal = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
      const notEqual = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
      if (equal || notEqual) {
        const [a, b] = [skipOuter(e.left), skipOuter(e.right)];
        const member = [a, b].find(
          (x): x is ts.PropertyAccessExpression =>
            ts.isPropertyAccessExpression(x) && /^(name|code|statusCode|status|\$fault|type)$/.test(x.name.text),
        );
        const other = member === a ? b : a;
        if (member && isLiteral(other)) return [{ target: member.expression, level: 1, holdsWhen: equal }];
      }
      return [];
    }
    if (ts.isCallExpression(e)) {
      const callee = skipOuter(e.expression);
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      if (/^is[A-Z]/.test(name) && e.arguments[0]) return [{ target: e.arguments[0], level: 1, holdsWhen: true }];
      return [];
    }
    if (ts.isIdentifier(e) && depth < MAX_ALIAS_DEPTH) {
      const init = constInitializer(e);
      return init ? this.narrowingAtom(init, depth + 1) : [];
    }
    return [];
  }

  /** The handler's event parameter itself: a shape check on it (`isApiGatewayEvent(event)`) validates nothing. */
  private isRootEvent(arg: ts.Expression): boolean {
    const e = skipOuter(arg);
    if (!ts.isIdentifier(e)) return false;
    const decl = findDeclaration(e);
    return !!decl && ts.isParameter(decl) && this.engine.rootOf(decl.parent) !== undefined && decl.parent.parameters[0] === decl;
  }
}

function toCheck(atom: Atom): Check[] {
  const path = accessPath(atom.target);
  return path ? [{ path, level: atom.level }] : [];
}

function covers(check: AccessPath, use: AccessPath): boolean {
  return check.decl === use.decl && check.props.length <= use.props.length && check.props.every((p, i) => use.props[i] === p);
}

function accessPath(node: ts.Expression): AccessPath | undefined {
  // A loop, from the outermost access in: `a.b.c…` can be 10,000 accesses deep.
  const props: string[] = [];
  let e = skipOuter(node);
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    props.push(accessKey(e));
    e = skipOuter(e.expression);
  }
  const decl = ts.isIdentifier(e) ? findDeclaration(e) : undefined;
  return decl ? { decl, props: props.reverse() } : undefined;
}

function statementList(node: ts.Node): readonly ts.Statement[] | undefined {
  if (ts.isBlock(node) || ts.isSourceFile(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node))
    return node.statements;
  return undefined;
}

/** The statement always leaves the enclosing block. */
function exits(s: ts.Statement): boolean {
  if (ts.isReturnStatement(s) || ts.isThrowStatement(s) || ts.isContinueStatement(s) || ts.isBreakStatement(s)) return true;
  if (ts.isBlock(s)) return s.statements.length > 0 && exits(s.statements[s.statements.length - 1]);
  if (ts.isIfStatement(s)) return !!s.elseStatement && exits(s.thenStatement) && exits(s.elseStatement);
  return false;
}

/** `function isOrder(v): v is Order` (index of `v`), `asserts v is Order`. */
function typePredicate(fn: FunctionNode): { index: number; asserts: boolean } | undefined {
  const type = fn.type;
  if (!type || !ts.isTypePredicateNode(type) || !ts.isIdentifier(type.parameterName)) return undefined;
  const name = type.parameterName.text;
  const index = fn.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === name);
  return index < 0 ? undefined : { index, asserts: !!type.assertsModifier };
}

/** A JavaScript-friendly guess at a hand-written check: `isValidOrder(x)`, `validateBody(x)`. */
function looksLikeCheck(fn: FunctionNode): boolean {
  return /^(is|validate|check|assert)([A-Z_]|$)/.test(functionName(fn) ?? '');
}

function isRegex(node: ts.Expression): boolean {
  // Through constants, each once: `const a = b, b = a;` parses.
  const seen = new Set<ts.Node>();
  let e: ts.Expression | undefined = skipOuter(node);
  while (e && !seen.has(e)) {
    seen.add(e);
    if (ts.isRegularExpressionLiteral(e)) return true;
    if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'RegExp') return true;
    const init: ts.Expression | undefined = ts.isIdentifier(e) ? constInitializer(e) : undefined;
    e = init && skipOuter(init);
  }
  return false;
}

function isLiteral(node: ts.Expression): boolean {
  return ts.isStringLiteralLike(node) || ts.isNumericLiteral(node);
}

function constInitializer(id: ts.Identifier): ts.Expression | undefined {
  const decl = findDeclaration(id);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return undefined;
  const list = decl.parent;
  return ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.Const ? decl.initializer : undefined;
}
