import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../core/meta';
import { allRules } from '../core/rules/registry';
import type { Rule } from '../core/rules/rule';

/**
 * The README's rule table is generated from the rules' metadata by `scripts/rule-table.mjs`
 * (`npm run docs:table`). This fails when a rule was added or its metadata changed and the
 * table was not regenerated.
 */

interface RuleTableScript {
  START: string;
  END: string;
  renderTable(rules: Rule[]): string;
  replaceTable(readme: string, table: string): string;
  checkReadme(readme: string, rules: Rule[]): { current: boolean; expected: string };
}

const ROOT = packageRoot();
const SCRIPT = path.join(ROOT, 'scripts', 'rule-table.mjs');
const README = path.join(ROOT, 'README.md');

function runScript(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('README rule table', () => {
  let script: RuleTableScript;

  before(async () => {
    script = (await import(pathToFileURL(SCRIPT).href)) as RuleTableScript;
  });

  it('is current with the rules metadata (run `npm run docs:table` if not)', () => {
    const readme = fs.readFileSync(README, 'utf8');
    const { current, expected } = script.checkReadme(readme, allRules);
    if (!current) {
      const block = (text: string) => text.slice(text.indexOf(script.START), text.indexOf(script.END) + script.END.length);
      assert.equal(block(readme), block(expected), 'README.md rules table is out of date: run `npm run docs:table`');
    }
  });

  it('has one row per rule, in registry order, linking its page', () => {
    const rows = script.renderTable(allRules).split('\n').slice(2);
    assert.equal(rows.length, allRules.length);
    allRules.forEach(({ meta }, i) => {
      const cells = rows[i].split(' | ').map((c) => c.replace(/^\| ?| ?\|$/g, '').trim());
      assert.equal(cells[0], `[\`${meta.id}\`](docs/rules/${meta.id}.md)`);
      assert.equal(cells[1], meta.title);
      assert.equal(cells[2], meta.defaultSeverity);
      assert.equal(cells[4], meta.fixable ? '✓' : '');
      assert.ok(fs.existsSync(path.join(ROOT, 'docs', 'rules', `${meta.id}.md`)), `docs/rules/${meta.id}.md is missing`);
    });
  });

  it('only replaces the text between the markers', () => {
    const text = `# Title\n\nbefore\n${script.START}\nold table\n${script.END}\nafter\n`;
    const out = script.replaceTable(text, '| a |');
    assert.equal(out, `# Title\n\nbefore\n${script.START}\n| a |\n${script.END}\nafter\n`);
    assert.throws(() => script.replaceTable('no markers here', '| a |'), /must contain/);
  });

  describe('the command', function () {
    this.timeout(20000);
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slsguard-readme-'))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('--check passes on the README', () => {
      const r = runScript(['--check']);
      assert.equal(r.code, 0, r.stderr);
    });

    it('--check exits 1 with a message on a stale README, and a plain run brings it up to date', () => {
      const stale = path.join(dir, 'README.md');
      const text = fs.readFileSync(README, 'utf8');
      fs.writeFileSync(stale, script.replaceTable(text, '| Rule |\n|---|\n| `gone-rule` |'));
      const check = runScript(['--check', '--readme', stale]);
      assert.equal(check.code, 1);
      assert.match(check.stderr, /out of date.*npm run docs:table/);
      const write = runScript(['--readme', stale]);
      assert.equal(write.code, 0, write.stderr);
      assert.equal(fs.readFileSync(stale, 'utf8'), script.checkReadme(text, allRules).expected);
      assert.equal(runScript(['--check', '--readme', stale]).code, 0);
    });
  });
});
