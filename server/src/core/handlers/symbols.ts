import * as ts from 'typescript';
import type { FileContext } from '../model/fileContext';
import type { SymbolRef } from '../model/imports';
import type { Resolver } from '../model/resolver';
import { bindingPath, findDeclaration, isGlobal, propertyNameText, skipOuter } from '../model/scope';
import type { CallPattern } from './models';

const MAX_DEPTH = 12;

/** `await x`, `(x)`, `x as T`, `x!`: the value itself. */
export function unwrap(node: ts.Expression): ts.Expression {
  for (;;) {
    node = skipOuter(node);
    if (ts.isAwaitExpression(node)) node = node.expression;
    else return node;
  }
}

/** The name of a property read: `x.name`, `x['name']`; `*` for an index or a computed key. */
export function accessKey(node: ts.PropertyAccessExpression | ts.ElementAccessExpression): string {
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  const arg = skipOuter(node.argumentExpression);
  return ts.isStringLiteralLike(arg) ? arg.text : '*';
}

export { isGlobal };

/** `JSON.parse(…)`, `Object.keys(…)`: a call of a member of a global object. */
export function isGlobalMember(callee: ts.Expression, object: string, member: string): boolean {
  const e = skipOuter(callee);
  return ts.isPropertyAccessExpression(e) && e.name.text === member && isGlobal(e.expression, object);
}

/**
 * What package a callee or a value comes from, through the file's import table: the callee
 * `v.parse` is valibot's `parse`; the value `logger` built by `new Logger()` comes from
 * `@aws-lambda-powertools/logger`. Nothing in another project file is followed: such values are
 * unknown, and unknown is never a finding.
 */
export class Symbols {
  private readonly modules = new Map<ts.Node, string | null>();
  private readonly callees = new Map<ts.Node, SymbolRef | null>();

  constructor(
    private readonly file: FileContext,
    private readonly resolver: Resolver,
    /** Right-hand sides assigned to a declaration after it is declared (`client = new Pool()`). */
    private readonly assignedTo: (decl: ts.Node) => readonly ts.Expression[],
  ) {}

