import * as assert from 'node:assert/strict';
import { analyze, MAIN, ROOT } from '../../test/ruleTester';
import { applyEdits } from '../fixes/edits';
import { mergeFixes } from '../fixes/merge';
import { createRule, Rule } from '../rule';
import { metaRules } from '../rules/families/meta';
import type { EngineConfig } from '../config';
import type { Finding } from '../types';
import { parseDirectives } from './directives';
import { ignoreFileEdit, ignoreLineEdit } from './ignoreEdits';

/** Probe rules: every `danger()` call and every `other()` call is a finding. */
function probe(id: string, callee: string): Rule {
  return createRule({
    meta: {
      id,
      title: id,
      description: id,
      defaultSeverity: 'error',
      category: 'iam',
      cwe: [],
      guideSection: 'checklist.md',
      fixable: false,
      appliesTo: 'any',
      messages: { m: `${callee} called` },
    },
    check(ctx) {
      for (const call of ctx.calls(callee)) ctx.report({ at: call, messageId: 'm' });
    },
  });
}

const RULES = [probe('probe-danger', 'danger'), probe('probe-other', 'other'), ...metaRules];
const FILE = `${ROOT}/${MAIN}`;

function run(code: string, config?: Partial<EngineConfig>): { active: Finding[]; all: Finding[] } {
  const { engine } = analyze(RULES, { code, config });
  return { active: engine.findings(FILE), all: engine.findings(FILE, { includeSuppressed: true }) };
}

/** `rule-id@line:col-endLine:endCol` (1-based) of the active findings. */
function summary(findings: Finding[]): string[] {
  return findings.map(
    (f) => `${f.ruleId}@${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1}`,
  );
}

