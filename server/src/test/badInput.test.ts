import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as ts from 'typescript';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { budgetSteps } from '../core/budget';
import { ANALYSIS_SKIPPED, Engine } from '../core/engine/engine';
import { applyEdits } from '../core/fixes/edits';
import { hoverAt } from '../core/hover/hover';
import { MemoryHost } from '../core/model/memoryHost';
import { packageRoot } from '../core/meta';
import type { Finding } from '../core/types';
import {
  assertRangesInside,
  fixtureProjects,
  generatedStack,
  NO_BUDGET,
  onVirtualClock,
  placeOf,
  projectEngine,
  sample,
  tokenEnds,
} from './robustness';

/**
 * Half-typed and pathological input: the engine never throws, never runs past its budget,
 * reports only ranges inside the document, and keeps its findings on the intact part of a file
 * while the rest is being typed.
 */

/**
 * Cut points per file: every token boundary of every fixture (42 files, about 14,000 cuts, some
 * 45 s on a two-core machine). `SLSGUARD_PREFIX_SAMPLE=<n>` cuts at an even sample of n per file
 * instead, for a quick run while working on the engine.
 */
const CUTS_PER_FILE = Number(process.env.SLSGUARD_PREFIX_SAMPLE ?? Number.POSITIVE_INFINITY);

/** The start of the innermost statement (or class member) the cut falls inside; the cut itself between statements. */
function partialStatementStart(sf: ts.SourceFile, cut: number): number {
  let start = cut;
  let node: ts.Node = sf;
  for (;;) {
    let next: ts.Node | undefined;
    ts.forEachChild(node, (child) => {
      if (child.getStart(sf) < cut && cut < child.getEnd()) next = child;
      return next;
    });
    if (!next) return start;
    if ((ts.isStatement(next) && !ts.isBlock(next)) || ts.isClassElement(next)) start = next.getStart(sf);
    node = next;
  }
}

/** Identifiers in a piece of code. */
function identifiersIn(text: string): Set<string> {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const names = new Set<string>();
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.Identifier) names.add(scanner.getTokenValue());
  }
  return names;
}

