import * as assert from 'node:assert/strict';
import { defaultConfig } from '../config';
import { Engine } from '../engine/engine';
import { MemoryHost } from './memoryHost';

/**
 * A constant imported from another project file is followed to its declaration however the
 * other file exports it: the finding stays at the use site and links to the declaration.
 */

/** A statement in `lib/stack.ts` that uses `use` (an expression over what `imports` brings in). */
const stack = (imports: string, use: string) => `import * as iam from 'aws-cdk-lib/aws-iam';
${imports}
export const statement = new iam.PolicyStatement({ actions: ${use}, resources: ['arn:aws:s3:::b/*'] });
`;

interface Case {
  name: string;
  stack: string;
  /** The stack's file, when not `lib/stack.ts` (`require` is an import in JavaScript only). */
  stackFile?: string;
  files: Record<string, string>;
  /** Where the wildcard is declared (`file:line`, 1-based), or undefined when nothing may be found. */
  declared?: string;
  /** Files the stack's findings depend on. */
  dependencies?: string[];
}

const cases: Case[] = [
  {
    name: 'a named export',
    stack: stack("import { ACTIONS } from './constants';", 'ACTIONS'),
    files: { 'lib/constants.ts': "export const ACTIONS = ['s3:*'];\n" },
    declared: 'lib/constants.ts:1',
  },
  {
    name: 'a name exported under another name',
    stack: stack("import { ACTIONS } from './constants';", 'ACTIONS'),
    files: { 'lib/constants.ts': "const ALL = ['s3:*'];\nexport { ALL as ACTIONS };\n" },
    declared: 'lib/constants.ts:1',
  },
  {
    name: 'an import renamed at the import',
    stack: stack("import { ALL as ACTIONS } from './constants';", 'ACTIONS'),
    files: { 'lib/constants.ts': "export const ALL = ['s3:*'];\n" },
    declared: 'lib/constants.ts:1',
  },
  {
    name: 'a destructured export',
    stack: stack("import { ACTIONS } from './constants';", 'ACTIONS'),
    files: { 'lib/constants.ts': "const settings = { ACTIONS: ['s3:*'] };\nexport const { ACTIONS } = settings;\n" },
    declared: 'lib/constants.ts:1',
  },
  {
    name: 're-exported from another file',
    stack: stack("import { ACTIONS } from './index';", 'ACTIONS'),
    files: { 'lib/index.ts': "export { ACTIONS } from './constants';\n", 'lib/constants.ts': "export const ACTIONS = ['s3:*'];\n" },
    declared: 'lib/constants.ts:1',
    dependencies: ['lib/constants.ts', 'lib/index.ts'],
  },
  {
    name: 'through export * (a barrel)',
    stack: stack("import { ACTIONS } from './index';", 'ACTIONS'),
    files: {
      'lib/index.ts': "export * from './other';\nexport * from './constants';\n",
      'lib/other.ts': "export const OTHER = ['s3:GetObject'];\n",
      'lib/constants.ts': "export const ACTIONS = ['s3:*'];\n",
    },
    declared: 'lib/constants.ts:1',
    dependencies: ['lib/constants.ts', 'lib/index.ts', 'lib/other.ts'],
  },
  {
    name: 'an imported name exported again',
    stack: stack("import { ACTIONS } from './index';", 'ACTIONS'),
    files: {
      'lib/index.ts': "import { ALL } from './constants';\nexport { ALL as ACTIONS };\n",
      'lib/constants.ts': "export const ALL = ['s3:*'];\n",
    },
    declared: 'lib/constants.ts:1',
  },
  {
    name: 'a namespace import',
    stack: stack("import * as constants from './constants';", 'constants.ACTIONS'),
    files: { 'lib/constants.ts': "export const ACTIONS = ['s3:*'];\n" },
    declared: 'lib/constants.ts:1',
  },
  {
    name: 'export * as a namespace',
    stack: stack("import { policy } from './index';", 'policy.ACTIONS'),
    files: { 'lib/index.ts': "export * as policy from './constants';\n", 'lib/constants.ts': "export const ACTIONS = ['s3:*'];\n" },
    declared: 'lib/constants.ts:1',
  },
  {
    name: 'a default export',
    stack: stack("import ACTIONS from './constants';", 'ACTIONS'),
    files: { 'lib/constants.ts': "export default ['s3:*'];\n" },
    declared: 'lib/constants.ts:1',
  },
  {
    name: 'a default export of a constant',
    stack: stack("import ACTIONS from './constants';", 'ACTIONS'),
    files: { 'lib/constants.ts': "const ALL = ['s3:GetObject', 's3:*'];\nexport default ALL;\n" },
    declared: 'lib/constants.ts:1',
  },
  {
    name: 'CommonJS: exports.X = …',
    stack: stack("import { ACTIONS } from './constants';", 'ACTIONS'),
    files: { 'lib/constants.js': "exports.ACTIONS = ['s3:*'];\n" },
    declared: 'lib/constants.js:1',
  },
  {
    name: 'CommonJS: module.exports = { X } read through require',
    stackFile: 'lib/stack.js',
    stack: stack("const constants = require('./constants');", 'constants.ACTIONS'),
    files: { 'lib/constants.js': "const ACTIONS = ['s3:*'];\nmodule.exports = { ACTIONS };\n" },
    declared: 'lib/constants.js:1',
  },
  {
    name: 'CommonJS: module.exports = an object held in a constant',
    stackFile: 'lib/stack.js',
    stack: stack("const { ACTIONS } = require('./constants');", 'ACTIONS'),
    files: { 'lib/constants.js': "const settings = { ACTIONS: ['s3:*'] };\nmodule.exports = settings;\n" },
    declared: 'lib/constants.js:1',
  },
  {
    name: 'export = with import x = require()',
    stack: stack("import constants = require('./constants');", 'constants.ACTIONS'),
    files: { 'lib/constants.ts': "export = { ACTIONS: ['s3:*'] };\n" },
    declared: 'lib/constants.ts:1',
  },
  {
    name: 'a constant the other file does not export',
    stack: stack("import { ACTIONS } from './constants';", 'ACTIONS'),
    files: { 'lib/constants.ts': "const ACTIONS = ['s3:*'];\nexport const OTHER = ACTIONS;\n" },
    dependencies: ['lib/constants.ts'],
  },
  {
    name: 'a type-only export',
    stack: stack("import { ACTIONS } from './constants';", 'ACTIONS'),
    files: { 'lib/constants.ts': "const ACTIONS = ['s3:*'];\nexport type { ACTIONS };\n" },
  },
  {
    name: 'barrels that export each other',
    stack: stack("import { ACTIONS } from './a';", 'ACTIONS'),
    files: { 'lib/a.ts': "export * from './b';\n", 'lib/b.ts': "export * from './a';\nexport const OTHER = ['s3:*'];\n" },
    dependencies: ['lib/a.ts', 'lib/b.ts'],
  },
  {
    name: "a module the tsconfig's paths map to a project file",
    stack: stack("import { ACTIONS } from '@shared/constants';", 'ACTIONS'),
    files: {
      'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@shared/*": ["shared/*"] } } }',
      'shared/constants.ts': "export const ACTIONS = ['s3:*'];\n",
    },
    declared: 'shared/constants.ts:1',
    dependencies: ['shared/constants.ts'],
  },
  {
    name: 'a module mapped by the paths of the config the tsconfig extends (the tsconfig itself names no paths)',
    stack: stack("import { ACTIONS } from '@shared/constants';", 'ACTIONS'),
    files: {
      'tsconfig.json': '{ "extends": "./tsconfig.base.json" }',
      'tsconfig.base.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@shared/*": ["shared/*"] } } }',
      'shared/constants.ts': "export const ACTIONS = ['s3:*'];\n",
    },
    declared: 'shared/constants.ts:1',
    dependencies: ['shared/constants.ts'],
  },
  {
    name: 'a module mapped by paths whose keys the tsconfig writes with escapes',
    stack: stack("import { ACTIONS } from '@shared/constants';", 'ACTIONS'),
    files: {
      'tsconfig.json': '{ "compilerOptions": { "\\u0062aseUrl": ".", "\\u0070aths": { "@shared/*": ["shared/*"] } } }',
      'shared/constants.ts': "export const ACTIONS = ['s3:*'];\n",
    },
    declared: 'shared/constants.ts:1',
    dependencies: ['shared/constants.ts'],
  },
  {
    name: 'a package re-exported by a project file is not followed',
    stack: stack("import { ACTIONS } from './index';", 'ACTIONS'),
    files: { 'lib/index.ts': "export { ACTIONS } from 'some-package';\n" },
  },
];

