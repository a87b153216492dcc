import * as ts from 'typescript';
import { someNode } from '../model/walk';
import { calleeName, type FileContext } from '../model/fileContext';
import { findDeclaration, functionName, propertyNameText, skipOuter } from '../model/scope';
import { looksSecret, nameParts, NameWords, REFERENCE_WORDS, SECRET_PAIRS } from '../secrets/names';
import type { HandlerRoot } from './discovery';
import { Guards } from './guards';
import type { FunctionNode, Step, Taint, TaintKind } from './taintTypes';
import {
  CREDENTIAL_KEYS,
  LOOKUP_KEY_QUALIFIERS,
  ELEMENT_CALLBACKS,
  NOT_SENSITIVE_FIRST,
  NOT_SENSITIVE_LAST,
  PARSERS,
  PARTIAL_METHODS,
  PASS_THROUGH_GLOBALS,
  PASS_THROUGH_METHODS,
  SanitizedFor,
  SANITIZERS,
  SECRET_CALLS,
  SECRET_COMMANDS,
  SecretSourcePattern,
  VALIDATORS,
} from './models';
import { accessKey, isGlobal, isGlobalMember, patternArg, Symbols, unwrap } from './symbols';
import type { Resolver } from '../model/resolver';
import { asBoolean, propValue } from '../model/values';
import { once } from '../model/once';

export type { FunctionNode, Step, Taint, TaintKind } from './taintTypes';

/**
 * A small intra-file data-flow (taint) engine for Lambda handlers.
 *
 * Sources: the handler's first parameter (the event) and second (the context), `process.env`,
 * values with secret-looking names, values fetched from Secrets Manager / SSM, and caught errors.
 * A taint follows a value backwards from where a rule asks (a sink) to its sources: through
 * `const`/`let` bindings and their assignments, destructuring, property reads, template literals,
 * concatenation, object and array literals, spreads, `await`, `JSON.parse`, pass-through built-ins
 * (`String`, `.trim()`, `.map(cb)`), and local functions of the same file (a parameter is
 * tainted by what any call site passes; a call returns what the function returns for those
 * arguments). Validators, escapers and guards mark a taint rather than drop it, so each rule
 * decides what makes data safe for its sink. Anything else — an import from another file, an
 * unmodelled library — stops the flow: unknown code is never a finding.
 */

interface Binding {
  taints: Taint[];
  arg?: ts.Expression;
  env: Env;
}

/** Parameters bound to what one call site passes (when a call's return value is evaluated). */
export interface Env {
  readonly bindings: ReadonlyMap<ts.Node, Binding>;
  readonly depth: number;
}

export const TOP: Env = { bindings: new Map(), depth: 0 };

const MAX_TAINTS = 16;
const MAX_STEPS = 8;
const MAX_CALL_DEPTH = 4;
const MAX_EVAL_DEPTH = 60;
/** A safety valve against pathological files: evaluations per file. Handlers need a few thousand. */
const MAX_WORK = 200_000;

interface FileIndex {
  calls: ts.CallExpression[];
  news: ts.NewExpression[];
  reads: Array<ts.PropertyAccessExpression | ts.ElementAccessExpression>;
  bindingElements: ts.BindingElement[];
  assignments: Map<string, ts.BinaryExpression[]>;
  identifiers: Map<string, ts.Identifier[]>;
  returns: Map<ts.Node, ts.Expression[]>;
  catchClauses: ts.CatchClause[];
  conditions: ts.Expression[];
  statements: ts.ExpressionStatement[];
}

export class TaintEngine {
  readonly index: FileIndex;
  readonly symbols: Symbols;
  readonly guards: Guards;
  private readonly memo = new Map<ts.Node, Taint[]>();
  private readonly active = new Set<ts.Node>();
  private readonly activeDecls = new Set<ts.Node>();
  private readonly assignmentsByName = new Map<string, Map<ts.Node, ts.BinaryExpression[]>>();
  private readonly referencesByName = new Map<string, Map<ts.Node, ts.Identifier[]>>();
  /** Evaluation steps spent on this file; past the limit everything is unknown (silent). */
  private work = 0;
  private readonly paramMemo = new Map<ts.Node, Taint[]>();
  private readonly rootByFn = new Map<ts.Node, number>();
  private evalDepth = 0;

  roots: HandlerRoot[] = [];

  constructor(
    readonly file: FileContext,
    readonly resolver: Resolver,
    readonly words: NameWords,
  ) {
    this.index = indexFile(file.sf);
    this.symbols = new Symbols(file, resolver, (decl) => this.assignmentsTo(decl).map((a) => a.right));
    this.guards = new Guards(this);
  }

