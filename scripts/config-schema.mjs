#!/usr/bin/env node
// The JSON schema of `.slsguard.json` that ships with the extension (schemas/slsguard.schema.json,
// registered through contributes.jsonValidation), written from the core's own schema and the
// rules' metadata (every rule id, with its title, for completion and hover in the file), without
// the keywords that only validate: the language server reports the file's mistakes.
//
//   node scripts/config-schema.mjs           rewrite schemas/slsguard.schema.json
//   node scripts/config-schema.mjs --check   exit 1 when it is not current
//
// Build first (`tsc -b`): the schema is read from server/lib/.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'schemas', 'slsguard.schema.json');

function render() {
  const require = createRequire(import.meta.url);
  const lib = path.join(ROOT, 'server', 'lib', 'core');
  if (!fs.existsSync(lib)) throw new Error('server/lib is missing: build first (npx tsc -b)');
  const { allRules } = require(path.join(lib, 'rules', 'registry.js'));
  const { editorSchema } = require(path.join(lib, 'configFile', 'schema.js'));
  return `${JSON.stringify(editorSchema(allRules), null, 2)}\n`;
}

try {
  const expected = render();
  const current = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
  const shown = path.relative(process.cwd(), OUT);
  if (process.argv.includes('--check')) {
    if (current !== expected) {
      console.error(`${shown} is out of date. Run \`npm run docs:schema\` and commit the result.`);
      process.exitCode = 1;
    }
  } else if (current === expected) {
    console.log(`${shown} is current`);
  } else {
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    fs.writeFileSync(OUT, expected);
    console.log(`${shown} updated`);
  }
} catch (err) {
  console.error(`config-schema: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 2;
}
