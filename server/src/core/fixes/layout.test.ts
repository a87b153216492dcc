import * as assert from 'node:assert/strict';
import { analyze } from '../../test/ruleTester';
import { applyEdits } from './edits';
import type { Rule } from '../rule';
import throttling from '../rules/apigw-no-throttling/rule';
import snsUnencrypted from '../rules/sns-unencrypted/rule';
import s3EnforceSsl from '../rules/s3-enforce-ssl/rule';

/**
 * The object literals fixes write follow the file's own layout (fixes/layout.ts): its
 * indentation step (two spaces, four, a tab), one property per line when there are two or more
 * or the line would not fit, a short one-property object inline, the file's trailing-comma habit.
 */

function fixedBy(rule: Rule, code: string, filename = 'lib/stack.ts', config?: Parameters<typeof analyze>[1]['config']): string {
  const { findings } = analyze(rule, { code, filename, config });
  const fix = findings.find((f) => f.fixes.length)?.fixes[0];
  assert.ok(fix, 'a fix');
  return applyEdits(code, fix.edits);
}

const stack = (indent: string, body: string) =>
  `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as s3 from 'aws-cdk-lib/aws-s3';

export class OrdersStack extends cdk.Stack {
${indent}constructor(scope: Construct, id: string) {
${indent}${indent}super(scope, id);
${body
  .split('\n')
  .map((line) => (line ? `${indent}${indent}${line}` : line))
  .join('\n')}
${indent}}
}
`;

describe('fix layout follows the file', () => {
  for (const [name, unit] of [
    ['four spaces', '    '],
    ['a tab', '\t'],
    ['two spaces', '  '],
  ] as const) {
    it(`a new nested props object, one property per line, indented with ${name}`, () => {
      const code = stack(unit, "new apigateway.RestApi(this, 'OrdersApi');\n");
      const i2 = unit + unit;
      assert.equal(
        fixedBy(throttling, code),
        stack(unit, "new apigateway.RestApi(this, 'OrdersApi');\n").replace(
          `${i2}new apigateway.RestApi(this, 'OrdersApi');`,
          `${i2}new apigateway.RestApi(this, 'OrdersApi', {\n` +
            `${i2}${unit}deployOptions: {\n` +
            `${i2}${unit}${unit}throttlingRateLimit: 100,\n` +
            `${i2}${unit}${unit}throttlingBurstLimit: 200,\n` +
            `${i2}${unit}},\n` +
            `${i2}});`,
        ),
      );
    });
  }

  it('a new declaration with a one-property object: inline when the line fits, else one per line (tab file)', () => {
    const code = stack('\t', "new sns.Topic(this, 'T');\nnew sns.Topic(this, 'OrderNotificationsForTheWholeCompany');\n");
    const out = fixedBy(snsUnencrypted, code);
    assert.match(out, /\n\t\tconst tKey = new kms\.Key\(this, 'TKey', \{ enableKeyRotation: true \}\);\n/);
    const second = analyze(snsUnencrypted, { code, filename: 'lib/stack.ts' }).findings[1].fixes[0];
    assert.match(
      applyEdits(code, second.edits),
      /\n\t\tconst orderNotificationsForTheWholeCompanyKey = new kms\.Key\(this, 'OrderNotificationsForTheWholeCompanyKey', \{\n\t\t\tenableKeyRotation: true,\n\t\t\}\);\n/,
    );
  });

  it('a one-line props object that no longer fits is written one property per line; no trailing comma where the file has none', () => {
    const code = `import * as cdk from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';

export class DataStack extends cdk.Stack {
    constructor(scope: cdk.App, id: string) {
        super(scope, id, {
            description: 'data'
        });
        new s3.Bucket(this, 'Uploads', { versioned: true, bucketName: 'orders-uploads-archive' });
    }
}
`;
    assert.equal(
      fixedBy(s3EnforceSsl, code),
      code.replace(
        "{ versioned: true, bucketName: 'orders-uploads-archive' }",
        "{\n            versioned: true,\n            bucketName: 'orders-uploads-archive',\n            enforceSSL: true\n        }",
      ),
    );
  });

  it('the same fix at the same place follows each file: its trailing commas, its indentation, its line ends', () => {
    // Layouts are remembered across analyses (every keystroke writes the same fixes again): by
    // the file's style too, so a file analysed after another gets its own.
    const api = (indent: string, comma: string, eol: string, fixed = false) => {
      const i2 = indent + indent;
      const created = fixed
        ? `${i2}new apigateway.RestApi(this, 'OrdersApi', {\n` +
          `${i2}${indent}deployOptions: {\n` +
          `${i2}${indent}${indent}throttlingRateLimit: 100,\n` +
          `${i2}${indent}${indent}throttlingBurstLimit: 200${comma}\n` +
          `${i2}${indent}}${comma}\n` +
          `${i2}});`
        : `${i2}new apigateway.RestApi(this, 'OrdersApi');`;
      return `import * as cdk from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';

export class ApiStack extends cdk.Stack {
${indent}constructor(scope: cdk.App, id: string) {
${i2}super(scope, id, {
${i2}${indent}description: 'orders'${comma}
${i2}});
${created}
${indent}}
}
`.replace(/\n/g, eol);
    };
    for (const [indent, comma, eol] of [
      ['  ', '', '\n'],
      ['  ', ',', '\n'],
      ['  ', '', '\n'],
      ['\t', ',', '\n'],
      ['  ', ',', '\r\n'],
      ['  ', ',', '\n'],
    ]) {
      assert.equal(fixedBy(throttling, api(indent, comma, eol)), api(indent, comma, eol, true), JSON.stringify([indent, comma, eol]));
    }
  });

  it('a property added to a one-line object that still fits stays on its line', () => {
    const code = stack('  ', "new s3.Bucket(this, 'Uploads', { versioned: true });\n");
    assert.equal(fixedBy(s3EnforceSsl, code), code.replace('{ versioned: true }', '{ versioned: true, enforceSSL: true }'));
  });
});

describe('fix layout in Python', () => {
  it('keyword arguments follow a call written one argument per line, at its indentation', () => {
    const code = `from aws_cdk import Stack, aws_s3 as s3
from constructs import Construct


class DataStack(Stack):
    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id)
        s3.Bucket(
            self,
            "Uploads",
            versioned=True,
        )
        s3.Bucket(self, "Logs", versioned=True)
`;
    const { findings } = analyze(s3EnforceSsl, { code, filename: 'stacks/data_stack.py' });
    const outputs = findings.map((f) => applyEdits(code, f.fixes[0].edits));
    assert.equal(outputs.length, 2);
    assert.equal(outputs[0], code.replace('            versioned=True,\n', '            versioned=True,\n            enforce_ssl=True,\n'));
    assert.equal(outputs[1], code.replace('"Logs", versioned=True)', '"Logs", versioned=True, enforce_ssl=True)'));
  });
});
