import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { packageRoot } from '../core/meta';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { makeProject, TestClient } from './lspClient';
import { CLI, seeded } from './robustness';
import { HANDLER, PEM_KEY, SECRETS, STACK } from './secretSamples';

/**
 * What the extension and the CLI must never do, whatever the workspace holds: run its code or
 * its commands, reach the network, or print a secret it found. Each test runs the bundled CLI
 * and the bundled server with an instrument preloaded (`sandbox.ts`) that records any attempt to
 * start a program, evaluate code, load a workspace module or open a socket.
 */

const SANDBOX = path.join(__dirname, 'sandbox.js');

/** A record of forbidden attempts, shared by every process of one test. */
class Sandbox {
  readonly log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'slsguard-sandbox-')), 'attempts.jsonl');

  constructor(readonly workspace: string) {}

  get execArgv(): string[] {
    return ['--require', SANDBOX];
  }

  get env(): NodeJS.ProcessEnv {
    return { SLSGUARD_SANDBOX_LOG: this.log, SLSGUARD_SANDBOX_ROOT: this.workspace };
  }

  attempts(): string[] {
    return fs.existsSync(this.log) ? fs.readFileSync(this.log, 'utf8').split('\n').filter(Boolean) : [];
  }

  dispose(): void {
    fs.rmSync(path.dirname(this.log), { recursive: true, force: true });
  }
}

/** Whether this machine lets an unprivileged process close its network namespace (`unshare -rn`). */
const canCloseNetwork = (() => {
  try {
    return spawnSync('unshare', ['-rn', 'true'], { timeout: 10_000 }).status === 0;
  } catch {
    return false;
  }
})();

