import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as nodeModule from 'node:module';
import * as path from 'node:path';
import * as ts from 'typescript';
import { Engine } from '../core/engine/engine';
import { lineStartsOf } from '../core/model/lines';
import { MemoryHost } from '../core/model/memoryHost';
import { packageRoot } from '../core/meta';
import type { Rule } from '../core/rule';
import type { Finding, Range } from '../core/types';

/**
 * Shared by the robustness tests (bad input, fuzzing, resilience): the fixture projects they
 * feed the engine, token boundaries, and the checks every analysis must pass whatever the text.
 */

/** The example apps and a representative set of fixture projects (CDK stacks, handlers, fixes). */
export const FIXTURE_PROJECTS = [
  'examples/cdk-app',
  'examples/hover-tour',
  'server/src/core/checklist/fixtures/all-passed',
  'server/src/core/checklist/fixtures/some-failed',
  'server/src/core/checklist/fixtures/not-applicable',
  'server/src/test/fixtures/fixes',
];

export interface FixtureProject {
  /** Absolute root, as the engine sees it. */
  root: string;
  /** Absolute path → text, every source file of the project. */
  files: Map<string, string>;
}

export function fixtureProjects(): FixtureProject[] {
  return FIXTURE_PROJECTS.map((rel) => {
    const root = path.join(packageRoot(), rel);
    const files = new Map<string, string>();
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.(ts|js)$/.test(entry.name)) files.set(full, fs.readFileSync(full, 'utf8'));
      }
    };
    walk(root);
    return { root, files };
  });
}

/** An engine over a project held in memory; rule failures are collected, not thrown. */
export function projectEngine(project: FixtureProject, rules?: Rule[]): { engine: Engine; host: MemoryHost; failures: string[] } {
  const host = new MemoryHost();
  for (const [file, text] of project.files) host.write(file, text);
  const failures: string[] = [];
  const engine = new Engine({ host, rules, logger: (m) => failures.push(m) });
  engine.setFiles([...project.files.keys()]);
  return { engine, host, failures };
}

/** Offsets where each token of the text ends: the places a person typing could have stopped. */
export function tokenEnds(fileName: string, text: string): number[] {
  const scanner = ts.createScanner(
    ts.ScriptTarget.Latest,
    false,
    /\.[jt]sx$/.test(fileName) ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard,
    text,
  );
  const ends: number[] = [];
  while (scanner.scan() !== ts.SyntaxKind.EndOfFileToken) ends.push(scanner.getTokenEnd());
  return ends;
}

/** A deterministic pseudo-random generator (mulberry32): the same seed gives the same run. */
export function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every `count`-th element, at most `max` of them, spread over the whole list. */
export function sample<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)]);
}

/** The range lies inside `text`, lines counted as editors count them. */
export function rangeInside(range: Range, text: string): boolean {
  const starts = lineStartsOf(text);
  const lineLength = (line: number) => {
    const next = line + 1 < starts.length ? starts[line + 1] : text.length;
    return text.slice(starts[line], next).replace(/\r?\n$|\r$/, '').length;
  };
  const ok = (p: Range['start']) => p.line >= 0 && p.line < starts.length && p.character >= 0 && p.character <= lineLength(p.line);
  const before = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  return ok(range.start) && ok(range.end) && before;
}

/**
 * Every range a finding carries (its own, related locations, fix edits) lies inside the text of
 * its file; `textOf` answers for every file of the project.
 */
export function assertRangesInside(findings: Finding[], textOf: (file: string) => string | undefined, context: string): void {
  const check = (file: string, range: Range, what: string) => {
    const text = textOf(file);
    assert.ok(text !== undefined, `${context}: ${what} points into ${file}, which does not exist`);
    assert.ok(rangeInside(range, text), `${context}: ${what} ${JSON.stringify(range)} is outside ${file}`);
  };
  for (const f of findings) {
    check(f.file, f.range, `${f.ruleId} finding`);
    for (const r of f.related) check(r.file, r.range, `${f.ruleId} related location`);
    for (const fix of f.fixes) for (const e of fix.edits) check(e.file, e.range, `${f.ruleId} fix '${fix.title}'`);
  }
}

