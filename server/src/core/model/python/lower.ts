import { parser } from '@lezer/python';
import type { SyntaxNode, Tree } from '@lezer/common';
import { SpanMap } from './spanMap';
import { callShape, CallShape, isCdkStructName, isCdkSubmoduleName, moduleSpecifier, tsIdentifier, tsMemberName } from './names';

/**
 * The Python front end: a Python file read as the TypeScript the rules already understand.
 *
 * The rules ask the model questions (which constructs are created with which props, which
 * methods are called on them, where event data flows); the TypeScript front end answers them from
 * TypeScript syntax. This front end parses Python with `@lezer/python` (error-tolerant, plain
 * JavaScript, synchronous) and writes, statement by statement, the TypeScript that has the same
 * meaning for those questions:
 *
 *     from aws_cdk import aws_s3 as s3              import * as s3 from 'aws-cdk-lib/aws-s3';
 *     b = s3.Bucket(self, "B", enforce_ssl=False)   const b = new s3.Bucket(this, "B", { enforceSSL: false });
 *     json.loads(event["body"])                     JSON.parse(event["body"])
 *
 * Keyword arguments become the trailing props object (jsii passes a struct's fields as keyword
 * arguments), member and keyword names are read back from snake_case (`names.ts`), a class call
 * (`Bucket(...)`) becomes `new`, `self` becomes `this`. Every lowered node records its span on both
 * sides (`SpanMap`), so findings, related locations and fixes point at the Python source. Nothing
 * is executed; constructs the rules do not ask about lower to something neutral, never to an
 * error.
 */

export interface LoweredPython {
  /** The TypeScript text. */
  text: string;
  map: SpanMap;
  /** Offsets (in the Python source) of statements, for fixes that insert next to them. */
  statements: PythonStatement[];
  /** Python modules imported by name (`import os`), by the local name bound. */
  modules: Map<string, string>;
  /** The parse tree of the source (comments and the fix writer read it again); absent when lowering failed. */
  tree?: Tree;
}

export interface PythonStatement {
  /** Source span of the statement (its first character to the end of its last line). */
  from: number;
  to: number;
  /** Column (in characters) the statement starts at: its indentation. */
  indent: string;
  /** Lowered span. */
  loweredFrom: number;
  loweredTo: number;
}

/** Nodes deeper than this lower to `undefined` (the parser nests them; the walk is recursive). */
const MAX_DEPTH = 400;

export function lowerPython(source: string): LoweredPython {
  const tree = parser.parse(source);
  const lowerer = new Lowerer(source);
  lowerer.module(tree.topNode);
  return { ...lowerer.result(), tree };
}

interface Scope {
  kind: 'module' | 'function' | 'class';
  /** Names bound once at the top level of this scope: `const`. */
  single: Set<string>;
  /** Names bound more than once, or inside blocks: declared `let` at the scope's top. */
  hoisted: Set<string>;
  /** The method's `self` (or `cls`) parameter, read as `this`. */
  self?: string;
  /** The name bound by the innermost `except ... as e`. */
  error?: string;
  declared: Set<string>;
}

class Lowerer {
  private out = '';
  /** The last text emitted: a leaf's lowering, compared with its source without reading `out` back (which would flatten it). */
  private last = '';
  private readonly map = new SpanMap();
  private readonly statements: PythonStatement[] = [];
  private readonly modules = new Map<string, string>();
  private readonly scopes: Scope[] = [];
  private readonly prelude = new Set<string>();
  /** Local names imported by name from the CDK (`from aws_cdk.aws_ec2 import SubnetSelection`). */
  private readonly cdkNames = new Set<string>();
  /** Names spread as keyword arguments somewhere in the file (`**props`): their dicts are props. */
  private kwargsNames = new Set<string>();
  /** The start of the dictionary being written as props (keys read back from snake_case). */
  private propsDictAt = -1;
  private depth = 0;

  constructor(private readonly src: string) {}

  result(): LoweredPython {
    // Modules the lowering itself refers to (`child_process` for `os.system`), declared last so
    // no offset above moves.
    for (const line of this.prelude) this.out += `\n${line}`;
    return { text: this.out + '\n', map: this.map, statements: this.statements, modules: this.modules };
  }

  // ---- output -----------------------------------------------------------------------------

  private emit(text: string): void {
    this.out += text;
    this.last = text;
  }

  /** Emit what `body` writes as the lowering of `node`, recording the span. */
  private spanned(node: SyntaxNode | { from: number; to: number }, body: () => void, exact = false): void {
    const start = this.out.length;
    body();
    this.map.add(start, this.out.length, node.from, node.to, exact);
  }

  /** Emit `text` for the source range `from`–`to` (a name, a number: exact when the lengths agree). */
  private token(from: number, to: number, text: string): void {
    const start = this.out.length;
    this.out += text;
    this.map.add(start, this.out.length, from, to, text.length === to - from && text === this.src.slice(from, to));
  }

  private text(node: SyntaxNode): string {
    return this.src.slice(node.from, node.to);
  }

  private line(indent: number): void {
    this.emit('\n' + '  '.repeat(indent));
  }

  // ---- scopes ----------------------------------------------------------------------------

  private get scope(): Scope {
    return this.scopes[this.scopes.length - 1];
  }

  private pushScope(kind: Scope['kind'], body: SyntaxNode | undefined, self?: string): Scope {
    const scope: Scope = { kind, single: new Set(), hoisted: new Set(), self, declared: new Set(), error: this.scopes.at(-1)?.error };
    if (body) countBindings(body, this.src, scope);
    this.scopes.push(scope);
    return scope;
  }

  private popScope(): void {
    this.scopes.pop();
  }