  /** The handler roots, found with this engine's symbols; set once, before any query. */
  setRoots(roots: HandlerRoot[]): void {
    this.roots = roots;
    roots.forEach((r, i) => this.rootByFn.set(r.fn, i));
  }

  rootOf(fn: ts.Node): number | undefined {
    return this.rootByFn.get(fn);
  }

  // ---------------------------------------------------------------- queries

  /** The taints an expression carries. */
  taintOf(node: ts.Expression, env: Env = TOP): Taint[] {
    const memoise = env.bindings.size === 0;
    if (memoise) {
      const cached = this.memo.get(node);
      if (cached) return cached;
    }
    if (this.active.has(node) || this.evalDepth > MAX_EVAL_DEPTH || ++this.work > MAX_WORK) return [];
    this.active.add(node);
    this.evalDepth++;
    let result: Taint[];
    try {
      result = cap(this.compute(node, env));
    } finally {
      this.active.delete(node);
      this.evalDepth--;
    }
    if (memoise) this.memo.set(node, result);
    return result;
  }

  /** The local function a callee names: a function declaration or a `const` holding a function. */
  localFunction(callee: ts.Expression): FunctionNode | undefined {
    const e = skipOuter(callee);
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return e;
    if (!ts.isIdentifier(e)) return undefined;
    const decl = findDeclaration(e);
    if (decl && ts.isFunctionDeclaration(decl) && decl.body) return decl;
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer && this.assignmentsTo(decl).length === 0) {
      const init = skipOuter(decl.initializer);
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
    }
    return undefined;
  }

  /** What a function returns: `return` expressions of its own body, or an arrow's expression body. */
  returnsOf(fn: FunctionNode): ts.Expression[] {
    if (fn.body && !ts.isBlock(fn.body)) return [fn.body];
    return this.index.returns.get(fn) ?? [];
  }

  /** Bindings for evaluating `fn`'s body as called with `args`. */
  bind(fn: FunctionNode, args: readonly ts.Expression[], env: Env): Env {
    const bindings = new Map(env.bindings);
    const name = functionName(fn);
    fn.parameters.forEach((p, i) => {
      const arg = args[i];
      const taints = arg ? this.taintOf(arg, env) : [];
      bindings.set(p, { taints: name && arg ? taints.map((t) => step(t, arg, `passed to ${name}() here`)) : taints, arg, env });
    });
    return { bindings, depth: env.depth + 1 };
  }

  /** The parameter binding for `param` in `env`, if the call site is known. */
  binding(param: ts.Node, env: Env): Binding | undefined {
    return env.bindings.get(param);
  }

  /** Assignments (`x = …`, `x += …`) to the variable `decl` declares. */
  assignmentsTo(decl: ts.Node): ts.BinaryExpression[] {
    const name = declaredName(decl);
    if (!name) return [];
    return byDeclaration(this.assignmentsByName, name, this.index.assignments.get(name), (a) => a.left as ts.Identifier).get(decl) ?? [];
  }

  /** Identifiers in the file that refer to `decl`. */
  referencesTo(decl: ts.Node): ts.Identifier[] {
    const name = declaredName(decl);
    if (!name) return [];
    const refs = byDeclaration(this.referencesByName, name, this.index.identifiers.get(name), (id) => id).get(decl) ?? [];
    return refs.filter((id) => id !== nameNode(decl));
  }

  /** A secret-looking name that holds the secret itself (not a count, a flag, an expiry or a lookup key). */
  sensitiveName(name: string): boolean {
    if (!looksSecret(name, this.words)) return false;
    const parts = nameParts(name);
    if (NOT_SENSITIVE_LAST.has(parts[parts.length - 1]) || NOT_SENSITIVE_FIRST.has(parts[0])) return false;
    const onlyKey = parts.length === 1 || !looksSecret(parts.slice(0, -1).join('_'), this.words);
    if (parts[parts.length - 1] === 'KEY' && onlyKey && !isSecretPairEnd(parts)) {
      return parts.length > 1 && !LOOKUP_KEY_QUALIFIERS.has(parts[parts.length - 2]);
    }
    return true;
  }

  // ---------------------------------------------------------------- evaluation

  private compute(node: ts.Expression, env: Env): Taint[] {
    if (
      ts.isParenthesizedExpression(node) ||
      ts.isAsExpression(node) ||
      ts.isNonNullExpression(node) ||
      ts.isSatisfiesExpression(node) ||
      ts.isTypeAssertionExpression(node) ||
      ts.isAwaitExpression(node)
    ) {
      return this.taintOf(node.expression, env);
    }
    if (ts.isIdentifier(node)) return this.identifier(node, env);
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) return this.access(node, env);
    if (ts.isCallExpression(node)) return this.call(node, env);
    if (ts.isNewExpression(node)) return this.construct(node, env);
    if (ts.isTemplateExpression(node)) return node.templateSpans.flatMap((s) => this.taintOf(s.expression, env).map(flatten));
    if (ts.isTaggedTemplateExpression(node)) {
      return isGlobalMember(node.tag, 'String', 'raw') && ts.isTemplateExpression(node.template) ? this.taintOf(node.template, env) : [];
    }
    if (ts.isBinaryExpression(node)) return this.binary(node, env);
    if (ts.isConditionalExpression(node)) return [...this.taintOf(node.whenTrue, env), ...this.taintOf(node.whenFalse, env)];
    if (ts.isObjectLiteralExpression(node)) return this.object(node, env);
    if (ts.isArrayLiteralExpression(node)) {
      return node.elements.flatMap((el) =>
        ts.isSpreadElement(el)
          ? this.taintOf(el.expression, env)
          : ts.isOmittedExpression(el)
            ? []
            : this.taintOf(el, env).map((t) => wrap(t, '*')),
      );
    }
    return [];
  }

  private binary(node: ts.BinaryExpression, env: Env): Taint[] {
    switch (node.operatorToken.kind) {
      case ts.SyntaxKind.PlusToken:
      case ts.SyntaxKind.PlusEqualsToken:
        return [...this.taintOf(node.left, env), ...this.taintOf(node.right, env)].map(flatten);
      case ts.SyntaxKind.BarBarToken:
      case ts.SyntaxKind.QuestionQuestionToken:
      case ts.SyntaxKind.AmpersandAmpersandToken:
        return [...this.taintOf(node.left, env), ...this.taintOf(node.right, env)];
      case ts.SyntaxKind.EqualsToken:
      case ts.SyntaxKind.BarBarEqualsToken:
      case ts.SyntaxKind.QuestionQuestionEqualsToken:
      case ts.SyntaxKind.CommaToken:
        return this.taintOf(node.right, env);
      default:
        return [];
    }
  }

  private object(node: ts.ObjectLiteralExpression, env: Env): Taint[] {
    const out: Taint[] = [];
    for (const p of node.properties) {
      if (ts.isPropertyAssignment(p)) {
        const key = propertyNameText(p.name) ?? '*';
        out.push(...this.taintOf(p.initializer, env).map((t) => wrap(t, key)));
      } else if (ts.isShorthandPropertyAssignment(p)) {
        out.push(...this.taintOf(p.name, env).map((t) => wrap(t, p.name.text)));
      } else if (ts.isSpreadAssignment(p)) {
        out.push(...this.taintOf(p.expression, env));
      }
    }
    return out;
  }

  private identifier(id: ts.Identifier, env: Env): Taint[] {
    if (id.text === 'undefined') return [];
    const decl = findDeclaration(id);
    if (!decl) return [];
    let taints: Taint[] = [];
    if (ts.isParameter(decl)) {
      taints = this.parameter(decl, env);
    } else if (ts.isVariableDeclaration(decl)) {
      taints = this.variable(decl, env);
    } else if (ts.isBindingElement(decl)) {
      taints = this.bindingElement(decl, env);
    }
    if (
      (ts.isVariableDeclaration(decl) || ts.isParameter(decl) || ts.isBindingElement(decl)) &&
      this.sensitiveName(id.text) &&
      !taints.some(isPathParameter)
    ) {
      taints = [
        ...taints,
        source('secret-name', nameNode(decl) ?? id, { name: id.text, steps: [{ node: id, message: `'${id.text}' read here` }] }),
      ];
    }
    return this.guards.apply(id, taints);
  }

  private variable(decl: ts.VariableDeclaration, env: Env): Taint[] {
    const parent = decl.parent;
    if (ts.isCatchClause(parent)) return [this.caught(decl)];
    const loop = ts.isVariableDeclarationList(parent) ? parent.parent : undefined;
    if (loop && (ts.isForOfStatement(loop) || ts.isForInStatement(loop)) && loop.initializer === parent) {
      const iterated = this.taintOf(loop.expression, env);
      return ts.isForOfStatement(loop) ? iterated.flatMap((t) => read(t, '*', decl)) : iterated.flatMap((t) => read(t, '[keys]', decl));
    }
    // Every value the variable is given (`+=` adds its right side to what is there). A variable
    // met again while its own values are evaluated (`s += s`, `a = b; b = a`) adds nothing more.
    if (this.activeDecls.has(decl)) return [];
    this.activeDecls.add(decl);
    try {
      const values = [...(decl.initializer ? [decl.initializer] : []), ...this.assignmentsTo(decl).map((a) => a.right)];
      return values.flatMap((v) => this.taintOf(v, env));
    } finally {
      this.activeDecls.delete(decl);
    }
  }

  private caught(decl: ts.VariableDeclaration | ts.ParameterDeclaration): Taint {
    return source('error', decl, { steps: [{ node: decl, message: 'error caught here' }] });
  }

  /** `const { a, b: { c } } = value`: the value's taint, read along the pattern. */
  private bindingElement(element: ts.BindingElement, env: Env): Taint[] {
    const reads: Array<{ key: string | undefined; node: ts.BindingElement }> = [];
    let node: ts.Node = element;
    while (ts.isBindingElement(node)) {
      const pattern: ts.BindingPattern = node.parent;
      let key: string | undefined;
      if (node.dotDotDotToken) key = undefined;
      else if (ts.isObjectBindingPattern(pattern)) key = propertyNameText(node.propertyName ?? node.name) ?? '*';
      else key = '*';
      reads.unshift({ key, node });
      node = pattern.parent;
    }
    let taints: Taint[];
    if (ts.isParameter(node)) taints = this.parameter(node, env);
    else if (ts.isVariableDeclaration(node)) taints = this.variable(node, env);
    else return [];
    for (const r of reads) {
      if (r.key !== undefined) {
        const key = r.key;
        taints = key === 'length' ? [] : taints.flatMap((t) => read(t, key, r.node, this));
      }
    }
    if (element.initializer) taints = [...taints, ...this.taintOf(element.initializer, env)];
    return taints;
  }

  private parameter(param: ts.ParameterDeclaration, env: Env): Taint[] {
    const bound = env.bindings.get(param);
    if (bound) return bound.taints;
    const cached = this.paramMemo.get(param);
    if (cached) return cached;
    this.paramMemo.set(param, []);
    const fn = param.parent as FunctionNode;
    const index = fn.parameters.indexOf(param);
    const out: Taint[] = [];
    const rootIndex = this.rootByFn.get(fn);
    if (rootIndex !== undefined && index <= 1) {
      const root = this.roots[rootIndex];
      const kind = index === 0 ? 'event' : 'context';
      out.push(source(kind, param, { root: rootIndex, validated: kind === 'event' && root.validatedEvent ? 2 : 0 }));
    }
    out.push(...this.callSites(fn, index));
    const result = cap(out);
    this.paramMemo.set(param, result);
    return result;
  }

  /** What the call sites of `fn` pass as parameter `index`: direct calls, and callbacks of known methods. */
  private callSites(fn: FunctionNode, index: number): Taint[] {
    const out: Taint[] = [];
    const parent = skipParens(fn);
    if (ts.isCallExpression(parent.parent) && parent.parent.arguments.includes(parent as ts.Expression)) {
      out.push(...this.callbackParameter(parent.parent, index));
    }
    const decl = ts.isFunctionDeclaration(fn) ? fn : ts.isVariableDeclaration(parent.parent) ? parent.parent : undefined;
    if (!decl) return out;
    const name = functionName(fn) ?? declaredName(decl) ?? 'function';
    for (const ref of this.referencesTo(decl)) {
      const call = ref.parent;
      if (ts.isCallExpression(call) && skipOuter(call.expression) === ref) {
        const arg = call.arguments[index];
        if (arg) out.push(...this.taintOf(arg).map((t) => step(t, arg, `passed to ${name}() here`)));
      } else if (ts.isCallExpression(call) && call.arguments.includes(ref)) {
        out.push(...this.callbackParameter(call, index));
      }
    }
    return out;
  }

  /** A callback's parameter: array elements (`records.map(r => …)`), a promise's value (`.then(v => …)`), a rejection (`.catch(e => …)`). */
  private callbackParameter(call: ts.CallExpression, index: number): Taint[] {
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) return this.passedBeside(call);
    const method = callee.name.text;
    // `records.sort((a, b) => …)`: both parameters are elements.
    if ((method === 'sort' || method === 'toSorted') && index <= 1) {
      return this.taintOf(callee.expression).flatMap((t) => read(t, '*', call));
    }
    if (method === 'catch' && index === 0) {
      const arg = call.arguments[0];
      const fn = arg && this.localFunction(arg);
      const p = fn?.parameters[0];
      return p ? [this.caught(p)] : [];
    }
    if (method === 'then' && index === 0) return this.taintOf(callee.expression);
    if (ELEMENT_CALLBACKS[method] === index) return this.taintOf(callee.expression).flatMap((t) => read(t, '*', call));
    if (method in ELEMENT_CALLBACKS || method === 'then' || method === 'catch' || method === 'sort' || method === 'toSorted') return [];
    return this.passedBeside(call);
  }

  /**
   * A callback given to any other call (`processPartialResponse(event, recordHandler, …)`,
   * `processor.process(records, handle)`) may be called with the data passed beside it.
   */
  private passedBeside(call: ts.CallExpression): Taint[] {
    const name = calleeName(call.expression) ?? 'the call';
    return call.arguments
      .filter((a) => !ts.isFunctionLike(skipOuter(a)))
      .flatMap((a) => this.taintOf(a).map((t) => step(t, a, `passed to ${name}() with the callback here`)));
  }

  private access(node: ts.PropertyAccessExpression | ts.ElementAccessExpression, env: Env): Taint[] {
    if (isProcessEnv(node, this)) return [source('env', node, {})];
    const key = accessKey(node);
    if (key === 'length') return [];
    let taints = this.taintOf(node.expression, env).flatMap((t) => read(t, key, node, this));
    if (key !== '*' && this.sensitiveName(key) && !taints.some(isPathParameter)) {
      taints = [...taints, source('secret-name', node, { name: key, steps: [{ node, message: `'${key}' read here` }] })];
    }
    return this.guards.apply(node, taints);
  }

  private call(call: ts.CallExpression, env: Env): Taint[] {
    const callee = skipOuter(call.expression);
    const args = call.arguments;
    const arg = (i: number) => (args[i] ? this.taintOf(args[i], env) : []);
    if (isGlobalMember(callee, 'JSON', 'parse') || this.symbols.match(call, PARSERS)) {
      return arg(0).map((t) => parse(t, call));
    }
    if (isGlobalMember(callee, 'JSON', 'stringify')) return arg(0).map(flatten);
    if (isGlobalMember(callee, 'Object', 'keys')) return arg(0).flatMap((t) => read(t, '[keys]', call));
    const validator = this.symbols.match(call, VALIDATORS);
    if (validator) {
      if (validator.returns !== 'data') return [];
      const data = patternArg(call, validator);
      return (validator.arg < 0 ? args.flatMap((_, i) => arg(i)) : data ? this.taintOf(data, env) : []).map((t) => ({
        ...t,
        validated: 2 as const,
      }));
    }
    const sanitizer = this.symbols.match(call, SANITIZERS);
    if (sanitizer) {
      const input = sanitizer.arg < 0 ? args.flatMap((_, i) => arg(i)) : arg(sanitizer.arg);
      return input.map((t) => sanitize(t, sanitizer.for));
    }
    const secret = this.secretSource(call);
    if (secret) return [secret];
    const fn = this.localFunction(callee);
    if (fn) {
      if (isLocalEscaper(fn)) return arg(0).map((t) => sanitize(t, 'html'));
      return this.returnOf(fn, args, env);
    }
    if (ts.isIdentifier(callee) && !findDeclaration(callee) && PASS_THROUGH_GLOBALS[''].includes(callee.text)) {
      return args.flatMap((_, i) => arg(i));
    }
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      const object = skipOuter(callee.expression);
      if (ts.isIdentifier(object) && !findDeclaration(object) && PASS_THROUGH_GLOBALS[object.text]?.includes(method)) {
        return args.flatMap((_, i) => arg(i));
      }
      const receiver = this.taintOf(callee.expression, env);
      if (method === 'map' || method === 'flatMap')
        return this.callbackResult(
          args[0],
          receiver.flatMap((t) => read(t, '*', call)),
          env,
        ).map((t) => wrap(t, '*'));
      if (method === 'then') return args[0] ? this.callbackResult(args[0], receiver, env) : receiver;
      if ((method === 'replace' || method === 'replaceAll') && escapesAngleBrackets(args[0])) {
        return receiver.map((t) => sanitize(t, 'html'));
      }
      if (PASS_THROUGH_METHODS.has(method)) {
        const kept = PARTIAL_METHODS.has(method) ? receiver.filter((t) => !isSensitiveKind(t)) : receiver;
        return method === 'concat' ? [...kept, ...args.flatMap((_, i) => arg(i))] : kept;
      }
    }
    return [];
  }

  /** The taint of a callback's return value when its first parameter carries `param`. */
  private callbackResult(callback: ts.Expression | undefined, param: Taint[], env: Env): Taint[] {
    const fn = callback && this.localFunction(callback);
    if (!fn || !fn.parameters[0] || env.depth >= MAX_CALL_DEPTH) return [];
    const bindings = new Map(env.bindings);
    bindings.set(fn.parameters[0], { taints: param, env });
    const inner: Env = { bindings, depth: env.depth + 1 };
    return this.returnsOf(fn).flatMap((r) => this.taintOf(r, inner));
  }

  /** A local function's return value for these arguments. */
  private returnOf(fn: FunctionNode, args: readonly ts.Expression[], env: Env): Taint[] {
    if (env.depth >= MAX_CALL_DEPTH) return this.returnsOf(fn).flatMap((r) => this.taintOf(r));
    const inner = this.bind(fn, args, env);
    return this.returnsOf(fn).flatMap((r) => this.taintOf(r, inner));
  }

  private construct(node: ts.NewExpression, env: Env): Taint[] {
    if (isGlobal(node.expression, 'URLSearchParams') && node.arguments?.[0]) {
      return this.taintOf(node.arguments[0], env).map((t) => parse(t, node));
    }
    // A model class validates what it is built from (pydantic's `Order(**data)`).
    const validator = this.symbols.match(node, VALIDATORS);
    const data = validator?.returns === 'data' ? patternArg(node, validator) : undefined;
    if (data) return this.taintOf(data, env).map((t) => ({ ...t, validated: 2 as const }));
    return [];
  }

  /** `client.send(new GetSecretValueCommand(…))`, `getSecret(name)`: a value holding a secret. */
  private secretSource(call: ts.CallExpression): Taint | undefined {
    const callee = skipOuter(call.expression);
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'send' && call.arguments[0]) {
      const command = this.commandOf(call.arguments[0]);
      const pattern = command && this.symbols.match(command, SECRET_COMMANDS);
      if (pattern && command && this.optionHolds(command.arguments?.[pattern.optionsArg ?? 0], pattern))
        return this.secretTaint(call, pattern);
      return undefined;
    }
    const pattern = this.symbols.match(call, SECRET_CALLS);
    if (pattern && this.optionHolds(call.arguments[pattern.optionsArg ?? 0], pattern)) return this.secretTaint(call, pattern);
    return undefined;
  }

  private secretTaint(call: ts.CallExpression, pattern: SecretSourcePattern): Taint {
    return source('secret-store', call, {
      name: pattern.service,
      steps: [{ node: call, message: `value fetched from ${pattern.service} here` }],
    });
  }

  private optionHolds(options: ts.Expression | undefined, pattern: SecretSourcePattern): boolean {
    if (!pattern.when) return true;
    if (!options) return false;
    return asBoolean(propValue(this.resolver.resolve(options, this.file), pattern.when)) === true;
  }

  /** The `new X(…)` a command argument is, directly or through a `const`. */
  private commandOf(arg: ts.Expression): ts.NewExpression | undefined {
    const e = unwrap(arg);
    if (ts.isNewExpression(e)) return e;
    if (ts.isIdentifier(e)) {
      const decl = findDeclaration(e);
      if (decl && ts.isVariableDeclaration(decl) && decl.initializer) {
        const init = unwrap(decl.initializer);
        if (ts.isNewExpression(init)) return init;
      }
    }
    return undefined;
  }
}

