import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { isAscii } from 'node:buffer';
import * as path from 'node:path';
import { fingerprintContent, fingerprintHash } from '../baseline/fingerprint';
import type { FileResult } from '../engine/fileRun';
import type { Executor } from '../project';
import { productVersion } from '../meta';
import { contentHash } from '../model/fileContext';
import { normalizePath, relativePath, SourceHost } from '../model/host';
import { lineStartsOf } from '../model/lines';
import { readProjectConfig } from '../model/sources';
import type { Rule } from '../rule';
import type { Finding } from '../types';

/**
 * The results cache across runs (`slsguard scan --cache`, and the editor's start-up scan): each
 * file's result, as the engine keeps it in memory, written to one JSON file. An entry is used
 * only while the engine would use its in-memory twin (`Engine.isCurrent`): same text, same
 * effective configuration, same text of every file it drew values from. The file as a whole is
 * used only with the same format, engine and rules; anything else is ignored with one log line.
 * Paths inside are relative to the project root, so a cache restored on another machine (CI)
 * works. What relates files (the project pass) is always worked out again from the entries' facts.
 * Each entry also keeps its findings' fingerprint hashes (they depend only on the text its content
 * hash pins), so a run that takes every result from the cache reads no file twice. Strings of six
 * characters or more are stored once, in the file's string table: the same messages, fix texts
 * and paths recur in every entry, and an unchanged re-run spends its time reading this file.
 * A file holding a detected secret is stored without it: its result keeps where the secrets are in
 * the file's text (`secretSpans`), and they are read from the file again when the entry is used
 * (its content hash pins that text); no stored string may contain one.
 */

/** The default cache file, in the project root (the current directory, or the workspace folder). */
export const CACHE_FILE_NAME = '.slsguard-cache';
const FORMAT = 'slsguard-results-cache';
/** 2: entries keep their findings' fingerprint hashes (`prints`). 3: the string table (`strings`). */
const FORMAT_VERSION = 3;
/** Marks a path relative to the root in a stored string: no path or text the engine makes starts with it. */
const ROOT = '\u0000';
/**
 * Marks a stored string as a reference into the string table: the marker, then the string's index
 * in base 36. DEL: JSON writes it as one byte, and no string the engine stores starts with it
 * (`toPortable` makes sure).
 */
const REF = '\u007f';
/** Shorter strings are stored where they are: a reference would save little or nothing. */
const MIN_SHARED = 6;

/** What the cache did in a run: files whose stored result was used, and files analysed. */
export interface CacheStats {
  hits: number;
  misses: number;
}

interface CacheData {
  format: typeof FORMAT;
  version: typeof FORMAT_VERSION;
  engine: string;
  rules: string;
  /** Stored results by path relative to the root (portable form, see `toPortable`). */
  entries: Record<string, unknown>;
  /** The strings the entries refer to (see `REF`). */
  strings: string[];
}

export interface ResultsCacheOptions {
  /** The cache file. */
  file: string;
  /** The project root: paths in the file are relative to it. */
  root: string;
  rules: readonly Rule[];
  /** Default: `engineVersion()`. Tests pass their own. */
  engineVersion?: string;
  /** Told, in one line, why a cache file is not used or not written. */
  log?: (message: string) => void;
}

/** Where `--cache-location` puts the cache: a file, or `.slsguard-cache` in a directory (existing, or named with a trailing `/`). */
export function cacheFileFor(location: string | undefined, cwd: string): string {
  if (location === undefined) return path.join(cwd, CACHE_FILE_NAME);
  const resolved = path.resolve(cwd, location);
  const isDir = /[\\/]$/.test(location) || (fs.existsSync(resolved) && fs.statSync(resolved).isDirectory());
  return isDir ? path.join(resolved, CACHE_FILE_NAME) : resolved;
}

/** Set by the bundler (scripts/bundle.mjs): a hash of the core's sources, the same in the CLI and the server. */
declare const __SLSGUARD_ENGINE_HASH__: string | undefined;