  /** The TypeScript name of a Python variable in the current scope. */
  private varName(name: string): string {
    // A nested function still means the method's `self` (a closure); the rules read it as `this`.
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const s = this.scopes[i];
      if (s.self) return name === s.self ? 'this' : tsIdentifier(name);
    }
    return tsIdentifier(name);
  }

  // ---- module and statements -------------------------------------------------------------

  module(top: SyntaxNode): void {
    this.kwargsNames = spreadNames(top, this.src);
    this.pushScope('module', top);
    this.hoist(0);
    for (const child of children(top)) this.statement(child, 0);
    this.popScope();
  }

  private hoist(indent: number): void {
    const names = [...this.scope.hoisted];
    if (!names.length) return;
    this.line(indent);
    this.emit(`let ${names.map(tsIdentifier).join(', ')};`);
    for (const n of names) this.scope.declared.add(n);
  }

  private body(node: SyntaxNode | undefined, indent: number): void {
    this.emit(' {');
    if (node) for (const child of children(node)) this.statement(child, indent + 1);
    this.line(indent);
    this.emit('}');
  }

  private statement(node: SyntaxNode, indent: number): void {
    if (node.type.isError || isPunctuation(node.name)) return;
    // Blocks nested deeper than any real program: their content is not read (the walk is recursive).
    if (indent > MAX_DEPTH / 4) return;
    if (node.name === 'Comment') return;
    if (node.name === 'StatementGroup') {
      for (const child of children(node)) this.statement(child, indent);
      return;
    }
    this.line(indent);
    const start = this.out.length;
    this.spanned(node, () => this.statementBody(node, indent));
    const lineStart = this.src.lastIndexOf('\n', node.from - 1) + 1;
    this.statements.push({
      from: node.from,
      to: trimEnd(this.src, node.to),
      indent: this.src.slice(lineStart, node.from).replace(/\S.*$/, ''),
      loweredFrom: start,
      loweredTo: this.out.length,
    });
  }

  private statementBody(node: SyntaxNode, indent: number): void {
    switch (node.name) {
      case 'ExpressionStatement':
        return this.expressionStatement(node);
      case 'AssignStatement':
        return this.assign(node);
      case 'UpdateStatement':
        return this.update(node);
      case 'ImportStatement':
        return this.importStatement(node);
      case 'FunctionDefinition':
        return this.functionDef(node, indent, []);
      case 'ClassDefinition':
        return this.classDef(node, indent);
      case 'DecoratedStatement':
        return this.decorated(node, indent);
      case 'IfStatement':
        return this.ifStatement(node, indent);
      case 'WhileStatement':
        return this.whileStatement(node, indent);
      case 'ForStatement':
        return this.forStatement(node, indent);
      case 'TryStatement':
        return this.tryStatement(node, indent);
      case 'WithStatement':
        return this.withStatement(node, indent);
      case 'ReturnStatement': {
        const values = expressions(node);
        this.emit('return');
        if (values.length) {
          this.emit(' ');
          this.expressionList(values);
        }
        this.emit(';');
        return;
      }
      case 'RaiseStatement': {
        const values = expressions(node);
        this.emit('throw ');
        if (values.length) this.expression(values[0]);
        else this.emit(this.scope.error ? this.varName(this.scope.error) : 'undefined');
        this.emit(';');
        return;
      }
      case 'DeleteStatement': {
        for (const value of expressions(node)) {
          this.emit('delete ');
          this.expression(value);
          this.emit(';');
        }
        return;
      }
      case 'AssertStatement': {
        const values = expressions(node);
        if (values.length) {
          this.expression(values[0]);
          this.emit(';');
        }
        return;
      }
      case 'BreakStatement':
        return this.emit('break;');
      case 'ContinueStatement':
        return this.emit('continue;');
      case 'MatchStatement':
        return this.matchStatement(node, indent);
      default:
        // pass, global, nonlocal, type aliases, Python 2 print statements: nothing a rule reads.
        this.emit(';');
    }
  }

  private expressionStatement(node: SyntaxNode): void {
    const values = expressions(node);
    // A docstring says nothing a rule reads; a secret in one is still a string (kept).
    if (!values.length) return this.emit(';');
    this.expressionList(values);
    this.emit(';');
  }

  /** `a = b = value`, `x: T = value`, `a, b = value`, `self.x = value`, `d["k"] = value`. */
  private assign(node: SyntaxNode): void {
    const parts = children(node);
    const targets: SyntaxNode[][] = [[]];
    let value: SyntaxNode[] = [];
    for (const part of parts) {
      if (part.name === 'AssignOp') {
        targets.push([]);
        continue;
      }
      if (part.name === 'TypeDef' || part.name === ',' || part.type.isError) continue;
      targets[targets.length - 1].push(part);
    }
    value = targets.pop() ?? [];
    if (!value.length) {
      // `x: int` declares and assigns nothing.
      this.emit(';');
      return;
    }
    const valueIsList = value.length > 1;
    // One statement per target, innermost first: `a = b = v` → `b = v; a = b`? Python assigns
    // the same object to both: both name the value.
    targets.forEach((target, i) => {
      if (i > 0) this.emit(' ');
      // `props = {"enforce_ssl": True}` later spread as `**props`: keyword arguments, snake_case.
      const bound = target.length === 1 && target[0].name === 'VariableName' ? this.text(target[0]) : undefined;
      if (bound && this.kwargsNames.has(bound) && !valueIsList && value[0].name === 'DictionaryExpression')
        this.propsDictAt = value[0].from;
      this.assignTarget(target, () => (valueIsList ? this.arrayOf(value) : this.expression(value[0])));
    });
  }

  private assignTarget(target: SyntaxNode[], value: () => void): void {
    if (target.length === 1 && target[0].name === 'VariableName') {
      const name = this.text(target[0]);
      const keyword = this.declaration(name);
      if (keyword) this.emit(keyword);
      this.token(target[0].from, target[0].to, this.varName(name));
      this.emit(' = ');
      value();
      this.emit(';');
      return;
    }
    if (target.length === 1 && target[0].name !== 'TupleExpression' && target[0].name !== 'ArrayExpression') {
      this.expression(target[0]);
      this.emit(' = ');
      value();
      this.emit(';');
      return;
    }
    // Unpacking: `a, b = pair` → `[a, b] = pair` (declared where new).
    const names = target.length === 1 ? expressions(target[0]) : target;
    const plain = names.every((n) => n.name === 'VariableName');
    if (plain) {
      const fresh = names.map((n) => this.declaration(this.text(n)));
      if (fresh.every((k) => k)) this.emit('let ');
      else for (const n of names) this.scope.hoisted.add(this.text(n));
    }
    this.emit('[');
    names.forEach((n, i) => {
      if (i) this.emit(', ');
      if (n.name === 'VariableName') this.token(n.from, n.to, this.varName(this.text(n)));
      else this.expression(n);
    });
    this.emit('] = ');
    value();
    this.emit(';');
  }

  /** The keyword that declares `name` here (`export const `, `const `, `let `), or '' when declared already. */
  private declaration(name: string): string {
    const scope = this.scope;
    if (scope.kind === 'class') return 'static ';
    if (scope.declared.has(name)) return '';
    scope.declared.add(name);
    const exported = scope.kind === 'module' ? 'export ' : '';
    if (scope.single.has(name)) return `${exported}const `;
    if (scope.hoisted.has(name)) return '';
    return `${exported}let `;
  }

  private update(node: SyntaxNode): void {
    const parts = children(node).filter((c) => !c.type.isError);
    const op = parts.find((c) => c.name === 'UpdateOp');
    const [target] = parts;
    const value = parts[parts.length - 1];
    this.expression(target);
    const text = op ? this.text(op) : '+=';
    this.emit(` ${text === '//=' ? '/=' : text === '@=' ? '*=' : text} `);
    if (value && value !== target && value !== op) this.expression(value);
    else this.emit('undefined');
    this.emit(';');
  }

  // ---- imports ---------------------------------------------------------------------------

  private importStatement(node: SyntaxNode): void {
    const parts = children(node);
    const nested = this.scope.kind !== 'module';
    if (parts[0]?.name === 'from') {
      // from <dots><module> import a as b, c
      let i = 1;
      let dots = '';
      const moduleParts: string[] = [];
      for (; i < parts.length && parts[i].name !== 'import'; i++) {
        const p = parts[i];
        // Leading dots make the import relative; the dots between names only join them.
        if (p.name === '.' && !moduleParts.length) dots += '.';
        else if (p.name === 'Ellipsis' && !moduleParts.length) dots += '...';
        else if (p.name === 'VariableName') moduleParts.push(this.text(p));
      }
      const dotted = moduleParts.join('.');
      const names: Array<{ name: SyntaxNode; alias?: SyntaxNode }> = [];
      for (i++; i < parts.length; i++) {
        const p = parts[i];
        if (p.name === 'VariableName') names.push({ name: p });
        else if (p.name === 'as' && names.length && parts[i + 1]?.name === 'VariableName') names[names.length - 1].alias = parts[++i];
      }
      if (!names.length) return this.emit(';'); // `from x import *`
      const specifier = dots ? `py:${dots}${dotted}` : moduleSpecifier(dotted);
      const named: Array<{ text: string; from: number; to: number }> = [];
      for (const { name, alias } of names) {
        const imported = this.text(name);
        const local = alias ? this.text(alias) : imported;
        // A submodule: `from aws_cdk import aws_s3 as s3`, `from . import helpers`.
        const submodule =
          (dotted === 'aws_cdk' && isCdkSubmoduleName(imported)) || (dots && !dotted)
            ? dots
              ? `py:${dots}${imported}`
              : moduleSpecifier(`aws_cdk.${imported}`)
            : undefined;
        if (submodule) {
          this.importNamespace(local, submodule, alias ?? name, nested);
          this.modules.set(local, dots ? `${dots}${imported}` : `aws_cdk.${imported}`);
        } else {
          named.push({
            text: imported === local ? tsIdentifier(local) : `${tsIdentifier(imported)} as ${tsIdentifier(local)}`,
            from: name.from,
            to: (alias ?? name).to,
          });
          if (!dots && (dotted === 'aws_cdk' || dotted.startsWith('aws_cdk.'))) this.cdkNames.add(local);
        }
      }
      if (named.length) {
        // Each name keeps its span: a fix that adds a name after one (`, Aws`) lands after it in Python.
        this.emit(nested ? 'const { ' : 'import { ');
        named.forEach((n, i) => {
          if (i) this.emit(', ');
          this.token(n.from, n.to, nested ? n.text.replace(' as ', ': ') : n.text);
        });
        this.emit(nested ? ` } = require(${JSON.stringify(specifier)});` : ` } from ${JSON.stringify(specifier)};`);
      }
      return;
    }
    // import a.b.c [as d], e
    let current: string[] = [];
    let alias: SyntaxNode | undefined;
    let last: SyntaxNode | undefined;
    const flush = () => {
      if (!current.length) return;
      const dotted = current.join('.');
      const local = alias ? this.text(alias) : current[0];
      // `import aws_cdk.aws_s3` binds `aws_cdk`: `aws_cdk.aws_s3.Bucket` is the root barrel's.
      const spec = alias ? moduleSpecifier(dotted) : moduleSpecifier(current[0]);
      this.importNamespace(local, spec, alias ?? last!, nested);
      this.modules.set(local, alias ? dotted : current[0]);
      current = [];
      alias = undefined;
    };
    for (let i = 1; i < parts.length; i++) {
      const p = parts[i];
      if (p.name === 'VariableName') {
        current.push(this.text(p));
        last = p;
      } else if (p.name === 'as' && parts[i + 1]?.name === 'VariableName') alias = parts[++i];
      else if (p.name === ',') flush();
    }
    flush();
  }

  private importNamespace(local: string, specifier: string, at: SyntaxNode, nested: boolean): void {
    if (nested) {
      this.emit('const ');
      this.token(at.from, at.to, tsIdentifier(local));
      this.emit(` = require(${JSON.stringify(specifier)});`);
    } else {
      this.emit('import * as ');
      this.token(at.from, at.to, tsIdentifier(local));
      this.emit(` from ${JSON.stringify(specifier)};`);
    }
  }

  // ---- definitions -----------------------------------------------------------------------

  private decorated(node: SyntaxNode, indent: number): void {
    const parts = children(node);
    const decorators = parts.filter((p) => p.name === 'Decorator').map((d) => this.text(d).replace(/^@\s*/, '').trim());
    const def = parts.find((p) => p.name === 'FunctionDefinition' || p.name === 'ClassDefinition');
    if (!def) return this.emit(';');
    if (def.name === 'ClassDefinition') return this.classDef(def, indent);
    const topLevel = this.scope.kind === 'module';
    this.functionDef(def, indent, decorators);
    // A module function's decorators, applied as Python does (`f = deco(args)(f)`), as calls
    // after it: `validator({ inboundSchema: S })(lambda_handler);` (the handler discovery reads them).
    const name = children(def).find((p) => p.name === 'VariableName');
    if (!topLevel || !name) return;
    // Innermost (nearest the `def`) first, as Python applies them.
    for (const decorator of parts.filter((p) => p.name === 'Decorator').reverse()) {
      const names = children(decorator).filter((c) => c.name === 'VariableName');
      const argList = children(decorator).find((c) => c.name === 'ArgList');
      if (!names.length) continue;
      this.line(indent);
      this.spanned(decorator, () => {
        names.forEach((n, i) => this.token(n.from, n.to, (i ? '.' : '') + tsIdentifier(this.text(n))));
        if (argList) {
          this.emit('(');
          this.argumentsOf(this.args(argList));
          this.emit(')');
        }
        this.emit(`(${tsIdentifier(this.text(name))});`);
      });
    }
  }

  private functionDef(node: SyntaxNode, indent: number, decorators: string[]): void {
    const parts = children(node);
    const isAsync = parts.some((p) => p.name === 'async');
    const nameNode = parts.find((p) => p.name === 'VariableName');
    const params = parts.find((p) => p.name === 'ParamList');
    const body = parts.find((p) => p.name === 'Body');
    const name = nameNode ? this.text(nameNode) : 'anonymous';
    const inClass = this.scope.kind === 'class';
    const isStatic = decorators.some((d) => d === 'staticmethod');
    const paramNodes = params ? this.paramList(params) : [];
    const self = inClass && !isStatic && paramNodes.length ? this.text(paramNodes[0].name) : undefined;
    const shown = self ? paramNodes.slice(1) : paramNodes;
    if (inClass) {
      if (isStatic || decorators.includes('classmethod')) this.emit('static ');
      if (isAsync) this.emit('async ');
      if (name === '__init__') this.emit('constructor');
      else if (nameNode) this.token(nameNode.from, nameNode.to, tsMemberName(name));
    } else {
      if (this.scope.kind === 'module') this.emit('export ');
      if (isAsync) this.emit('async ');
      this.emit('function ');
      if (nameNode) this.token(nameNode.from, nameNode.to, tsIdentifier(name));
      else this.emit(name);
    }
    this.pushScope('function', body, self);
    for (const p of paramNodes) this.scope.declared.add(this.text(p.name));
    this.emit('(');
    shown.forEach((p, i) => {
      if (i) this.emit(', ');
      this.param(p);
    });
    this.emit(')');
    this.emit(' {');
    this.hoist(indent + 1);
    if (body) for (const child of children(body)) this.statement(child, indent + 1);
    this.line(indent);
    this.emit('}');
    this.popScope();
  }

  private paramList(list: SyntaxNode): Param[] {
    const out: Param[] = [];
    let star = '';
    for (const p of children(list)) {
      if (p.name === '*' || p.name === '**') star = p.name;
      else if (p.name === 'VariableName') {
        out.push({ name: p, star });
        star = '';
      } else if (p.name === 'TypeDef' && out.length) out[out.length - 1].type = p;
      else if (p.name === 'AssignOp') continue;
      else if (p.name === ',' || p.name === '(' || p.name === ')' || p.name === '/') star = p.name === ',' ? '' : star;
      else if (out.length && !out[out.length - 1].default && !p.type.isError) out[out.length - 1].default = p;
    }
    return out;
  }

  private param(p: Param): void {
    if (p.star === '*') this.emit('...');
    this.token(p.name.from, p.name.to, tsIdentifier(this.text(p.name)));
    const type = p.type ? typeText(p.type, this.src) : undefined;
    if (type && !p.star) this.emit(`: ${type}`);
    if (p.default && !p.star) {
      this.emit(' = ');
      this.expression(p.default);
    }
  }

  private classDef(node: SyntaxNode, indent: number): void {
    const parts = children(node);
    const nameNode = parts.find((p) => p.name === 'VariableName');
    const bases = parts.find((p) => p.name === 'ArgList');
    const body = parts.find((p) => p.name === 'Body');
    if (this.scope.kind === 'module') this.emit('export ');
    this.emit('class ');
    if (nameNode) this.token(nameNode.from, nameNode.to, tsIdentifier(this.text(nameNode)));
    const base = bases ? expressions(bases).find((b) => b.name === 'VariableName' || b.name === 'MemberExpression') : undefined;
    if (base) {
      this.emit(' extends ');
      this.expression(base);
    }
    this.pushScope('class', undefined);
    this.emit(' {');
    if (body) for (const child of children(body)) this.statement(child, indent + 1);
    this.line(indent);
    this.emit('}');
    this.popScope();
  }

  // ---- control flow ----------------------------------------------------------------------

  private ifStatement(node: SyntaxNode, indent: number): void {
    const parts = children(node);
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (p.name === 'if' || p.name === 'elif') {
        if (p.name === 'elif') this.emit(' else ');
        this.emit('if (');
        const cond = parts[i + 1];
        if (cond && cond.name !== 'Body') this.expression(cond);
        else this.emit('true');
        this.emit(')');
        const body = parts.slice(i + 1).find((b) => b.name === 'Body');
        this.body(body, indent);
        i = body ? parts.indexOf(body) : i;
      } else if (p.name === 'else') {
        this.emit(' else');
        this.body(
          parts.slice(i + 1).find((b) => b.name === 'Body'),
          indent,
        );
        break;
      }
    }
  }

  private whileStatement(node: SyntaxNode, indent: number): void {
    const parts = children(node);
    const bodies = parts.filter((p) => p.name === 'Body');
    this.emit('while (');
    const cond = parts[1];
    if (cond && cond.name !== 'Body') this.expression(cond);
    else this.emit('true');
    this.emit(')');
    this.body(bodies[0], indent);
    if (bodies[1]) this.body(bodies[1], indent);
  }

  private forStatement(node: SyntaxNode, indent: number): void {
    const parts = children(node);
    const inAt = parts.findIndex((p) => p.name === 'in');
    const targets = parts.slice(1, inAt < 0 ? 1 : inAt).filter((p) => p.name !== ',' && !p.type.isError && p.name !== 'async');
    const iterable =
      inAt >= 0 ? parts.slice(inAt + 1).filter((p) => p.name !== 'Body' && p.name !== 'else' && p.name !== ',' && p.name !== ':') : [];
    const bodies = parts.filter((p) => p.name === 'Body');
    this.emit('for (const ');
    this.bindingPattern(targets);
    this.emit(' of ');
    if (iterable.length > 1) this.arrayOf(iterable);
    else if (iterable[0]) this.expression(iterable[0]);
    else this.emit('[]');
    this.emit(')');
    this.body(bodies[0], indent);
    if (bodies[1]) this.body(bodies[1], indent);
  }

  /** Loop and comprehension targets: `x`, `k, v`, `(a, b)`. */
  private bindingPattern(targets: SyntaxNode[]): void {
    const names =
      targets.length === 1 && (targets[0].name === 'TupleExpression' || targets[0].name === 'ParenthesizedExpression')
        ? expressions(targets[0])
        : targets;
    if (names.length === 1 && names[0].name === 'VariableName') {
      this.token(names[0].from, names[0].to, tsIdentifier(this.text(names[0])));
      return;
    }
    this.emit('[');
    names.forEach((n, i) => {
      if (i) this.emit(', ');
      if (n.name === 'VariableName') this.token(n.from, n.to, tsIdentifier(this.text(n)));
      else if (n.name === 'TupleExpression' || n.name === 'ParenthesizedExpression') this.bindingPattern([n]);
      else this.emit(`_${i}`);
    });
    this.emit(']');
  }

  private tryStatement(node: SyntaxNode, indent: number): void {
    const parts = children(node);
    this.emit('try');
    const first = parts.find((p) => p.name === 'Body');
    this.body(first, indent);
    // Every `except` clause: one catch, each clause a block in it, in order.
    const clauses: Array<{ name?: string; at?: SyntaxNode; body?: SyntaxNode; type?: SyntaxNode }> = [];
    let elseBody: SyntaxNode | undefined;
    let finallyBody: SyntaxNode | undefined;
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (p.name === 'except') {
        const clause: { name?: string; at?: SyntaxNode; body?: SyntaxNode; type?: SyntaxNode } = {};
        const type = parts[i + 1];
        if (type && (type.name === 'VariableName' || type.name === 'MemberExpression')) clause.type = type;
        for (let j = i + 1; j < parts.length && parts[j].name !== 'Body'; j++) {
          if (parts[j].name === 'as' && parts[j + 1]?.name === 'VariableName') {
            clause.at = parts[j + 1];
            clause.name = this.text(parts[j + 1]);
          }
        }
        clause.body = parts.slice(i + 1).find((b) => b.name === 'Body');
        clauses.push(clause);
      } else if (p.name === 'else') elseBody = parts.slice(i + 1).find((b) => b.name === 'Body');
      else if (p.name === 'finally') finallyBody = parts.slice(i + 1).find((b) => b.name === 'Body');
    }
    if (clauses.length) {
      const bound = clauses.find((c) => c.name)?.name ?? '__error';
      this.emit(` catch (${tsIdentifier(bound)}) {`);
      const outer = this.scope.error;
      for (const clause of clauses) {
        this.line(indent + 1);
        this.emit('{');
        if (clause.name && clause.name !== bound) {
          this.line(indent + 2);
          this.emit(`const ${tsIdentifier(clause.name)} = ${tsIdentifier(bound)};`);
        }
        this.scope.error = clause.name ?? bound;
        this.scope.declared.add(clause.name ?? bound);
        // `except OrderNotFound as e:` narrows `e` as `if (e instanceof OrderNotFound)` does.
        if (clause.type) {
          this.line(indent + 2);
          this.emit(`if (${tsIdentifier(clause.name ?? bound)} instanceof `);
          this.expression(clause.type);
          this.emit(') {');
        }
        const inner = clause.type ? indent + 3 : indent + 2;
        if (clause.body) for (const child of children(clause.body)) this.statement(child, inner);
        if (clause.type) {
          this.line(indent + 2);
          this.emit('}');
        }
        this.line(indent + 1);
        this.emit('}');
      }
      this.scope.error = outer;
      this.line(indent);
      this.emit('}');
    }
    if (finallyBody || !clauses.length) {
      this.emit(' finally');
      this.body(finallyBody, indent);
    }
    if (elseBody) {
      this.line(indent);
      this.emit('{');
      for (const child of children(elseBody)) this.statement(child, indent + 1);
      this.line(indent);
      this.emit('}');
    }
  }

  private withStatement(node: SyntaxNode, indent: number): void {
    const parts = children(node);
    this.emit('{');
    for (let i = 1; i < parts.length; i++) {
      const p = parts[i];
      if (p.name === 'Body' || p.name === 'as' || p.name === ',' || p.name === 'async' || p.name === '(' || p.name === ')') continue;
      if (parts[i - 1]?.name === 'as') continue;
      this.line(indent + 1);
      if (parts[i + 1]?.name === 'as' && parts[i + 2]?.name === 'VariableName') {
        const name = this.text(parts[i + 2]);
        this.emit(this.declaration(name));
        this.token(parts[i + 2].from, parts[i + 2].to, this.varName(name));
        this.emit(' = ');
      }
      this.expression(p);
      this.emit(';');
    }
    const body = parts.find((p) => p.name === 'Body');
    if (body) for (const child of children(body)) this.statement(child, indent + 1);
    this.line(indent);
    this.emit('}');
  }

  private matchStatement(node: SyntaxNode, indent: number): void {
    const parts = children(node);
    const subject = parts[1];
    this.emit('{');
    if (subject && subject.name !== 'MatchBody') {
      this.line(indent + 1);
      this.expression(subject);
      this.emit(';');
    }
    const body = parts.find((p) => p.name === 'MatchBody');
    for (const clause of body ? children(body).filter((c) => c.name === 'MatchClause') : []) {
      this.line(indent + 1);
      this.emit('{');
      const b = children(clause).find((c) => c.name === 'Body');
      if (b) for (const child of children(b)) this.statement(child, indent + 2);
      this.line(indent + 1);
      this.emit('}');
    }
    this.line(indent);
    this.emit('}');
  }

  // ---- expressions -----------------------------------------------------------------------

  private expressionList(values: SyntaxNode[]): void {
    if (values.length === 1) this.expression(values[0]);
    else this.arrayOf(values);
  }

  private arrayOf(values: SyntaxNode[]): void {
    this.emit('[');
    values.forEach((v, i) => {
      if (i) this.emit(', ');
      this.expression(v);
    });
    this.emit(']');
  }

  expression(node: SyntaxNode): void {
    if (this.depth >= MAX_DEPTH) {
      this.emit('undefined');
      return;
    }
    this.depth++;
    try {
      const start = this.out.length;
      this.expressionBody(node);
      const leaf = node.name === 'Number' || node.name === 'VariableName' || node.name === 'String';
      const length = this.out.length - start;
      const exact =
        leaf &&
        length === node.to - node.from &&
        (this.last.length === length ? this.last : this.out.slice(start)) === this.src.slice(node.from, node.to);
      this.map.add(start, this.out.length, node.from, node.to, exact);
    } finally {
      this.depth--;
    }
  }

  private expressionBody(node: SyntaxNode): void {
    switch (node.name) {
      case 'VariableName':
        return this.emit(this.varName(this.text(node)));
      case 'Number':
        return this.emit(numberText(this.text(node)));
      case 'Boolean':
        return this.emit(this.text(node) === 'True' ? 'true' : 'false');
      case 'None':
        return this.emit('null');
      case 'Ellipsis':
        return this.emit('undefined');
      case 'String':
      case 'FormatString':
      case 'ContinuedString':
        return this.string(node);
      case 'MemberExpression':
        return this.member(node);
      case 'CallExpression':
        return this.call(node);
      case 'ParenthesizedExpression': {
        const inner = expressions(node);
        this.emit('(');
        if (inner[0]) this.expression(inner[0]);
        else this.emit('undefined');
        this.emit(')');
        return;
      }
      case 'TupleExpression':
      case 'ArrayExpression':
      case 'SetExpression':
        return this.sequence(node);
      case 'DictionaryExpression':
        return this.dict(node);
      case 'ArrayComprehensionExpression':
      case 'SetComprehensionExpression':
      case 'ComprehensionExpression':
        return this.comprehension(node);
      case 'DictionaryComprehensionExpression':
        return this.dictComprehension(node);
      case 'BinaryExpression':
        return this.binary(node);
      case 'UnaryExpression': {
        const [op, operand] = children(node);
        const text = op ? this.text(op) : '';
        this.emit(text === 'not' ? '!' : text);
        if (operand) this.expression(operand);
        else this.emit('undefined');
        return;
      }
      case 'ConditionalExpression': {
        const parts = children(node);
        const [then, , cond, , otherwise] = parts;
        this.emit('(');
        cond ? this.expression(cond) : this.emit('true');
        this.emit(' ? ');
        then ? this.expression(then) : this.emit('undefined');
        this.emit(' : ');
        otherwise ? this.expression(otherwise) : this.emit('undefined');
        this.emit(')');
        return;
      }
      case 'LambdaExpression':
        return this.lambda(node);
      case 'AwaitExpression': {
        const inner = expressions(node)[0];
        this.emit('(await ');
        inner ? this.expression(inner) : this.emit('undefined');
        this.emit(')');
        return;
      }
      case 'NamedExpression': {
        const [target, , value] = children(node);
        this.emit('(');
        if (target) this.token(target.from, target.to, this.varName(this.text(target)));
        this.emit(' = ');
        value ? this.expression(value) : this.emit('undefined');
        this.emit(')');
        return;
      }
      default:
        // `yield`, slices, anything unknown or half-typed: a value nothing is known of.
        return this.emit('undefined');
    }
  }

  private member(node: SyntaxNode): void {
    const parts = children(node);
    const object = parts[0];
    const open = parts.findIndex((p) => p.name === '[');
    if (open >= 0) {
      // Subscript: `event["body"]`, `items[0]`, `os.environ["KEY"]`, a slice.
      const inside = parts.slice(open + 1).filter((p) => p.name !== ']' && p.name !== ',');
      if (this.isEnviron(object)) {
        this.emit('process.env[');
        inside[0] ? this.expression(inside[0]) : this.emit('""');
        this.emit(']');
        return;
      }
      this.expression(object);
      if (inside.some((p) => p.name === ':')) {
        this.emit('.slice()');
        return;
      }
      this.emit('[');
      if (inside.length === 1) this.expression(inside[0]);
      else if (inside.length) this.arrayOf(inside);
      else this.emit('0');
      this.emit(']');
      return;
    }
    const property = parts.find((p) => p.name === 'PropertyName');
    if (!property) {
      this.expression(object);
      return;
    }
    const name = this.text(property);
    // `os.environ` is `process.env`.
    if (name === 'environ' && object.name === 'VariableName' && this.modules.get(this.text(object)) === 'os') {
      this.emit('process.env');
      return;
    }
    this.expression(object);
    this.emit('.');
    // Attributes of an imported module keep their names (the module's definitions keep theirs,
    // and a CDK module's lowercase attributes are its submodules: `cdk.aws_s3`); members of
    // objects are read back from snake_case.
    const moduleObject = object.name === 'VariableName' && this.modules.has(this.text(object));
    this.token(property.from, property.to, moduleObject ? tsIdentifier(name) : tsMemberName(name));
  }

  private isEnviron(node: SyntaxNode): boolean {
    if (node.name !== 'MemberExpression') return false;
    const parts = children(node);
    const property = parts.find((p) => p.name === 'PropertyName');
    return (
      !!property && this.text(property) === 'environ' && parts[0].name === 'VariableName' && this.modules.get(this.text(parts[0])) === 'os'
    );
  }

  private call(node: SyntaxNode): void {
    const parts = children(node);
    const callee = parts[0];
    const argList = parts.find((p) => p.name === 'ArgList');
    const args = argList ? this.args(argList) : { positional: [], keywords: [] };
    const calleeText = this.text(callee);
    const special = this.specialCall(callee, calleeText, args);
    if (special) return;
    const last = lastName(callee, this.src);
    const isClass = last !== undefined && /^_?[A-Z]/.test(last) && /[a-z]/.test(last);
    if (isClass && !args.positional.length && this.isCdkStruct(callee)) {
      // `ec2.SubnetSelection(subnet_type=...)` is the object `{ subnetType: ... }` in TypeScript.
      if (args.keywords.length) this.props(args);
      else this.emit('{}');
      return;
    }
    if (isClass) this.emit('new ');
    this.expression(callee);
    this.emit('(');
    const shape =
      last === undefined ? undefined : (callShape(isClass ? `new ${last}` : tsMemberName(last)) ?? constructShape(isClass, args, this.src));
    if (shape && args.positional.length <= shape.struct && !args.positional.some((p) => p.star)) this.boundArguments(args, shape);
    else this.argumentsOf(args);
    this.emit(')');
  }

  /**
   * Arguments bound as jsii's Python binds them (`names.ts`'s call shapes): a keyword naming a
   * positional parameter goes to its place, parameters left out are `undefined`, the other
   * keywords are the struct at its index — `add_method("POST", authorizer=auth)` is
   * `addMethod("POST", undefined, { authorizer: auth })`.
   */
  private boundArguments(args: Args, shape: CallShape): void {
    const byName = new Map<number, Args['keywords'][number]>();
    const rest: Args['keywords'] = [];
    for (const k of args.keywords) {
      const index = k.name ? shape.positional.indexOf(tsMemberName(this.text(k.name))) : -1;
      if (index >= args.positional.length) byName.set(index, k);
      else rest.push(k);
    }
    const count = rest.length ? shape.struct + 1 : Math.max(args.positional.length, ...[...byName.keys()].map((i) => i + 1));
    for (let i = 0; i < count; i++) {
      if (i) this.emit(', ');
      if (i < args.positional.length) this.expression(args.positional[i].value);
      else if (byName.has(i)) this.expression(byName.get(i)!.value);
      else if (i === shape.struct) this.props({ positional: [], keywords: rest });
      else this.emit('undefined');
    }
  }

  /** Whether a call's callee is a CDK struct (`ec2.SubnetSelection`, `SubnetSelection` imported from the CDK). */
  private isCdkStruct(callee: SyntaxNode): boolean {
    const path: string[] = [];
    let node: SyntaxNode | null = callee;
    while (node?.name === 'MemberExpression') {
      const property = children(node).find((c) => c.name === 'PropertyName');
      if (!property || children(node).some((c) => c.name === '[')) return false;
      path.unshift(this.text(property));
      node = node.firstChild;
    }
    if (node?.name !== 'VariableName') return false;
    const root = this.text(node);
    const fromCdk = path.length ? (this.modules.get(root)?.startsWith('aws_cdk') ?? this.cdkNames.has(root)) : this.cdkNames.has(root);
    if (!fromCdk) return false;
    const names = [root, ...path];
    return isCdkStructName(names[names.length - 1], names.length > 1 ? names[names.length - 2] : undefined);
  }

  private argumentsOf(args: Args): void {
    let first = true;
    const comma = () => {
      if (!first) this.emit(', ');
      first = false;
    };
    for (const p of args.positional) {
      comma();
      if (p.star) this.emit('...');
      this.expression(p.value);
    }
    if (args.keywords.length) {
      comma();
      this.props(args);
    }
  }

  /** Keyword arguments as the trailing props object (its span: from the first keyword to the last). */
  private props(args: Args): void {
    const from = args.keywords[0].from;
    const to = args.keywords[args.keywords.length - 1].to;
    this.spanned({ from, to }, () => {
      this.emit('{ ');
      args.keywords.forEach((k, i) => {
        if (i) this.emit(', ');
        this.spanned({ from: k.from, to: k.to }, () => {
          if (k.spread) {
            this.emit('...');
            // `**{"enforce_ssl": True}`: keyword arguments written as a dict.
            if (k.value.name === 'DictionaryExpression') this.propsDictAt = k.value.from;
            this.expression(k.value);
            return;
          }
          this.token(k.name!.from, k.name!.to, tsMemberName(this.text(k.name!)));
          this.emit(': ');
          this.expression(k.value);
        });
      });
      this.emit(' }');
    });
  }

  private args(list: SyntaxNode): Args {
    const positional: Args['positional'] = [];
    const keywords: Args['keywords'] = [];
    // Comments inside the parentheses are not arguments (`storage_encrypted=True,  # required`).
    const parts = children(list).filter((p) => p.name !== '(' && p.name !== ')' && p.name !== 'Comment' && !p.type.isError);
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (p.name === ',') continue;
      if (p.name === '*' && parts[i + 1]) {
        positional.push({ value: parts[++i], star: true });
      } else if (p.name === '**' && parts[i + 1]) {
        keywords.push({ value: parts[i + 1], spread: true, from: p.from, to: parts[i + 1].to });
        i++;
      } else if (p.name === 'VariableName' && parts[i + 1]?.name === 'AssignOp' && parts[i + 2] && parts[i + 2].name !== ',') {
        keywords.push({ name: p, value: parts[i + 2], from: p.from, to: parts[i + 2].to });
        i += 2;
      } else if (p.name === 'for' || p.name === 'in' || p.name === 'if') {
        // A generator argument (`sum(x for x in xs)`): read its first part only.
        break;
      } else {
        positional.push({ value: p });
      }
    }
    return { positional, keywords };
  }

  /** Calls whose Python spelling differs from the JavaScript the rules read. */
  private specialCall(callee: SyntaxNode, text: string, args: Args): boolean {
    const [first, second] = args.positional;
    const modules = this.modules;
    const moduleOf = (object: string) => modules.get(object);
    const dot = text.lastIndexOf('.');
    const object = dot > 0 ? text.slice(0, dot).replace(/\s+/g, '') : '';
    const method = dot > 0 ? text.slice(dot + 1).trim() : text;
    const plainCall = (name: string, values: SyntaxNode[]) => {
      this.emit(`${name}(`);
      values.forEach((v, i) => {
        if (i) this.emit(', ');
        this.expression(v);
      });
      this.emit(')');
      return true;
    };
    if (callee.name === 'VariableName') {
      switch (text) {
        case 'print':
          return plainCall(
            'console.log',
            args.positional.map((p) => p.value),
          );
        case 'eval':
        case 'exec':
          return plainCall('eval', first ? [first.value] : []);
        case 'str':
        case 'repr':
          if (first && first.value.name === 'VariableName' && this.text(first.value) === this.scope.error) {
            // Unspanned: `e.message` then starts and ends where `str(e)` does.
            this.emit(`${this.varName(this.text(first.value))}.message`);
            return true;
          }
          return plainCall('String', first ? [first.value] : []);
        case 'dict':
          if (!args.positional.length) {
            if (args.keywords.length) this.props(args);
            else this.emit('{}');
            return true;
          }
          return false;
        case 'super':
          return false;
      }
    }
    // super().__init__(scope, id, **kwargs) → super(scope, id, { ...kwargs })
    if (method === '__init__' && callee.name === 'MemberExpression' && /^super\s*\(\s*\)$/.test(object)) {
      this.emit('super(');
      this.argumentsOf(args);
      this.emit(')');
      return true;
    }
    const module = object.includes('.') ? undefined : moduleOf(object);
    if (module === 'json' && (method === 'loads' || method === 'dumps')) {
      return plainCall(method === 'loads' ? 'JSON.parse' : 'JSON.stringify', first ? [first.value] : []);
    }
    if (module === 'os' && (method === 'system' || method === 'popen')) {
      this.prelude.add(`import * as ${CHILD_PROCESS} from 'child_process';`);
      return plainCall(`${CHILD_PROCESS}.execSync`, first ? [first.value] : []);
    }
    if (module === 'os' && method === 'getenv' && first) {
      return this.envRead(first.value, second?.value);
    }
    if (method === 'get' && this.isEnvironText(object) && first) {
      return this.envRead(first.value, second?.value);
    }
    if (module === 'subprocess' && first) {
      // A shell runs the command: `shell=True`, `getoutput`, or a command built as one string
      // (`subprocess.run(f"convert {name}")`) rather than an argument list.
      const shell =
        args.keywords.some((k) => k.name && this.text(k.name) === 'shell' && this.text(k.value) === 'True') ||
        method === 'getoutput' ||
        method === 'getstatusoutput' ||
        isBuiltString(first.value, this.src);
      if (shell) {
        this.prelude.add(`import * as ${CHILD_PROCESS} from 'child_process';`);
        return plainCall(`${CHILD_PROCESS}.execSync`, [first.value]);
      }
      return false;
    }
    // `d.get("key")`, `d.get("key", default)` of a dict (not a module's `get`): the key read.
    if (
      method === 'get' &&
      callee.name === 'MemberExpression' &&
      !modules.has(object.split('.')[0]) &&
      first?.value.name === 'String' &&
      !first.star &&
      args.positional.length <= 2 &&
      !args.keywords.length
    ) {
      if (second) this.emit('(');
      this.expression(children(callee)[0]);
      this.emit('[');
      this.expression(first.value);
      this.emit(']');
      if (second) {
        this.emit(' ?? ');
        this.expression(second.value);
        this.emit(')');
      }
      return true;
    }
    if (module === 'traceback' && (method === 'format_exc' || method === 'format_exception')) {
      if (this.scope.error) {
        this.emit(`${tsIdentifier(this.scope.error)}.stack`);
        return true;
      }
      return false;
    }
    // "... %s ..." % value, "...{}...".format(value): the string built from the value.
    if (method === 'format' && callee.name === 'MemberExpression') {
      const target = children(callee)[0];
      if (target && isStringNode(target.name)) {
        this.emit('(');
        this.expression(target);
        for (const p of [...args.positional.map((a) => a.value), ...args.keywords.map((k) => k.value)]) {
          this.emit(' + ');
          this.expression(p);
        }
        this.emit(')');
        return true;
      }
    }
    return false;
  }

  private isEnvironText(object: string): boolean {
    const [head, tail] = object.split('.');
    return tail === 'environ' && this.modules.get(head) === 'os';
  }

  private envRead(key: SyntaxNode, fallback: SyntaxNode | undefined): boolean {
    const name = key.name === 'String' ? stringValue(this.text(key)) : undefined;
    if (fallback) this.emit('(');
    if (name !== undefined && /^[A-Za-z_$][\w$]*$/.test(name)) {
      // The name unspanned: the read ends where the call does (`os.getenv("KEY")`, not `os.getenv("KEY"`).
      this.emit(`process.env.${name}`);
    } else {
      this.emit('process.env[');
      this.expression(key);
      this.emit(']');
    }
    if (fallback) {
      this.emit(' ?? ');
      this.expression(fallback);
      this.emit(')');
    }
    return true;
  }

  private sequence(node: SyntaxNode): void {
    const parts = children(node).filter(
      (p) => p.name !== '(' && p.name !== ')' && p.name !== '[' && p.name !== ']' && p.name !== '{' && p.name !== '}',
    );
    this.emit('[');
    let first = true;
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (p.name === ',' || p.type.isError) continue;
      if (!first) this.emit(', ');
      first = false;
      if (p.name === '*' && parts[i + 1]) {
        this.emit('...');
        this.expression(parts[++i]);
      } else this.expression(p);
    }
    this.emit(']');
  }

  private dict(node: SyntaxNode): void {
    const asProps = node.from === this.propsDictAt;
    this.propsDictAt = -1;
    const parts = children(node).filter((p) => p.name !== '{' && p.name !== '}' && !p.type.isError);
    this.emit('{ ');
    let first = true;
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (p.name === ',') continue;
      if (!first) this.emit(', ');
      first = false;
      if (p.name === '**' && parts[i + 1]) {
        const value = parts[++i];
        this.spanned({ from: p.from, to: value.to }, () => {
          this.emit('...');
          this.expression(value);
        });
        continue;
      }
      const key = p;
      const value = parts[i + 1]?.name === ':' ? parts[i + 2] : undefined;
      i += value ? 2 : 0;
      this.spanned({ from: key.from, to: (value ?? key).to }, () => {
        if (key.name === 'String') {
          const text = stringValue(this.text(key));
          if (asProps && text && /^[A-Za-z_]\w*$/.test(text)) this.token(key.from, key.to, tsMemberName(text));
          else this.token(key.from, key.to, JSON.stringify(text ?? ''));
        } else {
          this.emit('[');
          this.expression(key);
          this.emit(']');
        }
        this.emit(': ');
        value ? this.expression(value) : this.emit('undefined');
      });
    }
    this.emit(' }');
  }

  /** `[f(x) for x in xs if c]` → `xs.filter((x) => c).map((x) => f(x))`. */
  private comprehension(node: SyntaxNode): void {
    const parts = children(node).filter((p) => !['[', ']', '{', '}', '(', ')'].includes(p.name));
    const forAt = parts.findIndex((p) => p.name === 'for');
    const inAt = parts.findIndex((p, i) => i > forAt && p.name === 'in');
    if (forAt < 1 || inAt < 0) return this.emit('[]');
    const element = parts[0];
    const targets = parts.slice(forAt + 1, inAt).filter((p) => p.name !== ',');
    const iterable = parts[inAt + 1];
    const ifAt = parts.findIndex((p, i) => i > inAt && p.name === 'if');
    const condition = ifAt >= 0 ? parts[ifAt + 1] : undefined;
    this.emit('(');
    iterable ? this.expression(iterable) : this.emit('[]');
    this.emit(')');
    if (condition) {
      this.emit('.filter((');
      this.bindingPattern(targets);
      this.emit(') => ');
      this.expression(condition);
      this.emit(')');
    }
    this.emit('.map((');
    this.bindingPattern(targets);
    this.emit(') => ');
    this.expression(element);
    this.emit(')');
  }

  private dictComprehension(node: SyntaxNode): void {
    const parts = children(node).filter((p) => !['{', '}'].includes(p.name));
    const forAt = parts.findIndex((p) => p.name === 'for');
    const inAt = parts.findIndex((p, i) => i > forAt && p.name === 'in');
    if (forAt < 3 || inAt < 0) return this.emit('{}');
    const targets = parts.slice(forAt + 1, inAt).filter((p) => p.name !== ',');
    this.emit('Object.fromEntries((');
    parts[inAt + 1] ? this.expression(parts[inAt + 1]) : this.emit('[]');
    this.emit(').map((');
    this.bindingPattern(targets);
    this.emit(') => [');
    this.expression(parts[0]);
    this.emit(', ');
    this.expression(parts[2]);
    this.emit(']))');
  }

  private binary(node: SyntaxNode): void {
    const parts = children(node);
    const left = parts[0];
    const right = parts[parts.length - 1];
    const ops = parts
      .slice(1, -1)
      .map((p) => this.text(p))
      .join(' ');
    if (ops === 'not in') {
      this.emit('!(');
      this.expression(left);
      this.emit(' in ');
      this.expression(right);
      this.emit(')');
      return;
    }
    // `"... %s" % value` builds a string from the value.
    const op =
      ops === '%' && isStringNode(left.name)
        ? '+'
        : ((
            { and: '&&', or: '||', is: '===', 'is not': '!==', '==': '===', '!=': '!==', '//': '/', '@': '*', '<>': '!==' } as Record<
              string,
              string
            >
          )[ops] ?? ops);
    this.expression(left);
    this.emit(` ${op} `);
    this.expression(right);
  }

  private lambda(node: SyntaxNode): void {
    const parts = children(node);
    const params = parts.find((p) => p.name === 'ParamList');
    const body = parts[parts.length - 1];
    const list = params ? this.paramList(params) : [];
    this.pushScope('function', undefined);
    for (const p of list) this.scope.declared.add(this.text(p.name));
    this.emit('((');
    list.forEach((p, i) => {
      if (i) this.emit(', ');
      this.param(p);
    });
    this.emit(') => ');
    if (body && body !== params && body.name !== ':' && body.name !== 'lambda') {
      this.emit('(');
      this.expression(body);
      this.emit(')');
    } else this.emit('undefined');
    this.emit(')');
    this.popScope();
  }

  /** Strings, f-strings and implicit concatenations. */
  private string(node: SyntaxNode): void {
    const pieces = node.name === 'ContinuedString' ? children(node) : [node];
    if (pieces.every((p) => p.name === 'String')) {
      const value = pieces.map((p) => stringValue(this.text(p)) ?? '').join('');
      this.emit(JSON.stringify(value));
      return;
    }
    this.emit('`');
    for (const piece of pieces) {
      if (piece.name === 'String') {
        this.emit(templateText(stringValue(this.text(piece)) ?? ''));
        continue;
      }
      // An f-string: literal text between replacement fields.
      const text = this.text(piece);
      const prefix = /^[A-Za-z]*/.exec(text)![0];
      const quote = text.slice(prefix.length).startsWith('"""') || text.slice(prefix.length).startsWith("'''") ? 3 : 1;
      const raw = /r/i.test(prefix);
      let cursor = piece.from + prefix.length + quote;
      const end = piece.to - quote;
      for (const field of children(piece)) {
        if (field.name !== 'FormatReplacement') continue;
        this.emit(templateText(decodeEscapes(this.src.slice(cursor, field.from), raw).replace(/\{\{/g, '{').replace(/\}\}/g, '}')));
        const inner = children(field).find(
          (c) => !['{', '}', 'FormatSpec', 'FormatConversion', 'FormatSelfDoc', ':', '!', '='].includes(c.name) && !c.type.isError,
        );
        this.emit('${');
        if (inner) this.expression(inner);
        else this.emit('undefined');
        this.emit('}');
        cursor = field.to;
      }
      if (cursor < end)
        this.emit(templateText(decodeEscapes(this.src.slice(cursor, end), raw).replace(/\{\{/g, '{').replace(/\}\}/g, '}')));
    }
    this.emit('`');
  }
}

