import * as ts from 'typescript';
import { checkBudget } from '../../budget';
import { createRule, RuleContext } from '../../rule';
import { compilePatterns, isPlaceholder, isPublicKey, isReference, isTemplateOrSetting } from '../../secrets/allowList';
import { findCredential, formatsIn } from '../../secrets/credentials';
import { looksRandom } from '../../secrets/entropy';
import { looksSecret, wordsFrom } from '../../secrets/names';
import { environmentSites, envProblem, plaintextSites } from '../../secrets/sites';
import { propertyNameText, skipOuter } from '../../model/scope';

/** A string value in the file: a literal, or a `+` chain made only of literals (a PEM block split over lines). */
interface Candidate {
  node: ts.Expression;
  text: string;
  line: number;
  /** The innermost object literal around it: an access key id and its secret often sit side by side. */
  object?: ts.ObjectLiteralExpression;
  formats: string[];
}

/** How far apart (in lines) an AWS access key id and its secret access key may be. */
const NEARBY_LINES = 5;

export default createRule({
  meta: {
    id: 'hardcoded-secret',
    title: 'Hard-coded secret',
    description:
      'A credential (an AWS access key, a private key, a GitHub, Slack, Stripe or OpenAI token, a JWT) or a random-looking value assigned to a secret-looking name is written in the source code, where everyone with access to the repository or the deployed bundle can use it.',
    defaultSeverity: 'error',
    category: 'secrets',
    cwe: ['CWE-798'],
    guideSection: 'function-security.md#secrets-management',
    fixable: false,
    appliesTo: 'any',
    keptInTestCode: ['format'],
    messages: {
      format:
        'Hard-coded {{description}} ({{preview}}). Anyone who can read the repository or the deployed code can use it: revoke it, and load the new one at runtime from Secrets Manager or SSM Parameter Store.',
      named:
        "'{{name}}' is set to a hard-coded secret ({{preview}}). Anyone who can read the repository or the deployed code can use it: rotate it, and load it at runtime from Secrets Manager or SSM Parameter Store.",
    },
  },
  check(ctx) {
    const candidates = collectCandidates(ctx);
    if (candidates.length === 0) return;
    const taken = reportedByOtherRules(ctx);
    const placeholderPatterns = compilePatterns(ctx.config.placeholderPatterns);
    const words = wordsFrom(ctx.config);
    // Few literals are credentials: only those can make the neighbourhood of another.
    const withFormats = candidates.filter((c) => c.formats.length > 0);
    for (const candidate of candidates) {
      if (taken.has(candidate.node)) continue;
      const credential = findCredential(candidate.text, { nearby: nearbyFormats(candidate, withFormats), placeholderPatterns });
      if (credential) {
        ctx.report({
          at: candidate.node,
          messageId: 'format',
          data: { description: credential.format.description, preview: ctx.secret(credential.text) },
        });
        continue;
      }
      const name = assignedName(candidate.node);
      if (name === undefined || !looksSecret(name, words)) continue;
      const value = candidate.text.trim().replace(/^(?:Bearer|Basic|Token|Bot)\s+/i, '');
      if (
        !looksRandom(value) ||
        isPlaceholder(value, placeholderPatterns) ||
        isReference(value) ||
        isPublicKey(value) ||
        isTemplateOrSetting(value)
      )
        continue;
      ctx.report({ at: candidate.node, messageId: 'named', data: { name, preview: ctx.secret(value) } });
    }
  },
});

function collectCandidates(ctx: RuleContext): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<ts.Node>();
  // The text of each concatenation, joined once: every literal of a chain of n leads to it.
  const chains = new Map<ts.Expression, string | undefined>();
  for (const literal of ctx.file.index.strings) {
    if (!isValuePosition(literal)) continue;
    const chain = concatenation(literal, chains);
    const node = chain ?? literal;
    if (seen.has(node)) continue;
    seen.add(node);
    const text = chain ? chains.get(chain)! : literal.text;
    // Nothing shorter is a credential or a generated secret (see entropy.MIN_LENGTH).
    if (text.length < 16) continue;
    out.push({
      node,
      text,
      line: ctx.file.position(node.getStart(ctx.sf)).line,
      object: enclosingObject(node),
      formats: formatsIn(text),
    });
  }
  return out;
}

/** Literals that are values: not module names, property names or literal types. */
function isValuePosition(node: ts.StringLiteralLike): boolean {
  const parent = node.parent;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent)) return false;
  if (ts.isLiteralTypeNode(parent) || ts.isImportTypeNode(parent)) return false;
  if ('name' in parent && (parent as { name?: ts.Node }).name === node) return false;
  return true;
}

