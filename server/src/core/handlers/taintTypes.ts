import type * as ts from 'typescript';
import type { SanitizedFor } from './models';

/**
 * The values the taint engine (taint.ts) passes around, in a module of their own so that the
 * guards (guards.ts), which the engine owns, can read them without importing the engine.
 */

export type TaintKind = 'event' | 'context' | 'env' | 'env-var' | 'secret-name' | 'secret-store' | 'error';

export interface Step {
  node: ts.Node;
  message: string;
  /** A read from the event or context (extended while the reads continue one chain). */
  read?: boolean;
}

export interface Taint {
  readonly kind: TaintKind;
  /** Index of the handler root whose parameter this came from (`event`, `context`). */
  readonly root?: number;
  /** Environment variable, secret-looking name, or secret store service. */
  readonly name?: string;
  /** Properties read from the source so far: `['body', 'orderId']`. */
  readonly path: readonly string[];
  /** Where the tainted data sits inside the current value: object keys, `*` for array elements. */
  readonly via: readonly string[];
  readonly parsed: boolean;
  /** 0: not validated; 1: checked by hand (`typeof`); 2: passed a schema validator or type guard. */
  readonly validated: 0 | 1 | 2;
  readonly sanitized: readonly SanitizedFor[];
  /** A caught error narrowed to a specific class (`err instanceof NotFoundError`). */
  readonly known: boolean;
  /** The value was put under a credential-like key before being turned into text. */
  readonly credential: boolean;
  /** An `env-var` whose name looks secret. */
  readonly secret?: boolean;
  /** The source: parameter, `process.env.X` read, catch variable, secret store call. */
  readonly origin: ts.Node;
  /** For request bodies: where the body was read, or parsed (what `handler-unvalidated-input` reports). */
  readonly anchor?: ts.Node;
  readonly steps: readonly Step[];
}

/** A function the engine can step into: a declaration, expression or method of the same file. */
export type FunctionNode = ts.FunctionLikeDeclaration;
