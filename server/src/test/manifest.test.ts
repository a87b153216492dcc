import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from '../core/meta';

/**
 * The extension manifest (`package.json`) as the Marketplace and VS Code read it: identity,
 * listing, activation, and every contribution described for the person who will see it.
 */

interface Command {
  command: string;
  title?: string;
  category?: string;
}

interface Setting {
  order?: number;
  deprecationMessage?: string;
  type?: string | string[];
  default?: unknown;
  description?: string;
  markdownDescription?: string;
  scope?: string;
  enum?: unknown[];
  enumDescriptions?: string[];
}

interface Manifest {
  name: string;
  displayName: string;
  description: string;
  version: string;
  publisher: string;
  license: string;
  preview?: boolean;
  icon: string;
  galleryBanner: { color: string; theme: string };
  categories: string[];
  keywords: string[];
  repository: { type: string; url: string };
  bugs: { url: string };
  homepage: string;
  engines: { vscode: string };
  main: string;
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] } };
  contributes: {
    commands: Command[];
    configuration: { title: string; properties: Record<string, Setting> } | Array<{ title: string; properties: Record<string, Setting> }>;
    menus?: Record<string, Array<{ command?: string }>>;
    views?: Record<string, Array<{ id: string; name: string }>>;
    viewsContainers?: Record<string, Array<{ id: string; title: string; icon: string }>>;
    snippets?: Array<{ language: string; path: string }>;
    jsonValidation?: Array<{ fileMatch: string | string[]; url: string }>;
  };
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
}

/** The Marketplace's categories (vsce rejects others). */
const MARKETPLACE_CATEGORIES = [
  'AI',
  'Azure',
  'Chat',
  'Data Science',
  'Debuggers',
  'Education',
  'Extension Packs',
  'Formatters',
  'Keymaps',
  'Language Packs',
  'Linters',
  'Machine Learning',
  'Notebooks',
  'Other',
  'Programming Languages',
  'SCM Providers',
  'Snippets',
  'Testing',
  'Themes',
  'Visualization',
];

const ROOT = packageRoot();
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const exists = (rel: string) => fs.existsSync(path.join(ROOT, rel));

function settings(): Array<[string, Setting]> {
  const sections = Array.isArray(manifest.contributes.configuration)
    ? manifest.contributes.configuration
    : [manifest.contributes.configuration];
  return sections.flatMap((s) => Object.entries(s.properties));
}

function clientSources(dir = path.join(ROOT, 'client', 'src')): string {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.name !== 'test')
    .map((e) =>
      e.isDirectory()
        ? clientSources(path.join(dir, e.name))
        : e.name.endsWith('.ts')
          ? fs.readFileSync(path.join(dir, e.name), 'utf8')
          : '',
    )
    .join('\n');
}

function semver(range: string): number[] {
  const m = /(\d+)\.(\d+)\.(\d+)/.exec(range);
  assert.ok(m, `no version in ${range}`);
  return m.slice(1).map(Number);
}

