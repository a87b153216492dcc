#!/usr/bin/env node
// Bundles the extension client, the language server and the CLI with esbuild.
// Type-checking is `tsc -b`'s job; this only produces the files that ship.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  legalComments: 'none',
};

const builds = [
  // The extension host loads only the client: no TypeScript here.
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] },
  // The server carries its own copy of TypeScript; it needs nothing else at run time.
  // `module` first: jsonc-parser's UMD build requires its parts at run time, which a bundle cannot.
  { ...common, mainFields: ['module', 'main'], entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js' },
  {
    ...common,
    mainFields: ['module', 'main'],
    entryPoints: ['server/src/cli/slsguard.ts'],
    outfile: 'server/out/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  },
];

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching client, server and CLI');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  // A production bundle has no source map: drop the one a development build left beside it.
  if (production) for (const b of builds) fs.rmSync(path.join(root, `${b.outfile}.map`), { force: true });
}
