import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { Engine } from '../core/engine/engine';
import { defaultConfig } from '../core/config';
import { packageRoot } from '../core/meta';
import { MemoryHost } from '../core/model/memoryHost';
import { allRules } from '../core/rules/registry';
import { expandSnippet, tabStops } from './snippetBody';
import { hasCdkTypings, typeCheckLater } from './typeCheck';

/**
 * The secure snippets (`snippets/*.json`) are code people paste into their apps, so each one,
 * expanded with its defaults, must compile against the real `aws-cdk-lib` and must not be
 * reported by our own analysis. CDK snippets are constructor-body code: they are placed in a
 * minimal stack with the constructs they expect in scope declared; handler snippets are whole
 * files.
 */

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

const SNIPPETS_DIR = path.join(packageRoot(), 'snippets');

function load(file: string): Record<string, Snippet> {
  return JSON.parse(fs.readFileSync(path.join(SNIPPETS_DIR, file), 'utf8')) as Record<string, Snippet>;
}

const typescript = load('typescript.json');
const javascript = load('javascript.json');
const all = Object.entries(typescript);

/** A whole file (it has import declarations), or code for a constructor body. */
function isWholeFile(snippet: Snippet): boolean {
  return snippet.body.some((line) => /^import\s/.test(line));
}

const IMPORTS = expandSnippet(typescript['CDK imports for the secure snippets'].body);

/** What the CDK snippets expect in scope (their descriptions say so), declared with CDK types. */
const IN_SCOPE = `import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
declare const key: kms.IKey;
declare const table: dynamodb.ITable;
declare const vpc: ec2.IVpc;
declare const fn: lambda.IFunction;
declare const authorizerFn: lambda.IFunction;
declare const userPool: IUserPool;
declare const api: apigateway.RestApi;
declare const webAcl: wafv2.CfnWebACL;
`;

function indent(code: string, by: string): string {
  return code
    .split('\n')
    .map((line) => (line.trim() ? by + line.replace(/\t/g, '  ') : ''))
    .join('\n');
}

function tsStack(body: string): string {
  return `${IMPORTS}import { Construct } from 'constructs';

${IN_SCOPE}
export class SnippetStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
${indent(body, '    ')}
  }
}
`;
}

/** The same body in a CommonJS JavaScript app (`require`, no types). */
function jsStack(body: string): string {
  const requires = IMPORTS.split('\n')
    .map((line) => /^import \* as (\w+) from '([^']+)';$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `const ${m[1]} = require('${m[2]}');`)
    .join('\n');
  return `${requires}

class SnippetStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
${indent(body, '    ')}
  }
}

module.exports = { SnippetStack };
`;
}

function sourceOf(snippet: Snippet): string {
  const body = expandSnippet(snippet.body);
  return isWholeFile(snippet) ? body : tsStack(body);
}

