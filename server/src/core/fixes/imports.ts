import * as ts from 'typescript';
import type { FileContext } from '../model/fileContext';
import { CDK_ROOT } from '../model/imports';
import { eol, insertAt } from './edits';
import type { TextEdit } from '../types';

/**
 * How a fix names a symbol it needs (`BlockPublicAccess` of `aws-cdk-lib/aws-s3`, or
 * `Secret` of `aws-cdk-lib/aws-secretsmanager`): through an import the file already has when it
 * can, otherwise by adding one in the file's own style — a namespace import where the file uses
 * namespaces, a named import (merged into an existing declaration) where it uses names, the
 * root barrel where it imports submodules from `aws-cdk-lib`, `require` in CommonJS files, and
 * `@aws-cdk/*` packages in CDK v1 apps.
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
  'aws-lambda-nodejs': 'nodejs',
  'aws-secretsmanager': 'secretsmanager',
  'aws-stepfunctions': 'sfn',
  'aws-cloudtrail': 'cloudtrail',
};

export function aliasFor(module: string): string {
  const sub = module.slice(CDK_ROOT.length + 1);
  return ALIASES[sub] ?? sub.replace(/^aws-/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** `aws-cdk-lib/aws-s3` → `aws_s3` (its name in the root barrel). */
function barrelName(module: string): string {
  return module.slice(CDK_ROOT.length + 1).replace(/-/g, '_');
}

/**
 * Text for `module`'s export `name` (`module` canonical: `aws-cdk-lib/aws-s3`), plus the import
 * edits it needs.
 */
export function importSymbol(file: FileContext, module: string, name: string): SymbolText {
  const bindings = [...file.imports.entries()];
  // 1. The symbol itself is imported: `import { BlockPublicAccess } from 'aws-cdk-lib/aws-s3'`.
  for (const [local, b] of bindings) {
    if (b.module === module && b.path.length === 1 && b.path[0] === name) return { text: local, edits: [] };
  }
  // 2. The module is imported as a namespace or as a root-barrel member: `s3.X`.
  for (const [local, b] of bindings) {
    if (b.module === module && b.path.length === 0) return { text: `${local}.${name}`, edits: [] };
  }
  // 3. The file reaches submodules only through the root barrel namespace: `cdk.aws_s3.X`.
  // (CDK v1 has no barrel; a file importing any submodule by its own path wants that style.)
  const importsSubmodules = isCdkV1(file) || bindings.some(([, b]) => b.module.startsWith(`${CDK_ROOT}/`) && specifierOf(b.statement) !== CDK_ROOT);
  for (const [local, b] of bindings) {
    if (importsSubmodules) break;
    if (b.module === CDK_ROOT && b.path.length === 0 && (b.style === 'namespace' || b.style === 'require' || b.style === 'import-equals')) {
      return { text: `${local}.${barrelName(module)}.${name}`, edits: [] };
    }
  }
  return addImport(file, module, name);
}