/** The outermost `'a' + 'b' + …` made only of string literals that `literal` is part of. */
function concatenation(literal: ts.StringLiteralLike, texts: Map<ts.Expression, string | undefined>): ts.Expression | undefined {
  let top: ts.Expression = literal;
  while (
    (ts.isBinaryExpression(top.parent) && top.parent.operatorToken.kind === ts.SyntaxKind.PlusToken) ||
    ts.isParenthesizedExpression(top.parent)
  ) {
    checkBudget(); // a generated chain of n literals walks n² steps
    top = top.parent;
  }
  while (ts.isParenthesizedExpression(top)) top = top.expression;
  if (top === literal) return undefined;
  if (!texts.has(top)) texts.set(top, literalText(top));
  return texts.get(top) !== undefined ? top : undefined;
}

/** The text of `'a' + ('b' + 'c')`, or undefined when a term is not a string literal. A loop: a generated chain can be 10,000 terms deep. */
function literalText(node: ts.Expression): string | undefined {
  const parts: string[] = [];
  const todo: ts.Expression[] = [node];
  for (let e = todo.pop(); e; e = todo.pop()) {
    if (ts.isStringLiteralLike(e)) parts.push(e.text);
    else if (ts.isParenthesizedExpression(e)) todo.push(e.expression);
    else if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) todo.push(e.right, e.left);
    else return undefined;
  }
  return parts.join('');
}

function enclosingObject(node: ts.Node): ts.ObjectLiteralExpression | undefined {
  for (let n = node.parent; n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isObjectLiteralExpression(n)) return n;
    if (ts.isFunctionLike(n) || ts.isBlock(n)) return undefined;
  }
  return undefined;
}

/** Credential formats of the other values in the same object literal or a few lines away. */
function nearbyFormats(candidate: Candidate, withFormats: Candidate[]): Set<string> {
  const ids = new Set<string>();
  for (const other of withFormats) {
    if (other === candidate) continue;
    if ((candidate.object && other.object === candidate.object) || Math.abs(other.line - candidate.line) <= NEARBY_LINES) {
      for (const id of other.formats) ids.add(id);
    }
  }
  return ids;
}

/**
 * The name a value is given: `const apiKey = '…'`, `{ apiKey: '…' }`, `private apiKey = '…'`,
 * `function f(apiKey = '…')`, `const { apiKey = '…' } = o`, `this.apiKey = '…'`,
 * `<Widget apiKey="…" />`, and through a fallback (`process.env.API_KEY ?? '…'`).
 */
export function assignedName(node: ts.Expression): string | undefined {
  let current: ts.Node = node;
  for (;;) {
    const parent: ts.Node = current.parent;
    if (
      ts.isParenthesizedExpression(parent) ||
      ts.isAsExpression(parent) ||
      ts.isSatisfiesExpression(parent) ||
      ts.isNonNullExpression(parent) ||
      ts.isTypeAssertionExpression(parent) ||
      (ts.isBinaryExpression(parent) && parent.right === current && isFallback(parent.operatorToken.kind)) ||
      (ts.isConditionalExpression(parent) && parent.condition !== current)
    ) {
      current = parent;
      continue;
    }
    if (
      (ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent)) &&
      parent.initializer === current
    ) {
      return propertyNameText(parent.name);
    }
    if (ts.isPropertyAssignment(parent) && parent.initializer === current) return propertyNameText(parent.name);
    if (ts.isJsxAttribute(parent) && parent.initializer === current && ts.isIdentifier(parent.name)) return parent.name.text;
    if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === current) {
      const left = skipOuter(parent.left);
      if (ts.isIdentifier(left)) return left.text;
      if (ts.isPropertyAccessExpression(left)) return left.name.text;
      if (ts.isElementAccessExpression(left) && ts.isStringLiteralLike(left.argumentExpression)) return left.argumentExpression.text;
    }
    return undefined;
  }
}

function isFallback(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.QuestionQuestionToken || kind === ts.SyntaxKind.BarBarToken;
}

/**
 * Literals that `secret-in-env` or `secret-plaintext-value` report in this file: a secret in a
 * function's environment or in `unsafePlainText` is one mistake, reported once, by the more
 * specific rule (unless that rule is turned off).
 */
function reportedByOtherRules(ctx: RuleContext): Set<ts.Node> {
  const taken = new Set<ts.Node>();
  if (ctx.config.rules['secret-in-env'] !== 'off') {
    for (const site of environmentSites(ctx)) {
      if (site.value.file === ctx.file && envProblem(ctx, site)) taken.add(site.value.node);
    }
  }
  if (ctx.config.rules['secret-plaintext-value'] !== 'off') {
    for (const site of plaintextSites(ctx)) if (site.value.file === ctx.file) taken.add(site.value.node);
  }
  return taken;
}
