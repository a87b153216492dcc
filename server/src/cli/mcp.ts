import * as fs from 'node:fs';
import * as path from 'node:path';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { Baseline, baselineFileIn, readBaseline } from '../core/baseline/baseline';
import { defaultConfig } from '../core/config';
import { hoverAt } from '../core/hover/hover';
import { renderHover } from '../core/hover/render';
import { PRODUCT_NAME, productVersion, ruleDocPath } from '../core/meta';
import { DiskHost, normalizePath } from '../core/model/host';
import { lineStartsOf, offsetAt } from '../core/model/lines';
import { analyzeProject } from '../core/project';
import { checklistToJson } from '../core/report/checklist';
import { findingToJson } from '../core/report/json';
import { collectFindings, relativePath } from '../core/report/report';
import { ruleById } from '../core/rules/registry';
import { runChecklist } from './checklist';
import { formatDiff, runFix, withNotWritten } from './fix';
import { runScan } from './scan';
import { planWrites, writeChanges } from './writeFixes';

/**
 * `slsguard mcp`: the scanner as tools for coding agents, over the Model Context Protocol on
 * standard input and output (no socket is opened). The tools read and analyse files as the CLI
 * does, never run the project's code, and write only when `fix` is called with `write: true`.
 */

const TOOLS = [
  {
    name: 'scan',
    description:
      'Find security problems in AWS CDK stacks and Lambda handlers (TypeScript/JavaScript). Call it after writing or editing CDK or handler code, ' +
      'before saying the work is done. Give `paths` (files or directories, relative to the project) to scan files on disk, or `file` + `content` ' +
      'to check text not saved yet. Returns findings with rule ids, 1-based ranges, messages and whether a fix is available (`fixable`); call `fix` to get the edits, `explain` to understand a rule.',
    inputSchema: {
      type: 'object',
      properties: {
        paths: { type: 'array', items: { type: 'string' }, description: 'Files or directories to scan (default: the project).' },
        file: { type: 'string', description: 'A file path, with `content`: scan this text as that file.' },
        content: { type: 'string', description: 'The unsaved text of `file`.' },
      },
    },
  },
  {
    name: 'fix',
    description:
      'Get the fixes for findings as a unified diff, without changing any file (unless `write: true`). By default the fixes that keep behaviour; ' +
      'name rules in `rules` to also get their fixes that change behaviour (e.g. replacing a wildcard IAM statement with a grant). Apply the diff yourself, ' +
      'or call again with `write: true`; then call `scan` again to check that the findings are gone.',
    inputSchema: {
      type: 'object',
      properties: {
        paths: { type: 'array', items: { type: 'string' }, description: 'Files or directories to fix (default: the project).' },
        rules: { type: 'array', items: { type: 'string' }, description: 'Rule ids whose behaviour-changing fixes to apply too.' },
        write: { type: 'boolean', description: 'Write the fixed files (default: false, only return the diff).' },
      },
    },
  },
  {
    name: 'explain',
    description:
      "Explain a rule (its documentation page: what it flags, why, a non-compliant and a compliant example, how to fix) when given `ruleId`; or, given `file`, `line` and `column` (1-based), the security notes on the code there (the editor's hover card: findings, the construct's settings and what they mean).",
    inputSchema: {
      type: 'object',
      properties: {
        ruleId: { type: 'string' },
        file: { type: 'string' },
        line: { type: 'number' },
        column: { type: 'number' },
      },
    },
  },
  {
    name: 'checklist',
    description:
      "Judge the project against the serverless security checklist (encryption, least privilege, logging, secrets, network...): each item passed, failed (with its findings), not applicable, or to check by hand. Call it for an overview of a project's security posture.",
    inputSchema: {
      type: 'object',
      properties: { paths: { type: 'array', items: { type: 'string' }, description: 'Files or directories (default: the project).' } },
    },
  },
] as const;

type Args = Record<string, unknown>;

class ToolError extends Error {}

/** Serve the tools on stdin/stdout until the client closes them; `cwd` is the project. */
export async function runMcp(cwd: string): Promise<number> {
  const server = new Server({ name: 'slsguard', title: PRODUCT_NAME, version: productVersion() }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: TOOLS.map((t) => ({ ...t })) }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    try {
      const result = await callTool(request.params.name, (request.params.arguments ?? {}) as Args, cwd);
      return { content: [{ type: 'text', text: typeof result === 'string' ? result : JSON.stringify(result, null, 2) }] };
    } catch (error) {
      if (!(error instanceof ToolError)) throw error;
      return { isError: true, content: [{ type: 'text', text: error.message }] };
    }
  });
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
  });
  await server.connect(transport);
  await closed;
  return 0;
}

async function callTool(name: string, args: Args, cwd: string): Promise<unknown> {
  switch (name) {
    case 'scan':
      return scanTool(args, cwd);
    case 'fix':
      return fixTool(args, cwd);
    case 'explain':
      return explainTool(args, cwd);
    case 'checklist': {
      const { checklist, root } = await runChecklist(common(args, cwd));
      return checklistToJson(checklist, root, cwd);
    }
    default:
      throw new ToolError(`unknown tool '${name}' (the tools are: ${TOOLS.map((t) => t.name).join(', ')})`);
  }
}

