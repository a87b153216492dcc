import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { installExtension } from '../support/codeServer';
import { extensionId, manifest, ROOT, vsixPath } from '../support/paths';
import { until, Workbench } from '../support/workbench';
import { Fixture } from './fixture';

/**
 * Serverless Guard as a user gets it: the `.vsix` installed into a fresh code-server, a copy of
 * `examples/cdk-app` opened, and a person at the keyboard. Each step is its own test and
 * reaches the state it needs itself (Quick Open, command palette), so one failure does not
 * hide the others; each leaves a screenshot in test-results/e2e/.
 */

/** 1-based line and column of the first occurrence of `text` in a workspace file. */
function locate(file: string, text: string): { line: number; column: number } {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(text));
  assert.ok(line >= 0, `${text} not found in ${file}`);
  return { line: line + 1, column: lines[line].indexOf(text) + 1 };
}

/**
 * A step whose feature is built on another branch: pending (skipped) until that branch is
 * merged. To enable it, change `landsWith(...)` to `it(...)`.
 */
function landsWith(issue: string, title: string, fn: (this: Mocha.Context) => Promise<void>): void {
  it.skip(`${title} [pending: feature lands with ${issue}]`, fn);
}

const STATUS_ITEM = 'slsguard.status';
const STACK = 'orders-stack.ts';

