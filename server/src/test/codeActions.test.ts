import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Command, Diagnostic, Range, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { ordersStack } from './cdkFixtures';
import { applyWorkspaceEdit, makeProject, TestClient, waitFor } from './lspClient';

/**
 * Code actions, configuration files and suppressions through the protocol: the bundled server,
 * real JSON-RPC, edits applied the way a client applies them.
 */

const REL = 'lib/orders-stack.ts';
const STACK = ordersStack("    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: [orders.tableArn] }));");
const POLICY_LINE = 15;

/** As in shared/src/protocol.ts (tests run from server/lib, where the shared sources are not compiled). */
const ClientCommands = {
  showRuleDoc: 'slsguard.showRuleDoc',
  selectRange: 'slsguard.selectRange',
  showFixNote: 'slsguard.showFixNote',
  chooseAction: 'slsguard.chooseAction',
};
const FIX_ALL_KIND = 'source.fixAll.slsguard';
const ALL_COMMANDS = { clientCommands: Object.values(ClientCommands) };

function wildcard(items: Diagnostic[]): Diagnostic {
  const d = items.find((i) => i.code === 'iam-wildcard-action');
  assert.ok(d, JSON.stringify(items));
  return d;
}

function titles(actions: CodeAction[]): string[] {
  return actions.map((a) => a.title);
}

