import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Engine } from '../engine/engine';
import { defaultConfig, matchesConfigGlobs } from '../config';
import { packageRoot } from '../meta';
import { MemoryHost } from '../model/memoryHost';
import { allRules } from '../rules/registry';
import { parseConfigFile } from './load';
import { ConfigFileResolver, layerConfig } from './configFileResolver';
import { editorSchema } from './schema';

const CONFIG = '/project/.slsguard.json';

function parse(text: string) {
  return parseConfigFile(CONFIG, text, allRules);
}

/** `line:col-line:col severity message` (1-based) of each problem. */
function problems(text: string): string[] {
  return parse(text).problems.map(
    (p) =>
      `${p.range.start.line + 1}:${p.range.start.character + 1}-${p.range.end.line + 1}:${p.range.end.character + 1} ${p.severity} ${p.message}`,
  );
}

describe('.slsguard.json', () => {
  it('reads every setting, with comments and trailing commas', () => {
    const file = parse(`{
  // Legacy code is reviewed separately.
  "rules": { "iam-shared-role": "off", "iam-wildcard-resource": "error", },
  "ignore": ["lib/legacy", "**/*.test.ts"],
  "handlers": ["src/functions/**/*.ts"],
  /* The team requires CMKs. */
  "requireCustomerManagedKeys": true,
  "secretWords": ["PIN"],
  "nonSecretWords": ["HANDLE"],
  "placeholderPatterns": ["^dummy-"],
}`);
    assert.deepEqual(file.problems, []);
    assert.equal(file.dir, '/project');
    assert.deepEqual(file.settings, {
      rules: { 'iam-shared-role': 'off', 'iam-wildcard-resource': 'error' },
      ignore: ['lib/legacy', '**/*.test.ts'],
      handlers: ['src/functions/**/*.ts'],
      requireCustomerManagedKeys: true,
      secretWords: ['PIN'],
      nonSecretWords: ['HANDLE'],
      placeholderPatterns: ['^dummy-'],
    });
  });

  it('reports unknown settings and unknown rules at the key, and keeps the rest', () => {
    const text = `{
  "rulez": {},
  "rules": { "iam-wildcard-actions": "off", "iam-admin-policy": "warning" },
  "color": true
}`;
    assert.deepEqual(problems(text), [
      '2:3-2:10 warning Unknown setting "rulez": it is ignored. Did you mean "rules"?',
      '3:14-3:36 warning Unknown rule "iam-wildcard-actions": it is ignored. Did you mean "iam-wildcard-action"? Rule ids are listed in docs/rules/.',
      '4:3-4:10 warning Unknown setting "color": it is ignored. Settings are: rules, ignore, handlers, requireCustomerManagedKeys, secretWords, nonSecretWords, placeholderPatterns, testCode.',
    ]);
    assert.deepEqual(parse(text).settings, { rules: { 'iam-admin-policy': 'warning' } });
  });

  it('suggests the rule a mistyped id most likely meant, and nothing for an id near none', () => {
    const text = `{
  "rules": { "S3-Enforce-SSL": "off", "iam-widlcard-resource": "info", "my-team-rule": "off" }
}`;
    assert.deepEqual(problems(text), [
      '2:14-2:30 warning Unknown rule "S3-Enforce-SSL": it is ignored. Did you mean "s3-enforce-ssl"? Rule ids are listed in docs/rules/.',
      '2:39-2:62 warning Unknown rule "iam-widlcard-resource": it is ignored. Did you mean "iam-wildcard-resource"? Rule ids are listed in docs/rules/.',
      '2:72-2:86 warning Unknown rule "my-team-rule": it is ignored. Rule ids are listed in docs/rules/.',
    ]);
  });

  it('reports bad values at the value, and ignores only them', () => {
    const text = `{
  "rules": { "iam-admin-policy": "fatal", "iam-shared-role": "off" },
  "ignore": ["lib/old", 3, ""],
  "requireCustomerManagedKeys": "yes",
  "secretWords": ["PIN", "API_KEY"],
  "placeholderPatterns": ["^ok$", "(unclosed"],
  "handlers": "src/**"
}`;
    assert.deepEqual(problems(text), [
      '2:34-2:41 error "rules.iam-admin-policy" must be one of "error", "warning", "info", "off", not "fatal": it is ignored.',
      '3:25-3:26 error "ignore.1" must be a string: it is ignored.',
      '3:28-3:30 error "ignore.2" must not be empty: it is ignored.',
      '4:33-4:38 error "requireCustomerManagedKeys" must be true or false: it is ignored.',
      '5:26-5:35 error "secretWords.1": "API_KEY" is not valid. A word is letters and digits only: names are split into words at `_`, `-` and camelCase. It is ignored.',
      '6:35-6:46 error Not a valid regular expression: Invalid regular expression: /(unclosed/: Unterminated group.',
      '7:15-7:23 error "handlers" must be an array: it is ignored.',
    ]);
    assert.deepEqual(parse(text).settings, {
      rules: { 'iam-shared-role': 'off' },
      ignore: ['lib/old'],
      secretWords: ['PIN'],
      placeholderPatterns: ['^ok$'],
    });
  });

  it('reports text that is not JSON, or not an object, without throwing', () => {
    assert.deepEqual(problems('{ "rules": { "iam-admin-policy": "off" '), [
      '1:40-1:40 error .slsguard.json is not valid JSON: close brace expected.',
    ]);
    assert.deepEqual(parse('{ "rules": { "iam-admin-policy": "off" ').settings, { rules: { 'iam-admin-policy': 'off' } });
    assert.deepEqual(problems('[1, 2]'), ['1:1-1:7 error .slsguard.json must hold an object: { "rules": { … } }.']);
    assert.deepEqual(parse('').settings, {});
    assert.deepEqual(problems('{ "rules": { "x": } }').length > 0, true);
  });

  it('layers under the base configuration: settings and flags win rule by rule', () => {
    const file = parse(
      '{ "rules": { "iam-shared-role": "off", "iam-admin-policy": "info" }, "ignore": ["lib/legacy"], "secretWords": ["PIN"] }',
    );
    const layered = layerConfig(defaultConfig({ rules: { 'iam-admin-policy': 'error' } }), file);
    assert.deepEqual(layered.rules, { 'iam-shared-role': 'off', 'iam-admin-policy': 'error' });
    assert.deepEqual(layered.secretWords, ['PIN']);
    assert.equal(layered.globRoot, '/project');
    assert.equal(matchesConfigGlobs(layered, 'ignore', '/project/lib/legacy/old-stack.ts'), true);
    assert.equal(matchesConfigGlobs(layered, 'ignore', '/project/lib/legacy-stack.ts'), false);
    assert.equal(matchesConfigGlobs(layered, 'ignore', '/elsewhere/lib/legacy/x.ts'), false);
  });

  it('is found nearest to the file, up to the boundary, and reloaded when it changes', () => {
    const host = new MemoryHost({
      '/repo/.slsguard.json': '{ "rules": { "iam-shared-role": "off" } }',
      '/repo/packages/api/.slsguard.json': '{ "rules": { "iam-admin-policy": "info" } }',
      '/.slsguard.json': '{ "rules": { "iam-wildcard-action": "off" } }',
    });
    const loaded: string[] = [];
    const resolver = new ConfigFileResolver(host, allRules, { isBoundary: (dir) => dir === '/repo', onLoad: (f) => loaded.push(f.path) });
    assert.equal(resolver.forFile('/repo/packages/api/lib/stack.ts')?.path, '/repo/packages/api/.slsguard.json');
    assert.equal(resolver.forFile('/repo/packages/web/lib/stack.ts')?.path, '/repo/.slsguard.json');
    // A file outside every boundary looks all the way up.
    assert.equal(resolver.forFile('/other/lib/stack.ts')?.path, '/.slsguard.json');
    host.write('/repo/.slsguard.json', '{ "rules": { "iam-shared-role": "warning" } }');
    assert.deepEqual(resolver.forFile('/repo/lib/stack.ts')?.settings.rules, { 'iam-shared-role': 'warning' });
    assert.deepEqual(loaded, ['/repo/packages/api/.slsguard.json', '/repo/.slsguard.json', '/.slsguard.json', '/repo/.slsguard.json']);
    const fixed = new ConfigFileResolver(host, allRules, { isBoundary: () => true, fixed: '/.slsguard.json' });
    assert.equal(fixed.forFile('/repo/packages/api/lib/stack.ts')?.path, '/.slsguard.json');
  });

  it('drives the engine per file: rule severities and ignore globs of the nearest file', () => {
    const stack = `import * as iam from 'aws-cdk-lib/aws-iam';\nnew iam.PolicyStatement({ actions: ['*'], resources: ['arn:aws:s3:::b'] });\n`;
    const host = new MemoryHost({
      '/repo/a/lib/stack.ts': stack,
      '/repo/a/lib/legacy/old.ts': stack,
      '/repo/a/.slsguard.json': '{ "rules": { "iam-wildcard-action": "info" }, "ignore": ["lib/legacy"] }',
      '/repo/b/lib/stack.ts': stack,
    });
    const resolver = new ConfigFileResolver(host, allRules, { isBoundary: (dir) => dir === '/repo' });
    const engine = new Engine({ host, configFor: (file, base) => layerConfig(base, resolver.forFile(file)) });
    const files = ['/repo/a/lib/stack.ts', '/repo/a/lib/legacy/old.ts', '/repo/b/lib/stack.ts'];
    engine.analyzeFiles(files);
    const severities = (f: string) =>
      engine
        .findings(f)
        .filter((x) => x.ruleId === 'iam-wildcard-action')
        .map((x) => x.severity);
    assert.deepEqual(severities(files[0]), ['info']);
    assert.deepEqual(severities(files[1]), [], 'ignored');
    assert.equal(engine.cachedResult(files[1])?.skipped, 'ignored');
    assert.deepEqual(severities(files[2]), ['error']);
    // The setting on top wins; a changed file is picked up on the next analysis.
    engine.setConfig(defaultConfig({ rules: { 'iam-wildcard-action': 'warning' } }));
    engine.analyzeFiles(files);
    assert.deepEqual(severities(files[0]), ['warning']);
    host.write('/repo/a/.slsguard.json', '{ "rules": { "iam-wildcard-action": "off" } }');
    engine.setConfig(defaultConfig());
    engine.analyzeFiles(files);
    assert.deepEqual(severities(files[0]), []);
    assert.deepEqual(severities(files[1]), [], 'ignore is gone; the rule is off there too');
  });

  it('ships a schema file that matches the rules (run `npm run docs:schema` if not)', () => {
    const shipped = fs.readFileSync(path.join(packageRoot(), 'schemas', 'slsguard.schema.json'), 'utf8');
    assert.equal(
      shipped,
      `${JSON.stringify(editorSchema(allRules), null, 2)}\n`,
      'schemas/slsguard.schema.json is stale: run `npm run docs:schema`',
    );
    const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8'));
    assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: '.slsguard.json', url: './schemas/slsguard.schema.json' }]);
  });

  it('lets the editor read the file as JSON with comments, and leaves every mistake to the server to report once', () => {
    // Issue 19: as strict JSON the README's own example got six "Comments are not permitted"
    // errors, and each mistake was reported twice: by the schema and by the server.
    const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8'));
    assert.deepEqual(pkg.contributes.languages, [{ id: 'jsonc', filenames: ['.slsguard.json'] }]);
    const shipped = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'schemas', 'slsguard.schema.json'), 'utf8'));
    assert.equal(shipped.allowComments, true);
    assert.equal(shipped.allowTrailingCommas, true);
    const validating: string[] = [];
    const walk = (node: unknown, at: string) => {
      if (!node || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        const inNames = at.endsWith('/properties') || at.endsWith('/definitions');
        if (!inNames && ['type', 'enum', 'additionalProperties', 'pattern', 'minLength'].includes(key)) validating.push(`${at}/${key}`);
        walk(value, `${at}/${key}`);
      }
    };
    walk(shipped, '');
    assert.deepEqual(validating, [], 'the editor schema must not validate: the server reports each mistake');
    // Completion and hover stay: every rule id with its title, severities with their meaning.
    assert.match(shipped.properties.rules.properties['s3-enforce-ssl'].description, /\(default: warning\)/);
    assert.deepEqual(
      shipped.definitions.severity.defaultSnippets.map((s: { body: string }) => s.body),
      ['error', 'warning', 'info', 'off'],
    );
    // The README's example, comments and a trailing comma included, is read without a problem.
    const readme = fs.readFileSync(path.join(packageRoot(), 'README.md'), 'utf8');
    const example = /```jsonc?\n(\{[\s\S]*?\})\n```/.exec(readme.slice(readme.indexOf('.slsguard.json')));
    assert.ok(example, 'the README shows a .slsguard.json');
    assert.deepEqual(problems(example[1]), []);
    assert.deepEqual(problems('{\n  // a comment\n  "rules": { "iam-shared-role": "off", },\n}'), []);
  });
});