interface Run {
  args: string[];
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The CLI in the sandbox, and with the network namespace closed where the machine allows it:
 * there is no network to reach, and the scan must not need one.
 */
function cli(sandbox: Sandbox, args: string[], cwd: string): Run {
  const node = [...sandbox.execArgv, CLI, ...args];
  const [command, argv] = canCloseNetwork ? ['unshare', ['-rn', process.execPath, ...node]] : [process.execPath, node];
  const r = spawnSync(command, argv, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...sandbox.env }, timeout: 120_000 });
  assert.ok(r.status === 0 || r.status === 1, `slsguard ${args.join(' ')} exited ${r.status ?? r.signal}: ${r.stderr}`);
  return { args, code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every CLI command and output format over the workspace; returns what each printed or wrote. */
function everyCliCommand(sandbox: Sandbox, root: string, fixRules: string[]): string[] {
  const report = path.join(sandbox.log, '..', 'report.sarif');
  const runs = [
    cli(sandbox, ['scan', '.'], root),
    cli(sandbox, ['scan', '.', '--format', 'json'], root),
    cli(sandbox, ['scan', '.', '--format', 'sarif'], root),
    cli(sandbox, ['scan', '.', '--format', 'sarif', '--output', report], root),
    cli(sandbox, ['checklist', '.'], root),
    cli(sandbox, ['checklist', '.', '--format', 'json'], root),
    cli(sandbox, ['fix', '.', '--dry-run', ...fixRules.flatMap((r) => ['--rule', r])], root),
  ];
  const outputs = runs.flatMap((r) => [`$ slsguard ${r.args.join(' ')}\n${r.stdout}`, r.stderr]);
  outputs.push(fs.readFileSync(report, 'utf8'));
  return outputs;
}

/**
 * A coding agent's session with `slsguard mcp`, in the sandbox and without a network where the
 * machine allows it: every tool, and `fix` without `write`. Returns what each tool answered.
 */
async function agentSession(sandbox: Sandbox, root: string, file: string): Promise<string[]> {
  const node = [...sandbox.execArgv, CLI, 'mcp'];
  const [command, args] = canCloseNetwork ? ['unshare', ['-rn', process.execPath, ...node]] : [process.execPath, node];
  const client = new Client({ name: 'safety', version: '1.0.0' });
  const env = Object.fromEntries(
    Object.entries({ ...process.env, ...sandbox.env }).filter((e): e is [string, string] => e[1] !== undefined),
  );
  await client.connect(new StdioClientTransport({ command, args, cwd: root, env, stderr: 'pipe' }));
  const outputs: string[] = [];
  try {
    for (const [name, args] of [
      ['scan', {}],
      ['scan', { file, content: fs.readFileSync(path.join(root, file), 'utf8') }],
      ['fix', { rules: ['handler-injection'] }],
      ['explain', { file, line: 1, column: 1 }],
      ['explain', { ruleId: 'iam-wildcard-action' }],
      ['checklist', {}],
    ] as const) {
      outputs.push(JSON.stringify(await client.callTool({ name, arguments: args })));
    }
  } finally {
    await client.close();
  }
  return outputs;
}

/**
 * A session as an editor has it: open every file, pull its diagnostics, hover over each finding
 * and ask for its code actions; pull workspace diagnostics, scan the workspace, build the
 * checklist. Returns everything the server sent (answers, notifications, log) and wrote to stderr.
 */
async function editorSession(sandbox: Sandbox, root: string, files: string[]): Promise<{ outputs: string[]; diagnostics: number }> {
  const { client } = await TestClient.start(root, {
    execArgv: sandbox.execArgv,
    env: sandbox.env,
    initializationOptions: { clientCommands: ['slsguard.showFixNote', 'slsguard.showRuleDoc', 'slsguard.selectRange'] },
  });
  const outputs: unknown[] = [];
  let diagnostics = 0;
  try {
    for (const rel of files) {
      await client.open(rel);
      const items: Diagnostic[] = await client.items(rel);
      diagnostics += items.length;
      outputs.push(items);
      for (const d of items) {
        outputs.push(await client.hover(rel, d.range.start.line, d.range.start.character));
        outputs.push(await client.codeActions(rel, d.range, [d]));
      }
    }
    outputs.push(await client.workspaceDiagnostics());
    outputs.push(await client.connection.sendRequest('slsguard/scanWorkspace', { token: 'safety' }));
    outputs.push(await client.connection.sendRequest('slsguard/checklist', {}));
  } finally {
    await client.stop();
  }
  outputs.push(client.notifications, client.stderr);
  return { outputs: outputs.map((o) => (typeof o === 'string' ? o : JSON.stringify(o))), diagnostics };
}

describe('safety', function () {
  this.timeout(120_000);

  before(() => {
    assert.ok(fs.existsSync(CLI) && fs.existsSync(TestClient.serverPath()), 'build first: npm run build');
    assert.ok(fs.existsSync(SANDBOX), `${SANDBOX} is missing`);
  });

  describe('never runs workspace code', () => {
    let root: string;
    let markers: string;
    let sandbox: Sandbox;

    before(() => {
      markers = fs.mkdtempSync(path.join(os.tmpdir(), 'slsguard-markers-'));
      /** A shell command, and a line of JavaScript, that leave a marker named `name` when they run. */
      const touch = (name: string) => `touch ${path.join(markers, name)}`;
      const mark = (name: string) => `require('fs').writeFileSync(${JSON.stringify(path.join(markers, name))}, 'ran');\n`;
      /** The same, as a line of Python. */
      const pyMark = (name: string) => `open(${JSON.stringify(path.join(markers, name))}, "w").write("ran")\n`;
      root = makeProject({
        'cdk.json': JSON.stringify({ app: touch('cdk-app'), build: touch('cdk-build'), watch: { include: ['**'] }, context: {} }, null, 2),
        'package.json': JSON.stringify(
          {
            name: 'trap',
            main: 'trap-main.js',
            bin: { trap: 'trap-main.js' },
            scripts: Object.fromEntries(
              ['preinstall', 'install', 'postinstall', 'prepare', 'build', 'test', 'synth', 'cdk', 'lint'].map((s) => [
                s,
                touch(`npm-${s}`),
              ]),
            ),
          },
          null,
          2,
        ),
        // The config is JSON only: keys that look like commands or code are unknown settings.
        '.slsguard.json': JSON.stringify({
          rules: { 'iam-shared-role': 'off' },
          command: touch('config-command'),
          plugins: ['./trap-plugin.js'],
          extends: './trap-config.js',
        }),
        'slsguard.config.js': mark('slsguard-config-js'),
        '.slsguard.js': mark('slsguard-js'),
        'trap-config.js': mark('trap-config'),
        'trap-main.js': mark('package-main'),
        'trap-plugin.js': mark('ts-plugin'),
        'tsconfig.json': JSON.stringify({
          compilerOptions: { plugins: [{ name: './trap-plugin.js' }], baseUrl: '.', paths: { '@trap/*': ['trap/*'] } },
        }),
        'trap/module.js': mark('path-mapped-module'),
        'jest.config.js': mark('jest-config'),
        'eslint.config.js': mark('eslint-config'),
        'node_modules/aws-cdk-lib/package.json': JSON.stringify({ name: 'aws-cdk-lib', main: 'index.js' }),
        'node_modules/aws-cdk-lib/index.js': mark('aws-cdk-lib'),
        'node_modules/aws-cdk-lib/aws-lambda/index.js': mark('aws-cdk-lib-lambda'),
        'node_modules/.bin/cdk': `#!/bin/sh\n${touch('node-modules-bin-cdk')}\n`,
        'bin/app.ts': `#!/usr/bin/env node
import * as cdk from 'aws-cdk-lib';
import { execSync } from 'node:child_process';
import { AppStack } from '../lib/app-stack';

execSync(${JSON.stringify(touch('bin-app'))});
const app = new cdk.App();
new AppStack(app, 'AppStack');
`,
        'lib/side-effect.js': mark('imported-module'),
        'lib/app-stack.ts': `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import './side-effect';
import { ACTIONS } from '@trap/module';

const loaded = require('./side-effect');
void import('./side-effect.js');
eval(${JSON.stringify(mark('eval-in-stack'))});

export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const fn = new lambda.Function(this, 'Worker', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda', { bundling: { image: lambda.Runtime.NODEJS_20_X.bundlingImage, command: ['sh', '-c', ${JSON.stringify(touch('cdk-bundling'))}] } }),
    });
    new lambda.Function(this, 'Inline', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline(${JSON.stringify(mark('inline-code'))}) });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*', ...ACTIONS, loaded], resources: ['*'] }));
  }
}
`,
        'lambda/index.js': `${mark('handler-module')}exports.handler = async (event) => { eval(event.body); return { statusCode: 200 }; };\n`,
        // A Python app beside it: its modules write markers when an interpreter imports or runs them.
        'app.py': `${pyMark('py-app')}import aws_cdk as cdk\nfrom stacks.py_stack import PyStack\n\napp = cdk.App()\nPyStack(app, "PyStack")\n`,
        'stacks/__init__.py': pyMark('py-package'),
        'stacks/py_stack.py': `import os
from aws_cdk import Stack, aws_iam as iam, aws_lambda as _lambda
${pyMark('py-stack')}os.system(${JSON.stringify(touch('py-system'))})


class PyStack(Stack):
    def __init__(self, scope, construct_id, **kwargs):
        super().__init__(scope, construct_id, **kwargs)
        fn = _lambda.Function(self, "PyWorker", runtime=_lambda.Runtime.PYTHON_3_12, handler="app.lambda_handler", code=_lambda.Code.from_asset("lambda_py"))
        fn.add_to_role_policy(iam.PolicyStatement(actions=["s3:*"], resources=["*"]))
`,
        'lambda_py/app.py': `${pyMark('py-handler-module')}

def lambda_handler(event, context):
    eval(event["body"])
    return {"statusCode": 200}
`,
        'setup.py': pyMark('py-setup'),
        'conftest.py': pyMark('py-conftest'),
      });
      sandbox = new Sandbox(root);
    });

    after(() => {
      sandbox.dispose();
      fs.rmSync(root, { recursive: true, force: true });
      fs.rmSync(markers, { recursive: true, force: true });
    });

    it('the traps are live: run by hand, each leaves its marker', () => {
      const shell = spawnSync('sh', ['-c', JSON.parse(fs.readFileSync(path.join(root, 'cdk.json'), 'utf8')).app as string]);
      const node = spawnSync(process.execPath, [path.join(root, 'trap-plugin.js')]);
      const python = spawnSync('python3', ['-c', fs.readFileSync(path.join(root, 'lambda_py', 'app.py'), 'utf8')]);
      assert.equal(shell.status, 0);
      assert.equal(node.status, 0);
      assert.equal(python.status, 0);
      assert.deepEqual(fs.readdirSync(markers).sort(), ['cdk-app', 'py-handler-module', 'ts-plugin']);
      for (const m of fs.readdirSync(markers)) fs.rmSync(path.join(markers, m));
    });

    it('a scan, a checklist, a fix, an editor session and an agent session (slsguard mcp) run nothing the workspace holds', async () => {
      const outputs = everyCliCommand(sandbox, root, ['handler-injection']);
      // Really fix, too: the written files are data.
      cli(sandbox, ['fix', '.'], root);
      const { diagnostics } = await editorSession(sandbox, root, [
        'lib/app-stack.ts',
        'bin/app.ts',
        'lambda/index.js',
        'stacks/py_stack.py',
        'lambda_py/app.py',
        'app.py',
      ]);
      const agent = await agentSession(sandbox, root, 'lib/app-stack.ts');
      assert.ok(
        agent.every((o) => !o.includes('"isError":true')),
        agent.join('\n'),
      );
      assert.deepEqual(fs.readdirSync(markers), [], 'markers left by workspace code or commands');
      assert.deepEqual(sandbox.attempts(), [], 'attempts to run programs, evaluate code, load workspace modules or open sockets');
      // The workspace was analysed, not skipped: the wildcard and the handler's eval are reported.
      assert.ok(diagnostics > 0);
      const json = JSON.parse(outputs[2].replace(/^\$ .*\n/, '')) as { findings: Array<{ ruleId: string; file: string }> };
      assert.ok(
        json.findings.some((f) => f.ruleId === 'iam-wildcard-action' && f.file === 'lib/app-stack.ts'),
        outputs[2],
      );
      assert.ok(
        json.findings.some((f) => f.ruleId === 'handler-injection' && f.file === 'lambda/index.js'),
        outputs[2],
      );
      // The Python files too: read as text, never imported or run (no interpreter starts).
      assert.ok(
        json.findings.some((f) => f.ruleId === 'iam-wildcard-action' && f.file === 'stacks/py_stack.py'),
        outputs[2],
      );
      assert.ok(
        json.findings.some((f) => f.ruleId === 'handler-injection' && f.file === 'lambda_py/app.py'),
        outputs[2],
      );
      // The config file's command-like keys are reported as unknown, not obeyed.
      assert.match(outputs[1], /\.slsguard\.json:1:\d+: \w+: .*command/);
    });
  });

  describe('secrets stay secret', () => {
    let root: string;
    let sandbox: Sandbox;
    /**
     * The shared fixture's values, their random part made random for real (same length and
     * character classes, seeded): the samples repeat runs such as '1234567890' that the rule
     * docs in SARIF and hovers contain too. What a leak is: five characters in a row of that
     * part, or of the four characters before it (the format's prefix, `github_pat_`, may show).
     */
    const random = seeded(7);
    const pick = (chars: string) => chars[Math.floor(random() * chars.length)];
    const FORMAT_PREFIX = /^(github_pat_|gh[opsur]_|xox[abp]-|[rs]k_live_|sk-proj-|sk-|A[KS]IA|eyJ[^.]*\.[^.]*\.)/;
    const planted = [...SECRETS.filter((v) => v !== PEM_KEY), ...PEM_KEY.split('\n').slice(1, -1)].map((value) => {
      const prefix = FORMAT_PREFIX.exec(value)?.[0].length ?? 0;
      const tail = [...value.slice(prefix)]
        .map((c) =>
          /[a-z]/.test(c)
            ? pick('abcdefghijklmnopqrstuvwxyz')
            : /[A-Z]/.test(c)
              ? pick('ABCDEFGHIJKLMNOPQRSTUVWXYZ')
              : /[0-9]/.test(c)
                ? pick('0123456789')
                : c,
        )
        .join('');
      return { value, fresh: value.slice(0, prefix) + tail, prefix };
    });
    const plant = (text: string) => planted.reduce((t, p) => t.split(p.value).join(p.fresh), text);
    const secrets = planted.map((p) => p.fresh.slice(Math.max(0, p.prefix - 4)));

    before(() => {
      root = makeProject({
        'cdk.json': '{ "app": "npx ts-node --prefer-ts-exts bin/app.ts" }',
        'lib/leaky-stack.ts': plant(STACK),
        'lambda/index.ts': plant(HANDLER),
      });
      sandbox = new Sandbox(root);
    });

    after(() => {
      sandbox.dispose();
      fs.rmSync(root, { recursive: true, force: true });
    });

    /** Fails on any five characters in a row of any planted secret: at most the first four may show. */
    function assertNoSecretIn(outputs: string[], channel: string): void {
      for (const secret of secrets) {
        for (let i = 0; i + 5 <= secret.length; i++) {
          const window = secret.slice(i, i + 5);
          const leak = outputs.find((o) => o.includes(window) || o.includes(JSON.stringify(window).slice(1, -1)));
          assert.equal(
            leak,
            undefined,
            `${channel} shows '${window}' of a secret:\n${leak?.slice(Math.max(0, leak.indexOf(window) - 300), leak.indexOf(window) + 300)}`,
          );
        }
      }
    }

    it('the CLI: text, JSON, SARIF, the checklist, fix --dry-run (diff and summary), stderr', () => {
      const outputs = everyCliCommand(sandbox, root, ['secret-in-env', 'secret-plaintext-value', 'hardcoded-secret']);
      assertNoSecretIn(outputs, 'the CLI');
      // Every secret was found, and the fix would change something: the channels had them to leak.
      const json = JSON.parse(outputs[2].replace(/^\$ .*\n/, '')) as { findings: Array<{ ruleId: string }> };
      assert.ok(json.findings.filter((f) => /secret/.test(f.ruleId)).length >= 3 * SECRETS.length, outputs[2]);
      assert.match(outputs[12], /^--- a\/lib\/leaky-stack\.ts/m);
      assert.deepEqual(sandbox.attempts(), []);
    });

    it('the server: diagnostics, hovers, code actions and their notes, workspace scan, checklist, log and stderr', async () => {
      const { outputs, diagnostics } = await editorSession(sandbox, root, ['lib/leaky-stack.ts', 'lambda/index.ts']);
      assert.ok(diagnostics >= 3 * SECRETS.length);
      assertNoSecretIn(outputs, 'the server');
      assert.deepEqual(sandbox.attempts(), []);
    });
  });

  it("the README's Security and privacy section names tests and scripts that exist", () => {
    const readme = fs.readFileSync(path.join(packageRoot(), 'README.md'), 'utf8');
    const section = /^## Security and privacy\n([^]*?)(?=^## |(?![^]))/m.exec(readme)?.[1];
    assert.ok(section, 'README.md has no "## Security and privacy" section');
    const named = [...section.matchAll(/`((?:server|client|e2e|scripts)\/[\w/.-]+|\.ci\/run)`/g)].map((m) => m[1]);
    assert.ok(named.length >= 6, named.join(', '));
    assert.deepEqual(
      named.filter((file) => !fs.existsSync(path.join(packageRoot(), file))),
      [],
    );
  });

  it('the sources never evaluate code, start programs or load modules by computed name', () => {
    const forbidden: string[] = [];
    const walk = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) return e.name === 'test' || e.name === 'fixtures' ? [] : walk(full);
        return /\.ts$/.test(e.name) && !/\.(test|d)\.ts$/.test(e.name) ? [full] : [];
      });
    const files = ['server/src', 'client/src', 'shared/src'].flatMap((d) => walk(path.join(packageRoot(), d)));
    assert.ok(files.length > 50);
    for (const file of files) {
      const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const at = (node: ts.Node, what: string) =>
        forbidden.push(`${path.relative(packageRoot(), file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}: ${what}`);
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
          const callee = node.expression.getText(sf);
          const first = node.arguments?.[0];
          if (callee === 'eval' || callee === 'Function' || callee === 'globalThis.eval') at(node, callee);
          if ((callee === 'require' || node.expression.kind === ts.SyntaxKind.ImportKeyword) && first && !ts.isStringLiteral(first))
            at(node, `${callee}(<computed>)`);
        }
        if (
          (ts.isImportDeclaration(node) || ts.isImportEqualsDeclaration(node)) &&
          /['"](node:)?(child_process|vm)['"]/.test(node.getText(sf))
        )
          at(node, node.getText(sf));
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
    // The one exception: the launcher of the CLI and of the language server compiles their own
    // bundle, the file next to it, through `vm.Script` to keep V8's code cache (see launcher.ts);
    // nothing of the workspace.
    const launcher = 'server/src/launcher.ts';
    const launcherText = fs.readFileSync(path.join(packageRoot(), launcher), 'utf8');
    assert.match(
      launcherText,
      /^const BUNDLES = \{ cli: 'cli-main\.js', server: 'server-main\.js', typescript: 'typescript\.js' \} as const;$/m,
    );
    // The function the bundles load TypeScript through launches that bundle and no other.
    assert.match(launcherText, /if \(lazy !== 'typescript'\) throw new Error/);
    assert.match(launcherText, /^export type BundleName = keyof typeof BUNDLES;$/m);
    assert.match(launcherText, /^  const bundle = path\.join\(__dirname, BUNDLES\[name\]\);$/m);
    assert.match(launcherText, /return require\(bundle\) as T;/);
    assert.match(launcherText, /new vm\.Script\(nodeModule\.wrap\(source\), \{ filename: bundle, cachedData \}\)/);
    // Its two entries name a bundle by a literal.
    const entries = { 'server/src/cli/launcher.ts': 'cli', 'server/src/serverLauncher.ts': 'server' };
    for (const [entry, name] of Object.entries(entries)) {
      assert.match(fs.readFileSync(path.join(packageRoot(), entry), 'utf8'), new RegExp(`^launch(<\\w+>)?\\('${name}', `, 'm'), entry);
    }
    assert.deepEqual(
      forbidden.filter((f) => !f.startsWith(`${launcher}:`)),
      [],
    );
    assert.deepEqual(
      forbidden.filter((f) => f.startsWith(`${launcher}:`)).map((f) => f.replace(/:\d+:/, ':')),
      [`${launcher}: import * as vm from 'node:vm';`, `${launcher}: require(<computed>)`],
    );
  });
});
