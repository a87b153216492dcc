import * as ts from 'typescript';
import type { FileContext } from '../model/fileContext';
import { CDK_ROOT } from '../model/imports';
import { eol, insertAt, mergeInsertions, quoteOf } from './edits';
import { freeName } from './names';
import type { TextEdit } from '../types';

/**
 * How a fix names a symbol it needs (`BlockPublicAccess` of `aws-cdk-lib/aws-s3`, or
 * `Secret` of `aws-cdk-lib/aws-secretsmanager`): through an import the file already has when it
 * can, otherwise by adding one in the file's own style — a name joining the module's own named
 * import when it has one, a namespace import where the file uses namespaces, a named import
 * (merged into an existing declaration) where it uses names, the root barrel where it imports
 * submodules from `aws-cdk-lib`, `require` in CommonJS files, and `@aws-cdk/*` packages in CDK
 * v1 apps.
 *
 * Each call reads the file as it is, so two calls for the same module (two symbols a fix needs)
 * both add its import: the same edit, at the same place, which `mergeInsertions` keeps once.
 * Asking for the symbols in one `importSymbols` call is simpler still.
 */

export interface SymbolText {
  /** The expression to write: `s3.BlockPublicAccess`, `BlockPublicAccess`, `cdk.aws_s3.BlockPublicAccess`. */
  text: string;
  /** Edits that add or extend an import (empty when the file already has what it needs). */
  edits: TextEdit[];
}

/** Conventional local names for CDK submodules. */
const ALIASES: Record<string, string> = {
  'aws-apigateway': 'apigateway',
  'aws-apigatewayv2': 'apigwv2',
  'aws-apigatewayv2-authorizers': 'authorizers',
  'aws-lambda-nodejs': 'nodejs',
  'aws-secretsmanager': 'secretsmanager',
  'aws-stepfunctions': 'sfn',
  'aws-cloudtrail': 'cloudtrail',
};

