import * as path from 'node:path';
import * as ts from 'typescript';
import type { FileContext } from '../model/fileContext';
import type { Resolver } from '../model/resolver';
import { findDeclaration, isConstDeclaration, skipOuter } from '../model/scope';
import { asString, certainlyLacks, fqnIs, prop, Value } from '../model/values';
import type { RuleContext } from '../rule';
import type { Range } from '../types';
import { HANDLER_EXTENSIONS } from './models';

/**
 * The handlers a CDK file names. CDK resolves relative paths the way Node does, against the
 * process's working directory, which is the app root (where `cdk.json` is) when `cdk synth` runs:
 * - `new NodejsFunction(this, id, { entry, handler })`: `entry` is a file; `handler` the export
 *   (default `handler`; with a dot, the part after the last dot). Without `entry`, the file is
 *   `<defining file>.<id>.ts` (or `.js`, `.mjs`, `.mts`, `.cts`, `.cjs`) next to the stack file.
 * - `new lambda.Function(this, id, { handler: 'dir/file.fn', code: Code.fromAsset(dir) })`: the
 *   file `<asset dir>/dir/file` with any JavaScript or TypeScript extension, export `fn` (with a
 *   Python runtime, `<asset dir>/dir/file.py` and its function `fn`).
 * Paths built with `path.join` / `path.resolve`, `__dirname`, templates and constants are
 * followed. Where there is no `cdk.json` above the stack file, each directory above it is tried,
 * nearest first (the project pass takes the first that names an analysed file).
 */
export interface FunctionFact {
  kind: 'function';
  /** The exported name Lambda calls. */
  export: string;
  /** Candidate files, one group per possible app root, nearest first. */
  candidates: string[][];
  /** `NodejsFunction 'CreateOrder'` */
  construct: string;
  range: Range;
}

const NODEJS_FUNCTION = 'aws-lambda-nodejs.NodejsFunction';
const LAMBDA_FUNCTIONS = ['aws-lambda.Function', 'aws-lambda.SingletonFunction'];
const DEFAULT_ENTRY_EXTENSIONS = ['.ts', '.js', '.mjs', '.mts', '.cts', '.cjs'];
const ASSET_FACTORIES = ['aws-lambda.Code.fromAsset', 'aws-lambda.Code.asset', 'aws-lambda.AssetCode.fromAsset'];

type Location = { abs: string } | { rel: string };

const cache = new WeakMap<Resolver, WeakMap<FileContext, FunctionFact[]>>();
const CLASS_NAMES = new Set([NODEJS_FUNCTION, ...LAMBDA_FUNCTIONS].map((n) => n.slice(n.lastIndexOf('.') + 1)));

/** The functions a file declares, computed once per analysis pass (every handler rule records them). */
export function functionFacts(ctx: RuleContext): FunctionFact[] {
  let byFile = cache.get(ctx.resolver);
  if (!byFile) cache.set(ctx.resolver, (byFile = new WeakMap()));
  let facts = byFile.get(ctx.file);
  if (!facts) byFile.set(ctx.file, (facts = computeFacts(ctx)));
  return facts;
}

function computeFacts(ctx: RuleContext): FunctionFact[] {
  const out: FunctionFact[] = [];
  // Cheap first: only `new` expressions whose class is spelled (or imported) as a function class.
  const named = ctx.file.index.newExpressions.filter((n) => {
    const e = skipOuter(n.expression);
    const name = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
    if (name === undefined) return false;
    if (CLASS_NAMES.has(name)) return true;
    const binding = ts.isIdentifier(e) ? ctx.file.imports.get(name) : undefined;
    return !!binding && CLASS_NAMES.has(binding.path[binding.path.length - 1]);
  });
  const news = named.filter((n) => fqnIs(ctx.fqn(n.expression), NODEJS_FUNCTION, ...LAMBDA_FUNCTIONS));
  if (news.length === 0) return out;
  const roots = appRoots(ctx);
  for (const expr of news) {
    const fact = functionFact(ctx, expr, roots);
    if (fact) out.push(fact);
  }
  return out;
}

