import * as assert from 'node:assert/strict';
import { createRule } from '../rule';
import { analyze } from '../../test/ruleTester';
import * as ts from 'typescript';
import { FileContext } from '../model/fileContext';
import { applyEdits, mergeInsertions } from './edits';
import { importSymbol, importSymbols } from './imports';
import { addConstructProperty } from './props';

/**
 * A throwaway rule that asks for `enforceSSL: true` and `blockPublicAccess:
 * <BlockPublicAccess>.BLOCK_ALL` on every bucket, so the helpers' edits can be checked on real
 * files written in each import style.
 */
const probe = createRule({
  meta: {
    id: 'probe-bucket',
    title: 'probe',
    description: 'probe',
    defaultSeverity: 'info',
    category: 'data',
    cwe: [],
    guideSection: 'data-protection.md#blocking-public-access',
    fixable: true,
    appliesTo: 'cdk',
    messages: { m: 'bucket' },
  },
  check(ctx) {
    for (const expr of ctx.newExpressions('aws-s3.Bucket')) {
      const symbol = importSymbol(ctx.file, 'aws-cdk-lib/aws-s3', 'BlockPublicAccess');
      const prop = addConstructProperty(ctx, expr, `blockPublicAccess: ${symbol.text}.BLOCK_ALL`);
      ctx.report({ at: expr, messageId: 'm', fixes: prop ? [{ title: 'fix', edits: [...symbol.edits, prop], isPreferred: true }] : [] });
    }
  },
});

function fixed(code: string, filename = 'lib/stack.ts'): string {
  const { findings } = analyze(probe, { code, filename });
  assert.equal(findings.length, 1, 'one bucket');
  assert.equal(findings[0].fixes.length, 1, 'a fix');
  return applyEdits(code, findings[0].fixes[0].edits);
}

describe('fix helpers', () => {
  it('reuses a namespace import of the module and keeps one-property-per-line layout', () => {
    const code = `import * as cdk from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';

export class S extends cdk.Stack {
  constructor(scope: any, id: string) {
    super(scope, id);
    new s3.Bucket(this, 'B', {
      versioned: true,
      enforceSSL: true,
    });
  }
}
`;
    assert.equal(
      fixed(code),
      code.replace('      enforceSSL: true,\n', '      enforceSSL: true,\n      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,\n'),
    );
  });

  it('adds to a one-line props object and creates missing props', () => {
    const one = `import * as s3 from 'aws-cdk-lib/aws-s3';\nnew s3.Bucket(this, 'B', { versioned: true });\n`;
    assert.equal(
      fixed(one),
      `import * as s3 from 'aws-cdk-lib/aws-s3';\nnew s3.Bucket(this, 'B', {
  versioned: true,
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
});\n`,
    );
    const none = `import * as s3 from 'aws-cdk-lib/aws-s3';\nnew s3.Bucket(this, 'B');\n`;
    assert.equal(
      fixed(none),
      `import * as s3 from 'aws-cdk-lib/aws-s3';\nnew s3.Bucket(this, 'B', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });\n`,
    );
    const empty = `import * as s3 from 'aws-cdk-lib/aws-s3';\nnew s3.Bucket(this, 'B', {});\n`;
    assert.equal(
      fixed(empty),
      `import * as s3 from 'aws-cdk-lib/aws-s3';\nnew s3.Bucket(this, 'B', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });\n`,
    );
  });

  it('edits a props object held in a local const', () => {
    const code = `import * as s3 from 'aws-cdk-lib/aws-s3';\nconst props = { versioned: true };\nnew s3.Bucket(this, 'B', props);\n`;
    assert.equal(
      fixed(code),
      code.replace('{ versioned: true }', '{\n  versioned: true,\n  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,\n}'),
    );
  });

  it('merges into an existing named import of the module', () => {
    const code = `import { Stack } from 'aws-cdk-lib';\nimport { Bucket } from 'aws-cdk-lib/aws-s3';\nnew Bucket(this, 'B');\n`;
    assert.equal(
      fixed(code),
      `import { Stack } from 'aws-cdk-lib';\nimport { Bucket, BlockPublicAccess } from 'aws-cdk-lib/aws-s3';\nnew Bucket(this, 'B', { blockPublicAccess: BlockPublicAccess.BLOCK_ALL });\n`,
    );
  });

  it('extends root-barrel named imports', () => {
    const code = `import { Stack, aws_s3 as s3 } from 'aws-cdk-lib';\nnew s3.Bucket(this, 'B');\n`;
    assert.equal(
      fixed(code),
      `import { Stack, aws_s3 as s3 } from 'aws-cdk-lib';\nnew s3.Bucket(this, 'B', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });\n`,
    );
  });

  it('uses the root barrel namespace when that is how the file reaches the module', () => {
    const code = `import * as cdk from 'aws-cdk-lib';\nnew cdk.aws_s3.Bucket(this, 'B');\n`;
    assert.equal(
      fixed(code),
      `import * as cdk from 'aws-cdk-lib';\nnew cdk.aws_s3.Bucket(this, 'B', {
  blockPublicAccess: cdk.aws_s3.BlockPublicAccess.BLOCK_ALL,
});\n`,
    );
  });

  it('adds a namespace import after the last import when the file uses namespaces', () => {
    const code = `import * as cdk from 'aws-cdk-lib';\nimport * as iam from 'aws-cdk-lib/aws-iam';\nimport { Bucket } from './my-bucket';\nconst b = cdk.aws_s3;\nnew b.Bucket(this, 'B');\n`;
    const out = fixed(code);
    assert.ok(out.includes(`import { Bucket } from './my-bucket';\nimport * as s3 from 'aws-cdk-lib/aws-s3';\n`), out);
  });

  it('writes require in CommonJS files and @aws-cdk packages in CDK v1 apps', () => {
    const cjs = `const cdk = require('aws-cdk-lib');\nconst { Bucket } = require('aws-cdk-lib/aws-s3');\nnew Bucket(this, 'B');\n`;
    assert.ok(fixed(cjs, 'lib/stack.js').includes(`const s3 = require('aws-cdk-lib/aws-s3');\n`));
    const v1 = `import * as cdk from '@aws-cdk/core';\nimport { Bucket } from '@aws-cdk/aws-s3';\nnew Bucket(this, 'B');\n`;
    assert.ok(fixed(v1).includes(`import { Bucket, BlockPublicAccess } from '@aws-cdk/aws-s3';`));
  });
});

