import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ruleTester, type InvalidCase } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import { typeCheckFixOutputs } from '../../../test/fixOutputs';
import { NOT_A_RUNTIME, RUNTIMES } from '../../cdk/data/runtimes';
import { judgeRuntime } from '../../cdk/runtimes';
import rule from './rule';

/** `stack(body)`: the body's first line is line 8 of the file. */
const { stack } = stackFixture(["import * as lambda from 'aws-cdk-lib/aws-lambda';"], 'ApiStack');

const TWO = stack(`
    new lambda.Function(this, 'Report', {
      runtime: lambda.Runtime.PYTHON_3_8,
      handler: 'app.handler',
      code: lambda.Code.fromAsset('report'),
    });
    new lambda.Function(this, 'Worker', {
      runtime: lambda.Runtime.GO_1_X,
      handler: 'bootstrap',
      code: lambda.Code.fromAsset('worker'),
    });
`);

const JS = `const cdk = require('aws-cdk-lib');
const lambda = require('aws-cdk-lib/aws-lambda');

class ApiStack extends cdk.Stack {
  constructor(scope, id) {
    super(scope, id);
    new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.RUBY_2_7, handler: 'app.handler', code: lambda.Code.fromAsset('src') });
  }
}

module.exports = { ApiStack };
`;

const invalid: InvalidCase[] = [
  {
    name: 'Node.js 16: reported at the value, the fix moves to the newest Node.js and is not preferred',
    code: stack(`
    new lambda.Function(this, 'Orders', {
      runtime: lambda.Runtime.NODEJS_16_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
    });
`),
    errors: [
      {
        line: 9,
        column: 16,
        endLine: 9,
        endColumn: 42,
        messageId: 'deprecated',
        message:
          'Runtime.NODEJS_16_X is deprecated since 2024-06-12: AWS no longer applies security patches to it. Move the function to a supported runtime such as Runtime.NODEJS_24_X.',
        fixes: [
          {
            title: 'Use Runtime.NODEJS_24_X',
            isPreferred: false,
            output: stack(`
    new lambda.Function(this, 'Orders', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
    });
`),
          },
        ],
      },
    ],
  },
  {
    name: 'a runtime AWS blocks updates of is an error',
    code: stack(`
    new lambda.Function(this, 'Legacy', {
      runtime: lambda.Runtime.NODEJS_10_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
    });
`),
    errors: [
      {
        line: 9,
        column: 16,
        severity: 'error',
        messageId: 'blocked',
        message:
          'Runtime.NODEJS_10_X is deprecated since 2021-07-30 and AWS no longer lets you update functions that use it: the function cannot even be patched. Move it to a supported runtime such as Runtime.NODEJS_24_X.',
      },
    ],
  },
  {
    name: 'Python 3.8 (no verified date: deprecated by the CDK), Go 1.x moves to the OS-only runtime',
    code: TWO,
    errors: [
      {
        line: 9,
        column: 16,
        message:
          'Runtime.PYTHON_3_8 is deprecated since 2024-10-14: AWS no longer applies security patches to it. Move the function to a supported runtime such as Runtime.PYTHON_3_14.',
        fixes: [{ title: 'Use Runtime.PYTHON_3_14', output: TWO.replace('PYTHON_3_8', 'PYTHON_3_14') }],
      },
      { line: 14, column: 16, fixes: [{ title: 'Use Runtime.PROVIDED_AL2023', output: TWO.replace('GO_1_X', 'PROVIDED_AL2023') }] },
    ],
  },
  {
    name: 'a runtime from a constant: reported at the constant, with the use as related location',
    code: stack(`
    const RUNTIME = lambda.Runtime.NODEJS_18_X;
    new lambda.Function(this, 'A', { runtime: RUNTIME, handler: 'index.handler', code: lambda.Code.fromInline('') });
`),
    errors: [
      {
        line: 8,
        column: 21,
        endLine: 8,
        endColumn: 47,
        related: [{ file: 'lib/stack.ts', line: 9, column: 47, message: 'Used here' }],
        fixes: [
          {
            output: stack(`
    const RUNTIME = lambda.Runtime.NODEJS_24_X;
    new lambda.Function(this, 'A', { runtime: RUNTIME, handler: 'index.handler', code: lambda.Code.fromInline('') });
`),
          },
        ],
      },
    ],
  },
  {
    name: 'CfnFunction and SAM take the CloudFormation string; the fix keeps the quotes',
    code: `import * as cdk from 'aws-cdk-lib';
import { aws_lambda as lambda, aws_sam as sam } from 'aws-cdk-lib';

export function functions(stack: cdk.Stack, role: string) {
  new lambda.CfnFunction(stack, 'L1', { runtime: "nodejs14.x", role, code: { zipFile: 'x' } });
  new sam.CfnFunction(stack, 'Sam', { runtime: 'python3.7', codeUri: 'src/' });
}
`,
    errors: [
      {
        line: 5,
        column: 50,
        endLine: 5,
        endColumn: 62,
        message:
          'nodejs14.x is deprecated since 2023-12-04: AWS no longer applies security patches to it. Move the function to a supported runtime such as nodejs24.x.',
        fixes: [
          {
            title: 'Use nodejs24.x',
            output: `import * as cdk from 'aws-cdk-lib';
import { aws_lambda as lambda, aws_sam as sam } from 'aws-cdk-lib';

export function functions(stack: cdk.Stack, role: string) {
  new lambda.CfnFunction(stack, 'L1', { runtime: "nodejs24.x", role, code: { zipFile: 'x' } });
  new sam.CfnFunction(stack, 'Sam', { runtime: 'python3.7', codeUri: 'src/' });
}
`,
          },
        ],
      },
      { line: 6, column: 48, endLine: 6, endColumn: 59 },
    ],
  },
  {
    name: 'NodejsFunction with a named import of Runtime',
    code: `import { Stack } from 'aws-cdk-lib';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';

export class WebStack extends Stack {
  build() {
    new NodejsFunction(this, 'Web', { entry: 'src/web.ts', runtime: Runtime.NODEJS_14_X });
  }
}
`,
    errors: [
      {
        line: 7,
        column: 69,
        endLine: 7,
        endColumn: 88,
        fixes: [
          {
            output: `import { Stack } from 'aws-cdk-lib';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';

export class WebStack extends Stack {
  build() {
    new NodejsFunction(this, 'Web', { entry: 'src/web.ts', runtime: Runtime.NODEJS_24_X });
  }
}
`,
          },
        ],
      },
    ],
  },
  {
    name: 'CDK v1 @aws-cdk/aws-lambda',
    code: `import * as cdk from '@aws-cdk/core';
import * as lambda from '@aws-cdk/aws-lambda';

export class LegacyStack extends cdk.Stack {
  constructor(scope: cdk.Construct, id: string) {
    super(scope, id);
    new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_12_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') });
  }
}
`,
    // CDK v1's Runtime has no member for today's runtimes: no fix, and the message names one v1 can build.
    errors: [
      {
        line: 7,
        column: 48,
        endLine: 7,
        endColumn: 74,
        message:
          "Runtime.NODEJS_12_X is deprecated: AWS no longer applies security patches to it. Move the function to a supported runtime such as new Runtime('nodejs24.x', RuntimeFamily.NODEJS).",
        fixes: [],
      },
    ],
  },
  {
    name: 'require() in a JavaScript app',
    filename: 'lib/stack.js',
    code: JS,
    errors: [
      {
        line: 7,
        column: 48,
        endLine: 7,
        endColumn: 71,
        fixes: [{ title: 'Use Runtime.RUBY_3_4', output: JS.replace('RUBY_2_7', 'RUBY_3_4') }],
      },
    ],
  },
];

