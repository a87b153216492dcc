import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { ANALYSIS_SKIPPED } from '../core/engine/engine';
import { allRules } from '../core/rules/registry';
import { createRule, Rule } from '../core/rule';
import type { Finding } from '../core/types';
import { makeProject, TestClient } from './lspClient';
import { fixtureProjects, generatedStack, NO_BUDGET, projectEngine } from './robustness';

/**
 * The language server stays responsive: a file over its time budget is set aside with one
 * notice, waiting work is cancelled when the client cancels it or the document moves on, and a
 * rule that fails costs only its own findings.
 */

const SERVER_CANCELLED = -32802;
const REQUEST_CANCELLED = -32800;

/** A generated stack whose analysis takes well over a second, and over a 100 ms budget on any machine. */
const BIG = generatedStack(600 * 1024);
/** Its wildcard actions: every seventh function's policy. */
const BIG_WILDCARDS = BIG.split('\n').filter((l) => l.includes("actions: ['s3:*']")).length;

const SMALL = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';

export class JobsStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const role = new iam.Role(this, 'Worker', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:*'], resources: ['arn:aws:sqs:eu-west-1:123456789012:jobs'] }));
  }
}
`;

/** The line (0-based) of SMALL's wildcard after `blank` blank lines were added at the top. */
const smallWithBlankLines = (blank: number) => `${'\n'.repeat(blank)}${SMALL}`;
const WILDCARD_LINE = SMALL.split('\n').findIndex((l) => l.includes("'sqs:*'"));

const codeOf = (e: unknown) => (e as { code?: number }).code;

describe('language server under load', function () {
  this.timeout(60_000);
  let root: string;
  let client: TestClient;

  beforeEach(async () => {
    root = makeProject({ 'lib/generated-stack.ts': BIG, 'lib/jobs-stack.ts': SMALL, 'cdk.json': '{ "app": "npx ts-node bin/app.ts" }' });
  });

  afterEach(async () => {
    await client?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('a file over the time budget gets one information diagnostic; raising the budget analyses it whole', async () => {
    ({ client } = await TestClient.start(root, { settings: { budgetMs: 100 } }));
    await client.open('lib/generated-stack.ts');
    const items = await client.items('lib/generated-stack.ts');
    const notices = items.filter((d) => d.code === ANALYSIS_SKIPPED);
    assert.equal(notices.length, 1, JSON.stringify(notices));
    assert.equal(notices[0].severity, 3, 'information');
    assert.match(String(notices[0].message), /stopped analysing this file after 100 ms .*slsguard\.budgetMs.*some findings may be missing/);
    assert.ok(items.filter((d) => d.code === 'iam-wildcard-action').length < BIG_WILDCARDS);

    const refreshes = client.refreshCount;
    await client.setSettings({ budgetMs: NO_BUDGET });
    const whole = await client.items('lib/generated-stack.ts');
    assert.deepEqual(
      whole.filter((d) => d.code === ANALYSIS_SKIPPED),
      [],
    );
    assert.equal(whole.filter((d) => d.code === 'iam-wildcard-action').length, BIG_WILDCARDS);
    assert.ok(client.refreshCount >= refreshes);
  });

  describe('cancellation', () => {
    beforeEach(async () => {
      ({ client } = await TestClient.start(root, { settings: { budgetMs: NO_BUDGET } }));
      await client.open('lib/generated-stack.ts');
      await client.open('lib/jobs-stack.ts');
    });

    /** Keeps the server busy on the generated stack: it is edited, then analysed (over a second). */
    async function busy(): Promise<{ done: Promise<Diagnostic[]> }> {
      await client.change('lib/generated-stack.ts', `${BIG}// edited\n`);
      return { done: client.items('lib/generated-stack.ts') };
    }

    it('$/cancelRequest cancels a pull waiting behind other work', async () => {
      const slow = await busy();
      const source = new CancellationTokenSource();
      const pull = client.connection.sendRequest(
        'textDocument/diagnostic',
        { textDocument: { uri: client.uri('lib/jobs-stack.ts') } },
        source.token,
      );
      source.cancel();
      const error = await pull.then(
        (report) => assert.fail(`answered a cancelled request: ${JSON.stringify(report).slice(0, 200)}`),
        (e: unknown) => e,
      );
      assert.ok([REQUEST_CANCELLED, SERVER_CANCELLED].includes(codeOf(error)!), JSON.stringify(error));
      await slow.done;
      // The server answers the next request as usual.
      assert.ok((await client.items('lib/jobs-stack.ts')).some((d) => d.code === 'iam-wildcard-action'));
    });

    it('a newer version of a document cancels the pull for the older one', async () => {
      const slow = await busy();
      // Typed while the server is busy: two edits, each followed by the editor's pull.
      await client.change('lib/jobs-stack.ts', smallWithBlankLines(1));
      const older = client.diagnostics('lib/jobs-stack.ts').then(() => undefined, codeOf);
      await client.change('lib/jobs-stack.ts', smallWithBlankLines(2));
      const newer = client.items('lib/jobs-stack.ts');
      await slow.done;
      assert.equal(await older, SERVER_CANCELLED, 'the pull for the older version is cancelled, not answered');
      const wildcard = (await newer).find((d) => d.code === 'iam-wildcard-action');
      assert.equal(wildcard?.range.start.line, WILDCARD_LINE + 2, 'the answer is for the newest version');
    });

    it('Scan Workspace stops when cancelled, and the server keeps serving', async () => {
      for (let i = 0; i < 400; i++)
        fs.writeFileSync(path.join(root, 'lib', `service-${i}-stack.ts`), SMALL.replace('JobsStack', `Service${i}Stack`));
      const source = new CancellationTokenSource();
      const progress: number[] = [];
      client.connection.onNotification('slsguard/scanProgress', (p: { done: number }) => {
        progress.push(p.done);
        source.cancel();
      });
      const summary = (await client.connection
        .sendRequest('slsguard/scanWorkspace', { token: 'cancel-me' }, source.token)
        .catch((e: unknown) => e)) as {
        cancelled?: boolean;
        files?: number;
      };
      const total = 402;
      // Either the request is answered as cancelled, or refused; never a full scan.
      if (codeOf(summary) === undefined) {
        assert.equal(summary.cancelled, true, JSON.stringify(summary));
        assert.ok((summary.files ?? 0) < total);
      } else {
        assert.ok([REQUEST_CANCELLED, SERVER_CANCELLED].includes(codeOf(summary)!));
      }
      assert.ok(progress.filter((done) => done > 0 && done < total).length < 16, `progress went on: ${progress.join(', ')}`);
      assert.ok((await client.items('lib/jobs-stack.ts')).some((d) => d.code === 'iam-wildcard-action'));
    });
  });
});