describe('importing several symbols', () => {
  const file = (code: string, name = '/p/lib/stack.ts') =>
    new FileContext(ts.createSourceFile(name, code, ts.ScriptTarget.Latest, true), name);
  const apply = (code: string, module: string, names: string[], name?: string) => {
    const { texts, edits } = importSymbols(file(code, name), module, names);
    return { texts, output: applyEdits(code, mergeInsertions(edits)) };
  };

  it('imports a module once when a fix asks for two of its symbols separately (issue 19)', () => {
    // Named imports and one namespace import: the access-log fix once added
    // `import * as apigateway` twice here, and the file no longer compiled.
    const mixed = `import * as s3 from 'aws-cdk-lib/aws-s3';\nimport { Stack } from 'aws-cdk-lib';\nimport { RestApi } from 'aws-cdk-lib/aws-apigateway';\n`;
    const twice = (code: string) => {
      const ctx = file(code);
      const a = importSymbol(ctx, 'aws-cdk-lib/aws-apigateway', 'LogGroupLogDestination');
      const b = importSymbol(ctx, 'aws-cdk-lib/aws-apigateway', 'AccessLogFormat');
      return { texts: [a.text, b.text], output: applyEdits(code, mergeInsertions([...a.edits, ...b.edits])) };
    };
    // The module's own named import takes the names, whatever style the rest of the file has.
    assert.deepEqual(twice(mixed), {
      texts: ['LogGroupLogDestination', 'AccessLogFormat'],
      output: mixed.replace('{ RestApi }', '{ RestApi, LogGroupLogDestination, AccessLogFormat }'),
    });
    // Not imported yet, in a file of namespace imports: one new namespace import.
    const namespaces = `import * as s3 from 'aws-cdk-lib/aws-s3';\nimport { Stack } from 'aws-cdk-lib';\n`;
    assert.deepEqual(twice(namespaces), {
      texts: ['apigateway.LogGroupLogDestination', 'apigateway.AccessLogFormat'],
      output: `${namespaces}import * as apigateway from 'aws-cdk-lib/aws-apigateway';\n`,
    });
  });

  it('adds one namespace import for two names of a module', () => {
    const code = `import * as cdk from 'aws-cdk-lib';\nimport * as lambda from 'aws-cdk-lib/aws-lambda';\n`;
    assert.deepEqual(apply(code, 'aws-cdk-lib/aws-logs', ['LogGroup', 'RetentionDays']), {
      texts: ['logs.LogGroup', 'logs.RetentionDays'],
      output: `${code}import * as logs from 'aws-cdk-lib/aws-logs';\n`,
    });
  });

  it('adds one named import, or extends the existing one, for the names not imported yet', () => {
    const code = `import { Stack } from 'aws-cdk-lib';\nimport { LogGroup } from 'aws-cdk-lib/aws-logs';\n`;
    assert.deepEqual(apply(code, 'aws-cdk-lib/aws-logs', ['LogGroup', 'RetentionDays']), {
      texts: ['LogGroup', 'RetentionDays'],
      output: `import { Stack } from 'aws-cdk-lib';\nimport { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';\n`,
    });
    const fresh = `import { Stack } from 'aws-cdk-lib';\nimport { Function } from 'aws-cdk-lib/aws-lambda';\n`;
    assert.equal(
      apply(fresh, 'aws-cdk-lib/aws-logs', ['LogGroup', 'RetentionDays']).output,
      `${fresh}import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';\n`,
    );
  });

  it('names root exports (Aws) through the root namespace, root named imports, the barrel import or require', () => {
    assert.deepEqual(apply(`import * as cdk from 'aws-cdk-lib';\n`, 'aws-cdk-lib', ['Aws']).texts, ['cdk.Aws']);
    assert.equal(
      apply(`import { Stack } from 'aws-cdk-lib';\nimport { Bucket } from 'aws-cdk-lib/aws-s3';\n`, 'aws-cdk-lib', ['Aws']).output,
      `import { Stack, Aws } from 'aws-cdk-lib';\nimport { Bucket } from 'aws-cdk-lib/aws-s3';\n`,
    );
    assert.equal(
      apply(`import { aws_s3 as s3 } from 'aws-cdk-lib';\n`, 'aws-cdk-lib', ['Aws', 'Duration']).output,
      `import { aws_s3 as s3, Aws, Duration } from 'aws-cdk-lib';\n`,
    );
    assert.equal(
      apply(`const s3 = require('aws-cdk-lib/aws-s3');\n`, 'aws-cdk-lib', ['Aws'], '/p/lib/stack.js').output,
      `const s3 = require('aws-cdk-lib/aws-s3');\nconst cdk = require('aws-cdk-lib');\n`,
    );
    assert.equal(
      apply(`import * as s3 from '@aws-cdk/aws-s3';\n`, 'aws-cdk-lib', ['Aws']).output,
      `import * as s3 from '@aws-cdk/aws-s3';\nimport * as cdk from '@aws-cdk/core';\n`,
    );
  });

  it('writes aws-cdk-lib imports in a CDK v2 file that also uses an @aws-cdk/*-alpha package', () => {
    const code = `import * as lambda from 'aws-cdk-lib/aws-lambda';\nimport { PythonFunction } from '@aws-cdk/aws-lambda-python-alpha';\n`;
    assert.equal(apply(code, 'aws-cdk-lib/aws-logs', ['RetentionDays']).output, `${code}import * as logs from 'aws-cdk-lib/aws-logs';\n`);
  });
});

describe('mergeInsertions', () => {
  it('joins insertions at one point in order and keeps other edits', () => {
    const at = (line: number, character: number) => ({ line, character });
    const edits = [
      { file: 'f', range: { start: at(1, 0), end: at(1, 0) }, newText: 'a' },
      { file: 'f', range: { start: at(0, 0), end: at(0, 3) }, newText: 'x' },
      { file: 'f', range: { start: at(1, 0), end: at(1, 0) }, newText: 'b' },
    ];
    assert.deepEqual(mergeInsertions(edits), [
      { file: 'f', range: { start: at(1, 0), end: at(1, 0) }, newText: 'ab' },
      { file: 'f', range: { start: at(0, 0), end: at(0, 3) }, newText: 'x' },
    ]);
  });
});
