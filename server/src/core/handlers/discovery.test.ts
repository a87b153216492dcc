import * as assert from 'node:assert/strict';
import { analyze, ROOT } from '../../test/ruleTester';
import logsSensitive from '../rules/handler-logs-sensitive/rule';

/**
 * Which functions are handlers. The probe is `handler-logs-sensitive`: each handler logs its
 * whole event, so a finding means the function was recognised as a Lambda handler.
 */

function findings(code: string, filename: string, files: Record<string, string> = {}): string[] {
  return analyze(logsSensitive, { code, filename, files })
    .findings.filter((f) => f.ruleId === logsSensitive.meta.id)
    .map((f) => `${f.file.slice(ROOT.length + 1)}:${f.range.start.line + 1}`);
}

/** A handler file whose function `name` logs its event on line 2, exported by `exportLine`. */
const exported = (exportLine: string, fn = 'async function main(event) {\n  console.log(event);\n}') => `${fn}\n${exportLine}\n`;

describe('handler discovery', () => {
  describe('export forms', () => {
    const forms: Array<[string, string, string, number?]> = [
      ['export const handler = arrow', 'lambda/a.ts', 'export const handler = async (event: unknown) => {\n  console.log(event);\n};\n'],
      ['export async function handler', 'lambda/a.ts', 'export async function handler(event: unknown) {\n  console.log(event);\n}\n'],
      [
        'export const handler = function expression',
        'lambda/a.ts',
        'export const handler = async function (event: unknown) {\n  console.log(event);\n};\n',
      ],
      ['export { main as handler }', 'lambda/a.ts', exported('export { main as handler };')],
      [
        'const handler …; export { handler }',
        'lambda/a.ts',
        'const handler = async (event: unknown) => {\n  console.log(event);\n};\nexport { handler };\n',
      ],
      ['exports.handler = …', 'lambda/a.js', exported('exports.handler = main;')],
      ['module.exports.handler = …', 'lambda/a.js', 'module.exports.handler = async (event) => {\n  console.log(event);\n};\n'],
      [
        'module.exports = { handler }',
        'lambda/a.cjs',
        'const handler = async (event) => {\n  console.log(event);\n};\nmodule.exports = { handler };\n',
      ],
      ['module.exports = { handler: main }', 'lambda/a.js', exported('module.exports = { handler: main };')],
      [
        'module.exports = { async handler(event) }',
        'lambda/a.js',
        'module.exports = {\n  async handler(event) { console.log(event); },\n};\n',
      ],
      ['ESM JavaScript (.mjs)', 'lambda/a.mjs', 'export const handler = async (event) => {\n  console.log(event);\n};\n'],
      [
        'middy(fn).use(…)',
        'lambda/a.ts',
        `import middy from '@middy/core';\nimport httpErrorHandler from '@middy/http-error-handler';\n${exported('export const handler = middy(main).use(httpErrorHandler());')}`,
        4,
      ],
      [
        'middy().handler(fn)',
        'lambda/a.ts',
        `import middy from '@middy/core';\n${exported('export const handler = middy().use([]).handler(main);')}`,
        3,
      ],
      [
        'require(@middy/core) in CommonJS',
        'lambda/a.js',
        `const middy = require('@middy/core');\n${exported('exports.handler = middy(main);')}`,
        3,
      ],
      [
        'a class method, bound (Powertools decorators)',
        'lambda/a.ts',
        'class Lambda {\n  public async handler(event: unknown) {\n    console.log(event);\n  }\n}\nconst lambda = new Lambda();\nexport const handler = lambda.handler.bind(lambda);\n',
        3,
      ],
      [
        'Sentry.wrapHandler(fn)',
        'lambda/a.ts',
        `import * as Sentry from '@sentry/aws-serverless';\n${exported('export const handler = Sentry.wrapHandler(main);')}`,
        3,
      ],
    ];
    for (const [name, filename, code, line = 2] of forms) {
      it(name, () => {
        assert.deepEqual(findings(code, filename), [`${filename}:${line}`], code);
      });
    }

    it('is not fooled by other exports, unknown wrappers or a local middy', () => {
      assert.deepEqual(findings(exported('export { main };'), 'lambda/a.ts'), []);
      assert.deepEqual(findings(`import { wrap } from './wrap';\n${exported('export const handler = wrap(main);')}`, 'lambda/a.ts'), []);
      assert.deepEqual(findings(`const middy = (f: unknown) => f;\n${exported('export const handler = middy(main);')}`, 'lambda/a.ts'), []);
    });

    it('never treats CDK app code as a handler', () => {
      const code = `import { Stack } from 'aws-cdk-lib';\nexport const handler = async (event: unknown) => {\n  console.log(event);\n};\nexport class S extends Stack {}\n`;
      assert.deepEqual(findings(code, 'lib/stack.ts'), []);
    });
  });

  describe('functions named by CDK code', () => {
    const MAIN = 'export async function main(event: unknown) {\n  console.log(event);\n}\n';
    const stack = (imports: string, body: string) =>
      `import { Stack } from 'aws-cdk-lib';\n${imports}\nexport class AppStack extends Stack {\n  build() {\n${body}\n  }\n}\n`;
    const NODEJS = "import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';";
    const LAMBDA = "import * as lambda from 'aws-cdk-lib/aws-lambda';";

    it('NodejsFunction entry: relative to the app root (where cdk.json is), not to the stack file', () => {
      const files = {
        'cdk.json': '{}',
        'lib/stack.ts': stack(NODEJS, "    new NodejsFunction(this, 'Main', { entry: 'src/main.ts', handler: 'main' });"),
        'lib/src/main.ts': MAIN,
      };
      assert.deepEqual(findings(MAIN, 'src/main.ts', files), ['src/main.ts:2']);
    });

    it('NodejsFunction entry: path.join(__dirname, …), a constant, a template', () => {
      const entries = [
        "path.join(__dirname, '..', 'src', 'main.ts')",
        'ENTRY',
        '`${__dirname}/../src/main.ts`',
        "path.resolve(__dirname, '../src/main.ts')",
      ];
      for (const entry of entries) {
        const files = {
          'lib/stack.ts': stack(
            `${NODEJS}\nimport * as path from 'node:path';\nconst ENTRY = path.join(__dirname, '../src/main.ts');`,
            `    new NodejsFunction(this, 'Main', { entry: ${entry}, handler: 'main' });`,
          ),
        };
        assert.deepEqual(findings(MAIN, 'src/main.ts', files), ['src/main.ts:2'], entry);
      }
    });

    it("NodejsFunction handler: 'handler' by default, the part after the last dot", () => {
      const handlerFile =
        'export async function handler(event: unknown) {}\nexport async function main(event: unknown) {\n  console.log(event);\n}\n';
      const named = (handler: string) => ({
        'cdk.json': '{}',
        'lib/stack.ts': stack(NODEJS, `    new NodejsFunction(this, 'Main', { entry: 'src/main.ts'${handler} });`),
      });
      assert.deepEqual(findings(handlerFile, 'src/main.ts', named(", handler: 'index.main'")), ['src/main.ts:3']);
      assert.deepEqual(findings(handlerFile, 'src/main.ts', named('')), [], 'handler defaults to `handler`, which logs nothing');
    });

    it('NodejsFunction without entry: <stack file>.<id>.ts next to the stack', () => {
      const files = { 'lib/api-stack.ts': stack(NODEJS, "    new NodejsFunction(this, 'list-orders', { handler: 'main' });") };
      assert.deepEqual(findings(MAIN, 'lib/api-stack.list-orders.ts', files), ['lib/api-stack.list-orders.ts:2']);
      assert.deepEqual(findings(MAIN, 'lib/api-stack.other.ts', files), []);
    });

    it("lambda.Function: handler 'dir/file.export' inside Code.fromAsset(dir), any extension", () => {
      const files = {
        'cdk.json': '{}',
        'lib/stack.ts': stack(
          LAMBDA,
          "    new lambda.Function(this, 'Refund', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'orders/refund.main', code: lambda.Code.fromAsset('functions') });",
        ),
      };
      assert.deepEqual(findings(MAIN.replace(': unknown', ''), 'functions/orders/refund.js', files), ['functions/orders/refund.js:2']);
      assert.deepEqual(findings(MAIN, 'functions/orders/refund.ts', files), ['functions/orders/refund.ts:2']);
      assert.deepEqual(findings(MAIN, 'functions/refund.ts', files), []);
    });

    it('lambda.Function with a non-Node runtime names no handler', () => {
      const files = {
        'cdk.json': '{}',
        'lib/stack.ts': stack(
          LAMBDA,
          "    new lambda.Function(this, 'Py', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'app.main', code: lambda.Code.fromAsset('src') });",
        ),
      };
      assert.deepEqual(findings(MAIN, 'src/app.ts', files), []);
    });

    it('without cdk.json, the nearest directory above the stack that names an analysed file', () => {
      const files = {
        'infra/lib/stack.ts': stack(NODEJS, "    new NodejsFunction(this, 'Main', { entry: 'src/main.ts', handler: 'main' });"),
      };
      assert.deepEqual(findings(MAIN, 'infra/src/main.ts', files), ['infra/src/main.ts:2']);
    });

    it('points at the construct that names the handler', () => {
      const files = {
        'cdk.json': '{}',
        'lib/stack.ts': stack(NODEJS, "    new NodejsFunction(this, 'Main', { entry: 'src/main.ts', handler: 'main' });"),
      };
      const [finding] = analyze(logsSensitive, { code: MAIN, filename: 'src/main.ts', files }).findings;
      const last = finding.related[finding.related.length - 1];
      assert.equal(last.file, `${ROOT}/lib/stack.ts`);
      assert.equal(last.message, "Lambda handler of NodejsFunction 'Main', named here");
      assert.deepEqual(last.range.start, { line: 4, character: 70 });
    });

    it('follows edits: renaming the handler in the stack moves the findings', () => {
      const files = {
        'cdk.json': '{}',
        'lib/stack.ts': stack(NODEJS, "    new NodejsFunction(this, 'Main', { entry: 'src/main.ts', handler: 'main' });"),
      };
      const { engine, host } = analyze(logsSensitive, { code: MAIN, filename: 'src/main.ts', files });
      const main = `${ROOT}/src/main.ts`;
      assert.equal(engine.findings(main).length, 1);
      host.write(`${ROOT}/lib/stack.ts`, files['lib/stack.ts'].replace("handler: 'main'", "handler: 'other'"));
      engine.analyzeFile(`${ROOT}/lib/stack.ts`);
      assert.equal(engine.findings(main).length, 0);
    });
  });
});
