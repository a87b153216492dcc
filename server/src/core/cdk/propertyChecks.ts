import * as ts from 'typescript';
import type { RuleContext } from '../rule';
import { lookup, Lookup } from '../model/lookup';
import { alternatives, CallValue, fqnIs, NewValue, refIs, Value } from '../model/values';
import { importSymbol, SymbolText } from '../fixes/imports';
import { addConstructProperty, propsLiteral, removeProperty, setPropertyValue } from '../fixes/props';
import { eol, indentOf, replaceNode } from '../fixes/edits';
import type { Fix, Location } from '../types';

/**
 * The shared matcher of the CDK property rules: find constructs by class (resolved from
 * imports), look up a property path in their props (`lookup` of model/lookup.ts, followed
 * through consts, spreads and imports by the resolver), and report when the property is missing or has a forbidden value.
 * A rule is then mostly data:
 *
 *     check: propertyRule({
 *       constructs: ['aws-s3.Bucket'],
 *       path: 'encryption',
 *       whenValue: { is: isRef('aws-s3.BucketEncryption.UNENCRYPTED'), messageId: 'unencrypted', fixes: … },
 *     })
 *
 * A missing property is reported at the construct's `new X` head, a wrong value at the value
 * (with the resolver's related locations when it is written elsewhere). Anything the resolver
 * cannot see (a props parameter, an unresolved spread) is silent.
 */

/** `new X(scope, id, props)` with its props resolved. */
export interface ConstructSite {
  expr: ts.NewExpression;
  /** The resolved props argument; `undefined` when the call passes none. */
  props: Value | undefined;
}

export function constructSites(ctx: RuleContext, classes: readonly string[], propsIndex = 2): ConstructSite[] {
  return ctx.newExpressions(...classes).map((expr) => ({ expr, props: ctx.constructProps(expr, propsIndex) }));
}

/**
 * Argument `index` of a `new` or call value (`new BlockPublicAccess({...})`, `Port.tcp(22)`),
 * resolved in the file that value was written in, continuing its trail.
 */
export function argumentOf(ctx: RuleContext, value: NewValue | CallValue, index: number): Value | undefined {
  const arg = value.expr.arguments?.[index];
  return arg ? ctx.resolver.resolveWithin(arg, value) : undefined;
}

/** The `new X` head of a construct: where a finding about a missing property goes. */
export function headLocation(ctx: RuleContext, expr: ts.NewExpression): Location {
  return { file: ctx.file.path, range: ctx.file.headRange(expr) };
}

// ---- Value tests ---------------------------------------------------------------------------

export type ValueTest = (value: Value) => boolean;

export const isTrue: ValueTest = (v) => v.kind === 'boolean' && v.value;
export const isFalse: ValueTest = (v) => v.kind === 'boolean' && !v.value;

/** A reference to one of these package exports: `isRef('aws-s3.BucketEncryption.UNENCRYPTED')`. */
export function isRef(...fqns: string[]): ValueTest {
  return (v) => refIs(v, ...fqns);
}

/** A call of one of these package functions: `isCallOf('aws-dynamodb.TableEncryptionV2.awsManagedKey')`. */
export function isCallOf(...fqns: string[]): ValueTest {
  return (v) => v.kind === 'call' && fqnIs(v.fqn, ...fqns);
}

// ---- Checks --------------------------------------------------------------------------------

/** `found` is what `lookup` says of the dotted `path` in the construct's props. */
export type FixBuilder = (ctx: RuleContext, site: ConstructSite, found: Lookup, path: string) => Fix[];

export interface PropertyFinding {
  messageId: string;
  data?: Record<string, string | number>;
  fixes?: FixBuilder;
}

export interface PropertyCheck {
  /** Construct classes, as `module.Class` (`aws-s3.Bucket`). */
  constructs: readonly string[];
  /** Dotted property path in the props. */
  path: string;
  /** Constructs outside the rule's scope (asymmetric keys, a sibling property that makes it safe). */
  skip?: (site: ConstructSite) => boolean;
  /** Report at the `new X` head when the property is not set. */
  whenMissing?: PropertyFinding;
  /** Report at the value when it passes `is`. */
  whenValue?: PropertyFinding & { is: ValueTest };
}

export function checkProperty(ctx: RuleContext, check: PropertyCheck): void {
  // Props a helper may return in several ways are checked one way at a time.
  const sites = constructSites(ctx, check.constructs).flatMap((site) => alternatives(site.props).map((props) => ({ ...site, props })));
  for (const site of sites) {
    if (check.skip?.(site)) continue;
    const found = lookup(site.props, ...check.path.split('.'));
    let finding: PropertyFinding | undefined;
    let at: Value | Location | undefined;
    if (found.state === 'absent' && check.whenMissing) {
      finding = check.whenMissing;
      at = headLocation(ctx, site.expr);
    } else if (found.state === 'set' && check.whenValue?.is(found.value)) {
      finding = check.whenValue;
      at = found.value;
    }
    if (!finding || !at) continue;
    ctx.report({ at, messageId: finding.messageId, data: finding.data, fixes: finding.fixes?.(ctx, site, found, check.path) ?? [] });
  }
}

