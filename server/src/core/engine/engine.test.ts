import * as assert from 'node:assert/strict';
import { defaultConfig } from '../config';
import { Engine } from './engine';
import { MemoryHost } from '../model/memoryHost';
import { createRule, Rule } from '../rule';
import { metaRules } from '../rules/families/meta';
import { allRules } from '../rules/registry';
import { createProjectEngine, SCAN_MAX_IMPORTED_FILES } from '../project';

/**
 * The engine's caches: a bounded set of open files stays parsed (the others keep their results
 * and are parsed again when analysed), and the project pass follows changed facts.
 */

const constants = (actions: string) => `export const ACTIONS = [${actions}];\n`;

const stack = (i: number) => `import * as iam from 'aws-cdk-lib/aws-iam';
import { ACTIONS } from './constants';
export const statement${i} = new iam.PolicyStatement({ actions: ACTIONS, resources: ['arn:aws:s3:::bucket-${i}/*'] });
`;

const ids = (engine: Engine, file: string) =>
  engine.findings(file).map((f) => `${f.ruleId}@${f.range.start.line + 1}:${f.range.start.character + 1}`);

function project(count: number): { host: MemoryHost; files: string[] } {
  const host = new MemoryHost({ '/p/lib/constants.ts': constants("'s3:GetObject'") });
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = `/p/lib/stack-${i}.ts`;
    host.write(file, stack(i));
    files.push(file);
  }
  return { host, files };
}

describe('engine: open files kept parsed', () => {
  it('keeps only the most recently used open files parsed', () => {
    const { host, files } = project(5);
    const engine = new Engine({ host, config: defaultConfig(), maxParsedFiles: 2 });
    for (const f of files) {
      engine.pin(f);
      engine.analyzeFile(f);
    }
    assert.deepEqual(engine.parsedFiles(), files.slice(-2));
    engine.pin(files[0]);
    assert.deepEqual(engine.parsedFiles(), [files[4], files[0]]);
    engine.unpin(files[4]);
    assert.deepEqual(engine.parsedFiles(), [files[0]]);
    engine.dispose();
  });

  it('gives an evicted file the same findings, from its cached result and when analysed again', () => {
    const { host, files } = project(4);
    const reference = new Engine({ host, config: defaultConfig() });
    const expected = files.map((f) => {
      reference.analyzeFile(f);
      return ids(reference, f);
    });
    reference.dispose();

    const engine = new Engine({ host, config: defaultConfig(), maxParsedFiles: 1 });
    for (const f of files) {
      engine.pin(f);
      engine.analyzeFile(f);
    }
    assert.deepEqual(engine.parsedFiles(), [files[3]]);
    // Cached: nothing changed, so nothing is parsed again.
    assert.deepEqual(
      files.map((f) => engine.currentFindings(f)?.map((x) => `${x.ruleId}@${x.range.start.line + 1}:${x.range.start.character + 1}`)),
      expected,
    );
    // An evicted file edited and analysed again: parsed again, with the findings of its new text.
    host.write(files[0], stack(0).replace("resources: ['arn:aws:s3:::bucket-0/*']", "resources: ['*']"));
    engine.pin(files[0]);
    engine.analyzeFile(files[0]);
    assert.deepEqual(engine.parsedFiles(), [files[0]]);
    assert.ok(
      ids(engine, files[0]).some((id) => id.startsWith('iam-wildcard-resource@')),
      ids(engine, files[0]).join(', '),
    );
    engine.dispose();
  });

  it('re-analyses evicted files that use a value from a file that changed', () => {
    const { host, files } = project(3);
    const engine = new Engine({ host, config: defaultConfig(), maxParsedFiles: 1 });
    for (const f of files) {
      engine.pin(f);
      engine.analyzeFile(f);
      assert.deepEqual(ids(engine, f), [], f);
    }
    assert.deepEqual(engine.dependentsOf('/p/lib/constants.ts').sort(), files);
    host.write('/p/lib/constants.ts', constants("'s3:*'"));
    for (const f of files) {
      assert.equal(engine.currentFindings(f), undefined, `${f} is stale`);
      engine.pin(f);
      engine.analyzeFile(f);
      assert.deepEqual(ids(engine, f), ['iam-wildcard-action@3:62'], f);
    }
    engine.dispose();
  });

  it('re-analyses dependents of an open file that was evicted and then edited', () => {
    const { host, files } = project(3);
    const engine = new Engine({ host, config: defaultConfig(), maxParsedFiles: 2 });
    // The constants' editor is opened first, so the stacks opened after it push it out.
    engine.pin('/p/lib/constants.ts');
    engine.analyzeFile('/p/lib/constants.ts');
    for (const f of files) {
      engine.pin(f);
      engine.analyzeFile(f);
    }
    assert.ok(!engine.parsedFiles().includes('/p/lib/constants.ts'));
    // Typed in the evicted editor: the server analyses the edited document, then its dependents.
    host.write('/p/lib/constants.ts', constants("'s3:*'"));
    engine.pin('/p/lib/constants.ts');
    engine.analyzeFile('/p/lib/constants.ts');
    assert.deepEqual(engine.dependentsOf('/p/lib/constants.ts').sort(), files);
    for (const f of files) {
      assert.equal(engine.currentFindings(f), undefined, `${f} is stale`);
      engine.pin(f);
      engine.analyzeFile(f);
      assert.deepEqual(ids(engine, f), ['iam-wildcard-action@3:62'], f);
    }
    // And back: the dependents follow the constant again, although most of them are not parsed.
    host.write('/p/lib/constants.ts', constants("'s3:GetObject'"));
    engine.analyzeFile('/p/lib/constants.ts');
    for (const f of files) {
      engine.analyzeFile(f);
      assert.deepEqual(ids(engine, f), [], f);
    }
    engine.dispose();
  });
});

