/**
 * `slsguard`: the Serverless Guard scanner for the command line and CI. Same engine, rules,
 * `.slsguard.json` and suppression comments as the editor; text, JSON and SARIF output;
 * `slsguard fix`, which applies the fixes the editor offers; and `slsguard checklist`, which
 * prints the security checklist the editor's sidebar shows. `scan --shard i/n` and
 * `slsguard merge-sarif` fan a scan out over a CI job matrix.
 *
 * Exit codes: 0 nothing at or above --severity (checklist: no item failed); 1 findings (an item
 * failed); 2 usage error, unreadable path, a file analysed only in part, or (fix) a file that
 * could not be written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { cacheFileFor } from '../core/cache/resultsCache';
import { defaultConfig } from '../core/config';
import { PRODUCT_NAME, productVersion } from '../core/meta';
import { errorReason } from '../core/model/host';
import { allRules } from '../core/rules/registry';
import { formatChecklistJson, formatChecklistText } from '../core/report/checklist';
import { formatJson } from '../core/report/json';
import { formatSarif } from '../core/report/sarif';
import { formatText } from '../core/report/text';
import type { LoadedConfigFile } from '../core/configFile/load';
import { collectFindings, fileProblems, formatProblems, isIncomplete, relativePath } from '../core/report/report';
import {
  Baseline,
  BaselineData,
  BaselineError,
  BASELINE_FILE,
  baselineFileIn,
  baselineOf,
  formatBaseline,
  pruneBaseline,
  readBaseline,
} from '../core/baseline/baseline';
import { escapeControls } from '../core/report/terminal';
import type { Severity } from '../core/types';
import { runChecklist } from './checklist';
import { formatDiff, formatFixSummary, runFix, withNotWritten } from './fix';
import { isAnalysisWorker, runWorker } from './parallel';
import { analyzeOnThreads, ParallelOptions, runScan } from './scan';
import { writeJson } from './jsonStream';
import { parseSarif, readSarifFile } from './sarifInput';
import { mergeSarif, MergeError, parseShard } from './shard';
import { planWrites, writeChanges } from './writeFixes';

const USAGE = `Usage: slsguard scan [paths...] [options]
       slsguard fix [paths...] [--rule <id>]... [--dry-run] [options]
       slsguard checklist [paths...] [--format text|json] [options]
       slsguard baseline [paths...] [--prune] [--baseline <file>] [options]
       slsguard merge-sarif <files...> [--output <file>]
       slsguard mcp

Scan AWS CDK apps and Lambda handlers (TypeScript and JavaScript) for security problems.
Paths are files or directories (default: the current directory). node_modules, cdk.out,
dist and .git are never read. No code from the scanned project is run.

The nearest .slsguard.json above each file (up to the git root, or the current directory
outside a repository) sets rule severities, ignore globs and the other options; --rule
flags win over it. Comments such as
  // slsguard-ignore-next-line <rule-id> -- <reason>
suppress single findings.

fix applies every fix that keeps behaviour (the ones "fix all" applies in the editor), and
every fix of the rules named with --rule <id>, re-analysing between passes; then it reports
what it changed and what remains, with the exit code scan would give. It writes only regular,
writable files inside the given paths (never through a symbolic link that leaves them), in
UTF-8 (with or without a byte order mark) or UTF-16 with a byte order mark, that did not
change while it ran; it names every other file on stderr, leaves it as it was and exits 2.

checklist judges the project against the security checklist: each item passed (✓), failed
(✗, with its findings), not applicable (–), or to check by hand (☐; ticked in the project's
.slsguard/checklist.json, found at or above the first path). It exits 1 when an item failed.

baseline records every finding the project has now in .slsguard-baseline.json (or the
--baseline file), so that scan, fix, checklist and the editor report only new ones. Entries are
a rule, a file (relative to the baseline's directory) and a fingerprint of the finding's line
(no line number: moving code keeps a finding in the baseline), with a count; a second finding
of the rule on an identical line is new. baseline --prune drops the entries that no longer
match a finding (fixed), and keeps the others as they are. scan, fix and checklist read the
baseline file in the current directory, or --baseline <file>; a baseline file that cannot be
read or is not one is named on stderr, every finding is reported, and the run exits 2.

mcp serves the scanner to coding agents over the Model Context Protocol on standard input and
output (tools scan, fix, explain, checklist) for the project in the current directory. It
opens no socket, and fix writes only when called with write: true.

scan --shard i/n analyses the i-th of n parts of the files (split by path, the same on every
machine) for a CI job matrix; merge-sarif joins the shards' SARIF reports into one and judges
the rules that relate files (shared roles, an API and its WAF, handlers named by a stack) over
the facts every shard recorded. It exits 1 when the merged report has findings.

scan --cache keeps each file's results in a cache file (.slsguard-cache, or --cache-location)
and reuses them on the next run while they still hold; paths in it are relative to the
current directory, so a cache restored by CI on another machine works. A cache file that is
corrupt or was written by another version is named on stderr and ignored (never an error).

Options:
  --format <text|json|sarif>     scan: output format (default: text); checklist: text or json
  --severity <error|warning|info> report findings at or above this severity (default: info);
                                 the exit code is 1 when any are reported (fix: any remain)
  --output <file>                scan, checklist: write the report to a file, not standard output
  --rule <id=severity>           override a rule's severity (error|warning|info|off); repeatable
  --rule <id>                    fix: also apply this rule's fixes that change behaviour
  --config <file>                use this configuration file instead of the nearest .slsguard.json
  --baseline <file>              the baseline file (default: .slsguard-baseline.json in the
                                 current directory, when there is one)
  --prune                        baseline: drop the entries that no longer match a finding
  --project <dir>                scan: analyse the paths as part of this directory's project
                                 (rules that relate files see all of it), report only theirs;
                                 for pre-commit hooks, which pass the staged files
  --dry-run                      fix: print the changes as a unified diff, change nothing
  --budget-ms <n>                 stop analysing a file after n ms of CPU time (default: no
                                 limit); a file stopped early makes the run exit 2. (The
                                 editor's slsguard.budgetMs is wall time, default 2000 ms:
                                 it keeps typing responsive, and says so on the file.)
  --jobs <n>                     scan, checklist: analyse on n threads (default: one per
                                 1,000 files, up to the cores that are free: the cores less
                                 the load average of the last minute; 1: this thread only)
  --cache                        scan: keep each file's results in .slsguard-cache (in the
                                 current directory) and reuse them while the file, the files
                                 it uses values from, the configuration, the rules and the
                                 engine are unchanged; findings are the same as without it
  --cache-location <file|dir>    scan --cache: the cache file (a directory: .slsguard-cache in it)
  --shard <i/n>                  scan: only the i-th of n shards of the files; needs
                                 --format sarif (merge-sarif joins the shards)
  --include-tests                report findings in test code (test/, tests/, __tests__/,
                                 *.test.*, *.spec.*, integ.*, __snapshots__/ or the
                                 .slsguard.json "testCode" globs) like anywhere else; by
                                 default only hard-coded credentials are reported there
  --show-suppressed              scan: also list the findings that suppression comments
                                 and cdk-nag suppressions (NagSuppressions.*,
                                 Validations.of(…).acknowledge, with a reason) suppress,
                                 with the reason (SARIF always lists them)
  --no-color                     plain text output
  -h, --help                     show this help
  -v, --version                  show the version

Files that cannot be read (unreadable, not text, over 8 MB) are skipped and listed as such.
A file analysed only in part (its --budget-ms ran out, or a rule failed on it) is named on
standard error and in the report, and makes the run exit 2 whatever --severity says.

Exit codes: 0 no findings at or above --severity, 1 findings, 2 usage error, unreadable path,
analysis incomplete, a baseline file that cannot be used, or (fix) a file it did not write.
baseline exits 0 once it wrote the file.`;

class UsageError extends Error {}

const COMMANDS = ['scan', 'fix', 'checklist', 'baseline', 'merge-sarif', 'mcp'];
const FORMATS = ['text', 'json', 'sarif'] as const;
const CHECKLIST_FORMATS = ['text', 'json'] as const;
const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  isTTY: boolean;
  /** The script worker threads run (this file); without it, everything runs in this thread. */
  workerEntry?: string;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        severity: { type: 'string', default: 'info' },
        output: { type: 'string' },
        rule: { type: 'string', multiple: true },
        config: { type: 'string' },
        baseline: { type: 'string' },
        project: { type: 'string' },
        prune: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        jobs: { type: 'string' },
        'budget-ms': { type: 'string' },
        shard: { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        'include-tests': { type: 'boolean' },
        'show-suppressed': { type: 'boolean' },
        cache: { type: 'boolean' },
        'cache-location': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    io.stderr(`slsguard: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (values.version) {
    io.stdout(`${PRODUCT_NAME} ${productVersion()}\n`);
    return 0;
  }
  try {
    const [command, ...paths] = positionals;
    if (command === undefined) throw new UsageError('missing command (try: slsguard scan .)');
    if (!COMMANDS.includes(command)) throw new UsageError(`unknown command '${command}' (the commands are: ${COMMANDS.join(', ')})`);
    if (values.project !== undefined && command !== 'scan') throw new UsageError(`--project applies to scan, not ${command}`);
    if (values.prune && command !== 'baseline') throw new UsageError(`--prune applies to baseline, not ${command}`);
    if (values.baseline !== undefined && command === 'merge-sarif')
      throw new UsageError('--baseline applies to scan, fix, checklist and baseline');
    if (values.jobs !== undefined && command !== 'scan' && command !== 'checklist')
      throw new UsageError(`--jobs applies to scan and checklist, not ${command}`);
    if (values.shard !== undefined && command !== 'scan') throw new UsageError(`--shard applies to scan, not ${command}`);
    if (values['budget-ms'] !== undefined && command === 'merge-sarif')
      throw new UsageError('--budget-ms applies to scan, fix and checklist, not merge-sarif');
    if (command === 'merge-sarif') return mergeCommand(paths, values, io);
    if (command === 'mcp') {
      if (paths.length) throw new UsageError('mcp takes no paths: it serves the current directory');
      // Loaded for this command only: the Model Context Protocol SDK builds its schemas when loaded
      // (40 ms, a tenth of an unchanged `scan --cache` on 1,000 files, when every run loaded it).
      const { runMcp } = require('./mcp') as typeof import('./mcp');
      return await runMcp(io.cwd);
    }
    const isFix = command === 'fix';
    if ((isFix || command === 'baseline') && (values.format !== undefined || values.output !== undefined))
      throw new UsageError(`--format and --output apply to scan and checklist, not ${command}`);
    if (!isFix && values['dry-run']) throw new UsageError(`--dry-run applies to fix, not ${command}`);
    if (values['show-suppressed'] && command !== 'scan') throw new UsageError(`--show-suppressed applies to scan, not ${command}`);
    if (values.cache && command !== 'scan') throw new UsageError(`--cache applies to scan, not ${command}`);
    if (values['cache-location'] !== undefined && !values.cache) throw new UsageError('--cache-location goes with --cache');
    const format = values.format ?? 'text';
    const formats: readonly string[] = command === 'checklist' ? CHECKLIST_FORMATS : FORMATS;
    if (!formats.includes(format)) throw new UsageError(`--format must be one of ${formats.join(', ')}, not '${format}'`);
    const severity = values.severity as string;
    if (!(SEVERITIES as string[]).includes(severity))
      throw new UsageError(`--severity must be one of ${SEVERITIES.join(', ')}, not '${severity}'`);
    const rules: Record<string, Severity | 'off'> = {};
    const suggestionsOf = new Set<string>();
    for (const spec of values.rule ?? []) {
      const m = /^([a-z0-9-]+)(?:=(error|warning|info|off))?$/.exec(spec);
      if (!m || (!isFix && m[2] === undefined))
        throw new UsageError(`--rule takes id=severity (error, warning, info or off)${isFix ? ' or a rule id' : ''}, not '${spec}'`);
      if (!allRules.some((r) => r.meta.id === m[1])) throw new UsageError(`--rule: unknown rule '${m[1]}'`);
      if (m[2] === undefined) suggestionsOf.add(m[1]);
      else rules[m[1]] = m[2] as Severity | 'off';
    }
    const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
    if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1))
      throw new UsageError(`--jobs takes a whole number of threads (1 or more), not '${values.jobs}'`);
    const budgetMs = values['budget-ms'] === undefined ? undefined : Number(values['budget-ms']);
    if (budgetMs !== undefined && (!Number.isInteger(budgetMs) || budgetMs < 1))
      throw new UsageError(`--budget-ms takes a whole number of milliseconds (1 or more), not '${values['budget-ms']}'`);
    const shard = values.shard === undefined ? undefined : parseShard(values.shard);
    if (values.shard !== undefined && !shard) throw new UsageError(`--shard takes i/n with 1 ≤ i ≤ n (e.g. 2/4), not '${values.shard}'`);
    if (shard && format !== 'sarif')
      throw new UsageError('--shard needs --format sarif: merge-sarif joins the shards and judges the rules that relate files');
    const targets = (paths.length ? paths : ['.']).map((p) => path.resolve(io.cwd, p));
    const configFile = values.config === undefined ? undefined : path.resolve(io.cwd, values.config);
    for (const target of configFile ? [...targets, configFile] : targets) {
      try {
        fs.accessSync(target, fs.constants.R_OK);
      } catch (error) {
        io.stderr(`slsguard: cannot read '${path.relative(io.cwd, target) || target}': ${errorReason(error)}\n`);
        return 2;
      }
    }
    if (configFile && !fs.statSync(configFile).isFile())
      throw new UsageError(`--config takes a file, not the directory '${values.config}'`);
    const baselinePath = values.baseline === undefined ? undefined : path.resolve(io.cwd, values.baseline);
    if (command === 'baseline') {
      const file = baselinePath ?? path.join(io.cwd, BASELINE_FILE);
      return await baselineCommand(
        file,
        !!values.prune,
        { paths: targets, cwd: io.cwd, config: defaultConfig({ rules }), configFile, jobs, workerEntry: io.workerEntry, budgetMs },
        io,
      );
    }
    const loaded = loadBaseline(baselinePath ?? baselineFileIn(io.cwd), io);
    const options = {
      paths: targets,
      baseline: loaded.baseline,
      cwd: io.cwd,
      config: defaultConfig({ rules, ...(values['include-tests'] ? { testCode: 'report' as const } : {}) }),
      configFile,
      onConfigFile: (file: LoadedConfigFile) => {
        for (const p of file.problems) {
          io.stderr(
            `slsguard: ${escapeControls(relativePath(io.cwd, file.path))}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.severity}: ${escapeControls(p.message)}\n`,
          );
        }
      },
      minSeverity: severity as Severity,
      log: (m: string) => io.stderr(`slsguard: ${escapeControls(m)}\n`),
      jobs,
      workerEntry: io.workerEntry,
      budgetMs,
    };
    if (isFix) {
      const dryRun = !!values['dry-run'];
      const fixed = runFix({ ...options, suggestionsOf });
      const outcome = (dryRun ? planWrites : writeChanges)(fixed.changes, { roots: targets, cwd: io.cwd });
      const result = withNotWritten(fixed, outcome.notWritten);
      for (const n of result.notWritten)
        io.stderr(`slsguard: fix: ${relativePath(io.cwd, n.file)} ${dryRun ? 'would not be written' : 'not written'}: ${n.reason}\n`);
      if (dryRun) io.stdout(formatDiff(result.changes, io.cwd, result.secrets));
      io.stdout(formatFixSummary(result, io.cwd, dryRun));
      io.stderr(formatProblems(result.remaining.problems, io.cwd));
      if (result.notWritten.length > 0 || isIncomplete(result.remaining.problems) || loaded.failed) return 2;
      return result.remaining.findings.length > 0 ? 1 : 0;
    }
    const color = !!(values['no-color'] ? false : (values.color ?? (io.isTTY && !values.output && !process.env.NO_COLOR)));
    if (command === 'checklist') {
      const { checklist, root, problems } = await runChecklist(options);
      const text =
        format === 'json' ? formatChecklistJson(checklist, root, io.cwd) : formatChecklistText(checklist, { cwd: io.cwd, color });
      if (!emit(text, values.output, io)) return 2;
      io.stderr(formatProblems(problems, io.cwd));
      if (isIncomplete(problems) || loaded.failed) return 2;
      return checklist.groups.some((g) => g.items.some((i) => i.state === 'failed')) ? 1 : 0;
    }
    const project = values.project === undefined ? undefined : path.resolve(io.cwd, values.project);
    if (project && !(fs.existsSync(project) && fs.statSync(project).isDirectory()))
      throw new UsageError(`--project takes a directory, not '${values.project}'`);
    const cacheFile = values.cache ? cacheFileFor(values['cache-location'], io.cwd) : undefined;
    const report = {
      ...(await runScan({ ...options, shard, project, cacheFile })),
      ...(values['show-suppressed'] ? { showSuppressed: true } : {}),
    };
    const text =
      format === 'json' ? formatJson(report) : format === 'sarif' ? formatSarif(report, allRules) : formatText(report, { color });
    if (!emit(text, values.output, io)) return 2;
    io.stderr(formatProblems(report.problems, io.cwd));
    if (isIncomplete(report.problems) || loaded.failed) return 2;
    return report.findings.length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`slsguard: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
}

