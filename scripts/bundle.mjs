#!/usr/bin/env node
// Bundles the extension client, the language server and the CLI with esbuild.
// Type-checking is `tsc -b`'s job; this only produces the files that ship.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/**
 * `import * as ts from 'typescript'` bundles as `__toESM(require_typescript())`: a copy of
 * TypeScript's thousands of exports as getters, made once per importing module, and a getter
 * call on every `ts.isIdentifier(…)`. The analysis calls those millions of times, and the
 * getters cost more than the parsing (a third of a cold scan, measured with --cpu-prof). So
 * our own files get `import ts = require('typescript')`, which bundles as the module object
 * itself; types and meaning are unchanged (TypeScript has no default export we use).
 */
const plainTypescript = {
  name: 'plain-typescript-namespace',
  setup(build) {
    build.onLoad({ filter: /[\\/](server|shared)[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      return { contents: text.replace(/^import \* as ts from 'typescript';$/m, "import ts = require('typescript');"), loader: 'ts' };
    });
  },
};

/**
 * TypeScript is its own file (`server/out/typescript.js`), loaded the first time the code reads
 * anything of it: an unchanged `slsguard scan --cache` parses nothing, and reading, decompiling
 * and initialising TypeScript's nine megabytes was a fifth of it. Our files' `typescript` is an
 * object with TypeScript's export names (taken from the installed package when bundling) as
 * getters; the first read loads TypeScript (through the launcher's code cache, see launcher.ts)
 * and copies its exports onto the object, which from then on is TypeScript's module object in
 * all but identity.
 */
const lazyTypescript = {
  name: 'lazy-typescript',
  setup(build) {
    build.onResolve({ filter: /^typescript$/ }, (args) =>
      /[\\/](server|shared)[\\/]src[\\/]/.test(args.importer) ? { path: 'typescript', namespace: 'lazy-typescript' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-typescript' }, () => {
      const names = Object.keys(createRequire(import.meta.url)('typescript'));
      return {
        resolveDir: root,
        loader: 'js',
        contents: `
const { createRequire } = require('node:module');
const path = require('node:path');
const names = ${JSON.stringify(names)};
const ts = {};
let real;
function load() {
  if (real) return real;
  const launch = globalThis[Symbol.for('serverless-guard.launch')];
  real = typeof launch === 'function' ? launch('typescript') : createRequire(__filename)(path.join(__dirname, 'typescript.js'));
  Object.defineProperties(ts, Object.getOwnPropertyDescriptors(real));
  return real;
}
for (const name of names) Object.defineProperty(ts, name, { get: () => load()[name], enumerable: true, configurable: true });
module.exports = ts;
`,
      };
    });
  },
};

/**
 * V8 keeps a script's source text while any of its functions may still be compiled, and a text
 * with one character beyond Latin-1 is held at two bytes per character: the 11 MB server bundle
 * took 22 MB in the server, in the CLI and in each of its worker threads. esbuild escapes such
 * characters in strings, but leaves comments and regular expressions as written (`…` in a doc
 * comment, `•` in a pattern), so the bundles are written here with those escaped too: `\u2026`
 * means the same in a regular expression and is only text in a comment.
 */
const asciiOutput = {
  name: 'ascii-output',
  setup(build) {
    build.onEnd(async (result) => {
      for (const file of result.outputFiles ?? []) {
        await fs.promises.mkdir(path.dirname(file.path), { recursive: true });
        const text = file.path.endsWith('.js')
          ? file.text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
          : file.contents;
        await fs.promises.writeFile(file.path, text);
      }
    });
  },
};

/**
 * The analysis engine's version for the results cache (`slsguard scan --cache`): a hash of the
 * core's sources and data and of the TypeScript that parses, the same in the CLI's bundle and
 * the server's (the editor reads the cache the CLI writes). Any change to them makes old caches stale.
 */
function engineHash() {
  const hash = createHash('sha1');
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (!/\.test\.ts$/.test(entry.name)) hash.update(`${path.relative(root, file)}\n`).update(fs.readFileSync(file));
    }
  };
  walk(path.join(root, 'server/src/core'));
  walk(path.join(root, 'shared/src'));
  hash.update(fs.readFileSync(path.join(root, 'node_modules/typescript/package.json')));
  return hash.digest('hex');
}

/** @type {esbuild.BuildOptions} */
const common = {
  define: { __SLSGUARD_ENGINE_HASH__: JSON.stringify(engineHash()) },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  legalComments: 'none',
  write: false,
  plugins: [plainTypescript, asciiOutput],
};

/**
 * The server's and the CLI's bundle: `module` first (jsonc-parser's UMD build requires its parts at
 * run time, which a bundle cannot), and TypeScript left out, loaded on first use (lazyTypescript).
 */
const mainBundle = (entry, outfile) => ({
  ...common,
  mainFields: ['module', 'main'],
  entryPoints: [entry],
  outfile,
  plugins: [lazyTypescript, ...common.plugins],
});

const builds = [
  // The extension host loads only the client: no TypeScript here.
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] },
  // The server needs nothing else at run time but typescript.js, beside it. The editor starts
  // `server.js`, a small launcher that runs the bundle through V8's code cache.
  mainBundle('server/src/server.ts', 'server/out/server-main.js'),
  { ...common, entryPoints: ['server/src/serverLauncher.ts'], outfile: 'server/out/server.js', sourcemap: false },
  // The CLI: a small launcher (`slsguard`'s bin) that starts the bundle through V8's code cache.
  mainBundle('server/src/cli/slsguard.ts', 'server/out/cli-main.js'),
  // TypeScript, which both bundles load when they first use it (lazyTypescript).
  { ...common, entryPoints: ['node_modules/typescript/lib/typescript.js'], outfile: 'server/out/typescript.js', sourcemap: false },
  {
    ...common,
    entryPoints: ['server/src/cli/launcher.ts'],
    outfile: 'server/out/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    sourcemap: false,
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
  copyCliPackage();
}

/**
 * `packages/cli/`, the `slsguard` npm package: the CLI's launcher, bundle and TypeScript (so no
 * dependencies at run time) and the rule pages SARIF's help reads, in the same places
 * as in this repository, so that `packageRoot()` finds them by the package's own package.json.
 */
function copyCliPackage() {
  const pkg = path.join(root, 'packages', 'cli');
  const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  const manifest = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8'));
  if (manifest.version !== version)
    throw new Error(`packages/cli/package.json has version ${manifest.version}, the extension ${version}: make them the same`);
  for (const dir of ['server/out', 'docs/rules']) {
    fs.rmSync(path.join(pkg, dir), { recursive: true, force: true });
    fs.mkdirSync(path.join(pkg, dir), { recursive: true });
  }
  for (const file of ['cli.js', 'cli-main.js', 'typescript.js'])
    fs.copyFileSync(path.join(root, 'server/out', file), path.join(pkg, 'server/out', file));
  for (const page of fs.readdirSync(path.join(root, 'docs/rules')).filter((f) => f.endsWith('.md'))) {
    fs.copyFileSync(path.join(root, 'docs/rules', page), path.join(pkg, 'docs/rules', page));
  }
}