describe('engine: project pass', () => {
  const role = (name: string, fn: string) => `import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Stack } from 'aws-cdk-lib';
export class S extends Stack {
  constructor(shared: iam.Role) {
    super();
    new lambda.Function(this, '${fn}', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('x'), role: shared });
    void '${name}';
  }
}
`;

  it('gives each file the findings of a full pass, whatever order files are analysed and asked in', () => {
    const host = new MemoryHost({
      '/p/lib/app.ts': `import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Stack } from 'aws-cdk-lib';
export class App extends Stack {
  constructor() {
    super();
    const shared = new iam.Role(this, 'Shared', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    new lambda.Function(this, 'A', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('a'), role: shared });
    new lambda.Function(this, 'B', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('b'), role: shared });
  }
}
`,
      '/p/lib/other.ts': role('other', 'C'),
    });
    const files = ['/p/lib/app.ts', '/p/lib/other.ts'];
    const full = new Engine({ host, config: defaultConfig() });
    full.analyzeFiles(files);
    const expected = files.map((f) => ids(full, f));
    assert.equal(expected[0].filter((id) => id.startsWith('iam-shared-role@')).length, 2, expected[0].join(', '));
    full.dispose();

    const engine = new Engine({ host, config: defaultConfig() });
    for (const f of [...files].reverse()) engine.analyzeFile(f);
    assert.deepEqual(
      files.map((f) => ids(engine, f)),
      expected,
    );
    assert.deepEqual([...engine.projectFindings().keys()], ['/p/lib/app.ts']);
  });

  it('reruns a project rule only for files it can report in, and drops reports anywhere else', () => {
    const calls: number[] = [];
    const logs: string[] = [];
    const counting: Rule = createRule({
      meta: { ...allRules[0].meta, id: 'count-facts', messages: { n: '{{n}} facts' } },
      check(ctx) {
        ctx.fact({ reportable: ctx.file.path.endsWith('/report.ts') });
      },
      checkProject(facts, report) {
        calls.push(facts.length);
        for (const f of facts)
          report({
            file: f.file,
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
            messageId: 'n',
            data: { n: facts.length },
          });
      },
      reportsAt: (fact) => (fact as { reportable: boolean }).reportable,
    });
    const host = new MemoryHost({ '/p/report.ts': 'export {};\n', '/p/quiet.ts': 'export {};\n' });
    const engine = new Engine({ host, config: defaultConfig(), rules: [counting], logger: (m) => logs.push(m) });
    engine.analyzeFiles(['/p/report.ts', '/p/quiet.ts']);
    assert.deepEqual(ids(engine, '/p/quiet.ts'), []);
    assert.deepEqual(calls, [], 'a file the rule cannot report in needs no pass');
    assert.deepEqual(
      engine.findings('/p/report.ts').map((f) => f.message),
      ['2 facts'],
    );
    assert.deepEqual(calls, [2]);
    assert.match(logs.join('\n'), /\[count-facts\] .*reported in \/p\/quiet\.ts, which has no fact the rule can report at/);
    host.write('/p/quiet.ts', 'export const x = 1;\n');
    engine.analyzeFile('/p/quiet.ts');
    assert.deepEqual(ids(engine, '/p/quiet.ts'), []);
    assert.deepEqual(calls, [2], 'unchanged facts: no pass');
    engine.dispose();
  });

  it('findings say which message of their rule they carry, from every pass; an id the rule lacks does not compile', () => {
    const logs: string[] = [];
    const rule = createRule({
      meta: { ...allRules[0].meta, id: 'message-ids', messages: { call: '{{name}} called', files: '{{n}} files' } },
      check(ctx) {
        for (const call of ctx.calls('danger')) ctx.report({ at: call, messageId: 'call', data: { name: 'danger' } });
        for (const call of ctx.calls('typo')) {
          // @ts-expect-error: 'cal' is not one of the rule's message ids
          ctx.report({ at: call, messageId: 'cal' });
        }
        ctx.fact(1);
      },
      checkProject(facts, report) {
        report({
          file: facts[0].file,
          range: { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } },
          messageId: 'files',
          data: { n: facts.length },
        });
      },
    });
    const host = new MemoryHost({
      '/p/a.ts': 'danger();\n// slsguard-ignore-next-line no-such-rule -- a reason\nconst x = 1;\n',
      '/p/b.ts': 'typo();\n',
    });
    const engine = new Engine({ host, config: defaultConfig(), rules: [rule, ...metaRules], logger: (m) => logs.push(m) });
    engine.analyzeFiles(['/p/a.ts', '/p/b.ts']);
    assert.deepEqual(
      engine.findings('/p/a.ts').map((f) => [f.ruleId, f.messageId, f.message]),
      [
        ['message-ids', 'call', 'danger called'],
        ['suppression-unused', 'unknownRule', 'There is no rule "no-such-rule": this suppression suppresses nothing.'],
        // b.ts recorded no fact: its rule failed there.
        ['message-ids', 'files', '1 files'],
      ],
    );
    // At run time (a rule built without createRule's types), the rule fails on that file alone.
    assert.deepEqual(engine.findings('/p/b.ts'), []);
    assert.match(
      logs.join('\n'),
      /\[message-ids\] rule failed on \/p\/b\.ts; other rules still ran\. Error: message-ids: unknown messageId cal/,
    );
    engine.dispose();
  });
});

