import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { guideHeadings } from '../core/guide/headings';
import { GUIDE_SECTIONS, GuideSectionId, isGuideSection } from '../core/guide/sections';
import { packageRoot } from '../core/meta';
import { allRules } from '../core/rules/registry';
import type { Rule } from '../core/rule';
import { analyze } from './ruleTester';
import { hasCdkTypings, isDeclared, typeCheckLater } from './typeCheck';

/** The rules the guide teaches: every rule but the meta rules about suppression comments. */
const practiceRules = allRules.filter((r) => r.meta.category !== 'meta');

/**
 * The practices guide (`docs/guide/`) against the metadata that points into it, and its code
 * samples against the rules. A sample is a ```ts block; the line right before it may mark it
 * `<!-- dont -->` or `<!-- do -->` (see docs/guide/README.md). Each section's rules are looked up
 * in the registry when the tests run, so sections whose rules live on other branches start being
 * checked as soon as those rules are registered; until then their samples are only parsed.
 */

const ROOT = packageRoot();
const GUIDE = path.join(ROOT, 'docs', 'guide');
const INDEX = 'README.md';

type Kind = 'do' | 'dont';

interface Sample {
  page: string;
  /** The guide section the block sits in. */
  section: GuideSectionId;
  kind: Kind | undefined;
  lang: string;
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
}

interface Page {
  name: string;
  text: string;
  headings: ReturnType<typeof guideHeadings>;
  samples: Sample[];
}

const pageNames = [...new Set(Object.keys(GUIDE_SECTIONS).map((id) => id.split('#')[0]))];

/** The guide section a line belongs to: its `##` heading's anchor when that is a section, else the page. */
function sectionAt(name: string, headings: Page['headings'], line: number): GuideSectionId {
  const h2 = [...headings].reverse().find((h) => h.level === 2 && h.line < line);
  const id = h2 ? `${name}#${h2.anchor}` : name;
  if (isGuideSection(id)) return id;
  if (isGuideSection(name)) return name;
  throw new Error(`${name}:${line + 1} is in no section that guide/sections.ts lists`);
}

function readPage(name: string): Page {
  const text = fs.readFileSync(path.join(GUIDE, name), 'utf8');
  const headings = guideHeadings(text);
  const lines = text.split(/\r?\n/);
  const samples: Sample[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && l.trim() === '```');
    assert.ok(end > i, `${name}:${i + 1}: a code block is not closed`);
    const marker = /^<!--\s*(do|dont)\s*-->$/.exec(lines[i - 1]?.trim() ?? '');
    samples.push({
      page: name,
      section: sectionAt(name, headings, i),
      kind: marker ? (marker[1] as Kind) : undefined,
      lang: open[1],
      code: `${lines.slice(i + 1, end).join('\n')}\n`,
      line: i + 1,
    });
    i = end;
  }
  // A marker must sit right before a ts block, or it marks nothing.
  lines.forEach((l, i) => {
    if (/^<!--\s*(do|dont)\s*-->$/.test(l.trim()))
      assert.match(lines[i + 1] ?? '', /^```ts\s*$/, `${name}:${i + 1}: a do/dont marker must be followed by a \`\`\`ts block`);
  });
  return { name, text, headings, samples };
}

const pages = new Map<string, Page>(pageNames.filter((n) => fs.existsSync(path.join(GUIDE, n))).map((n) => [n, readPage(n)]));

function page(name: string): Page {
  const p = pages.get(name);
  assert.ok(p, `docs/guide/${name} is missing`);
  return p;
}

/** The text of one section: from its heading to the next heading of the same or a higher level. */
function sectionText(id: GuideSectionId): string {
  const [name, anchor] = id.split('#');
  const p = page(name);
  if (!anchor) return p.text;
  const lines = p.text.split(/\r?\n/);
  const start = p.headings.find((h) => h.anchor === anchor);
  assert.ok(start, `${id}: no heading`);
  const next = p.headings.find((h) => h.line > start.line && h.level <= start.level);
  return lines.slice(start.line, next ? next.line : lines.length).join('\n');
}

function rulesOf(section: GuideSectionId): Rule[] {
  return practiceRules.filter((r) => r.meta.guideSection === section);
}

const allSamples = [...pages.values()].flatMap((p) => p.samples);
const tsSamples = allSamples.filter((s) => s.lang === 'ts');

function describeFindings(findings: Array<{ ruleId: string; range: { start: { line: number } }; message: string }>): string {
  return findings.map((f) => `  ${f.range.start.line + 1}: ${f.ruleId} ${f.message}`).join('\n');
}

function importsOf(code: string): string[] {
  const sf = ts.createSourceFile('sample.ts', code, ts.ScriptTarget.Latest);
  return sf.statements.filter(ts.isImportDeclaration).map((d) => (d.moduleSpecifier as ts.StringLiteral).text);
}

const isCdkSample = (s: Sample) => importsOf(s.code).some((m) => m === 'aws-cdk-lib' || m.startsWith('aws-cdk-lib/'));

