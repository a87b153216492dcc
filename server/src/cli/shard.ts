import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type * as Sarif from 'sarif';
import { defaultConfig } from '../core/config';
import { Engine } from '../core/engine/engine';
import { DiskHost, normalizePath, SourceHost } from '../core/model/host';
import { collectFindings, relativePath } from '../core/report/report';
import { toSarif } from '../core/report/sarif';
import { fingerprints, numberedFingerprint } from '../core/baseline/fingerprint';
import { allRules } from '../core/rules/registry';
import { projectPassInput, ProjectPassInput, projectPassResult } from '../core/project';
import { UNUSED } from '../core/suppressions/apply';
import type { Finding, Severity, SeveritySetting } from '../core/types';

/**
 * `--shard i/n` and `merge-sarif`: a scan fanned out over a CI job matrix.
 *
 * A file belongs to shard `hash(path relative to the current directory) mod n`, so the split
 * depends on nothing but the path: every machine agrees, and adding a file moves no other.
 * A shard analyses its files and reports what the per-file rules find in them. The rules that
 * relate files (a role shared by two stacks, an API and its WAF in different files, a handler
 * named by a stack elsewhere) cannot be judged from one shard, so a shard does not judge them:
 * it writes each of its files' facts for them (plain data, paths relative to `%SRCROOT%`) into
 * its SARIF run's properties, and `merge-sarif` runs that project pass over the facts of every
 * shard, exactly as a single scan would have.
 */

export interface ShardSpec {
  /** 1-based. */
  index: number;
  count: number;
}

export function parseShard(spec: string): ShardSpec | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(spec.trim());
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return count >= 1 && index >= 1 && index <= count ? { index, count } : undefined;
}

