#!/usr/bin/env node
// The rule pages in docs/rules/, generated from each rule's hand-written doc.md and its metadata.
//
//   node scripts/rule-docs.mjs            rewrite the pages that are not current
//   node scripts/rule-docs.mjs --check    exit 1 when a page is not current or a doc.md is missing
//   --root <dir>                          read doc.md files and write pages under another folder
//                                         (used by the tests)
//
// A person writes server/src/core/rules/<id>/doc.md: what the rule flags, why it matters, the
// non-compliant and compliant examples and how to fix it (with a "## How to suppress" section only
// for notes of its own). This script adds what the metadata already says: the title, the header
// line (title, severity, category, CWE, whether a quick fix exists) and the "How to suppress"
// section with the rule's real id. The pages are committed: the extension, the hover and SARIF
// output read them from the package.
//
// Build first (`tsc -b`): the metadata is read from server/lib/core/rules/registry.js.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadRules, ROOT } from './rule-table.mjs';

export const RULES_SRC = path.join('server', 'src', 'core', 'rules');
export const DOCS_OUT = path.join('docs', 'rules');
const SUPPRESS = '## How to suppress';

/** Where a rule's hand-written part lives, relative to the repository root (always with `/`). */
export function docSource(id) {
  return `${RULES_SRC.split(path.sep).join('/')}/${id}/doc.md`;
}

/** The first line of every generated page: where to edit it instead. */
export function generatedNote(id) {
  return `<!-- generated from ${docSource(id)} by npm run docs:rules; edit that file -->`;
}

/** The line under the title, from the metadata alone. Meta rules (about suppression comments) have no CWE. */
export function headerLine(meta) {
  return [
    `**${meta.title}**`,
    `severity: ${meta.defaultSeverity}`,
    `category: ${meta.category}`,
    ...(meta.cwe.length ? [meta.cwe.join(', ')] : []),
    `fixable: ${meta.fixable ? 'yes' : 'no'}`,
    ...(meta.cdkNag?.length ? [`cdk-nag: ${meta.cdkNag.join(', ')}`] : []),
  ].join(' · ');
}

/**
 * For a rule with cdk-nag ids: a reasoned cdk-nag suppression of one of them suppresses the
 * rule's findings on that construct (suppressions/cdkNag.ts reads them).
 */
function suppressWithCdkNag(meta) {
  if (!meta.cdkNag?.length) return '';
  const ids = meta.cdkNag.map((id) => `\`${id}\``).join(' or ');
  return `
If the project uses [cdk-nag](https://github.com/cdklabs/cdk-nag), its suppressions of ${ids} count
too: \`NagSuppressions.addResourceSuppressions(construct, [{ id: '${meta.cdkNag[0]}', reason: '…' }], applyToChildren)\`
suppresses this rule's findings on that construct (and, with \`applyToChildren\`, on what is
created in it or added to it), \`addStackSuppressions(stack, …)\` on every construct of the stack,
\`addResourceSuppressionsByPath(stack, '/Stack/Id/…', …)\` on the construct with that id, and
\`Validations.of(construct).acknowledge({ id, reason })\` on the construct and everything in it.
A suppression without a reason does not count. A finding-specific id such as
\`AwsSolutions-IAM5[Action::s3:*]\` or \`appliesTo: ['Resource::*']\` covers only that action or
resource. Such findings are not shown in the editor; the command line lists them with
\`--show-suppressed\`, and SARIF reports them with the cdk-nag reason as the suppression's
justification.
`;
}

/**
 * "How to suppress" for a rule whose findings a comment can hide: the comments "Ignore for this
 * line" and "Ignore for this file" write (suppressions/directives.ts), the meta rules that watch
 * them, and the three places a severity is set.
 */
function suppressWithComment(id) {
  return `To accept one finding, say why in a comment on the line above it. The light bulb's "Ignore for
this line" writes the comment and selects the reason for you to fill in:

\`\`\`ts
// slsguard-ignore-next-line ${id} -- <reason>
\`\`\`

To accept the rule in a whole file, put the comment at the top of the file ("Ignore for this
file" in the light bulb):

\`\`\`ts
// slsguard-ignore-file ${id} -- <reason>
\`\`\`

A suppression without a reason is reported by
[suppression-missing-reason](suppression-missing-reason.md), and one that no longer hides a
finding by [suppression-unused](suppression-unused.md).

To turn the rule off, or give it another severity (\`"error"\`, \`"warning"\`, \`"info"\`), set it in
VS Code settings such as the folder's \`.vscode/settings.json\`:
\`"slsguard.rules": { "${id}": "off" }\`, or in the project's \`.slsguard.json\`:
\`{ "rules": { "${id}": "off" } }\`. On the command line, pass
\`slsguard scan --rule ${id}=off\`.
`;
}

