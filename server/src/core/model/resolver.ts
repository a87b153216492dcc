import * as ts from 'typescript';
import { checkBudget } from '../budget';
import { ExportTarget, findExport, ModuleGraph, wholeModuleExpression } from './exports';
import type { FileContext } from './fileContext';
import { calleeName } from './fileContext';
import { isRelativeSpecifier, member, refToString, requireSpecifier, SymbolRef } from './imports';
import {
  bindingPath,
  constructorFieldAssignments,
  Declaration,
  enclosingClass,
  findDeclaration,
  isConstDeclaration,
  isGlobal,
  propertyNameText,
  skipOuter,
} from './scope';
import type { NewValue, ObjectValue, Origin, PropEntry, Value } from './values';

const MAX_DEPTH = 64;
/**
 * Array values stop growing here (and are marked incomplete): twenty lines of `[...a, ...a]`
 * double a one-element array a million times over, and a spread of 100,000 values into
 * `push(...)` would overflow the call stack.
 */
const MAX_ARRAY_ELEMENTS = 100_000;
/**
 * Bounds that hold whatever the time budget allows (a hover with `slsguard.budgetMs` at an hour
 * must still answer at once): a string built by concatenation stops at 256 kB and a template at
 * 1,000 parts (both become `unknown`), and one question to the resolver takes at most 250,000
 * steps (an expression cut short by a bound is not worked out again, deeper, in the same
 * question). Forty lines of `const b = a + a;` would otherwise build a string of 2^40 characters.
 */
const MAX_STRING_LENGTH = 256 * 1024;
/**
 * Calls of the project's own functions followed at once (a helper calling a helper …), and the
 * return statements read in one function: past them the value is `unknown`. A function already
 * being followed (recursion) is `unknown` at once.
 */
const MAX_CALL_DEPTH = 6;
const MAX_RETURNS = 8;
const MAX_TEMPLATE_PARTS = 1000;
const MAX_STEPS = 250_000;

/** A call of a project function being followed: its arguments, where the call was written. */
interface Frame {
  fn: ts.FunctionLikeDeclaration;
  /** The file the function is written in. */
  fnFile: FileContext;
  args: readonly ts.Expression[];
  /** The file and trail of the call. */
  file: FileContext;
}

type FunctionTarget = { fn: ts.FunctionLikeDeclaration; file: FileContext };

export interface ResolverEnvironment {
  /** A project file, parsed (only cross-file lookups need other files). */
  sourceFile(path: string): ts.SourceFile | undefined;
  /** The shared context of a source file (import table, node index). */
  fileContext(sf: ts.SourceFile): FileContext;
  /** The path of the project file a module specifier resolves to from `fromFile` (relative or path-mapped). */
  resolveModule(specifier: string, fromFile: string): string | undefined;
  /** Project files `specifier` would have resolved to had they existed (see `SourceFiles.missedModuleFiles`). */
  missedModuleFiles(specifier: string, fromFile: string): readonly string[];
}

/**
 * Works out what an expression evaluates to, as far as source code alone says: through `const`
 * bindings, destructuring, object and array spreads, shorthand properties, `this.x` fields,
 * and imported constants in other project files. Anything else is `unknown`, and rules stay
 * silent on unknown values.
 *
 * One resolver serves one analysis pass; it records which other files it read values from,
 * so the engine re-analyses this file when one of them changes.
 */
export class Resolver {
  readonly dependencies = new Set<string>();
  /**
   * Files that do not exist and would change this file's findings if they did: the ones an
   * import followed here looked for. Created later (a constants file written after the stack
   * that imports it), they make the file's findings stale.
   */
  readonly absentDependencies = new Set<string>();
  private readonly modules = new Map<string, ts.SourceFile | undefined>();
  private readonly memo = new Map<ts.Node, Value>();
  private readonly fqnMemo = new Map<ts.Node, string | undefined>();
  /**
   * Text, numbers, booleans and `unknown` by expression, whatever the trail that reached them:
   * `const c = b + b` works `b` out once, not once per use. `at` is where the trail the value
   * was found with ends; the rest of its trail is the expression's own, so another trail can
   * take it on.
   */
  private readonly primitives = new Map<ts.Node, { value: Value; at: number }>();
  /** Steps taken by the question being answered now (`resolve`, `resolveWithin`); `nesting` tells the outermost. */
  private steps = 0;
  private nesting = 0;
  /** How many times a bound cut the question short, and at which depth each expression was cut. */
  private cuts = 0;
  private readonly cutAt = new Map<ts.Node, number>();
  /** The project functions being followed now, outermost first; their parameters are bound to these arguments. */
  private frames: Frame[] = [];

  constructor(private readonly env: ResolverEnvironment) {}

  resolve(expr: ts.Expression, file: FileContext): Value {
    // Memoise per node for use sites reached with an empty trail (the common case).
    const cached = this.memo.get(expr);
    if (cached) return cached;
    const value = this.bounded(() => this.resolveIn(expr, file, [], 0));
    this.memo.set(expr, value);
    return value;
  }