/**
 * The product version and a hash of the engine's sources taken when bundling: any change to the
 * engine, the model or a rule, released or not, makes earlier caches stale. Unbundled (the unit
 * tests' build), the version alone; rule changes are still seen (`ruleVersion`).
 */
export function engineVersion(): string {
  const code = typeof __SLSGUARD_ENGINE_HASH__ === 'string' ? __SLSGUARD_ENGINE_HASH__ : 'unbundled';
  return `${productVersion()}+${code}`;
}

/** A rule's version: a hash of its metadata and of its code, so a change to a rule needs no hand-kept number. */
export function ruleVersion(rule: Rule): string {
  const { meta, check, checkProject } = rule;
  return contentHash(JSON.stringify([meta, String(check), checkProject ? String(checkProject) : '']));
}

/** Every rule's id and version: a cache written with other rules is stale. */
export function rulesVersion(rules: readonly Rule[]): string {
  const hash = createHash('sha1');
  for (const rule of [...rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1))) hash.update(`${rule.meta.id}@${ruleVersion(rule)}\n`);
  return hash.digest('hex');
}

/**
 * `executor` (how a project's files are analysed) with the results cache around it: the stored
 * results are adopted first, only the files whose result no longer holds are analysed, and the
 * results are stored again. `stats` hears how many were used and which files were analysed.
 */
export function withResultsCache(
  cache: ResultsCache,
  executor: Executor<Promise<void>>,
  stats: CacheStats & { analysed?: string[] },
): Executor<Promise<void>> {
  return async (engine, files, options) => {
    engine.adoptResults(cache.load(files, engine.host));
    const misses = files.filter((f) => !engine.isCurrent(f));
    stats.hits = files.length - misses.length;
    stats.misses = misses.length;
    stats.analysed = misses;
    await executor(engine, misses, options);
    // Nothing analysed that it would store (none, or only files whose analysis ran out of time, say):
    // the cache holds every result it can already (entries of deleted files wait for a run that writes).
    if (!misses.some((f) => isStorable(engine.cachedResult(f), engine.host))) return;
    const results: FileResult[] = [];
    for (const f of files) {
      const r = engine.cachedResult(f);
      if (r) results.push(r);
    }
    cache.save(results, engine.host);
  };
}

/**
 * Whether a result is one the cache stores (see `save`); with `host`, a result holding secrets
 * only when each is written as it is in the file (the rarer ways `save` leaves one out are not
 * worked out here).
 */
function isStorable(result: FileResult | undefined, host?: Pick<SourceHost, 'readFile'>): result is FileResult {
  if (!result || result.skipped || result.failedRules?.length || !result.hash) return false;
  if (!host || !result.secrets?.length) return true;
  try {
    secretSpans(result, host);
    return true;
  } catch (error) {
    if (error instanceof NotPortable) return false;
    throw error;
  }
}

class NotPortable extends Error {}

/**
 * A results cache file: `load` the results it holds (paths absolute again), `save` the current
 * ones. Never throws on a bad file: a cache is an optimisation, never a reason to fail a scan.
 */
export class ResultsCache {
  private readonly root: string;
  private readonly engine: string;
  private readonly rules: string;
  private readonly log: (message: string) => void;
  /** Entries read but not used in this run (other files of the project, not checked yet): stored again when saving. */
  private others = new Map<string, Record<string, unknown>>();
  /** The fingerprint hashes of the results loaded or saved, with the content hash of the text they were taken from. */
  private prints = new Map<string, { hash: string; prints: Record<string, string> }>();
  /** The string table of the file loaded: `others` refer to it. */
  private strings: readonly string[] = [];

  constructor(private readonly options: ResultsCacheOptions) {
    this.root = normalizePath(options.root);
    this.engine = options.engineVersion ?? engineVersion();
    this.rules = rulesVersion(options.rules);
    this.log = options.log ?? (() => undefined);
  }

  get file(): string {
    return this.options.file;
  }

