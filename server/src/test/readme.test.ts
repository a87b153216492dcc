import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../core/meta';
import { allRules } from '../core/rules/registry';
import type { Rule } from '../core/rule';

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

interface Manifest {
  contributes: {
    commands: Array<{ command: string; title: string; category?: string }>;
    menus: { commandPalette?: Array<{ command: string; when?: string }> };
    configuration: { properties: Record<string, { default?: unknown }> };
  };
}

/**
 * The README's commands and settings are the manifest's: every `slsguard.*` id it names is
 * contributed, every setting and every command of the palette is named, each command under
 * its palette title, and each setting with its default.
 */
describe('README commands and settings', () => {
  const readme = fs.readFileSync(README, 'utf8');
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
  const { commands, menus, configuration } = manifest.contributes;
  const settings = Object.keys(configuration.properties);
  const hidden = new Set((menus.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command));
  const paletteCommands = commands.filter((c) => !hidden.has(c.command));
  const named = new Set([...readme.matchAll(/`(slsguard\.[A-Za-z][\w.]*)`/g)].map((m) => m[1]));
  /** Table rows whose first cells are the given patterns, as their cells. */
  const rows = (first: RegExp) =>
    readme
      .split('\n')
      .filter((line) => line.startsWith('| ') && first.test(line.split(' | ')[0].slice(2)))
      .map((line) => line.slice(2, -2).split(' | '));

  it('names only commands and settings the manifest contributes', () => {
    const known = new Set([...settings, ...commands.map((c) => c.command)]);
    assert.deepEqual(
      [...named].filter((id) => !known.has(id)),
      [],
    );
  });

  it('names every setting and every command of the palette', () => {
    assert.deepEqual(
      settings.filter((id) => !named.has(id)),
      [],
    );
    assert.deepEqual(
      paletteCommands.map((c) => c.command).filter((id) => !named.has(id)),
      [],
    );
  });

  it('lists each command with the title the palette shows', () => {
    const table = rows(/^\*\*Serverless Guard: /);
    assert.equal(table.length, paletteCommands.length);
    for (const [title, id] of table) {
      const command = commands.find((c) => `\`${c.command}\`` === id);
      assert.ok(command, `${id} is not a contributed command`);
      assert.equal(title, `**${command.category}: ${command.title}**`);
    }
    for (const [, title] of readme.matchAll(/\*\*(Serverless Guard: [^*]+)\*\*/g)) {
      assert.ok(
        paletteCommands.some((c) => `${c.category}: ${c.title}` === title),
        `"${title}" is not a command of the palette`,
      );
    }
  });

  it('lists each setting with its default', () => {
    const table = rows(/^`slsguard\./);
    assert.deepEqual(
      table.map(([id]) => id.slice(1, -1)),
      settings,
    );
    for (const [id, value] of table) {
      assert.deepEqual(JSON.parse(value.slice(1, -1)), configuration.properties[id.slice(1, -1)].default, id);
    }
  });
});