// ------------------------------------------------------------------ taint values

/** `API_KEY`, `ACCESS_KEY`, `PRIVATE_KEY`: the last two parts are a secret pair. */
function isSecretPairEnd(parts: string[]): boolean {
  const n = parts.length;
  return n >= 2 && SECRET_PAIRS.some(([a, b]) => parts[n - 2] === a && parts[n - 1] === b);
}

function source(kind: TaintKind, origin: ts.Node, extra: Partial<Taint>): Taint {
  return {
    kind,
    path: [],
    via: [],
    parsed: false,
    validated: 0,
    sanitized: [],
    known: false,
    credential: false,
    origin,
    steps: [],
    ...extra,
  };
}

/**
 * A value from the request path (`event.pathParameters.executionToken`): the caller put it in the
 * URL, so it is an id that routes the request (a task token, an execution id), not a secret,
 * whatever its name. A token from a header or the body stays a secret.
 */
function isPathParameter(t: Taint): boolean {
  return t.kind === 'event' && t.path[0] === 'pathParameters';
}

function isSensitiveKind(t: Taint): boolean {
  return t.kind === 'secret-name' || t.kind === 'secret-store' || (t.kind === 'env-var' && !!t.secret);
}

/** Put a taint under `key` of a new object (`*`: an array element). */
function wrap(t: Taint, key: string): Taint {
  return { ...t, via: [key, ...t.via] };
}

