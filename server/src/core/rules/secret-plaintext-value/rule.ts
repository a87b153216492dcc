import * as ts from 'typescript';
import { someNode } from '../../model/walk';
import { createRule, RuleContext } from '../../rule';
import { PlaintextSite, plaintextSites } from '../../secrets/sites';
import { nameParts } from '../../secrets/names';
import { findDeclaration, isConstDeclaration, propertyNameText, skipOuter } from '../../model/scope';
import { enclosingStatement, quote, quoteOf, removeListElement, removeStatement, replaceNode } from '../../fixes/edits';
import type { Fix, TextEdit } from '../../types';

export default createRule({
  meta: {
    id: 'secret-plaintext-value',
    title: 'Secret value written in plain text',
    description:
      '`SecretValue.unsafePlainText` (or v1 `SecretValue.plainText`) puts the literal into the synthesized template, where anyone who can read the template, the CloudFormation console or the repository sees it.',
    defaultSeverity: 'error',
    category: 'secrets',
    cwe: ['CWE-798', 'CWE-312'],
    guideSection: 'function-security.md#secrets-management',
    fixable: true,
    appliesTo: 'cdk',
    messages: {
      plaintext:
        'SecretValue.{{method}}() writes this secret ({{preview}}) into the synthesized template in plain text. Reference it instead: SecretValue.secretsManager(name) or SecretValue.ssmSecure(name).',
    },
  },
  check(ctx) {
    for (const site of plaintextSites(ctx)) {
      const method = ts.isPropertyAccessExpression(site.call.expression) ? site.call.expression.name.text : 'unsafePlainText';
      // The literal, when it is written outside the call: a local or an imported constant.
      const origin = site.value.trail[site.value.trail.length - 1];
      const declaredElsewhere = origin.file !== ctx.file || !contains(site.call, origin.node);
      const fix = secretsManagerFix(ctx, site);
      ctx.report({
        at: site.call,
        messageId: 'plaintext',
        data: { method, preview: ctx.secret(site.value.value) },
        related: declaredElsewhere
          ? [{ at: { file: origin.file.path, range: origin.file.range(origin.node) }, message: 'Secret value written here' }]
          : [],
        fixes: fix ? [fix] : [],
      });
    }
  },
});

/**
 * `SecretValue.unsafePlainText('…')` → `SecretValue.secretsManager('<name>')`, through the same
 * `SecretValue` the call used (both return a `SecretValue`, so the result type-checks where the
 * call did). A local constant, or an imported one, that only served the call goes too. Not preferred: the value then
 * comes from a secret that must exist before the next deployment.
 */
function secretsManagerFix(ctx: RuleContext, site: PlaintextSite): Fix | undefined {
  const callee = site.call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const name = secretNameFor(site.call);
  const q = quoteOf(ctx.file, ts.isStringLiteralLike(skipOuter(site.call.arguments[0])) ? site.call.arguments[0] : undefined);
  const edits: TextEdit[] = [replaceNode(ctx.file, site.call, `${ctx.file.nodeText(callee.expression)}.secretsManager(${quote(name, q)})`)];
  const removal = removeSoleDeclaration(ctx, site.call.arguments[0]);
  if (removal) edits.push(removal);
  return {
    title: `Read the value from Secrets Manager ('${name}')`,
    edits,
    isPreferred: false,
    note: `Create the secret '${name}' in Secrets Manager before you deploy, then revoke the old value: it stays in your version control history.`,
  };
}

/** Names that say nothing about the secret, skipped when naming it. */
const GENERIC_KEYS = new Set(['secretStringValue', 'secretValue', 'secretString', 'value', 'props']);

/**
 * A secret name from where the call sits: the construct id of the enclosing `new X(scope, 'Id')`
 * and the nearest property or variable name: `orders-db/credentials`, `github-token`.
 */
export function secretNameFor(call: ts.CallExpression): string {
  let key: string | undefined;
  let id: string | undefined;
  for (let node: ts.Node = call; node.parent && !ts.isSourceFile(node); node = node.parent) {
    const parent: ts.Node = node.parent;
    if (key === undefined) {
      let name: string | undefined;
      if (
        (ts.isPropertyAssignment(parent) || ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent)) &&
        parent.initializer === node
      ) {
        name = propertyNameText(parent.name);
      }
      if (name !== undefined && !GENERIC_KEYS.has(name)) key = name;
    }
    if (
      ts.isNewExpression(parent) &&
      parent.arguments &&
      parent.arguments.length >= 2 &&
      parent.arguments.indexOf(node as ts.Expression) >= 2
    ) {
      const arg = skipOuter(parent.arguments[1]);
      if (ts.isStringLiteralLike(arg)) {
        id = arg.text;
        break;
      }
    }
    if (ts.isFunctionLike(parent) || ts.isClassLike(parent)) break;
  }
  const parts = [id, key]
    .filter((p): p is string => !!p)
    .map(kebab)
    .filter(Boolean);
  return parts.length ? [...new Set(parts)].join('/') : 'app-secret';
}

function kebab(name: string): string {
  return nameParts(name)
    .map((p) => p.toLowerCase())
    .join('-');
}

/**
 * When `arg` is a name whose only use is here, the edit that removes its declaration: a local
 * `const x = '…'`, or the import of a constant from another file (which would be left unused).
 */
function removeSoleDeclaration(ctx: RuleContext, arg: ts.Expression): TextEdit | undefined {
  const id = skipOuter(arg);
  if (!ts.isIdentifier(id)) return undefined;
  const decl = findDeclaration(id);
  if (!decl || decl.getSourceFile() !== ctx.sf || countUses(ctx.sf, id.text, decl) !== 1) return undefined;
  if (
    ts.isVariableDeclaration(decl) &&
    isConstDeclaration(decl) &&
    ts.isVariableDeclarationList(decl.parent) &&
    decl.parent.declarations.length === 1
  ) {
    const statement = enclosingStatement(decl);
    const exported = statement && ts.getModifiers(statement as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    return statement && ts.isVariableStatement(statement) && !exported ? removeStatement(ctx.file, statement) : undefined;
  }
  if (ts.isImportSpecifier(decl)) {
    const named = decl.parent;
    const clause = named.parent;
    if (named.elements.length > 1) return removeListElement(ctx.file, named.elements, decl);
    if (!clause.name && ts.isImportDeclaration(clause.parent)) return removeStatement(ctx.file, clause.parent);
  }
  return undefined;
}

function countUses(sf: ts.SourceFile, name: string, decl: ts.Node): number {
  let uses = 0;
  someNode(sf, (node) => {
    if (ts.isIdentifier(node) && node.text === name && node.parent !== decl && findDeclaration(node) === decl) uses++;
  });
  return uses;
}

function contains(outer: ts.Node, inner: ts.Node): boolean {
  return inner.getSourceFile() === outer.getSourceFile() && inner.pos >= outer.pos && inner.end <= outer.end;
}