/** What a cold scan must not spend (issue 22): each costs CPU time or memory on every file. */
describe('engine: a cold scan spends no more than its findings need', () => {
  it('reads no clock when a file has no time budget (the command line by default), and reads it with one', () => {
    const { host, files } = project(2);
    let reads = 0;
    const clock = () => {
      reads++;
      return 0;
    };
    const unbudgeted = new Engine({ host, config: defaultConfig(), budgetMs: Number.POSITIVE_INFINITY, clock });
    unbudgeted.analyzeFiles(files);
    assert.equal(reads, 0);
    unbudgeted.dispose();
    const budgeted = new Engine({ host, config: defaultConfig(), budgetMs: 2000, clock });
    budgeted.analyzeFiles(files);
    assert.ok(reads > 0);
    budgeted.dispose();
  });

  it('parses JSDoc in JavaScript files, where it carries types, and not in TypeScript files', () => {
    const code = '/** @type {string} */\nexport const name = process.env.NAME;\n';
    const host = new MemoryHost({ '/p/a.ts': code, '/p/b.js': code });
    const engine = new Engine({ host, config: defaultConfig() });
    const jsDoc = (file: string) => (engine.inspect(file)!.file.sf.statements[0] as { jsDoc?: unknown[] }).jsDoc?.length ?? 0;
    assert.equal(jsDoc('/p/a.ts'), 0);
    assert.equal(jsDoc('/p/b.js'), 1);
    engine.dispose();
  });

  it('keeps at most SCAN_MAX_IMPORTED_FILES imported files parsed on the command line, with the same findings', () => {
    const host = new MemoryHost({});
    const files: string[] = [];
    for (let i = 0; i < SCAN_MAX_IMPORTED_FILES + 20; i++) {
      host.write(`/p/lib/constants-${i}.ts`, constants(i % 2 ? "'s3:*'" : "'s3:GetObject'"));
      host.write(`/p/lib/stack-${i}.ts`, stack(i).replace("'./constants'", `'./constants-${i}'`));
      files.push(`/p/lib/stack-${i}.ts`);
    }
    const editor = new Engine({ host, config: defaultConfig() });
    editor.analyzeFiles(files);
    const cli = createProjectEngine({ cwd: '/p', config: defaultConfig() }, host);
    cli.analyzeFiles(files);
    const constantsParsed = (engine: Engine) => engine.sources.cached().filter((f) => f.includes('/constants-')).length;
    assert.equal(constantsParsed(editor), SCAN_MAX_IMPORTED_FILES + 20);
    assert.equal(constantsParsed(cli), SCAN_MAX_IMPORTED_FILES);
    assert.deepEqual(
      files.map((f) => ids(cli, f)),
      files.map((f) => ids(editor, f)),
    );
    assert.ok(files.some((f) => ids(cli, f).includes('iam-wildcard-action@3:62')));
    editor.dispose();
    cli.dispose();
  });
});