function addImport(file: FileContext, module: string, name: string): SymbolText {
  const sf = file.sf;
  const bindings = [...file.imports.values()];
  const cdkBindings = bindings.filter((b) => b.module === CDK_ROOT || b.module.startsWith(`${CDK_ROOT}/`));
  const usesV1 = isCdkV1(file);
  const specifier = usesV1 ? `@aws-cdk/${module.slice(CDK_ROOT.length + 1)}` : module;
  const q = quoteStyle(file);
  const isCommonJs = bindings.some((b) => b.style === 'require') || (file.isJavaScript && !sf.statements.some(ts.isImportDeclaration));
  const insertion = importInsertionPoint(file);
  const nl = eol(file);

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
  if (barrelNamed && !isCommonJs) {
    const local = freeName(file, aliasFor(module));
    const named = barrelNamed.importClause!.namedBindings as ts.NamedImports;
    const last = named.elements[named.elements.length - 1];
    const element = local === barrelName(module) ? local : `${barrelName(module)} as ${local}`;
    return { text: `${local}.${name}`, edits: [insertAt(file, last.getEnd(), `, ${element}`)] };
  }

  const namespaceStyle = cdkBindings.some((b) => b.module !== CDK_ROOT && (b.style === 'namespace' || b.style === 'default' || b.style === 'import-equals' || (b.style === 'require' && b.path.length === 0)));
  const namedStyle = cdkBindings.some((b) => b.module !== CDK_ROOT && b.style === 'named');

  if (!namespaceStyle && namedStyle && !isCommonJs) {
    const local = freeName(file, name);
    // Merge into an existing named import of the same module.
    const existing = sf.statements.find(
      (s): s is ts.ImportDeclaration =>
        ts.isImportDeclaration(s) &&
        ts.isStringLiteral(s.moduleSpecifier) &&
        s.moduleSpecifier.text === specifier &&
        !!s.importClause?.namedBindings &&
        ts.isNamedImports(s.importClause.namedBindings) &&
        !s.importClause.isTypeOnly,
    );
    const element = local === name ? name : `${name} as ${local}`;
    if (existing) {
      const named = existing.importClause!.namedBindings as ts.NamedImports;
      const last = named.elements[named.elements.length - 1];
      if (last) return { text: local, edits: [insertAt(file, last.getEnd(), `, ${element}`)] };
    }
    return { text: local, edits: [insertAt(file, insertion.offset, `${insertion.before}import { ${element} } from ${q}${specifier}${q};${insertion.after ?? nl}`)] };
  }

  const local = freeName(file, aliasFor(module));
  const statement = isCommonJs ? `const ${local} = require(${q}${specifier}${q});` : `import * as ${local} from ${q}${specifier}${q};`;
  return { text: `${local}.${name}`, edits: [insertAt(file, insertion.offset, `${insertion.before}${statement}${insertion.after ?? nl}`)] };
}

function isCdkV1(file: FileContext): boolean {
  return [...file.imports.values()].some((b) => specifierOf(b.statement)?.startsWith('@aws-cdk/'));
}

/** The module specifier text of an import or require statement. */
function specifierOf(statement: ts.Node): string | undefined {
  if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) return statement.moduleSpecifier.text;
  const m = /require\(\s*['"]([^'"]+)['"]\s*\)/.exec(statement.getText());
  if (m) return m[1];
  if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference) && ts.isStringLiteral(statement.moduleReference.expression)) {
    return statement.moduleReference.expression.text;
  }
  return undefined;
}

/** After the last top-level import (or `require`), or at the top of the file. */
export function importInsertionPoint(file: FileContext): { offset: number; before: string; after?: string } {
  const sf = file.sf;
  let last: ts.Statement | undefined;
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s) || ts.isImportEqualsDeclaration(s)) last = s;
    else if (ts.isVariableStatement(s) && s.declarationList.declarations.some((d) => d.initializer && /^require\(/.test(d.initializer.getText(sf)))) last = s;
    else if (last) break;
  }
  if (last) return { offset: last.getEnd(), before: eol(file), after: '' };
  // No imports: after a leading shebang / 'use strict' / header comment block.
  const first = sf.statements[0];
  return { offset: first ? first.getStart(sf) : 0, before: '' };
}

export function quoteStyle(file: FileContext): string {
  for (const s of file.sf.statements) {
    if (ts.isImportDeclaration(s)) return file.text[s.moduleSpecifier.getStart(file.sf)] === '"' ? '"' : "'";
  }
  return "'";
}

/** `base`, or `base2`, `base3`… when the name is already taken at the top level of the file. */
export function freeName(file: FileContext, base: string): string {
  const taken = (n: string) => file.imports.has(n) || new RegExp(`\\b(const|let|var|class|function)\\s+${n}\\b`).test(file.text);
  if (!taken(base)) return base;
  for (let i = 2; ; i++) if (!taken(`${base}${i}`)) return `${base}${i}`;
}
