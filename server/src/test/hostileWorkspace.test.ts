import * as assert from 'node:assert/strict';
import { budgetSteps } from '../core/budget';
import { ANALYSIS_SKIPPED, Engine } from '../core/engine';
import { hoverAt } from '../core/hover/hover';
import { MemoryHost } from '../core/model/memoryHost';
import { onVirtualClock } from './robustness';

/**
 * A workspace written to hurt the tool (issue 20): values that grow without end, config files
 * and checklist files that are not what they claim to be. Nothing hangs, nothing grows memory,
 * nothing is read or written outside the workspace, and the findings never go silently empty.
 */

describe('hostile workspaces: a value that doubles 40 times', function () {
  this.timeout(120_000);

  it('analysis and a hover with a budget ten times the default finish in bounded work, with their findings and card', () => {
    const doublings = Array.from({ length: 40 }, (_, i) => `const s${i + 1} = s${i} + s${i};`).join('\n');
    const text = [
      "import * as cdk from 'aws-cdk-lib';",
      "import * as iam from 'aws-cdk-lib/aws-iam';",
      "import * as s3 from 'aws-cdk-lib/aws-s3';",
      "const s0 = 'x';",
      doublings,
      'export class S extends cdk.Stack {',
      '  constructor(scope: cdk.App) {',
      "    super(scope, 'S');",
      "    new s3.Bucket(this, 'B', { bucketName: s40 });",
      "    new iam.PolicyStatement({ actions: ['s3:*', s40], resources: [s40] });",
      '  }',
      '}',
      '',
    ].join('\n');
    const file = '/project/lib/stack.ts';
    const host = new MemoryHost({ [file]: text });
    const failures: string[] = [];
    const engine = new Engine({ host, logger: (m) => failures.push(m) });
    engine.setFiles([file]);
    engine.pin(file);
    engine.parsedFile(file);
    // A budget of 20,000 virtual ms is 20 million steps of work (the default is 2,000): the
    // resolver must bound its own work, whatever the budget allows.
    const budgetMs = 20_000;
    const stepsBefore = budgetSteps();
    const { value: result } = onVirtualClock(() => engine.analyzeFile(file, { budgetMs }));
    const { value: hover } = onVirtualClock(() => hoverAt(engine, file, text.indexOf('Bucket('), budgetMs));
    const steps = budgetSteps() - stepsBefore;
    const findings = engine.findings(file);
    engine.dispose();
    assert.equal(result.skipped, undefined, 'the file is analysed whole');
    assert.deepEqual(findings.filter((f) => f.ruleId === ANALYSIS_SKIPPED), []);
    assert.ok(findings.some((f) => f.ruleId === 'iam-wildcard-action'), JSON.stringify(findings.map((f) => f.ruleId)));
    assert.ok(hover && hover.cards.length === 1, 'the hover has its card');
    assert.ok(steps <= 200_000, `analysis and hover took ${steps} steps`);
    assert.deepEqual(failures, []);
  });
});
