import type { PropEntry, Value } from './values';

/**
 * The one way the core reads a property of a resolved value: the CDK property rules, the API
 * Gateway model and the hover notes all ask `lookup(props, 'deployOptions', 'accessLogDestination')`
 * and get one of three answers. Rules report on `absent` and `set`, and stay silent on `unknown`;
 * hover says "cannot tell" on `unknown`.
 */
export type Lookup =
  /** Certainly not set: no object, a fully known object without it, or `undefined` / `null`. `entry` is an explicit `key: undefined`, when that is how. */
  | { state: 'absent'; entry?: PropEntry }
  | { state: 'set'; value: Value; entry: PropEntry }
  /** The object cannot be seen completely (an unresolved spread, a parameter): it may be set. */
  | { state: 'unknown' };

const ABSENT: Lookup = { state: 'absent' };
const UNKNOWN: Lookup = { state: 'unknown' };

/**
 * `object.a.b`, one key per argument (keys are never split on dots: API Gateway's
 * `'method.request.header.x'` is one key). Absent as soon as a level is absent, unknown as soon as
 * a level is not a fully known object.
 */
export function lookup(object: Value | undefined, ...path: string[]): Lookup {
  let current = object;
  for (let i = 0; i < path.length; i++) {
    if (!current || current.kind === 'nullish') return ABSENT;
    if (current.kind !== 'object') return UNKNOWN;
    const entry = current.props.get(path[i]);
    if (!entry) return current.complete ? ABSENT : UNKNOWN;
    const last = i === path.length - 1;
    // An explicit `key: undefined` is reported with its entry (a fix rewrites it) only at the end of the path.
    if (entry.value.kind === 'nullish') return last ? { state: 'absent', entry } : ABSENT;
    if (last) return { state: 'set', value: entry.value, entry };
    current = entry.value;
  }
  return ABSENT;
}

/** The value at `object.a.b` when it is set; `undefined` when it is absent or cannot be told. */
export function valueIfSet(object: Value | undefined, ...path: string[]): Value | undefined {
  const found = lookup(object, ...path);
  return found.state === 'set' ? found.value : undefined;
}
