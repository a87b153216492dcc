import type * as ts from 'typescript';
import type { EngineConfig } from '../config';
import type { GuideSectionId } from '../guide/sections';
import type { FileContext } from '../model/fileContext';
import type { Resolver } from '../model/resolver';
import type { Value } from '../model/values';
import type { Finding, Range } from '../types';

/**
 * The shapes hover is made of. Security notes are data, like the rules: a construct class (or a
 * method call) has notes per property, and each note may judge the property's current value.
 * Rule facts (title, why it matters, fix) come from the rules' own metadata, never from here.
 */

/** `ok`: the value is a sound choice; `risk`: it weakens security; `info`: worth knowing. */
export type VerdictLevel = 'ok' | 'risk' | 'info';

export interface Verdict {
  level: VerdictLevel;
  /** What is judged, shown as code: a property name (`enforceSSL`) or an aspect (`throttling`). */
  subject: string;
  /** Markdown. Values from the user's code are wrapped with `code()`. */
  text: string;
}

/** A verdict before it knows its subject (the property it was asked about). */
export interface Judgement {
  level: VerdictLevel;
  text: string;
  /** Overrides the property name as the subject (`deployOptions` reports `throttling`, …). */
  subject?: string;
}

/** The file under the cursor, a resolver over the engine's program, and the configuration. */
export interface HoverContext {
  file: FileContext;
  resolver: Resolver;
  config: EngineConfig;
}

/** What a note can look at while it judges a value. */
export interface NoteContext extends HoverContext {
  /** The resolved props object the property belongs to (undefined when there is no props argument). */
  props: Value | undefined;
  /** The `new X(...)` or call the props belong to. */
  owner: ts.Expression;
}

export interface PropNote {
  /** Markdown: what this property decides, for security. One or two sentences. */
  about: string;
  /** Defaults to the construct's section. */
  guide?: GuideSectionId;
  /** Catalog rule ids that look at this property (only registered ones are shown). */
  rules?: string[];
  /**
   * Judge the value: `undefined` means the property is not set (and the props are fully
   * known). Return nothing to say nothing.
   */
  judge?(value: Value | undefined, ctx: NoteContext): Judgement | Judgement[] | undefined;
  /** Leave this property out of the construct card while it is not set. */
  onlyWhenSet?: boolean;
  /** Notes for the properties of an object-valued property (`deployOptions.throttlingRateLimit`). */
  props?: Record<string, PropNote>;
}

export interface ConstructNote {
  /** Canonical class names (`aws-s3.Bucket`); CDK v1 and the root barrel map onto them. */
  classes: string[];
  /** Human name: "S3 bucket". */
  label: string;
  /** Markdown: what matters for security on this construct. */
  about: string;
  guide: GuideSectionId;
  rules: string[];
  /** Position of the props argument: 2 for `new X(scope, id, props)`, 0 for `new PolicyStatement(props)`. */
  propsIndex: number;
  /** Properties in the order the card lists them. */
  props: Record<string, PropNote>;
  /** Judgements that need more than one property or the rest of the file. */
  extra?(ctx: NoteContext): Judgement[];
}

/** A method whose options object carries security settings (`addMethod(verb, integration, options)`). */
export interface CallNote {
  method: string;
  label: string;
  about: string;
  guide: GuideSectionId;
  rules: string[];
  optionsIndex: number;
  /** Notes for hovers on the options' properties. */
  props: Record<string, PropNote>;
  /** The call card's verdicts. */
  extra(call: ts.CallExpression, ctx: NoteContext): Judgement[];
}

/** One hover card: a construct, a property, a call, or a handler expression. */
export interface Card {
  /** Bold heading: "S3 bucket", "enforceSSL". */
  title: string;
  /** Shown as code beside the title: `aws-s3.Bucket`, "S3 bucket". */
  context?: string;
  about: string;
  verdicts: Verdict[];
  rules: string[];
  guide: GuideSectionId;
}

export interface HoverResult {
  /** The range the hover applies to (the hovered node). */
  range: Range;
  cards: Card[];
  /** Findings whose range holds the position: their rule's help is shown. */
  findings: Finding[];
}
