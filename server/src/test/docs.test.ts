import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from '../core/meta';
import { allRules } from '../core/rules/registry';
import type { Rule } from '../core/rules/rule';
import type { EngineConfig } from '../core/config';
import { analyze } from './ruleTester';
import { hasCdkTypings, typeCheckLater } from './typeCheck';

/**
 * The rule pages in `docs/rules/` are checked against the rules' own metadata, and their
 * examples are analysed: the non-compliant one must be reported by the rule, the compliant one
 * must not. A page that drifts from its rule fails here.
 */

const DOCS = path.join(packageRoot(), 'docs', 'rules');

const EXAMPLES = ['Non-compliant example', 'Compliant example'];

/** Rules that report only under an engine option: their examples are analysed with it on. */
const EXAMPLE_CONFIG: Record<string, Partial<EngineConfig>> = {
  'dynamodb-cmk': { requireCustomerManagedKeys: true },
};
const SECTIONS = ['What it flags', 'Why it matters', ...EXAMPLES, 'How to fix', 'How to suppress'];

interface CodeBlock {
  lang: string;
  code: string;
}

interface Section {
  heading: string;
  /** Lines outside code blocks. */
  text: string[];
  blocks: CodeBlock[];
}

interface Page {
  title: string | undefined;
  /** Lines between the title and the first section. */
  intro: string[];
  sections: Section[];
}

