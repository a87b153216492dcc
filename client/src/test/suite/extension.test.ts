import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/**
 * The extension against the real `vscode` API, in a workspace holding a copy of
 * `examples/cdk-app`: activation, commands, diagnostics and settings as VS Code sees them.
 * These files run unbundled in the extension host, so they import nothing of the extension's
 * own sources: the ids below are the public contract.
 */

const DIAGNOSTIC_SOURCE = 'slsguard';
const SCAN_WORKSPACE = 'slsguard.scanWorkspace';

interface Contributions {
  contributes: { commands: Array<{ command: string }> };
}

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.all.find((e) => (e.packageJSON as { name?: string }).name === 'serverless-guard');
  assert.ok(ext, 'the Serverless Guard extension is not loaded');
  return ext;
}

function workspaceFile(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder (a copy of examples/cdk-app)');
  return vscode.Uri.joinPath(folder.uri, rel);
}

/** Poll `check` until it returns a value, or fail at the deadline (saying what `seen` shows then). */
async function waitFor<T>(check: () => T | undefined, what: string, timeoutMs = 30_000, seen?: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${seen ? `; seen: ${seen()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

function ruleId(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

const STACK = 'lib/orders-stack.ts';

describe('Serverless Guard in the extension host', () => {
  it('activates', async () => {
    const ext = extension();
    await ext.activate();
    assert.ok(ext.isActive);
  });

  it('registers every command it contributes', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = (extension().packageJSON as Contributions).contributes.commands.map((c) => c.command);
    assert.ok(contributed.length > 0);
    assert.deepEqual(
      contributed.filter((c) => !registered.has(c)),
      [],
    );
  });

  it(`reports the findings of ${STACK} with source '${DIAGNOSTIC_SOURCE}'`, async () => {
    const uri = workspaceFile(STACK);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const expected = ['iam-wildcard-action', 'iam-wildcard-resource', 'iam-admin-policy', 'lambda-public-invoke'];
    const diagnostics = await waitFor(
      () => {
        const found = ours(uri);
        return expected.every((id) => found.some((d) => ruleId(d) === id)) ? found : undefined;
      },
      `diagnostics ${expected.join(', ')} on ${STACK}`,
      30_000,
      () => ours(uri).map(ruleId).join(', ') || 'none',
    );

    // The wildcard action is reported on the `'dynamodb:*'` literal itself, as an error.
    const literal = "'dynamodb:*'";
    const start = document.positionAt(document.getText().indexOf(literal));
    const wildcard = diagnostics.find((d) => ruleId(d) === 'iam-wildcard-action');
    assert.ok(wildcard);
    assert.equal(wildcard.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual(wildcard.range, new vscode.Range(start, start.translate(0, literal.length)));
  });

  it('links every finding to its rule page shipped with the extension, opened rendered', async () => {
    const diagnostics = await waitFor(() => {
      const found = ours(workspaceFile(STACK));
      return found.length > 0 ? found : undefined;
    }, `diagnostics on ${STACK}`);
    const extension = vscode.extensions.getExtension('serverless-guard.serverless-guard');
    assert.ok(extension, 'the extension is installed');
    for (const d of diagnostics) {
      assert.equal(typeof d.code, 'object', `${d.message}: no rule link`);
      // The rule id in the Problems panel runs "Show Rule Documentation" (the rendered page), not
      // the page's Markdown source in an editable tab (issue 19).
      const target = (d.code as { target: vscode.Uri }).target;
      assert.equal(`${target.scheme}:${target.path}`, 'command:slsguard.showRuleDoc', target.toString());
      assert.deepEqual(JSON.parse(decodeURIComponent(target.query)), [ruleId(d)], target.toString());
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(extension.extensionUri, 'docs', 'rules', `${ruleId(d)}.md`)); // the page exists
    }
  });

  it('turns a rule off and on again through the slsguard.rules setting', async () => {
    const uri = workspaceFile(STACK);
    const has = (id: string) => ours(uri).some((d) => ruleId(d) === id);
    await waitFor(() => has('iam-admin-policy') || undefined, 'iam-admin-policy to be reported');
    const config = vscode.workspace.getConfiguration('slsguard', uri);
    try {
      await config.update('rules', { 'iam-admin-policy': 'off' }, vscode.ConfigurationTarget.Workspace);
      await waitFor(() => !has('iam-admin-policy') || undefined, 'iam-admin-policy to go away');
      assert.ok(has('iam-wildcard-action'), 'other rules stay on');
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(() => has('iam-admin-policy') || undefined, 'iam-admin-policy to come back');
  });

  it('reports files that were never opened after "Scan Workspace"', async () => {
    const other = workspaceFile('lib/reports-stack.ts');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === other.toString()));
    // The command ends when its summary message is dismissed; the findings come before that.
    void vscode.commands.executeCommand(SCAN_WORKSPACE);
    const found = await waitFor(() => {
      const items = ours(other);
      return items.some((d) => ruleId(d) === 'iam-privilege-escalation') ? items : undefined;
    }, 'findings on lib/reports-stack.ts');
    assert.ok(found.some((d) => ruleId(d) === 'iam-wildcard-action'));
  });
});
