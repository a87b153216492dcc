import * as assert from 'node:assert/strict';
import { analyze, ROOT } from '../../test/ruleTester';
import { applyEdits } from '../fixes/edits';
import logsSensitive from '../rules/handler-logs-sensitive/rule';
import { metaRules } from '../rules/families/meta';
import type { Finding } from '../types';
import { parseDirectives } from './directives';
import { ignoreFileEdit, ignoreLineEdit } from './ignoreEdits';

/** Suppression comments in Python handlers: `#` comments, the same directives as `//` ones. */

const RULES = [logsSensitive, ...metaRules];
const REL = 'lambda/app.py';
const FILE = `${ROOT}/${REL}`;
const LOGS = 'handler-logs-sensitive';

function run(code: string): { active: Finding[]; all: Finding[] } {
  const { engine } = analyze(RULES, { code, filename: REL });
  return { active: engine.findings(FILE), all: engine.findings(FILE, { includeSuppressed: true }) };
}

function summary(findings: Finding[]): string[] {
  return findings.map(
    (f) => `${f.ruleId}@${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1}`,
  );
}

/** A handler that logs the event (line 3) and the context (line 4). */
function handler(...body: string[]): string {
  return ['def lambda_handler(event, context):', ...body.map((l) => `    ${l}`), '    return {"statusCode": 200}', ''].join('\n');
}

describe('suppression comments in Python', () => {
  it('next-line with a reason suppresses the finding on the next line only', () => {
    const code = handler(`# slsguard-ignore-next-line ${LOGS} -- the event is synthetic here`, 'print(event)', 'print(context)');
    const { active, all } = run(code);
    assert.deepEqual(summary(active), [`${LOGS}@4:11-4:18`]);
    const suppressed = all.filter((f) => f.suppressed);
    assert.deepEqual(summary(suppressed), [`${LOGS}@3:11-3:16`]);
    assert.deepEqual(suppressed[0].suppressed, {
      kind: 'next-line',
      reason: 'the event is synthetic here',
      location: { file: FILE, range: { start: { line: 1, character: 4 }, end: { line: 1, character: 85 } } },
    });
  });

  it('ignore-file covers the whole file, after a docstring too', () => {
    const code = `"""Orders handler."""\n# slsguard-ignore-file ${LOGS} -- test fixture\n\n${handler('print(event)', 'print(context)')}`;
    const { active, all } = run(code);
    assert.deepEqual(summary(active), []);
    assert.equal(all.filter((f) => f.suppressed?.kind === 'file').length, 2);
  });

  it('a directive without a reason still suppresses, and is reported', () => {
    const code = handler(`# slsguard-ignore-next-line ${LOGS}`, 'print(event)');
    const { active, all } = run(code);
    assert.deepEqual(summary(active), ['suppression-missing-reason@2:7-2:55']);
    assert.match(active[0].message, /gives no reason/);
    assert.equal(all.filter((f) => f.suppressed).length, 1);
  });

  it('a directive that suppresses nothing is reported, with a fix that removes its line', () => {
    const code = handler(`# slsguard-ignore-next-line ${LOGS} -- was needed once`, 'print("started")');
    const { active } = run(code);
    assert.deepEqual(summary(active), [`suppression-unused@2:33-2:55`]);
    const fix = active[0].fixes[0];
    assert.equal(
      applyEdits(
        code,
        fix.edits.filter((e) => e.file === FILE),
      ),
      handler('print("started")'),
    );
  });

  it('a "#" inside a string is not a directive', () => {
    const code = handler(`print("# slsguard-ignore-next-line ${LOGS} -- no")`, 'print(event)');
    assert.deepEqual(summary(run(code).active), [`${LOGS}@3:11-3:16`]);
  });
});

describe('ignore edits in Python', () => {
  function context(code: string) {
    const file = analyze(RULES, { code, filename: REL }).engine.parsedFile(FILE)!;
    return { file, directives: parseDirectives(file) };
  }

  it('inserts a "#" next-line directive at the indentation of the line, with the placeholder selected', () => {
    const code = handler('if event.get("debug"):', '    print(event)');
    const { file, directives } = context(code);
    const edit = ignoreLineEdit(file, directives, LOGS, 2)!;
    const out = applyEdits(code, [edit.edit]);
    assert.equal(out, handler('if event.get("debug"):', `    # slsguard-ignore-next-line ${LOGS} -- <reason>`, '    print(event)'));
    assert.deepEqual(edit.placeholder, { start: { line: 2, character: 62 }, end: { line: 2, character: 70 } });
    assert.equal(out.split('\n')[2].slice(62, 70), '<reason>');
    assert.deepEqual(summary(run(out).active), ['suppression-missing-reason@3:11-3:71']);
  });

  it('adds the rule to a "#" directive that already covers the line', () => {
    const code = handler('# slsguard-ignore-next-line handler-env-secret -- ok', 'print(event)');
    const { file, directives } = context(code);
    const out = applyEdits(code, [ignoreLineEdit(file, directives, LOGS, 2)!.edit]);
    assert.equal(out, handler(`# slsguard-ignore-next-line handler-env-secret, ${LOGS} -- ok`, 'print(event)'));
  });

  it('offers no line directive inside a triple-quoted string', () => {
    const code = 'QUERY = """\nSELECT 1\n"""\n' + handler('print(event)');
    const { file, directives } = context(code);
    assert.equal(ignoreLineEdit(file, directives, LOGS, 1), undefined);
  });

  it('puts a "#" file directive after the shebang and the header comments', () => {
    const code = `#!/usr/bin/env python3\n# Copyright Example\n\n${handler('print(event)')}`;
    const { file, directives } = context(code);
    const edit = ignoreFileEdit(file, directives, LOGS);
    const out = applyEdits(code, [edit.edit]);
    assert.equal(
      out,
      `#!/usr/bin/env python3\n# Copyright Example\n\n# slsguard-ignore-file ${LOGS} -- <reason>\n${handler('print(event)')}`,
    );
    assert.equal(edit.placeholder?.start.line, 3);
    assert.deepEqual(summary(run(out).active), ['suppression-missing-reason@4:3-4:58']);
  });
});