/** A rule's `check` made of property checks. */
export function propertyRule(...checks: PropertyCheck[]): (ctx: RuleContext) => void {
  return (ctx) => {
    for (const check of checks) checkProperty(ctx, check);
  };
}

// ---- Fixes ---------------------------------------------------------------------------------

/**
 * The code a fix writes: literal text, or text computed for the construct (a CDK symbol named in
 * the file's own import style, a new key declared before `target`, the node the fix edits).
 */
export type CodeFn = (ctx: RuleContext, site: ConstructSite, target: ts.Node) => SymbolText | undefined;
export type Code = string | CodeFn;

/**
 * What goes between two properties written by one fix at `target` (a props literal, or a
 * property in one): a line break with the properties' indentation in a multi-line literal, else
 * `, `. Lets a value carry a second property: `CUSTOMER_MANAGED,⏎  encryptionKey: key`.
 */
export function propertySeparator(ctx: RuleContext, target: ts.Node): string {
  const literal = ts.isObjectLiteralExpression(target) ? target : target.parent;
  if (!ts.isObjectLiteralExpression(literal) || !ctx.file.nodeText(literal).includes('\n')) return ', ';
  const sample = literal.properties[literal.properties.length - 1] ?? literal;
  return `,${eol(ctx.file)}${indentOf(ctx.file, sample)}`;
}

/** `<BucketEncryption>.S3_MANAGED`, named through the file's imports of `module`. */
export function cdkMember(module: string, symbol: string, member?: string): CodeFn {
  return (ctx) => {
    const s = importSymbol(ctx.file, module, symbol);
    return member ? { text: `${s.text}.${member}`, edits: s.edits } : s;
  };
}

export interface FixOptions {
  title: string;
  /** Keeps the app's behaviour for its users: safe for "fix all". */
  isPreferred: boolean;
  note?: string;
}

/**
 * Give the property the value `code`: replace the value where it is written, or add the
 * property to the props (top-level paths only). No fix when the place is not in this file.
 */
export function setProperty(code: Code, options: FixOptions): FixBuilder {
  return (ctx, site, found, path) => {
    const entry = found.state === 'unknown' ? undefined : found.entry;
    let target: ts.Node | undefined;
    if (entry) target = entry.file === ctx.file ? entry.node : undefined;
    else if (found.state === 'absent' && !path.includes('.')) target = propsLiteral(ctx, site.expr.arguments?.[2]) ?? site.expr;
    if (!target) return [];
    const value = typeof code === 'string' ? { text: code, edits: [] } : code(ctx, site, target);
    if (!value) return [];
    const edit = entry ? setPropertyValue(ctx, entry, value.text) : addConstructProperty(ctx, site.expr, `${path}: ${value.text}`);
    return edit ? [{ ...options, edits: [...value.edits, edit] }] : [];
  };
}

/** Delete the property where it is written (`isMultiRegionTrail: false` → the default). */
export function deleteProperty(options: FixOptions): FixBuilder {
  return (ctx, _site, found) => {
    if (found.state !== 'set') return [];
    const literal = found.entry.node.parent;
    // The only property: `{ isMultiRegionTrail: false }` becomes `{}`, not `{  }`.
    const edit =
      found.entry.file === ctx.file && ts.isObjectLiteralExpression(literal) && literal.properties.length === 1
        ? replaceNode(ctx.file, literal, '{}')
        : removeProperty(ctx, found.entry);
    return edit ? [{ ...options, edits: [edit] }] : [];
  };
}

/**
 * Rewrite a value where it is written (this file only), keeping how it is written: an enum-like
 * member keeps its qualifier (`lambda.Runtime.NODEJS_16_X` → `lambda.Runtime.NODEJS_24_X`), a
 * CloudFormation string keeps its quotes (`'nodejs16.x'` → `'nodejs24.x'`). No fix for anything else.
 */
export function replaceWritten(ctx: RuleContext, value: Value, to: { member: string; string: string }, options: FixOptions): Fix[] {
  if (value.file !== ctx.file) return [];
  const node = value.node;
  let text: string | undefined;
  if (ts.isStringLiteral(node)) {
    const quote = ctx.file.nodeText(node).startsWith('"') ? '"' : "'";
    text = `${quote}${to.string}${quote}`;
  } else if (ts.isPropertyAccessExpression(node)) {
    text = `${ctx.file.nodeText(node.expression)}.${to.member}`;
  }
  return text === undefined ? [] : [{ ...options, edits: [replaceNode(ctx.file, node, text)] }];
}