describe('practices guide', () => {
  it('has a page for every file guide/sections.ts names, an index, and nothing else', () => {
    const files = fs.readdirSync(GUIDE).sort();
    assert.deepEqual(files, [...pageNames, INDEX].sort());
  });

  it('the index links every page', () => {
    const index = fs.readFileSync(path.join(GUIDE, INDEX), 'utf8');
    for (const name of pageNames) assert.ok(index.includes(`](${name})`), `README.md does not link ${name}`);
  });

  it('has a heading for every section guide/sections.ts lists, and no anchor twice on a page', () => {
    for (const id of Object.keys(GUIDE_SECTIONS) as GuideSectionId[]) {
      const [name, anchor] = id.split('#');
      const p = page(name);
      assert.equal(p.headings.filter((h) => h.level === 1).length, 1, `${name} needs exactly one # title`);
      if (anchor)
        assert.ok(
          p.headings.some((h) => h.level === 2 && h.anchor === anchor),
          `${name} has no '## ' heading whose anchor is #${anchor}`,
        );
    }
    for (const p of pages.values()) {
      const anchors = p.headings.map((h) => h.anchor);
      assert.deepEqual(
        anchors.filter((a, i) => anchors.indexOf(a) !== i),
        [],
        `${p.name}: headings with the same anchor`,
      );
    }
  });

  it('links between guide pages (and to the README) land on existing headings', () => {
    for (const p of [...pages.values(), readPage(INDEX)]) {
      for (const [, target] of p.text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('../rules/')) continue;
        const [file, anchor] = target.split('#');
        const abs = file ? path.resolve(GUIDE, file) : path.join(GUIDE, p.name);
        assert.ok(fs.existsSync(abs), `${p.name}: broken link ${target}`);
        if (anchor) {
          const anchors = guideHeadings(fs.readFileSync(abs, 'utf8')).map((h) => h.anchor);
          assert.ok(anchors.includes(anchor), `${p.name}: ${target} names no heading`);
        }
      }
    }
  });

  describe('every rule', () => {
    for (const rule of practiceRules) {
      const { id, guideSection } = rule.meta;
      it(`${id}: its section ${guideSection} is a heading of the guide and links back to docs/rules/${id}.md`, () => {
        assert.ok(sectionText(guideSection).includes(`](../rules/${id}.md)`), `${guideSection} does not link ../rules/${id}.md`);
      });
    }
  });

  it('every section with rules has a "do" and a "don\'t" sample', () => {
    const sections = new Set(practiceRules.map((r) => r.meta.guideSection));
    for (const section of sections) {
      const kinds = new Set(tsSamples.filter((s) => s.section === section).map((s) => s.kind));
      assert.ok(
        kinds.has('do') && kinds.has('dont'),
        `${section} has rules (${rulesOf(section)
          .map((r) => r.meta.id)
          .join(', ')}) but no do/don't pair`,
      );
    }
  });

  it('every ts block parses', () => {
    for (const s of tsSamples) {
      const out = ts.transpileModule(s.code, {
        reportDiagnostics: true,
        fileName: 'sample.ts',
        compilerOptions: { target: ts.ScriptTarget.ES2022 },
      });
      const errors = (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      assert.deepEqual(errors, [], `${s.page}:${s.line}`);
    }
  });

  describe('samples', () => {
    for (const s of tsSamples.filter((x) => x.kind)) {
      const title = `${s.page}:${s.line} (${s.section}) ${s.kind === 'dont' ? "don't" : 'do'}`;
      it(title, function () {
        const rules = rulesOf(s.section);
        // Not registered yet (another branch): the block was parsed above; nothing to assert.
        if (rules.length === 0) this.skip();
        const { findings } = analyze(rules, {
          code: s.code,
          filename: isCdkSample(s) ? 'lib/guide-stack.ts' : 'lambda/guide/index.ts',
          config: s.kind === 'dont' ? { requireCustomerManagedKeys: true } : {},
        });
        const ids = new Set(rules.map((r) => r.meta.id));
        const own = findings.filter((f) => ids.has(f.ruleId));
        if (s.kind === 'dont') assert.ok(own.length > 0, `no finding of ${[...ids].join(', ')}`);
        else assert.equal(own.length, 0, `reported:\n${describeFindings(own)}`);
      });
    }
  });

  /**
   * Samples compile against aws-cdk-lib and the declarations of the runtime packages this
   * repository does not install (the AWS SDK, zod, pg: see ambientModules.ts). Samples that import
   * anything else are only parsed.
   */
  const samples = new Map<string, string>();
  for (const s of tsSamples) {
    const name = path.join(GUIDE, '.samples', `${path.basename(s.page, '.md')}-${s.line}.ts`);
    if (importsOf(s.code).every((m) => isDeclared(m, name))) samples.set(name, s.code);
  }
  const checked = typeCheckLater(samples, { scratch: GUIDE });

  it('samples type-check where their imports are declared', function () {
    this.timeout(120000);
    if (!hasCdkTypings()) this.skip();
    assert.ok(samples.size > 20, `only ${samples.size} samples are type-checked`);
    assert.deepEqual(checked.problems(), []);
  });
});
