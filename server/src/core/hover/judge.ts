import * as ts from 'typescript';
import { asBoolean, fqnIs, Value } from '../model/values';
import { maskSecrets } from '../secrets/redact';
import type { Judgement, NoteContext } from './types';

/**
 * Small helpers the security notes judge values with. A note never guesses: a value it cannot
 * evaluate statically is shown as written, with "cannot tell".
 */

/**
 * Text shown as inline code, safe for Markdown: one line, at most 60 characters, secrets masked
 * (before it is cut, so a cut never leaves part of one whole). The fence is a run of backticks
 * longer than any in the text, so the text cannot close it and whatever follows (a link, an
 * image) stays code.
 */
export function code(text: string): string {
  let t = maskSecrets(text.replace(/\s+/g, ' ').trim(), shownSecrets);
  if (t.length > 60) t = `${t.slice(0, 59)}…`;
  if (!t.includes('`')) return `\`${t}\``;
  const longest = Math.max(...(t.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // CommonMark strips one space on each side: the padding lets the text start or end with a backtick.
  return `${fence} ${t} ${fence}`;
}

/** The secrets detected in the file a hover is about, while its cards are made (analysis and hover are synchronous). */
let shownSecrets: readonly string[] = [];

/** Make hover text with `secrets` masked wherever `code()` quotes the user's code. */
export function withSecretsMasked<T>(secrets: readonly string[], fn: () => T): T {
  const outer = shownSecrets;
  shownSecrets = secrets;
  try {
    return fn();
  } finally {
    shownSecrets = outer;
  }
}

/**
 * A value as the user wrote it where it is used, as inline code: `key` in `masterKey: key`, not
 * the `new kms.Key(...)` it names. That is the deepest step of the value's trail written as a
 * property value or an array element, or else where the resolution started.
 */
export function show(value: Value): string {
  const written = [...value.trail].reverse().find(({ node }) => {
    const parent = node.parent;
    return !!parent && (ts.isPropertyAssignment(parent) || ts.isShorthandPropertyAssignment(parent) || ts.isArrayLiteralExpression(parent));
  });
  const use = written ?? value.trail[0] ?? value;
  return code(use.file.nodeText(use.node));
}

export const ok = (text: string): Judgement => ({ level: 'ok', text });
export const risk = (text: string): Judgement => ({ level: 'risk', text });
export const info = (text: string): Judgement => ({ level: 'info', text });

export function cannotTell(value: Value): Judgement {
  return info(`${show(value)} — a value Serverless Guard cannot work out from the source`);
}

/** `s3.BucketEncryption.KMS` → `KMS`, when the value is a member of the enum-like class `owner`. */
export function memberOf(value: Value | undefined, owner: string): string | undefined {
  if (!value || (value.kind !== 'ref' && value.kind !== 'call') || !value.fqn) return undefined;
  const dot = value.fqn.lastIndexOf('.');
  if (dot < 0) return undefined;
  return fqnIs(value.fqn.slice(0, dot), owner) ? value.fqn.slice(dot + 1) : undefined;
}

/** A member of an enum-like class (`BucketEncryption.KMS`): the judgement written for that member. */
export function judgeMember(value: Value, owners: string[], members: Record<string, Judgement>): Judgement {
  for (const owner of owners) {
    const m = memberOf(value, owner);
    if (m !== undefined && Object.prototype.hasOwnProperty.call(members, m)) return members[m];
  }
  return cannotTell(value);
}

/** `new X(...)` of one of these classes. */
export function isNew(value: Value | undefined, ...classes: string[]): boolean {
  return !!value && value.kind === 'new' && fqnIs(value.fqn, ...classes);
}

export function isCall(value: Value | undefined, ...fqns: string[]): boolean {
  return !!value && value.kind === 'call' && fqnIs(value.fqn, ...fqns);
}

/**
 * A boolean property: the judgement for true, for false, and for "not set" (which is usually
 * one of the other two, CDK's default).
 */
export function judgeBoolean(
  value: Value | undefined,
  when: { true: Judgement; false: Judgement; unset: Judgement | undefined },
): Judgement | undefined {
  if (value === undefined) return when.unset;
  const b = asBoolean(value);
  if (b === undefined) return cannotTell(value);
  return b ? when.true : when.false;
}

/** Elements of an array value, when fully known. */
export function elementsOf(value: Value | undefined): Value[] | undefined {
  return value && value.kind === 'array' && value.complete ? value.elements : undefined;
}

/** `RetentionDays.ONE_MONTH` → "one month". */
export function humanize(member: string): string {
  return member.toLowerCase().replace(/_/g, ' ');
}

/** Calls of `method` made on the construct a note is judging (`sg.addIngressRule(...)`), in its file. */
export function callsOnOwner(ctx: NoteContext, method: string): ts.CallExpression[] {
  return (ctx.file.index.callsByName.get(method) ?? []).filter((call) => {
    if (!ts.isPropertyAccessExpression(call.expression)) return false;
    const receiver = ctx.resolver.resolve(call.expression.expression, ctx.file);
    return receiver.kind === 'new' && receiver.expr === ctx.owner;
  });
}
