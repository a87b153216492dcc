import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checklistFromCli } from '../support/cli';
import { ROOT } from '../support/paths';
import { until, Workbench } from '../support/workbench';
import { Fixture, locate, withInstalledWorkbench } from './fixture';

/**
 * The editor of issue 19 in a real VS Code: the merged hover card, the light bulb's "Fix all"
 * and "Turn off" entries and its grouped "Ignore…" entry, the `slsguard.run` and
 * `slsguard.minimumSeverity` settings, a checklist item accepted with a reason, and the
 * baseline. A copy of `examples/cdk-app` with one more stack, written by the suite.
 */

const STACK = 'editor-stack.ts';
const STACK_TEXT = [
  "import * as cdk from 'aws-cdk-lib';",
  "import { Construct } from 'constructs';",
  "import * as lambda from 'aws-cdk-lib/aws-lambda';",
  "import * as s3 from 'aws-cdk-lib/aws-s3';",
  "import * as sns from 'aws-cdk-lib/aws-sns';",
  '',
  'export class EditorStack extends cdk.Stack {',
  '  constructor(scope: Construct, id: string, props?: cdk.StackProps) {',
  '    super(scope, id, props);',
  "    new lambda.Function(this, 'Ingest', {",
  '      runtime: lambda.Runtime.NODEJS_20_X,',
  "      handler: 'index.handler',",
  "      code: lambda.Code.fromAsset('lambda'),",
  '    });',
  "    new lambda.Function(this, 'Publish', {",
  '      runtime: lambda.Runtime.NODEJS_20_X,',
  "      handler: 'index.handler',",
  "      code: lambda.Code.fromAsset('lambda'),",
  '    });',
  "    new s3.Bucket(this, 'Drafts', { publicReadAccess: true });",
  "    new sns.Topic(this, 'Events', { enforceSSL: true });",
  '  }',
  '}',
  '',
].join('\n');

