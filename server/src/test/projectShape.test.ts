import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeProject } from '../core/project';
import { defaultConfig } from '../core/config';
import { DiskHost } from '../core/model/host';
import { makeProject, TestClient } from './lspClient';
import { CLI, runCli } from './robustness';

/**
 * Projects as they are found in the wild: no tsconfig, broken ones, import cycles, symbolic link
 * loops, odd names, files that vanish mid-analysis, monorepos of many TypeScript projects. The
 * scan finishes, reports what it can, and says nothing on stderr it should not.
 */

/** A stack with one wildcard of its own and one that comes from `importLine`'s module. */
function workerStack(importLine: string, imported: string): string {
  return `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
${importLine}

export class WorkerStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const fn = new lambda.Function(this, 'Worker', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
    });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['arn:aws:s3:::uploads/*'] }));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ${imported}, resources: ['arn:aws:sqs:eu-west-1:123456789012:jobs'] }));
  }
}
`;
}

/** Line 15 (1-based) holds the stack's own wildcard, line 16 the imported one. */
const OWN_LINE = 15;
const IMPORTED_LINE = 16;

interface JsonFinding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  endColumn: number;
  message: string;
  related?: Array<{ file: string; line: number }>;
}

/** `slsguard scan --format json`; fails on a crash or anything on stderr. */
function scan(root: string, args: string[] = ['.']): JsonFinding[] {
  const r = runCli(['scan', ...args, '--format', 'json'], root);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
  assert.equal(r.stderr, '', 'nothing on stderr');
  return (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
}

/** Wildcard actions found, as `file:line 'action'`. */
function wildcards(findings: JsonFinding[]): string[] {
  return findings
    .filter((f) => f.ruleId === 'iam-wildcard-action')
    .map((f) => `${f.file}:${f.line} ${/^'[^']*'/.exec(f.message)?.[0] ?? f.message}`)
    .sort();
}

describe('project shapes', function () {
  this.timeout(60_000);
  const roots: string[] = [];
  const project = (files: Record<string, string>) => {
    const root = makeProject(files);
    roots.push(root);
    return root;
  };

  before(() => assert.ok(fs.existsSync(CLI), `build first: ${CLI} is missing`));
  after(() => {
    for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
  });

  it('no tsconfig: relative imports are still followed', () => {
    const root = project({
      'lib/stack.ts': workerStack("import { QUEUE_ACTIONS } from './actions';", 'QUEUE_ACTIONS'),
      'lib/actions.ts': "export const QUEUE_ACTIONS = ['sqs:*'];\n",
    });
    assert.deepEqual(wildcards(scan(root)), [`lib/stack.ts:${OWN_LINE} 's3:*'`, `lib/stack.ts:${IMPORTED_LINE} 'sqs:*'`]);
  });

  it('a broken tsconfig: invalid JSON, not an object, extends a missing file or package, an extends cycle, a mapping to nowhere', () => {
    const variants: Record<string, Record<string, string>> = {
      'invalid JSON': { 'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@app/*": ["lib/*"] } ' },
      'not an object': { 'tsconfig.json': '["compilerOptions"]' },
      'extends a file that does not exist': {
        'tsconfig.json': '{ "extends": "./tsconfig.base.json", "compilerOptions": { "strict": true } }',
      },
      'extends a package that is not installed': { 'tsconfig.json': '{ "extends": "@tsconfig/node20/tsconfig.json" }' },
      'an extends cycle': {
        'tsconfig.json': '{ "extends": "./tsconfig.base.json", "compilerOptions": { "baseUrl": "." } }',
        'tsconfig.base.json': '{ "extends": "./tsconfig.json", "compilerOptions": { "paths": { "@app/*": ["lib/*"] } } }',
      },
      'a path mapping that points nowhere': {
        'tsconfig.json': '{ "compilerOptions": { "baseUrl": "../../..", "paths": { "*": ["*", "../*"] } } }',
      },
    };
    // One project per variant, scanned together: each reports as a project without a tsconfig.
    const files: Record<string, string> = {};
    const expected: string[] = [];
    for (const [i, config] of Object.values(variants).entries()) {
      const dir = `variant-${i + 1}`;
      for (const [rel, text] of Object.entries(config)) files[`${dir}/${rel}`] = text;
      files[`${dir}/lib/stack.ts`] = workerStack("import { QUEUE_ACTIONS } from './actions';", 'QUEUE_ACTIONS');
      files[`${dir}/lib/actions.ts`] = "export const QUEUE_ACTIONS = ['sqs:*'];\n";
      expected.push(`${dir}/lib/stack.ts:${OWN_LINE} 's3:*'`, `${dir}/lib/stack.ts:${IMPORTED_LINE} 'sqs:*'`);
    }
    assert.deepEqual(wildcards(scan(project(files))), expected.sort());
  });

  it('circular imports, and constants defined by each other, end', () => {
    const root = project({
      // The stack imports a module that imports the stack.
      'lib/stack.ts': workerStack("import { QUEUE_ACTIONS, LOOP_A } from './actions';\nexport const EXTRA = LOOP_A;", 'QUEUE_ACTIONS'),
      'lib/actions.ts':
        "import type { WorkerStack } from './stack';\nimport { LOOP_B } from './loop';\nexport const QUEUE_ACTIONS = ['sqs:*'];\nexport const LOOP_A: string[] = LOOP_B;\nexport type Stack = WorkerStack;\n",
      'lib/loop.ts':
        "import { LOOP_A } from './actions';\nimport { EXTRA } from './stack';\nexport const LOOP_B: string[] = LOOP_A ?? EXTRA;\n",
      'lib/cyclic-stack.ts': workerStack("import { LOOP_A } from './actions';", 'LOOP_A'),
    });
    // stack.ts has one line more (EXTRA); LOOP_A has no value, so nothing is reported for it.
    assert.deepEqual(wildcards(scan(root)), [
      `lib/cyclic-stack.ts:${OWN_LINE} 's3:*'`,
      `lib/stack.ts:${OWN_LINE + 1} 's3:*'`,
      `lib/stack.ts:${IMPORTED_LINE + 1} 'sqs:*'`,
    ]);
  });

  it('symbolic link loops are not followed; a linked file is analysed once, at its link', async () => {
    const root = project({
      'lib/stack.ts': workerStack("import { QUEUE_ACTIONS } from './actions';", 'QUEUE_ACTIONS'),
      'lib/actions.ts': "export const QUEUE_ACTIONS = ['sqs:*'];\n",
      'shared/handler.ts': 'export const handler = async () => ({ statusCode: 200 });\n',
    });
    fs.symlinkSync('..', path.join(root, 'lib', 'parent'));
    fs.symlinkSync('.', path.join(root, 'lib', 'self'));
    fs.symlinkSync(path.join(root, 'loop-b'), path.join(root, 'loop-a'));
    fs.symlinkSync(path.join(root, 'loop-a'), path.join(root, 'loop-b'));
    fs.symlinkSync('../lib/stack.ts', path.join(root, 'shared', 'linked-stack.ts'));
    fs.symlinkSync('missing.ts', path.join(root, 'shared', 'dangling.ts'));
    const found = wildcards(scan(root));
    assert.deepEqual(found, [
      `lib/stack.ts:${OWN_LINE} 's3:*'`,
      `lib/stack.ts:${IMPORTED_LINE} 'sqs:*'`,
      `shared/linked-stack.ts:${OWN_LINE} 's3:*'`,
    ]);
    // The editor's workspace scan walks the same tree.
    const { client } = await TestClient.start(root);
    try {
      const summary = (await client.connection.sendRequest('slsguard/scanWorkspace', { token: 'loops' })) as {
        files: number;
        errors: number;
      };
      assert.equal(summary.files, 4);
      assert.equal(summary.errors, 3);
    } finally {
      await client.stop();
    }
  });

  it('paths with spaces, non-ASCII letters and URI characters: in text, JSON, SARIF and the editor', async () => {
    const dir = 'my app/lïb/日本';
    const name = 'stäck #1 (prod).ts';
    const rel = `${dir}/${name}`;
    const root = project({
      [rel]: workerStack("import { QUEUE_ACTIONS } from './äctions';", 'QUEUE_ACTIONS'),
      [`${dir}/äctions.ts`]: "export const QUEUE_ACTIONS = ['sqs:*'];\n",
    });
    assert.deepEqual(wildcards(scan(root)), [`${rel}:${OWN_LINE} 's3:*'`, `${rel}:${IMPORTED_LINE} 'sqs:*'`]);
    const text = runCli(['scan', '.'], root);
    assert.ok(text.stdout.includes(`${rel}:${OWN_LINE}:`), text.stdout);
    const sarif = JSON.parse(runCli(['scan', '.', '--format', 'sarif'], root).stdout) as {
      runs: Array<{
        originalUriBaseIds: Record<string, { uri: string }>;
        results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>;
      }>;
    };
    const run = sarif.runs[0];
    const base = run.originalUriBaseIds['%SRCROOT%'].uri;
    for (const result of run.results) {
      // Resolved against the base as a SARIF viewer does, the URI names the file.
      const uri = new URL(result.locations[0].physicalLocation.artifactLocation.uri, base);
      assert.equal(decodeURIComponent(uri.pathname), path.join(root, rel));
    }

    const { client } = await TestClient.start(root);
    try {
      await client.open(rel);
      const items = await client.items(rel);
      assert.deepEqual(
        items.filter((d) => d.code === 'iam-wildcard-action').map((d) => d.range.start.line + 1),
        [OWN_LINE, IMPORTED_LINE],
      );
      const related = items.find((d) => d.range.start.line + 1 === IMPORTED_LINE)?.relatedInformation?.[0];
      assert.equal(related?.location.uri, client.uri(`${dir}/äctions.ts`));
    } finally {
      await client.stop();
    }
  });

  it('bytes on disk: binary, Latin-1, a byte order mark, CRLF and empty files', () => {
    const stack = workerStack("import { QUEUE_ACTIONS } from './actions';", 'QUEUE_ACTIONS');
    const root = project({ 'lib/actions.ts': "export const QUEUE_ACTIONS = ['sqs:*'];\n", 'lib/lf.ts': stack });
    const write = (rel: string, bytes: Buffer) => fs.writeFileSync(path.join(root, rel), bytes);
    write('lib/binary.ts', Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919 + 13) % 256)));
    write('lib/latin1.ts', Buffer.from(`// Caf\u00e9 \u00e0 la carte\n${stack}`, 'latin1'));
    write('lib/bom.ts', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(stack)]));
    write('lib/crlf.ts', Buffer.from(stack.replace(/\n/g, '\r\n')));
    write('lib/empty.ts', Buffer.alloc(0));
    const findings = scan(root).filter((f) => f.ruleId === 'iam-wildcard-action');
    const at = (file: string, shift = 0) =>
      findings.filter((f) => f.file === file).map((f) => `${f.line - shift}:${f.column}-${f.endColumn}`);
    const lf = at('lib/lf.ts');
    assert.equal(lf.length, 2);
    assert.deepEqual(at('lib/bom.ts'), lf, 'a BOM moves no column');
    assert.deepEqual(at('lib/crlf.ts'), lf, 'CRLF: the same lines and columns');
    assert.deepEqual(at('lib/latin1.ts', 1), lf, 'Latin-1 bytes decode to replacement characters, nothing worse');
    assert.deepEqual(at('lib/binary.ts'), []);
    assert.deepEqual(at('lib/empty.ts'), []);
  });

  it('files deleted while the project is analysed: reported as unreadable, the rest analysed', () => {
    const root = project({
      'lib/api-stack.ts': workerStack("import { QUEUE_ACTIONS } from './shared-actions';", 'QUEUE_ACTIONS'),
      'lib/jobs-stack.ts': workerStack("import { QUEUE_ACTIONS } from './shared-actions';", 'QUEUE_ACTIONS'),
      'lib/shared-actions.ts': "export const QUEUE_ACTIONS = ['sqs:*'];\n",
    });
    const [api, jobs, actions] = ['lib/api-stack.ts', 'lib/jobs-stack.ts', 'lib/shared-actions.ts'].map((rel) => path.join(root, rel));
    /** Discovery has listed all three; reading the first deletes the other two. */
    class VanishingHost extends DiskHost {
      override readFile(file: string): string | undefined {
        const text = super.readFile(file);
        if (file === api && fs.existsSync(jobs)) {
          fs.rmSync(jobs);
          fs.rmSync(actions);
        }
        return text;
      }
    }
    const { engine, files } = analyzeProject({ paths: [root], cwd: root, config: defaultConfig(), host: new VanishingHost() });
    try {
      assert.deepEqual(files, [api, jobs, actions]);
      for (const gone of [jobs, actions]) {
        assert.equal(engine.cachedResult(gone)?.skipped, 'unreadable');
        assert.deepEqual(engine.findings(gone), []);
      }
      // The stack was read whole: its own wildcard is found; the deleted constant is not.
      const found = engine.findings(api).filter((f) => f.ruleId === 'iam-wildcard-action');
      assert.deepEqual(
        found.map((f) => f.range.start.line + 1),
        [OWN_LINE],
      );
    } finally {
      engine.dispose();
    }
  });

  it('a monorepo of 20 TypeScript projects: every one analysed, imports followed within each', () => {
    const services = [
      'sqs',
      'sns',
      's3',
      'dynamodb',
      'kms',
      'lambda',
      'logs',
      'events',
      'states',
      'kinesis',
      'firehose',
      'glue',
      'athena',
      'ecr',
      'ecs',
      'ssm',
      'secretsmanager',
      'cloudwatch',
      'xray',
      'apigateway',
    ];
    const files: Record<string, string> = {
      'tsconfig.base.json': '{ "compilerOptions": { "strict": true, "target": "ES2022", "module": "commonjs" } }',
      'package.json': '{ "name": "platform", "private": true, "workspaces": ["packages/*"] }',
    };
    const tsconfigs = [
      '{ "extends": "../../tsconfig.base.json", "include": ["src"] }',
      '{ "compilerOptions": { "strict": true, "baseUrl": ".", "paths": { "@shared/*": ["src/shared/*"] } } }',
      '{ "extends": "../../tsconfig.base.json", "compilerOptions": { "rootDir": "src", "outDir": "dist" }, "references": [{ "path": "../01-sqs" }] }',
      '{ "compilerOptions": { "composite": true }, // a comment, and a trailing comma\n }',
    ];
    services.forEach((service, i) => {
      const pkg = `packages/${String(i + 1).padStart(2, '0')}-${service}`;
      files[`${pkg}/tsconfig.json`] = tsconfigs[i % tsconfigs.length];
      files[`${pkg}/src/stack.ts`] = workerStack("import { QUEUE_ACTIONS } from './shared/actions';", 'QUEUE_ACTIONS');
      files[`${pkg}/src/shared/actions.ts`] = `export const QUEUE_ACTIONS = ['${service}:*'];\n`;
      // Build output of each project is never read.
      files[`${pkg}/dist/stack.js`] = "const iam = require('aws-cdk-lib/aws-iam');\nnew iam.PolicyStatement({ actions: ['*'] });\n";
    });
    const root = project(files);
    const found = scan(root).filter((f) => f.ruleId === 'iam-wildcard-action');
    assert.equal(found.filter((f) => f.line === OWN_LINE).length, services.length);
    const imported = found.filter((f) => f.line === IMPORTED_LINE);
    assert.equal(imported.length, services.length);
    for (const f of imported) {
      const pkg = f.file.split('/').slice(0, 2).join('/');
      const service = pkg.replace(/^packages\/\d+-/, '');
      assert.ok(f.message.startsWith(`'${service}:*'`), `${f.file}: ${f.message}`);
      assert.deepEqual(
        f.related?.map((r) => r.file),
        [`${pkg}/src/shared/actions.ts`],
      );
    }
    assert.ok(!found.some((f) => f.file.includes('/dist/')));
  });
});
