#!/usr/bin/env node
// Writes server/src/core/model/python/data/names.json from the jsii assembly that the installed
// aws-cdk-lib ships (`.jsii`, gzip-redirected): the Python spelling of every member name of the
// CDK's API whose plain camelCase reading is not the TypeScript name (`enforce_ssl` is
// `enforceSSL`, not `enforceSsl`), and the names of its structs (called like classes in Python). The Python front end reads Python through it; a test fails when
// it no longer matches the installed aws-cdk-lib. Run: npm run data:python-names
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
export const OUT = join(root, 'server/src/core/model/python/data/names.ts');

export function readAssembly() {
  const dir = dirname(require.resolve('aws-cdk-lib/package.json'));
  let raw = readFileSync(join(dir, '.jsii'));
  const head = JSON.parse(raw.toString('utf8'));
  if (head.schema === 'jsii/file-redirect') raw = gunzipSync(readFileSync(join(dir, head.filename)));
  else return head;
  return JSON.parse(raw.toString('utf8'));
}

/** jsii's Python spelling of a member name (codemaker's toSnakeCase: decamelize). */
export function toSnake(name) {
  if (name.toLowerCase() === name) return name;
  return name
    .replace(/([\p{Ll}\d])(\p{Lu})/gu, '$1_$2')
    .replace(/(\p{Lu}+)(\p{Lu}[\p{Ll}\d]+)/gu, '$1_$2')
    .toLowerCase();
}

/** The plain reading back: `add_to_role_policy` → `addToRolePolicy`. */
export function toCamel(name) {
  return name.replace(/(?<=[A-Za-z0-9])_+([a-z0-9])/g, (_, c) => c.toUpperCase());
}

export function buildTable(assembly) {
  const names = new Set();
  for (const type of Object.values(assembly.types)) {
    for (const p of type.properties ?? []) names.add(p.name);
    for (const m of type.methods ?? []) {
      names.add(m.name);
      for (const param of m.parameters ?? []) names.add(param.name);
    }
    for (const param of type.initializer?.parameters ?? []) names.add(param.name);
  }
  const exceptions = {};
  for (const name of [...names].sort()) {
    // Constants keep their spelling in Python (`Runtime.PYTHON_3_12`), as enum members do.
    if (!/[a-z]/.test(name)) continue;
    const py = toSnake(name);
    // Two names with one Python spelling (`fromJson` of PolicyStatement, `fromJSON` of Template):
    // the plain reading, itself a name of the API, wins.
    if (toCamel(py) !== name && !(py in exceptions) && !names.has(toCamel(py))) exceptions[py] = name;
  }
  return {
    source: `aws-cdk-lib ${assembly.version} (.jsii)`,
    version: assembly.version,
    exceptions,
    calls: callShapes(assembly),
    structs: structNames(assembly),
  };
}

/**
 * How Python's keyword arguments bind, for every method and class whose parameters jsii
 * flattens: `[struct index, ...positional parameter names]`. jsii turns a last struct parameter
 * into keyword-only arguments (`add_method("POST", authorizer=auth)` passes `options`, the third
 * parameter, and leaves `integration` out), and any parameter may be passed by name. Kept only
 * where every method of that name in the library agrees.
 */
function callShapes(assembly) {
  const votes = new Map();
  const record = (key, params) => {
    const last = params[params.length - 1];
    const struct = last && last.type?.fqn && assembly.types[last.type.fqn]?.datatype ? params.length - 1 : -1;
    const before = struct >= 0 ? params.slice(0, struct) : params;
    // Only where the plain reading (keywords after the positional arguments) can be wrong: a
    // struct after a parameter that may be left out (`add_method("POST", authorizer=auth)`).
    if (struct < 0 || !before.some((p) => p.optional)) return;
    const shape = JSON.stringify([struct, ...before.map((p) => p.name)]);
    const counts = votes.get(key) ?? new Map();
    counts.set(shape, (counts.get(shape) ?? 0) + 1);
    votes.set(key, counts);
  };
  for (const type of Object.values(assembly.types)) {
    if (type.initializer?.parameters?.length) record(`new ${type.name}`, type.initializer.parameters);
    for (const m of type.methods ?? []) if (m.parameters?.length) record(m.name, m.parameters);
  }
  const out = {};
  for (const key of [...votes.keys()].sort()) {
    // Where methods of one name differ, the most common shape (ties: the first in the library).
    const [shape] = [...votes.get(key)].sort((a, b) => b[1] - a[1])[0];
    out[key] = JSON.parse(shape);
  }
  return out;
}

/**
 * The data types (jsii structs) a module declares at its top level: TypeScript passes them as
 * object literals, Python calls them like classes (`ec2.SubnetSelection(subnet_type=...)`), so the
 * front end writes such a call as the object it stands for. A name that is also a class somewhere
 * is left out (a call of it may be a `new`); the nested `CfnX.YProperty` types are structs by name.
 */
export function structNames(assembly) {
  const types = Object.values(assembly.types);
  const classes = new Set(types.filter((t) => t.kind === 'class').map((t) => t.name));
  const names = new Set();
  for (const t of types) {
    if (t.kind !== 'interface' || !t.datatype || t.fqn.split('.').length > 3 || classes.has(t.name)) continue;
    names.add(t.name);
  }
  return [...names].sort();
}

/** The table as the TypeScript module the core imports. */
export function render(table) {
  return (
    '// Generated by scripts/python-names.mjs (npm run data:python-names) from the jsii assembly of\n' +
    `// ${table.source}. Do not edit: a test fails when it no longer matches the installed aws-cdk-lib.\n` +
    `export const PYTHON_NAMES: {\n  source: string;\n  version: string;\n  exceptions: Record<string, string>;\n  calls: Record<string, Array<string | number>>;\n  structs: string[];\n} = ${JSON.stringify({ ...table, structs: undefined }, null, 1).replace(/\n}$/, `,\n "structs": ${JSON.stringify(table.structs)}\n}`)};\n`
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const table = buildTable(readAssembly());
  writeFileSync(OUT, render(table));
  console.log(`${Object.keys(table.exceptions).length} names → ${OUT}`);
}
