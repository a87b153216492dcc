import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as ts from 'typescript';
import { applyEdits } from '../core/fixes/edits';
import { packageRoot } from '../core/meta';
import { allRules } from '../core/rules/registry';
import type { Rule, RuleMeta } from '../core/rule';
import type { EngineConfig } from '../core/config';
import type { Fix } from '../core/types';
import { analyze } from './ruleTester';
import { hasCdkTypings, typeCheckLater } from './typeCheck';

/**
 * The rule pages in `docs/rules/` are checked against the rules' own metadata, and their
 * examples are analysed: the non-compliant one must be reported by the rule, the compliant one
 * must not. A page that drifts from its rule fails here. The pages are generated from each rule's
 * `doc.md` (scripts/rule-docs.mjs; ruleDocs.test.ts holds them to it), so a failure here is fixed
 * in the doc.md or the rule, then `npm run docs:rules`.
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

/** Whether line `line` (0-based) starts inside a template literal, where a comment would be text. */
function inTemplate(code: string, lines: string[], line: number): boolean {
  const offset = lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0);
  const sf = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true);
  let inside = false;
  const visit = (node: ts.Node) => {
    if ((ts.isTemplateExpression(node) || ts.isNoSubstitutionTemplateLiteral(node)) && node.getStart(sf) < offset && offset < node.getEnd())
      inside = true;
    else ts.forEachChild(node, visit);
  };
  visit(sf);
  return inside;
}

/**
 * Just enough Markdown: `#`/`##` headings outside fences, and fenced code blocks. A one-line HTML
 * comment outside fences (the generated-file note) is not shown, so it is skipped.
 */
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
    if (/^<!--.*-->$/.test(line.trim())) continue;
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

/** The `**Quick fix.**` paragraph of "How to fix", if any. */
function quickFixParagraph(page: Page): string | undefined {
  const text = section(page, 'How to fix').text.join('\n');
  return /\*\*Quick fix\.\*\*[^]*?(?:\n\s*\n|$)/.exec(text)?.[0];
}

/** The fixes the rule offers on its page's non-compliant example. */
function exampleFixes(rule: Rule, page: Page): Fix[] {
  const { id } = rule.meta;
  const code = onlyTsBlock(page, 'Non-compliant example');
  return analyze(rulesFor(rule), { code, config: EXAMPLE_CONFIG[id] })
    .findings.filter((f) => f.ruleId === id)
    .flatMap((f) => f.fixes);
}

