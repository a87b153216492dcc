import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TestClient } from '../../../server/lib/test/lspClient';
import { extractAll, listEntries, readEntry, ZipEntry } from '../support/zip';
import { copyExampleApp, manifest, ROOT, tempDir, vsixPath } from '../support/paths';

/**
 * The `.vsix` that `npm run package` builds (`npm run test:package` builds it first): exactly
 * the allow-listed files, production bundles, and a language server that runs from the
 * unpacked package with nothing else installed.
 */

/** Always in the package: vsce's own metadata and the files the extension runs on. */
const FILES = [
  '[Content_Types].xml',
  'extension.vsixmanifest',
  'extension/package.json',
  'extension/readme.md', // vsce's names for README.md, CHANGELOG.md and LICENSE
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/client/out/extension.js',
  'extension/server/out/server.js',
  'extension/server/out/server-main.js', // the server's bundle, which server.js (a launcher) starts
  'extension/server/out/typescript.js', // TypeScript, which the server's bundle loads when it first parses
];

/**
 * Folders shipped whole, as they are in the repository (those not there yet, such as the guide
 * or the snippets, add nothing). The README's screenshots stay out: vsce points the README's
 * image links at the repository, so they would be dead weight.
 */
const FOLDERS = ['media', 'snippets', 'docs/rules', 'docs/guide', 'schemas'];
const NOT_SHIPPED = ['media/screenshots'];

/** Nothing above this many bytes: a guard against bundling something big by accident. */
const MAX_VSIX_BYTES = 3 * 1024 * 1024;

function filesUnder(rel: string): string[] {
  const dir = path.join(ROOT, rel);
  if (!fs.existsSync(dir) || NOT_SHIPPED.includes(rel)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const child = `${rel}/${entry.name}`;
    if (entry.isDirectory()) return filesUnder(child);
    return entry.isFile() ? [child] : [];
  });
}

function expectedEntries(): string[] {
  return [...FILES, ...FOLDERS.flatMap(filesUnder).map((f) => `extension/${f}`)].sort();
}

describe('the .vsix package', function () {
  let zip: Buffer;
  let entries: ZipEntry[];
  const text = (name: string) => {
    const entry = entries.find((e) => e.name === name);
    assert.ok(entry, `${name} is not in the package`);
    return readEntry(zip, entry).toString('utf8');
  };

  before(() => {
    const file = vsixPath();
    assert.ok(fs.existsSync(file), `${file} is missing: run npm run package`);
    zip = fs.readFileSync(file);
    entries = listEntries(zip);
    console.log(`      ${path.basename(file)}: ${(zip.length / 1024 / 1024).toFixed(2)} MB, ${entries.length} files`);
  });

  it('holds exactly the allow-listed files', () => {
    const actual = entries.map((e) => e.name).sort();
    const expected = expectedEntries();
    const unexpected = actual.filter((n) => !expected.includes(n));
    const missing = expected.filter((n) => !actual.includes(n));
    assert.deepEqual({ unexpected, missing }, { unexpected: [], missing: [] }, 'fix .vscodeignore (or this list)');
  });

  it('holds no sources, source maps, tests, node_modules or CLI', () => {
    const bad = entries
      .map((e) => e.name)
      .filter((n) =>
        /\.map$|\.tsx?$|\.test\.|(^|\/)node_modules\/|(^|\/)(src|lib|test|e2e|examples|scripts|bench)\/|cli\.js$|\.vsix$/.test(n),
      );
    assert.deepEqual(bad, []);
  });

  it('ships a rule page for every rule and the icon the manifest names', () => {
    const rules = fs.readdirSync(path.join(ROOT, 'docs', 'rules')).filter((f) => f.endsWith('.md'));
    assert.ok(rules.length > 0);
    for (const page of rules)
      assert.ok(
        entries.some((e) => e.name === `extension/docs/rules/${page}`),
        page,
      );
    const icon = (manifest() as unknown as { icon: string }).icon;
    assert.ok(
      entries.some((e) => e.name === `extension/${icon}`),
      icon,
    );
  });

  it('ships production bundles: minified, no source map references, no TypeScript in the client', () => {
    for (const name of [
      'extension/client/out/extension.js',
      'extension/server/out/server.js',
      'extension/server/out/server-main.js',
      'extension/server/out/typescript.js',
    ]) {
      const code = text(name);
      assert.doesNotMatch(code.slice(-500), /\/\/# sourceMappingURL=/, `${name} refers to a source map`);
      assert.ok(code.split('\n').length < code.length / 1000, `${name} is not minified (npm run package builds with --production)`);
    }
    assert.ok(!text('extension/client/out/extension.js').includes('createSourceFile'), 'TypeScript must not load in the extension host');
  });

  it("carries the repository's manifest and marketplace metadata", () => {
    assert.deepEqual(JSON.parse(text('extension/package.json')), JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')));
    const vsixManifest = text('extension.vsixmanifest');
    const { name, version, publisher } = manifest();
    assert.match(vsixManifest, new RegExp(`<Identity [^>]*Id="${name}" Version="${version}" Publisher="${publisher}"`));
    assert.match(vsixManifest, /<Categories>Linters,Programming Languages<\/Categories>/);
    assert.match(vsixManifest, /<Icon>extension\/media\/icon\.png<\/Icon>/);
  });

  it(`stays under ${MAX_VSIX_BYTES / 1024 / 1024} MB`, () => {
    assert.ok(zip.length < MAX_VSIX_BYTES, `${zip.length} bytes`);
  });

  describe('unpacked, with nothing else installed', function () {
    this.timeout(60_000);
    let dir: string;
    let workspace: string;
    let client: TestClient | undefined;

    before(() => {
      dir = tempDir('vsix');
      extractAll(zip, dir);
      workspace = copyExampleApp();
    });

    after(async () => {
      await client?.stop();
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(path.dirname(workspace), { recursive: true, force: true });
    });

    it('runs the language server: findings on a stack file, linked to the shipped rule pages', async () => {
      assert.ok(!fs.existsSync(path.join(dir, 'extension', 'node_modules')));
      const serverPath = path.join(dir, 'extension', 'server', 'out', 'server.js');
      const started = await TestClient.start(workspace, { serverPath });
      client = started.client;
      assert.equal(started.init.serverInfo?.name, 'Serverless Guard');
      await client.open('lib/orders-stack.ts');
      const items = await client.items('lib/orders-stack.ts');
      const ids = new Set(items.map((d) => String(d.code)));
      for (const id of ['iam-wildcard-action', 'iam-wildcard-resource', 'iam-admin-policy', 'lambda-public-invoke']) {
        assert.ok(ids.has(id), `${id} not reported; got ${[...ids].join(', ')}\n${client.stderr}`);
      }
      for (const d of items) {
        const href = d.codeDescription?.href;
        assert.ok(href, `${String(d.code)} has no rule link`);
        const page = fileURLToPath(href);
        assert.ok(page.startsWith(path.join(dir, 'extension', 'docs', 'rules') + path.sep), `${href} is not the shipped page`);
        assert.ok(fs.existsSync(page), page);
      }
    });
  });
});