  /**
   * Resolve an expression found inside a value already resolved (an argument of a `new` value
   * declared in another file): in that value's file, continuing its trail, so reports still
   * point at the use in the file being analysed and link to the declaration.
   */
  resolveWithin(expr: ts.Expression, origin: Value): Value {
    const index = origin.kind === 'new' && origin.args ? (origin.expr.arguments?.indexOf(expr) ?? -1) : -1;
    if (origin.kind === 'new' && origin.args && index >= 0) return origin.args[index];
    return this.bounded(() => this.resolveIn(expr, origin.file, origin.trail, 0));
  }

  /** One question: at most `MAX_STEPS` steps, counted from the outermost call. */
  private bounded(fn: () => Value): Value {
    if (this.nesting++ === 0) {
      this.steps = 0;
      this.cutAt.clear();
    }
    try {
      return fn();
    } finally {
      this.nesting--;
    }
  }

  /** What a class or namespace expression refers to: `s3.Bucket` → `aws-cdk-lib/aws-s3.Bucket`. */
  fqn(expr: ts.Expression, file: FileContext): string | undefined {
    // Every rule asks about every `new` and call of the file: answer each node once per pass.
    if (this.fqnMemo.has(expr)) return this.fqnMemo.get(expr);
    const ref = this.symbolRef(expr, file, 0);
    const fqn = ref ? refToString(ref) : undefined;
    this.fqnMemo.set(expr, fqn);
    return fqn;
  }

  symbolRef(expr: ts.Expression, file: FileContext, depth = 0): SymbolRef | undefined {
    if (depth > MAX_DEPTH) return undefined;
    expr = skipOuter(expr);
    if (ts.isIdentifier(expr)) {
      const decl = findDeclaration(expr);
      if (!decl) return undefined;
      const binding = file.imports.get(expr.text);
      if (binding && binding.declaration === decl) {
        if (!isRelativeSpecifier(binding.module)) return { module: binding.module, path: binding.path };
        // A project file that passes a package's exports on: `export * as s3 from 'aws-cdk-lib/aws-s3'`.
        const target = this.moduleFile(binding.module, file.sf);
        if (!target) return undefined;
        const names = ts.isImportClause(decl) ? ['default', ...binding.path] : binding.path;
        return names.length > 0 ? this.projectExportRef(target, names, depth + 1) : undefined;
      }
      // Local aliases: `const iam = cdk.aws_iam;`, `const { Bucket } = s3;`
      if (ts.isVariableDeclaration(decl) && decl.initializer && isConstDeclaration(decl) && ts.isIdentifier(decl.name)) {
        return this.symbolRef(decl.initializer, file, depth + 1);
      }
      if (ts.isBindingElement(decl)) {
        const bp = bindingPath(decl);
        if (bp && ts.isVariableDeclaration(bp.root) && bp.root.initializer && isConstDeclaration(bp.root)) {
          let ref = this.symbolRef(bp.root.initializer, file, depth + 1);
          for (const key of bp.path) ref = ref && typeof key === 'string' ? member(ref, key) : undefined;
          return ref;
        }
      }
      return undefined;
    }
    if (ts.isPropertyAccessExpression(expr)) {
      const base = this.symbolRef(expr.expression, file, depth + 1);
      if (base) return member(base, expr.name.text);
      // `lib.s3.Bucket` with `import * as lib from './cdk-exports'`.
      const module = this.projectNamespace(expr.expression, file);
      return module ? this.projectExportRef(module, [expr.name.text], depth + 1) : undefined;
    }
    if (ts.isElementAccessExpression(expr) && ts.isStringLiteralLike(expr.argumentExpression)) {
      const base = this.symbolRef(expr.expression, file, depth + 1);
      return base ? member(base, expr.argumentExpression.text) : undefined;
    }
    return undefined;
  }