describe('extension manifest', () => {
  it('names the extension for the Marketplace', () => {
    assert.match(manifest.publisher, /^[a-z0-9][a-z0-9-]*$/);
    assert.match(manifest.name, /^[a-z0-9][a-z0-9-]*$/);
    assert.equal(manifest.displayName, 'Serverless Guard');
    assert.ok(manifest.description.length > 20 && manifest.description.length <= 200, 'a one-sentence description');
    assert.match(manifest.version, /^\d+\.\d+\.\d+$/);
    assert.equal(manifest.license, 'MIT');
    assert.ok(exists('LICENSE') && exists('README.md') && exists('CHANGELOG.md'));
    assert.equal(typeof manifest.preview, 'boolean');
  });

  it('has a 128×128 PNG icon and a gallery banner', () => {
    const png = fs.readFileSync(path.join(ROOT, manifest.icon));
    assert.equal(png.toString('latin1', 1, 4), 'PNG', `${manifest.icon} is not a PNG`);
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128], 'icon size');
    assert.match(manifest.galleryBanner.color, /^#[0-9a-fA-F]{6}$/);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner.theme));
  });

  it('lists Marketplace categories and at most 30 keywords', () => {
    for (const c of ['Linters', 'Programming Languages']) assert.ok(manifest.categories.includes(c), c);
    for (const c of manifest.categories) assert.ok(MARKETPLACE_CATEGORIES.includes(c), `unknown category ${c}`);
    assert.ok(manifest.keywords.length > 0 && manifest.keywords.length <= 30);
    assert.equal(new Set(manifest.keywords).size, manifest.keywords.length, 'duplicate keywords');
  });

  it('links the repository, issues and home page', () => {
    assert.equal(manifest.repository.type, 'git');
    for (const url of [manifest.repository.url, manifest.bugs.url, manifest.homepage]) assert.match(url, /^https:\/\/github\.com\//);
  });

  it('targets a VS Code no newer than the API types it is built against', () => {
    assert.match(manifest.engines.vscode, /^\^1\.\d+\.\d+$/);
    const engine = semver(manifest.engines.vscode);
    const types = semver(manifest.devDependencies['@types/vscode']);
    assert.ok(
      engine[1] >= types[1],
      `engines.vscode ${manifest.engines.vscode} is older than @types/vscode ${manifest.devDependencies['@types/vscode']}`,
    );
  });

  it('starts from the client bundle, on TypeScript/JavaScript files or a CDK app, never on "*"', () => {
    assert.equal(path.normalize(manifest.main), path.normalize('./client/out/extension.js'));
    assert.ok(!manifest.activationEvents.includes('*'));
    for (const e of ['onLanguage:typescript', 'onLanguage:javascript', 'workspaceContains:**/cdk.json']) {
      assert.ok(manifest.activationEvents.includes(e), e);
    }
  });

  it('declares how it behaves in untrusted workspaces', () => {
    // The analysis only reads source text (it never runs project code), so it is safe there.
    const { supported, description } = manifest.capabilities.untrustedWorkspaces;
    assert.ok(supported === true || (supported === 'limited' && !!description));
  });

  it('gives every command a title and the "Serverless Guard" category, and registers it in the client', () => {
    // Commands the server's code actions run are named in the shared protocol, registered by the client.
    const code = clientSources() + fs.readFileSync(path.join(ROOT, 'shared', 'src', 'protocol.ts'), 'utf8');
    const ids = manifest.contributes.commands.map((c) => c.command);
    assert.equal(new Set(ids).size, ids.length, 'duplicate command ids');
    for (const c of manifest.contributes.commands) {
      assert.match(c.command, /^slsguard\./);
      assert.ok(c.title && c.title.trim().length > 0, `${c.command} has no title`);
      assert.equal(c.category, 'Serverless Guard', `${c.command} category`);
      assert.ok(code.includes(`'${c.command}'`), `${c.command} is not registered in client/src`);
    }
    for (const [menu, items] of Object.entries(manifest.contributes.menus ?? {})) {
      for (const item of items) if (item.command) assert.ok(ids.includes(item.command), `${menu} names unknown command ${item.command}`);
    }
  });

  it('describes every setting, with a type, a default and a scope', () => {
    const all = settings();
    assert.ok(all.length > 0);
    for (const [key, s] of all) {
      assert.match(key, /^slsguard\./);
      assert.ok((s.description ?? s.markdownDescription ?? '').trim().length > 10, `${key} has no description`);
      assert.ok(s.type, `${key} has no type`);
      assert.ok('default' in s, `${key} has no default`);
      assert.ok(s.scope, `${key} has no scope`);
      if (s.enum && s.enumDescriptions) assert.equal(s.enumDescriptions.length, s.enum.length, `${key} enumDescriptions`);
    }
  });

  it('names every setting so that a search finds it: the product name, then what it does', () => {
    // Issue 19: the Settings editor showed "Slsguard: Budget Ms"; a search for "serverless guard"
    // or "time budget" found nothing. The key is its title; the description leads with the name.
    const all = settings();
    const keys = all.map(([key]) => key);
    for (const key of ['slsguard.enable', 'slsguard.run', 'slsguard.minimumSeverity', 'slsguard.rules', 'slsguard.timeBudgetPerFile']) {
      assert.ok(keys.includes(key), key);
    }
    for (const [key, s] of all) {
      assert.match(s.description ?? '', /^Serverless Guard: [a-z]/, `${key}: its description starts with "Serverless Guard: "`);
      assert.equal(typeof s.order, 'number', `${key} has an order`);
      assert.ok(!/Ms$/.test(key) || s.deprecationMessage, `${key}: a unit is no title ("Budget Ms")`);
    }
    const [, run] = all.find(([key]) => key === 'slsguard.run')!;
    assert.deepEqual([run.enum, run.default], [['onType', 'onSave'], 'onType']);
    const [, minimum] = all.find(([key]) => key === 'slsguard.minimumSeverity')!;
    assert.deepEqual([minimum.enum, minimum.default], [['error', 'warning', 'info'], 'info']);
    const [, budget] = all.find(([key]) => key === 'slsguard.timeBudgetPerFile')!;
    assert.match(budget.description ?? '', /time budget per file/i);
  });

  it('does not let an untrusted workspace weaken the analysis through its settings (Restricted Mode)', () => {
    // Issue 19: an untrusted repository's .vscode/settings.json turned rules off with no sign.
    const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [];
    for (const key of [
      'slsguard.enable',
      'slsguard.rules',
      'slsguard.minimumSeverity',
      'slsguard.timeBudgetPerFile',
      'slsguard.budgetMs',
    ]) {
      assert.ok(restricted.includes(key), `${key} is a restricted configuration`);
    }
    const keys = settings().map(([key]) => key);
    for (const key of restricted) assert.ok(keys.includes(key), `${key} is not a setting`);
    assert.match(manifest.capabilities.untrustedWorkspaces.description ?? '', /turns? off or down|turn rules off/);
  });

  it('points views, snippets and JSON schemas at files that exist', () => {
    const { views, viewsContainers, snippets, jsonValidation } = manifest.contributes;
    for (const view of Object.values(views ?? {}).flat()) assert.ok(view.name?.trim(), `view ${view.id} has no name`);
    for (const container of Object.values(viewsContainers ?? {}).flat()) {
      assert.ok(container.title?.trim(), `${container.id} has no title`);
      assert.ok(exists(container.icon), `${container.icon} is missing`);
    }
    for (const s of snippets ?? []) assert.ok(exists(s.path), `${s.path} is missing`);
    for (const j of jsonValidation ?? []) if (!/^https?:/.test(j.url)) assert.ok(exists(j.url), `${j.url} is missing`);
  });

  it('packages production bundles without dependencies', () => {
    assert.match(manifest.scripts['vscode:prepublish'], /bundle\.mjs --production/);
    assert.match(manifest.scripts.package, /vsce package --no-dependencies/);
  });
});
