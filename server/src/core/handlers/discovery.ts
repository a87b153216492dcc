import * as ts from 'typescript';
import type { FileContext } from '../model/fileContext';
import { isCdkModule } from '../model/imports';
import { findDeclaration, isConstDeclaration, propertyNameText, skipOuter } from '../model/scope';
import { EVENT_VALIDATING_DECORATORS, EVENT_VALIDATING_MIDDLEWARE, HANDLER_WRAPPERS } from './models';
import { patternArg, type Symbols } from './symbols';

/**
 * A function Lambda may invoke: its first parameter is the event, its second the context.
 * `direct` roots are exported as `handler`, so the file is a handler file on its own. The other
 * exported functions are candidates: they become handlers only when CDK code in the project
 * names them (`NodejsFunction({ handler: 'main' })`, `Function({ handler: 'index.refund' })`),
 * which the project pass decides.
 */
export interface HandlerRoot {
  fn: ts.FunctionLikeDeclaration;
  /** The export names that reach this function. */
  exports: string[];
  direct: boolean;
  /** A middleware (`@middy/validator`) validates the whole event before the function runs. */
  validatedEvent: boolean;
}

const HANDLER_EXPORT = 'handler';
const PYTHON_HANDLER = 'lambda_handler';
const MAX_CANDIDATES = 50;
const MIDDY = '@middy/core';
const MIDDY_CHAIN = ['use', 'before', 'after', 'onError', 'handler'];

/** CDK app code (it imports `aws-cdk-lib` or `constructs`) is never a handler file. */
export function isCdkFile(file: FileContext): boolean {
  for (const binding of file.imports.values()) {
    if (isCdkModule(binding.module) || binding.module === 'constructs') return true;
  }
  return false;
}

/** The handler roots of a file: every exported function, the `handler` ones marked direct. */
export function findHandlerRoots(file: FileContext, symbols: Symbols): HandlerRoot[] {
  if (isCdkFile(file)) return [];
  const roots: HandlerRoot[] = [];
  for (const { name, value } of exportedValues(file.sf)) {
    const resolved = resolveFunction(value, symbols, 0);
    // Other exports need a parameter to be worth a look; `handler` is one even without.
    if (!resolved || (resolved.fn.parameters.length === 0 && name !== HANDLER_EXPORT)) continue;
    let root = roots.find((r) => r.fn === resolved.fn);
    if (!root) {
      if (roots.length >= MAX_CANDIDATES) continue;
      roots.push((root = { fn: resolved.fn, exports: [], direct: false, validatedEvent: false }));
    }
    if (!root.exports.includes(name)) root.exports.push(name);
    // Python: `lambda_handler(event, context)` is the name Lambda's own templates use.
    root.direct ||= name === HANDLER_EXPORT || (file.isPython && name === PYTHON_HANDLER && resolved.fn.parameters.length > 0);
    root.validatedEvent ||= resolved.validatedEvent || decoratorValidates(file.sf, resolved.fn, symbols);
  }
  return roots;
}

/**
 * A decorator applied to `fn` validates the event (`validator({ inboundSchema: S })(fn);`, as the
 * Python front end writes `@validator(inbound_schema=S)` on `def fn`).
 */
function decoratorValidates(sf: ts.SourceFile, fn: ts.FunctionLikeDeclaration, symbols: Symbols): boolean {
  for (const statement of sf.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isCallExpression(statement.expression)) continue;
    const applied = statement.expression;
    const target = applied.arguments[0] && skipOuter(applied.arguments[0]);
    if (!target || !ts.isIdentifier(target) || findDeclaration(target) !== fn) continue;
    const decorator = skipOuter(applied.expression);
    if (!ts.isCallExpression(decorator)) continue;
    const pattern = symbols.match(decorator, EVENT_VALIDATING_DECORATORS);
    // The option that makes it validate is given (`inbound_schema`, `model`).
    if (pattern && patternArg(decorator, pattern) !== decorator.arguments[pattern.arg]) return true;
  }
  return false;
}

interface Exported {
  name: string;
  value: ts.Expression | ts.FunctionDeclaration;
}

/**
 * `export function f`, `export const f = …`, `export { a as f }`, `exports.f = …`,
 * `module.exports.f = …`, `module.exports = { f, g: … }`.
 */
function exportedValues(sf: ts.SourceFile): Exported[] {
  const out: Exported[] = [];
  for (const statement of sf.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name && hasExport(statement) && !hasDefault(statement)) {
      out.push({ name: statement.name.text, value: statement });
    } else if (ts.isVariableStatement(statement) && hasExport(statement)) {
      for (const decl of statement.declarationList.declarations) {
        if (ts.isIdentifier(decl.name) && decl.initializer) out.push({ name: decl.name.text, value: decl.initializer });
      }
    } else if (
      ts.isExportDeclaration(statement) &&
      !statement.moduleSpecifier &&
      statement.exportClause &&
      ts.isNamedExports(statement.exportClause)
    ) {
      for (const element of statement.exportClause.elements) {
        const local = element.propertyName ?? element.name;
        if (ts.isIdentifier(local)) out.push({ name: element.name.text, value: local });
      }
    } else if (ts.isExpressionStatement(statement)) {
      const e = statement.expression;
      if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
      const target = skipOuter(e.left);
      const name = commonJsExportName(target);
      if (name !== undefined) {
        out.push({ name, value: e.right });
      } else if (isModuleExports(target)) {
        const right = skipOuter(e.right);
        if (!ts.isObjectLiteralExpression(right)) continue;
        for (const p of right.properties) {
          const key =
            ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p) || ts.isMethodDeclaration(p)
              ? propertyNameText(p.name)
              : undefined;
          if (key === undefined) continue;
          if (ts.isPropertyAssignment(p)) out.push({ name: key, value: p.initializer });
          else if (ts.isShorthandPropertyAssignment(p)) out.push({ name: key, value: p.name });
          else if (ts.isMethodDeclaration(p)) out.push({ name: key, value: p as unknown as ts.Expression });
        }
      }
    }
  }
  return out;
}

