/**
 * The launchers `server/out/cli.js` and `server/out/server.js` (cli/launcher.ts, serverLauncher.ts)
 * start their bundle (`cli-main.js`, `server-main.js`), and TypeScript (`typescript.js`) when the
 * bundle first uses it, through V8's code cache, so a start does not compile megabytes of
 * JavaScript again: about half of the CLI's
 * start-up, paid again by every worker thread, and in the language server the 35 MB of malloc
 * heap V8's parser takes for it and glibc never gives back. Node 22 has this built in
 * (`module.enableCompileCache`); on Node 20 the bundle is compiled with `vm.Script` and the
 * cached data it produces is kept for the next start.
 *
 * The cache holds compiled code that V8 runs as it is, so it is read only from a directory of
 * the user's own (`$XDG_CACHE_HOME/slsguard` or `~/.cache/slsguard`) that no one else can write
 * to; anywhere else, or with `SLSGUARD_COMPILE_CACHE=0`, the bundle is compiled as usual. A
 * cache made for another bundle, Node version or set of V8 flags is rejected by V8 and replaced.
 */
import { isAscii } from 'node:buffer';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as nodeModule from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { isMainThread } from 'node:worker_threads';

/**
 * The bundles a launcher starts: the file next to it, never one a caller names. `typescript`
 * is loaded by the other two the first time they use TypeScript (scripts/bundle.mjs): through
 * the function `launch` leaves at `LAZY` for them, with its own code cache.
 */
const BUNDLES = { cli: 'cli-main.js', server: 'server-main.js', typescript: 'typescript.js' } as const;
export type BundleName = keyof typeof BUNDLES;
const LAZY = Symbol.for('serverless-guard.launch');

/**
 * When a start makes the cache (only when there is none, or V8 rejected it): `exit`, at the end
 * of the process, so it holds the functions an analysis compiles too (a CLI command that
 * analyses); `soon`, a few seconds after start-up and again at exit if the process gets there (the
 * language server, which the editor kills rather than lets exit); `never` (`slsguard --help`).
 */
export type CacheSave = 'exit' | 'soon' | 'never';

/**
 * When a `soon` save writes after start-up: early, so a server the editor kills at once still
 * leaves a cache; then again once the workspace scan has run most of the rules' code, since a
 * cache holds only the functions compiled when it is made (the 2 s cache of a server that had
 * opened one file was 2.1 MB, and a server started from it still compiled the rest: 174 MB with
 * 1,000 files open, against 137–139 MB from a cache made later, 5.0 MB).
 */
const SAVE_SOON_MS = [2000, 30000];

