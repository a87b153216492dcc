import * as fs from 'node:fs';
import * as path from 'node:path';
import { relativePath } from '../model/host';
import type { Finding } from '../types';
import { fingerprints } from './fingerprint';

/**
 * The baseline: findings an existing app already had when the team adopted the scanner, recorded
 * in `.slsguard-baseline.json` (`slsguard baseline`) so that the CLI and the editor report only
 * the new ones. An entry is a rule, a file (relative to the baseline's directory, `/`-separated),
 * the hash part of a fingerprint (fingerprint.ts: no line numbers, so moving code keeps a finding
 * baselined) and how many findings of that file have it. A finding is hidden when its occurrence
 * number is within that count: a second copy of a baselined line is new, and reported.
 */

export const BASELINE_FILE = '.slsguard-baseline.json';

export interface BaselineEntry {
  ruleId: string;
  file: string;
  fingerprint: string;
  count: number;
}

export interface BaselineData {
  version: 1;
  entries: BaselineEntry[];
}

/** A baseline file that cannot be used: the message says which file and why. */
export class BaselineError extends Error {}

/** The entries of a baseline file's text; throws `BaselineError` on anything else. */
export function parseBaseline(text: string, name: string): BaselineData {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new BaselineError(`${name} is not valid JSON (${(error as Error).message})`);
  }
  const entries = (data as { entries?: unknown } | null)?.entries;
  if (typeof data !== 'object' || data === null || (data as { version?: unknown }).version !== 1 || !Array.isArray(entries)) {
    throw new BaselineError(
      `${name} is not a baseline file: expected { "version": 1, "entries": [...] } (write one with slsguard baseline)`,
    );
  }
  entries.forEach((e: Partial<BaselineEntry> | null, i) => {
    const ok =
      typeof e === 'object' &&
      e !== null &&
      typeof e.ruleId === 'string' &&
      typeof e.file === 'string' &&
      typeof e.fingerprint === 'string' &&
      Number.isInteger(e.count) &&
      (e.count ?? 0) > 0;
    if (!ok)
      throw new BaselineError(`${name}: entry ${i + 1} needs ruleId, file, fingerprint (strings) and count (a whole number above 0)`);
  });
  return { version: 1, entries: entries as BaselineEntry[] };
}

/** The baseline file at `file`; throws `BaselineError` when it cannot be read or used. */
export function readBaseline(file: string, name = file): BaselineData {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new BaselineError(`cannot read ${name} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseBaseline(text, name);
}

/** The baseline of `findings` (every finding of the files, suppressed ones too: they are numbered, not recorded). */
export function baselineOf(findings: readonly Finding[], dir: string, readText: (file: string) => string | undefined): BaselineData {
  const counts = new Map<string, BaselineEntry>();
  for (const [f, print] of fingerprints(findings, dir, readText)) {
    if (f.suppressed) continue;
    const fingerprint = print.replace(/:\d+$/, '');
    const entry = counts.get(fingerprint);
    if (entry) entry.count++;
    else counts.set(fingerprint, { ruleId: f.ruleId, file: relativePath(dir, f.file), fingerprint, count: 1 });
  }
  return { version: 1, entries: sortEntries([...counts.values()]) };
}

/** `old`'s entries that still match a finding of `current`, each at most as many times as it still occurs. */
export function pruneBaseline(old: BaselineData, current: BaselineData): BaselineData {
  const now = new Map(current.entries.map((e) => [e.fingerprint, e.count]));
  const entries = old.entries.map((e) => ({ ...e, count: Math.min(e.count, now.get(e.fingerprint) ?? 0) })).filter((e) => e.count > 0);
  return { version: 1, entries: sortEntries(entries) };
}

function sortEntries(entries: BaselineEntry[]): BaselineEntry[] {
  const key = (e: BaselineEntry) => [e.file, e.ruleId, e.fingerprint];
  return entries.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
    return 0;
  });
}

/** The file's text: sorted entries, one per line group, so that a change to it reads well in a diff. */
export function formatBaseline(data: BaselineData): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** A loaded baseline, to hide the findings it holds. */
export class Baseline {
  private readonly counts = new Map<string, number>();

  /** `dir`: the directory the entries' paths are relative to (the baseline file's). */
  constructor(
    readonly dir: string,
    data: BaselineData,
  ) {
    for (const e of data.entries) this.counts.set(e.fingerprint, (this.counts.get(e.fingerprint) ?? 0) + e.count);
  }

  get size(): number {
    return this.counts.size;
  }

  /**
   * `findings` less those the baseline holds. Pass all the findings of the files concerned,
   * suppressed ones included, so that they are numbered as when the baseline was written.
   */
  filter(findings: readonly Finding[], readText: (file: string) => string | undefined): Finding[] {
    if (this.counts.size === 0 || findings.length === 0) return [...findings];
    const prints = fingerprints(findings, this.dir, readText);
    return findings.filter((f) => {
      const [hash, n] = prints.get(f)!.split(':');
      return Number(n) > (this.counts.get(hash) ?? 0);
    });
  }
}

/** The baseline file of a directory, when it has one. */
export function baselineFileIn(dir: string): string | undefined {
  const file = path.join(dir, BASELINE_FILE);
  return fs.existsSync(file) ? file : undefined;
}
