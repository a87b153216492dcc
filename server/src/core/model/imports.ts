import * as ts from 'typescript';

/**
 * Construct identity comes from import declarations, never from resolved `.d.ts` files:
 * a file that says `import { aws_iam as iam } from 'aws-cdk-lib'` and then
 * `new iam.PolicyStatement()` is using `aws-cdk-lib/aws-iam.PolicyStatement`, whether or not
 * `npm install` has run. A local class called `Table` is nobody's DynamoDB table.
 */

/** What a local name stands for. `path` is empty for a module namespace. */
export interface SymbolRef {
  /** Canonical module id: `aws-cdk-lib`, `aws-cdk-lib/aws-s3`, `child_process`, `./constants`. */
  module: string;
  path: string[];
}

export interface ImportBinding extends SymbolRef {
  /** The node that declares the local name (import specifier, binding element, …). */
  declaration: ts.Node;
  /** How it was imported, to write new imports in the file's own style. */
  style: 'named' | 'namespace' | 'default' | 'require' | 'import-equals';
  /** The import/require statement. */
  statement: ts.Node;
}

export const CDK_ROOT = 'aws-cdk-lib';

/**
 * Canonical module id for a module specifier. CDK v1 packages and the v2 root barrel map to
 * the v2 submodule they became; node built-ins lose their `node:` prefix.
 */
export function canonicalModule(specifier: string): string {
  let s = specifier;
  if (s.startsWith('node:')) return s.slice(5);
  if (s === 'aws-cdk-lib' || s === 'aws-cdk-lib/core' || s === '@aws-cdk/core' || s === 'monocdk' || s === 'monocdk/core') {
    return CDK_ROOT;
  }
  let m = /^(?:aws-cdk-lib|monocdk)\/(.+)$/.exec(s);
  if (m) return `${CDK_ROOT}/${stripAlpha(m[1])}`;
  m = /^@aws-cdk\/(.+)$/.exec(s);
  if (m) return `${CDK_ROOT}/${stripAlpha(m[1])}`;
  return s;
}

function stripAlpha(name: string): string {
  return name.replace(/-alpha$/, '');
}

/** `aws_lambda_nodejs` → `aws-cdk-lib/aws-lambda-nodejs`: submodule namespaces of the root barrel. */
function rootSubmodule(member: string): string | undefined {
  return /^[a-z][a-z0-9_]*$/.test(member) ? `${CDK_ROOT}/${member.replace(/_/g, '-')}` : undefined;
}

/** Descend one member from a reference, turning root-barrel namespaces into submodules. */
export function member(ref: SymbolRef, name: string): SymbolRef {
  if (ref.module === CDK_ROOT && ref.path.length === 0) {
    const sub = rootSubmodule(name);
    if (sub) return { module: sub, path: [] };
  }
  return { module: ref.module, path: [...ref.path, name] };
}

export function refToString(ref: SymbolRef): string {
  return ref.path.length ? `${ref.module}.${ref.path.join('.')}` : ref.module;
}

export function isCdkModule(module: string): boolean {
  return module === CDK_ROOT || module.startsWith(`${CDK_ROOT}/`);
}

export function isRelativeSpecifier(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..';
}

function stringArg(node: ts.Node | undefined): string | undefined {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
}

/** `require('x')` → `'x'` */
export function requireSpecifier(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node)) node = node.expression;
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require' && node.arguments.length === 1) {
    return stringArg(node.arguments[0]);
  }
  return undefined;
}

/**
 * The file's import table: local name → what it refers to. Only top-level statements are
 * read (imports and top-level `require`s are where real apps put them).
 */
export function buildImportTable(sf: ts.SourceFile): Map<string, ImportBinding> {
  const table = new Map<string, ImportBinding>();
  const add = (name: string, binding: ImportBinding) => {
    if (!table.has(name)) table.set(name, binding);
  };

  for (const statement of sf.statements) {
    if (ts.isImportDeclaration(statement)) {
      const specifier = stringArg(statement.moduleSpecifier);
      const clause = statement.importClause;
      if (specifier === undefined || !clause) continue;
      const module = canonicalModule(specifier);
      if (clause.name) {
        // `import s3 from 'aws-cdk-lib/aws-s3'` (esModuleInterop): the module object.
        add(clause.name.text, { module, path: [], declaration: clause, style: 'default', statement });
      }
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) {
        add(bindings.name.text, { module, path: [], declaration: bindings, style: 'namespace', statement });
      } else if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) {
          const imported = (element.propertyName ?? element.name).text;
          const ref = member({ module, path: [] }, imported);
          add(element.name.text, { ...ref, declaration: element, style: 'named', statement });
        }
      }
    } else if (ts.isImportEqualsDeclaration(statement)) {
      const ref = statement.moduleReference;
      if (ts.isExternalModuleReference(ref)) {
        const specifier = stringArg(ref.expression);
        if (specifier !== undefined) {
          add(statement.name.text, {
            module: canonicalModule(specifier),
            path: [],
            declaration: statement,
            style: 'import-equals',
            statement,
          });
        }
      }
    } else if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        const specifier = requireSpecifier(decl.initializer) ?? requireMemberSpecifier(decl.initializer)?.specifier;
        if (specifier === undefined) continue;
        const module = canonicalModule(specifier);
        const base: SymbolRef = (() => {
          const viaMember = requireMemberSpecifier(decl.initializer);
          return viaMember ? member({ module, path: [] }, viaMember.member) : { module, path: [] };
        })();
        if (ts.isIdentifier(decl.name)) {
          add(decl.name.text, { ...base, declaration: decl, style: 'require', statement });
        } else if (ts.isObjectBindingPattern(decl.name)) {
          for (const element of decl.name.elements) {
            if (element.dotDotDotToken || !ts.isIdentifier(element.name)) continue;
            const prop = element.propertyName;
            const imported = prop ? (ts.isIdentifier(prop) || ts.isStringLiteral(prop) ? prop.text : undefined) : element.name.text;
            if (imported === undefined) continue;
            add(element.name.text, { ...member(base, imported), declaration: element, style: 'require', statement });
          }
        }
      }
    }
  }
  return table;
}

/** `require('aws-cdk-lib').aws_s3` */
function requireMemberSpecifier(node: ts.Node | undefined): { specifier: string; member: string } | undefined {
  if (node && ts.isPropertyAccessExpression(node)) {
    const specifier = requireSpecifier(node.expression);
    if (specifier !== undefined) return { specifier, member: node.name.text };
  }
  return undefined;
}
