import * as ts from 'typescript';
import type { FileContext } from './fileContext';

/**
 * A value the resolver could work out statically. Every value remembers where it came from:
 * `node` in `file` is the expression that produced it, and `trail` is the path the resolver
 * took from the place the rule asked about (the use site) to here, across files if need be.
 */
export interface Origin {
  file: FileContext;
  node: ts.Node;
}

interface Base {
  node: ts.Node;
  file: FileContext;
  trail: Origin[];
}

export interface StringValue extends Base {
  kind: 'string';
  value: string;
}
export interface NumberValue extends Base {
  kind: 'number';
  value: number;
}
export interface BooleanValue extends Base {
  kind: 'boolean';
  value: boolean;
}
/** `null`, `undefined`, or a property that a fully known object does not have. */
export interface NullishValue extends Base {
  kind: 'nullish';
}
export interface ArrayValue extends Base {
  kind: 'array';
  elements: Value[];
  /** False when a spread could not be resolved: more elements may exist. */
  complete: boolean;
}
export interface PropEntry {
  value: Value;
  /** The property assignment (or shorthand) that set it, in `file`. */
  node: ts.ObjectLiteralElementLike;
  file: FileContext;
}
export interface ObjectValue extends Base {
  kind: 'object';
  props: Map<string, PropEntry>;
  /** False when a spread or computed key could not be resolved: more properties may exist. */
  complete: boolean;
}
/** `new X(...)`; `fqn` is set when X is a class imported from a package. */
export interface NewValue extends Base {
  kind: 'new';
  fqn?: string;
  expr: ts.NewExpression;
  /**
   * Written inside a project function the resolver followed: its arguments as that call bound
   * the function's parameters (they mean nothing once the call is left).
   */
  args?: Value[];
}
/** A reference to something a package exports: `iam.Effect.DENY` → `aws-cdk-lib/aws-iam.Effect.DENY`. */
export interface RefValue extends Base {
  kind: 'ref';
  fqn: string;
}
/** A call; `fqn` is set when the callee is a package export (`iam.ManagedPolicy.fromAwsManagedPolicyName`). */
export interface CallValue extends Base {
  kind: 'call';
  fqn?: string;
  name?: string;
  expr: ts.CallExpression;
}
/** An attribute of something: `table.tableArn`, `props.secret.secretArn` — a token at synth time. */
export interface AttrValue extends Base {
  kind: 'attr';
  target: Value;
  name: string;
}
/** A template literal with parts the resolver could not all reduce to text. */
export interface TemplateValue extends Base {
  kind: 'template';
  parts: Array<string | Value>;
}
/** Declared with a type and no value we can see: `fn: lambda.IFunction`. */
export interface TypedValue extends Base {
  kind: 'typed';
  fqn: string;
}
/** The module object of a project file: `import * as c from './constants'`. */
export interface ModuleValue extends Base {
  kind: 'module';
  module: FileContext;
}
export interface FunctionValue extends Base {
  kind: 'function';
}
export interface UnknownValue extends Base {
  kind: 'unknown';
}
/**
 * What a project function returns when it may return one of several values (`if (prod) return
 * {...}; return {...};`, `return cond ? a : b`): each is followed, so a wrong literal in either
 * branch is found. Read as `unknown` wherever alternatives are not asked for (`alternatives`).
 */
export interface EitherValue extends Base {
  kind: 'either';
  options: Value[];
}

export type Value =
  | StringValue
  | NumberValue
  | BooleanValue
  | NullishValue
  | ArrayValue
  | ObjectValue
  | NewValue
  | RefValue
  | CallValue
  | AttrValue
  | TemplateValue
  | TypedValue
  | ModuleValue
  | FunctionValue
  | EitherValue
  | UnknownValue;

export function asString(value: Value | undefined): string | undefined {
  return value && value.kind === 'string' ? value.value : undefined;
}

export function asBoolean(value: Value | undefined): boolean | undefined {
  return value && value.kind === 'boolean' ? value.value : undefined;
}

export function isKnownPrimitive(value: Value): value is StringValue | NumberValue | BooleanValue {
  return value.kind === 'string' || value.kind === 'number' || value.kind === 'boolean';
}

/** Property of an object value; `undefined` when the object is not known or lacks it. */
export function prop(value: Value | undefined, name: string): PropEntry | undefined {
  return value && value.kind === 'object' ? value.props.get(name) : undefined;
}

/** The value of a property, when the object is fully known to set it. */
export function propValue(value: Value | undefined, name: string): Value | undefined {
  return prop(value, name)?.value;
}

/**
 * Whether an object value certainly has no such property (a fully known object without it),
 * as opposed to "we cannot tell" (an unresolved spread).
 */
export function certainlyLacks(value: Value | undefined, name: string): boolean {
  if (!value || value.kind !== 'object') return false;
  const entry = value.props.get(name);
  if (entry) return entry.value.kind === 'nullish';
  return value.complete;
}

/** Fully qualified class name of the construct a value is an instance of, if known. */
export function instanceFqn(value: Value | undefined): string | undefined {
  if (!value) return undefined;
  if (value.kind === 'new' || value.kind === 'typed') return value.fqn;
  if (value.kind === 'call' && value.fqn) {
    // Static factories return an instance of their class: `Table.fromTableName(...)`.
    const m = /^(.*)\.(from[A-Z]\w*)$/.exec(value.fqn);
    if (m) return m[1];
  }
  return undefined;
}

/** Does the fqn name one of these `module.Class` entries (`aws-iam.Effect` matches `aws-cdk-lib/aws-iam.Effect`)? */
export function fqnIs(fqn: string | undefined, ...names: string[]): boolean {
  return fqnIn(fqn, names);
}

const CDK_LIB = 'aws-cdk-lib/';

/**
 * `fqnIs` with the names as a list. It makes no string: rules ask it of every `new` expression of
 * a file, on every keystroke, and building `aws-cdk-lib/${name}` for each comparison was a third
 * of what an edit's analysis allocated.
 */
export function fqnIn(fqn: string | undefined, names: readonly string[]): boolean {
  if (!fqn) return false;
  const underLib = fqn.startsWith(CDK_LIB);
  for (const name of names) {
    if (fqn === name) return true;
    if (underLib && fqn.length === CDK_LIB.length + name.length && fqn.endsWith(name)) return true;
  }
  return false;
}

export function refIs(value: Value | undefined, ...names: string[]): boolean {
  return !!value && value.kind === 'ref' && fqnIn(value.fqn, names);
}

/** The values a value may be: the options of an `either` (each flattened), or the value itself. */
export function alternatives(value: Value | undefined): Array<Value | undefined> {
  if (!value || value.kind !== 'either') return [value];
  return value.options.flatMap((o) => alternatives(o));
}