/**
 * "How to suppress" for a meta rule: the engine never hides a meta finding with a comment (a
 * suppression cannot vouch for itself; suppressions/apply.ts), so only the severity settings are
 * offered.
 */
function suppressMeta(id) {
  return `Turn the rule off, or give it another severity (\`"error"\`, \`"warning"\`, \`"info"\`), in VS Code
settings such as the folder's \`.vscode/settings.json\`:
\`"slsguard.rules": { "${id}": "off" }\`, or in the project's \`.slsguard.json\`:
\`{ "rules": { "${id}": "off" } }\`. On the command line, pass
\`slsguard scan --rule ${id}=off\`. Findings of the meta rules cannot be suppressed
with a comment.
`;
}

/** `text` with Windows line ends made plain and exactly one line end at the end. */
function normalise(text) {
  return text.replace(/\r\n/g, '\n').replace(/\s+$/, '') + '\n';
}

/**
 * The page for a rule with metadata `meta` and hand-written part `doc`. The doc's own
 * "## How to suppress" section, when it has one, holds notes added after the generated text.
 */
export function renderPage(meta, doc) {
  const source = normalise(doc);
  if (/^# /m.test(source.split(/^```/m)[0])) throw new Error(`${docSource(meta.id)}: no "# " title: the page's title is generated`);
  const lines = source.split('\n');
  const at = lines.indexOf(SUPPRESS);
  const body = normalise((at < 0 ? lines : lines.slice(0, at)).join('\n'));
  const notes = at < 0 ? '' : lines.slice(at + 1).join('\n').trim();
  if (at >= 0 && !notes) throw new Error(`${docSource(meta.id)}: an empty "${SUPPRESS}" section`);
  const suppress = meta.category === 'meta' ? suppressMeta(meta.id) : suppressWithComment(meta.id) + suppressWithCdkNag(meta);
  return [generatedNote(meta.id), `# ${meta.id}`, '', headerLine(meta), '', body, SUPPRESS, '', suppress + (notes ? `\n${notes}\n` : '')].join('\n');
}

/**
 * Every page the rules under `root` should have: `[{ id, source, page, expected }]`, paths
 * relative to `root`; `expected` is undefined when the rule has no doc.md.
 */
export function expectedPages(rules, root = ROOT) {
  return rules.map(({ meta }) => {
    const source = docSource(meta.id);
    const file = path.join(root, source);
    const expected = fs.existsSync(file) ? renderPage(meta, fs.readFileSync(file, 'utf8')) : undefined;
    return { id: meta.id, source, page: `${DOCS_OUT.split(path.sep).join('/')}/${meta.id}.md`, expected };
  });
}

/** What differs between the committed pages under `root` and the generated ones. */
export function checkPages(rules, root = ROOT) {
  const missingSources = [];
  const stale = [];
  for (const p of expectedPages(rules, root)) {
    if (p.expected === undefined) {
      missingSources.push(p.source);
      continue;
    }
    const file = path.join(root, p.page);
    const actual = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    if (actual !== p.expected) stale.push(p.page);
  }
  return { missingSources, stale };
}

function main() {
  const { values } = parseArgs({
    options: { check: { type: 'boolean', default: false }, root: { type: 'string' } },
    strict: true,
  });
  const root = path.resolve(values.root ?? ROOT);
  const rules = loadRules();
  const { missingSources, stale } = checkPages(rules, root);
  for (const source of missingSources) console.error(`${source} is missing: every rule's page is generated from its doc.md`);
  if (values.check) {
    for (const page of stale) console.error(`${page} is not what ${docSource(path.basename(page, '.md'))} and the metadata give. Run \`npm run docs:rules\` and commit the result.`);
    if (missingSources.length || stale.length) process.exitCode = 1;
    return;
  }
  for (const p of expectedPages(rules, root)) {
    if (p.expected === undefined || !stale.includes(p.page)) continue;
    fs.writeFileSync(path.join(root, p.page), p.expected);
    console.log(`${p.page}: updated`);
  }
  if (missingSources.length) process.exitCode = 1;
  else if (!stale.length) console.log(`${DOCS_OUT}: ${rules.length} pages are current`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (err) {
    console.error(`rule-docs: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  }
}