/**
 * The baseline scan, fix and checklist use: `file` when it exists (named with --baseline, it must).
 * One that cannot be used is named on stderr and set aside: every finding is reported, and the
 * run exits 2 (`failed`).
 */
function loadBaseline(file: string | undefined, io: CliIo): { baseline?: Baseline; failed: boolean } {
  if (file === undefined) return { failed: false };
  try {
    return { baseline: new Baseline(path.dirname(file), readBaseline(file, relativePath(io.cwd, file))), failed: false };
  } catch (error) {
    if (!(error instanceof BaselineError)) throw error;
    io.stderr(`slsguard: baseline: ${escapeControls(error.message)}; every finding is reported\n`);
    return { failed: true };
  }
}

/** `baseline [paths…] [--prune]`: write (or prune) the baseline file. */
async function baselineCommand(file: string, prune: boolean, options: ParallelOptions, io: CliIo): Promise<number> {
  const name = relativePath(io.cwd, file);
  let old: BaselineData | undefined;
  if (prune) {
    try {
      old = readBaseline(file, name);
    } catch (error) {
      if (!(error instanceof BaselineError)) throw error;
      io.stderr(`slsguard: baseline --prune: ${escapeControls(error.message)}\n`);
      return 2;
    }
  }
  const { engine, files, host } = await analyzeOnThreads(options);
  let current: BaselineData;
  let problems;
  try {
    const { findings, suppressed } = collectFindings(engine, files, 'info');
    current = baselineOf([...findings, ...suppressed], path.dirname(file), (f) => engine.host.readFile(f));
    problems = fileProblems(engine, files, { host, roots: options.paths });
  } finally {
    engine.dispose();
  }
  io.stderr(formatProblems(problems, io.cwd));
  // A file analysed in part would lose its entries: the baseline is left as it was.
  if (isIncomplete(problems)) {
    io.stderr(`slsguard: baseline: ${escapeControls(name)} not written: the analysis is incomplete\n`);
    return 2;
  }
  const data = old ? pruneBaseline(old, current) : current;
  try {
    fs.writeFileSync(file, formatBaseline(data));
  } catch (error) {
    io.stderr(`slsguard: cannot write '${escapeControls(name)}': ${errorReason(error)}\n`);
    return 2;
  }
  const count = (d: BaselineData) => d.entries.reduce((n, e) => n + e.count, 0);
  io.stdout(
    old
      ? `Pruned ${name}: ${count(old) - count(data)} of ${count(old)} baselined findings no longer occur; ${count(data)} remain.\n`
      : `Wrote ${name}: ${count(data)} findings in ${data.entries.length} entries. Scans now report only new findings.\n`,
  );
  return 0;
}