function hasExport(node: ts.Node): boolean {
  return !!ts.getModifiers(node as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function hasDefault(node: ts.Node): boolean {
  return !!ts.getModifiers(node as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
}

function isModuleExports(node: ts.Expression): boolean {
  return (
    ts.isPropertyAccessExpression(node) &&
    node.name.text === 'exports' &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === 'module' &&
    !findDeclaration(node.expression)
  );
}

/** `exports.f` / `module.exports.f` → `f` */
function commonJsExportName(node: ts.Expression): string | undefined {
  if (!ts.isPropertyAccessExpression(node)) return undefined;
  const base = skipOuter(node.expression);
  if (ts.isIdentifier(base) && base.text === 'exports' && !findDeclaration(base)) return node.name.text;
  if (isModuleExports(base)) return node.name.text;
  return undefined;
}

/**
 * The function an exported value runs: itself, the function a `const` holds, or the function a
 * known wrapper wraps (`middy(fn).use(…)`, `middy().handler(fn)`, `Sentry.wrapHandler(fn)`).
 */
function resolveFunction(
  value: ts.Node,
  symbols: Symbols,
  depth: number,
): { fn: ts.FunctionLikeDeclaration; validatedEvent: boolean } | undefined {
  if (depth > 8) return undefined;
  if (ts.isFunctionDeclaration(value) || ts.isMethodDeclaration(value))
    return value.body ? { fn: value, validatedEvent: false } : undefined;
  const e = skipOuter(value as ts.Expression);
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return { fn: e, validatedEvent: false };
  if (ts.isIdentifier(e)) {
    const decl = findDeclaration(e);
    if (!decl) return undefined;
    if (ts.isFunctionDeclaration(decl)) return decl.body ? { fn: decl, validatedEvent: false } : undefined;
    if (ts.isVariableDeclaration(decl) && decl.initializer && (isConstDeclaration(decl) || ts.isIdentifier(decl.name))) {
      return resolveFunction(decl.initializer, symbols, depth + 1);
    }
    return undefined;
  }
  if (ts.isPropertyAccessExpression(e)) return classMethod(e);
  if (!ts.isCallExpression(e)) return undefined;
  const callee = skipOuter(e.expression);
  // `lambda.handler.bind(lambda)`: the Powertools pattern for decorated class handlers.
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'bind') return resolveFunction(callee.expression, symbols, depth + 1);
  if (ts.isPropertyAccessExpression(callee) && MIDDY_CHAIN.includes(callee.name.text) && symbols.moduleOf(callee.expression) === MIDDY) {
    const inner =
      callee.name.text === 'handler'
        ? resolveFunction(e.arguments[0], symbols, depth + 1)
        : resolveFunction(callee.expression, symbols, depth + 1);
    const chainValidated =
      callee.name.text === 'handler'
        ? middyChainValidates(callee.expression, symbols)
        : e.arguments.some((a) => validatesEvent(a, symbols));
    return inner && { fn: inner.fn, validatedEvent: inner.validatedEvent || chainValidated };
  }
  const wrapper = symbols.match(e, HANDLER_WRAPPERS);
  if (wrapper && e.arguments[wrapper.arg]) return resolveFunction(e.arguments[wrapper.arg], symbols, depth + 1);
  return undefined;
}

/** `instance.method` where `instance = new LocalClass()`: that method of the class. */
function classMethod(access: ts.PropertyAccessExpression): { fn: ts.FunctionLikeDeclaration; validatedEvent: boolean } | undefined {
  const target = skipOuter(access.expression);
  if (!ts.isIdentifier(target)) return undefined;
  const decl = findDeclaration(target);
  const init = decl && ts.isVariableDeclaration(decl) && decl.initializer ? skipOuter(decl.initializer) : undefined;
  if (!init || !ts.isNewExpression(init) || !ts.isIdentifier(init.expression)) return undefined;
  const cls = findDeclaration(init.expression);
  if (!cls || !ts.isClassDeclaration(cls)) return undefined;
  const method = cls.members.find(
    (m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && propertyNameText(m.name) === access.name.text && !!m.body,
  );
  return method ? { fn: method, validatedEvent: false } : undefined;
}

/** `middy().use(validator(…))` before `.handler(fn)`. */
function middyChainValidates(chain: ts.Expression, symbols: Symbols): boolean {
  let e = skipOuter(chain);
  while (ts.isCallExpression(e)) {
    const callee = skipOuter(e.expression);
    if (!ts.isPropertyAccessExpression(callee)) return false;
    if (e.arguments.some((a) => validatesEvent(a, symbols))) return true;
    e = skipOuter(callee.expression);
  }
  return false;
}

function validatesEvent(arg: ts.Expression, symbols: Symbols): boolean {
  const e = skipOuter(arg);
  if (ts.isArrayLiteralExpression(e)) return e.elements.some((x) => validatesEvent(x, symbols));
  if (!ts.isCallExpression(e)) return false;
  const ref = symbols.calleeRef(e.expression);
  return !!ref && EVENT_VALIDATING_MIDDLEWARE.includes(ref.module);
}
