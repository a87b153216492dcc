import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { defaultConfig } from '../core/config';
import { insertAt, replaceNode } from '../core/fixes/edits';
import { createRule, Rule } from '../core/rule';
import { makeProject } from '../test/lspClient';
import { formatDiff, MAX_PASSES, runFix } from './fix';

function probe(check: Rule['check']): Rule {
  return createRule({
    meta: {
      id: 'probe-fix',
      title: 'probe',
      description: 'probe',
      defaultSeverity: 'warning',
      category: 'data',
      cwe: [],
      guideSection: 'checklist.md',
      fixable: true,
      appliesTo: 'any',
      messages: { m: 'danger' },
    },
    check,
  });
}

/** Each `danger(n)` becomes `safe(n)` and declares `guard<n>` at the top: fixes that collide at offset 0. */
const colliding = probe((ctx) => {
  for (const call of ctx.calls('danger')) {
    const n = ctx.file.nodeText(call.arguments[0]);
    ctx.report({
      at: call,
      messageId: 'm',
      fixes: [{ title: `guard ${n}`, isPreferred: true, edits: [insertAt(ctx.file, 0, `const guard${n} = ${n};\n`), replaceNode(ctx.file, call.expression, 'safe')] }],
    });
  }
});

/** A fix that never makes its finding go away. */
const endless = probe((ctx) => {
  for (const call of ctx.calls('danger')) {
    ctx.report({ at: call, messageId: 'm', fixes: [{ title: 'again', isPreferred: true, edits: [insertAt(ctx.file, 0, '// again\n')] }] });
  }
});

describe('runFix', () => {
  let root: string;
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const run = (rule: Rule) => runFix({ paths: [root], cwd: root, config: defaultConfig(), rules: [rule], minSeverity: 'info', suggestionsOf: new Set() });

  it('applies fixes that collide over several passes, re-analysing in between', () => {
    root = makeProject({ 'a.ts': 'danger(1);\ndanger(2);\ndanger(3);\n' });
    const result = run(colliding);
    assert.equal(result.passes, 3);
    assert.deepEqual(result.applied.map((a) => a.title), ['guard 1', 'guard 2', 'guard 3']);
    assert.equal(result.changes.length, 1);
    assert.equal(result.changes[0].after, 'const guard3 = 3;\nconst guard2 = 2;\nconst guard1 = 1;\nsafe(1);\nsafe(2);\nsafe(3);\n');
    assert.equal(result.remaining.findings.length, 0);
    assert.equal(fs.readFileSync(`${root}/a.ts`, 'utf8'), 'danger(1);\ndanger(2);\ndanger(3);\n', 'runFix itself writes nothing');
    assert.match(formatDiff(result.changes, root), /^--- a\/a\.ts\n\+\+\+ b\/a\.ts\n@@ -1,3 \+1,6 @@\n-danger\(1\);\n/);
  });

  it('stops after the maximum number of passes when a fix keeps its finding', () => {
    root = makeProject({ 'a.ts': 'danger(1);\n' });
    const result = run(endless);
    assert.equal(result.passes, MAX_PASSES);
    assert.equal(result.remaining.findings.length, 1);
    assert.equal(result.changes[0].after, `${'// again\n'.repeat(MAX_PASSES)}danger(1);\n`);
  });
});