/** A path an agent gave: inside the project, and existing. */
function inProject(p: unknown, cwd: string): string {
  if (typeof p !== 'string' || p === '') throw new ToolError('paths and file are strings');
  const abs = path.resolve(cwd, p);
  const rel = path.relative(cwd, abs);
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new ToolError(`'${p}' is outside the project (${cwd})`);
  return abs;
}

function common(args: Args, cwd: string) {
  const paths = Array.isArray(args.paths) && args.paths.length ? args.paths.map((p) => inProject(p, cwd)) : [cwd];
  for (const p of paths) if (!fs.existsSync(p)) throw new ToolError(`'${relativePath(cwd, p)}' does not exist`);
  const file = baselineFileIn(cwd);
  let baseline: Baseline | undefined;
  try {
    baseline = file ? new Baseline(cwd, readBaseline(file)) : undefined;
  } catch {
    baseline = undefined;
  }
  return { paths, cwd, config: defaultConfig(), baseline, minSeverity: 'info' as const };
}

/** The disk, with one file's unsaved text in its place. */
class UnsavedHost extends DiskHost {
  constructor(
    private readonly file: string,
    private readonly text: string,
  ) {
    super({ stable: true });
  }
  override readFile(file: string): string | undefined {
    return normalizePath(file) === this.file ? this.text : super.readFile(file);
  }
  override fileExists(file: string): boolean {
    return normalizePath(file) === this.file || super.fileExists(file);
  }
  override version(file: string): string {
    return normalizePath(file) === this.file ? 'unsaved' : super.version(file);
  }
}

async function scanTool(args: Args, cwd: string) {
  if (args.content !== undefined) {
    if (typeof args.content !== 'string' || typeof args.file !== 'string') throw new ToolError('content needs file (a path) with it');
    const file = normalizePath(inProject(args.file, cwd));
    const host = new UnsavedHost(file, args.content);
    const { engine } = analyzeProject({ ...common({}, cwd), paths: [file], host });
    try {
      const { findings } = collectFindings(engine, [file], 'info');
      return { findings: findings.map((f) => findingToJson(f, cwd)) };
    } finally {
      engine.dispose();
    }
  }
  const report = await runScan(common(args, cwd));
  return { findings: report.findings.map((f) => findingToJson(f, cwd)), files: report.files };
}

function fixTool(args: Args, cwd: string) {
  const rules = Array.isArray(args.rules) ? args.rules.map(String) : [];
  for (const id of rules) if (!ruleById(id)) throw new ToolError(`unknown rule '${id}'`);
  const options = common(args, cwd);
  const fixed = runFix({ ...options, suggestionsOf: new Set(rules) });
  const outcome = (args.write === true ? writeChanges : planWrites)(fixed.changes, { roots: options.paths, cwd });
  const result = withNotWritten(fixed, outcome.notWritten);
  return {
    written: args.write === true,
    applied: result.applied.map((a) => ({
      ruleId: a.ruleId,
      title: a.title,
      file: relativePath(cwd, a.file),
      line: a.line + 1,
      ...(a.note ? { note: a.note } : {}),
    })),
    notWritten: result.notWritten.map((n) => ({ file: relativePath(cwd, n.file), reason: n.reason })),
    remaining: result.remaining.findings.length,
    diff: formatDiff(result.changes, cwd, result.secrets),
  };
}

function explainTool(args: Args, cwd: string): string {
  if (typeof args.ruleId === 'string') {
    const rule = ruleById(args.ruleId);
    if (!rule) throw new ToolError(`unknown rule '${args.ruleId}'`);
    const doc = ruleDocPath(rule.meta.id);
    return doc ? fs.readFileSync(doc, 'utf8').replace(/^<!--[^\n]*-->\r?\n/, '') : `# ${rule.meta.id}\n\n${rule.meta.description}`;
  }
  if (typeof args.file !== 'string' || typeof args.line !== 'number' || typeof args.column !== 'number') {
    throw new ToolError('explain needs ruleId, or file, line and column (1-based)');
  }
  const file = normalizePath(inProject(args.file, cwd));
  const host = new DiskHost({ stable: true });
  const text = host.readFile(file);
  if (text === undefined) throw new ToolError(`cannot read '${args.file}'`);
  const { engine } = analyzeProject({ ...common({}, cwd), paths: [file], host });
  try {
    const offset = offsetAt(lineStartsOf(text), text.length, { line: args.line - 1, character: args.column - 1 });
    const result = hoverAt(engine, file, offset);
    if (!result) return 'Nothing to say about the code at this position.';
    return renderHover(result, { file: (p, fragment) => `${relativePath(cwd, p)}${fragment ? `#${fragment}` : ''}` });
  } finally {
    engine.dispose();
  }
}
