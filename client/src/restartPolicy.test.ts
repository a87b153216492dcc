import * as assert from 'node:assert/strict';
import { RestartPolicy } from './restartPolicy';

/**
 * The client's restart policy after server crashes: what the status bar says at each crash, and
 * when the client stops restarting. Runs in the unit suite (no VS Code); the wiring into the
 * language client is `languageClient.ts`.
 */

describe('restart after a server crash', () => {
  const minute = 60_000;
  let now = 0;
  const policy = () => {
    now = 1_000_000;
    return new RestartPolicy(4, 3 * minute, () => now);
  };

  it('restarts four times within three minutes, saying which restart it is', () => {
    const p = policy();
    for (let crash = 1; crash <= 4; crash++) {
      now += 10_000;
      const d = p.crashed();
      assert.equal(d.restart, true);
      assert.equal(d.crashes, crash);
      assert.equal(d.message, `The Serverless Guard server stopped unexpectedly; restarting it (restart ${crash} of 4 within 3 minutes).`);
      assert.equal(d.note, `The server was restarted after a crash (${crash} of 4 restarts within 3 minutes used).`);
    }
  });

  it('gives up at the fifth crash within three minutes, and says what to do', () => {
    const p = policy();
    for (let crash = 1; crash <= 4; crash++) p.crashed();
    const d = p.crashed();
    assert.equal(d.restart, false);
    assert.equal(d.note, undefined);
    assert.equal(
      d.message,
      'The Serverless Guard server crashed 5 times within 3 minutes and will not be restarted. See the output, then run "Serverless Guard: Restart Server".',
    );
    assert.equal(p.crashed().restart, false, 'and stays given up');
  });

  it('forgets crashes older than the window', () => {
    const p = policy();
    for (let crash = 1; crash <= 4; crash++) p.crashed();
    now += 3 * minute;
    const d = p.crashed();
    assert.equal(d.restart, true);
    assert.equal(d.crashes, 1);
  });

  it('counts afresh after the user restarts the server', () => {
    const p = policy();
    for (let crash = 1; crash <= 5; crash++) p.crashed();
    p.reset();
    assert.deepEqual([p.crashed().restart, p.crashed().crashes], [true, 2]);
  });
});