export function aliasFor(module: string): string {
  if (module === CDK_ROOT) return 'cdk';
  const sub = module.slice(CDK_ROOT.length + 1);
  return ALIASES[sub] ?? sub.replace(/^aws-/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** `aws-cdk-lib/aws-s3` → `aws_s3` (its name in the root barrel). */
function barrelName(module: string): string {
  return module.slice(CDK_ROOT.length + 1).replace(/-/g, '_');
}

/**
 * Text for `module`'s export `name` (`module` canonical: `aws-cdk-lib/aws-s3`, or `aws-cdk-lib`
 * for root exports such as `Aws`), plus the import edits it needs.
 */
export function importSymbol(file: FileContext, module: string, name: string): SymbolText {
  const { texts, edits } = importSymbols(file, module, [name]);
  return { text: texts[0], edits };
}

/**
 * Several exports of one module (`LogGroup` and `RetentionDays`), with one import edit between
 * them: `import * as logs` once, or `import { LogGroup, RetentionDays }`.
 */
export function importSymbols(file: FileContext, module: string, names: string[]): { texts: string[]; edits: TextEdit[] } {
  const texts = names.map((name) => existingSymbol(file, module, name));
  const missing = names.filter((_, i) => texts[i] === undefined);
  if (missing.length === 0) return { texts: texts as string[], edits: [] };
  const added = addImport(file, module, missing);
  let next = 0;
  return { texts: texts.map((t) => t ?? added.texts[next++]), edits: added.edits };
}

/** How the file can already name the symbol, if it can. */
function existingSymbol(file: FileContext, module: string, name: string): string | undefined {
  const bindings = [...file.imports.entries()];
  // 1. The symbol itself is imported: `import { BlockPublicAccess } from 'aws-cdk-lib/aws-s3'`.
  for (const [local, b] of bindings) {
    if (b.module === module && b.path.length === 1 && b.path[0] === name) return local;
  }
  // 2. The module is imported as a namespace or as a root-barrel member: `s3.X`.
  for (const [local, b] of bindings) {
    if (b.module === module && b.path.length === 0) return `${local}.${name}`;
  }
  // 3. The file reaches submodules only through the root barrel namespace: `cdk.aws_s3.X`.
  // (CDK v1 has no barrel; a file importing any submodule by its own path wants that style.)
  const importsSubmodules =
    isCdkV1(file) || bindings.some(([, b]) => b.module.startsWith(`${CDK_ROOT}/`) && specifierOf(b.statement) !== CDK_ROOT);
  for (const [local, b] of bindings) {
    if (importsSubmodules) break;
    if (b.module === CDK_ROOT && b.path.length === 0 && (b.style === 'namespace' || b.style === 'require' || b.style === 'import-equals')) {
      return `${local}.${barrelName(module)}.${name}`;
    }
  }
  return undefined;
}

function addImport(file: FileContext, module: string, names: string[]): { texts: string[]; edits: TextEdit[] } {
  const sf = file.sf;
  const bindings = [...file.imports.values()];
  const cdkBindings = bindings.filter((b) => b.module === CDK_ROOT || b.module.startsWith(`${CDK_ROOT}/`));
  const usesV1 = isCdkV1(file);
  const specifier = usesV1 ? (module === CDK_ROOT ? '@aws-cdk/core' : `@aws-cdk/${module.slice(CDK_ROOT.length + 1)}`) : module;
  const q = quoteOf(file, undefined);
  const commonJs = isCommonJs(file);
  /** Named elements for the names: `Key`, or `Key as Key2` when `Key` is taken. */
  const namedElements = () => {
    const locals = names.map((name) => freeName(file, name));
    return { locals, elements: names.map((name, i) => (locals[i] === name ? name : `${name} as ${locals[i]}`)).join(', ') };
  };

  // Named imports of submodules from the root barrel: `import { aws_iam as iam } from 'aws-cdk-lib'`.
  const barrelNamed = sf.statements.find(
    (s): s is ts.ImportDeclaration =>
      ts.isImportDeclaration(s) &&
      ts.isStringLiteral(s.moduleSpecifier) &&
      s.moduleSpecifier.text === 'aws-cdk-lib' &&
      !!s.importClause?.namedBindings &&
      ts.isNamedImports(s.importClause.namedBindings) &&
      s.importClause.namedBindings.elements.some((e) => /^aws_/.test((e.propertyName ?? e.name).text)),
  );
  if (barrelNamed && !commonJs) {
    const named = barrelNamed.importClause!.namedBindings as ts.NamedImports;
    const last = named.elements[named.elements.length - 1];
    if (module === CDK_ROOT) {
      // Root exports (`Aws`, `Duration`) join the barrel import by their own names.
      const { locals, elements } = namedElements();
      return { texts: locals, edits: [insertAt(file, last.getEnd(), `, ${elements}`)] };
    }
    const local = freeName(file, aliasFor(module));
    const element = local === barrelName(module) ? local : `${barrelName(module)} as ${local}`;
    return { texts: names.map((name) => `${local}.${name}`), edits: [insertAt(file, last.getEnd(), `, ${element}`)] };
  }

  // The module is already imported by name (`import { RestApi } from '…/aws-apigateway'`): its
  // names join that import, whatever style the file's other imports have. Adding a namespace
  // import beside it would be a second import of the module.
  if (!commonJs && cdkBindings.some((b) => b.module === module && b.style === 'named')) {
    const named = importNamed(file, module, names, specifier);
    return { texts: names.map((name) => named.text[name]), edits: named.edits };
  }

  const namespaceStyle = cdkBindings.some(
    (b) =>
      b.module !== CDK_ROOT &&
      (b.style === 'namespace' || b.style === 'default' || b.style === 'import-equals' || (b.style === 'require' && b.path.length === 0)),
  );
  const namedStyle = cdkBindings.some((b) => b.module !== CDK_ROOT && b.style === 'named');

  if (!namespaceStyle && namedStyle && !commonJs) {
    const named = importNamed(file, module, names, specifier);
    return { texts: names.map((name) => named.text[name]), edits: named.edits };
  }

  const local = freeName(file, aliasFor(module));
  const statement = commonJs ? `const ${local} = require(${q}${specifier}${q});` : `import * as ${local} from ${q}${specifier}${q};`;
  return { texts: names.map((name) => `${local}.${name}`), edits: [importStatementEdit(file, statement)] };
}

/** The file imports CDK v1 packages (`@aws-cdk/*`; v2's experimental `@aws-cdk/*-alpha` packages do not count). */
export function isCdkV1(file: FileContext): boolean {
  return [...file.imports.values()].some((b) => {
    const spec = specifierOf(b.statement);
    return !!spec && spec.startsWith('@aws-cdk/') && !spec.endsWith('-alpha');
  });
}

/** The module specifier text of an import or require statement. */
function specifierOf(statement: ts.Node): string | undefined {
  if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) return statement.moduleSpecifier.text;
  const m = /require\(\s*['"]([^'"]+)['"]\s*\)/.exec(statement.getText());
  if (m) return m[1];
  if (
    ts.isImportEqualsDeclaration(statement) &&
    ts.isExternalModuleReference(statement.moduleReference) &&
    ts.isStringLiteral(statement.moduleReference.expression)
  ) {
    return statement.moduleReference.expression.text;
  }
  return undefined;
}

/** After the last top-level import (or `require`), or at the top of the file. */
export function importInsertionPoint(file: FileContext): { offset: number; before: string; after: string } {
  const sf = file.sf;
  let last: ts.Statement | undefined;
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s) || ts.isImportEqualsDeclaration(s)) last = s;
    else if (
      ts.isVariableStatement(s) &&
      s.declarationList.declarations.some((d) => d.initializer && /^require\(/.test(d.initializer.getText(sf)))
    )
      last = s;
    else if (last) break;
  }
  if (last) return { offset: last.getEnd(), before: eol(file), after: '' };
  // No imports: after the 'use strict' prologue (which must stay first), or at the first
  // statement (after a leading shebang and header comments).
  let prologue: ts.Statement | undefined;
  for (const s of sf.statements) {
    if (ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression)) prologue = s;
    else break;
  }
  if (prologue) return { offset: prologue.getEnd(), before: eol(file), after: '' };
  const first = sf.statements[0];
  return { offset: first ? first.getStart(sf) : 0, before: '', after: `${eol(file)}${eol(file)}` };
}