/** The private cache directory, or undefined when there is none to trust. */
function cacheDirectory(): string | undefined {
  if (process.env.SLSGUARD_COMPILE_CACHE === '0') return undefined;
  try {
    const base =
      process.platform === 'win32'
        ? (process.env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local'))
        : process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
    if (!path.isAbsolute(base)) return undefined;
    const dir = path.join(base, 'slsguard');
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    return isPrivate(dir, true) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** Not a link, owned by this user, and writable by no one else. */
function isPrivate(file: string, directory: boolean): boolean {
  const stat = fs.lstatSync(file);
  if (directory ? !stat.isDirectory() : !stat.isFile()) return false;
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return true;
  return stat.uid === process.getuid() && (stat.mode & 0o022) === 0;
}

/**
 * Compiles and runs the bundle `name` next to this launcher; returns its exports. TypeScript, when
 * the bundle first asks for it, comes the same way, from the same cache directory.
 */
export function launch<T>(name: Exclude<BundleName, 'typescript'>, save: CacheSave): T {
  const dir = cacheDirectory();
  let typescript: unknown;
  (globalThis as Record<symbol, unknown>)[LAZY] = (lazy: unknown) => {
    if (lazy !== 'typescript') throw new Error(`no bundle ${String(lazy)}`);
    return (typescript ??= compile('typescript', save, dir));
  };
  return compile<T>(name, save, dir);
}

function compile<T>(name: BundleName, save: CacheSave, dir: string | undefined): T {
  const bundle = path.join(__dirname, BUNDLES[name]);
  const builtin = (nodeModule as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache;
  if (typeof builtin === 'function') {
    // Node's cache serves the whole process: enabled, and flushed soon, with the first bundle.
    if (name !== 'typescript') {
      if (dir) {
        try {
          builtin(path.join(dir, 'node'));
        } catch {
          // compile as usual
        }
      }
      if (save === 'soon') flushSoon(nodeModule as { flushCompileCache?: () => void });
    }
    return require(bundle) as T;
  }
  const source = bundleText(bundle);
  const stat = fs.statSync(bundle);
  // V8 checks the cache against the source's length, the V8 version and flags: the name adds
  // the bundle's identity, so an edited bundle of the same length never meets an old cache.
  const cacheFile = dir && path.join(dir, `${name}-${process.version}-${process.arch}-${stat.size}-${Math.floor(stat.mtimeMs)}.v8cache`);
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile && isPrivate(cacheFile, false)) cachedData = fs.readFileSync(cacheFile);
  } catch {
    // no cache yet
  }
  const script = new vm.Script(nodeModule.wrap(source), { filename: bundle, cachedData });
  if (cacheFile && isMainThread && save !== 'never' && (!cachedData || script.cachedDataRejected)) {
    // Each save holds what is compiled by then, so a later one replaces an earlier one.
    const save_ = (): void => saveCache(script, dir!, cacheFile, name);
    process.once('exit', save_);
    if (save === 'soon') for (const ms of SAVE_SOON_MS) setTimeout(save_, ms).unref();
  } else if (cacheFile && cachedData && isMainThread) {
    markUsed(cacheFile);
  }
  const module = { exports: {} as T, filename: bundle, id: bundle, loaded: false };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(bundle), module, bundle, __dirname);
  module.loaded = true;
  return module.exports;
}

/**
 * The bundle's text. The bundler writes it in ASCII only (scripts/bundle.mjs), and ASCII read as
 * Latin-1 is the same text without UTF-8 decoding, which took 100 ms of the 13 MB bundle's start
 * (a tenth of an unchanged re-run with --cache); any other byte and it is decoded as UTF-8.
 */
function bundleText(bundle: string): string {
  const bytes = fs.readFileSync(bundle);
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

function saveCache(script: vm.Script, dir: string, cacheFile: string, name: BundleName): void {
  try {
    const data = script.createCachedData();
    const temp = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(temp, data, { mode: 0o600 });
    fs.renameSync(temp, cacheFile);
    pruneCaches(dir, cacheFile, name);
  } catch {
    // the next run compiles as usual
  }
}

/** Caches other installations (another version, another Node) used lately are kept, up to a few. */
const KEEP_CACHES = 4;
const KEEP_UNUSED_MS = 7 * 24 * 3600 * 1000;

/**
 * Drop the caches of bundles no run has used for a week, and all but the most recently used
 * few. Two installations used in turn (two projects pinning different versions, two checkouts)
 * must not delete each other's cache on every run: each run would compile its bundle again.
 * Each bundle prunes only its own caches (`cli-…`, `server-…`): the CLI and the editor's server
 * used in turn keep one each.
 */
function pruneCaches(dir: string, current: string, name: BundleName): void {
  const now = Date.now();
  const others = fs
    .readdirSync(dir)
    .filter((file) => file.startsWith(`${name}-`) && file.endsWith('.v8cache') && path.join(dir, file) !== current)
    .map((file) => ({ file: path.join(dir, file), used: fs.statSync(path.join(dir, file)).mtimeMs }))
    .sort((a, b) => b.used - a.used);
  others.forEach((c, i) => {
    if (i >= KEEP_CACHES - 1 || now - c.used > KEEP_UNUSED_MS) fs.rmSync(c.file, { force: true });
  });
}

/** A cache just used is recent: pruning keeps it. */
function markUsed(cacheFile: string): void {
  try {
    const now = new Date();
    fs.utimesSync(cacheFile, now, now);
  } catch {
    // pruning may drop it sooner
  }
}

/**
 * Node 22's built-in cache is written at exit, which an editor's server seldom reaches: written
 * a few seconds after start-up instead, where Node has `flushCompileCache` (22.10 and later).
 */
function flushSoon(node: { flushCompileCache?: () => void }): void {
  if (typeof node.flushCompileCache !== 'function' || !isMainThread) return;
  for (const ms of SAVE_SOON_MS) {
    setTimeout(() => {
      try {
        node.flushCompileCache!();
      } catch {
        // written at exit, if ever
      }
    }, ms).unref();
  }
}