/** Just enough Markdown: `#`/`##` headings outside fences, and fenced code blocks. */
function parsePage(source: string): Page {
  const page: Page = { title: undefined, intro: [], sections: [] };
  let fence: { marker: string; block: CodeBlock; lines: string[] } | undefined;
  for (const line of source.split(/\r?\n/)) {
    const current = page.sections[page.sections.length - 1];
    if (fence) {
      if (line.trim() === fence.marker) {
        fence.block.code = fence.lines.join('\n') + '\n';
        fence = undefined;
      } else {
        fence.lines.push(line);
      }
      continue;
    }
    const open = /^(`{3,})\s*([\w-]*)\s*$/.exec(line);
    if (open) {
      const block: CodeBlock = { lang: open[2], code: '' };
      fence = { marker: open[1], block, lines: [] };
      if (current) current.blocks.push(block);
      else page.intro.push(line);
      continue;
    }
    if (line.startsWith('## ')) {
      page.sections.push({ heading: line.slice(3).trim(), text: [], blocks: [] });
    } else if (line.startsWith('# ') && page.title === undefined && !current) {
      page.title = line.slice(2).trim();
    } else if (current) {
      current.text.push(line);
    } else {
      page.intro.push(line);
    }
  }
  assert.equal(fence, undefined, 'a code block is not closed');
  return page;
}

/** The header line every page carries under its title, from the metadata alone. */
function headerLine(rule: Rule): string {
  const { meta } = rule;
  return [
    `**${meta.title}**`,
    `severity: ${meta.defaultSeverity}`,
    `category: ${meta.category}`,
    // Meta rules (about suppression comments) have no CWE.
    ...(meta.cwe.length ? [meta.cwe.join(', ')] : []),
    `fixable: ${meta.fixable ? 'yes' : 'no'}`,
  ].join(' · ');
}

function section(page: Page, heading: string): Section {
  const found = page.sections.find((s) => s.heading === heading);
  assert.ok(found, `missing section '## ${heading}'`);
  return found;
}

function onlyTsBlock(page: Page, heading: string): string {
  const { blocks } = section(page, heading);
  assert.equal(blocks.length, 1, `'## ${heading}' must hold exactly one code block, found ${blocks.length}`);
  assert.equal(blocks[0].lang, 'ts', `'## ${heading}' code block must be \`\`\`ts`);
  return blocks[0].code;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The rules an example is analysed with: its own rule; for meta rules, every rule, since a
 * suppression comment is used or unused according to what the other rules report.
 */
function rulesFor(rule: Rule): Rule | Rule[] {
  return rule.meta.category === 'meta' ? allRules : rule;
}

function describeFindings(findings: Array<{ range: { start: { line: number; character: number } }; message: string }>): string {
  return findings.map((f) => `  ${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`).join('\n');
}

describe('rule documentation', () => {
  it('has a page for every rule and no page without a rule', () => {
    assert.ok(fs.existsSync(DOCS), `${DOCS} is missing`);
    const ids = new Set(allRules.map((r) => r.meta.id));
    const files = fs.readdirSync(DOCS);
    const orphans = files.filter((f) => !(f.endsWith('.md') && ids.has(f.slice(0, -3))));
    assert.deepEqual(orphans, [], 'files in docs/rules/ that match no rule in allRules');
    const missing = [...ids].filter((id) => !files.includes(`${id}.md`));
    assert.deepEqual(missing, [], 'rules without a page in docs/rules/');
  });

  for (const rule of allRules) {
    const { id } = rule.meta;
    describe(id, () => {
      const file = path.join(DOCS, `${id}.md`);
      let page: Page;

      before(function () {
        if (!fs.existsSync(file)) this.skip();
        page = parsePage(fs.readFileSync(file, 'utf8'));
      });

      it('has the title and the header line of its metadata', () => {
        assert.equal(page.title, id, 'the first line must be `# <rule-id>`');
        const first = page.intro.find((l) => l.trim() !== '');
        assert.equal(first, headerLine(rule));
      });

      it('has the sections in order', () => {
        assert.deepEqual(
          page.sections.map((s) => s.heading),
          SECTIONS,
        );
      });

      it('links its practices guide section at the end of "Why it matters"', () => {
        const lines = section(page, 'Why it matters').text.filter((l) => l.trim() !== '');
        const last = lines[lines.length - 1] ?? '';
        const link = new RegExp(`^\\[Practices guide: [^\\]]+\\]\\(\\.\\./guide/${escapeRegExp(rule.meta.guideSection)}\\)$`);
        assert.match(last.trim(), link);
      });

      it('links only rule pages that exist', () => {
        const text = page.sections.flatMap((s) => s.text).join('\n');
        for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
          if (/^[a-z]+:/.test(target) || target.startsWith('../guide/')) continue;
          assert.ok(fs.existsSync(path.join(DOCS, target)), `broken link: ${target}`);
        }
      });

      it('is reported on its non-compliant example', () => {
        const code = onlyTsBlock(page, 'Non-compliant example');
        const own = analyze(rulesFor(rule), { code, config: EXAMPLE_CONFIG[id] }).findings.filter((f) => f.ruleId === id);
        assert.ok(own.length > 0, `${id} reports nothing on its non-compliant example`);
      });

      it('is silent on its compliant example', () => {
        const code = onlyTsBlock(page, 'Compliant example');
        const own = analyze(rulesFor(rule), { code, config: EXAMPLE_CONFIG[id] }).findings.filter((f) => f.ruleId === id);
        assert.equal(own.length, 0, `${id} reports on its compliant example:\n${describeFindings(own)}`);
      });

      it('tells how to fix it, with the quick fix when there is one', () => {
        const text = section(page, 'How to fix').text.join('\n');
        if (rule.meta.fixable) assert.match(text, /quick fix/i, 'a fixable rule describes its quick fix');
      });

      it('tells how to turn it off in VS Code and on the command line', () => {
        const s = section(page, 'How to suppress');
        const all = [...s.text, ...s.blocks.map((b) => b.code)].join('\n');
        assert.ok(all.includes(`"slsguard.rules": { "${id}": "off" }`), 'the VS Code setting');
        assert.ok(all.includes(`slsguard scan --rule ${id}=off`), 'the CLI flag');
      });
    });
  }
});

/**
 * The examples are meant to be pasted into a CDK app or a handler, so they must compile against
 * the `aws-cdk-lib` the project is developed with. Packages the project neither installs nor
 * declares (ambientModules.ts) are untyped.
 */
describe('rule documentation examples', () => {
  const examples = new Map<string, string>();
  for (const rule of allRules) {
    const file = path.join(DOCS, `${rule.meta.id}.md`);
    if (!fs.existsSync(file)) continue;
    const page = parsePage(fs.readFileSync(file, 'utf8'));
    for (const heading of EXAMPLES) {
      const block = page.sections.find((s) => s.heading === heading)?.blocks.find((b) => b.lang === 'ts');
      const name = heading === 'Compliant example' ? 'compliant' : 'non-compliant';
      if (block) examples.set(`${rule.meta.id}.${name}.ts`, block.code);
    }
  }
  const checked = typeCheckLater(examples, { untypedImports: true });

  it('type-check against aws-cdk-lib', function () {
    this.timeout(120000);
    if (!hasCdkTypings()) this.skip();
    assert.deepEqual(checked.problems(), []);
  });
});