describe('code actions', function () {
  this.timeout(30000);
  let client: TestClient;
  let root: string;

  async function start(options: Parameters<typeof TestClient.start>[1] = { initializationOptions: ALL_COMMANDS, documentChanges: true }) {
    ({ client } = await TestClient.start(root, options));
  }

  beforeEach(() => {
    root = makeProject({ [REL]: STACK });
  });

  /** Open the stack, pull its diagnostics, and ask for the actions of the wildcard finding. */
  async function wildcardActions(): Promise<{ d: Diagnostic; actions: CodeAction[] }> {
    await client.open(REL, STACK);
    const d = wildcard(await client.items(REL));
    return { d, actions: await client.codeActions(REL, d.range, [d]) };
  }

  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('advertises quick fixes and source.fixAll.slsguard', async () => {
    const { client: c, init } = await TestClient.start(root);
    client = c;
    assert.deepEqual(init.capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.slsguard'] });
  });

  it("offers the finding's fixes, ignore comments and the rule page for a diagnostic, as versioned edits", async () => {
    await start();
    const { d, actions } = await wildcardActions();
    assert.deepEqual(titles(actions), [
      'Replace the policy statement with orders.grantReadWriteData(fn)',
      'Ignore iam-wildcard-action for this line',
      'Ignore iam-wildcard-action for this file',
      'Show documentation for iam-wildcard-action',
    ]);
    for (const a of actions) {
      assert.equal(a.kind, 'quickfix');
      assert.deepEqual(a.diagnostics, [d]);
    }
    const [grant, , , docs] = actions;
    assert.equal(grant.isPreferred, false, 'a grant changes the posture: offered, never applied by fix-all');
    const change = grant.edit?.documentChanges?.[0];
    assert.ok(change && 'textDocument' in change);
    assert.deepEqual(change.textDocument, { uri: client.uri(REL), version: 1 });
    const fixed = applyWorkspaceEdit(STACK, grant.edit, client.uri(REL));
    assert.equal(fixed.split('\n')[POLICY_LINE], '    orders.grantReadWriteData(fn);');
    assert.ok(grant.command, 'the fix has a note to show');
    assert.equal(grant.command.command, ClientCommands.showFixNote);
    assert.deepEqual(docs.command, {
      title: 'Show documentation for iam-wildcard-action',
      command: 'slsguard.showRuleDoc',
      arguments: ['iam-wildcard-action'],
    });
    assert.equal(docs.edit, undefined);
  });

  it('"Ignore for this line" inserts a comment whose placeholder is selected; the finding goes and the reason is asked for', async () => {
    await start();
    const ignore = (await wildcardActions()).actions.find((a) => a.title === 'Ignore iam-wildcard-action for this line');
    assert.ok(ignore);
    const text = applyWorkspaceEdit(STACK, ignore.edit, client.uri(REL));
    assert.equal(text.split('\n')[POLICY_LINE], '    // slsguard-ignore-next-line iam-wildcard-action -- <reason>');
    assert.equal(ignore.command?.command, ClientCommands.selectRange);
    const [uri, range] = ignore.command.arguments as [
      string,
      { start: { line: number; character: number }; end: { line: number; character: number } },
    ];
    assert.equal(uri, client.uri(REL));
    assert.equal(text.split('\n')[range.start.line].slice(range.start.character, range.end.character), '<reason>');
    await client.change(REL, text);
    const items = await client.items(REL);
    assert.deepEqual(
      items.map((i) => `${i.code}@${i.range.start.line}`),
      [`suppression-missing-reason@${POLICY_LINE}`],
    );
    // Writing the reason leaves nothing.
    await client.change(REL, text.replace('<reason>', 'the sync job needs every table action (OPS-9)'));
    assert.deepEqual(await client.items(REL), []);
  });

  it('"Ignore for this file" inserts a file comment at the top', async () => {
    await start();
    const ignore = (await wildcardActions()).actions.find((a) => a.title === 'Ignore iam-wildcard-action for this file');
    assert.ok(ignore);
    const text = applyWorkspaceEdit(STACK, ignore.edit, client.uri(REL));
    assert.equal(text, `// slsguard-ignore-file iam-wildcard-action -- <reason>\n${STACK}`);
    await client.change(REL, text);
    assert.deepEqual(
      (await client.items(REL)).map((i) => `${i.code}@${i.range.start.line}`),
      ['suppression-missing-reason@0'],
    );
  });

  it('gives no edits for a document version other than the one the diagnostics came from', async () => {
    await start();
    await client.open(REL, STACK);
    const d = wildcard(await client.items(REL));
    // The user types at the end; the diagnostics the client holds are now for version 1.
    await client.change(REL, `${STACK}// more\n`);
    const actions = await client.codeActions(REL, d.range, [d]);
    assert.deepEqual(titles(actions), ['Show documentation for iam-wildcard-action']);
    assert.ok(actions.every((a) => a.edit === undefined));
  });

  it('fix-all applies only the preferred fixes of the document, merged, even before a diagnostic pull', async () => {
    await start();
    const text = STACK.replace(
      '    fn.addToRolePolicy(',
      '    // slsguard-ignore-next-line iam-admin-policy -- no longer needed\n    fn.addToRolePolicy(',
    ).replace(
      "import * as cdk from 'aws-cdk-lib';\n",
      "// slsguard-ignore-file lambda-public-invoke, iam-wildcard-action -- legacy\nimport * as cdk from 'aws-cdk-lib';\n",
    );
    await client.open(REL, text);
    const actions = await client.codeActions(
      REL,
      { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      [],
      ['source.fixAll'],
    );
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, FIX_ALL_KIND);
    const fixed = applyWorkspaceEdit(text, actions[0].edit, client.uri(REL));
    assert.equal(
      fixed,
      STACK.replace(
        "import * as cdk from 'aws-cdk-lib';\n",
        "// slsguard-ignore-file iam-wildcard-action -- legacy\nimport * as cdk from 'aws-cdk-lib';\n",
      ),
    );
    // Nothing is left to fix: no action.
    await client.change(REL, fixed);
    assert.deepEqual(
      await client.codeActions(REL, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll.slsguard']),
      [],
    );
    // Quick fixes are not source actions.
    assert.deepEqual(
      await client.codeActions(REL, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['quickfix']),
      [],
    );
  });

  it('offers no fix and no fix-all of a rule turned off since the diagnostics were pulled', async () => {
    await start();
    const text = STACK.replace(
      '    fn.addToRolePolicy(',
      '    // slsguard-ignore-next-line iam-admin-policy -- no longer needed\n    fn.addToRolePolicy(',
    );
    await client.open(REL, text);
    const unused = (await client.items(REL)).find((i) => i.code === 'suppression-unused');
    assert.ok(unused, 'the unused suppression is reported');
    const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const edits = async (range: Range, diagnostics: Diagnostic[], only?: string[]) =>
      (await client.codeActions(REL, range, diagnostics, only)).filter((a) => a.edit).map((a) => a.title);
    assert.ok((await edits(unused.range, [unused])).length > 0, 'a quick fix removes it');
    assert.equal((await edits(top, [], ['source.fixAll'])).length, 1, 'fix-all removes it');
    await client.setSettings({ rules: { 'suppression-unused': 'off' } });
    // The editor shows the old diagnostic until it pulls again; its actions follow the new settings already.
    assert.deepEqual(await edits(unused.range, [unused]), []);
    assert.deepEqual(await edits(top, [], ['source.fixAll']), []);
  });

  it('uses plain changes and no commands for a client without documentChanges or our commands', async () => {
    await start({});
    const { actions } = await wildcardActions();
    assert.deepEqual(titles(actions), [
      'Replace the policy statement with orders.grantReadWriteData(fn)',
      'Ignore iam-wildcard-action for this line',
      'Ignore iam-wildcard-action for this file',
    ]);
    for (const a of actions) {
      assert.equal(a.command, undefined);
      assert.equal(a.edit?.documentChanges, undefined);
      assert.ok(a.edit?.changes?.[client.uri(REL)]);
    }
  });
});

describe('light bulb: fix all of a rule, turn a rule off, one row per kind', function () {
  this.timeout(30000);
  let client: TestClient;
  let root: string;
  /** Line 16: two wildcard findings (action and resource); line 17: a second wildcard action. */
  const TWO = ordersStack(
    [
      "    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));",
      "    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: [orders.tableArn] }));",
    ].join('\n'),
  );
  const line = (n: number) => ({ start: { line: n, character: 0 }, end: { line: n, character: 200 } });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  async function actionsAt(files: Record<string, string>, n: number, options: Parameters<typeof TestClient.start>[1]) {
    root = makeProject({ [REL]: TWO, ...files });
    ({ client } = await TestClient.start(root, options));
    await client.open(REL, TWO);
    const items = await client.items(REL);
    const here = items.filter((i) => i.range.start.line === n);
    return { here, actions: await client.codeActions(REL, line(n), here) };
  }

  it('"Fix all <rule> problems in this file" applies the fix of every finding of the rule, as slsguard fix --rule does', async () => {
    const { actions } = await actionsAt({}, POLICY_LINE + 1, { initializationOptions: ALL_COMMANDS, documentChanges: true });
    const all = actions.find((a) => a.title === 'Fix all iam-wildcard-action problems in this file');
    assert.ok(all, JSON.stringify(titles(actions)));
    assert.equal(all.kind, 'quickfix');
    const fixed = applyWorkspaceEdit(TWO, all.edit, client.uri(REL)).split('\n');
    assert.deepEqual(fixed.slice(POLICY_LINE, POLICY_LINE + 2), [
      '    orders.grantReadWriteData(fn);',
      '    orders.grantReadWriteData(fn);',
    ]);
    // Not offered for a rule with a single finding in the file.
    assert.ok(!titles(actions).some((t) => t.startsWith('Fix all iam-wildcard-resource')));
  });

  it('"Turn off <rule> for this workspace" edits the .slsguard.json that applies, keeping its comments and layout', async () => {
    const config = '{\n    // team defaults\n    "rules": {\n        "logs-retention": "warning", // reviewed\n    },\n}\n';
    const { actions } = await actionsAt({ '.slsguard.json': config }, POLICY_LINE + 1, { initializationOptions: { clientCommands: [] } });
    const off = actions.find((a) => a.title === 'Turn off iam-wildcard-action for this workspace');
    assert.ok(off, JSON.stringify(titles(actions)));
    const text = applyWorkspaceEdit(config, off.edit, client.uri('.slsguard.json'));
    assert.equal(
      text,
      '{\n    // team defaults\n    "rules": {\n        "iam-wildcard-action": "off",\n        "logs-retention": "warning", // reviewed\n    },\n}\n',
    );
    // The file the action wrote turns the rule off.
    fs.writeFileSync(path.join(root, '.slsguard.json'), text);
    const refreshes = client.refreshCount;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: client.uri('.slsguard.json'), type: 2 }],
    });
    await waitFor(() => client.refreshCount > refreshes || undefined, 5000, 'a refresh');
    assert.deepEqual(
      (await client.items(REL)).map((i) => i.code),
      ['iam-wildcard-resource'],
    );
  });

  it('"Turn off" creates .slsguard.json in the workspace folder when none applies and the client can create files', async () => {
    const { actions } = await actionsAt({}, POLICY_LINE + 1, { documentChanges: true, createFiles: true });
    const off = actions.find((a) => a.title === 'Turn off iam-wildcard-action for this workspace');
    assert.ok(off, JSON.stringify(titles(actions)));
    const uri = client.uri('.slsguard.json');
    assert.deepEqual(off.edit?.documentChanges?.[0], { kind: 'create', uri });
    assert.equal(applyWorkspaceEdit('', off.edit, uri), '{\n  "rules": {\n    "iam-wildcard-action": "off"\n  }\n}\n');
  });

  it('offers no "Turn off" where it cannot create the file', async () => {
    const { actions } = await actionsAt({}, POLICY_LINE + 1, { documentChanges: true });
    assert.ok(!titles(actions).some((t) => t.startsWith('Turn off')), JSON.stringify(titles(actions)));
  });

  it('several findings on one line: one entry per kind whose choices are the rules, instead of every row per finding', async () => {
    const { here, actions } = await actionsAt({}, POLICY_LINE, {
      initializationOptions: ALL_COMMANDS,
      documentChanges: true,
      createFiles: true,
    });
    assert.deepEqual(
      here.map((d) => d.code),
      ['iam-wildcard-action', 'iam-wildcard-resource'],
    );
    assert.deepEqual(titles(actions), [
      'Replace the policy statement with orders.grantReadWriteData(fn)',
      'Scope the statement to orders.tableArn',
      'Fix all iam-wildcard-action problems in this file',
      'Ignore for this line…',
      'Ignore for this file…',
      'Turn off for this workspace…',
      'Show documentation…',
    ]);
    const ignore = actions[3];
    assert.equal(ignore.command?.command, 'slsguard.chooseAction');
    const [title, choices] = ignore.command.arguments as [string, Array<{ label: string; edit: WorkspaceEdit; command?: Command }>];
    assert.equal(title, 'Ignore for this line…');
    assert.deepEqual(
      choices.map((c) => c.label),
      ['Ignore iam-wildcard-action for this line', 'Ignore iam-wildcard-resource for this line'],
    );
    const text = applyWorkspaceEdit(TWO, choices[1].edit, client.uri(REL));
    assert.equal(text.split('\n')[POLICY_LINE], '    // slsguard-ignore-next-line iam-wildcard-resource -- <reason>');
    assert.equal(choices[1].command?.command, 'slsguard.selectRange');
    const docs = actions[6].command?.arguments?.[1] as Array<{ label: string; command: Command }>;
    assert.deepEqual(
      docs.map((c) => c.command.arguments),
      [['iam-wildcard-action'], ['iam-wildcard-resource']],
    );
  });

  it('several findings on one line, for a client without the choice command: the rows of each rule', async () => {
    const { actions } = await actionsAt({}, POLICY_LINE, { documentChanges: true });
    assert.deepEqual(titles(actions), [
      'Replace the policy statement with orders.grantReadWriteData(fn)',
      'Scope the statement to orders.tableArn',
      'Fix all iam-wildcard-action problems in this file',
      'Ignore iam-wildcard-action for this line',
      'Ignore iam-wildcard-action for this file',
      'Ignore iam-wildcard-resource for this line',
      'Ignore iam-wildcard-resource for this file',
    ]);
  });
});

