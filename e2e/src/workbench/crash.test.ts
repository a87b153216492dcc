import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extensionNodeOptions } from '../../../server/lib/test/lspClient';
import { installExtension } from '../support/codeServer';
import { vsixPath } from '../support/paths';
import { until, Workbench } from '../support/workbench';
import { Fixture } from './fixture';

/**
 * The language server crashes (killed, as the OOM killer would): the client restarts it, a
 * limited number of times, and the status bar says so; after the last one it stays stopped
 * until the user runs "Restart Server". Its own code-server, so that killing servers disturbs
 * no other suite.
 */

const STATUS_ITEM = 'slsguard.status';

/** Pids of Serverless Guard servers started from this profile's extensions directory. */
function serverPids(extensionsDir: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmdline.some((arg) => arg.startsWith(extensionsDir) && arg.endsWith(path.join('server', 'out', 'server.js'))))
        pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** The node options a process was started with (those before the script). */
function nodeOptionsOf(pid: number): string[] {
  const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  return cmdline.slice(
    1,
    cmdline.findIndex((arg) => arg.endsWith(path.join('server', 'out', 'server.js'))),
  );
}

describe('Serverless Guard after its server crashes', function () {
  const fixture = new Fixture('crash');
  let workbench: Workbench;

  before(async function () {
    this.timeout(180_000);
    const vsix = vsixPath();
    assert.ok(fs.existsSync(vsix), `${vsix} is missing: run npm run package first`);
    await fixture.setUp({}, async (profile) => {
      await installExtension(profile, vsix);
    });
    workbench = await Workbench.open(fixture.browser!, fixture.server!.url(fixture.workspace), fixture.resultsDir);
  });

  after(async function () {
    this.timeout(30_000);
    await workbench?.close();
    await fixture.tearDown();
  });

  const label = async () => (await workbench.statusBarItem(STATUS_ITEM).getAttribute('aria-label')) ?? '';

  /** Kills the running server; resolves with its pid once it is gone. */
  async function crash(): Promise<number> {
    const [pid] = await until(
      async () => {
        const pids = serverPids(fixture.profile.extensionsDir);
        return pids.length === 1 ? pids : undefined;
      },
      'one running Serverless Guard server',
      60_000,
    );
    process.kill(pid, 'SIGKILL');
    await until(async () => !serverPids(fixture.profile.extensionsDir).includes(pid), `server ${pid} to exit`);
    return pid;
  }

  it('restarts the server after each of four crashes, and the status bar says which restart it was', async function () {
    this.timeout(180_000);
    await until(async () => /Serverless Guard is ready/.test(await label()), 'the server to be ready', 60_000);
    const [first] = serverPids(fixture.profile.extensionsDir);
    assert.ok(extensionNodeOptions().length > 0);
    for (const option of extensionNodeOptions())
      assert.ok(nodeOptionsOf(first).includes(option), `${option} in ${nodeOptionsOf(first).join(' ')}`);
    for (let restart = 1; restart <= 4; restart++) {
      const killed = await crash();
      const shown = await until(
        async () => {
          const text = await label();
          return text.includes(`(${restart} of 4 restarts within 3 minutes used)`) && /ready/.test(text) ? text : undefined;
        },
        `the status bar to report restart ${restart} and a ready server`,
        60_000,
      );
      assert.match(shown, /restarted after a crash/);
      const running = serverPids(fixture.profile.extensionsDir);
      assert.equal(running.length, 1);
      assert.notEqual(running[0], killed);
      // A restarted server keeps the heap settings the extension starts it with.
      for (const option of extensionNodeOptions())
        assert.ok(nodeOptionsOf(running[0]).includes(option), `${option} in ${nodeOptionsOf(running[0]).join(' ')}`);
    }
    await workbench.screenshot('status-bar-restarted');
  });

  it('stops restarting at the fifth crash, says so, and starts again on "Restart Server"', async function () {
    this.timeout(120_000);
    await crash();
    const given = await until(
      async () => {
        const text = await label();
        return text.includes('will not be restarted') ? text : undefined;
      },
      'the status bar to say the server will not be restarted',
      60_000,
    );
    assert.match(given, /crashed 5 times within 3 minutes/);
    assert.deepEqual(serverPids(fixture.profile.extensionsDir), []);
    await workbench.screenshot('status-bar-gave-up');

    await workbench.runCommand('Serverless Guard: Restart Server');
    const ready = await until(
      async () => {
        const text = await label();
        return /Serverless Guard is ready/.test(text) ? text : undefined;
      },
      'the server to be ready after Restart Server',
      60_000,
    );
    assert.doesNotMatch(ready, /restart/, 'a restart by the user starts the count afresh');
    assert.equal(serverPids(fixture.profile.extensionsDir).length, 1);
  });
});
