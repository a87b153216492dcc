import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { packageRoot } from '../core/meta';
import { functionStack, retentionlessFunction } from './cdkFixtures';
import { makeProject } from './lspClient';
import { CLI } from './robustness';

const STACK = 'lib/app-stack.ts';

interface McpConfig {
  mcpServers?: Record<string, { command: string; args: string[] }>;
  servers?: Record<string, { command: string; args: string[] }>;
}

async function connect(cwd: string): Promise<Client> {
  const client = new Client({ name: 'slsguard-test', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp'], cwd, stderr: 'pipe' }));
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<{ text: string; isError: boolean }> {
  const r = (await client.callTool({ name, arguments: args })) as { content: Array<{ type: string; text: string }>; isError?: boolean };
  return { text: r.content.map((c) => c.text).join(''), isError: !!r.isError };
}

describe('slsguard mcp', function () {
  this.timeout(180_000);

  it('lists its tools, scans a stack, returns a fix as a diff without writing, writes it on request, and re-scans clean', async () => {
    const root = makeProject({ [STACK]: functionStack(retentionlessFunction('Orders')) });
    const before = fs.readFileSync(path.join(root, STACK), 'utf8');
    const client = await connect(root);
    try {
      const { tools } = await client.listTools();
      assert.deepEqual(tools.map((t) => t.name).sort(), ['checklist', 'explain', 'fix', 'scan']);
      for (const t of tools) assert.ok((t.description ?? '').length > 80, `${t.name} is described for an agent`);

      const scanned = JSON.parse((await call(client, 'scan', { paths: ['lib'] })).text);
      assert.deepEqual(
        scanned.findings.map(
          (f: { ruleId: string; file: string; line: number; fixable: boolean }) => `${f.file}:${f.line} ${f.ruleId} ${f.fixable}`,
        ),
        [`${STACK}:8 logs-retention true`],
      );
      // Unsaved text: scanned as the file, the disk left alone.
      const unsaved = JSON.parse((await call(client, 'scan', { file: STACK, content: functionStack('') })).text);
      assert.deepEqual(unsaved.findings, []);

      const preview = JSON.parse((await call(client, 'fix', { rules: ['logs-retention'] })).text);
      assert.equal(preview.written, false);
      assert.match(preview.diff, /^\+.*logGroup: new logs\.LogGroup/m);
      assert.equal(fs.readFileSync(path.join(root, STACK), 'utf8'), before, 'nothing written without write: true');

      const written = JSON.parse((await call(client, 'fix', { rules: ['logs-retention'], write: true })).text);
      assert.equal(written.written, true);
      assert.equal(written.remaining, 0);
      assert.notEqual(fs.readFileSync(path.join(root, STACK), 'utf8'), before);
      assert.deepEqual(JSON.parse((await call(client, 'scan', {})).text).findings, []);

      const page = await call(client, 'explain', { ruleId: 'logs-retention' });
      assert.match(page.text, /^# logs-retention\n/);
      const card = await call(client, 'explain', { file: STACK, line: 8, column: 9 });
      assert.ok(!card.isError && card.text.length > 0, card.text);
      const checklist = JSON.parse((await call(client, 'checklist', {})).text);
      assert.ok(Array.isArray(checklist.groups) && checklist.groups.length > 0);

      const outside = await call(client, 'scan', { paths: ['../'] });
      assert.ok(outside.isError && /outside the project/.test(outside.text), outside.text);
    } finally {
      await client.close();
    }
  });

  it("the README's agent configurations start this server", () => {
    const readme = fs.readFileSync(path.join(packageRoot(), 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## With coding agents'));
    const blocks = [...section.slice(0, section.indexOf('\n## ', 5)).matchAll(/```json\n([\s\S]*?)```/g)].map(
      (m) => JSON.parse(m[1]) as McpConfig,
    );
    assert.ok(blocks.length >= 2, 'config snippets for the common hosts');
    for (const config of blocks) {
      const servers = Object.values(config.mcpServers ?? config.servers ?? {});
      assert.equal(servers.length, 1);
      const [server] = servers;
      assert.ok(['slsguard', 'npx'].includes(server.command), server.command);
      assert.equal(server.args[server.args.length - 1], 'mcp');
    }
  });
});