describe('Serverless Guard installed from the .vsix, in code-server', function () {
  const fixture = new Fixture('workbench');
  let workbench: Workbench;
  let installOutput = '';

  before(async function () {
    this.timeout(180_000);
    const vsix = vsixPath();
    assert.ok(fs.existsSync(vsix), `${vsix} is missing: run npm run package first`);
    await fixture.setUp({}, async (profile) => {
      installOutput = await installExtension(profile, vsix);
    });
    workbench = await Workbench.open(fixture.browser!, fixture.server!.url(fixture.workspace), fixture.resultsDir);
  });

  afterEach(async function () {
    if (!workbench) return;
    if (this.currentTest?.state === 'failed') {
      await workbench.screenshot(`FAILED-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
    }
    await workbench.clearPanelFilter();
  });

  after(async function () {
    this.timeout(30_000);
    await workbench?.close();
    await fixture.tearDown();
  });

  const file = (rel: string) => path.join(fixture.workspace, rel);

  /**
   * Opens `rel`, puts the cursor on `anchor`, runs Quick Fix... and picks the fix whose title
   * contains `fixTitle`, saves, and returns the file's text once it contains `expected`.
   */
  async function quickFix(rel: string, anchor: string, fixTitle: string, expected: string, shot: string): Promise<string> {
    await workbench.openFile(path.basename(rel));
    const at = locate(file(rel), anchor);
    await workbench.goTo(at.line, at.column + 1);
    await workbench.runCommand('Quick Fix...');
    await workbench.page.locator('.action-widget .monaco-list-row', { hasText: fixTitle }).first().waitFor({ state: 'visible' });
    await workbench.screenshot(shot);
    await workbench.applyCodeAction(fixTitle);
    await workbench.runCommand('File: Save');
    return until(async () => {
      const saved = fs.readFileSync(file(rel), 'utf8');
      return saved.includes(expected) ? saved : undefined;
    }, `"${expected}" in the saved ${rel}`);
  }

  it('installs from the .vsix into a fresh extensions directory', () => {
    assert.match(installOutput, /successfully installed/);
    const { version } = manifest();
    const installed = path.join(fixture.profile.extensionsDir, `${extensionId()}-${version}`);
    assert.ok(fs.existsSync(path.join(installed, 'package.json')), `${installed} has no package.json`);
    assert.ok(fs.existsSync(path.join(installed, 'server', 'out', 'server.js')));
    assert.ok(!fs.existsSync(path.join(installed, 'node_modules')), 'the package must not need node_modules');
  });

  it('shows the status bar item, ready once the server runs', async () => {
    const item = workbench.statusBarItem(STATUS_ITEM);
    const label = await until(async () => {
      const text = await item.innerText();
      const aria = await item.getAttribute('aria-label');
      return text.includes('Serverless Guard') && aria?.includes('ready') ? aria : undefined;
    }, 'the Serverless Guard status bar item to say ready', 60_000);
    assert.match(label, /Serverless Guard is ready/);
    await workbench.screenshot('status-bar-ready');
  });

  it(`shows the findings of ${STACK} in the editor and the Problems panel`, async () => {
    await workbench.openFile(STACK);
    await until(async () => (await workbench.page.locator('.squiggly-error').count()) > 0, 'error squiggles in the editor', 60_000);
    await workbench.screenshot('editor-findings');

    const expected = ['iam-wildcard-action', 'iam-wildcard-resource', 'iam-admin-policy', 'lambda-public-invoke'];
    const text = await until(async () => {
      const shown = await workbench.problems(`**/${STACK}`);
      return expected.every((id) => shown.includes(id)) ? shown : undefined;
    }, `the Problems panel to list ${expected.join(', ')}`);
    assert.match(text, /'dynamodb:\*' allows every dynamodb action/);
    assert.match(text, /slsguard/);
    await workbench.screenshot('problems-panel');
  });

  it('shows a finding with its rule link on hover', async () => {
    await workbench.openFile(STACK);
    const at = locate(file(`lib/${STACK}`), "'dynamodb:*'");
    await workbench.goTo(at.line, at.column + 1);
    await workbench.runCommand('Show or Focus Hover');
    const hover = workbench.page.locator('.monaco-hover:not(.hidden)').first();
    const text = await until(async () => {
      const shown = await hover.innerText();
      return shown.includes('allows every dynamodb action') ? shown : undefined;
    }, 'the hover with the finding');
    assert.match(text, /iam-wildcard-action/);
    await until(async () => !(await hover.innerText()).includes('Checking for quick fixes'), 'the hover to settle');
    await workbench.screenshot('hover-finding', 'finding-hover');
    await workbench.page.keyboard.press('Escape');
  });

  it('runs "Serverless Guard: Scan Workspace" with a progress notification and a summary', async () => {
    const seen = await workbench.recordNotifications();
    await workbench.runCommand('Serverless Guard: Scan Workspace');
    const pattern = /Scanned \d+ files: \d+ errors, \d+ warnings, \d+ infos/;
    const summary = await until(async () => (await seen()).find((n) => pattern.test(n)), 'the scan summary notification', 60_000);
    const all = await seen();
    assert.ok(all.some((n) => n.includes('Serverless Guard: Scanning workspace')), `no progress notification among ${JSON.stringify(all)}`);
    const files = Number(/Scanned (\d+) files/.exec(summary)![1]);
    assert.ok(files >= 5, `the scan covered only ${files} files`);
    // The progress notification closes; the summary stays, with its button.
    await workbench.toast(pattern);
    await until(async () => !(await workbench.visibleToasts()).some((t) => t.includes('Scanning workspace')), 'the progress notification to close');
    await workbench.screenshot('scan-summary', 'scan-workspace');
  });

  it("opens the Problems panel from the summary's Show Problems, with files never opened", async () => {
    const button = workbench.page.locator('.notification-toast .monaco-button', { hasText: 'Show Problems' }).first();
    if (!(await button.isVisible())) {
      await workbench.runCommand('Serverless Guard: Scan Workspace');
      await button.waitFor({ state: 'visible', timeout: 60_000 });
    }
    await button.click();
    await until(async () => {
      const shown = await workbench.problems('**/reports-stack.ts');
      return shown.includes('reports-stack.ts') && shown.includes('iam-privilege-escalation');
    }, 'findings of reports-stack.ts in the Problems panel');
    await workbench.screenshot('problems-after-scan');
  });

  it('opens the Serverless Guard output from the status bar item', async () => {
    await workbench.statusBarItem(STATUS_ITEM).click();
    const output = workbench.page.locator('.part.panel .output-view, .part.panel [id="workbench.panel.output"]').first();
    await output.waitFor({ state: 'visible' });
    await workbench.clearPanelFilter();
    await until(async () => (await output.innerText()).includes('Scanned'), 'the output channel with the scan log');
    await workbench.screenshot('output-channel');
  });

  landsWith('issue 6 (guide + hover)', 'shows the guide card when hovering a construct', async () => {
    await workbench.openFile(STACK);
    const at = locate(file(`lib/${STACK}`), 'new dynamodb.Table');
    await workbench.goTo(at.line, at.column + 'new dynamodb.'.length + 1);
    await workbench.runCommand('Show or Focus Hover');
    const hover = workbench.page.locator('.monaco-hover:not(.hidden)').first();
    await until(async () => /Serverless Guard/.test(await hover.innerText()), 'the Serverless Guard hover card');
    await workbench.screenshot('hover-construct');
    await workbench.page.keyboard.press('Escape');
  });

  landsWith('issue 5 (quick fixes)', 'replaces the wildcard policy with the grant method from the lightbulb', async () => {
    const text = await quickFix(`lib/${STACK}`, "'dynamodb:*'", 'grantReadWriteData', 'this.table.grantReadWriteData(createOrder)', 'lightbulb-grant-fix');
    assert.ok(!text.includes("'dynamodb:*'"), 'the wildcard statement is gone');
    await workbench.screenshot('grant-fix-applied');
  });

  landsWith('issues 3 and 5 (secrets rules, quick fixes)', 'moves a plaintext secret to Secrets Manager', async () => {
    fs.writeFileSync(
      file('lib/billing-stack.ts'),
      [
        "import * as cdk from 'aws-cdk-lib';",
        "import { Construct } from 'constructs';",
        "import * as lambda from 'aws-cdk-lib/aws-lambda';",
        '',
        'export class BillingStack extends cdk.Stack {',
        '  constructor(scope: Construct, id: string) {',
        '    super(scope, id);',
        "    new lambda.Function(this, 'Charge', {",
        '      runtime: lambda.Runtime.NODEJS_20_X,',
        "      handler: 'index.handler',",
        "      code: lambda.Code.fromAsset('lambda/billing'),",
        "      environment: { STRIPE_API_KEY: 'example-plaintext-key' },",
        '    });',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    const text = await quickFix('lib/billing-stack.ts', 'STRIPE_API_KEY', 'Secrets Manager', 'secretsmanager.Secret', 'lightbulb-secrets-fix');
    assert.ok(!text.includes('example-plaintext-key'), 'the plaintext secret is gone');
    assert.match(text, /from 'aws-cdk-lib\/aws-secretsmanager'/);
    assert.match(text, /\.secretArn/);
    assert.match(text, /\.grantRead\(/);
    await workbench.screenshot('secrets-fix-applied');
  });

  landsWith('issue 7 (checklist view)', 'shows the checklist view with the state of each item', async () => {
    // The view is read from the manifest, so its id and name are whatever issue 7 chose.
    const views = Object.values((manifest() as unknown as { contributes: { views?: Record<string, Array<{ id: string; name: string }>> } }).contributes.views ?? {}).flat();
    const view = views.find((v) => /checklist/i.test(`${v.id} ${v.name}`));
    assert.ok(view, 'no checklist view in contributes.views');
    // VS Code's own command for every view; the palette shows it under the container's title.
    await workbench.runCommand(`Focus on ${view.name} View`);
    const rows = workbench.page.locator(`[id="${view.id}"] .monaco-list-row, .pane:has(.pane-header[aria-label*="${view.name}"]) .monaco-list-row`);
    await until(async () => (await rows.count()) > 0, `items in the ${view.name} view`);
    // orders-stack.ts grants dynamodb:* on '*': the least-privilege item must not be passing.
    const labels = await until(async () => {
      const all = (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))).filter(Boolean);
      return all.some((l) => /iam|privilege/i.test(l)) ? all : undefined;
    }, 'an IAM item in the checklist');
    assert.ok(labels.some((l) => /iam|privilege/i.test(l) && /fail|finding|problem|✗|error/i.test(l)), JSON.stringify(labels));
    await workbench.screenshot('checklist-view');
  });

  landsWith('issue 7 (snippets)', 'inserts a snippet by its prefix', async () => {
    // The first contributed snippet, whatever issue 7 named it.
    const contributes = (manifest() as unknown as { contributes: { snippets?: Array<{ language: string; path: string }> } }).contributes;
    const entry = contributes.snippets?.find((s) => s.language === 'typescript');
    assert.ok(entry, 'no TypeScript snippets in contributes.snippets');
    const snippets = JSON.parse(fs.readFileSync(path.join(ROOT, entry.path), 'utf8')) as Record<string, { prefix: string | string[]; body: string | string[] }>;
    const [, snippet] = Object.entries(snippets)[0];
    const prefix = Array.isArray(snippet.prefix) ? snippet.prefix[0] : snippet.prefix;
    const body = Array.isArray(snippet.body) ? snippet.body : [snippet.body];
    const literalLine = body.map((l) => l.trim()).find((l) => l.length > 8 && !l.includes('$'));
    assert.ok(literalLine, 'the snippet has no line without placeholders to look for');

    const target = file('lib/snippet-stack.ts');
    fs.writeFileSync(target, '\n');
    await workbench.openFile('snippet-stack.ts');
    await workbench.page.keyboard.type(prefix);
    await workbench.page.keyboard.press('Control+Space');
    const suggestion = workbench.page.locator('.suggest-widget .monaco-list-row', { hasText: prefix }).first();
    await suggestion.waitFor({ state: 'visible', timeout: 30_000 });
    await workbench.screenshot('snippet-suggestion');
    await workbench.page.keyboard.press('Enter');
    await workbench.page.keyboard.press('Escape');
    await workbench.runCommand('File: Save');
    await until(async () => fs.readFileSync(target, 'utf8').includes(literalLine), 'the snippet body in the saved file');
  });
});