function functionFact(ctx: RuleContext, expr: ts.NewExpression, roots: string[]): FunctionFact | undefined {
  const fqn = ctx.fqn(expr.expression);
  const isNodejs = fqnIs(fqn, NODEJS_FUNCTION);
  const props = ctx.constructProps(expr);
  const id = expr.arguments?.[1] ? asString(ctx.resolve(expr.arguments[1])) : undefined;
  const handlerEntry = prop(props, 'handler');
  const handler = handlerEntry ? asString(handlerEntry.value) : undefined;
  if (handlerEntry && handler === undefined) return undefined;
  const codeEntry = prop(props, 'code');
  const construct = `${fqn?.slice(fqn.lastIndexOf('.') + 1) ?? 'Function'}${id !== undefined ? ` '${id}'` : ''}`;
  const at = (value: Value | undefined) => (value ? ctx.locate(value).range : ctx.file.headRange(expr));

  if (isNodejs && !codeEntry) {
    const exportName = handler === undefined ? 'handler' : handler.slice(handler.lastIndexOf('.') + 1);
    const entryEntry = prop(props, 'entry');
    let candidates: string[][];
    if (entryEntry) {
      const loc = evalValue(ctx, entryEntry.value);
      if (!loc) return undefined;
      candidates = 'abs' in loc ? [[loc.abs]] : roots.map((r) => [path.posix.join(r, loc.rel)]);
    } else if (!props || certainlyLacks(props, 'entry')) {
      if (id === undefined) return undefined;
      const stem = ctx.file.path.replace(/\.[^./]+$/, '');
      candidates = [DEFAULT_ENTRY_EXTENSIONS.map((ext) => `${stem}.${id}${ext}`)];
    } else {
      return undefined;
    }
    return { kind: 'function', export: exportName, candidates, construct, range: at(handlerEntry?.value ?? entryEntry?.value) };
  }

  // lambda.Function / SingletonFunction, or NodejsFunction with `code`: 'dir/file.export' in an asset.
  if (handler === undefined || !handler.includes('.') || !codeEntry) return undefined;
  const extensions = isNodejs ? NODE_EXTENSIONS : runtimeExtensions(prop(props, 'runtime')?.value);
  if (!extensions) return undefined;
  const dir = assetDir(ctx, codeEntry.value);
  if (!dir) return undefined;
  const fileStem = handler.slice(0, handler.lastIndexOf('.'));
  const exportName = handler.slice(handler.lastIndexOf('.') + 1);
  const withExtensions = (base: string) => extensions.map((ext) => `${path.posix.join(base, fileStem)}${ext}`);
  const candidates = 'abs' in dir ? [withExtensions(dir.abs)] : roots.map((r) => withExtensions(path.posix.join(r, dir.rel)));
  return { kind: 'function', export: exportName, candidates, construct, range: at(handlerEntry?.value) };
}

const NODE_EXTENSIONS = HANDLER_EXTENSIONS.filter((ext) => ext !== '.py');

/**
 * The handler files a runtime can name: Node.js → JavaScript and TypeScript, Python → `.py`,
 * an unknown runtime → any of them; another language (Java, Go, …) names no file we analyse.
 */
function runtimeExtensions(runtime: Value | undefined): readonly string[] | undefined {
  if (!runtime || runtime.kind !== 'ref') return HANDLER_EXTENSIONS;
  if (/\.Runtime\.NODEJS/.test(runtime.fqn)) return NODE_EXTENSIONS;
  if (/\.Runtime\.PYTHON/.test(runtime.fqn)) return ['.py'];
  return undefined;
}

function assetDir(ctx: RuleContext, code: Value): Location | undefined {
  const arg =
    code.kind === 'call' && fqnIs(code.fqn, ...ASSET_FACTORIES)
      ? code.expr.arguments[0]
      : code.kind === 'new' && fqnIs(code.fqn, 'aws-lambda.AssetCode')
        ? code.expr.arguments?.[0]
        : undefined;
  if (!arg) return undefined;
  return code.file === ctx.file ? evalPath(ctx, arg, 0) : evalValue(ctx, ctx.resolver.resolve(arg, code.file));
}

/** A resolved value as a path: text from anywhere, expressions only in this file (`__dirname` is this file's). */
function evalValue(ctx: RuleContext, value: Value): Location | undefined {
  const text = asString(value);
  if (text !== undefined) return text.startsWith('/') ? { abs: path.posix.normalize(text) } : { rel: text };
  return value.file === ctx.file ? evalPath(ctx, value.node as ts.Expression, 0) : undefined;
}