describe('a rule that throws', () => {
  /** Fails on every file it sees, in its file pass or in its project pass. */
  function failing(id: string, how: 'check' | 'project', error: () => unknown): Rule {
    return createRule({
      meta: { ...allRules[0].meta, id, title: id, messages: { m: 'never' } },
      check(ctx) {
        if (how === 'check') throw error();
        ctx.fact({});
      },
      ...(how === 'project'
        ? {
            checkProject() {
              throw error();
            },
          }
        : {}),
    });
  }

  const project = fixtureProjects()[0];
  const analyseAll = (rules: Rule[]) => {
    const { engine, failures } = projectEngine(project, rules);
    engine.analyzeFiles([...project.files.keys()], { budgetMs: NO_BUDGET });
    const findings = new Map<string, Finding[]>([...project.files.keys()].map((f) => [f, engine.findings(f)]));
    engine.dispose();
    return { findings, failures };
  };
  const reference = analyseAll(allRules);

  const cases: Array<[string, Rule]> = [
    [
      'an Error in its check',
      failing('throws-error', 'check', () => new TypeError("Cannot read properties of undefined (reading 'kind')")),
    ],
    ['a stack overflow in its check', failing('overflows', 'check', () => new RangeError('Maximum call stack size exceeded'))],
    ['a thrown string', failing('throws-string', 'check', () => 'not an Error')],
    ['an Error in its project pass', failing('throws-in-project', 'project', () => new Error('project pass failed'))],
  ];
  for (const [name, rule] of cases) {
    it(`${name}: the other rules report as before; the failure is logged once, with the rule id`, () => {
      // Placed first, so every other rule runs after it on every file.
      const { findings, failures } = analyseAll([rule, ...allRules]);
      assert.deepEqual(findings, reference.findings);
      assert.ok(project.files.size > 5);
      assert.equal(failures.length, 1, failures.join('\n'));
      assert.match(failures[0], new RegExp(`^\\[${rule.meta.id}\\] rule failed`));
    });
  }
});