/** `merge-sarif <files…> [--output f]`. */
function mergeCommand(
  files: string[],
  values: { output?: string; format?: string; rule?: string[]; config?: string; 'dry-run'?: boolean },
  io: CliIo,
): number {
  if (files.length === 0) throw new UsageError('merge-sarif needs the SARIF files to merge');
  if (values.format !== undefined || values.rule !== undefined || values.config !== undefined || values['dry-run']) {
    throw new UsageError('merge-sarif takes SARIF files and --output only');
  }
  try {
    const logs: Array<{ name: string; log: unknown }> = [];
    const counts = { results: 0 };
    for (const file of files) logs.push({ name: file, log: parseSarif(readSarifFile(path.resolve(io.cwd, file), file), file, counts) });
    const merged = mergeSarif(logs, io.cwd);
    for (const w of merged.warnings) io.stderr(`slsguard: merge-sarif: ${w}\n`);
    if (!emitJson(merged.log, values.output, io)) return 2;
    // A shard that analysed some file only in part leaves the merged report incomplete too.
    if (merged.log.runs.some((run) => run.invocations?.some((i) => i.executionSuccessful === false))) return 2;
    return merged.findings > 0 ? 1 : 0;
  } catch (error) {
    // One line whatever went wrong: the inputs come from other machines.
    const message = error instanceof MergeError ? error.message : `cannot merge: ${error instanceof Error ? error.message : String(error)}`;
    io.stderr(`slsguard: merge-sarif: ${message.split('\n')[0]}\n`);
    return 2;
  }
}

