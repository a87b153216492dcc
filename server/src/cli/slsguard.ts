/**
 * `slsguard`: the Serverless Guard scanner for the command line and CI. Same engine and rules as
 * the editor; text, JSON and SARIF output. `slsguard checklist` prints the security checklist
 * the editor's sidebar shows.
 *
 * Exit codes: 0 nothing at or above --severity (checklist: no item failed); 1 findings (an item
 * failed); 2 usage error or unreadable path.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultConfig } from '../core/config';
import { PRODUCT_NAME, productVersion } from '../core/meta';
import { allRules } from '../core/rules/registry';
import { formatChecklistJson, formatChecklistText } from '../core/report/checklist';
import { formatJson } from '../core/report/json';
import { formatSarif } from '../core/report/sarif';
import { formatText } from '../core/report/text';
import type { Severity } from '../core/types';
import { runChecklist } from './checklist';
import { runScan } from './scan';

const USAGE = `Usage: slsguard scan [paths...] [options]
       slsguard checklist [paths...] [--format text|json] [--output file] [--rule id=severity]

Scan AWS CDK apps and Lambda handlers (TypeScript and JavaScript) for security problems.
Paths are files or directories (default: the current directory). node_modules, cdk.out,
dist and .git are never read. No code from the scanned project is run.

checklist judges the project against the security checklist: each item passed (✓), failed
(✗, with its findings), not applicable (–), or to check by hand (☐; ticked in the project's
.slsguard/checklist.json, found at or above the first path). It exits 1 when an item failed.

Options:
  --format <text|json|sarif>     output format (default: text; checklist: text or json)
  --severity <error|warning|info> report findings at or above this severity (default: info);
                                 the exit code is 1 when any are reported
  --output <file>                write the report to a file instead of standard output
  --rule <id=severity>           override a rule's severity (error|warning|info|off); repeatable
  --no-color                     plain text output
  -h, --help                     show this help
  -v, --version                  show the version

Exit codes: 0 no findings at or above --severity, 1 findings, 2 usage error or unreadable path.`;

class UsageError extends Error {}

const FORMATS = ['text', 'json', 'sarif'] as const;
const CHECKLIST_FORMATS = ['text', 'json'] as const;
const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

export function main(argv: string[], io: { stdout: (s: string) => void; stderr: (s: string) => void; cwd: string; isTTY: boolean }): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        severity: { type: 'string', default: 'info' },
        output: { type: 'string' },
        rule: { type: 'string', multiple: true },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
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
    if (command !== 'scan' && command !== 'checklist') throw new UsageError(`unknown command '${command}' (the commands are: scan, checklist)`);
    const format = values.format as string;
    const formats: readonly string[] = command === 'checklist' ? CHECKLIST_FORMATS : FORMATS;
    if (!formats.includes(format)) throw new UsageError(`--format must be one of ${formats.join(', ')}, not '${format}'`);
    const severity = values.severity as string;
    if (!(SEVERITIES as string[]).includes(severity)) throw new UsageError(`--severity must be one of ${SEVERITIES.join(', ')}, not '${severity}'`);
    const rules: Record<string, Severity | 'off'> = {};
    for (const spec of values.rule ?? []) {
      const m = /^([a-z0-9-]+)=(error|warning|info|off)$/.exec(spec);
      if (!m) throw new UsageError(`--rule takes id=severity (error, warning, info or off), not '${spec}'`);
      if (!allRules.some((r) => r.meta.id === m[1])) throw new UsageError(`--rule: unknown rule '${m[1]}'`);
      rules[m[1]] = m[2] as Severity | 'off';
    }
    const targets = (paths.length ? paths : ['.']).map((p) => path.resolve(io.cwd, p));
    for (const target of targets) {
      try {
        fs.accessSync(target, fs.constants.R_OK);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const reason = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : code ?? 'unreadable';
        io.stderr(`slsguard: cannot read '${path.relative(io.cwd, target) || target}': ${reason}\n`);
        return 2;
      }
    }
    const log = (m: string) => io.stderr(`slsguard: ${m}\n`);
    const color = !!(values['no-color'] ? false : (values.color ?? (io.isTTY && !values.output && !process.env.NO_COLOR)));
    /** Print or write the report; false when it cannot be written. */
    const emit = (text: string): boolean => {
      if (!values.output) {
        io.stdout(text);
        return true;
      }
      try {
        fs.writeFileSync(path.resolve(io.cwd, values.output), text);
        return true;
      } catch (error) {
        io.stderr(`slsguard: cannot write '${values.output}': ${(error as Error).message}\n`);
        return false;
      }
    };
    if (command === 'checklist') {
      const { checklist, root } = runChecklist({ paths: targets, config: defaultConfig({ rules }), log });
      const text = format === 'json' ? formatChecklistJson(checklist, root, io.cwd) : formatChecklistText(checklist, { cwd: io.cwd, color });
      if (!emit(text)) return 2;
      return checklist.groups.some((g) => g.items.some((i) => i.state === 'failed')) ? 1 : 0;
    }
    const report = runScan({ paths: targets, cwd: io.cwd, config: defaultConfig({ rules }), minSeverity: severity as Severity, log });
    const text =
      format === 'json' ? formatJson(report) : format === 'sarif' ? formatSarif(report, allRules) : formatText(report, { color });
    if (!emit(text)) return 2;
    return report.findings.length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`slsguard: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) {
  const code = main(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    isTTY: !!process.stdout.isTTY,
  });
  process.exitCode = code;
}