  /** What a project module exports under `names[0]`, then its members, as a package symbol. */
  private projectExportRef(sf: ts.SourceFile, names: string[], depth: number): SymbolRef | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const found = findExport(sf, names[0], this.graph);
    const rest = names.slice(1);
    if (!found) return undefined;
    if (found.kind === 'package') {
      let ref: SymbolRef = { module: found.module, path: found.path };
      for (const name of rest) ref = member(ref, name);
      return ref;
    }
    if (found.kind === 'module') return rest.length > 0 ? this.projectExportRef(found.sf, rest, depth + 1) : undefined;
    // `export const s3 = cdk.aws_s3;`
    const decl = found.node;
    if (found.kind === 'declaration' && ts.isVariableDeclaration(decl) && decl.initializer && isConstDeclaration(decl)) {
      let ref = this.symbolRef(decl.initializer, this.dependOn(found.sf), depth + 1);
      for (const name of rest) ref = ref && member(ref, name);
      return ref;
    }
    return undefined;
  }

  /** The project file a namespace import names: `lib` of `import * as lib from './cdk-exports'`. */
  private projectNamespace(expr: ts.Expression, file: FileContext): ts.SourceFile | undefined {
    expr = skipOuter(expr);
    if (!ts.isIdentifier(expr)) return undefined;
    const binding = file.imports.get(expr.text);
    if (!binding || binding.path.length > 0 || binding.declaration !== findDeclaration(expr)) return undefined;
    if (binding.declaration && ts.isImportClause(binding.declaration)) return undefined;
    return this.moduleFile(binding.module, file.sf);
  }

  /**
   * The project class a class expression names (`new ChatStack(...)`'s `ChatStack`): declared in
   * this file, or exported by the project file it is imported from. Undefined for a package's class.
   */
  classDeclaration(expr: ts.Expression, file: FileContext): { decl: ts.ClassDeclaration; file: FileContext } | undefined {
    expr = skipOuter(expr);
    if (!ts.isIdentifier(expr)) return undefined;
    const decl = findDeclaration(expr);
    if (decl && ts.isClassDeclaration(decl)) return { decl, file };
    const binding = file.imports.get(expr.text);
    if (!decl || !binding || binding.declaration !== decl) return undefined;
    const names = ts.isImportClause(decl) ? ['default', ...binding.path] : binding.path;
    const target = names.length === 1 ? this.moduleFile(binding.module, file.sf) : undefined;
    const found = target && findExport(target, names[0], this.graph);
    if (found?.kind !== 'declaration' || !ts.isClassDeclaration(found.node)) return undefined;
    return { decl: found.node, file: this.dependOn(found.sf) };
  }

  private resolveIn(node: ts.Expression, file: FileContext, trail: Origin[], depth: number): Value {
    node = skipOuter(node);
    // Inside a followed call a parameter stands for this call's argument: nothing is shared.
    const framed = this.frames.length > 0;
    const known = framed ? undefined : this.primitives.get(node);
    if (known) return { ...known.value, trail: [...trail, ...known.value.trail.slice(known.at)] };
    const cutAt = this.cutAt.get(node);
    if (cutAt !== undefined && depth >= cutAt) {
      this.cuts++;
      return { kind: 'unknown', node, file, trail: [...trail, { file, node }] };
    }
    const cutsBefore = this.cuts;
    const value = this.resolveNode(node, file, trail, depth);
    if (this.cuts !== cutsBefore) {
      // Found short of its end: as deep or deeper, this question would be cut again.
      this.cutAt.set(node, Math.min(cutAt ?? depth, depth));
    } else if (!framed && (isPrimitive(value) || value.kind === 'unknown') && startsWith(value.trail, trail)) {
      this.primitives.set(node, { value, at: trail.length });
    }
    return value;
  }

  private resolveNode(node: ts.Expression, file: FileContext, trail: Origin[], depth: number): Value {
    checkBudget();
    const here: Origin[] = [...trail, { file, node }];
    const base = { node, file, trail: here };
    if (depth > MAX_DEPTH || ++this.steps > MAX_STEPS) {
      this.cuts++;
      return { kind: 'unknown', ...base };
    }

    switch (node.kind) {
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
        return { kind: 'string', value: (node as ts.StringLiteralLike).text, ...base };
      case ts.SyntaxKind.NumericLiteral:
        return { kind: 'number', value: Number((node as ts.NumericLiteral).text), ...base };
      case ts.SyntaxKind.TrueKeyword:
        return { kind: 'boolean', value: true, ...base };
      case ts.SyntaxKind.FalseKeyword:
        return { kind: 'boolean', value: false, ...base };
      case ts.SyntaxKind.NullKeyword:
        return { kind: 'nullish', ...base };
      case ts.SyntaxKind.ArrowFunction:
      case ts.SyntaxKind.FunctionExpression:
        return { kind: 'function', ...base };
    }

    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand)) {
      return { kind: 'number', value: -Number(node.operand.text), ...base };
    }
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
      const inner = this.resolveIn(node.operand, file, here, depth + 1);
      if (inner.kind === 'boolean') return { kind: 'boolean', value: !inner.value, ...base };
      return { kind: 'unknown', ...base };
    }
    if (ts.isTemplateExpression(node)) {
      const parts: Array<string | Value> = [node.head.text];
      for (const span of node.templateSpans) {
        const v = this.resolveIn(span.expression, file, here, depth + 1);
        parts.push(v.kind === 'string' || v.kind === 'number' || v.kind === 'boolean' ? String(v.value) : v, span.literal.text);
      }
      return collapseTemplate(parts, base);
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const left = this.resolveIn(node.left, file, here, depth + 1);
      const right = this.resolveIn(node.right, file, here, depth + 1);
      const l = partsOf(left);
      const r = partsOf(right);
      if (l && r && (left.kind === 'string' || right.kind === 'string' || left.kind === 'template' || right.kind === 'template')) {
        return collapseTemplate([...l, ...r], base);
      }
      if (left.kind === 'number' && right.kind === 'number') return { kind: 'number', value: left.value + right.value, ...base };
      return { kind: 'unknown', ...base };
    }
    if (ts.isArrayLiteralExpression(node)) {
      const elements: Value[] = [];
      let complete = true;
      for (const element of node.elements) {
        if (elements.length >= MAX_ARRAY_ELEMENTS) {
          complete = false;
          break;
        }
        if (ts.isSpreadElement(element)) {
          const spread = this.resolveIn(element.expression, file, here, depth + 1);
          if (spread.kind === 'array') {
            const room = MAX_ARRAY_ELEMENTS - elements.length;
            for (let i = 0; i < spread.elements.length && i < room; i++) elements.push(spread.elements[i]);
            complete &&= spread.complete && spread.elements.length <= room;
          } else {
            complete = false;
          }
        } else if (ts.isOmittedExpression(element)) {
          elements.push({ kind: 'nullish', node: element, file, trail: [...here, { file, node: element }] });
        } else {
          elements.push(this.resolveIn(element, file, here, depth + 1));
        }
      }
      return { kind: 'array', elements, complete, ...base };
    }
    if (ts.isObjectLiteralExpression(node)) {
      return this.resolveObject(node, file, here, depth);
    }
    if (ts.isNewExpression(node)) {
      const made: NewValue = { kind: 'new', fqn: this.fqn(node.expression, file), expr: node, ...base };
      // In a followed call the arguments may read its parameters: work them out while they are bound.
      if (this.frames.length > 0 && node.arguments) {
        made.args = node.arguments.map((a) => this.resolveIn(ts.isSpreadElement(a) ? a.expression : a, file, here, depth + 1));
      }
      return made;
    }
    if (ts.isCallExpression(node)) {
      const fqn = this.fqn(node.expression, file);
      const built = fqn === undefined ? this.resolveCall(node, file, here, depth) : undefined;
      return built ?? { kind: 'call', fqn, name: calleeName(node.expression), expr: node, ...base };
    }
    if (ts.isIdentifier(node)) {
      return this.resolveIdentifier(node, file, here, depth);
    }
    if (ts.isPropertyAccessExpression(node) || (ts.isElementAccessExpression(node) && isLiteralKey(node.argumentExpression))) {
      const name = ts.isPropertyAccessExpression(node) ? node.name.text : (node.argumentExpression as ts.StringLiteralLike).text;
      const ref = this.symbolRef(node, file);
      if (ref) return { kind: 'ref', fqn: refToString(ref), ...base };
      if (node.expression.kind === ts.SyntaxKind.ThisKeyword) {
        return this.resolveThisMember(node, name, file, here, depth);
      }
      const target = this.resolveIn(node.expression, file, here, depth + 1);
      return this.member(target, name, base, depth);
    }
    if (node.kind === ts.SyntaxKind.ThisKeyword) {
      return { kind: 'unknown', ...base };
    }
    return { kind: 'unknown', ...base };
  }

  private resolveObject(node: ts.ObjectLiteralExpression, file: FileContext, here: Origin[], depth: number): ObjectValue {
    const props = new Map<string, PropEntry>();
    let complete = true;
    for (const element of node.properties) {
      if (ts.isPropertyAssignment(element)) {
        const key = propertyNameText(element.name);
        if (key === undefined) {
          complete = false;
          continue;
        }
        props.set(key, { value: this.resolveIn(element.initializer, file, here, depth + 1), node: element, file });
      } else if (ts.isShorthandPropertyAssignment(element)) {
        props.set(element.name.text, { value: this.resolveIn(element.name, file, here, depth + 1), node: element, file });
      } else if (ts.isSpreadAssignment(element)) {
        const spread = this.resolveIn(element.expression, file, here, depth + 1);
        if (spread.kind === 'object') {
          for (const [k, v] of spread.props) props.set(k, v);
          complete &&= spread.complete;
        } else if (spread.kind !== 'nullish') {
          complete = false;
        }
      } else if (ts.isMethodDeclaration(element) || ts.isAccessor(element)) {
        const key = propertyNameText(element.name);
        if (key !== undefined) {
          props.set(key, {
            value: { kind: 'function', node: element, file, trail: [...here, { file, node: element }] },
            node: element,
            file,
          });
        } else {
          complete = false;
        }
      }
    }
    return { kind: 'object', props, complete, node, file, trail: here };
  }

  private member(target: Value, name: string, base: { node: ts.Node; file: FileContext; trail: Origin[] }, depth: number): Value {
    switch (target.kind) {
      case 'object': {
        const entry = target.props.get(name);
        if (entry) return entry.value;
        return target.complete ? { kind: 'nullish', ...base } : { kind: 'unknown', ...base };
      }
      case 'array':
        if (name === 'length' && target.complete) return { kind: 'number', value: target.elements.length, ...base };
        if (/^\d+$/.test(name) && target.complete) {
          const el = target.elements[Number(name)];
          return el ?? { kind: 'nullish', ...base };
        }
        return { kind: 'unknown', ...base };
      case 'module':
        return this.moduleExport(target, name, base, depth);
      case 'either':
        return { kind: 'either', options: target.options.map((o) => this.member(o, name, base, depth + 1)), ...base };
      default:
        return { kind: 'attr', target, name, ...base };
    }
  }

  private resolveIdentifier(id: ts.Identifier, file: FileContext, here: Origin[], depth: number): Value {
    const base = { node: id, file, trail: here };
    if (id.text === 'undefined') return { kind: 'nullish', ...base };
    const decl = findDeclaration(id);
    if (!decl) return { kind: 'unknown', ...base };
    return this.resolveDeclaration(decl, id, file, here, depth);
  }

  private resolveDeclaration(decl: Declaration, id: ts.Identifier, file: FileContext, here: Origin[], depth: number): Value {
    const base = { node: id, file, trail: here };
    if (ts.isVariableDeclaration(decl)) {
      const binding = file.imports.get(id.text);
      if (binding && binding.declaration === decl) {
        return this.resolveImport(id, decl, binding.module, binding.path, file, here, depth);
      }
      if (decl.initializer && isConstDeclaration(decl)) {
        const spec = requireSpecifier(decl.initializer);
        if (spec !== undefined) return this.resolveImport(id, decl, spec, [], file, here, depth);
        return this.resolveIn(decl.initializer, file, here, depth + 1);
      }
      return this.typed(decl.type, file, base);
    }
    if (ts.isBindingElement(decl)) {
      const binding = file.imports.get(id.text);
      if (binding && binding.declaration === decl) {
        return this.resolveImport(id, decl, binding.module, binding.path, file, here, depth);
      }
      const bp = bindingPath(decl);
      let root: Value | undefined;
      if (bp && ts.isVariableDeclaration(bp.root) && bp.root.initializer && isConstDeclaration(bp.root)) {
        root = this.resolveIn(bp.root.initializer, file, here, depth + 1);
      } else if (bp && ts.isParameter(bp.root)) {
        // `function build({ memorySize, runtime }: Props)` called with an object.
        root = this.boundParameter(bp.root, here, depth);
      }
      if (!bp || !root) return { kind: 'unknown', ...base };
      let value: Value = root;
      for (const key of bp.path) {
        if (typeof key === 'number') {
          value =
            value.kind === 'array' && value.complete ? (value.elements[key] ?? { kind: 'nullish', ...base }) : { kind: 'unknown', ...base };
        } else {
          value = this.member(value, key, { ...base, trail: value.trail }, depth + 1);
        }
        if (value.kind === 'unknown') break;
      }
      if (value.kind === 'nullish' && decl.initializer) return this.resolveIn(decl.initializer, file, here, depth + 1);
      return value;
    }
    if (ts.isParameter(decl)) {
      return this.boundParameter(decl, here, depth) ?? this.typed(decl.type, file, base);
    }
    if (ts.isFunctionDeclaration(decl) || ts.isFunctionExpression(decl)) {
      return { kind: 'function', ...base };
    }
    if (ts.isImportSpecifier(decl) || ts.isImportClause(decl) || ts.isNamespaceImport(decl) || ts.isImportEqualsDeclaration(decl)) {
      const binding = file.imports.get(id.text);
      if (binding) return this.resolveImport(id, decl, binding.module, binding.path, file, here, depth);
      return { kind: 'unknown', ...base };
    }
    return { kind: 'unknown', ...base };
  }

  // ---- Values built by the project's own functions ----------------------------------------

  /**
   * A call the project can answer: `Object.assign(target, …sources)`, `array.concat(…)`, or a
   * function of the project (same file, imported, a method of the enclosing class) whose return
   * value is followed with its parameters bound to the call's arguments. Undefined: a call to
   * leave as a call.
   */
  private resolveCall(call: ts.CallExpression, file: FileContext, here: Origin[], depth: number): Value | undefined {
    const callee = skipOuter(call.expression);
    const base = { node: call, file, trail: here };
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'assign' && isGlobal(callee.expression, 'Object')) {
      return this.assign(call, file, here, depth);
    }
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'concat') {
      const target = this.resolveIn(callee.expression, file, here, depth + 1);
      if (target.kind !== 'array') return undefined;
      const elements = [...target.elements];
      let complete = target.complete;
      for (const arg of call.arguments) {
        const v = this.resolveIn(ts.isSpreadElement(arg) ? arg.expression : arg, file, here, depth + 1);
        if (v.kind === 'array') {
          elements.push(...v.elements.slice(0, MAX_ARRAY_ELEMENTS - elements.length));
          complete &&= v.complete;
        } else if (ts.isSpreadElement(arg) || v.kind === 'unknown' || v.kind === 'typed' || v.kind === 'either') {
          // Could be an array or a single value: more elements may exist.
          complete = false;
        } else {
          elements.push(v);
        }
      }
      return { kind: 'array', elements, complete, ...base };
    }
    const target = this.functionTarget(callee, file);
    if (!target) return undefined;
    if (this.frames.length >= MAX_CALL_DEPTH || this.frames.some((f) => f.fn === target.fn)) {
      this.cuts++;
      return { kind: 'unknown', ...base };
    }
    this.frames.push({ fn: target.fn, fnFile: target.file, args: call.arguments, file });
    try {
      return this.returned(target, base, depth);
    } finally {
      this.frames.pop();
    }
  }

  /** `Object.assign({}, defaults, overrides)`: the properties of each, later ones winning. */
  private assign(call: ts.CallExpression, file: FileContext, here: Origin[], depth: number): Value {
    const props = new Map<string, PropEntry>();
    let complete = true;
    for (const arg of call.arguments) {
      if (ts.isSpreadElement(arg)) {
        complete = false;
        continue;
      }
      const v = this.resolveIn(arg, file, here, depth + 1);
      if (v.kind === 'object') {
        for (const [k, entry] of v.props) props.set(k, entry);
        complete &&= v.complete;
      } else if (v.kind !== 'nullish') {
        complete = false;
      }
    }
    return { kind: 'object', props, complete, node: call, file, trail: here };
  }

  /** What a followed function returns: its one return value, or each of them (`either`). */
  private returned(target: FunctionTarget, base: { node: ts.Node; file: FileContext; trail: Origin[] }, depth: number): Value {
    const body = target.fn.body;
    if (!body) return { kind: 'unknown', ...base };
    const results: ts.Expression[] = [];
    if (ts.isBlock(body)) {
      let bare = false;
      forEachReturn(body, (r) => {
        if (r.expression) results.push(r.expression);
        else bare = true;
      });
      if (bare) return { kind: 'unknown', ...base };
    } else {
      results.push(body);
    }
    // `return cond ? a : b` is two returns.
    const exprs = results.flatMap((e) => {
      const inner = skipOuter(e);
      return ts.isConditionalExpression(inner) ? [inner.whenTrue, inner.whenFalse] : [e];
    });
    if (exprs.length === 0 || exprs.length > MAX_RETURNS) return { kind: 'unknown', ...base };
    const options = exprs.map((e) => this.resolveIn(e, target.file, base.trail, depth + 1));
    return options.length === 1 ? options[0] : { kind: 'either', options, ...base };
  }

  /** The project function a callee names, with a body to read. */
  private functionTarget(callee: ts.Expression, file: FileContext): FunctionTarget | undefined {
    if (ts.isIdentifier(callee)) {
      const decl = findDeclaration(callee);
      if (!decl) return undefined;
      const binding = file.imports.get(callee.text);
      if (binding && binding.declaration === decl) {
        if (!isRelativeSpecifier(binding.module) || binding.path.length !== 1) return undefined;
        const sf = this.moduleFile(binding.module, file.sf);
        const names = ts.isImportClause(decl) ? ['default'] : binding.path;
        return sf ? this.exportedFunction(sf, names[0]) : undefined;
      }
      return functionOf(decl, file);
    }
    if (ts.isPropertyAccessExpression(callee)) {
      const name = callee.name.text;
      if (callee.expression.kind === ts.SyntaxKind.ThisKeyword) {
        // `this.buildProps()` in the class that declares it.
        const cls = enclosingClass(callee);
        const method = cls?.members.find(
          (m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && propertyNameText(m.name) === name && !!m.body,
        );
        return method ? { fn: method, file } : undefined;
      }
      const module = this.projectNamespace(callee.expression, file);
      if (module) return this.exportedFunction(module, name);
    }
    return undefined;
  }

  private exportedFunction(sf: ts.SourceFile, name: string): FunctionTarget | undefined {
    const found = findExport(sf, name, this.graph);
    if (!found || found.kind === 'module' || found.kind === 'package') return undefined;
    const file = this.dependOn(found.sf);
    if (found.kind === 'expression') {
      const e = skipOuter(found.node);
      return found.member === undefined && (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) ? { fn: e, file } : undefined;
    }
    return ts.isFunctionDeclaration(found.node) || ts.isVariableDeclaration(found.node) ? functionOf(found.node, file) : undefined;
  }

  /**
   * A parameter of a function being followed: the argument of the call (worked out where the call
   * was written), or its default value when the call leaves it out.
   */
  private boundParameter(param: ts.ParameterDeclaration, here: Origin[], depth: number): Value | undefined {
    let i = this.frames.length - 1;
    while (i >= 0 && this.frames[i].fn !== param.parent) i--;
    if (i < 0) return undefined;
    const frame = this.frames[i];
    const index = frame.fn.parameters.indexOf(param);
    if (param.dotDotDotToken || frame.args.slice(0, index + 1).some(ts.isSpreadElement)) return undefined;
    const saved = this.frames;
    const arg = frame.args[index];
    let value: Value | undefined;
    try {
      if (arg) {
        this.frames = saved.slice(0, i);
        value = this.resolveIn(arg, frame.file, here, depth + 1);
      }
      if ((!value || value.kind === 'nullish') && param.initializer) {
        this.frames = saved.slice(0, i + 1);
        value = this.resolveIn(param.initializer, frame.fnFile, here, depth + 1);
      }
    } finally {
      this.frames = saved;
    }
    return value ?? { kind: 'nullish', node: param, file: frame.fnFile, trail: [...here, { file: frame.fnFile, node: param }] };
  }

  private typed(type: ts.TypeNode | undefined, file: FileContext, base: { node: ts.Node; file: FileContext; trail: Origin[] }): Value {
    if (type && ts.isTypeReferenceNode(type)) {
      const fqn = this.fqnOfEntity(type.typeName, file);
      if (fqn) return { kind: 'typed', fqn, ...base };
    }
    return { kind: 'unknown', ...base };
  }

  /** The package export a type name refers to: `dynamodb.ITable` → `aws-cdk-lib/aws-dynamodb.ITable`. */
  fqnOfEntity(name: ts.EntityName, file: FileContext): string | undefined {
    const parts: string[] = [];
    let n: ts.EntityName = name;
    while (ts.isQualifiedName(n)) {
      parts.unshift(n.right.text);
      n = n.left;
    }
    const binding = file.imports.get(n.text);
    if (!binding || isRelativeSpecifier(binding.module)) return undefined;
    let ref: SymbolRef = { module: binding.module, path: binding.path };
    for (const p of parts) ref = member(ref, p);
    return refToString(ref);
  }

  private resolveImport(
    id: ts.Identifier,
    decl: ts.Node,
    module: string,
    path: string[],
    file: FileContext,
    here: Origin[],
    depth: number,
  ): Value {
    const base = { node: id, file, trail: here };
    // A project file (a relative import, or one the tsconfig's `paths` map, such as
    // `@shared/constants`): what it exports under the imported name, read from its source.
    // A package (`aws-cdk-lib/aws-iam`) is a symbol, known by its module and name.
    const relative = isRelativeSpecifier(module);
    const target = this.moduleFile(module, file.sf);
    if (!target) return relative ? { kind: 'unknown', ...base } : { kind: 'ref', fqn: refToString({ module, path }), ...base };
    // `import x from './y'` is y's default export; `import * as y`, `require('./y')`, the module.
    const names = ts.isImportClause(decl) ? ['default', ...path] : path;
    if (names.length === 0) return this.moduleValue(target, base, depth);
    let value = this.exportOf(target, names[0], base, depth);
    for (const name of names.slice(1)) value = this.member(value, name, base, depth + 1);
    return value;
  }

  /** The file a module specifier of `from` resolves to, once per resolver. */
  private moduleFile(specifier: string, from: ts.SourceFile): ts.SourceFile | undefined {
    const key = `${from.fileName}\0${specifier}`;
    if (this.modules.has(key)) return this.modules.get(key);
    const path = this.env.resolveModule(specifier, from.fileName);
    for (const missed of this.env.missedModuleFiles(specifier, from.fileName)) this.absentDependencies.add(missed);
    const sf = path === undefined ? undefined : this.env.sourceFile(path);
    this.modules.set(key, sf);
    return sf;
  }

  private readonly graph: ModuleGraph = {
    resolve: (specifier, from) => this.moduleFile(specifier, from),
    visit: (sf) => this.dependOn(sf),
  };

  /** Findings of the file being analysed now depend on `sf`'s text too. */
  private dependOn(sf: ts.SourceFile): FileContext {
    const target = this.env.fileContext(sf);
    this.dependencies.add(target.path);
    return target;
  }

  /** A project module as a value: the expression it exports as a whole, or its exports by name. */
  private moduleValue(sf: ts.SourceFile, base: { node: ts.Node; file: FileContext; trail: Origin[] }, depth: number): Value {
    const target = this.dependOn(sf);
    const whole = wholeModuleExpression(sf);
    if (whole) return this.resolveIn(whole, target, base.trail, depth + 1);
    return { kind: 'module', module: target, ...base };
  }

  private exportOf(sf: ts.SourceFile, name: string, base: { node: ts.Node; file: FileContext; trail: Origin[] }, depth: number): Value {
    const found = findExport(sf, name, this.graph);
    return found ? this.resolveExport(found, base, depth) : { kind: 'unknown', ...base };
  }

  private resolveExport(found: ExportTarget, base: { node: ts.Node; file: FileContext; trail: Origin[] }, depth: number): Value {
    if (found.kind === 'module') return this.moduleValue(found.sf, base, depth + 1);
    if (found.kind === 'package') return { kind: 'ref', fqn: refToString({ module: found.module, path: found.path }), ...base };
    const target = this.dependOn(found.sf);
    if (found.kind === 'expression') {
      const value = this.resolveIn(found.node, target, base.trail, depth + 1);
      return found.member === undefined ? value : this.member(value, found.member, base, depth + 1);
    }
    const decl = found.node;
    if (ts.isVariableDeclaration(decl)) {
      if (decl.initializer && isConstDeclaration(decl) && ts.isIdentifier(decl.name)) {
        return this.resolveIn(decl.initializer, target, base.trail, depth + 1);
      }
      if (ts.isIdentifier(decl.name)) return this.typed(decl.type, target, { ...base });
      return { kind: 'unknown', ...base };
    }
    if (ts.isBindingElement(decl) && ts.isIdentifier(decl.name)) {
      return this.resolveDeclaration(decl, decl.name, target, base.trail, depth + 1);
    }
    if (ts.isPropertyAssignment(decl)) {
      return this.resolveIn(decl.initializer, target, base.trail, depth + 1);
    }
    if (ts.isShorthandPropertyAssignment(decl)) {
      return this.resolveIn(decl.name, target, base.trail, depth + 1);
    }
    // CommonJS: `exports.X = …` / `module.exports.X = …`
    if (ts.isBinaryExpression(decl)) {
      return this.resolveIn(decl.right, target, base.trail, depth + 1);
    }
    if (ts.isFunctionDeclaration(decl)) return { kind: 'function', ...base };
    return { kind: 'unknown', ...base };
  }

  private moduleExport(
    target: Extract<Value, { kind: 'module' }>,
    name: string,
    base: { node: ts.Node; file: FileContext; trail: Origin[] },
    depth: number,
  ): Value {
    return this.exportOf(target.module.sf, name, base, depth + 1);
  }

  /** `this.table`: the field's initializer, or the one assignment in the constructor. */
  private resolveThisMember(
    node: ts.PropertyAccessExpression | ts.ElementAccessExpression,
    name: string,
    file: FileContext,
    here: Origin[],
    depth: number,
  ): Value {
    const base = { node, file, trail: here };
    const cls = enclosingClass(node);
    if (!cls) return { kind: 'unknown', ...base };
    let declaredType: ts.TypeNode | undefined;
    for (const m of cls.members) {
      if (ts.isPropertyDeclaration(m) && propertyNameText(m.name) === name) {
        if (m.initializer) return this.resolveIn(m.initializer, file, here, depth + 1);
        declaredType = m.type;
      }
    }
    const ctor = cls.members.find(ts.isConstructorDeclaration);
    if (ctor?.body) {
      const assignments = constructorFieldAssignments(ctor)
        .filter((a) => a.name === name)
        .map((a) => a.value);
      // A parameter property: `constructor(private readonly table: dynamodb.ITable)`
      for (const p of ctor.parameters) {
        if (ts.isIdentifier(p.name) && p.name.text === name && ts.getModifiers(p)?.length) declaredType ??= p.type;
      }
      if (assignments.length === 1) return this.resolveIn(assignments[0], file, here, depth + 1);
    }
    return this.typed(declaredType, file, base);
  }
}