/** The name of the variable, function or class declaration that holds the offset, if any. */
function declaredAt(sf: ts.SourceFile, offset: number): string | undefined {
  let name: string | undefined;
  const visit = (node: ts.Node): void => {
    if (node.getStart(sf) > offset || node.getEnd() < offset) return;
    if (
      (ts.isVariableDeclaration(node) || ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) &&
      node.name &&
      ts.isIdentifier(node.name)
    )
      name = node.name.text;
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return name;
}

function before(f: Finding, line: number, character: number): boolean {
  return f.range.end.line < line || (f.range.end.line === line && f.range.end.character <= character);
}

describe('half-typed code: fixtures cut at token boundaries', function () {
  this.timeout(600_000);

  for (const project of fixtureProjects()) {
    it(`${path.relative(packageRoot(), project.root)}: no throw, ranges inside, findings on the intact part stable`, () => {
      const { engine, host, failures } = projectEngine(project);
      let cuts = 0;
      for (const [file, full] of project.files) {
        const sf = ts.createSourceFile(file, full, ts.ScriptTarget.Latest, true);
        const analyse = (text: string): Finding[] => {
          host.write(file, text);
          engine.analyzeFile(file, { budgetMs: NO_BUDGET });
          const findings = engine.findings(file);
          assertRangesInside(findings, (f) => host.readFile(f), `${path.basename(file)} cut at ${text.length}`);
          return findings;
        };
        // What the file reports when it stops just before the statement being typed.
        const intact = new Map<number, Finding[]>();
        const declarations = new Map<number, string | undefined>();
        for (const cut of sample(tokenEnds(file, full), CUTS_PER_FILE)) {
          cuts++;
          const found = new Set(analyse(full.slice(0, cut)).map(placeOf));
          const start = partialStatementStart(sf, cut);
          if (!intact.has(start)) intact.set(start, analyse(full.slice(0, start)));
          const { line, character } = sf.getLineAndCharacterOfPosition(start);
          // A finding about a declaration the statement being typed uses may change with it
          // (hardcoded-secret leaves a constant passed to unsafePlainText to secret-plaintext-value).
          const used = identifiersIn(full.slice(start, cut));
          for (const f of intact.get(start)!) {
            // Suppression meta-findings depend on the findings below them, which the cut changes.
            if (f.file !== file || f.ruleId.startsWith('suppression-') || !before(f, line, character)) continue;
            const at = sf.getPositionOfLineAndCharacter(f.range.start.line, f.range.start.character);
            if (!declarations.has(at)) declarations.set(at, declaredAt(sf, at));
            const declared = declarations.get(at);
            if (declared && used.has(declared)) continue;
            assert.ok(
              found.has(placeOf(f)),
              `${path.basename(file)} cut after ${JSON.stringify(full.slice(Math.max(0, cut - 40), cut))}: lost ${f.ruleId} at ${placeOf(f)}`,
            );
          }
        }
        host.write(file, full);
      }
      assert.ok(cuts >= project.files.size, `only ${cuts} cuts in ${project.files.size} files`);
      assert.deepEqual(failures, [], 'no rule may fail on half-typed code');
    });
  }
});

/**
 * One file analysed alone, on the virtual clock (see `onVirtualClock`): the budget stops the
 * same step on every machine. Rule failures are returned, not thrown.
 */
function analyseText(text: string, options: { file?: string; budgetMs?: number | 'default'; msPerRead?: number; hoverAt?: number } = {}) {
  const file = options.file ?? '/project/lib/stack.ts';
  const host = new MemoryHost({ [file]: text });
  const failures: string[] = [];
  const engine = new Engine({ host, logger: (m) => failures.push(m) });
  engine.setFiles([file]);
  // Parse first: the budget governs the analysis.
  engine.pin(file);
  engine.parsedFile(file);
  const budgetMs = options.budgetMs ?? NO_BUDGET;
  const { value: result, elapsedMs } = onVirtualClock(
    () => engine.analyzeFile(file, budgetMs === 'default' ? {} : { budgetMs }),
    options.msPerRead,
  );
  const findings = engine.findings(file);
  assertRangesInside(findings, (f) => host.readFile(f), path.basename(file));
  // A hover there, on the same clock and budget: it may give up on its card, never hang or throw.
  const offset = options.hoverAt;
  const hover =
    offset === undefined ? undefined : onVirtualClock(() => hoverAt(engine, file, offset, budgetMs === 'default' ? undefined : budgetMs));
  engine.dispose();
  return { result, findings, failures, elapsedMs, hover };
}

const skippedNotices = (findings: Finding[]) => findings.filter((f) => f.ruleId === ANALYSIS_SKIPPED);

const IAM = "import * as iam from 'aws-cdk-lib/aws-iam';\n";
const WILDCARD = "new iam.PolicyStatement({ actions: ['s3:*'], resources: ['arn:aws:s3:::b/*'] });\n";

/** Expressions nested `depth` levels deep, each kind exercising another recursive path of the parser, binder or rules. */
const NESTINGS: Record<string, (depth: number) => string> = {
  parentheses: (n) => `export const x = ${'('.repeat(n)}'*'${')'.repeat(n)};\n`,
  arrays: (n) => `export const x = ${'['.repeat(n)}'*'${']'.repeat(n)};\n`,
  objects: (n) => `export const x = ${'{ a: '.repeat(n)}'*'${' }'.repeat(n)};\n`,
  arrows: (n) => `export const x = ${'() => '.repeat(n)}'*';\n`,
  templates: (n) => `export const x = \`${'${`'.repeat(n)}*${'`}'.repeat(n)}\`;\n`,
  calls: (n) => `export const x = ${'f('.repeat(n)}'*'${')'.repeat(n)};\n`,
  'call chains': (n) => `export const x = f${"('*')".repeat(n)};\n`,
  'property chains': (n) => `export const x = a${'.b'.repeat(n)};\n`,
  'unary operators': (n) => `export const x = ${'!'.repeat(n)}a;\n`,
  'string concatenation': (n) => `export const x = '${"a' + '".repeat(n)}';\n`,
  conditionals: (n) => `export const x = ${'a ? b : '.repeat(n)}'*';\n`,
  'nested blocks': (n) =>
    `export const handler = async (event: any) => {${' if (event.a) {'.repeat(n)} eval(event.body);${' }'.repeat(n)} };\n`,
  'else-if chains': (n) =>
    `export function handler(event: any) {${Array.from({ length: n }, (_, i) => ` if (event.a${i}) { console.log(event.body); } else`).join('')} { eval(event.body); } }\n`,
  'self-doubling spreads': (n) =>
    `const a0 = ['*'];\n${Array.from({ length: Math.min(n, 64) }, (_, i) => `const a${i + 1} = [...a${i}, ...a${i}];`).join('\n')}\nexport const x = a${Math.min(n, 64)};\n`,
};

describe('pathological files', function () {
  this.timeout(300_000);

  /** Clock reads past the deadline: the one that finds it passed, and the engine's own. */
  const PAST_DEADLINE = 3;

  it('a 5 MB generated stack hits the default time budget (2 s): one info notice, no frozen editor', () => {
    const text = generatedStack(5 * 1024 * 1024);
    assert.ok(text.length >= 5 * 1024 * 1024);
    const budgetMs = 2000;
    // 20 virtual ms per clock read: the default budget is 100 reads, some 100,000 steps of work.
    const msPerRead = 20;
    const { result, findings, failures, elapsedMs } = analyseText(text, { budgetMs: 'default', msPerRead });
    assert.equal(result.skipped, 'budget');
    const notices = skippedNotices(findings);
    assert.equal(notices.length, 1);
    assert.equal(notices[0].severity, 'info');
    assert.deepEqual(notices[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.match(notices[0].message, /stopped analysing this file after 2000 ms .*slsguard\.budgetMs/);
    // Stopped inside a rule, within 1,024 steps of work of the deadline: not after the rule.
    assert.ok(
      elapsedMs <= budgetMs + PAST_DEADLINE * msPerRead,
      `analysis ran ${(elapsedMs - budgetMs) / msPerRead} clock reads past its budget`,
    );
    assert.deepEqual(failures, []);
  });

  describe('2,000-deep nesting: no throw; analysed, or skipped with one notice', () => {
    for (const [kind, make] of Object.entries(NESTINGS)) {
      it(kind, () => {
        const text = `${IAM}${WILDCARD}${make(2000)}`;
        const budgetMs = 1000;
        const { findings, failures, elapsedMs } = analyseText(text, { budgetMs });
        const notices = skippedNotices(findings);
        assert.ok(notices.length <= 1, JSON.stringify(notices));
        // Either the file was analysed (the wildcard on line 2 is found), or it says why not.
        assert.ok(
          notices.length === 1 || findings.some((f) => f.ruleId === 'iam-wildcard-action' && f.range.start.line === 1),
          JSON.stringify(findings.map((f) => f.ruleId)),
        );
        assert.ok(elapsedMs <= budgetMs + PAST_DEADLINE, `analysis ran ${elapsedMs - budgetMs} clock reads past its budget`);
        assert.deepEqual(failures, [], 'no rule may fail');
      });
    }
  });

  it('a hover over a value that doubles itself line after line gives up its card at the budget', () => {
    const doublings = Array.from({ length: 30 }, (_, i) => `const a${i + 1} = [...a${i}, ...a${i}];`).join('\n');
    const text = `${IAM}const a0 = ['s3:GetObject'];\n${doublings}\nnew iam.PolicyStatement({ actions: a30, resources: ['arn:aws:s3:::b/*'] });\n`;
    const budgetMs = 500;
    const stepsBefore = budgetSteps();
    const { hover, failures } = analyseText(text, { budgetMs, hoverAt: text.indexOf('PolicyStatement') });
    assert.ok(
      hover && hover.elapsedMs <= budgetMs + PAST_DEADLINE,
      `the hover ran ${hover && hover.elapsedMs - budgetMs} clock reads past its budget`,
    );
    // Counted in steps, too: without a deadline the clock is never read, and work is what it costs.
    const steps = budgetSteps() - stepsBefore;
    assert.ok(steps <= 2 * (budgetMs + PAST_DEADLINE) * 1024, `analysis and hover took ${steps} steps`);
    assert.deepEqual(failures, []);
  });

  it('a single 50,000-element array literal', () => {
    const actions = Array.from({ length: 50_000 }, (_, i) => (i === 49_999 ? "'s3:*'" : `'s3:GetObjectVersion${i}'`));
    const text = `${IAM}export const actions = [${actions.join(', ')}];\nnew iam.PolicyStatement({ actions, resources: ['arn:aws:s3:::b/*'] });\n`;
    const { findings, failures } = analyseText(text);
    assert.deepEqual(skippedNotices(findings), []);
    const wildcard = findings.find((f) => f.ruleId === 'iam-wildcard-action');
    assert.ok(wildcard, 'the one wildcard among 50,000 actions is found');
    assert.equal(text.split('\n')[wildcard.range.start.line].slice(wildcard.range.start.character, wildcard.range.end.character), "'s3:*'");
    assert.deepEqual(failures, []);
  });

  it('minified bundles: one line of an app, and of a 190 kB library', async () => {
    const esbuild = await import('esbuild');
    const bundle = (entry: string, external: string[] = []) =>
      esbuild.buildSync({ entryPoints: [entry], bundle: true, minify: true, write: false, platform: 'node', external }).outputFiles[0].text;
    const app = bundle(path.join(packageRoot(), 'examples/cdk-app/bin/app.ts'), [
      'aws-cdk-lib',
      'aws-cdk-lib/*',
      'constructs',
      '@aws-sdk/*',
    ]);
    const library = bundle(require.resolve('vscode-languageserver/node'));
    for (const [name, text] of [
      ['app.min.js', app],
      ['library.min.js', library],
    ]) {
      const { findings, failures } = analyseText(text, { file: `/project/dist-min/${name}`, budgetMs: 2000 });
      assert.ok(skippedNotices(findings).length <= 1);
      assert.deepEqual(failures, [], name);
    }
  });

  it('binary bytes with a .ts name, text that is not UTF-8, a byte order mark, an empty file', () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)).toString('latin1');
    const cases: Record<string, string> = {
      'binary.ts': bytes,
      'binary-no-nul.ts': bytes.replace(/\0/g, '\u0001'),
      'latin1.ts': `// Caf\uFFFD: decoded from Latin-1 bytes\n${IAM}${WILDCARD}`,
      'bom.ts': `\uFEFF${IAM}${WILDCARD}`,
      'empty.ts': '',
      'whitespace.ts': ' \n\t\r\n',
      'comment.ts': '/* never closed',
      'lone-surrogates.ts': `${IAM}const s = '\uD800\uDC00\uDFFF\uD800';\n${WILDCARD}`,
    };
    for (const [name, text] of Object.entries(cases)) {
      const { findings, failures } = analyseText(text, { file: `/project/lib/${name}` });
      assert.deepEqual(failures, [], name);
      const wildcard = findings.find((f) => f.ruleId === 'iam-wildcard-action');
      if (text.includes(WILDCARD)) {
        assert.ok(wildcard, `${name}: the wildcard is found`);
        const doc = TextDocument.create('file:///x.ts', 'typescript', 1, text);
        assert.equal(doc.getText(wildcard.range), "'s3:*'", name);
      } else {
        assert.deepEqual(findings, [], name);
      }
    }
  });

  it('CRLF, CR and U+2028 line ends: ranges as the editor counts lines, fixes keep the line ends', () => {
    const stack = [
      "import * as cdk from 'aws-cdk-lib';",
      "import * as s3 from 'aws-cdk-lib/aws-s3';",
      "import * as iam from 'aws-cdk-lib/aws-iam';",
      '// A comment with a line\u2028separator and a paragraph\u2029separator.',
      'export class Stack extends cdk.Stack {',
      '  constructor() {',
      '    super();',
      "    const bucket = new s3.Bucket(this, 'Data', { publicReadAccess: true });",
      "    bucket.addToResourcePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: [bucket.arnForObjects('*')], principals: [new iam.AnyPrincipal()] }));",
      '  }',
      '}',
      '',
    ];
    const reference = analyseText(stack.join('\n')).findings;
    assert.ok(reference.length >= 3, JSON.stringify(reference.map((f) => f.ruleId)));
    // The separators in the comment end no line for the editor: the wildcard is where it shows.
    const wildcardAt = (findings: Finding[], text: string) => {
      const f = findings.find((x) => x.ruleId === 'iam-wildcard-action');
      assert.ok(f, 'the wildcard is found');
      return TextDocument.create('file:///x.ts', 'typescript', 1, text).getText(f.range);
    };
    assert.equal(wildcardAt(reference, stack.join('\n')), "'s3:*'");
    for (const [name, eol] of [
      ['CRLF', '\r\n'],
      ['CR', '\r'],
    ]) {
      const text = stack.join(eol);
      const { findings } = analyseText(text);
      const doc = TextDocument.create('file:///x.ts', 'typescript', 1, text);
      const lfDoc = TextDocument.create('file:///x.ts', 'typescript', 1, stack.join('\n'));
      assert.deepEqual(
        findings.map((f) => f.ruleId),
        reference.map((f) => f.ruleId),
        name,
      );
      assert.equal(wildcardAt(findings, text), "'s3:*'", name);
      findings.forEach((f, i) => {
        assert.deepEqual(f.range, reference[i].range, `${name}: ${f.ruleId} range`);
        assert.equal(doc.getText(f.range), lfDoc.getText(reference[i].range), `${name}: ${f.ruleId} text`);
        for (const fix of f.fixes) {
          const fixed = applyEdits(text, fix.edits);
          const lineEnds = fixed.match(/\r\n|\r|\n/g) ?? [];
          assert.ok(
            lineEnds.every((e) => e === eol),
            `${name}: '${fix.title}' writes other line ends: ${JSON.stringify([...new Set(lineEnds)])}`,
          );
        }
      });
    }
  });
});