/** `emit` for a JSON document written in pieces (see jsonStream.ts): no size limit. */
function emitJson(value: unknown, output: string | undefined, io: CliIo): boolean {
  if (!output) {
    writeJson(value, io.stdout);
    io.stdout('\n');
    return true;
  }
  let fd: number | undefined;
  try {
    fd = fs.openSync(path.resolve(io.cwd, output), 'w');
    const target = fd;
    writeJson(value, (chunk) => fs.writeSync(target, chunk));
    fs.writeSync(target, '\n');
    return true;
  } catch (error) {
    io.stderr(`slsguard: cannot write '${output}': ${(error as Error).message}\n`);
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Print a report, or write it to `output`; false when it cannot be written. */
function emit(text: string, output: string | undefined, io: CliIo): boolean {
  if (!output) {
    io.stdout(text);
    return true;
  }
  try {
    fs.writeFileSync(path.resolve(io.cwd, output), text);
    return true;
  } catch (error) {
    io.stderr(`slsguard: cannot write '${output}': ${(error as Error).message}\n`);
    return false;
  }
}

/**
 * Runs the command line, or in a worker thread the analysis worker. `entry` is the script the
 * process started with (`server/out/cli.js`, which loads this bundle): worker threads start it too.
 */
export function run(entry: string): void {
  if (isAnalysisWorker()) {
    runWorker();
    return;
  }
  const stdout = quietWhenClosed(process.stdout);
  const stderr = quietWhenClosed(process.stderr);
  void main(process.argv.slice(2), {
    stdout,
    stderr,
    cwd: process.cwd(),
    isTTY: !!process.stdout.isTTY,
    workerEntry: entry,
  }).then((code) => {
    process.exitCode = code;
  });
}

/**
 * A writer to `stream` that goes quiet once the reader is gone (`slsguard scan . | head`): the
 * pipe's EPIPE ends the output, not the process, and the run still exits with its own code.
 */
export function quietWhenClosed(stream: NodeJS.WritableStream): (s: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return (s) => {
    if (!closed) stream.write(s);
  };
}

if (require.main === module) run(__filename);
