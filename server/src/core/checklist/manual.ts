import * as fs from 'node:fs';
import * as path from 'node:path';
import { linkOutside, readRegularFile } from '../model/host';

/**
 * The boxes a team ticks by hand live in `.slsguard/checklist.json` at the project root, so
 * they are shared through git (who ticked what, and when, is the file's history):
 *
 *     { "items": { "rotate-secrets": true, "scan-dependencies": true }, "version": 1 }
 *
 * An item judged by analysis that the project cannot pass on its own (GuardDuty enabled for the
 * whole organization elsewhere) is accepted there with the team's reason:
 *
 *     { "accepted": { "enable-guardduty": "Enabled by the organization's security account" }, … }
 *
 * Written stably (keys sorted, two-space indent, final newline) so diffs show only what
 * changed. Whatever else the file holds is kept. A file that is not valid JSON is never
 * overwritten: the checklist reports the problem and changes wait until it is mended.
 */

export const MANUAL_CHECKS_FILE = '.slsguard/checklist.json';
const VERSION = 1;

export interface ManualChecks {
  /** Item id → ticked. */
  checked: Record<string, boolean>;
  /** Item id → the reason a judged item is accepted though the analysis fails it (absent: none). */
  accepted?: Record<string, string>;
  /** Why the file could not be read; nothing is written while this is set. */
  error?: string;
}

export class ManualChecksError extends Error {}

export function manualChecksPath(root: string): string {
  return path.join(root, MANUAL_CHECKS_FILE);
}

type Parsed = { ok: true; data: Record<string, unknown> | undefined } | { ok: false; error: string };

/** The checklist file is a few kilobytes; anything far larger is not it. */
const MAX_MANUAL_CHECKS_BYTES = 1024 * 1024;

function parse(root: string): Parsed {
  const read = readRegularFile(manualChecksPath(root), { maxBytes: MAX_MANUAL_CHECKS_BYTES, root, name: MANUAL_CHECKS_FILE });
  if ('missing' in read) return { ok: true, data: undefined };
  if ('problem' in read) return { ok: false, error: read.problem };
  const text = read.bytes.toString('utf8');
  let data: unknown;
  try {
    data = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `${MANUAL_CHECKS_FILE} is not valid JSON (${(error as Error).message}); fix or remove it` };
  }
  if (!isObject(data)) return { ok: false, error: `${MANUAL_CHECKS_FILE} must hold a JSON object` };
  if (data.items !== undefined && !isObject(data.items)) return { ok: false, error: `"items" in ${MANUAL_CHECKS_FILE} must be an object` };
  if (data.accepted !== undefined && !isObject(data.accepted))
    return { ok: false, error: `"accepted" in ${MANUAL_CHECKS_FILE} must be an object` };
  return { ok: true, data };
}

export function readManualChecks(root: string): ManualChecks {
  const parsed = parse(root);
  if (!parsed.ok) return { checked: {}, error: parsed.error };
  const checked: Record<string, boolean> = {};
  const items = parsed.data?.items;
  if (isObject(items)) {
    for (const [id, value] of Object.entries(items)) if (value === true) checked[id] = true;
  }
  const accepted: Record<string, string> = {};
  const reasons = parsed.data?.accepted;
  if (isObject(reasons)) {
    for (const [id, value] of Object.entries(reasons)) if (typeof value === 'string' && value.trim() !== '') accepted[id] = value.trim();
  }
  return Object.keys(accepted).length ? { checked, accepted } : { checked };
}

/**
 * Tick or untick one item. Unticking removes the item's entry; the rest of the file is kept
 * as it was (in sorted order). Throws `ManualChecksError` when the file is unreadable or invalid.
 */
export function setManualCheck(root: string, itemId: string, checked: boolean): ManualChecks {
  return setEntry(root, 'items', itemId, checked ? true : undefined);
}

/**
 * Accept a judged item with a reason, or withdraw the acceptance (`reason` undefined or blank).
 * Throws `ManualChecksError` as `setManualCheck` does.
 */
export function setAcceptance(root: string, itemId: string, reason: string | undefined): ManualChecks {
  const text = reason?.trim();
  return setEntry(root, 'accepted', itemId, text ? text : undefined);
}

/** Set (or, for undefined, remove) one entry of one object of the file, keeping the rest. */
function setEntry(root: string, key: 'items' | 'accepted', itemId: string, value: unknown): ManualChecks {
  const file = manualChecksPath(root);
  const parsed = parse(root);
  if (!parsed.ok) throw new ManualChecksError(parsed.error);
  if (!parsed.data && value === undefined) return readManualChecks(root);
  const data: Record<string, unknown> = { version: VERSION, ...parsed.data };
  const entries: Record<string, unknown> = { ...(isObject(data[key]) ? data[key] : {}) };
  if (value !== undefined) entries[itemId] = value;
  else delete entries[itemId];
  data[key] = entries;
  writeAtomically(root, file, formatManualChecks(data));
  return readManualChecks(root);
}

/** Stable JSON: keys sorted at every level, two-space indent, final newline. */
export function formatManualChecks(data: unknown): string {
  return `${JSON.stringify(sortKeys(data), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
  return out;
}

/** Write beside the file and rename over it: a crash never leaves half a file. */
function writeAtomically(root: string, file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    // Never through a link out of the workspace: a `.slsguard` link to another folder is left alone.
    const outside = linkOutside(file, root, MANUAL_CHECKS_FILE);
    if (outside) throw new ManualChecksError(outside);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temp, text);
    fs.renameSync(temp, file);
  } catch (error) {
    if (error instanceof ManualChecksError) throw error;
    fs.rmSync(temp, { force: true });
    throw new ManualChecksError(`${MANUAL_CHECKS_FILE} cannot be written: ${(error as Error).message}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
