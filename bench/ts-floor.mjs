#!/usr/bin/env node
// The TypeScript parse floor: read every file of the list, parse it with `ts.createSourceFile`
// and visit every node, nothing else, in one process, as the bench runs the scan. A cold scan
// cannot be faster than this; issue 22 asks for at most 1.6× it.
//   node bench/ts-floor.mjs <file list>
import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

const require = createRequire(import.meta.url);
const ts = loadTypescript();
const files = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter((f) => /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/.test(f));
let nodes = 0;
const visit = (node) => {
  nodes++;
  ts.forEachChild(node, visit);
};
// The engine's language version; the script kind from the name; no parent pointers (the walk is the one pass).
for (const file of files) visit(ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false));
console.log(JSON.stringify({ files: files.length, nodes }));

/**
 * TypeScript, started the way `slsguard` starts its bundle: through a V8 code cache (kept in
 * bench/.work/), so that the floor does not pay a compilation the scan does not pay either.
 */
function loadTypescript() {
  const file = require.resolve('typescript');
  const source = fs.readFileSync(file, 'latin1');
  const cacheFile = path.join(path.dirname(new URL(import.meta.url).pathname), '.work', `ts-floor-${process.version}-${fs.statSync(file).size}.v8cache`);
  const cachedData = fs.existsSync(cacheFile) ? fs.readFileSync(cacheFile) : undefined;
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  if (!cachedData || script.cachedDataRejected) process.once('exit', () => fs.writeFileSync(cacheFile, script.createCachedData()));
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  return module.exports;
}