/** A function declared by `decl` (a function declaration, or a `const` bound to an arrow or function expression), with its body. */
function functionOf(decl: ts.Node, file: FileContext): FunctionTarget | undefined {
  if (ts.isFunctionDeclaration(decl) || ts.isFunctionExpression(decl)) return decl.body ? { fn: decl, file } : undefined;
  if (ts.isVariableDeclaration(decl) && decl.initializer && isConstDeclaration(decl)) {
    const init = skipOuter(decl.initializer);
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return { fn: init, file };
  }
  return undefined;
}

/** The return statements of a function body, not those of the functions and classes inside it. */
function forEachReturn(body: ts.Block, visit: (r: ts.ReturnStatement) => void): void {
  const walk = (node: ts.Node): void => {
    if (ts.isReturnStatement(node)) visit(node);
    else if (!ts.isFunctionLike(node) && !ts.isClassLike(node)) ts.forEachChild(node, walk);
  };
  ts.forEachChild(body, walk);
}

function isLiteralKey(node: ts.Expression): boolean {
  return ts.isStringLiteralLike(node) || ts.isNumericLiteral(node);
}

function partsOf(value: Value): Array<string | Value> | undefined {
  if (value.kind === 'string' || value.kind === 'number' || value.kind === 'boolean') return [String(value.value)];
  if (value.kind === 'template') return value.parts;
  return [value];
}

function collapseTemplate(parts: Array<string | Value>, base: { node: ts.Node; file: FileContext; trail: Origin[] }): Value {
  const merged: Array<string | Value> = [];
  let length = 0;
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (typeof part === 'string') length += part.length;
    if (length > MAX_STRING_LENGTH || merged.length > MAX_TEMPLATE_PARTS) return { kind: 'unknown', ...base };
    if (typeof part === 'string' && typeof last === 'string') merged[merged.length - 1] = last + part;
    else merged.push(part);
  }
  if (merged.every((p) => typeof p === 'string')) return { kind: 'string', value: merged.join(''), ...base };
  return { kind: 'template', parts: merged, ...base };
}

function isPrimitive(value: Value): boolean {
  return value.kind === 'string' || value.kind === 'number' || value.kind === 'boolean' || value.kind === 'nullish';
}

/** True when `trail` begins with the very steps of `prefix`. */
function startsWith(trail: readonly Origin[], prefix: readonly Origin[]): boolean {
  if (trail.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (trail[i] !== prefix[i]) return false;
  return true;
}
