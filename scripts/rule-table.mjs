#!/usr/bin/env node
// The README's rule table, generated from the rules' own metadata (the compiled registry).
//
//   node scripts/rule-table.mjs            rewrite the table between the markers in README.md
//   node scripts/rule-table.mjs --check    exit 1 when README.md is not current
//   --readme <file>                        work on another file (used by the tests)
//
// Build first (`tsc -b`): the table is read from server/lib/core/rules/registry.js.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const START = '<!-- rules:start -->';
export const END = '<!-- rules:end -->';
const REGISTRY = path.join('server', 'lib', 'core', 'rules', 'registry.js');

const CATEGORY_LABELS = {
  iam: 'IAM',
  secrets: 'Secrets',
  apigw: 'API Gateway',
  data: 'Data protection',
  network: 'Network',
  handler: 'Lambda handlers',
  meta: 'Meta',
};

/** `allRules` from the compiled registry under `root`. */
export function loadRules(root = ROOT) {
  const file = path.join(root, REGISTRY);
  if (!fs.existsSync(file)) throw new Error(`${path.relative(process.cwd(), file)} is missing: build first (npx tsc -b)`);
  const require = createRequire(import.meta.url);
  return require(file).allRules;
}

function cell(text) {
  return String(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The Markdown table, one row per rule in registry order. */
export function renderTable(rules) {
  const rows = [
    '| Rule | What it flags | Severity | Category | Fix |',
    '|---|---|---|---|:-:|',
    ...rules.map(({ meta }) => {
      const cells = [
        `[\`${meta.id}\`](docs/rules/${meta.id}.md)`,
        cell(meta.title),
        meta.defaultSeverity,
        CATEGORY_LABELS[meta.category] ?? meta.category,
        meta.fixable ? '✓' : '',
      ];
      return `| ${cells.join(' | ')} |`;
    }),
  ];
  return rows.join('\n');
}

/** `readme` with the text between the markers replaced by `table`. */
export function replaceTable(readme, table) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < 0 || end < start) throw new Error(`README must contain ${START} followed by ${END}`);
  if (readme.indexOf(START, start + 1) >= 0 || readme.indexOf(END, end + 1) >= 0) throw new Error('README has more than one rules block');
  const eol = readme.includes('\r\n') ? '\r\n' : '\n';
  return readme.slice(0, start + START.length) + eol + table.split('\n').join(eol) + eol + readme.slice(end);
}

/** Whether `readme` already holds the table for `rules`, and the text it should hold. */
export function checkReadme(readme, rules) {
  const expected = replaceTable(readme, renderTable(rules));
  return { current: expected === readme, expected };
}

function main() {
  const { values } = parseArgs({
    options: { check: { type: 'boolean', default: false }, readme: { type: 'string' } },
    strict: true,
  });
  const readmePath = path.resolve(values.readme ?? path.join(ROOT, 'README.md'));
  const readme = fs.readFileSync(readmePath, 'utf8');
  const { current, expected } = checkReadme(readme, loadRules());
  const shown = path.relative(process.cwd(), readmePath) || readmePath;
  if (values.check) {
    if (!current) {
      console.error(`${shown}: the rules table is out of date. Run \`npm run docs:table\` and commit the result.`);
      process.exitCode = 1;
    }
    return;
  }
  if (current) {
    console.log(`${shown}: rules table is current`);
  } else {
    fs.writeFileSync(readmePath, expected);
    console.log(`${shown}: rules table updated`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (err) {
    console.error(`rule-table: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  }
}