/** The value becomes text (template, concatenation, `JSON.stringify`): its parts are no longer addressable. */
function flatten(t: Taint): Taint {
  if (t.via.length === 0) return t;
  return { ...t, via: [], credential: t.credential || t.via.some(isCredentialKey) };
}

export function isCredentialKey(key: string): boolean {
  return CREDENTIAL_KEYS.test(key) || looksSecret(key);
}

function parse(t: Taint, call: ts.Node): Taint {
  const next = step({ ...t, parsed: true, via: [] }, call, 'parsed here');
  return t.kind === 'event' && t.path.includes('body') ? { ...next, anchor: call } : next;
}

function sanitize(t: Taint, what: SanitizedFor): Taint {
  return t.sanitized.includes(what) ? t : { ...t, sanitized: [...t.sanitized, what] };
}

export function step(t: Taint, node: ts.Node, message: string): Taint {
  if (t.steps.length >= MAX_STEPS || t.steps.some((s) => s.node === node)) return t;
  return { ...t, steps: [...t.steps, { node, message }] };
}

/** Reading property `key` of a tainted value. */
function read(t: Taint, key: string, node: ts.Node, engine?: TaintEngine): Taint[] {
  if (t.via.length > 0) {
    if (t.via[0] === key || t.via[0] === '*' || key === '*') return [{ ...t, via: t.via.slice(1) }];
    return [];
  }
  if (t.kind === 'env' && t.path.length === 0) {
    const secret = key !== '*' && (engine ? looksSecret(key, engine.words) : looksSecret(key));
    return [{ ...source('env-var', node, { name: key, secret }), steps: [] }];
  }
  if ((t.kind === 'secret-store' || t.kind === 'secret-name') && isReferenceKey(key, t.kind === 'secret-name')) return [];
  const path = [...t.path, key];
  let next: Taint = { ...t, path };
  if (t.kind === 'event' || t.kind === 'context') {
    const readStep: Step = { node, message: `${describeRead(node, t, path)} read here`, read: true };
    const last = t.steps[t.steps.length - 1];
    if (!t.steps.some((s) => s.read)) next = { ...next, steps: [...t.steps, readStep] };
    else if (last?.read && (contains(node, last.node) || contains(last.node, node)))
      next = { ...next, steps: [...t.steps.slice(0, -1), readStep] };
  }
  if (t.kind === 'event' && key === 'body' && !t.parsed) next = { ...next, anchor: node };
  return [next];
}

