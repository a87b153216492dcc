import * as ts from 'typescript';
import { canonicalModule, isRelativeSpecifier, member, SymbolRef } from './imports';
import { propertyNameText, skipOuter, topLevelDeclaration } from './scope';

/**
 * What a project module exports, read from its source: the node a name exported by a file is
 * declared at, through `export { a as b }`, `export … from`, `export *`, `export default`,
 * `export =` and CommonJS `exports.x = …` / `module.exports = …`, across as many files as the
 * re-exports lead through. Only the files on that path are read, and nothing is bound or
 * type-checked: a type checker per program cost more than the analysis it served (one per edit
 * in the editor, and hot enough there for V8 to spend seconds and a hundred megabytes
 * optimising TypeScript's `createTypeChecker`).
 */

export type ExportTarget =
  /** A declaration: variable, binding element, function, class, enum, property of `module.exports = {…}`, or `exports.x = …`. */
  | { kind: 'declaration'; node: ts.Node; sf: ts.SourceFile }
  /** An expression the name stands for (`export default …`, `module.exports = …`), or a member of it. */
  | { kind: 'expression'; node: ts.Expression; sf: ts.SourceFile; member?: string }
  /** A whole module: `export * as ns from './x'`, or a namespace import exported again. */
  | { kind: 'module'; sf: ts.SourceFile }
  /**
   * Something a package exports, passed on by a project file (`export * as s3 from
   * 'aws-cdk-lib/aws-s3'`, `export { Bucket } from 'aws-cdk-lib/aws-s3'`, or an import exported
   * again): `path` empty for the package's module object.
   */
  | { kind: 'package'; module: string; path: string[] };

export interface ModuleGraph {
  /** The project file a module specifier of `from` resolves to. */
  resolve(specifier: string, from: ts.SourceFile): ts.SourceFile | undefined;
  /** Told of every file read to answer, so that a change to any of them is noticed. */
  visit(sf: ts.SourceFile): void;
}

/** The declaration behind `name` as `sf` exports it, or undefined when it exports no such name. */
export function findExport(sf: ts.SourceFile, name: string, graph: ModuleGraph, seen = new Set<string>()): ExportTarget | undefined {
  const key = `${sf.fileName}\0${name}`;
  if (seen.has(key)) return undefined; // re-exports that go round in a circle
  seen.add(key);
  graph.visit(sf);
  const stars: string[] = [];
  for (const statement of sf.statements) {
    if (ts.isExportDeclaration(statement)) {
      if (statement.isTypeOnly) continue;
      const specifier = moduleSpecifier(statement);
      const clause = statement.exportClause;
      if (!clause) {
        // `export * from './x'` never re-exports a default.
        if (specifier !== undefined && name !== 'default') stars.push(specifier);
      } else if (ts.isNamespaceExport(clause)) {
        if (clause.name.text === name && specifier !== undefined) return moduleTarget(specifier, sf, graph) ?? packageTarget(specifier, []);
      } else {
        for (const element of clause.elements) {
          if (element.isTypeOnly || element.name.text !== name) continue;
          const local = (element.propertyName ?? element.name).text;
          if (specifier === undefined) return localTarget(sf, local, graph, seen);
          const target = graph.resolve(specifier, sf);
          return target ? findExport(target, local, graph, seen) : packageTarget(specifier, [local]);
        }
      }
    } else if (ts.isExportAssignment(statement)) {
      if (!statement.isExportEquals && name === 'default') return expressionTarget(sf, statement.expression, graph, seen);
    } else if (hasModifier(statement, ts.SyntaxKind.ExportKeyword)) {
      const found = exportedDeclaration(statement, name);
      if (found) return { kind: 'declaration', node: found, sf };
    }
  }
  const commonJs = commonJsExport(sf, name, graph, seen);
  if (commonJs) return commonJs;
  for (const specifier of stars) {
    const target = graph.resolve(specifier, sf);
    const found = target && findExport(target, name, graph, seen);
    if (found) return found;
  }
  return undefined;
}

/**
 * The value a whole module is, when it is one expression (`export = x`, `module.exports = x`)
 * other than an object literal, whose properties are looked up as exports one by one.
 */
export function wholeModuleExpression(sf: ts.SourceFile): ts.Expression | undefined {
  const whole = wholeExport(sf);
  return whole && !ts.isObjectLiteralExpression(skipOuter(whole)) ? whole : undefined;
}

function moduleSpecifier(statement: ts.ExportDeclaration | ts.ImportDeclaration | ts.JSDocImportTag): string | undefined {
  const spec = statement.moduleSpecifier;
  return spec && ts.isStringLiteral(spec) ? spec.text : undefined;
}

function moduleTarget(specifier: string, from: ts.SourceFile, graph: ModuleGraph): ExportTarget | undefined {
  const target = graph.resolve(specifier, from);
  return target ? { kind: 'module', sf: target } : undefined;
}

/** A package's export, for a specifier that names a package (not a missing project file). */
function packageTarget(specifier: string, path: string[]): ExportTarget | undefined {
  if (isRelativeSpecifier(specifier)) return undefined;
  let ref: SymbolRef = { module: canonicalModule(specifier), path: [] };
  for (const name of path) ref = member(ref, name);
  return { kind: 'package', module: ref.module, path: ref.path };
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === kind) ?? false);
}