  /**
   * The results stored for `files` (absolute paths); none when the file is absent, or is not a
   * cache this engine can trust. `host` reads the files whose entries hold secrets (by place).
   */
  load(files: readonly string[], host: Pick<SourceHost, 'readFile'>): FileResult[] {
    this.others = new Map();
    this.prints = new Map();
    this.strings = [];
    let text: string;
    try {
      // Written in ASCII (`save`): read as Latin-1, the same text without decoding UTF-8.
      const bytes = fs.readFileSync(this.options.file);
      text = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.ignored(`cannot be read (${(error as Error).message})`);
      return [];
    }
    let data: unknown;
    try {
      // The root marker appears in the text only as the start of a path (`toPortable` makes sure).
      // (`$$` in the replacement: a `$` in the root is no replacement pattern.)
      data = JSON.parse(text.replaceAll('\\u0000', JSON.stringify(this.root).slice(1, -1).replaceAll('$', '$$$$')));
    } catch {
      this.ignored('is not valid JSON (corrupt or truncated)');
      return [];
    }
    if (!isObject(data) || data.format !== FORMAT || !isObject(data.entries)) {
      this.ignored('is not a Serverless Guard results cache');
      return [];
    }
    if (data.version !== FORMAT_VERSION) {
      this.ignored(`has format version ${JSON.stringify(data.version)}, not ${FORMAT_VERSION}`);
      return [];
    }
    if (data.engine !== this.engine || data.rules !== this.rules) {
      this.ignored(`was written by another version of the engine or its rules`);
      return [];
    }
    const strings = data.strings;
    if (!Array.isArray(strings) || !strings.every((s) => typeof s === 'string' && !s.startsWith(REF))) {
      this.ignored('has no valid string table');
      return [];
    }
    // Only the entries of `files` are checked now (in the files' order, as a scan without the
    // cache stores them); the others when a save writes them again.
    const entries = new Map(Object.entries(data.entries));
    const results: FileResult[] = [];
    const prints = new Map<string, { hash: string; prints: Record<string, string> }>();
    for (const file of files) {
      const f = normalizePath(file);
      const stored = entries.get(f);
      if (stored === undefined) continue;
      entries.delete(f);
      const entry = entryOf(stored, f, strings, host);
      // Its secrets are not where they were: the file changed, so the entry is stale anyway.
      if (entry === 'stale') continue;
      if (!entry) {
        this.ignored(`has an entry that is not a valid result (${f.replace(/[^\x20-\x7e]/g, '?').slice(0, 200)})`);
        return [];
      }
      if (entry.prints) prints.set(f, { hash: entry.result.hash, prints: entry.prints });
      results.push(entry.result);
    }
    for (const [file, stored] of entries) if (isObject(stored)) this.others.set(file, stored);
    this.prints = prints;
    this.strings = strings;
    return results;
  }

  /**
   * The fingerprint hash (`fingerprintHash`, path relative to the root) kept for `finding`, when
   * its file's text is the one it was taken from (`textHash`, the content hash of the text the
   * finding was made from); undefined otherwise, and for findings the cache holds none for.
   */
  storedFingerprint(finding: Finding, textHash: string | undefined): string | undefined {
    const kept = this.prints.get(finding.file);
    return kept && kept.hash === textHash ? kept.prints[printKey(finding)] : undefined;
  }

