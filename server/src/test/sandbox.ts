/**
 * Preloaded into the CLI and the server under test (`node --require sandbox.js …`): records
 * every attempt to run a program, evaluate code with `vm`, load a module from the scanned
 * workspace, or reach the network, and makes the attempt fail. The tests read the record
 * (`SLSGUARD_SANDBOX_LOG`, one JSON line per attempt) and expect it empty.
 *
 * Nothing here is part of the extension: it is the test's instrument.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const LOG = process.env.SLSGUARD_SANDBOX_LOG;
/** Loading a module below this directory is running workspace code. */
const WORKSPACE = process.env.SLSGUARD_SANDBOX_ROOT;

function record(kind: string, detail: unknown): Error {
  const entry = {
    kind,
    detail: String(detail).slice(0, 300),
    pid: process.pid,
    stack: new Error().stack?.split('\n').slice(3, 9).join('\n'),
  };
  if (LOG) fs.appendFileSync(LOG, `${JSON.stringify(entry)}\n`);
  return new Error(`sandbox: ${kind} is not allowed (${entry.detail})`);
}

/** Replace `object[name]` with a function that records the call and throws. */
function forbid(object: Record<string, unknown> | undefined, name: string, kind: string): void {
  if (!object || typeof object[name] !== 'function') return;
  Object.defineProperty(object, name, {
    configurable: true,
    writable: true,
    value: function forbidden(...args: unknown[]) {
      throw record(kind, `${name}(${args.map((a) => (typeof a === 'string' ? a : typeof a)).join(', ')})`);
    },
  });
}

const modules = (name: string) => require(name) as Record<string, unknown>;

for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'])
  forbid(modules('node:child_process'), name, 'running a program');
for (const name of ['runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction'])
  forbid(modules('node:vm'), name, 'evaluating code');

for (const name of ['connect', 'createConnection']) forbid(modules('node:net'), name, 'a network connection');
forbid((modules('node:net').Socket as { prototype: Record<string, unknown> }).prototype, 'connect', 'a network connection');
forbid(modules('node:tls'), 'connect', 'a network connection');
for (const name of ['request', 'get']) {
  forbid(modules('node:http'), name, 'an HTTP request');
  forbid(modules('node:https'), name, 'an HTTP request');
}
forbid(modules('node:http2'), 'connect', 'an HTTP request');
forbid(modules('node:dgram'), 'createSocket', 'a network connection');
const dns = modules('node:dns');
for (const name of Object.keys(dns).filter((n) => /^(lookup|resolve)/.test(n))) forbid(dns, name, 'a DNS lookup');
for (const name of Object.keys(dns.promises as object).filter((n) => /^(lookup|resolve)/.test(n)))
  forbid(dns.promises as Record<string, unknown>, name, 'a DNS lookup');
forbid(globalThis as unknown as Record<string, unknown>, 'fetch', 'an HTTP request');

if (WORKSPACE) {
  const Module = modules('node:module') as unknown as {
    _load: (request: string, parent: unknown, isMain: boolean) => unknown;
    _resolveFilename: (request: string, parent: unknown) => string;
  };
  const load = Module._load;
  const root = fs.realpathSync(WORKSPACE) + path.sep;
  Module._load = function (request: string, parent: unknown, isMain: boolean) {
    let resolved: string | undefined;
    try {
      resolved = Module._resolveFilename(request, parent);
    } catch {
      // Let the real loader report it.
    }
    if (resolved && path.isAbsolute(resolved) && resolved.startsWith(root)) throw record('loading a workspace module', resolved);
    return load.call(this, request, parent, isMain);
  };
}
