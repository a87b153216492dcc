import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { until, Workbench } from '../support/workbench';
import { Fixture, locate, withInstalledWorkbench } from './fixture';

/**
 * A Python CDK app in a real VS Code: a copy of `examples/cdk-app-python` opened in code-server
 * with the `.vsix` installed. A finding appears while a line is typed, the grant fix is applied
 * from the light bulb and written in Python, and a construct's hover card speaks Python.
 */

const STACK = 'orders_stack.py';

describe('Serverless Guard on a Python CDK app, in code-server', function () {
  const fixture = new Fixture('python', 'cdk-app-python');
  const suite = withInstalledWorkbench(fixture);
  let workbench: Workbench;
  before(() => (workbench = suite.workbench));

  const file = (rel: string) => path.join(fixture.workspace, rel);

  it('shows a new finding in a Python stack while the line is typed', async () => {
    await workbench.openFile(STACK);
    await until(async () => (await workbench.page.locator('.squiggly-error').count()) > 0, 'error squiggles in the Python stack', 60_000);
    const count = (text: string) => text.split('s3-unencrypted').length - 1;
    const before = count(
      await until(async () => {
        const text = await workbench.problems(`**/${STACK}`);
        return text.includes('iam-wildcard-action') ? text : undefined;
      }, 'the Python findings in Problems'),
    );
    const at = locate(file(`stacks/${STACK}`), 'dead_letters = sqs.Queue(');
    await workbench.goTo(at.line, 200);
    await workbench.page.keyboard.press('End');
    await workbench.page.keyboard.press('Enter');
    await workbench.page.keyboard.type('audit_trail = s3.Bucket(self, "AuditTrail", encryption=s3.BucketEncryption.UNENCRYPTED');
    // The line is still being typed (its closing parenthesis is the editor's): the finding is there already.
    await until(
      async () => count(await workbench.problems(`**/${STACK}`)) === before + 1,
      `a second s3-unencrypted finding, on the typed line`,
      30_000,
    );
    await workbench.screenshot('python-typed-finding');
    // Leave the file as it was for the steps below.
    await workbench.runCommand('File: Revert File');
  });

  it('replaces a wildcard statement with the grant from the light bulb, written in Python', async () => {
    const rel = `stacks/${STACK}`;
    await workbench.openFile(STACK);
    const at = locate(file(rel), '"dynamodb:*"');
    await workbench.goTo(at.line, at.column + 1);
    const fix = 'Replace the policy statement with self.table.grant_read_write_data(self.orders_fn)';
    const rows = await workbench.openLightbulb();
    assert.equal(await rows.first().getAttribute('aria-label'), fix, 'the grant fix comes first');
    await workbench.screenshot('python-lightbulb-grant');
    await workbench.applyCodeAction(fix);
    const text = await until(async () => {
      const shown = await workbench.editorText();
      return shown.split('\n').some((l) => l.trim() === 'self.table.grant_read_write_data(self.orders_fn)') ? shown : undefined;
    }, 'the grant call in the Python editor');
    assert.ok(!text.includes('"dynamodb:*"'), text);
    await workbench.runCommand('File: Save');
    await until(
      async () => fs.readFileSync(file(rel), 'utf8').includes('        self.table.grant_read_write_data(self.orders_fn)\n'),
      `the grant in the saved ${rel}`,
    );
    await workbench.screenshot('python-grant-applied');
  });

  it('shows the construct card when hovering a construct in Python', async () => {
    await workbench.openFile(STACK);
    const at = locate(file(`stacks/${STACK}`), 's3.Bucket(');
    await workbench.goTo(at.line, at.column + 's3.'.length + 1);
    await workbench.runCommand('Show or Focus Hover');
    const hover = workbench.page.locator('.monaco-hover:not(.hidden)').first();
    const text = await until(async () => {
      const shown = await hover.innerText();
      return shown.includes('Practices guide:') ? shown : undefined;
    }, 'the hover card of the bucket');
    assert.match(text, /S3 bucket · aws-s3\.Bucket/);
    assert.match(text, /enforce_ssl/);
    await workbench.screenshot('python-hover-card');
    await workbench.page.keyboard.press('Escape');
  });
});