/** A new import statement after the file's imports (on a line of its own, a blank line before other code at the top). */
function importStatementEdit(file: FileContext, statement: string): TextEdit {
  const point = importInsertionPoint(file);
  return insertAt(file, point.offset, `${point.before}${statement}${point.after}`);
}

export interface NamedSymbols {
  /** The expression to write for each name: `SecretsManagerClient`, `sm.SecretsManagerClient`. */
  text: Record<string, string>;
  edits: TextEdit[];
}

/**
 * Text for named exports of any package (`@aws-sdk/client-secrets-manager`), plus the import edits
 * they need, in the file's own module style: names merged into an existing `import { … }` or
 * `const { … } = require(…)` of the package, members of an existing namespace import, otherwise
 * one new `import { … } from` (ES modules, TypeScript) or `const { … } = require(…)` (CommonJS).
 * `module` is how the file's imports are resolved (canonical for the CDK: `aws-cdk-lib/aws-s3`),
 * `specifier` what a new import says (`@aws-cdk/aws-s3` in a CDK v1 app).
 */
export function importNamed(file: FileContext, module: string, names: string[], specifier = module): NamedSymbols {
  const text: Record<string, string> = {};
  const missing: string[] = [];
  const bindings = [...file.imports.entries()].filter(([, b]) => b.module === module);
  for (const name of names) {
    const named = bindings.find(([, b]) => b.path.length === 1 && b.path[0] === name);
    const namespace = bindings.find(([, b]) => b.path.length === 0);
    if (named) text[name] = named[0];
    else if (namespace) text[name] = `${namespace[0]}.${name}`;
    else missing.push(name);
  }
  if (missing.length === 0) return { text, edits: [] };
  const locals = missing.map((name) => freeName(file, name));
  missing.forEach((name, i) => (text[name] = locals[i]));
  /** `A, B as B2` in an import, `A, B: B2` in a destructuring `require`. */
  const list = (rename: string) => missing.map((name, i) => (locals[i] === name ? name : `${name}${rename}${locals[i]}`)).join(', ');
  // Extend an existing list of names from the package.
  for (const [, b] of bindings) {
    const names = b.declaration.parent;
    if (b.style === 'named' && b.path.length === 1 && ts.isNamedImports(names) && !(names.parent as ts.ImportClause).isTypeOnly) {
      return { text, edits: [insertAt(file, names.elements[names.elements.length - 1].getEnd(), `, ${list(' as ')}`)] };
    }
    if (b.style === 'require' && ts.isObjectBindingPattern(names)) {
      return { text, edits: [insertAt(file, names.elements[names.elements.length - 1].getEnd(), `, ${list(': ')}`)] };
    }
  }
  const q = quoteOf(file, undefined);
  const statement = isCommonJs(file)
    ? `const { ${list(': ')} } = require(${q}${specifier}${q});`
    : `import { ${list(' as ')} } from ${q}${specifier}${q};`;
  return { text, edits: [importStatementEdit(file, statement)] };
}

