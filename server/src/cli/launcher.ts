/**
 * `server/out/cli.js`: starts the CLI bundle (`cli-main.js`, with TypeScript inside) through
 * V8's code cache, so a run does not compile ten megabytes of JavaScript again: about half of
 * the CLI's start-up, paid again by every worker thread. Node 22 has this built in
 * (`module.enableCompileCache`); on Node 20 the bundle is compiled with `vm.Script` and the
 * cached data it produces is kept for the next run.
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

interface CliBundle {
  run(entry: string): void;
}

const bundle = path.join(__dirname, 'cli-main.js');
/** Commands that analyse: the cache is made by one of them. */
const ANALYSES = new Set(['scan', 'fix', 'checklist']);

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

function load(): CliBundle {
  const dir = cacheDirectory();
  const builtin = (nodeModule as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache;
  if (typeof builtin === 'function') {
    if (dir) {
      try {
        builtin(path.join(dir, 'node'));
      } catch {
        // compile as usual
      }
    }
    return require(bundle) as CliBundle;
  }
  const source = bundleText();
  const stat = fs.statSync(bundle);
  // V8 checks the cache against the source's length, the V8 version and flags: the name adds
  // the bundle's identity, so an edited bundle of the same length never meets an old cache.
  const cacheFile = dir && path.join(dir, `cli-${process.version}-${process.arch}-${stat.size}-${Math.floor(stat.mtimeMs)}.v8cache`);
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile && isPrivate(cacheFile, false)) cachedData = fs.readFileSync(cacheFile);
  } catch {
    // no cache yet
  }
  const script = new vm.Script(nodeModule.wrap(source), { filename: bundle, cachedData });
  if (cacheFile && isMainThread && ANALYSES.has(process.argv[2]) && (!cachedData || script.cachedDataRejected)) {
    // Made at exit, so it holds the functions an analysis compiles too (which `--help` never does).
    process.once('exit', () => saveCache(script, dir!, cacheFile));
  } else if (cacheFile && cachedData && isMainThread) {
    markUsed(cacheFile);
  }
  const module = { exports: {} as CliBundle, filename: bundle, id: bundle, loaded: false };
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
function bundleText(): string {
  const bytes = fs.readFileSync(bundle);
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

function saveCache(script: vm.Script, dir: string, cacheFile: string): void {
  try {
    const data = script.createCachedData();
    const temp = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(temp, data, { mode: 0o600 });
    fs.renameSync(temp, cacheFile);
    pruneCaches(dir, cacheFile);
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
 */
function pruneCaches(dir: string, current: string): void {
  const now = Date.now();
  const others = fs
    .readdirSync(dir)
    .filter((name) => name.startsWith('cli-') && name.endsWith('.v8cache') && path.join(dir, name) !== current)
    .map((name) => ({ file: path.join(dir, name), used: fs.statSync(path.join(dir, name)).mtimeMs }))
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

load().run(__filename);