/** The local name under which the lowering refers to Node's `child_process` (never a Python name). */
const CHILD_PROCESS = '__slsguard_child_process';

interface Param {
  name: SyntaxNode;
  star: string;
  type?: SyntaxNode;
  default?: SyntaxNode;
}

interface Args {
  positional: Array<{ value: SyntaxNode; star?: boolean }>;
  keywords: Array<{ name?: SyntaxNode; value: SyntaxNode; spread?: boolean; from: number; to: number }>;
}

// ---- helpers ------------------------------------------------------------------------------

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

const PUNCTUATION = new Set([
  ',',
  ':',
  ';',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '.',
  '=',
  'AssignOp',
  '*',
  '**',
  'as',
  'in',
  'if',
  'else',
  'for',
  'from',
  'import',
]);

function isPunctuation(name: string): boolean {
  return PUNCTUATION.has(name);
}

const KEYWORDS = new Set([
  'return',
  'raise',
  'del',
  'assert',
  'await',
  'print',
  'pass',
  'break',
  'continue',
  'global',
  'nonlocal',
  'yield',
  'from',
  'not',
  'async',
  'lambda',
]);

/** The expression children of a node: everything but punctuation, keywords and comments. */
function expressions(node: SyntaxNode): SyntaxNode[] {
  return children(node).filter(
    (c) => !isPunctuation(c.name) && !KEYWORDS.has(c.name) && c.name !== 'Comment' && !c.type.isError && c.name !== 'TypeDef',
  );
}