/**
 * A file that loads modules with `require`: `.cjs`/`.cts`, a JavaScript file without ES module
 * syntax, or a TypeScript file that already uses `require` and no `import`. `.mjs`/`.mts` and
 * files with `import`/`export` declarations are ES modules.
 */
export function isCommonJs(file: FileContext): boolean {
  if (/\.(mjs|mts)$/i.test(file.path)) return false;
  if (/\.(cjs|cts)$/i.test(file.path)) return true;
  const esm = file.sf.statements.some(
    (s) =>
      ts.isImportDeclaration(s) ||
      ts.isExportDeclaration(s) ||
      ts.isExportAssignment(s) ||
      !!ts.getModifiers(s as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword),
  );
  if (esm) return false;
  return file.isJavaScript || [...file.imports.values()].some((b) => b.style === 'require');
}

/** A runtime package's export a handler fix uses: `z` of `zod`, the default export of `isomorphic-dompurify`. */
export interface PackageSymbol {
  module: string;
  /** `named`: `import { z } from 'zod'`; `default`: `import DOMPurify from '…'`. */
  kind: 'named' | 'default';
  name: string;
  /** Other modules whose import of the same thing would do (`dompurify` for `isomorphic-dompurify`). */
  alternatives?: string[];
}

/**
 * The name to write for `symbol`, with the edits that import it when the file does not yet
 * (named exports through `importNamed`; a default export as `import X from` or `require`), and
 * `code` (a module-level declaration such as a schema, given that name) after the imports.
 */
export function importPackage(
  file: FileContext,
  symbol: PackageSymbol,
  code?: (local: string) => string,
): { local: string; edits: TextEdit[] } {
  const existing = existingPackageLocal(file, symbol);
  let local = existing;
  const edits: TextEdit[] = [];
  if (local === undefined && symbol.kind === 'named') {
    const named = importNamed(file, symbol.module, [symbol.name]);
    local = named.text[symbol.name];
    edits.push(...named.edits);
  } else if (local === undefined) {
    local = freeName(file, symbol.name);
    const q = quoteOf(file, undefined);
    edits.push(
      importStatementEdit(
        file,
        isCommonJs(file) ? `const ${local} = require(${q}${symbol.module}${q});` : `import ${local} from ${q}${symbol.module}${q};`,
      ),
    );
  }
  const moduleCode = code?.(local);
  if (moduleCode) {
    const nl = eol(file);
    const point = importInsertionPoint(file);
    edits.push(insertAt(file, point.offset, point.after === '' ? `${nl}${nl}${moduleCode}` : `${moduleCode}${nl}${nl}`));
  }
  return { local, edits: mergeInsertions(edits) };
}

/** The local name the file already has for the symbol (from its module or an alternative), if any. */
function existingPackageLocal(file: FileContext, symbol: PackageSymbol): string | undefined {
  const modules = [symbol.module, ...(symbol.alternatives ?? [])];
  for (const [local, b] of file.imports) {
    if (!modules.includes(b.module)) continue;
    if (symbol.kind === 'named' && b.path.length === 1 && b.path[0] === symbol.name) return local;
    if (symbol.kind === 'default' && (b.path.length === 0 || (b.path.length === 1 && b.path[0] === 'default')) && b.style !== 'namespace')
      return local;
  }
  return undefined;
}
