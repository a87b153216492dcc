import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../support/paths';
import { waitFor } from '../../../server/lib/test/lspClient';
import { Workbench } from '../support/workbench';
import { Fixture } from './fixture';

/**
 * The extension-host suite (`client/src/test/`, the `@vscode/test-electron` kind) run inside
 * code-server's extension host: the workbench's `payload` names the extension under
 * development (this repository) and the tests module, as remote URIs. The module writes its
 * mocha result to the file named by `SLSGUARD_TEST_RESULT`, which this test waits for.
 */

interface SuiteResult {
  vscodeVersion: string;
  passes: number;
  failures: number;
  pending: number;
  tests: Array<{ title: string; state: string; error?: string }>;
}

const TESTS_MODULE = path.join(ROOT, 'client', 'lib', 'test', 'index.js');

describe('extension-host suite in code-server', function () {
  const fixture = new Fixture('extension-host');
  let resultFile: string;

  before(async function () {
    this.timeout(120_000);
    assert.ok(fs.existsSync(TESTS_MODULE), `${TESTS_MODULE} is missing: build first (tsc -b)`);
    resultFile = path.join(fixture.resultsDir, 'result.json');
    await fixture.setUp({ SLSGUARD_TEST_RESULT: resultFile });
  });

  after(async function () {
    this.timeout(30_000);
    await fixture.tearDown();
  });

  it('passes with the real vscode API (activation, commands, diagnostics, settings, scan)', async function () {
    this.timeout(180_000);
    const server = fixture.server!;
    const url = server.url(fixture.workspace, [
      ['extensionDevelopmentPath', server.remote(ROOT)],
      ['extensionTestsPath', server.remote(TESTS_MODULE)],
    ]);
    const workbench = await Workbench.open(fixture.browser!, url, fixture.resultsDir);
    try {
      const result = await waitFor(
        () => {
          if (fs.existsSync(resultFile)) return JSON.parse(fs.readFileSync(resultFile, 'utf8')) as SuiteResult;
          const exited = /Extension Host Process exited with code: (\d+)/.exec(server.log());
          if (exited) throw new Error(`the extension host exited (${exited[1]}) without a result:\n${server.log()}`);
          return undefined;
        },
        150_000,
        'the extension-host suite to finish',
      );
      await workbench.screenshot('extension-host-suite');
      for (const test of result.tests) console.log(`      [${test.state}] ${test.title}${test.error ? `\n${test.error}` : ''}`);
      assert.match(result.vscodeVersion, /^1\.\d+\.\d+/);
      assert.equal(result.failures, 0, `${result.failures} extension-host tests failed`);
      assert.ok(result.passes >= 6, `only ${result.passes} extension-host tests passed`);
    } finally {
      await workbench.close();
    }
  });
});