/** Every registered rule, with the strictest configuration (customer-managed keys required). */
function findingsOf(file: string, text: string): string[] {
  const host = new MemoryHost({ [file]: text });
  const engine = new Engine({
    host,
    rules: allRules,
    config: defaultConfig({ requireCustomerManagedKeys: true }),
    logger: (m) => {
      throw new Error(m);
    },
  });
  engine.setFiles([file]);
  engine.analyzeFile(file);
  return engine.findings(file).map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId} ${f.message}`);
}

describe('secure snippets', () => {
  it('offers at least 12 snippets, each with an sls- prefix of its own and a description', () => {
    assert.ok(all.length >= 12, `only ${all.length} snippets`);
    const prefixes = all.map(([, s]) => s.prefix);
    assert.deepEqual(
      prefixes.filter((p) => !/^sls-[a-z0-9-]+$/.test(p)),
      [],
    );
    assert.equal(new Set(prefixes).size, prefixes.length, 'prefixes are unique');
    for (const [name, s] of all) assert.ok(s.description.length > 40, `${name}: the description says what is secure about it`);
  });

  it('numbers tab stops from 1 without gaps and ends at $0', () => {
    for (const [name, s] of all) {
      const stops = tabStops(s.body);
      const numbered = stops.filter((n) => n > 0).sort((a, b) => a - b);
      assert.deepEqual(
        numbered,
        numbered.map((_, i) => i + 1),
        `${name}: tab stops ${stops.join(', ')}`,
      );
      assert.ok(stops.includes(0), `${name}: no $0`);
    }
  });

  it('indents with tabs, so the editor applies the user’s indentation', () => {
    for (const [name, s] of all) {
      assert.deepEqual(
        s.body.filter((line) => /^ +\S/.test(line)),
        [],
        name,
      );
    }
  });

  it('offers JavaScript files every CDK snippet, unchanged, and no TypeScript-only one', () => {
    const expected = Object.fromEntries(all.filter(([, s]) => !isWholeFile(s)));
    assert.deepEqual(javascript, expected);
  });

  it('CDK snippets are valid JavaScript', () => {
    const files = new Map<string, string>();
    for (const [, s] of Object.entries(javascript)) {
      files.set(path.join(SNIPPETS_DIR, '.check', `${s.prefix}.js`).replace(/\\/g, '/'), jsStack(expandSnippet(s.body)));
    }
    const options: ts.CompilerOptions = { allowJs: true, noEmit: true, noResolve: true, noLib: true, types: [] };
    const host = ts.createCompilerHost(options);
    const { getSourceFile } = host;
    host.getSourceFile = (name, language, ...rest) => {
      const text = files.get(name);
      return text !== undefined
        ? ts.createSourceFile(name, text, language, true, ts.ScriptKind.JS)
        : getSourceFile.call(host, name, language, ...rest);
    };
    const program = ts.createProgram([...files.keys()], options, host);
    const problems = [...files.keys()].flatMap((file) =>
      program
        .getSyntacticDiagnostics(program.getSourceFile(file))
        .map((d) => `${path.basename(file)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`),
    );
    assert.deepEqual(problems, []);
  });

  // Snippets end where the user goes on writing: a constant they declare may be unused yet.
  const snippetCheck = typeCheckLater(new Map(all.map(([, s]) => [path.join(SNIPPETS_DIR, '.check', `${s.prefix}.ts`), sourceOf(s)])), {
    noUnusedLocals: false,
  });

  it('type-check against aws-cdk-lib, @types/aws-lambda and the AWS SDK and zod APIs', function () {
    this.timeout(120000);
    if (!hasCdkTypings()) this.skip();
    assert.deepEqual(snippetCheck.problems(), []);
  });

  describe('are clean under our own analysis', () => {
    for (const [, s] of all) {
      it(s.prefix, () => {
        const file = isWholeFile(s) ? `/project/src/handlers/${s.prefix}.ts` : `/project/lib/${s.prefix}.ts`;
        assert.deepEqual(findingsOf(file, sourceOf(s)), []);
      });
    }
    for (const [, s] of Object.entries(javascript)) {
      it(`${s.prefix} (JavaScript)`, () => {
        assert.deepEqual(findingsOf(`/project/lib/${s.prefix}.js`, jsStack(expandSnippet(s.body))), []);
      });
    }
  });
});

describe('snippet body expansion', () => {
  const cases: Array<[string | string[], string]> = [
    ['const ${1:orders}Fn = ${1}Table;', 'const ordersFn = ordersTable;'],
    ['${1}x${1:a}', 'axa'],
    ['$1 and $2', ' and '],
    ['type: ${1|STRING,NUMBER|};$0', 'type: STRING;'],
    ['${1|a\\,b,c|}', 'a,b'],
    ['`logs.\\${region}` costs \\$5 \\} \\\\', '`logs.${region}` costs $5 } \\'],
    ['${1:outer ${2:inner}} $2', 'outer inner inner'],
    ['a $ b ${ c', 'a $ b ${ c'],
    [['line 1', '\tline 2'], 'line 1\n\tline 2'],
  ];
  for (const [body, expected] of cases) {
    it(`expands ${JSON.stringify(body)}`, () => assert.equal(expandSnippet(body), expected));
  }

  it('refuses snippet variables', () => {
    assert.throws(() => expandSnippet('${TM_FILENAME}'), /variable/);
    assert.throws(() => expandSnippet('`${this.region}`'), /variable/);
  });

  it('refuses an unclosed placeholder', () => {
    assert.throws(() => expandSnippet('${1:abc'), /not closed/);
  });

  it('lists tab stops in order of first appearance', () => {
    assert.deepEqual(tabStops('${2:b} ${1:a ${3:c}} $0 $2'), [2, 1, 3, 0]);
  });
});
