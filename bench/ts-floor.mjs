#!/usr/bin/env node
// The TypeScript parse floor: read every file of the list, parse it with `ts.createSourceFile`
// and visit every node, nothing else, in one process, as the bench runs the scan. A cold scan
// cannot be faster than this; issue 22 asks for at most 1.6× it.
//   node bench/ts-floor.mjs <file list>
import * as fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const files = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter((f) => /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/.test(f));
let nodes = 0;
const visit = (node) => {
  nodes++;
  ts.forEachChild(node, visit);
};
// The engine's language version; the script kind from the name; no parent pointers (the walk is the one pass).
for (const file of files) visit(ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false));
console.log(JSON.stringify({ files: files.length, nodes }));