  /**
   * Write `results` (plus the entries read for other files that still exist), atomically: a temp
   * file renamed over the cache. Results that would not be the same when read back are left out
   * (they are analysed again next time): incomplete analyses, results whose secrets are not each
   * a piece of the file's text or show in what would be stored (a cache file never holds a
   * detected secret), and values that are not plain data or that name the root in a way that
   * does not move with it.
   */
  save(results: readonly FileResult[], host: Pick<SourceHost, 'fileExists' | 'readFile'>): void {
    const entries: Record<string, unknown> = {};
    const table = new StringTable();
    const add = (result: FileResult, prints: Record<string, string> | undefined) => {
      try {
        const stored = this.toPortable(result, table);
        if (result.secrets?.length) stored.secretSpans = secretSpans(result, host);
        if (prints) stored.prints = prints;
        entries[this.relative(result.file)] = stored;
      } catch (error) {
        if (!(error instanceof NotPortable)) throw error;
      }
    };
    for (const [file, raw] of this.others) {
      const entry = host.fileExists(file) ? entryOf(raw, file, this.strings, host) : undefined;
      if (entry && entry !== 'stale') add(entry.result, entry.prints);
    }
    const configDeps = new ConfigDependencies(host);
    for (const result of results) {
      if (!isStorable(result)) continue;
      add({ ...result, dependencies: { ...result.dependencies, ...configDeps.of(result.file) } }, this.printsOf(result, host));
    }
    const data: CacheData = {
      format: FORMAT,
      version: FORMAT_VERSION,
      engine: this.engine,
      rules: this.rules,
      entries,
      strings: table.strings,
    };
    const file = this.options.file;
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // In ASCII (`load` reads it as Latin-1): JSON escapes for the rest.
      fs.writeFileSync(
        temp,
        JSON.stringify(data).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
      );
      fs.renameSync(temp, file);
    } catch (error) {
      this.log(`cache ${file} not written: ${(error as Error).message}`);
      try {
        fs.unlinkSync(temp);
      } catch {
        // Never created.
      }
    }
  }

  /**
   * The fingerprint hashes of a result's findings, taken from its text as analysed (the text
   * read again must have the result's content hash); kept from the load when that text is the
   * same. None for a finding on a blank line: its message stands in there, and the key has none.
   */
  private printsOf(result: FileResult, host: Pick<SourceHost, 'readFile'>): Record<string, string> | undefined {
    const kept = this.prints.get(result.file);
    if (kept && kept.hash === result.hash) return kept.prints;
    if (result.findings.length === 0) return undefined;
    const text = host.readFile(result.file);
    if (text === undefined || contentHash(text) !== result.hash) return undefined;
    const starts = lineStartsOf(text);
    const rel = relativePath(this.root, result.file);
    const prints: Record<string, string> = {};
    for (const f of result.findings) {
      const content = fingerprintContent(f, text, starts);
      if (f.file === result.file && content !== f.message) prints[printKey(f)] = fingerprintHash(f.ruleId, rel, content);
    }
    this.prints.set(result.file, { hash: result.hash, prints });
    return prints;
  }

  private ignored(why: string): void {
    this.log(`cache ${this.options.file} ${why}: ignored, every file is analysed`);
  }

  private relative(file: string): string {
    return file === this.root ? ROOT : file.startsWith(this.prefix()) ? ROOT + file.slice(this.root.length) : file;
  }

  private prefix(): string {
    return this.root.endsWith('/') ? this.root : `${this.root}/`;
  }

  /**
   * A result as stored: paths under the root start with the root marker, the configuration key is
   * kept as data (its paths too), a rule's facts equal to an earlier rule's are stored once (the
   * handler rules share theirs), and string values of `MIN_SHARED` characters or more are
   * references into `table` (keys stay as they are).
   */
  private toPortable(result: FileResult, table: StringTable): Record<string, unknown> {
    const rootInText = this.root.length > 1 ? this.root : undefined;
    const { configKey, facts, secrets = [], ...rest } = result;
    const portable = (value: string): string => {
      // The marker, as a character or as the text JSON escapes it to, only where `relative` puts it.
      if (value.includes(ROOT) || value.includes('\\u0000') || value.startsWith(REF)) throw new NotPortable();
      // Messages are redacted; a fact or a fix that quotes a secret keeps the file out of the cache.
      for (const secret of secrets) if (value.includes(secret)) throw new NotPortable();
      const out = this.relative(value);
      // A path inside a longer text (a message naming a file) would not move with the root.
      if (rootInText && out.includes(rootInText)) throw new NotPortable();
      return out;
    };
    const walk = (value: unknown): unknown => {
      if (typeof value === 'string') return table.ref(portable(value));
      if (typeof value === 'number') {
        if (!Number.isFinite(value)) throw new NotPortable();
        return value;
      }
      if (typeof value === 'boolean' || value === null) return value;
      if (Array.isArray(value)) return value.map((v) => (v === undefined ? throwNotPortable() : walk(v)));
      if (isObject(value)) {
        const proto = Object.getPrototypeOf(value);
        if (proto !== Object.prototype && proto !== null) throw new NotPortable();
        // No prototype: a stored key `__proto__` stays a key.
        const out: Record<string, unknown> = Object.create(null);
        for (const [k, v] of Object.entries(value)) if (v !== undefined) out[portable(k)] = walk(v);
        return out;
      }
      throw new NotPortable();
    };
    const stored = walk(rest) as Record<string, unknown>;
    if (configKey === undefined) throw new NotPortable();
    stored.configKeyParts = walk(JSON.parse(configKey));
    const storedFacts: Record<string, unknown> = {};
    const sameAs: Record<string, string> = {};
    const seen = new Map<string, string>();
    for (const [ruleId, list] of Object.entries(walk(facts) as Record<string, unknown[]>)) {
      const text = JSON.stringify(list);
      const earlier = seen.get(text);
      if (earlier !== undefined) sameAs[ruleId] = earlier;
      else {
        seen.set(text, ruleId);
        storedFacts[ruleId] = list;
      }
    }
    stored.facts = storedFacts;
    if (Object.keys(sameAs).length) stored.factsSameAs = sameAs;
    return stored;
  }
}

