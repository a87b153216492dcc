import * as ts from 'typescript';
import { BudgetExceededError, withDeadline } from '../budget';
import { DEFAULT_BUDGET_MS, type Engine } from '../engine/engine';
import type { FileContext } from '../model/fileContext';
import type { Finding, Range } from '../types';
import { callCard, constructCard, isCdkFile, propertyCard } from './cdk';
import { handlerCard, isHandlerFile } from './handler';
import { maskSecrets } from '../secrets/redact';
import { pythonMemberName, pythonSpelling } from '../model/python/names';
import { withSecretsMasked } from './judge';
import type { Card, HoverContext, HoverResult } from './types';

/**
 * Hover for one position: the card of the CDK construct, property or call under the cursor (or
 * of the handler expression), and the help of every finding whose range holds the position.
 * Nothing is analysed here: the file comes from the engine's parsed sources and the findings
 * from its cache, as of the text they were computed from.
 */
/** `offset` is in the document's text (for a Python file, the Python source). */
export function hoverAt(engine: Engine, path: string, offset: number, budgetMs = DEFAULT_BUDGET_MS): HoverResult | undefined {
  const view = engine.inspect(path);
  if (!view) return undefined;
  const { file, resolver } = view;
  // The file's configuration, as its analysis has it (`.slsguard.json` layered under the settings).
  const ctx: HoverContext = { file, resolver, config: engine.configFor(path) };
  const token = tokenAt(file.sf, file.textOffset(offset));
  // Cards quote the user's code: the secrets the rules found in it are masked (findings are already).
  const secrets = engine.cachedResult(path)?.secrets ?? [];
  const found = token ? cardWithin(budgetMs, () => withSecretsMasked(secrets, () => cardAt(token, ctx))) : undefined;
  const findings = findingsAt(engine.currentFindings(path) ?? [], file, offset);
  if (!found && findings.length === 0) return undefined;
  const cards = found ? [maskCard(found.card, secrets)] : [];
  return { range: found ? found.range : findings[0].range, cards: file.isPython ? cards.map(pythonCard) : cards, findings };
}

/** A card about Python code names props and methods as Python does (`enforce_ssl`, `grant_read`). */
function pythonCard(card: Card): Card {
  const name = (text: string) => (/^[a-z][A-Za-z0-9]*$/.test(text) ? pythonMemberName(text) : pythonSpelling(text));
  return {
    ...card,
    title: name(card.title),
    about: pythonSpelling(card.about),
    verdicts: card.verdicts.map((v) => ({ ...v, subject: name(v.subject), text: pythonSpelling(v.text) })),
  };
}

/** Every text of a card through the redaction step (secrets/redact.ts). */
function maskCard(card: Card, secrets: readonly string[]): Card {
  const mask = (text: string) => maskSecrets(text, secrets);
  return {
    ...card,
    title: mask(card.title),
    ...(card.context === undefined ? {} : { context: mask(card.context) }),
    about: mask(card.about),
    verdicts: card.verdicts.map((v) => ({ ...v, subject: mask(v.subject), text: mask(v.text) })),
  };
}

/**
 * The card, if it can be worked out within the time budget (values that take longer, such as
 * arrays that double themselves line after line, leave the hover with the findings alone).
 */
function cardWithin(budgetMs: number, card: () => Found | undefined): Found | undefined {
  try {
    return withDeadline(Date.now() + budgetMs, card);
  } catch (error) {
    if (error instanceof BudgetExceededError) return undefined;
    throw error;
  }
}

/** The innermost node (tokens included) that holds the offset. */
export function tokenAt(sf: ts.SourceFile, offset: number): ts.Node | undefined {
  if (offset < 0 || offset > sf.end) return undefined;
  let node: ts.Node = sf;
  for (;;) {
    const child = node.getChildren(sf).find((c) => c.getStart(sf) <= offset && offset < c.getEnd());
    if (!child) return node === sf ? undefined : node;
    node = child;
  }
}

interface Found {
  card: Card;
  range: Range;
}

function cardAt(token: ts.Node, ctx: HoverContext): Found | undefined {
  if (isCdkFile(ctx.file)) return cdkCardAt(token, ctx);
  if (!isHandlerFile(ctx.file)) return undefined;
  const found = handlerCard(token, ctx);
  return found && { card: found.card, range: ctx.file.range(found.node) };
}

function cdkCardAt(token: ts.Node, ctx: HoverContext): Found | undefined {
  const parent = token.parent;
  if (!parent) return undefined;
  // A property name in a props object: `enforceSSL: true`, `{ vpc }`.
  if ((ts.isPropertyAssignment(parent) || ts.isShorthandPropertyAssignment(parent)) && parent.name === token) {
    const card = propertyCard(parent, ctx);
    return card && { card, range: ctx.file.range(token) };
  }
  // A method name: `table.grantReadData(fn)`, `fn.addToRolePolicy(...)`, `resource.addMethod(...)`.
  if (
    ts.isPropertyAccessExpression(parent) &&
    parent.name === token &&
    ts.isCallExpression(parent.parent) &&
    parent.parent.expression === parent
  ) {
    const card = callCard(parent.parent, ctx);
    return card && { card, range: ctx.file.range(token) };
  }
  // A construct: `new` or any part of the class name in `new s3.Bucket(...)`.
  const expr = newExpressionAt(token);
  if (expr) {
    const card = constructCard(expr, ctx);
    return card && { card, range: ctx.file.headRange(expr) };
  }
  return undefined;
}

function newExpressionAt(token: ts.Node): ts.NewExpression | undefined {
  if (token.kind === ts.SyntaxKind.NewKeyword && token.parent && ts.isNewExpression(token.parent)) return token.parent;
  let n: ts.Node = token;
  while (n.parent && ts.isPropertyAccessExpression(n.parent)) n = n.parent;
  return n.parent && ts.isNewExpression(n.parent) && n.parent.expression === n ? n.parent : undefined;
}

function contains(range: Range, line: number, character: number): boolean {
  const { start, end } = range;
  if (line < start.line || line > end.line) return false;
  if (line === start.line && character < start.character) return false;
  if (line === end.line && character > end.character) return false;
  return true;
}

/** Findings of this file whose range holds the offset, one per rule. */
function findingsAt(findings: Finding[], file: FileContext, offset: number): Finding[] {
  const { line, character } = file.sourcePosition(offset);
  const seen = new Set<string>();
  return findings.filter((f) => {
    if (f.file !== file.path || !contains(f.range, line, character) || seen.has(f.ruleId)) return false;
    seen.add(f.ruleId);
    return true;
  });
}
