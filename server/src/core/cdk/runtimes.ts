import { fqnIs, Value } from '../model/values';
import { NEWEST, RUNTIMES, RuntimeRow } from './data/runtimes';

/**
 * Reading a Lambda `runtime` value against the runtime table (data/runtimes.ts): the
 * `lambda-deprecated-runtime` rule and the function card's `runtime:` hover both ask here.
 */

export interface RuntimeUse {
  /** The aws-cdk-lib `Runtime` member (`NODEJS_16_X`), also for a CloudFormation string. */
  member: string;
  row: RuntimeRow;
}

export interface RuntimeVerdict {
  /** AWS no longer supports it (as of `today`). */
  deprecated: boolean;
  /** AWS refuses updates of functions that use it (as of `today`). */
  blocked: boolean;
}

/** `Runtime.NODEJS_16_X` (L2) or `'nodejs16.x'` (`CfnFunction`); undefined for anything else. */
export function runtimeUse(value: Value): RuntimeUse | undefined {
  let member: string | undefined;
  if (value.kind === 'ref') {
    const dot = value.fqn.lastIndexOf('.');
    if (dot > 0 && fqnIs(value.fqn.slice(0, dot), 'aws-lambda.Runtime')) member = value.fqn.slice(dot + 1);
  } else if (value.kind === 'string') {
    member = Object.keys(RUNTIMES).find((m) => RUNTIMES[m].id === value.value);
  }
  const row = member === undefined ? undefined : RUNTIMES[member];
  return member !== undefined && row ? { member, row } : undefined;
}

/** Today as an ISO day (UTC), the form the table's dates are written in. */
export function isoToday(now = Date.now()): string {
  return new Date(now).toISOString().slice(0, 10);
}

export function judgeRuntime(row: RuntimeRow, today = isoToday()): RuntimeVerdict {
  const passed = (day: string | undefined): boolean => day !== undefined && day <= today;
  return { deprecated: row.status === 'deprecated' || passed(row.deprecated), blocked: passed(row.blockUpdate) };
}

/** "since 2025-09-01" / "" when the table has no verified date. */
export function deprecatedSince(row: RuntimeRow): string {
  return row.deprecated ? ` since ${row.deprecated}` : '';
}

/** The newest runtime of the same family, or undefined when the use already is it. */
export function newestOf(use: RuntimeUse): string | undefined {
  const newest = NEWEST[use.row.family];
  return newest === use.member ? undefined : newest;
}