describe('The editor (issue 19): hover, light bulb, settings, checklist and baseline, in code-server', function () {
  const fixture = new Fixture('editor');
  const suite = withInstalledWorkbench(fixture);
  let workbench: Workbench;
  before(() => {
    workbench = suite.workbench;
    fs.writeFileSync(file(`lib/${STACK}`), STACK_TEXT);
  });

  const file = (rel: string) => path.join(fixture.workspace, rel);
  const settings = () => file('.vscode/settings.json');
  const writeSettings = (values: Record<string, unknown>) => {
    fs.mkdirSync(path.dirname(settings()), { recursive: true });
    fs.writeFileSync(settings(), JSON.stringify(values, null, 2));
  };
  /** How many rows of the Problems panel (filtered to this stack) name `ruleId`. */
  const shown = async (ruleId: string) => (await workbench.problems(`**/${STACK}`)).split(ruleId).length - 1;

  it('shows a finding and the construct card as one card, "How to fix" a link to the rendered rule page', async () => {
    await workbench.openFile('storage-stack.ts');
    const at = locate(file('lib/storage-stack.ts'), "new sns.Topic(this, 'OrderEvents'");
    await workbench.goTo(at.line, at.column + 'new sns.'.length + 1);
    const hover = workbench.page.locator('.monaco-hover:not(.hidden)').first();
    // Asked again while the server starts: a hover before it runs has only TypeScript's part.
    let asked = 0;
    const text = await until(
      async () => {
        const t = (await hover.isVisible()) ? await hover.innerText() : '';
        // Once the diagnostics are there too: VS Code's part of the hover says their messages.
        const markers = t ? await hover.locator('.marker.hover-contents').count() : 0;
        if (t.includes('sns-unencrypted') && t.includes('Practices guide:') && markers > 0) return t;
        if (Date.now() - asked > 5_000) {
          await workbench.page.keyboard.press('Escape');
          await workbench.runCommand('Show or Focus Hover');
          asked = Date.now();
        }
        return undefined;
      },
      'the hover with the diagnostics, the finding and the card of the topic',
      90_000,
    );
    // The finding first, then the topic's card, in one card: no rule between them, no long text.
    assert.ok(text.indexOf('sns-unencrypted') < text.indexOf('SNS topic ·'), text);
    assert.equal(await hover.locator('.hover-contents hr, .rendered-markdown hr').count(), 0, 'one card');
    assert.doesNotMatch(text, /Why it matters\.|How to fix\.\n/);
    // VS Code's own part of the hover, above ours, says each diagnostic's message: the card does not say it again.
    const messages = await hover.locator('.marker.hover-contents > span:first-child').allInnerTexts();
    assert.ok(
      messages.some((m) => m.includes('This topic is not encrypted at rest')),
      `the diagnostics' messages in the hover:\n${text}`,
    );
    const whole = await hover.innerText();
    for (const message of messages.map((m) => m.trim()).filter(Boolean))
      assert.equal(whole.split(message).length - 1, 1, `said once: ${message}\n---\n${whole}`);
    const link = hover.locator('a', { hasText: 'How to fix' }).first();
    await link.waitFor({ state: 'visible' });
    const target = (await link.getAttribute('data-href')) ?? (await link.getAttribute('href')) ?? '';
    assert.match(target, /^command:slsguard\.showRuleDoc/, target);
    await workbench.screenshot('hover-finding-card', 'finding-card', [workbench.page.locator('.part.editor')]);
    // The topic has two findings (sns-unencrypted, sns-enforce-ssl): the link opens the page of its own.
    const linked = /sns-(?:unencrypted|enforce-ssl)/.exec(decodeURIComponent(target))?.[0];
    assert.ok(linked, target);
    await link.click();
    await until(
      async () => (await workbench.activeTab().getAttribute('aria-label'))?.includes(`Preview ${linked}.md`),
      'the rendered rule page',
    );
    // The preview has the focus, where F1 does not reach the workbench: close its tab.
    await workbench.activeTab().locator('.tab-actions .action-label').click();
  });

  it('fixes every logs-retention problem of the file from the light bulb, with one key', async () => {
    await workbench.openFile(STACK);
    await until(async () => (await shown('logs-retention')) === 2, 'two logs-retention problems', 60_000);
    const at = locate(file(`lib/${STACK}`), "new lambda.Function(this, 'Ingest'");
    await workbench.goTo(at.line, at.column + 1);
    await workbench.openLightbulb();
    await workbench.screenshot('lightbulb-fix-all');
    await workbench.applyCodeAction('Fix all logs-retention problems in this file');
    await until(async () => (await shown('logs-retention')) === 0, 'no logs-retention problem left');
    await workbench.screenshot('fix-all-applied');
    await workbench.runCommand('File: Save');
    const text = await until(async () => {
      const t = fs.readFileSync(file(`lib/${STACK}`), 'utf8');
      return (t.match(/encryptionKey: logsKey/g) ?? []).length === 2 ? t : undefined;
    }, `both functions with a log group in the saved ${STACK}`);
    assert.equal((text.match(/new kms\.Key\(/g) ?? []).length, 1, 'one key');
    // Written as the file is: each new log group one property per line, one indent step deeper.
    const groups = [
      ...text.matchAll(/^( *)logGroup: new logs\.LogGroup\(this, '\w+', \{\n\1  retention: .+,\n\1  encryptionKey: logsKey,\n\1\}\),$/gm),
    ];
    assert.equal(groups.length, 2, text);
  });

  it('offers one "Ignore for this line…" entry for a line with several rules, and asks for the rule', async () => {
    await workbench.openFile(STACK);
    const at = locate(file(`lib/${STACK}`), "new s3.Bucket(this, 'Drafts'");
    await until(async () => (await shown('s3-public-access')) === 1 && (await shown('s3-enforce-ssl')) === 1, 'the bucket problems');
    // The whole line selected: the light bulb has both rules' problems.
    await workbench.goTo(at.line, at.column);
    await workbench.page.keyboard.press('Shift+End');
    await workbench.runCommand('Quick Fix...');
    const rows = workbench.page.locator('.action-widget .monaco-list-row.action');
    await until(async () => (await rows.count()) > 0, 'the quick fix menu');
    const labels = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    assert.equal(labels.filter((l) => l === 'Ignore for this line…').length, 1, JSON.stringify(labels));
    assert.ok(!labels.some((l) => /^Ignore s3-/.test(l)), `no row per rule: ${JSON.stringify(labels)}`);
    await workbench.screenshot('lightbulb-grouped-ignore');
    await workbench.applyCodeAction('Ignore for this line…');
    const pick = workbench.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Ignore s3-enforce-ssl' });
    await pick.first().waitFor({ state: 'visible' });
    await pick.first().click();
    await until(
      async () => (await workbench.editorText()).includes('// slsguard-ignore-next-line s3-enforce-ssl -- '),
      'the ignore comment above the bucket',
    );
    // The extension selects `<reason>` after the edit: typed sooner, the first keys replace the
    // bucket's line, which is still selected (a step failed so on a busy machine).
    const selection = workbench.statusBarItem('status.editor.selection');
    await until(async () => /\(8 selected\)/.test((await selection.textContent()) ?? ''), 'the <reason> placeholder selected');
    await workbench.page.keyboard.type('drafts are served through CloudFront');
    await until(async () => (await shown('s3-enforce-ssl')) === 0, 's3-enforce-ssl gone from Problems');
    await workbench.runCommand('File: Save');
  });

  it('turns sns-unencrypted off for the workspace from the light bulb: .slsguard.json, and its squiggles go', async () => {
    await workbench.openFile(STACK);
    await until(async () => (await shown('sns-unencrypted')) === 1, 'the topic problem');
    const at = locate(file(`lib/${STACK}`), "new sns.Topic(this, 'Events'");
    await workbench.goTo(at.line, at.column + 1);
    await workbench.openLightbulb();
    await workbench.applyCodeAction('Turn off sns-unencrypted for this workspace');
    const config = file('.slsguard.json');
    await until(async () => {
      if (!fs.existsSync(config)) {
        // A new file the edit created is open unsaved: save it as a person would.
        if ((await workbench.activeTab().getAttribute('aria-label'))?.includes('.slsguard.json')) await workbench.runCommand('File: Save');
        return false;
      }
      return /"sns-unencrypted"\s*:\s*"off"/.test(fs.readFileSync(config, 'utf8'));
    }, 'sns-unencrypted off in .slsguard.json');
    await workbench.openFile(STACK);
    await until(async () => (await shown('sns-unencrypted')) === 0, 'no sns-unencrypted problem');
    await workbench.screenshot('rule-turned-off');
  });

  it('slsguard.minimumSeverity: error hides the warnings and keeps the errors', async () => {
    fs.writeFileSync(
      file(`lib/${STACK}`),
      STACK_TEXT.replace(
        "new sns.Topic(this, 'Events', { enforceSSL: true });",
        "new sns.Topic(this, 'Events', { enforceSSL: true });\n    new s3.Bucket(this, 'Raw');",
      ),
    );
    await workbench.openFile(STACK);
    await workbench.runCommand('File: Revert File');
    await until(async () => (await shown('s3-enforce-ssl')) >= 1, 'the s3-enforce-ssl warning');
    writeSettings({ 'slsguard.minimumSeverity': 'error' });
    await until(
      async () => (await shown('s3-enforce-ssl')) === 0 && (await shown('s3-public-access')) === 1,
      'warnings hidden, the error kept',
    );
    await workbench.screenshot('minimum-severity-error');
    fs.rmSync(settings());
    await until(async () => (await shown('s3-enforce-ssl')) >= 1, 'the warnings back');
  });

  it('slsguard.run: onSave keeps the problems of the last save until the file is saved', async () => {
    // The settings are read when VS Code notices the file: first a change that shows (warnings
    // hidden), then the one under test, so that it is known to apply before typing.
    await workbench.openFile(STACK);
    // Reading the Problems panel takes the focus from the editor: no save on focus change.
    writeSettings({ 'files.autoSave': 'off', 'slsguard.run': 'onSave', 'slsguard.minimumSeverity': 'error' });
    await until(async () => (await shown('s3-enforce-ssl')) === 0, 'the first settings applied');
    writeSettings({ 'files.autoSave': 'off', 'slsguard.run': 'onSave' });
    await until(async () => (await shown('s3-enforce-ssl')) >= 1, 'slsguard.run: onSave alone applied');
    await until(async () => (await shown('s3-public-access')) === 1, 'the problems of the saved file');
    const at = locate(file(`lib/${STACK}`), "new s3.Bucket(this, 'Drafts'");
    await workbench.goTo(at.line, 200);
    await workbench.page.keyboard.press('End');
    await workbench.page.keyboard.press('Enter');
    await workbench.page.keyboard.type("new s3.Bucket(this, 'Typed', { publicReadAccess: true });");
    // Unsaved: the typed bucket brings no problem, however long the server has (a bounded check
    // that nothing happens, not a wait for something to happen).
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) assert.equal(await shown('s3-public-access'), 1, 'a problem before the save');
    await workbench.screenshot('run-on-save-unsaved');
    await workbench.runCommand('File: Save');
    await until(async () => (await shown('s3-public-access')) === 2, 'the typed bucket reported once saved');
    fs.rmSync(settings());
  });

  it('accepts a failed checklist item judged by analysis with a reason, kept in .slsguard/checklist.json', async () => {
    const cli = checklistFromCli(fixture.workspace);
    const judged = cli.groups
      .flatMap((g) => g.items)
      .find((i) => !i.manual && i.state === 'failed' && /GuardDuty|CloudTrail/i.test(i.title));
    assert.ok(judged, `no failed GuardDuty or CloudTrail item: ${JSON.stringify(cli.groups.flatMap((g) => g.items.map((i) => i.title)))}`);
    const page = workbench.page;
    await page.locator('.part.activitybar .action-label[aria-label^="Serverless Guard"]').click();
    const sidebar = page.locator('.part.sidebar');
    const group = cli.groups.find((g) => g.items.some((i) => i.id === judged.id))!;
    const item = sidebar.locator('.monaco-list-row', { hasText: judged.title }).first();
    // The items of the other groups folded away, as a person tidies a long view.
    await until(async () => /SECURITY CHECKLIST/i.test(await sidebar.locator('.composite.title').innerText()), 'the checklist view');
    await sidebar.locator('.composite.title .action-label[aria-label^="Collapse All"]').click();
    await sidebar.locator('.monaco-list-row', { hasText: group.title }).first().click();
    await until(async () => (await item.count()) > 0, `the checklist item "${judged.title}"`);
    await item.click({ button: 'right' });
    const accept = page.locator('.context-view .action-menu-item', { hasText: 'Accept with a Reason…' }).first();
    await accept.waitFor({ state: 'visible' });
    await accept.hover();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await page.keyboard.type('Enabled for the whole organization in the security account');
    await page.keyboard.press('Enter');
    const saved = file('.slsguard/checklist.json');
    await until(
      async () => fs.existsSync(saved) && fs.readFileSync(saved, 'utf8').includes('Enabled for the whole organization'),
      'the reason in .slsguard/checklist.json',
    );
    const after = checklistFromCli(fixture.workspace);
    assert.equal(after.done, cli.done + 1);
    await workbench.screenshot('checklist-item-accepted');
  });

  it('shows no finding the baseline holds, and a new one', async () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'server', 'out', 'cli.js'), 'baseline', fixture.workspace], {
      cwd: fixture.workspace,
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(fs.existsSync(file('.slsguard-baseline.json')));
    await workbench.openFile(STACK);
    await until(async () => (await shown('s3-public-access')) === 0, 'the baseline findings gone from Problems', 60_000);
    const at = locate(file(`lib/${STACK}`), "new sns.Topic(this, 'Events'");
    await workbench.goTo(at.line, 200);
    await workbench.page.keyboard.press('End');
    await workbench.page.keyboard.press('Enter');
    await workbench.page.keyboard.type("new s3.Bucket(this, 'Fresh', { publicReadAccess: true });");
    await until(async () => (await shown('s3-public-access')) === 1, 'the new finding, not in the baseline');
    await workbench.screenshot('baseline-new-finding-only');
    await workbench.runCommand('File: Revert File');
  });
});
