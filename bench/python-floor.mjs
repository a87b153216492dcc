#!/usr/bin/env node
// The Python parse floor: read and parse every `.py` file of the list with @lezer/python and
// visit every node, nothing else, in one process, as the bench runs the TypeScript floor.
//   node bench/python-floor.mjs <file list>
import * as fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { parser } = require('@lezer/python');
const files = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter((f) => f.endsWith('.py'));
let nodes = 0;
for (const file of files) {
  const cursor = parser.parse(fs.readFileSync(file, 'utf8')).cursor();
  do nodes++;
  while (cursor.next());
}
console.log(JSON.stringify({ files: files.length, nodes }));