/** What a finding's fingerprint hash is kept under: its rule and lines (the text of those lines makes it). */
function printKey(f: Finding): string {
  return `${f.ruleId}:${f.range.start.line}:${f.range.end.line}`;
}

/** Fingerprint hashes as `fingerprintHash` makes them, or none. */
function isPrints(p: unknown): p is Record<string, string> | undefined {
  return p === undefined || (isObject(p) && Object.values(p).every((h) => typeof h === 'string' && /^[0-9a-f]{32}$/.test(h)));
}

/** The strings of a cache being written, each once: `ref` gives what an entry stores in its place. */
class StringTable {
  readonly strings: string[] = [];
  private readonly refs = new Map<string, string>();

  ref(value: string): string {
    if (value.length < MIN_SHARED) return value;
    let ref = this.refs.get(value);
    if (ref === undefined) {
      ref = REF + this.strings.length.toString(36);
      this.refs.set(value, ref);
      this.strings.push(value);
    }
    return ref;
  }
}

/**
 * A stored value with its references to `strings` replaced by the strings, in place (the value is
 * the file's, parsed for this run), or undefined when a reference names no string. Idempotent: no
 * string of the table starts with the marker.
 */
function withStrings(value: unknown, strings: readonly string[]): unknown {
  if (typeof value === 'string') return value.charCodeAt(0) === 0x7f ? stringAt(value, strings) : value;
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (typeof v === 'number') continue;
      const w = withStrings(v, strings);
      if (w === undefined) return undefined;
      value[i] = w;
    }
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const k in record) {
    const v = record[k];
    if (typeof v === 'number' || typeof v === 'boolean') continue;
    const w = withStrings(v, strings);
    if (w === undefined) return undefined;
    if (w !== v) record[k] = w;
  }
  return value;
}

/** The string a reference (`REF` and a base-36 index) names, or undefined when it names none. */
function stringAt(ref: string, strings: readonly string[]): string | undefined {
  if (ref.length < 2 || ref.length > 8) return undefined;
  let index = 0;
  for (let i = 1; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    const digit = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 122 ? c - 87 : -1;
    if (digit < 0) return undefined;
    index = index * 36 + digit;
  }
  return index < strings.length ? strings[index] : undefined;
}