/** The app root(s): the directory of the nearest `cdk.json` above the file, else every directory above it. */
function appRoots(ctx: RuleContext): string[] {
  const dirs: string[] = [];
  let dir = path.posix.dirname(ctx.file.path);
  for (;;) {
    if (ctx.fileExists(`${dir === '/' ? '' : dir}/cdk.json`)) return [dir];
    dirs.push(dir);
    const parent = path.posix.dirname(dir);
    if (parent === dir) return dirs;
    dir = parent;
  }
}

/**
 * A path expression of the CDK file: `'lambda/x.ts'` (relative to the app root),
 * `path.join(__dirname, '../lambda/x.ts')`, `` `${__dirname}/x.ts` ``, `path.resolve(…)`,
 * `import.meta.dirname`, `path.dirname(fileURLToPath(import.meta.url))`, and constants.
 */
function evalPath(ctx: RuleContext, node: ts.Expression, depth: number): Location | undefined {
  if (depth > 10) return undefined;
  const e = skipOuter(node);
  const here = path.posix.dirname(ctx.file.path);
  if (ts.isStringLiteralLike(e)) return e.text.startsWith('/') ? { abs: path.posix.normalize(e.text) } : { rel: e.text };
  if (ts.isIdentifier(e)) {
    const decl = findDeclaration(e);
    if (!decl && e.text === '__dirname') return { abs: here };
    if (!decl && e.text === '__filename') return { abs: ctx.file.path };
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer && isConstDeclaration(decl))
      return evalPath(ctx, decl.initializer, depth + 1);
    const value = asString(ctx.resolve(e));
    return value === undefined ? undefined : evalPath(ctx, ts.factory.createStringLiteral(value), depth + 1);
  }
  if (ts.isPropertyAccessExpression(e) && ts.isMetaProperty(e.expression)) {
    if (e.name.text === 'dirname') return { abs: here };
    if (e.name.text === 'filename' || e.name.text === 'url') return { abs: ctx.file.path };
    return undefined;
  }
  if (ts.isTemplateExpression(e) || (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken)) {
    const parts = ts.isTemplateExpression(e)
      ? [e.head.text, ...e.templateSpans.flatMap((s) => [s.expression, s.literal.text])]
      : [e.left, e.right];
    let text = '';
    let abs = false;
    for (const [i, part] of parts.entries()) {
      if (typeof part === 'string') {
        text += part;
        continue;
      }
      const loc = evalPath(ctx, part, depth + 1);
      if (!loc) return undefined;
      if ('abs' in loc) {
        if (i !== 0 && text !== '') return undefined;
        abs = true;
        text += loc.abs;
      } else {
        text += loc.rel;
      }
    }
    return abs || text.startsWith('/') ? { abs: path.posix.normalize(text) } : { rel: text };
  }
  if (ts.isCallExpression(e)) {
    const ref = ctx.resolver.symbolRef(e.expression, ctx.file);
    const fn =
      ref && (ref.module === 'path' || ref.module === 'path/posix')
        ? ref.path.filter((p) => p !== 'posix' && p !== 'default').join('.')
        : undefined;
    if (ref && ref.module === 'url' && ref.path.join('.') === 'fileURLToPath' && e.arguments[0])
      return evalPath(ctx, e.arguments[0], depth + 1);
    if (fn === 'dirname' && e.arguments[0]) {
      const inner = evalPath(ctx, e.arguments[0], depth + 1);
      if (!inner) return undefined;
      return 'abs' in inner ? { abs: path.posix.dirname(inner.abs) } : { rel: path.posix.dirname(inner.rel) };
    }
    if (fn === 'join' || fn === 'resolve') {
      const parts = e.arguments.map((a) => evalPath(ctx, a, depth + 1));
      if (parts.length === 0 || parts.some((p) => !p)) return undefined;
      const locs = parts as Location[];
      if (fn === 'join') {
        if (locs.slice(1).some((l) => 'abs' in l)) return undefined;
        const rest = locs.slice(1).map((l) => (l as { rel: string }).rel);
        return 'abs' in locs[0] ? { abs: path.posix.join(locs[0].abs, ...rest) } : { rel: path.posix.join(locs[0].rel, ...rest) };
      }
      // resolve: from the last absolute segment on; all relative → relative to the working directory.
      let start = -1;
      locs.forEach((l, i) => {
        if ('abs' in l) start = i;
      });
      const rels = locs.slice(start + 1).map((l) => (l as { rel: string }).rel);
      return start >= 0 ? { abs: path.posix.join((locs[start] as { abs: string }).abs, ...rels) } : { rel: path.posix.join(...rels) };
    }
  }
  return undefined;
}