describe('suppression comments', () => {
  it('next-line suppresses the rule on the next line only, and keeps the finding as suppressed', () => {
    const code = ['danger();', '// slsguard-ignore-next-line probe-danger -- reviewed in SEC-12', 'danger(); other();', 'danger();'].join(
      '\n',
    );
    const { active, all } = run(code);
    assert.deepEqual(summary(active), ['probe-danger@1:1-1:9', 'probe-other@3:11-3:18', 'probe-danger@4:1-4:9']);
    const suppressed = all.filter((f) => f.suppressed);
    assert.equal(suppressed.length, 1);
    assert.equal(suppressed[0].range.start.line, 2);
    assert.deepEqual(suppressed[0].suppressed, {
      kind: 'next-line',
      reason: 'reviewed in SEC-12',
      location: { file: FILE, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 63 } } },
    });
  });

  it('takes several rule ids, keeps the indentation, and stacks with directives below it', () => {
    const code = [
      'function f() {',
      '  // slsguard-ignore-next-line probe-danger, probe-other -- both accepted',
      '  danger(); other();',
      '  // slsguard-ignore-next-line probe-danger -- first',
      '  // slsguard-ignore-next-line probe-other -- second',
      '  danger(); other();',
      '}',
    ].join('\n');
    const { active, all } = run(code);
    assert.deepEqual(summary(active), []);
    assert.equal(all.filter((f) => f.suppressed).length, 4);
  });

  it('ignore-file covers the whole file, wherever the comment is', () => {
    const code = ['danger();', 'other();', '// slsguard-ignore-file probe-danger -- generated code', 'danger();'].join('\n');
    const { active, all } = run(code);
    assert.deepEqual(summary(active), ['probe-other@2:1-2:8']);
    assert.ok(all.filter((f) => f.suppressed).every((f) => f.suppressed!.kind === 'file' && f.suppressed!.reason === 'generated code'));
  });

  it('reads block comments, JSDoc-style ones and reasons over several lines', () => {
    const code = [
      '/* slsguard-ignore-next-line probe-danger -- one line */',
      'danger();',
      '/**',
      ' * slsguard-ignore-next-line probe-other -- a reason that',
      ' * goes on',
      ' */',
      'other();',
      'const x = 1; /* slsguard-ignore-next-line probe-danger -- trailing */',
      'danger(x);',
    ].join('\n');
    const { active, all } = run(code);
    assert.deepEqual(summary(active), []);
    assert.deepEqual(
      all.filter((f) => f.suppressed).map((f) => f.suppressed!.reason),
      ['one line', 'a reason that goes on', 'trailing'],
    );
  });

  it('only counts comments that start with the directive, never strings', () => {
    const code = [
      '// note: slsguard-ignore-next-line probe-danger -- not a directive',
      'danger();',
      "const s = '// slsguard-ignore-next-line probe-danger -- in a string';",
      'danger();',
      'const t = `',
      '// slsguard-ignore-next-line probe-danger -- in a template',
      '`; danger();',
    ].join('\n');
    assert.deepEqual(summary(run(code).active), ['probe-danger@2:1-2:9', 'probe-danger@4:1-4:9', 'probe-danger@7:4-7:12']);
  });

  it('warns about a suppression without a reason, a placeholder reason, or a reason without "--"', () => {
    const code = [
      '// slsguard-ignore-next-line probe-danger',
      'danger();',
      '// slsguard-ignore-next-line probe-danger -- <reason>',
      'danger();',
      '// slsguard-ignore-next-line probe-danger because legacy',
      'danger();',
      '/* slsguard-ignore-file probe-other -- */',
    ].join('\n');
    const { active, all } = run(code);
    assert.deepEqual(summary(active), [
      'suppression-missing-reason@1:4-1:42',
      'suppression-missing-reason@3:4-3:54',
      'suppression-missing-reason@5:4-5:57',
      'suppression-missing-reason@7:4-7:39',
      'suppression-unused@7:25-7:36',
    ]);
    const messages = active.filter((f) => f.ruleId === 'suppression-missing-reason').map((f) => f.message);
    assert.match(messages[0], /gives no reason/);
    assert.match(messages[1], /Replace the placeholder/);
    assert.match(messages[2], /Separate the reason/);
    assert.equal(active[0].severity, 'warning');
    // The suppression still applies, with no reason recorded.
    assert.deepEqual(
      all.filter((f) => f.suppressed).map((f) => f.suppressed!.reason),
      ['', '', ''],
    );
  });

  it('reports suppressions that suppress nothing, with a fix that removes them', () => {
    const code = [
      'function f() {',
      '  // slsguard-ignore-next-line probe-danger -- was needed once',
      '  other();',
      '  // slsguard-ignore-next-line probe-danger, probe-other -- half used',
      '  danger();',
      '  // slsguard-ignore-next-line probe-dangr -- typo',
      '  danger();',
      '}',
    ].join('\n');
    const { active } = run(code);
    assert.deepEqual(summary(active), [
      'suppression-unused@2:32-2:44',
      'probe-other@3:3-3:10',
      'suppression-unused@4:46-4:57',
      'suppression-unused@6:32-6:43',
      'probe-danger@7:3-7:11',
    ]);
    const [whole, half, typo] = active.filter((f) => f.ruleId === 'suppression-unused');
    assert.equal(whole.severity, 'info');
    assert.equal(whole.message, 'probe-danger reports nothing here: this suppression is not needed.');
    assert.equal(typo.message, 'There is no rule "probe-dangr": this suppression suppresses nothing.');
    assert.equal(whole.fixes[0].isPreferred, true);
    assert.equal(typo.fixes[0].isPreferred, false, 'an unknown id may be a newer rule: not removed by fix-all');
    const fixed = applyEdits(code, mergeFixes([whole, half].map((f) => f.fixes[0])).edits);
    assert.equal(
      fixed,
      [
        'function f() {',
        '  other();',
        '  // slsguard-ignore-next-line probe-danger -- half used',
        '  danger();',
        '  // slsguard-ignore-next-line probe-dangr -- typo',
        '  danger();',
        '}',
      ].join('\n'),
    );
  });

  it('does not call a suppression unused when its rule is off, and the meta rules can be turned off', () => {
    const code = ['// slsguard-ignore-next-line probe-danger', 'other();'].join('\n');
    assert.deepEqual(summary(run(code, { rules: { 'probe-danger': 'off' } }).active), [
      'suppression-missing-reason@1:4-1:42',
      'probe-other@2:1-2:8',
    ]);
    assert.deepEqual(summary(run(code, { rules: { 'suppression-unused': 'off', 'suppression-missing-reason': 'off' } }).active), [
      'probe-other@2:1-2:8',
    ]);
    assert.deepEqual(summary(run(code, { rules: { 'suppression-unused': 'error' } }).active).length, 3);
  });

  it('reports a directive that names no rule', () => {
    const { active } = run(['// slsguard-ignore-next-line -- why', 'danger();'].join('\n'));
    assert.deepEqual(summary(active), ['suppression-unused@1:4-1:36', 'probe-danger@2:1-2:9']);
    assert.match(active[0].message, /names no rule/);
  });
});

