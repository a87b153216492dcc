import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, MarkupContent } from 'vscode-languageserver-protocol';
import { defaultConfig } from '../core/config';
import { Engine } from '../core/engine/engine';
import { hoverAt } from '../core/hover/hover';
import { renderHover } from '../core/hover/render';
import { MemoryHost } from '../core/model/memoryHost';
import { makeProject, TestClient } from './lspClient';
import { runCli } from './robustness';

/**
 * Hostile workspaces (issue 20, items 9 to 11): what the CLI and the server print never carries a
 * detected secret whole, a control character from the scanned code, or a line that starts with
 * text from the code (GitHub Actions runs `::error::…` and `::add-mask::…` lines of a log as
 * commands); hover Markdown never makes a link out of the user's code.
 */

/** markdown-it ships no types; VS Code renders hovers with it. */
const MarkdownIt = require('markdown-it') as new (options: { html: boolean }) => { render(markdown: string): string };

/** The hover Markdown at the first `needle` of a stack, as the server renders it (the file analysed first, as in the editor). */
function hover(code: string, needle: string, opts: { analyze?: boolean } = {}): string | undefined {
  const file = '/project/lib/stack.ts';
  const host = new MemoryHost();
  host.write(file, code);
  const engine = new Engine({ host, config: defaultConfig() });
  engine.pin(file);
  if (opts.analyze) engine.analyzeFile(file);
  const result = hoverAt(engine, file, code.indexOf(needle));
  return result && renderHover(result, { file: (p, f) => `file://${p}${f ? `#${f}` : ''}` });
}

const STACK_HEAD = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
`;

/** Fresh fake secrets (none of them in the rule docs or the samples): a credential format, a random value under a secret name, a PEM body. */
const STRIPE = 'sk_live_51Nq8RzT4xLmW2vKp9HsYc3Bd';
const NAMED = 'Vb7Lq2Xz9Tm4Kw8R';
const PASSWORD = 'Hq4Tz8Wm2Lp6Xc9K';
const PEM_LINES = [
  'MIIEowIBAAKCAQEAq7Xv9Lm2Pz4Rk8Wn3Tb6Yc1Hd5Jf0Gs2Ea4Uu7Io9Pp3Qq8',
  'Wn3Tb6Yc1Hd5Jf0Gs2Ea4Uu7Io9Pp3Qq8Rr6Ss5Tt4Vv3Ww2Xx1Yy0Zz9Aa8Bb7C',
];
const PEM_LINES_2 = [
  'MIIEpAIBAAKCAQEAz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8Nn7Mm6Ll5Kk4J',
  'j3Ii2Hh1Gg0Ff9Ee8Dd7Cc6Bb5Aa4Zz3Yy2Xx1Ww0Vv9Uu8Tt7Ss6Rr5Qq4Pp3O',
];

const LEAKY_STACK = `${STACK_HEAD}
const region = 'eu-west-1';
const apiKey = '${NAMED}';

export class LeakyStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const fn = new lambda.Function(this, 'Worker', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
      environment: {
        PEM_KEY: \`-----BEGIN RSA PRIVATE KEY-----
${PEM_LINES.join('\n')}
-----END RSA PRIVATE KEY-----\`,
        CONCAT_KEY: '-----BEGIN RSA PRIVATE KEY-----\\n' +
          '${PEM_LINES_2[0]}\\n' +
          '${PEM_LINES_2[1]}\\n' +
          '-----END RSA PRIVATE KEY-----',
        DB_PASSWORD: \`\${region}-${PASSWORD}\`,
      },
    });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['${STRIPE}:Get*', \`\${apiKey}:List*\`], resources: ['arn:aws:s3:::reports/*'] }));
  }
}
`;

/** What of a secret may show: its first four characters. A leak is any five characters in a row after those. */
const SECRET_PARTS = [STRIPE, NAMED, PASSWORD, ...PEM_LINES, ...PEM_LINES_2].map((s) => s.slice(4));

function assertNoSecretIn(outputs: string[], channel: string): void {
  for (const secret of SECRET_PARTS) {
    for (let i = 0; i + 5 <= secret.length; i++) {
      const window = secret.slice(i, i + 5);
      const leak = outputs.find((o) => o.includes(window));
      assert.equal(
        leak,
        undefined,
        `${channel} shows '${window}' of a secret:\n${leak?.slice(Math.max(0, leak.indexOf(window) - 300), leak.indexOf(window) + 300)}`,
      );
    }
  }
}

/** Every CLI output of a project: scan in three formats (and to a file), checklist in two, fix --dry-run; stdout and stderr each. */
function everyCliOutput(root: string, fixRules: string[]): string[] {
  const report = path.join(root, '..', `${path.basename(root)}.sarif`);
  const runs = [
    ['scan', '.'],
    ['scan', '.', '--format', 'json'],
    ['scan', '.', '--format', 'sarif'],
    ['scan', '.', '--format', 'sarif', '--output', report],
    ['checklist', '.'],
    ['checklist', '.', '--format', 'json'],
    ['fix', '.', '--dry-run', ...fixRules.flatMap((r) => ['--rule', r])],
  ].map((args) => runCli(args, root));
  const outputs = runs.flatMap((r) => [r.stdout, r.stderr]);
  outputs.push(fs.readFileSync(report, 'utf8'));
  fs.rmSync(report, { force: true });
  return outputs;
}

describe('hostile workspaces: nothing leaks', function () {
  this.timeout(120_000);
  const roots: string[] = [];
  after(() => {
    for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
  });

  describe('a detected secret never shows whole (item 9)', () => {
    let root: string;
    before(() => {
      root = makeProject({ 'cdk.json': '{ "app": "npx ts-node bin/app.ts" }', 'lib/leaky-stack.ts': LEAKY_STACK });
      roots.push(root);
    });

    it('in text, JSON, SARIF, the checklist, the fix --dry-run diff and summary', () => {
      const outputs = everyCliOutput(root, ['secret-in-env']);
      assertNoSecretIn(outputs, 'the CLI');
      // The channels had the secrets to leak: the IAM rule echoes both actions, the fix removes every secret line.
      assert.match(outputs[0], /'sk_l…:Get\*' is a wildcard/);
      assert.match(outputs[0], /'Vb7L…:List\*' is a wildcard/);
      assert.match(outputs[8], /iam-wildcard-action/);
      const diff = outputs[12];
      assert.match(diff, /^-\s+PEM_KEY: `----…$/m);
      assert.match(diff, /^-MIIE…$/m);
      assert.match(diff, /^-\s+'MIIE…' \+$/m);
      assert.match(diff, /^-\s+DB_PASSWORD: `\$\{region\}-Hq4…`,$/m);
      assert.match(diff, /^\+\s+DB_PASSWORD_SECRET_ARN: dbPasswordSecret\.secretArn,$/m);
    });

    it('in the editor: diagnostics, related information, hovers, code action titles', async () => {
      const { client } = await TestClient.start(root, {
        initializationOptions: { clientCommands: ['slsguard.showFixNote', 'slsguard.showRuleDoc', 'slsguard.selectRange'] },
      });
      const outputs: string[] = [];
      try {
        await client.open('lib/leaky-stack.ts');
        const items: Diagnostic[] = await client.items('lib/leaky-stack.ts');
        assert.ok(
          items.some((d) => d.code === 'iam-wildcard-action'),
          JSON.stringify(items),
        );
        outputs.push(JSON.stringify(items));
        const text = fs.readFileSync(path.join(root, 'lib/leaky-stack.ts'), 'utf8').split('\n');
        // Hover every property name of the stack (the cards quote their values), and every finding.
        const positions = text.flatMap((line, i) => [...line.matchAll(/(\w+):/g)].map((m) => ({ line: i, character: m.index })));
        for (const d of items) positions.push(d.range.start);
        let hovers = 0;
        for (const p of positions) {
          const hover = await client.hover('lib/leaky-stack.ts', p.line, p.character);
          if (hover) hovers++;
          outputs.push(JSON.stringify(hover));
        }
        for (const d of items) {
          const actions: CodeAction[] = await client.codeActions('lib/leaky-stack.ts', d.range, [d]);
          outputs.push(JSON.stringify(actions));
        }
        assert.ok(hovers > 5);
        // The hover on `actions` quotes both actions, masked.
        const actionsLine = text.findIndex((l) => l.includes('actions: ['));
        const hover = await client.hover('lib/leaky-stack.ts', actionsLine, text[actionsLine].indexOf('actions'));
        const markdown = (hover?.contents as MarkupContent).value;
        assert.match(markdown, /`'sk_l…:Get\*'`/);
        assert.match(markdown, /`'Vb7L…:List\*'`/);
      } finally {
        await client.stop();
      }
      outputs.push(JSON.stringify(client.notifications), client.stderr);
      assertNoSecretIn(outputs, 'the server');
    });
  });

  describe('control characters from the code never reach a terminal or a CI log (item 10)', () => {
    // A value and file names holding an ANSI escape, a carriage return, C1 and bidi controls, and
    // lines that are GitHub Actions workflow commands; written as escapes in the code, so the
    // resolved value (which the IAM rule quotes) holds the characters themselves.
    const HOSTILE = '\\x1b[2J\\x1b]0;pwned\\x07\\r::add-mask::x\\n::error title=forged::all clear\\u009b31m\\u202e';
    const FILES = ['::error title=forged::lib.ts', 'lib/\u202eevil\x1b[31m.ts', 'lib/ok\r::warning::cr.ts'];
    let root: string;
    before(() => {
      const stack = (name: string) => `${STACK_HEAD}
export class ${name} extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const fn = new lambda.Function(this, 'Worker', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('lambda') });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:Get${HOSTILE}*'], resources: ['*'] }));
  }
}
`;
      root = makeProject({
        'cdk.json': '{ "app": "npx ts-node bin/app.ts" }',
        ...Object.fromEntries(FILES.map((f, i) => [f, stack(`Stack${i}`)])),
      });
      roots.push(root);
    });

    it('in text, JSON, SARIF, the checklist, fix --dry-run and stderr: escaped, and no line starts with the code', () => {
      const outputs = everyCliOutput(root, ['iam-wildcard-action', 'iam-wildcard-resource']);
      // The findings were there to print: each file's wildcard action, in every format.
      const json = JSON.parse(outputs[2]) as { findings: Array<{ ruleId: string; file: string; message: string }> };
      const wildcards = json.findings.filter((f) => f.ruleId === 'iam-wildcard-action');
      assert.deepEqual(wildcards.map((f) => f.file).sort(), [...FILES].sort());
      // JSON keeps the exact value (escaped as JSON escapes it).
      assert.ok(
        wildcards.every((f) =>
          f.message.includes('\x1b[2J\x1b]0;pwned\x07\r::add-mask::x\n::error title=forged::all clear\u009b31m\u202e'),
        ),
        wildcards[0].message,
      );
      assert.match(outputs[0], /\\x1B\[2J\\x1B\]0;pwned\\x07\\r::add-mask::x\\n::error title=forged::all clear\\x9B31m\\u202E/);
      outputs.forEach((output, i) => {
        const control = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.exec(output);
        assert.equal(
          control,
          null,
          `output ${i} holds U+${control?.[0].charCodeAt(0).toString(16)}:\n${output.slice(Math.max(0, (control?.index ?? 0) - 200), (control?.index ?? 0) + 200)}`,
        );
        const command = output.split('\n').find((line) => /^\s*::/.test(line));
        assert.equal(command, undefined, `output ${i} has a line that is a workflow command:\n${command}`);
      });
    });
  });

  describe('hover Markdown cannot be injected, nor quote a secret (items 11 and 9)', () => {
    const IAM = `import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
const stack = new Stack(new App(), 'S');
`;
    /** Markdown as VS Code renders a hover (markdown-it, CommonMark, no HTML). */
    const render = (markdown: string): string => new MarkdownIt({ html: false }).render(markdown);

    it('a value with backticks cannot close its code span: no link, no image, no command', () => {
      const payloads = [
        '`` [run](command:workbench.action.terminal.new) ![x](https://tracker.example/p.png) ``',
        '` [run](command:workbench.action.terminal.new) `',
        '``` [run](command:workbench.action.terminal.new) ````',
      ];
      for (const payload of payloads) {
        const code = `${IAM}new iam.PolicyStatement({ actions: [\`s3:Get${payload.replace(/`/g, '\\`')}*\`], resources: ['*'] });\n`;
        const markdown = hover(code, 'actions') ?? '';
        assert.match(markdown, /command:workbench/, markdown); // the value is shown…
        const html = render(markdown);
        assert.doesNotMatch(html, /<a [^>]*href="command:|<img/, html); // …as code only
      }
    });

    it('a fix title from the code is text, not Markdown', () => {
      const code = `import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
const stack = new Stack(new App(), 'S');
const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('lambda'),
  environment: { '[run](command:workbench.action.terminal.new)_TOKEN': 'ghp_R7mQx2LkV9tNw4PzB8cJh3YsD6fGa1UeK5Wn' } });
`;
      const markdown = hover(code, 'ghp_', { analyze: true }) ?? '';
      assert.match(markdown, /Quick fix available/, markdown);
      assert.doesNotMatch(render(markdown), /<a [^>]*href="command:/);
    });

    it('masks a secret the rules found, wherever the card quotes it', () => {
      const code = `${IAM}const apiKey = 'Vb7Lq2Xz9Tm4Kw8R';
new iam.PolicyStatement({ actions: [\`\${apiKey}:List*\`, 'sk_live_51Nq8RzT4xLmW2vKp9HsYc3Bd:Get*', 's3:GetObject', 's3:PutObject', 's3:ListBucket', 's3:DeleteObject', 'sqs:SendMessage', 'sqs:ReceiveMessage', \`s3:\${apiKey}Object*\`], resources: ['*'] });
`;
      const markdown = hover(code, 'actions', { analyze: true }) ?? '';
      assert.match(markdown, /`'Vb7L…:List\*'`/, markdown);
      assert.match(markdown, /`'sk_l…:Get\*'`/, markdown);
      assert.doesNotMatch(markdown, /Lq2Xz|8RzT4/, markdown);
    });
  });
});