/**
 * The stored entry of `file` as its result and fingerprint hashes, its secrets read from the file;
 * undefined when it is not a valid one, `stale` when the file's text is no longer the one analysed
 * (so its secrets cannot be read from it).
 */
function entryOf(
  stored: unknown,
  file: string,
  strings: readonly string[],
  host: Pick<SourceHost, 'readFile'>,
): { result: FileResult; prints?: Record<string, string> } | 'stale' | undefined {
  const valid = fromPortable(withStrings(stored, strings));
  if (!valid || valid.file !== file || !isPrints(valid.prints)) return undefined;
  const { prints, secretSpans, ...result } = valid;
  if (secretSpans !== undefined) {
    if (!Array.isArray(secretSpans) || secretSpans.length === 0) return undefined;
    const text = host.readFile(file);
    if (text === undefined || contentHash(text) !== result.hash) return 'stale';
    const secrets: string[] = [];
    for (const span of secretSpans) {
      const [start, end] = Array.isArray(span) && span.length === 2 ? span : [];
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > text.length) return undefined;
      secrets.push(text.slice(start, end));
    }
    result.secrets = secrets;
  }
  return { result, prints };
}

/**
 * Where each of a result's secrets is in its file's text, as `[start, end]` offsets. Not portable
 * when one is not there verbatim (put together from pieces, or written with escapes) or the text
 * is no longer the one analysed.
 */
function secretSpans(result: FileResult, host: Pick<SourceHost, 'readFile'>): [number, number][] {
  const text = host.readFile(result.file);
  if (text === undefined || contentHash(text) !== result.hash) throw new NotPortable();
  return (result.secrets ?? []).map((secret) => {
    const start = secret === '' ? -1 : text.indexOf(secret);
    if (start < 0) throw new NotPortable();
    return [start, start + secret.length];
  });
}

/** A stored entry (its paths absolute again) as a result with its fingerprint hashes, or undefined when it is not one. */
function fromPortable(stored: unknown): (FileResult & { prints?: unknown; secretSpans?: unknown }) | undefined {
  if (!isObject(stored) || !Array.isArray(stored.configKeyParts) || !isObject(stored.facts)) return undefined;
  const { configKeyParts, factsSameAs, ...rest } = stored;
  const facts: Record<string, unknown> = { ...stored.facts };
  if (factsSameAs !== undefined) {
    if (!isObject(factsSameAs)) return undefined;
    for (const [ruleId, earlier] of Object.entries(factsSameAs)) {
      if (typeof earlier !== 'string' || !Array.isArray(facts[earlier])) return undefined;
      facts[ruleId] = facts[earlier];
    }
  }
  const result = { ...rest, facts, configKey: JSON.stringify(configKeyParts) };
  return isResult(result) ? result : undefined;
}