describe('.slsguard.json in the editor', function () {
  this.timeout(30000);
  let client: TestClient;
  let root: string;

  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('publishes its problems with exact ranges, applies it under the settings, and reloads it on change', async () => {
    root = makeProject({
      [REL]: STACK,
      '.slsguard.json': '{\n  // team defaults\n  "rules": { "iam-wildcard-action": "info" },\n  "colour": true\n}\n',
    });
    ({ client } = await TestClient.start(root));
    const problems = await waitFor(() => client.published('.slsguard.json'), 5000, 'config diagnostics');
    assert.deepEqual(
      problems.map((p) => ({ range: p.range, severity: p.severity, source: p.source })),
      [{ range: { start: { line: 3, character: 2 }, end: { line: 3, character: 10 } }, severity: 2, source: 'slsguard' }],
    );
    assert.match(String(problems[0].message), /Unknown setting "colour"/);
    await client.open(REL, STACK);
    assert.equal(wildcard(await client.items(REL)).severity, 3, 'info, from the file');
    // The setting wins over the file.
    let refreshes = client.refreshCount;
    await client.setSettings({ rules: { 'iam-wildcard-action': 'warning' } });
    await waitFor(() => client.refreshCount > refreshes || undefined, 5000, 'a refresh');
    assert.equal(wildcard(await client.items(REL)).severity, 2);
    // The file changes: re-read, problems cleared, findings refreshed.
    await client.setSettings({});
    fs.writeFileSync(path.join(root, '.slsguard.json'), '{ "rules": { "iam-wildcard-action": "off" } }\n');
    refreshes = client.refreshCount;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: client.uri('.slsguard.json'), type: 2 }],
    });
    await waitFor(() => client.refreshCount > refreshes || undefined, 5000, 'a refresh');
    assert.deepEqual(client.published('.slsguard.json'), []);
    assert.deepEqual(await client.items(REL), []);
  });
});