  /** The package export a callee names, through `promisify(x)` aliases. `default` is dropped. */
  calleeRef(callee: ts.Expression, depth = 0): SymbolRef | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const e = skipOuter(callee);
    return memo(this.callees, e, () => this.computeCallee(e, depth));
  }

  private computeCallee(e: ts.Expression, depth: number): SymbolRef | undefined {
    const ref = this.resolver.symbolRef(e, this.file);
    if (ref) return { module: ref.module, path: ref.path[0] === 'default' ? ref.path.slice(1) : ref.path };
    if (ts.isIdentifier(e)) {
      const decl = findDeclaration(e);
      if (decl && ts.isVariableDeclaration(decl) && decl.initializer) {
        const init = unwrap(decl.initializer);
        if (ts.isCallExpression(init) && init.arguments.length === 1 && this.isPromisify(init.expression)) {
          return this.calleeRef(init.arguments[0], depth + 1);
        }
      }
    }
    return undefined;
  }

  private isPromisify(callee: ts.Expression): boolean {
    const ref = this.resolver.symbolRef(skipOuter(callee), this.file);
    return !!ref && ref.module === 'util' && ref.path.length === 1 && ref.path[0] === 'promisify';
  }

  /** The package a value was built from: `pino()`, `new Pool()`, `z.object({…})`, `client.db('x')`. */
  moduleOf(expr: ts.Expression, depth = 0): string | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const e = unwrap(expr);
    return memo(this.modules, e, () => this.computeModule(e, depth));
  }

  private computeModule(e: ts.Expression, depth: number): string | undefined {
    const ref = this.resolver.symbolRef(e, this.file);
    if (ref) return ref.module;
    if (ts.isNewExpression(e)) return this.calleeRef(e.expression, depth + 1)?.module ?? this.moduleOf(e.expression, depth + 1);
    if (ts.isCallExpression(e)) return this.moduleOf(e.expression, depth + 1);
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) return this.moduleOf(e.expression, depth + 1);
    if (ts.isIdentifier(e)) {
      const decl = findDeclaration(e);
      if (!decl) return undefined;
      if (ts.isVariableDeclaration(decl)) {
        for (const value of [...(decl.initializer ? [decl.initializer] : []), ...this.assignedTo(decl)]) {
          const m = this.moduleOf(value, depth + 1);
          if (m) return m;
        }
        return this.typeModule(decl.type);
      }
      if (ts.isBindingElement(decl)) {
        const bp = bindingPath(decl);
        if (bp && ts.isVariableDeclaration(bp.root) && bp.root.initializer) return this.moduleOf(bp.root.initializer, depth + 1);
        return undefined;
      }
      if (ts.isParameter(decl)) return this.typeModule(decl.type);
      // A class of the file built on a package's class (`class Order(BaseModel)`): that package.
      if (ts.isClassDeclaration(decl)) {
        const base = decl.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
        return base ? this.moduleOf(base, depth + 1) : undefined;
      }
    }
    return undefined;
  }

  /** `logger: Logger` with `Logger` imported from a package: that package. */
  private typeModule(type: ts.TypeNode | undefined): string | undefined {
    if (!type || !ts.isTypeReferenceNode(type)) return undefined;
    let name: ts.EntityName = type.typeName;
    while (ts.isQualifiedName(name)) name = name.left;
    const binding = this.file.imports.get(name.text);
    return binding && !binding.module.startsWith('.') ? binding.module : undefined;
  }

  /** The first pattern the call matches (see `CallPattern`). */
  match<P extends CallPattern>(call: ts.CallExpression | ts.NewExpression, patterns: readonly P[]): P | undefined {
    const callee = skipOuter(call.expression);
    const ref = this.calleeRef(callee);
    if (ref) {
      const byExport = patterns.find((p) => p.modules.includes(ref.module) && p.exports?.some((x) => sameList(x, ref.path)));
      if (byExport) return byExport;
    }
    if (ts.isCallExpression(call) && (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee))) {
      const name = ts.isPropertyAccessExpression(callee)
        ? callee.name.text
        : ts.isStringLiteralLike(callee.argumentExpression)
          ? callee.argumentExpression.text
          : undefined;
      const withMethod = name === undefined ? [] : patterns.filter((p) => p.methods?.includes(name));
      if (withMethod.length) {
        const module = this.moduleOf(callee.expression);
        const found = module && withMethod.find((p) => p.modules.includes(module));
        if (found) return found;
      }
    }
    if (ts.isNewExpression(call)) {
      const classes = patterns.filter((p) => p.instances);
      if (classes.length) {
        const module = this.moduleOf(callee);
        const found = module && classes.find((p) => p.modules.includes(module));
        if (found) return found;
      }
    }
    if (ts.isCallExpression(call) && !ref) {
      const callable = patterns.filter((p) => p.calledInstance);
      if (callable.length) {
        const module = this.moduleOf(callee);
        const found = module && callable.find((p) => p.modules.includes(module));
        if (found) return found;
      }
    }
    return undefined;
  }
}

/**
 * The argument of a call that carries the data a pattern names: `arguments[arg]`, or, when that is
 * an object literal with the pattern's `key`, that property's value (Python keyword arguments
 * arrive as a trailing options object: `validate(event=event, schema=S)`).
 */
export function patternArg(call: ts.CallExpression | ts.NewExpression, pattern: CallPattern): ts.Expression | undefined {
  const arg = call.arguments?.[pattern.arg];
  if (!arg || !pattern.key) return arg;
  const e = skipOuter(arg);
  if (!ts.isObjectLiteralExpression(e)) return arg;
  const p = e.properties.find((x) => ts.isPropertyAssignment(x) && propertyNameText(x.name) === pattern.key);
  return p && ts.isPropertyAssignment(p) ? p.initializer : arg;
}

/** A memoised answer per node; unknown while it is being computed, so a value built from itself ends there. */
function memo<T>(cache: Map<ts.Node, T | null>, node: ts.Node, compute: () => T | undefined): T | undefined {
  const cached = cache.get(node);
  if (cached !== undefined) return cached ?? undefined;
  cache.set(node, null);
  const found = compute();
  cache.set(node, found ?? null);
  return found;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