function throwNotPortable(): never {
  throw new NotPortable();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isPosition = (p: unknown) => isObject(p) && Number.isInteger(p.line) && Number.isInteger(p.character);
const isRange = (r: unknown) => isObject(r) && isPosition(r.start) && isPosition(r.end);
const SEVERITIES = ['error', 'warning', 'info'];

const isLocation = (l: unknown) => isObject(l) && typeof l.file === 'string' && isRange(l.range);
const isStringArray = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');

function isDirective(d: unknown): boolean {
  return (
    isObject(d) &&
    typeof d.kind === 'string' &&
    typeof d.file === 'string' &&
    Array.isArray(d.ids) &&
    d.ids.every((i) => isObject(i) && typeof i.id === 'string' && isRange(i.range)) &&
    isRange(d.idsRange) &&
    typeof d.reason === 'string' &&
    isRange(d.range) &&
    isRange(d.directiveRange) &&
    (d.targetLine === undefined || Number.isInteger(d.targetLine))
  );
}

function isNagSuppression(n: unknown): boolean {
  return (
    isObject(n) &&
    typeof n.id === 'string' &&
    (n.appliesTo === undefined || isStringArray(n.appliesTo)) &&
    typeof n.reason === 'string' &&
    isLocation(n.location) &&
    Array.isArray(n.targets) &&
    n.targets.every(isLocation)
  );
}

function isFinding(f: unknown): boolean {
  return (
    isObject(f) &&
    typeof f.ruleId === 'string' &&
    typeof f.messageId === 'string' &&
    SEVERITIES.includes(f.severity as string) &&
    typeof f.file === 'string' &&
    isRange(f.range) &&
    typeof f.message === 'string' &&
    Array.isArray(f.related) &&
    f.related.every(isLocation) &&
    Array.isArray(f.fixes) &&
    (f.suppressed === undefined || isObject(f.suppressed))
  );
}

/** The shape of a stored result: what the engine reads of it without further checks. */
function isResult(r: Record<string, unknown>): r is Record<string, unknown> & FileResult {
  const optionalArray = (v: unknown) => v === undefined || Array.isArray(v);
  return (
    typeof r.file === 'string' &&
    typeof r.hash === 'string' &&
    r.hash !== '' &&
    r.skipped === undefined &&
    r.failedRules === undefined &&
    r.secrets === undefined &&
    Array.isArray(r.findings) &&
    r.findings.every(isFinding) &&
    isObject(r.facts) &&
    Object.values(r.facts).every(Array.isArray) &&
    isObject(r.dependencies) &&
    Object.values(r.dependencies).every((h) => typeof h === 'string') &&
    optionalArray(r.directives) &&
    (r.directives === undefined || (r.directives as unknown[]).every(isDirective)) &&
    optionalArray(r.nagSuppressions) &&
    (r.nagSuppressions === undefined || (r.nagSuppressions as unknown[]).every(isNagSuppression)) &&
    optionalArray(r.brokenRegions) &&
    (r.brokenRegions === undefined || (r.brokenRegions as unknown[]).every(isRange))
  );
}

/**
 * Files the engine reads for a file without recording them in its result's dependencies: the
 * `tsconfig.json` module resolution uses for the file's folder (the nearest, and what it
 * extends) and the nearest `cdk.json` (the app root, where handler paths start), by content
 * hash; and the nearer ones that do not exist, with the empty hash (creating one changes them).
 */
class ConfigDependencies {
  private readonly byDir = new Map<string, { tsconfig: Record<string, string>; cdk: Record<string, string> }>();

  constructor(private readonly host: Pick<SourceHost, 'fileExists' | 'readFile'>) {}

  of(file: string): Record<string, string> {
    const { tsconfig, cdk } = this.forDir(path.posix.dirname(file));
    return { ...tsconfig, ...cdk };
  }

  private forDir(dir: string): { tsconfig: Record<string, string>; cdk: Record<string, string> } {
    const known = this.byDir.get(dir);
    if (known) return known;
    const parent = path.posix.dirname(dir);
    const above = parent === dir ? undefined : this.forDir(parent);
    const at = (name: string) => `${dir === '/' ? '' : dir}/${name}`;
    const hashOf = (f: string) => {
      const text = this.host.readFile(f);
      return text === undefined ? '' : contentHash(text);
    };
    let tsconfig: Record<string, string> = { [at('tsconfig.json')]: '' };
    if (this.host.fileExists(at('tsconfig.json'))) {
      readProjectConfig(
        {
          fileExists: (f) => this.host.fileExists(f),
          readFile: (f) => {
            const text = this.host.readFile(f);
            tsconfig[normalizePath(f)] = text === undefined ? '' : contentHash(text);
            return text;
          },
        },
        at('tsconfig.json'),
      );
    } else tsconfig = { ...tsconfig, ...above?.tsconfig };
    const cdk = this.host.fileExists(at('cdk.json'))
      ? { [at('cdk.json')]: hashOf(at('cdk.json')) }
      : { [at('cdk.json')]: '', ...above?.cdk };
    const deps = { tsconfig, cdk };
    this.byDir.set(dir, deps);
    return deps;
  }
}