/**
 * Secrets come with ARNs, names, versions and dates: those are not the secret. For a value known
 * only by its name, any property whose name says it is a reference (`secret.arn`, `token.userId`).
 */
function isReferenceKey(key: string, byName: boolean): boolean {
  if (/^(ARN|Name|VersionId|VersionStages|CreatedDate|LastModifiedDate|Version|Type|DataType|Selector|SourceResult|\$metadata)$/.test(key))
    return true;
  if (!byName) return false;
  const parts = nameParts(key);
  return parts.length > 0 && (REFERENCE_WORDS.includes(parts[parts.length - 1]) || parts[parts.length - 1] === 'VERSION');
}

function describeRead(node: ts.Node, t: Taint, path: readonly string[]): string {
  let text: string;
  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    text = node.getText().replace(/\s+/g, '');
  } else {
    const param = t.origin as ts.ParameterDeclaration;
    const base = ts.isParameter(param) && ts.isIdentifier(param.name) ? param.name.text : t.kind;
    text = base + path.map((p) => (p === '*' ? '[…]' : p === '[keys]' ? '' : `.${p}`)).join('');
  }
  return text.length > 48 ? `${text.slice(0, 47)}…` : text;
}

function contains(outer: ts.Node, inner: ts.Node): boolean {
  return inner.pos >= outer.pos && inner.end <= outer.end;
}