describe('cross-file constants: how the other file exports them', () => {
  for (const c of cases) {
    it(c.name, () => {
      const file = `/p/${c.stackFile ?? 'lib/stack.ts'}`;
      const files: Record<string, string> = { [file]: c.stack };
      for (const [rel, text] of Object.entries(c.files)) files[`/p/${rel}`] = text;
      const engine = new Engine({ host: new MemoryHost(files), config: defaultConfig() });
      const result = engine.analyzeFile(file);
      const found = engine.findings(file).filter((f) => f.ruleId === 'iam-wildcard-action');
      if (c.declared === undefined) {
        assert.deepEqual(found, []);
      } else {
        assert.equal(found.length, 1, JSON.stringify(engine.findings(file)));
        // At the use site in the stack, linked to the declaration in the other file.
        assert.equal(found[0].file, file);
        assert.equal(found[0].range.start.line, 2);
        const declared = found[0].related.map((r) => `${r.file.replace('/p/', '')}:${r.range.start.line + 1}`);
        assert.deepEqual(declared, [c.declared]);
      }
      if (c.dependencies)
        assert.deepEqual(
          Object.keys(result.dependencies)
            .map((d) => d.replace('/p/', ''))
            .sort(),
          c.dependencies,
        );
      engine.dispose();
    });
  }

  // Someone writes the stack first, importing from a file they have not created yet.
  for (const { name, specifier, created, extra } of [
    { name: 'a relative import', specifier: './constants', created: '/p/lib/constants.ts', extra: {} },
    { name: 'an import written with the .js extension', specifier: './constants.js', created: '/p/lib/constants.ts', extra: {} },
    { name: 'a directory import', specifier: './constants', created: '/p/lib/constants/index.ts', extra: {} },
    {
      name: 'a path-mapped import',
      specifier: '@shared/constants',
      created: '/p/shared/constants.ts',
      extra: { '/p/tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@shared/*": ["shared/*"] } } }' },
    },
  ]) {
    it(`analyses the stack again when the file of ${name} is created after it`, () => {
      const host = new MemoryHost({ '/p/lib/stack.ts': stack(`import { ACTIONS } from '${specifier}';`, 'ACTIONS'), ...extra });
      const engine = new Engine({ host, config: defaultConfig() });
      engine.analyzeFile('/p/lib/stack.ts');
      assert.deepEqual(engine.findings('/p/lib/stack.ts'), [], 'nothing is known of ACTIONS yet');
      assert.ok(engine.dependentsOf(created).includes('/p/lib/stack.ts'), `${created} is a dependency before it exists`);
      assert.notEqual(engine.currentFindings('/p/lib/stack.ts'), undefined, 'fresh while the file is absent');

      // What the language server does on the file watcher's "created" event.
      host.write(created, "export const ACTIONS = ['s3:*'];\n");
      engine.addFile(created);
      engine.fileChanged(created);
      assert.equal(engine.currentFindings('/p/lib/stack.ts'), undefined, 'the cached result is stale');
      engine.analyzeFile('/p/lib/stack.ts');
      const found = engine.findings('/p/lib/stack.ts');
      assert.deepEqual(
        found.map((f) => f.ruleId),
        ['iam-wildcard-action'],
      );
      assert.deepEqual(
        found[0].related.map((r) => r.file),
        [created],
      );
      engine.dispose();
    });
  }

  it('does not make files that exist depend on candidates that were never looked for', () => {
    const host = new MemoryHost({
      '/p/lib/stack.ts': stack("import { ACTIONS } from './constants';", 'ACTIONS'),
      '/p/lib/constants.ts': "export const ACTIONS = ['s3:GetObject'];\n",
    });
    const engine = new Engine({ host, config: defaultConfig() });
    const result = engine.analyzeFile('/p/lib/stack.ts');
    // `.ts` is the first candidate: found, so no `.tsx` or `index.ts` was looked for.
    assert.deepEqual(Object.keys(result.dependencies), ['/p/lib/constants.ts']);
    engine.dispose();
  });

  it('re-analyses the stack when a file in the middle of a re-export chain changes', () => {
    const host = new MemoryHost({
      '/p/lib/stack.ts': stack("import { ACTIONS } from './index';", 'ACTIONS'),
      '/p/lib/index.ts': "export { SAFE as ACTIONS } from './constants';\n",
      '/p/lib/constants.ts': "export const SAFE = ['s3:GetObject'];\nexport const ALL = ['s3:*'];\n",
    });
    const engine = new Engine({ host, config: defaultConfig() });
    engine.analyzeFile('/p/lib/stack.ts');
    assert.deepEqual(engine.findings('/p/lib/stack.ts'), []);
    host.write('/p/lib/index.ts', "export { ALL as ACTIONS } from './constants';\n");
    assert.equal(engine.currentFindings('/p/lib/stack.ts'), undefined, 'the cached result is stale');
    engine.analyzeFile('/p/lib/stack.ts');
    assert.deepEqual(
      engine.findings('/p/lib/stack.ts').map((f) => f.ruleId),
      ['iam-wildcard-action'],
    );
    engine.dispose();
  });
});