describe('engine: project facts across edits', () => {
  const SECRET_STACK = `import * as cdk from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
export class DbStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    new secretsmanager.Secret(this, 'DbPassword');
  }
}
`;

  it('keeps the project rules’ results while an edit leaves the file’s facts as they were, and works them out again when one changes', () => {
    const host = new MemoryHost({ '/p/lib/db-stack.ts': SECRET_STACK });
    const engine = new Engine({ host, config: defaultConfig() });
    const file = '/p/lib/db-stack.ts';
    engine.analyzeFile(file);
    assert.ok(
      ids(engine, file).some((f) => f.startsWith('secret-no-rotation@6:')),
      ids(engine, file).join('\n'),
    );
    const before = engine.factsVersion;
    // Typing a comment after the class: the new result's facts are new objects, equal to the old.
    host.write(file, `${SECRET_STACK}// rotation is on the backlog\n`);
    engine.analyzeFile(file);
    assert.equal(engine.factsVersion, before);
    // A line above the secret moves it: its fact changes, and so does the project rule's finding.
    host.write(file, `// Database credentials\n${SECRET_STACK}`);
    engine.analyzeFile(file);
    assert.notEqual(engine.factsVersion, before);
    assert.ok(
      ids(engine, file).some((f) => f.startsWith('secret-no-rotation@7:')),
      ids(engine, file).join('\n'),
    );
    engine.dispose();
  });
});