/** How many syntax errors TypeScript reports for the text: a fix must not add any. */
export function parseErrors(fileName: string, text: string): number {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  // The parser's own list (what `program.getSyntacticDiagnostics` returns for the file).
  const diagnostics = (sf as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics;
  assert.ok(Array.isArray(diagnostics), 'TypeScript no longer exposes parseDiagnostics');
  return diagnostics.length;
}

/** `findingKey` without the rule: the place is what must stay flagged. */
export function placeOf(f: Finding): string {
  const r = f.range;
  return `${f.file}:${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/**
 * Runs `fn` with a virtual `Date.now()` that moves `msPerRead` each time it is read. The time
 * budget reads the clock once per 1,024 steps of rule work, so on this clock a budget is an
 * amount of work: it stops the same step on every machine, busy or not, and how far an analysis
 * ran past its deadline is counted in clock reads, not in wall time a loaded machine stretches.
 */
export function onVirtualClock<T>(fn: () => T, msPerRead = 1): { value: T; elapsedMs: number } {
  const real = Date.now;
  const start = real();
  let now = start;
  Date.now = () => (now += msPerRead);
  try {
    const value = fn();
    return { value, elapsedMs: now - start };
  } finally {
    Date.now = real;
  }
}

/** A generous budget for tests that check findings, not time: a busy CI machine must not cut them short. */
export const NO_BUDGET = 600_000;

/**
 * `it` for tests of the code cache files the launchers write (`…/slsguard/*.v8cache`): Node 22
 * keeps its own compile cache (module.enableCompileCache), so there they are skipped.
 */
export const itOwnCache = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function' ? it.skip : it;

/**
 * JavaScript for a probe `--require`d into a launched process: one round of garbage that lives
 * long enough to be promoted, so that rounds of it bring full collections, which age out the
 * bytecode of code that has not run since (the code cache tests).
 */
export const GARBAGE_ROUND = `{
    const garbage = [];
    for (let j = 0; j < 200000; j++) garbage.push({ j, text: 'x' + j });
  }`;

/** The bundled CLI (`server/out/cli.js`), as CI runs it, in a child process. */
export const CLI = path.join(packageRoot(), 'server', 'out', 'cli.js');

export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A CDK stack of about `bytes` bytes, as a code generator writes one. */
export function generatedStack(bytes: number): string {
  const lines = [
    "import * as cdk from 'aws-cdk-lib';",
    "import { Construct } from 'constructs';",
    "import * as iam from 'aws-cdk-lib/aws-iam';",
    "import * as s3 from 'aws-cdk-lib/aws-s3';",
    "import * as lambda from 'aws-cdk-lib/aws-lambda';",
    "import * as sqs from 'aws-cdk-lib/aws-sqs';",
    '',
    'export class GeneratedStack extends cdk.Stack {',
    '  constructor(scope: Construct, id: string) {',
    '    super(scope, id);',
  ];
  let size = lines.join('\n').length;
  for (let k = 1; size < bytes; k++) {
    const chunk = [
      `    const bucket${k} = new s3.Bucket(this, 'Bucket${k}', { versioned: true, enforceSSL: ${k % 3 === 0} });`,
      `    const queue${k} = new sqs.Queue(this, 'Queue${k}', { visibilityTimeout: cdk.Duration.seconds(${(k % 60) + 1}) });`,
      `    const fn${k} = new lambda.Function(this, 'Fn${k}', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('lambda/fn${k}'), environment: { BUCKET: bucket${k}.bucketName, QUEUE: queue${k}.queueUrl } });`,
      `    fn${k}.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:${k % 7 === 0 ? '*' : 'GetObject'}'], resources: [bucket${k}.arnForObjects('*')] }));`,
      `    queue${k}.grantSendMessages(fn${k});`,
    ].join('\n');
    lines.push(chunk);
    size += chunk.length + 1;
  }
  lines.push('  }', '}', '');
  return lines.join('\n');
}
