import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Engine } from '../core/engine/engine';
import { defaultConfig } from '../core/config';
import { packageRoot } from '../core/meta';
import { MemoryHost } from '../core/model/memoryHost';
import { allRules } from '../core/rules/registry';
import { expandSnippet, tabStops } from './snippetBody';

/**
 * The secure Python snippets (`snippets/python.json`): each one, expanded with its defaults the
 * way the editor inserts it, is parsed clean by python3's `ast`, writes only CDK names the jsii
 * assembly of aws-cdk-lib has (`pythonCdkCheck.py`), and is not reported by our own analysis.
 * CDK snippets go into a stack's `__init__` with what their descriptions expect in scope
 * (`key`, `table`, `vpc`, `fn`, `web_acl`); handler snippets are whole files.
 */

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

const ROOT = packageRoot();
const snippets = JSON.parse(fs.readFileSync(path.join(ROOT, 'snippets/python.json'), 'utf8')) as Record<string, Snippet>;
const all = Object.entries(snippets);
const CHECKER = path.join(ROOT, 'server/src/test/pythonCdkCheck.py');
const JSII = path.join(path.dirname(require.resolve('aws-cdk-lib/package.json')), '.jsii');

/** Tabs as the editor inserts them into a file indented with four spaces. */
function expand(snippet: Snippet, indent = ''): string {
  return expandSnippet(snippet.body)
    .split('\n')
    .map((line) => (line.trim() ? indent + line.replace(/\t/g, '    ') : ''))
    .join('\n');
}

const isWholeFile = (s: Snippet) => s.body.some((line) => /^(import |from \S+ import )/.test(line)) && !s.prefix.endsWith('imports');
const IMPORTS = expand(snippets['CDK imports for the secure Python snippets']);

function stack(body: string): string {
  return `${IMPORTS}
from constructs import Construct


class SnippetStack(Stack):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        key: kms.IKey,
        table: dynamodb.ITable,
        vpc: ec2.IVpc,
        fn: _lambda.IFunction,
        web_acl: wafv2.CfnWebACL,
        **kwargs,
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)
${body}
`;
}

function sourceOf(snippet: Snippet): { file: string; text: string } {
  return isWholeFile(snippet)
    ? { file: '/app/lambda/app.py', text: expand(snippet) + '\n' }
    : { file: '/app/stacks/snippet_stack.py', text: stack(expand(snippet, '        ')) };
}

function findingsOf(file: string, text: string): string[] {
  const host = new MemoryHost({ [file]: text });
  const engine = new Engine({
    host,
    rules: allRules,
    config: defaultConfig({ requireCustomerManagedKeys: true }),
    logger: (m) => assert.fail(m),
  });
  engine.setFiles([file]);
  engine.analyzeFile(file);
  return engine.findings(file).map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId} ${f.message}`);
}

describe('secure Python snippets', function () {
  this.timeout(180_000);

  it('offers a Python snippet for each CDK and handler practice, with sls-py- prefixes and tab stops from 1', () => {
    assert.ok(all.length >= 12, `only ${all.length} snippets`);
    const prefixes = all.map(([, s]) => s.prefix);
    assert.deepEqual(
      prefixes.filter((p) => !/^sls-py-[a-z0-9-]+$/.test(p)),
      [],
    );
    assert.equal(new Set(prefixes).size, prefixes.length);
    for (const [name, s] of all) {
      assert.ok(s.description.length > 40, name);
      const numbered = tabStops(s.body)
        .filter((n) => n > 0)
        .sort((a, b) => a - b);
      assert.deepEqual(
        numbered,
        numbered.map((_, i) => i + 1),
        name,
      );
      assert.deepEqual(
        s.body.filter((line) => /^ +\S/.test(line)),
        [],
        `${name}: indented with tabs`,
      );
    }
  });

  it('each one, inserted, is reported by no rule', () => {
    for (const [name, s] of all) {
      const { file, text } = sourceOf(s);
      assert.deepEqual(findingsOf(file, text), [], `${name}:\n${text}`);
    }
  });

  it('each one, inserted, parses with python3 and names only what aws-cdk-lib has (jsii assembly)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slsguard-pysnippets-'));
    try {
      const files = all.map(([, s], i) => {
        const file = path.join(dir, `snippet${i}.py`);
        fs.writeFileSync(file, sourceOf(s).text);
        return file;
      });
      const problems = JSON.parse(execFileSync('python3', [CHECKER, JSII, ...files], { encoding: 'utf8', maxBuffer: 1 << 26 })) as Record<
        string,
        string[]
      >;
      assert.deepEqual(
        files.flatMap((f, i) => (problems[f].length ? [`${all[i][0]}: ${problems[f].join('; ')}`] : [])),
        [],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