function cap(taints: Taint[]): Taint[] {
  if (taints.length <= 1) return taints;
  const seen = new Set<string>();
  const out: Taint[] = [];
  for (const t of taints) {
    const key = `${t.kind}|${t.root}|${t.name}|${t.origin.pos}|${t.path.join('.')}|${t.via.join('.')}|${t.parsed}|${t.validated}|${t.sanitized.join()}|${t.known}|${t.credential}|${t.anchor?.pos}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(t);
    if (out.length >= MAX_TAINTS) break;
  }
  return out;
}

// ------------------------------------------------------------------ syntax helpers

function isProcessEnv(node: ts.PropertyAccessExpression | ts.ElementAccessExpression, engine: TaintEngine): boolean {
  if (accessKey(node) !== 'env') return false;
  const base = skipOuter(node.expression);
  if (isGlobal(base, 'process')) return true;
  const ref = engine.resolver.symbolRef(base, engine.file);
  return !!ref && ref.module === 'process' && ref.path.length === 0;
}

/** `x.replace(/</g, '&lt;')`: the pattern mentions `<`. */
function escapesAngleBrackets(pattern: ts.Expression | undefined): boolean {
  if (!pattern) return false;
  const e = skipOuter(pattern);
  return (ts.isRegularExpressionLiteral(e) || ts.isStringLiteralLike(e)) && e.text.includes('<');
}

/** A local function named like an escaper (`escapeHtml`) whose body replaces `<`. */
function isLocalEscaper(fn: FunctionNode): boolean {
  if (!/escape/i.test(functionName(fn) ?? '')) return false;
  return (
    !!fn.body &&
    someNode(fn.body, (n) => {
      if (!ts.isCallExpression(n)) return false;
      const callee = skipOuter(n.expression);
      return ts.isPropertyAccessExpression(callee) && /^replace(All)?$/.test(callee.name.text) && escapesAngleBrackets(n.arguments[0]);
    })
  );
}

function skipParens(node: ts.Node): ts.Node {
  let n = node;
  while (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isSatisfiesExpression(n.parent)) n = n.parent;
  return n;
}

/** Group the nodes of one name by the declaration each refers to, once per name. */
function byDeclaration<T extends ts.Node>(
  cache: Map<string, Map<ts.Node, T[]>>,
  name: string,
  nodes: T[] | undefined,
  id: (n: T) => ts.Identifier,
): Map<ts.Node, T[]> {
  let groups = cache.get(name);
  if (groups) return groups;
  groups = new Map();
  for (const n of nodes ?? []) {
    const decl = findDeclaration(id(n));
    if (!decl) continue;
    let list = groups.get(decl);
    if (!list) groups.set(decl, (list = []));
    list.push(n);
  }
  cache.set(name, groups);
  return groups;
}

function nameNode(decl: ts.Node): ts.Identifier | undefined {
  const name = (decl as { name?: ts.Node }).name;
  return name && ts.isIdentifier(name) ? name : undefined;
}

function declaredName(decl: ts.Node): string | undefined {
  return nameNode(decl)?.text;
}

/** Made on first use (see `once`). */
const ASSIGNMENTS = once(
  (): Set<ts.SyntaxKind> =>
    new Set([
      ts.SyntaxKind.EqualsToken,
      ts.SyntaxKind.PlusEqualsToken,
      ts.SyntaxKind.BarBarEqualsToken,
      ts.SyntaxKind.QuestionQuestionEqualsToken,
    ]),
);

function indexFile(sf: ts.SourceFile): FileIndex {
  const index: FileIndex = {
    calls: [],
    news: [],
    reads: [],
    bindingElements: [],
    assignments: new Map(),
    identifiers: new Map(),
    returns: new Map(),
    catchClauses: [],
    conditions: [],
    statements: [],
  };
  const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
    let list = map.get(key);
    if (!list) map.set(key, (list = []));
    list.push(value);
  };
  const functions: ts.Node[] = [];
  const stack: Array<[ts.Node, number]> = [[sf, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (ts.isCallExpression(node)) index.calls.push(node);
    else if (ts.isNewExpression(node)) index.news.push(node);
    else if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) index.reads.push(node);
    else if (ts.isBindingElement(node)) index.bindingElements.push(node);
    else if (ts.isIdentifier(node)) push(index.identifiers, node.text, node);
    else if (ts.isCatchClause(node)) index.catchClauses.push(node);
    else if (ts.isExpressionStatement(node)) index.statements.push(node);
    else if (ts.isReturnStatement(node) && node.expression) {
      const fn = enclosingFunction(node);
      if (fn) push(index.returns, fn, node.expression);
    }
    if (ts.isBinaryExpression(node) && ASSIGNMENTS().has(node.operatorToken.kind) && ts.isIdentifier(node.left)) {
      push(index.assignments, node.left.text, node);
    }
    if (ts.isIfStatement(node) || ts.isConditionalExpression(node) || ts.isWhileStatement(node)) {
      index.conditions.push(ts.isConditionalExpression(node) ? node.condition : node.expression);
    } else if (
      ts.isBinaryExpression(node) &&
      (node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)
    ) {
      index.conditions.push(node.left);
    }
    if (ts.isFunctionLike(node)) functions.push(node);
    if (depth > 3000) continue;
    const children: ts.Node[] = [];
    ts.forEachChild(node, (c) => {
      children.push(c);
    });
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], depth + 1]);
  }
  return index;
}

/** The name a function is called by: its own, or the `const` holding it. */
function enclosingFunction(node: ts.Node): FunctionNode | undefined {
  let n = node.parent;
  while (n && !ts.isSourceFile(n)) {
    if (ts.isFunctionLike(n) && 'body' in n) return n as FunctionNode;
    n = n.parent;
  }
  return undefined;
}