/** The declaration in an exported statement (`export const x = …`, `export default function …`) named `name`. */
function exportedDeclaration(statement: ts.Statement, name: string): ts.Node | undefined {
  if (ts.isVariableStatement(statement)) {
    for (const decl of statement.declarationList.declarations) {
      const found = ts.isIdentifier(decl.name) ? (decl.name.text === name ? decl : undefined) : bindingNamed(decl.name, name);
      if (found) return found;
    }
    return undefined;
  }
  if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) {
    const exported = hasModifier(statement, ts.SyntaxKind.DefaultKeyword) ? 'default' : statement.name?.text;
    return exported === name ? statement : undefined;
  }
  return undefined;
}

function bindingNamed(pattern: ts.BindingPattern, name: string): ts.BindingElement | undefined {
  for (const element of pattern.elements) {
    if (ts.isOmittedExpression(element)) continue;
    const found = ts.isIdentifier(element.name) ? (element.name.text === name ? element : undefined) : bindingNamed(element.name, name);
    if (found) return found;
  }
  return undefined;
}

/**
 * A name declared at the top of `sf` (what `export { x }` and `export default x` export): its
 * declaration, or, for an imported name, what the other module exports under it.
 */
function localTarget(sf: ts.SourceFile, local: string, graph: ModuleGraph, seen: Set<string>): ExportTarget | undefined {
  const decl = topLevelDeclaration(sf, local);
  if (!decl) return undefined;
  if (ts.isImportSpecifier(decl) || ts.isImportClause(decl) || ts.isNamespaceImport(decl)) {
    const statement = ts.isImportSpecifier(decl) ? decl.parent.parent.parent : ts.isImportClause(decl) ? decl.parent : decl.parent.parent;
    const specifier = moduleSpecifier(statement);
    const target = specifier === undefined ? undefined : graph.resolve(specifier, sf);
    // A name imported from a package is that package's export; a file outside the project is not followed.
    if (!target) {
      if (specifier === undefined) return undefined;
      const path = ts.isNamespaceImport(decl) ? [] : [ts.isImportClause(decl) ? 'default' : (decl.propertyName ?? decl.name).text];
      return packageTarget(specifier, path);
    }
    if (ts.isNamespaceImport(decl)) return { kind: 'module', sf: target };
    const imported = ts.isImportClause(decl) ? 'default' : (decl.propertyName ?? decl.name).text;
    return findExport(target, imported, graph, seen);
  }
  if (ts.isImportEqualsDeclaration(decl)) {
    const ref = decl.moduleReference;
    if (!ts.isExternalModuleReference(ref) || !ts.isStringLiteral(ref.expression)) return undefined;
    return moduleTarget(ref.expression.text, sf, graph);
  }
  return { kind: 'declaration', node: decl, sf };
}

/** `export default <expression>`: a name it reads is exported as that name's declaration. */
function expressionTarget(
  sf: ts.SourceFile,
  expr: ts.Expression,
  graph: ModuleGraph,
  seen: Set<string>,
  member?: string,
): ExportTarget | undefined {
  const inner = skipOuter(expr);
  if (member === undefined && ts.isIdentifier(inner)) return localTarget(sf, inner.text, graph, seen);
  return { kind: 'expression', node: inner, sf, ...(member !== undefined ? { member } : {}) };
}

/** CommonJS: `exports.x = …`, `module.exports.x = …`, `module.exports = { x }`, `export = …`. */
function commonJsExport(sf: ts.SourceFile, name: string, graph: ModuleGraph, seen: Set<string>): ExportTarget | undefined {
  for (const statement of sf.statements) {
    const assignment = ts.isExpressionStatement(statement) ? statement.expression : undefined;
    if (!assignment || !ts.isBinaryExpression(assignment) || assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    const left = assignment.left;
    if (ts.isPropertyAccessExpression(left) && left.name.text === name && isExportsObject(left.expression)) {
      return { kind: 'declaration', node: assignment, sf };
    }
  }
  const whole = wholeExport(sf);
  if (!whole) return undefined;
  const value = skipOuter(whole);
  if (ts.isObjectLiteralExpression(value)) {
    for (const property of value.properties) {
      if ((ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)) && propertyNameText(property.name) === name) {
        return { kind: 'declaration', node: property, sf };
      }
    }
    return name === 'default' ? { kind: 'expression', node: value, sf } : undefined;
  }
  // With esModuleInterop, the default import of a CommonJS module is the module itself.
  return expressionTarget(sf, value, graph, seen, name === 'default' ? undefined : name);
}

/** `export = x` or `module.exports = x` at the top of the file (the last one wins, as at run time). */
function wholeExport(sf: ts.SourceFile): ts.Expression | undefined {
  let whole: ts.Expression | undefined;
  for (const statement of sf.statements) {
    if (ts.isExportAssignment(statement) && statement.isExportEquals) whole = statement.expression;
    const e = ts.isExpressionStatement(statement) ? statement.expression : undefined;
    if (e && ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken && isModuleExports(e.left)) whole = e.right;
  }
  return whole;
}

/** `exports` or `module.exports`: the object a CommonJS module exports names on. */
export function isExportsObject(node: ts.Node): boolean {
  return (ts.isIdentifier(node) && node.text === 'exports') || isModuleExports(node);
}

/** `module.exports`. */
export function isModuleExports(node: ts.Node): boolean {
  return (
    ts.isPropertyAccessExpression(node) &&
    node.name.text === 'exports' &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === 'module'
  );
}