describe('rule documentation', () => {
  /** The header line every page carries under its title, from the metadata alone (its format: ruleDocs.test.ts). */
  let headerLine: (meta: RuleMeta) => string;

  before(async () => {
    ({ headerLine } = (await import(pathToFileURL(path.join(packageRoot(), 'scripts', 'rule-docs.mjs')).href)) as {
      headerLine: typeof headerLine;
    });
  });

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
        assert.equal(first, headerLine(rule.meta));
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

      it('tells how to fix it, with what the quick fix writes when there is one', () => {
        section(page, 'How to fix'); // every page has one
        if (!rule.meta.fixable) return;
        const paragraph = quickFixParagraph(page);
        assert.ok(paragraph, 'a fixable rule describes its quick fix in a **Quick fix.** paragraph');
        assert.match(paragraph, /"fix all"/, 'the paragraph says whether "fix all" applies the fix');
        // The code the paragraph names is code the fix writes on the page's own example.
        const code = onlyTsBlock(page, 'Non-compliant example');
        const fixes = exampleFixes(rule, page);
        assert.ok(fixes.length > 0, 'the non-compliant example gets a quick fix');
        // Module qualifiers aside (`s3.BlockPublicAccess` is `BlockPublicAccess` in named style).
        const plain = (text: string) => text.replace(/\b(?:[a-z_$][\w$]*\.)+(?=[A-Z])/g, '');
        const original = plain(code);
        const outputs = fixes.map((f) => plain(applyEdits(code, f.edits)));
        const spans = [...paragraph.matchAll(/`([^`]+)`/g)].map((m) => plain(m[1])).filter((span) => span.length >= 4);
        const changed = (span: string) => outputs.some((out) => out.includes(span) !== original.includes(span));
        assert.ok(spans.some(changed), `none of ${spans.join(', ')} is written or removed by the fixes:\n${outputs.join('\n---\n')}`);
      });

      it('says whether "fix all" applies the quick fix, as the fixes on its example are marked', () => {
        if (!rule.meta.fixable) return;
        const paragraph = quickFixParagraph(page) ?? '';
        const fixes = exampleFixes(rule, page);
        // A preferred fix is one "fix all" applies (style guide: fix vs suggestion).
        const never = /\b(?:not|never|Neither)\b[^.;]*"fix all"|"fix all"\s+does\s+not\s+apply/.test(paragraph);
        const applies = /"fix all"\s+applies|\bis\s+applied\s+by\s+"fix all"/.test(paragraph);
        if (fixes.some((f) => f.isPreferred))
          assert.ok(applies && !never, `the example's fix is preferred, so the page must say "fix all" applies it:\n${paragraph}`);
        else assert.ok(never, `no fix on the example is preferred, so the page must say "fix all" does not apply it:\n${paragraph}`);
      });

      it('tells how to suppress it: a comment for a line or a file, the settings, the CLI', () => {
        const s = section(page, 'How to suppress');
        const all = [...s.text, ...s.blocks.map((b) => b.code)].join('\n');
        assert.ok(all.includes(`"slsguard.rules": { "${id}": "off" }`), 'the VS Code setting');
        assert.ok(all.includes(`{ "rules": { "${id}": "off" } }`), 'the .slsguard.json setting');
        assert.ok(all.includes(`slsguard scan --rule ${id}=off`), 'the CLI flag');
        if (rule.meta.category === 'meta') {
          assert.match(all, /cannot\s+be\s+suppressed\s+with\s+a\s+comment/, 'a meta rule says comments do not suppress it');
          return;
        }
        const comments = s.blocks.map((b) => b.code.trim());
        assert.ok(comments.includes(`// slsguard-ignore-next-line ${id} -- <reason>`), 'the next-line comment, in a code block of its own');
        assert.ok(comments.includes(`// slsguard-ignore-file ${id} -- <reason>`), 'the file comment, in a code block of its own');
      });

      it('is suppressed by the comments the page shows', function () {
        if (rule.meta.category === 'meta') this.skip();
        const code = onlyTsBlock(page, 'Non-compliant example');
        const config = EXAMPLE_CONFIG[id];
        const reason = 'accepted for the documentation test';
        const own = (text: string) =>
          analyze(allRules, { code: text, config }).findings.filter((f) => f.ruleId === id || f.ruleId === 'suppression-unused');
        assert.deepEqual(
          own(`// slsguard-ignore-file ${id} -- ${reason}\n${code}`).map((f) => f.message),
          [],
          'the file comment',
        );
        const before = own(code);
        const lines = code.split('\n');
        // A comment line inside a template literal would be text: such findings stay.
        const stay = before.filter((f) => inTemplate(code, lines, f.range.start.line));
        const findingLines = [...new Set(before.filter((f) => !stay.includes(f)).map((f) => f.range.start.line))].sort((a, b) => b - a);
        for (const l of findingLines) lines.splice(l, 0, `${/^\s*/.exec(lines[l])![0]}// slsguard-ignore-next-line ${id} -- ${reason}`);
        const after = own(lines.join('\n'));
        assert.deepEqual(
          after.filter((f) => f.ruleId === 'suppression-unused').map((f) => f.message),
          [],
          'every comment hides a finding',
        );
        assert.equal(after.filter((f) => f.ruleId === id).length, stay.length, 'the next-line comment above each finding hides it');
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