function isStringNode(name: string): boolean {
  return name === 'String' || name === 'FormatString' || name === 'ContinuedString';
}

function lastName(callee: SyntaxNode, src: string): string | undefined {
  if (callee.name === 'VariableName') return src.slice(callee.from, callee.to);
  if (callee.name === 'MemberExpression') {
    const prop = children(callee).find((c) => c.name === 'PropertyName');
    return prop ? src.slice(prop.from, prop.to) : undefined;
  }
  return undefined;
}

/** Text built as one string: a literal, an f-string, `"…" + x`, `"…" % x`, `"…".format(x)`. */
function isBuiltString(node: SyntaxNode, src: string): boolean {
  if (isStringNode(node.name)) return true;
  if (node.name === 'BinaryExpression') {
    const left = node.firstChild;
    const op = left?.nextSibling;
    return !!left && !!op && ['+', '%'].includes(src.slice(op.from, op.to)) && isBuiltString(left, src);
  }
  if (node.name === 'CallExpression') {
    const callee = node.firstChild;
    const target = callee?.name === 'MemberExpression' ? callee.firstChild : undefined;
    return !!target && isStringNode(target.name) && lastName(callee!, src) === 'format';
  }
  return false;
}

function trimEnd(src: string, to: number): number {
  while (to > 0 && /\s/.test(src[to - 1])) to--;
  return to;
}

