import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checklistFromCli } from '../support/cli';
import { extensionId, manifest } from '../support/paths';
import { until, Workbench } from '../support/workbench';
import { Fixture, locate, withInstalledWorkbench } from './fixture';

/**
 * Serverless Guard as a user gets it: the `.vsix` installed into a fresh code-server, a copy of
 * `examples/cdk-app` opened, and a person at the keyboard. Each step is its own test and
 * reaches the state it needs itself (Quick Open, command palette), so one failure does not
 * hide the others; each leaves a screenshot in test-results/e2e/.
 */

const STATUS_ITEM = 'slsguard.status';
const STACK = 'orders-stack.ts';

describe('Serverless Guard installed from the .vsix, in code-server', function () {
  const fixture = new Fixture('workbench');
  const suite = withInstalledWorkbench(fixture);
  let workbench: Workbench;
  before(() => (workbench = suite.workbench));

  const file = (rel: string) => path.join(fixture.workspace, rel);

  it('installs from the .vsix into a fresh extensions directory', () => {
    assert.match(suite.installOutput, /successfully installed/);
    const { version } = manifest();
    const installed = path.join(fixture.profile.extensionsDir, `${extensionId()}-${version}`);
    assert.ok(fs.existsSync(path.join(installed, 'package.json')), `${installed} has no package.json`);
    assert.ok(fs.existsSync(path.join(installed, 'server', 'out', 'server.js')));
    assert.ok(!fs.existsSync(path.join(installed, 'node_modules')), 'the package must not need node_modules');
  });

  it('shows the status bar item, ready once the server runs', async () => {
    const item = workbench.statusBarItem(STATUS_ITEM);
    const label = await until(
      async () => {
        const text = await item.innerText();
        const aria = await item.getAttribute('aria-label');
        return text.includes('Serverless Guard') && aria?.includes('ready') ? aria : undefined;
      },
      'the Serverless Guard status bar item to say ready',
      60_000,
    );
    assert.match(label, /Serverless Guard is ready/);
    await workbench.screenshot('status-bar-ready');
  });

  it(`shows the findings of ${STACK} in the editor and the Problems panel`, async () => {
    await workbench.openFile(STACK);
    await until(async () => (await workbench.page.locator('.squiggly-error').count()) > 0, 'error squiggles in the editor', 60_000);
    await workbench.screenshot('editor-findings');

    const expected = ['iam-wildcard-action', 'iam-wildcard-resource', 'iam-admin-policy', 'lambda-public-invoke'];
    const text = await until(
      async () => {
        const shown = await workbench.problems(`**/${STACK}`);
        return expected.every((id) => shown.includes(id)) ? shown : undefined;
      },
      `the Problems panel to list ${expected.join(', ')}`,
    );
    assert.match(text, /'dynamodb:\*' allows every dynamodb action/);
    assert.match(text, /slsguard/);
    await workbench.screenshot('problems-panel');
  });

  it('shows a finding with its rule link on hover', async () => {
    // The Problems panel below lists this file's findings (for the README's screenshot).
    await workbench.problems(`**/${STACK}`);
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
    const files = Number(/Scanned (\d+) files/.exec(summary)![1]);
    assert.ok(files >= 5, `the scan covered only ${files} files`);
    // The progress counts files as they are done and ends on the final count, before the summary.
    const all = await seen();
    const progress = all.filter((n) => n.includes('Serverless Guard: Scanning workspace'));
    const counts = progress.flatMap((n) => [...n.matchAll(/(\d+)\/(\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]));
    console.log(`      progress: ${JSON.stringify(progress)}`);
    assert.ok(
      counts.some(([done, total]) => done === files && total === files),
      `no final count ${files}/${files} among ${JSON.stringify(all)}`,
    );
    assert.ok(
      counts.every(([done, total]) => done > 0 && done <= total && total === files),
      `counts ${JSON.stringify(counts)}`,
    );
    // The progress notification closes; the summary stays, with its button.
    await workbench.toast(pattern);
    await until(
      async () => !(await workbench.visibleToasts()).some((t) => t.includes('Scanning workspace')),
      'the progress notification to close',
    );
    await workbench.screenshot('scan-summary');
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

  it('shows the guide card when hovering a construct, and opens the guide at its section', async () => {
    await workbench.openFile(STACK);
    const at = locate(file(`lib/${STACK}`), 'new dynamodb.Table');
    await workbench.goTo(at.line, at.column + 'new dynamodb.'.length + 1);
    await workbench.runCommand('Show or Focus Hover');
    const hover = workbench.page.locator('.monaco-hover:not(.hidden)').first();
    const text = await until(async () => {
      const shown = await hover.innerText();
      return shown.includes('Practices guide:') ? shown : undefined;
    }, 'the hover card of the table');
    // Title, what matters here, a verdict on the value written (none: DynamoDB's own key), the guide.
    assert.match(text, /DynamoDB table · aws-dynamodb\.Table/);
    assert.match(text, /✔ encryption: not set — a key owned by DynamoDB/);
    assert.match(text, /Checked by dynamodb-cmk/);
    const guide = hover.locator('a', { hasText: 'Practices guide: AWS-owned, AWS-managed and customer-managed keys' });
    await guide.waitFor({ state: 'visible' });
    await workbench.screenshot('hover-construct-card', 'guide-card', [workbench.page.locator('.part.editor')]);

    // The link opens the guide page shipped in the extension, in the Markdown preview, at the section.
    await guide.click();
    await until(
      async () => (await workbench.activeTab().getAttribute('aria-label'))?.includes('Preview data-protection.md'),
      'the guide preview tab',
    );
    const preview = workbench.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await until(
      async () => (await preview.locator('h2', { hasText: 'Customer-managed keys' }).count()) > 0,
      'the guide section in the preview',
    );
    await workbench.screenshot('guide-preview');
    await workbench.runCommand('View: Close Editor');
  });

  it('replaces the wildcard policy with the grant method from the light bulb', async () => {
    const rel = `lib/${STACK}`;
    await workbench.openFile(STACK);
    const at = locate(file(rel), "'dynamodb:*'");
    await workbench.goTo(at.line, at.column + 1);
    const fix = 'Replace the policy statement with this.table.grantReadWriteData(createOrder)';
    const rows = await workbench.openLightbulb();
    assert.equal(await rows.first().getAttribute('aria-label'), fix, 'the grant fix comes first');
    await workbench.screenshot('lightbulb-grant-fix', 'lightbulb-fix', [workbench.page.locator('.part.editor')]);
    await workbench.applyCodeAction(fix);

    // The statement is gone from the editor and the grant is in its place (the example's comment
    // above it names the same call, so look for the statement line itself).
    const shown = await until(async () => {
      const text = await workbench.editorText();
      return text.split('\n').some((l) => l.trim() === 'this.table.grantReadWriteData(createOrder);') ? text : undefined;
    }, 'the grant call in the editor');
    assert.ok(!shown.includes("'dynamodb:*'"), shown);
    assert.ok(!shown.includes('createOrder.addToRolePolicy('), shown);
    await workbench.toast('Grants 10 specific DynamoDB table actions on this resource only.');
    await workbench.screenshot('grant-fix-applied');

    await workbench.runCommand('File: Save');
    const saved = await until(async () => {
      const text = fs.readFileSync(file(rel), 'utf8');
      return text.includes('    this.table.grantReadWriteData(createOrder);\n') ? text : undefined;
    }, `the grant call in the saved ${rel}`);
    assert.ok(!saved.includes("'dynamodb:*'"));
  });

  it('moves a plain-text secret in a Lambda environment to Secrets Manager', async () => {
    const rel = 'lib/payments-stack.ts';
    const value = 'Vb4Nq8Zr2Tx6Lm9Kc3Wd';
    await workbench.openFile('payments-stack.ts');
    const at = locate(file(rel), `'${value}'`);
    await workbench.goTo(at.line, at.column + 1);
    const fix = 'Move LEDGER_DB_PASSWORD to a Secrets Manager secret (ledgerDbPasswordSecret)';
    const rows = await workbench.openLightbulb();
    assert.equal(await rows.first().getAttribute('aria-label'), fix);
    await workbench.screenshot('lightbulb-secrets-fix');
    await workbench.applyCodeAction(fix);

    const shown = await until(async () => {
      const text = await workbench.editorText();
      return text.includes('LEDGER_DB_PASSWORD_SECRET_ARN') ? text : undefined;
    }, 'the secret ARN in the editor');
    assert.match(shown, /const ledgerDbPasswordSecret = new secretsmanager\.Secret\(this, 'LedgerDbPasswordSecret', \{/);
    assert.match(shown, /LEDGER_DB_PASSWORD_SECRET_ARN: ledgerDbPasswordSecret\.secretArn,/);
    assert.match(shown, /ledgerDbPasswordSecret\.grantRead\(charge\);/);
    assert.ok(!shown.includes(value), 'the secret value is gone from the editor');
    // The note says how to store the value, which the new code never holds.
    await workbench.toast(/aws secretsmanager put-secret-value --secret-id <ARN of LedgerDbPasswordSecret>/);
    await workbench.screenshot('secrets-fix-applied');

    await workbench.runCommand('File: Save');
    const saved = await until(async () => {
      const text = fs.readFileSync(file(rel), 'utf8');
      return text.includes('ledgerDbPasswordSecret.grantRead(charge);') ? text : undefined;
    }, `the secret in the saved ${rel}`);
    assert.ok(!saved.includes(value), 'the secret value is gone from the file');
  });

  it('shows the Security Checklist in the activity bar, as the CLI judges the same files', async () => {
    const page = workbench.page;
    await page.locator('.part.activitybar .action-label[aria-label^="Serverless Guard"]').click();
    const sidebar = page.locator('.part.sidebar');
    await until(
      async () => /SECURITY CHECKLIST/i.test(await sidebar.locator('.composite.title').innerText()),
      'the Security Checklist view',
    );
    const rows = sidebar.locator('.monaco-list-row');
    await until(async () => (await rows.count()) > 4, 'the checklist items');

    // The groups, then the items of the first, as a person tidies the view; again if a refresh
    // (the server saw the saves of the steps before) opens the failed items again.
    const collapseAll = sidebar.locator('.composite.title .action-label[aria-label^="Collapse All"]');
    await until(async () => {
      if ((await rows.count()) === 11 && (await rows.first().innerText()).startsWith('Development')) return true;
      await collapseAll.click();
      await until(async () => (await rows.count()) === 4, 'the four groups, collapsed');
      await rows.filter({ hasText: 'Development' }).click();
      await until(async () => (await rows.count()) > 4, 'the items of Development');
      return false;
    }, 'the seven items of Development, folded');
    const sash = await sidebar.boundingBox();
    if (sash) {
      await page.mouse.move(sash.x + sash.width, sash.y + 300);
      await page.mouse.down();
      await page.mouse.move(sash.x + sash.width + 220, sash.y + 300, { steps: 8 });
      await page.mouse.up();
    }

    // The grant fix removed two of orders-stack.ts's findings: the view and the CLI agree on what is left.
    const cli = checklistFromCli(fixture.workspace);
    const leastPrivilege = cli.groups.flatMap((g) => g.items).find((i) => /least privilege/i.test(i.title));
    assert.ok(leastPrivilege && leastPrivilege.state === 'failed', JSON.stringify(leastPrivilege));
    const item = rows.filter({ hasText: leastPrivilege.title });
    await until(
      async () => (await item.getAttribute('aria-label')) === `${leastPrivilege.title} ${leastPrivilege.detail}`,
      `"${leastPrivilege.title} ${leastPrivilege.detail}" in the view`,
    );
    assert.equal(
      await item
        .locator('.custom-view-tree-node-item-icon')
        .getAttribute('class')
        .then((c) => c?.includes('codicon-error')),
      true,
      'a failed item shows the error icon',
    );
    // Dependency scanning is a manual item that a deprecated runtime in the app fails (the legacy stack's Node.js 16).
    const items = cli.groups.flatMap((g) => g.items);
    assert.equal(items.find((i) => /dependencies/i.test(i.title))?.state, 'failed');
    const manual = items.find((i) => i.manual && i.state === 'unchecked' && /IAM policies periodically/i.test(i.title));
    assert.ok(manual, 'no manual IAM-review item');
    await rows.filter({ hasText: 'Operations' }).click();
    await until(async () => (await rows.filter({ hasText: manual.title }).count()) === 1, 'the items of Operations');
    const box = rows.filter({ hasText: manual.title }).locator('.custom-view-tree-node-item-checkbox');
    assert.equal(await box.getAttribute('aria-checked'), 'false');
    const description = sidebar.locator('.composite.title .description, .pane-header .description').first();
    assert.equal(await description.innerText(), `${cli.done} of ${cli.total} done`);
    await workbench.screenshot('checklist-view', 'checklist-view', [sidebar.locator('.composite.title'), rows]);

    // Ticking a check done by hand saves it for the team, and the CLI reads it back.
    await box.click();
    await until(async () => (await box.getAttribute('aria-checked')) === 'true', 'the box to be ticked');
    const saved = path.join(fixture.workspace, '.slsguard', 'checklist.json');
    await until(
      async () =>
        fs.existsSync(saved) &&
        (JSON.parse(fs.readFileSync(saved, 'utf8')) as { items: Record<string, boolean> }).items[manual.id] === true,
      `${manual.id} in .slsguard/checklist.json`,
    );
    const after = checklistFromCli(fixture.workspace);
    assert.equal(after.done, cli.done + 1);
    await until(
      async () => (await description.innerText()) === `${after.done} of ${after.total} done`,
      `"${after.done} of ${after.total} done" in the view`,
    );
    await workbench.screenshot('checklist-item-checked');
  });

  it('inserts a secure snippet by its sls- prefix in a stack file', async () => {
    const rel = 'lib/audit-stack.ts';
    fs.writeFileSync(
      file(rel),
      [
        "import * as cdk from 'aws-cdk-lib';",
        "import { Construct } from 'constructs';",
        "import * as kms from 'aws-cdk-lib/aws-kms';",
        "import * as s3 from 'aws-cdk-lib/aws-s3';",
        '',
        'export class AuditStack extends cdk.Stack {',
        '  constructor(scope: Construct, id: string, props?: cdk.StackProps) {',
        '    super(scope, id, props);',
        "    const key = new kms.Key(this, 'AuditKey', { enableKeyRotation: true });",
        '    ',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    await workbench.openFile('audit-stack.ts');
    await workbench.goTo(10, 5);
    await workbench.page.keyboard.type('sls-s3-bucket');
    await workbench.page.locator('.suggest-widget .monaco-list-row', { hasText: 'sls-s3-bucket' }).first().waitFor({ state: 'visible' });
    await workbench.screenshot('snippet-suggestion');
    await workbench.acceptSuggestion('sls-s3-bucket');
    // Its placeholders: the variable's name (mirrored), then the construct id.
    await workbench.page.keyboard.type('audit');
    await workbench.page.keyboard.press('Tab');
    await workbench.page.keyboard.type('Audit');
    await workbench.page.keyboard.press('Escape');
    const expected = [
      "    const auditBucket = new s3.Bucket(this, 'AuditBucket', {",
      '      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,',
      '      enforceSSL: true,',
      '      encryption: s3.BucketEncryption.KMS,',
      '      encryptionKey: key,',
      '    });',
    ];
    const shown = await until(async () => {
      const text = await workbench.editorText();
      return expected.every((l) => text.split('\n').includes(l)) ? text : undefined;
    }, 'the snippet, its placeholders filled, in the editor');
    assert.ok(shown.indexOf(expected[0]) < shown.indexOf('      enforceSSL: true,'));
    await workbench.screenshot('snippet-inserted');
    await workbench.runCommand('File: Save');
    await until(async () => fs.readFileSync(file(rel), 'utf8').includes(expected[0]), `the snippet in the saved ${rel}`);
  });
});
