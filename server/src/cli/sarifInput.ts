import * as fs from 'node:fs';
import { errorReason } from '../core/model/host';
import { MergeError, SHARD_PROPERTY } from './shard';

/**
 * What `merge-sarif` accepts: a SARIF log read from a regular file of bounded size, whose every
 * part it uses has the shape `slsguard scan --format sarif` writes (other tools' runs: the parts
 * SARIF requires). A shard of a CI matrix is input from another machine: a malformed one must
 * fail with one line, not a stack trace, an out-of-memory crash or a hang.
 */

/** Largest SARIF file read (two 200 MB shards of a large monorepo must merge). */
export const MAX_SARIF_BYTES = 256 * 1024 * 1024;
/** Largest shard count (`--shard i/n`): the merge lists the missing ones. */
export const MAX_SHARDS = 10_000;
/** Results across every input. */
export const MAX_RESULTS = 5_000_000;
/** Nesting of any JSON value (a scan's facts are a few levels deep). */
export const MAX_DEPTH = 64;
const MAX_RUNS = 1000;
const MAX_RULES = 100_000;

/**
 * The text of a SARIF file: a regular file (a FIFO or `/dev/zero` is refused before any byte is
 * read, checked on the open descriptor) of at most MAX_SARIF_BYTES.
 */