function numberText(text: string): string {
  const t = text.replace(/[jJlL]$/, '');
  if (/^0[0-7]+$/.test(t)) return `0o${t.slice(1)}`;
  return /^[0-9._a-fA-FxXoObBeE+-]+$/.test(t) ? t.replace(/_$/, '') : '0';
}

/** Type annotations the model reads (`fn: _lambda.IFunction`); anything else is left out. */
function typeText(typeDef: SyntaxNode, src: string): string | undefined {
  const inner = typeDef.lastChild;
  if (!inner) return undefined;
  const text = src.slice(inner.from, inner.to);
  const builtin: Record<string, string> = { str: 'string', int: 'number', float: 'number', bool: 'boolean' };
  if (builtin[text]) return builtin[text];
  if (
    (inner.name === 'VariableName' || inner.name === 'MemberExpression') &&
    /^[A-Za-z_][\w.]*$/.test(text) &&
    !['dict', 'list', 'Any', 'None'].includes(text)
  )
    return text;
  return undefined;
}

/** The value of a Python string literal (`'a'`, `r"\d"`, `"""x"""`, `b'..'`); undefined for an f-string. */
export function stringValue(literal: string): string | undefined {
  const prefix = /^[A-Za-z]*/.exec(literal)![0];
  if (/f/i.test(prefix)) return undefined;
  const body = literal.slice(prefix.length);
  const quote = body.startsWith('"""') || body.startsWith("'''") ? 3 : 1;
  const closed = body.length >= 2 * quote && body.endsWith(body.slice(0, quote));
  const inner = body.slice(quote, closed ? body.length - quote : body.length);
  return decodeEscapes(inner, /r/i.test(prefix));
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
};