/** The 1-based shard a file belongs to, from its path relative to `cwd` with `/` separators. */
export function shardOf(relPath: string, count: number): number {
  const digest = createHash('sha256').update(relPath).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

export function filesOfShard(files: string[], cwd: string, shard: ShardSpec): string[] {
  return files.filter((f) => shardOf(relativePath(cwd, f), shard.count) === shard.index);
}

/** The run property that carries a shard's input to the project pass. */
export const SHARD_PROPERTY = 'slsguard/shard';

interface ShardFile extends ProjectPassInput {
  /** Relative to `%SRCROOT%`. */
  file: string;
  /** The file's settings for the rules of the project pass, where they differ from the default. */
  rules?: Record<string, SeveritySetting>;
}

interface ShardProperty {
  version: 1;
  shard: string;
  minSeverity: Severity;
  files: ShardFile[];
}

const ROOT = '%SRCROOT%';

/** Rules the project pass runs, and the meta rule it reports unused suppressions with. */
const PROJECT_RULE_IDS = [...allRules.filter((r) => r.checkProject).map((r) => r.meta.id), UNUSED];

/** What `merge-sarif` needs from a shard's files to run the project pass. */
export function shardProperty(engine: Engine, files: string[], cwd: string, shard: ShardSpec, minSeverity: Severity): ShardProperty {
  const root = normalizePath(cwd);
  const out: ShardFile[] = [];
  for (const file of files) {
    const result = engine.cachedResult(file);
    const input = result && projectPassInput(result);
    if (!input) continue;
    const config = engine.configFor(file);
    const rules: Record<string, SeveritySetting> = {};
    for (const id of PROJECT_RULE_IDS) if (config.rules[id] !== undefined) rules[id] = config.rules[id];
    const entry: ShardFile = {
      file: relativePath(root, result.file),
      ...input,
      ...(Object.keys(rules).length ? { rules } : {}),
    };
    out.push(
      mapPaths(entry, (p) => (p === root ? ROOT : p.startsWith(`${root}/`) ? `${ROOT}/${p.slice(root.length + 1)}` : p)) as ShardFile,
    );
  }
  return { version: 1, shard: `${shard.index}/${shard.count}`, minSeverity, files: out };
}

/** Every string in plain data through `map` (facts are opaque per rule: paths may be anywhere). */
function mapPaths(value: unknown, map: (s: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((v) => mapPaths(v, map));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapPaths(v, map);
    return out;
  }
  return value;
}

export class MergeError extends Error {}

export interface MergeResult {
  log: Sarif.Log;
  /** Results that are not suppressed. */
  findings: number;
  warnings: string[];
}

/**
 * Joins SARIF logs into one: runs of the same tool become one run, rules are listed once,
 * results re-indexed and sorted as a single scan sorts them. Serverless Guard shards also get
 * the project pass, run over the facts every shard recorded.
 */
export function mergeSarif(logs: Array<{ name: string; log: unknown }>, cwd: string): MergeResult {
  const warnings: string[] = [];
  const groups = new Map<string, Sarif.Run[]>();
  for (const { name, log } of logs) {
    const l = log as Sarif.Log;
    if (!l || typeof l !== 'object' || l.version !== '2.1.0' || !Array.isArray(l.runs))
      throw new MergeError(`${name} is not a SARIF 2.1.0 log`);
    for (const run of l.runs) {
      const tool = run?.tool?.driver?.name;
      if (typeof tool !== 'string') throw new MergeError(`${name} has a run without tool.driver.name`);
      const list = groups.get(tool) ?? [];
      list.push(run);
      groups.set(tool, list);
    }
  }
  const runs: Sarif.Run[] = [];
  let findings = 0;
  for (const [tool, group] of groups) {
    const merged = mergeRuns(group, tool, cwd, warnings);
    findings += (merged.results ?? []).filter((r) => !r.suppressions?.length).length;
    runs.push(merged);
  }
  return { log: { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs }, findings, warnings };
}

function mergeRuns(group: Sarif.Run[], tool: string, cwd: string, warnings: string[]): Sarif.Run {
  const first = group[0];
  const rules: Sarif.ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const addRule = (rule: Sarif.ReportingDescriptor) => {
    if (!ruleIndex.has(rule.id)) {
      ruleIndex.set(rule.id, rules.length);
      rules.push(rule);
    }
  };
  const results: Sarif.Result[] = [];
  const shards: ShardProperty[] = [];
  for (const run of group) {
    const own = run.tool.driver.rules ?? [];
    for (const rule of own) addRule(rule);
    for (const result of run.results ?? []) {
      const id = result.ruleId ?? (result.ruleIndex !== undefined ? own[result.ruleIndex]?.id : undefined);
      if (id !== undefined && !ruleIndex.has(id)) addRule({ id });
      results.push({ ...result, ...(id !== undefined ? { ruleId: id } : {}) });
    }
    const shard = run.properties?.[SHARD_PROPERTY] as ShardProperty | undefined;
    if (shard) shards.push(shard);
  }
  const root = rootOf(first, cwd);
  if (shards.length) {
    checkShards(shards, group.length, warnings);
    const project = projectPass(shards, root);
    // The project pass's findings are fingerprinted from the files on disk, as a single scan does.
    const disk = new DiskHost({ stable: true });
    const prints = fingerprints([...project.findings, ...project.suppressed], root, (file) => disk.readFile(file));
    const report = toSarif(
      { findings: project.findings, suppressed: project.suppressed, files: 0, durationMs: 0, cwd: root, fingerprints: prints },
      allRules,
    );
    for (const r of report.runs[0].results ?? []) results.push(r);
    for (const rule of report.runs[0].tool.driver.rules ?? []) addRule(rule);
  }
  results.sort(compareResults);
  const seen = new Map<string, number>();
  for (const r of results) {
    if (r.ruleId !== undefined) r.ruleIndex = ruleIndex.get(r.ruleId);
    // A single scan numbers results that share rule, file and text in this order: so does the merge.
    const print = r.partialFingerprints?.primaryLocationLineHash;
    if (tool === first.tool.driver.name && print !== undefined) {
      r.partialFingerprints = { ...r.partialFingerprints, primaryLocationLineHash: numberedFingerprint(print.replace(/:\d+$/, ''), seen) };
    }
  }
  const { properties, invocations: _, ...rest } = first;
  const others = Object.fromEntries(Object.entries(properties ?? {}).filter(([k]) => k !== SHARD_PROPERTY));
  // Every shard's skipped and incomplete files, in one invocation that failed if any did.
  const invocations = group.flatMap((run) => run.invocations ?? []);
  return {
    ...rest,
    tool: { ...first.tool, driver: { ...first.tool.driver, rules } },
    ...(invocations.length
      ? {
          invocations: [
            {
              executionSuccessful: invocations.every((i) => i.executionSuccessful !== false),
              toolExecutionNotifications: invocations.flatMap((i) => i.toolExecutionNotifications ?? []),
            },
          ],
        }
      : {}),
    results,
    ...(Object.keys(others).length ? { properties: others } : {}),
  };
}

function rootOf(run: Sarif.Run, cwd: string): string {
  const uri = run.originalUriBaseIds?.['%SRCROOT%']?.uri;
  if (uri?.startsWith('file:')) {
    try {
      return normalizePath(fileURLToPath(uri));
    } catch {
      // fall through
    }
  }
  return normalizePath(cwd);
}

function checkShards(shards: ShardProperty[], runs: number, warnings: string[]): void {
  const counts = new Set(shards.map((s) => s.shard.split('/')[1]));
  const seen = new Set(shards.map((s) => s.shard));
  if (counts.size > 1) throw new MergeError(`the shards come from different splits (${[...seen].sort().join(', ')})`);
  if (new Set(shards.map((s) => s.minSeverity)).size > 1) throw new MergeError('the shards were scanned with different --severity');
  const count = Number([...counts][0]);
  const missing = [];
  for (let i = 1; i <= count; i++) if (!seen.has(`${i}/${count}`)) missing.push(`${i}/${count}`);
  if (missing.length)
    warnings.push(`shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing: rules that relate files saw only the shards given`);
  if (seen.size < shards.length) warnings.push('a shard was given more than once');
  if (runs > shards.length) warnings.push('some runs are not shards of a scan: their files were not part of the project pass');
}

/** The project pass over every shard's facts, as the engine runs it in a single scan. */
function projectPass(shards: ShardProperty[], root: string): { findings: Finding[]; suppressed: Finding[] } {
  const toAbs = (p: string) => (p === ROOT ? root : p.startsWith(`${ROOT}/`) ? `${root}/${p.slice(ROOT.length + 1)}` : p);
  const byFile = new Map<string, ShardFile>();
  for (const shard of shards) for (const f of shard.files) byFile.set(toAbs(`${ROOT}/${f.file}`), mapPaths(f, toAbs) as ShardFile);
  const files = [...byFile.keys()].sort();
  const engine = new Engine({
    host: NO_FILES,
    configFor: (file) => defaultConfig({ rules: byFile.get(file)?.rules ?? {} }),
  });
  engine.adoptResults(
    files.map((file) => {
      const { file: _relative, rules: _rules, ...input } = byFile.get(file)!;
      return projectPassResult(file, input);
    }),
  );
  const found = collectFindings(engine, files, shards[0].minSeverity, 'project');
  engine.dispose();
  // Facts are data from another machine: a rule they make throw fails the merge, it does not vanish from it.
  for (const [ruleId, error] of engine.projectRuleFailures) throw new MergeError(`rule ${ruleId} failed on the shards' facts (${error})`);
  return found;
}

/** The merge reads no file: the shards carried everything. */
const NO_FILES: SourceHost = {
  readFile: () => undefined,
  version: () => '0',
  fileExists: () => false,
  directoryExists: () => false,
  readDirectory: () => ({ files: [], directories: [] }),
};

function uriOf(r: Sarif.Result): string {
  const uri = r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';
  try {
    return decodeURI(uri);
  } catch {
    return uri;
  }
}

/** The order of a single scan: file, start, end, rule. */
function compareResults(a: Sarif.Result, b: Sarif.Result): number {
  const ra = a.locations?.[0]?.physicalLocation?.region ?? {};
  const rb = b.locations?.[0]?.physicalLocation?.region ?? {};
  return (
    uriOf(a).localeCompare(uriOf(b)) ||
    (ra.startLine ?? 0) - (rb.startLine ?? 0) ||
    (ra.startColumn ?? 0) - (rb.startColumn ?? 0) ||
    (ra.endLine ?? 0) - (rb.endLine ?? 0) ||
    (ra.endColumn ?? 0) - (rb.endColumn ?? 0) ||
    (a.ruleId ?? '').localeCompare(b.ruleId ?? '')
  );
}