ruleTester(rule, {
  valid: [
    {
      name: 'current runtimes and NODEJS_LATEST',
      code: stack(`
    new lambda.Function(this, 'A', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('a') });
    new lambda.Function(this, 'B', { runtime: lambda.Runtime.NODEJS_LATEST, handler: 'index.handler', code: lambda.Code.fromAsset('b') });
    new lambda.Function(this, 'C', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'app.handler', code: lambda.Code.fromAsset('c') });
    new lambda.Function(this, 'D', { runtime: lambda.Runtime.PROVIDED_AL2023, handler: 'bootstrap', code: lambda.Code.fromAsset('d') });
    new lambda.CfnFunction(this, 'E', { runtime: 'java21', role: 'arn', code: {} });
`),
    },
    {
      name: 'no runtime (NodejsFunction picks a current one), a runtime the analysis cannot see, a local class',
      code: `import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';

class Function {
  constructor(readonly scope: Construct, readonly id: string, readonly props: { runtime: string }) {}
}

export function build(scope: Construct, runtime: lambda.Runtime) {
  new NodejsFunction(scope, 'A', { entry: 'a.ts' });
  new lambda.Function(scope, 'B', { runtime, handler: 'index.handler', code: lambda.Code.fromAsset('b') });
  new Function(scope, 'C', { runtime: 'nodejs12.x' });
}
`,
    },
  ],
  invalid,
});

typeCheckFixOutputs(rule.meta.id, invalid);

describe('lambda-deprecated-runtime: the runtime table', () => {
  const dts = fs.readFileSync(
    path.join(path.dirname(require.resolve('aws-cdk-lib/package.json')), 'aws-lambda', 'lib', 'runtime.d.ts'),
    'utf8',
  );
  const members = [...dts.matchAll(/static readonly (\w+): Runtime(?:\[\])?;/g)].map((m) => m[1]);
  const deprecatedByCdk = new Set(
    [...dts.matchAll(/@deprecated[^*]*(?:\*(?!\/)[^*]*)*\*\/\s*static readonly (\w+): Runtime;/g)].map((m) => m[1]),
  );

  it('classifies every Runtime member of the installed aws-cdk-lib', () => {
    assert.ok(members.length > 40, `read ${members.length} members from runtime.d.ts`);
    const unclassified = members.filter((m) => !RUNTIMES[m] && !NOT_A_RUNTIME.includes(m));
    assert.deepEqual(unclassified, [], 'Runtime members with no row in cdk/data/runtimes.ts');
  });

  it('calls deprecated every runtime aws-cdk-lib marks @deprecated', () => {
    assert.ok(deprecatedByCdk.has('NODEJS_16_X') && deprecatedByCdk.has('GO_1_X'));
    const missed = [...deprecatedByCdk].filter((m) => RUNTIMES[m] && !judgeRuntime(RUNTIMES[m]).deprecated);
    assert.deepEqual(missed, []);
  });

  it('judges by date: a runtime is deprecated from its date on, blocked from its block date on', () => {
    const row = RUNTIMES.NODEJS_22_X;
    assert.deepEqual(judgeRuntime(row, '2027-04-29'), { deprecated: false, blocked: false });
    assert.deepEqual(judgeRuntime(row, '2027-04-30'), { deprecated: true, blocked: false });
    assert.deepEqual(judgeRuntime(row, '2027-07-01'), { deprecated: true, blocked: true });
  });
});