function decodeEscapes(text: string, raw: boolean): string {
  if (raw || !text.includes('\\')) return text;
  return text.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|\r?\n|.)/g, (all, e: string) => {
    if (e === '\n' || e === '\r\n') return '';
    if (e[0] === 'x' || e[0] === 'u' || e[0] === 'U') {
      const code = parseInt(e.slice(1), 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return SIMPLE_ESCAPES[e] ?? all;
  });
}

function templateText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

/** Names spread as keyword arguments anywhere in the file: `f(**props)`. */
function spreadNames(top: SyntaxNode, src: string): Set<string> {
  const names = new Set<string>();
  if (!src.includes('**')) return names;
  top.cursor().iterate((ref) => {
    if (ref.name !== 'ArgList') return;
    for (let c = ref.node.firstChild; c; c = c.nextSibling) {
      if (c.name === '**' && c.nextSibling?.name === 'VariableName') names.add(src.slice(c.nextSibling.from, c.nextSibling.to));
    }
  });
  return names;
}

/** How often each simple name is bound in a scope's own body (not nested functions or classes). */
function countBindings(body: SyntaxNode, src: string, scope: Scope): void {
  const counts = new Map<string, number>();
  const inBlock = new Set<string>();
  const bind = (node: SyntaxNode, nested: boolean) => {
    if (node.name !== 'VariableName') return;
    const name = src.slice(node.from, node.to);
    counts.set(name, (counts.get(name) ?? 0) + 1);
    if (nested) inBlock.add(name);
  };
  const visit = (node: SyntaxNode, nested: boolean, depth: number) => {
    if (depth > MAX_DEPTH) return;
    for (const child of children(node)) {
      switch (child.name) {
        case 'AssignStatement': {
          const parts = children(child);
          const lastOp = parts.map((p) => p.name).lastIndexOf('AssignOp');
          for (const p of parts.slice(0, Math.max(lastOp, 0))) {
            if (p.name === 'VariableName') bind(p, nested);
            else if (p.name === 'TupleExpression' || p.name === 'ArrayExpression') for (const e of children(p)) bind(e, true);
          }
          if (parts.filter((p) => p.name === 'VariableName').length > 1 && parts.some((p) => p.name === ',')) {
            for (const p of parts.slice(0, Math.max(lastOp, 0))) if (p.name === 'VariableName') inBlock.add(src.slice(p.from, p.to));
          }
          break;
        }
        case 'UpdateStatement': {
          const target = child.firstChild;
          if (target) {
            bind(target, nested);
            bind(target, nested);
          }
          break;
        }
        case 'WithStatement':
        case 'IfStatement':
        case 'ForStatement':
        case 'WhileStatement':
        case 'TryStatement':
        case 'MatchStatement':
        case 'MatchBody':
        case 'MatchClause':
        case 'Body':
          if (child.name === 'WithStatement') {
            const parts = children(child);
            parts.forEach((p, i) => {
              if (p.name === 'as' && parts[i + 1]) bind(parts[i + 1], true);
            });
          }
          visit(child, child.name === 'Body' ? true : nested, depth + 1);
          break;
        case 'StatementGroup':
          visit(child, nested, depth + 1);
          break;
        default:
          break;
      }
    }
  };
  visit(body, false, 0);
  for (const [name, count] of counts) {
    if (count === 1 && !inBlock.has(name)) scope.single.add(name);
    else scope.hoisted.add(name);
  }
}

/**
 * A construct called with its scope or id by name (`rds.DatabaseInstance(scope=self, id="Db",
 * engine=...)`): jsii's Python binds `scope` and `id` to the first two parameters and the other
 * keywords to the props, as for a positional call.
 */
function constructShape(isClass: boolean, args: Args, src: string): CallShape | undefined {
  if (!isClass || args.positional.length >= 2) return undefined;
  const named = new Set(args.keywords.map((k) => (k.name ? src.slice(k.name.from, k.name.to) : '')));
  if (!named.has('scope') && !(named.has('id') && args.positional.length === 1)) return undefined;
  return { struct: 2, positional: ['scope', 'id'] };
}
