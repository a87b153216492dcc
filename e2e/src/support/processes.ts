import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';
import { waitFor } from '../../../server/lib/test/lspClient';

/**
 * Every process the end-to-end tests start goes through here, in its own process group, so
 * that stopping it also stops what it started (extension hosts, the language server). Groups
 * still alive when Node exits (a failed run, an interrupt) are killed by their pid.
 */
const live = new Set<number>();

process.on('exit', () => {
  for (const pid of live) killGroup(pid, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const pid of live) killGroup(pid, 'SIGKILL');
    process.exit(130);
  });
}

function killGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // already gone
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface Started {
  readonly proc: ChildProcess;
  readonly pid: number;
  /** stdout and stderr so far. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when no process of the group is left. */
  stop(graceMs?: number): Promise<void>;
}

export function start(command: string, args: string[], options: SpawnOptions = {}): Started {
  const proc = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (proc.pid === undefined) throw new Error(`could not start ${command}`);
  const pid = proc.pid;
  live.add(pid);
  let output = '';
  proc.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return {
    proc,
    pid,
    output: () => output,
    async stop(graceMs = 5000) {
      if (killGroup(pid, 'SIGTERM')) {
        try {
          await waitFor(() => !groupAlive(pid) || undefined, graceMs, `process group ${pid} to exit`);
        } catch {
          killGroup(pid, 'SIGKILL');
          await waitFor(() => !groupAlive(pid) || undefined, 5000, `process group ${pid} to die`);
        }
      }
      live.delete(pid);
    },
  };
}