export function readSarifFile(file: string, name: string): string {
  let fd: number | undefined;
  try {
    // Non-blocking: opening a FIFO with no writer must not wait.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) throw new MergeError(`cannot read '${name}': it is a directory`);
    if (!stat.isFile()) throw new MergeError(`cannot read '${name}': not a regular file`);
    if (stat.size > MAX_SARIF_BYTES) throw new MergeError(`'${name}' is larger than ${MAX_SARIF_BYTES / (1024 * 1024)} MB`);
    const bytes = Buffer.alloc(stat.size);
    let read = 0;
    while (read < bytes.length) {
      const n = fs.readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return bytes.toString('utf8', 0, read);
  } catch (error) {
    if (error instanceof MergeError) throw error;
    throw new MergeError(`cannot read '${name}': ${errorReason(error)}`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Parse and check one input; throws MergeError naming `name` and what is wrong. */
export function parseSarif(text: string, name: string, counts: { results: number }): unknown {
  let log: unknown;
  try {
    log = JSON.parse(text);
  } catch {
    throw new MergeError(`'${name}' is not JSON, so not a SARIF log`);
  }
  const bad = (what: string) => new MergeError(`${name} is not a SARIF log as slsguard writes one: ${what}`);
  if (depthOver(log, MAX_DEPTH)) throw bad(`nested more than ${MAX_DEPTH} levels deep`);
  if (!isObject(log) || log.version !== '2.1.0' || !Array.isArray(log.runs)) throw new MergeError(`${name} is not a SARIF 2.1.0 log`);
  if (log.runs.length > MAX_RUNS) throw bad(`more than ${MAX_RUNS} runs`);
  log.runs.forEach((run, r) => {
    const at = `runs[${r}]`;
    if (!isObject(run) || !isObject(run.tool) || !isObject(run.tool.driver))
      throw new MergeError(`${name} has a run without tool.driver.name`);
    const driver = run.tool.driver;
    if (typeof driver.name !== 'string') throw new MergeError(`${name} has a run without tool.driver.name`);
    if (driver.rules !== undefined) {
      if (!Array.isArray(driver.rules)) throw bad(`${at}.tool.driver.rules is not an array`);
      if (driver.rules.length > MAX_RULES) throw bad(`${at} describes more than ${MAX_RULES} rules`);
      driver.rules.forEach((rule, i) => {
        if (!isObject(rule) || typeof rule.id !== 'string') throw bad(`${at}.tool.driver.rules[${i}] has no string id`);
      });
    }
    if (run.results !== undefined) {
      if (!Array.isArray(run.results)) throw bad(`${at}.results is not an array`);
      counts.results += run.results.length;
      if (counts.results > MAX_RESULTS) throw new MergeError(`the inputs hold more than ${MAX_RESULTS} results`);
      run.results.forEach((result, i) => checkResult(result, `${at}.results[${i}]`, bad));
    }
    if (run.invocations !== undefined && (!Array.isArray(run.invocations) || !run.invocations.every(isObject)))
      throw bad(`${at}.invocations is not an array of objects`);
    if (run.originalUriBaseIds !== undefined && !isObject(run.originalUriBaseIds)) throw bad(`${at}.originalUriBaseIds is not an object`);
    if (run.properties !== undefined) {
      if (!isObject(run.properties)) throw bad(`${at}.properties is not an object`);
      const shard = run.properties[SHARD_PROPERTY];
      if (shard !== undefined) checkShard(shard, `${at}.properties["${SHARD_PROPERTY}"]`, bad);
    }
  });
  return log;
}

type Bad = (what: string) => MergeError;

function checkResult(result: unknown, at: string, bad: Bad): void {
  if (!isObject(result)) throw bad(`${at} is not an object`);
  if (result.ruleId !== undefined && typeof result.ruleId !== 'string') throw bad(`${at}.ruleId is not a string`);
  if (result.ruleIndex !== undefined && !Number.isInteger(result.ruleIndex)) throw bad(`${at}.ruleIndex is not an integer`);
  if (!isObject(result.message) || (result.message.text !== undefined && typeof result.message.text !== 'string'))
    throw bad(`${at}.message has no text`);
  if (result.locations !== undefined) {
    if (!Array.isArray(result.locations)) throw bad(`${at}.locations is not an array`);
    result.locations.forEach((location, i) => {
      const physical = isObject(location) ? location.physicalLocation : undefined;
      if (!isObject(location) || (physical !== undefined && !isObject(physical))) throw bad(`${at}.locations[${i}] is not a location`);
      const artifact = physical?.artifactLocation;
      if (artifact !== undefined && (!isObject(artifact) || (artifact.uri !== undefined && typeof artifact.uri !== 'string')))
        throw bad(`${at}.locations[${i}] has a bad artifactLocation`);
      const region = physical?.region;
      if (
        region !== undefined &&
        (!isObject(region) || Object.values(region).some((v) => typeof v !== 'number' && !isObject(v) && typeof v !== 'string'))
      )
        throw bad(`${at}.locations[${i}] has a bad region`);
    });
  }
  if (result.suppressions !== undefined && !Array.isArray(result.suppressions)) throw bad(`${at}.suppressions is not an array`);
  if (
    result.partialFingerprints !== undefined &&
    (!isObject(result.partialFingerprints) || !Object.values(result.partialFingerprints).every((v) => typeof v === 'string'))
  ) {
    throw bad(`${at}.partialFingerprints is not an object of strings`);
  }
}

/** The run property a shard carries (see `ShardProperty` in shard.ts). */
function checkShard(shard: unknown, at: string, bad: Bad): void {
  if (!isObject(shard) || shard.version !== 1) throw bad(`${at} is not a version 1 shard`);
  const m = typeof shard.shard === 'string' ? /^(\d+)\/(\d+)$/.exec(shard.shard) : null;
  if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) throw bad(`${at}.shard is not i/n`);
  if (Number(m[2]) > MAX_SHARDS) throw bad(`${at}.shard splits the files into more than ${MAX_SHARDS} shards`);
  if (!['error', 'warning', 'info'].includes(shard.minSeverity as string)) throw bad(`${at}.minSeverity is not error, warning or info`);
  if (!Array.isArray(shard.files)) throw bad(`${at}.files is not an array`);
  shard.files.forEach((f, i) => {
    const here = `${at}.files[${i}]`;
    if (!isObject(f) || typeof f.file !== 'string') throw bad(`${here} has no file`);
    if (f.facts !== undefined && (!isObject(f.facts) || !Object.values(f.facts).every(Array.isArray)))
      throw bad(`${here}.facts is not an object of arrays`);
    if (f.directives !== undefined && (!Array.isArray(f.directives) || !f.directives.every(isObject)))
      throw bad(`${here}.directives is not an array of objects`);
    if (
      f.rules !== undefined &&
      (!isObject(f.rules) || !Object.values(f.rules).every((v) => ['error', 'warning', 'info', 'off'].includes(v as string)))
    ) {
      throw bad(`${here}.rules is not an object of severities`);
    }
    if (f.skipped !== undefined && typeof f.skipped !== 'string') throw bad(`${here}.skipped is not a string`);
  });
}

function isObject(v: unknown): v is Record<string, unknown> & { [k: string]: unknown } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True when `value` nests deeper than `max` levels; a loop, so any depth is measured safely. */
function depthOver(value: unknown, max: number): boolean {
  const todo: Array<[unknown, number]> = [[value, 0]];
  for (let next = todo.pop(); next; next = todo.pop()) {
    const [v, depth] = next;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v))
      if (typeof child === 'object' && child !== null) todo.push([child, depth + 1]);
  }
  return false;
}