describe('ignore edits', () => {
  function context(code: string) {
    const file = analyze(RULES, { code }).engine.parsedFile(FILE)!;
    return { file, directives: parseDirectives(file) };
  }

  it('inserts a next-line directive with the indentation and a selectable placeholder; the finding goes and the reason is asked for', () => {
    const code = 'function f() {\n    danger();\n}\n';
    const { file, directives } = context(code);
    const edit = ignoreLineEdit(file, directives, 'probe-danger', 1)!;
    const out = applyEdits(code, [edit.edit]);
    assert.equal(out, 'function f() {\n    // slsguard-ignore-next-line probe-danger -- <reason>\n    danger();\n}\n');
    assert.deepEqual(edit.placeholder, { start: { line: 1, character: 49 }, end: { line: 1, character: 57 } });
    assert.equal(out.split('\n')[1].slice(49, 57), '<reason>');
    assert.deepEqual(summary(run(out).active), ['suppression-missing-reason@2:8-2:58']);
  });

  it('adds the rule to a directive that already covers the line', () => {
    const code = '// slsguard-ignore-next-line probe-other -- ok\ndanger(); other();\n';
    const { file, directives } = context(code);
    const out = applyEdits(code, [ignoreLineEdit(file, directives, 'probe-danger', 1)!.edit]);
    assert.equal(out, '// slsguard-ignore-next-line probe-other, probe-danger -- ok\ndanger(); other();\n');
    assert.deepEqual(summary(run(out).active), []);
  });

  it('offers no line directive inside a template string', () => {
    const code = 'const t = `a\n${danger()}`;\n';
    const { file, directives } = context(code);
    assert.equal(ignoreLineEdit(file, directives, 'probe-danger', 1), undefined);
  });

  it('puts a file directive after the shebang and the header comment, or adds to an existing one', () => {
    const code = '#!/usr/bin/env node\n// Copyright Example\n// Licensed MIT\n\n/** Doc of f */\nfunction f() { danger(); }\n';
    const { file, directives } = context(code);
    const edit = ignoreFileEdit(file, directives, 'probe-danger');
    const out = applyEdits(code, [edit.edit]);
    assert.equal(
      out,
      '#!/usr/bin/env node\n// Copyright Example\n// Licensed MIT\n// slsguard-ignore-file probe-danger -- <reason>\n\n/** Doc of f */\nfunction f() { danger(); }\n',
    );
    assert.equal(edit.placeholder?.start.line, 3);
    const again = context(out);
    const out2 = applyEdits(out, [ignoreFileEdit(again.file, again.directives, 'probe-other').edit]);
    assert.ok(out2.includes('// slsguard-ignore-file probe-danger, probe-other -- <reason>'));
    const plain = 'danger();\n';
    const c = context(plain);
    assert.equal(
      applyEdits(plain, [ignoreFileEdit(c.file, c.directives, 'probe-danger').edit]),
      '// slsguard-ignore-file probe-danger -- <reason>\ndanger();\n',
    );
  });
});
