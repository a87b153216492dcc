import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { encodingOfBytes } from '../core/model/host';
import { relativePath } from '../core/report/report';

export interface FileChange {
  file: string;
  /** The text fix analysed (as it was on disk: the write checks the file still has it). */
  before: string;
  after: string;
  /** Other files a fix applied here also edits: they are written together or not at all. */
  together?: string[];
}

/**
 * How `slsguard fix` writes what it changed, in a workspace that may be hostile or busy. Every
 * file is checked before any is written, and a file is written only when
 *   - it is a regular file inside the scanned paths once symbolic links are resolved (never
 *     through a link that leaves them);
 *   - fix can give back its bytes outside the edits: UTF-8 with or without a byte order mark,
 *     or UTF-16 with one (a Latin-1 file, say, would come back with replacement characters);
 *   - it is writable (a read-only file stays as it is, even for root);
 *   - it is still the text fix analysed (checked again right before the write);
 *   - and the other files a fix edits with it pass these checks too.
 * A file is written beside itself and renamed over the original with the original's mode, so a
 * crash leaves the old file or the new one, never half of one. Files not written are returned
 * with the reason, for the command to report.
 */

export interface NotWritten {
  file: string;
  reason: string;
}

export interface WriteOptions {
  /** The paths fix was given: files are written inside them only. */
  roots: string[];
  /** Paths in reasons are relative to it. */
  cwd: string;
  /** Reads a file's bytes; a test changes the file here, between the checks and the write. */
  read?: (file: string) => Buffer;
}

/** A change that passed the checks: where to write it, how to encode it, with which mode. */
export interface PlannedWrite {
  change: FileChange;
  /** The file itself, symbolic links resolved. */
  target: string;
  encoding: Encoding;
  stat: fs.Stats;
}

export type Encoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be';

const BOMS: Record<Encoding, Buffer> = {
  utf8: Buffer.alloc(0),
  'utf8-bom': Buffer.from([0xef, 0xbb, 0xbf]),
  utf16le: Buffer.from([0xff, 0xfe]),
  utf16be: Buffer.from([0xfe, 0xff]),
};

/**
 * A file's text and encoding, when encoding that text again gives exactly the same bytes (so
 * bytes outside the edits are kept); undefined for anything else (Latin-1, Windows-1252, …).
 */
export function decodeFile(bytes: Buffer): { text: string; encoding: Encoding } | undefined {
  // The byte order mark read as the scan reads it; UTF-32 is analysed but never written back.
  const marked = encodingOfBytes(bytes);
  if (marked === 'utf32le' || marked === 'utf32be') return undefined;
  const encoding: Encoding = marked !== 'utf8' ? marked : bytes.subarray(0, 3).equals(BOMS['utf8-bom']) ? 'utf8-bom' : 'utf8';
  const body = bytes.subarray(BOMS[encoding].length);
  if (encoding !== 'utf8' && encoding !== 'utf8-bom' && body.length % 2 !== 0) return undefined;
  const text =
    encoding === 'utf16le'
      ? body.toString('utf16le')
      : encoding === 'utf16be'
        ? Buffer.from(body).swap16().toString('utf16le')
        : body.toString('utf8');
  return encodeFile(text, encoding).equals(bytes) ? { text, encoding } : undefined;
}

export function encodeFile(text: string, encoding: Encoding): Buffer {
  const body =
    encoding === 'utf16le'
      ? Buffer.from(text, 'utf16le')
      : encoding === 'utf16be'
        ? Buffer.from(text, 'utf16le').swap16()
        : Buffer.from(text, 'utf8');
  return Buffer.concat([BOMS[encoding], body]);
}

const CHANGED = 'it changed since fix read it';

/** Check every change: the ones that can be written, and why the others cannot. */
export function planWrites(changes: FileChange[], options: WriteOptions): { planned: PlannedWrite[]; notWritten: NotWritten[] } {
  const read = options.read ?? ((file: string) => fs.readFileSync(file));
  // A file named on the command line counts as its folder: a link there to a file elsewhere
  // leaves the scanned paths too.
  const roots = options.roots.flatMap((root) => {
    try {
      return [fs.statSync(root).isDirectory() ? fs.realpathSync(root) : fs.realpathSync(path.dirname(root))];
    } catch {
      return [];
    }
  });
  const reasons = new Map<string, string>();
  const planned = new Map<string, PlannedWrite>();
  for (const change of changes) {
    const checked = check(change, roots, read);
    if (typeof checked === 'string') reasons.set(change.file, checked);
    else planned.set(change.file, checked);
  }
  // A fix that edits several files is written whole or not at all.
  for (let more = true; more;) {
    more = false;
    for (const [file, p] of planned) {
      const blocked = p.change.together?.find((f) => reasons.has(f));
      if (blocked === undefined) continue;
      reasons.set(file, `a fix also edits ${relativePath(options.cwd, blocked)}, which is not written`);
      planned.delete(file);
      more = true;
    }
  }
  return { planned: [...planned.values()], notWritten: [...reasons].map(([file, reason]) => ({ file, reason })) };
}

function check(change: FileChange, roots: string[], read: (file: string) => Buffer): PlannedWrite | string {
  let target: string;
  let stat: fs.Stats;
  try {
    target = fs.realpathSync(change.file);
    stat = fs.statSync(target);
  } catch {
    return 'it no longer exists';
  }
  if (!roots.some((root) => isInside(target, root))) {
    if (fs.lstatSync(change.file, { throwIfNoEntry: false })?.isSymbolicLink())
      return 'it is a symbolic link to a file outside the scanned paths';
    return target === path.resolve(change.file)
      ? 'it is outside the scanned paths'
      : 'a symbolic link on its path leads outside the scanned paths';
  }
  if (!stat.isFile()) return 'it is not a regular file';
  // The mode bits too: root may write anything, but a file marked read-only is meant to stay so.
  if ((stat.mode & 0o222) === 0 || !canWrite(target)) return 'it is read-only';
  if (!canWrite(path.dirname(target))) return 'its folder is read-only (fix writes the new file beside the old one)';
  let bytes: Buffer;
  try {
    bytes = read(target);
  } catch (error) {
    return `it could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
  const current = decodeFile(bytes);
  if (!current) return 'it is not UTF-8, and no byte order mark names its encoding';
  if (current.text !== change.before) return CHANGED;
  return { change, target, encoding: current.encoding, stat };
}

function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

function canWrite(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Write one checked change: read the file once more and compare it with what fix analysed, write
 * the new bytes to a temporary file beside it (same mode, owner where allowed, flushed to disk),
 * and rename that over the file unless the file changed meanwhile. The reason when not written.
 */
export function writePlanned(p: PlannedWrite, read: (file: string) => Buffer = (file) => fs.readFileSync(file)): string | undefined {
  const temp = path.join(
    path.dirname(p.target),
    `.${path.basename(p.target)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.slsguard-tmp`,
  );
  try {
    const stamp = fs.statSync(p.target, { bigint: true });
    if (decodeFile(read(p.target))?.text !== p.change.before) return CHANGED;
    const mode = p.stat.mode & 0o7777;
    const fd = fs.openSync(temp, 'wx', mode);
    try {
      fs.writeSync(fd, encodeFile(p.change.after, p.encoding));
      fs.fchmodSync(fd, mode);
      try {
        fs.fchownSync(fd, p.stat.uid, p.stat.gid);
      } catch {
        // only root may give a file to another owner
      }
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    const now = fs.statSync(p.target, { bigint: true });
    if (now.mtimeNs !== stamp.mtimeNs || now.size !== stamp.size || now.ino !== stamp.ino) {
      fs.rmSync(temp, { force: true });
      return CHANGED;
    }
    fs.renameSync(temp, p.target);
    return undefined;
  } catch (error) {
    fs.rmSync(temp, { force: true });
    return `it could not be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
}

/** Check every change, then write the ones that passed. */
export function writeChanges(changes: FileChange[], options: WriteOptions): { written: string[]; notWritten: NotWritten[] } {
  const { planned, notWritten } = planWrites(changes, options);
  const written: string[] = [];
  for (const p of planned) {
    const reason = writePlanned(p, options.read);
    if (reason === undefined) written.push(p.change.file);
    else notWritten.push({ file: p.change.file, reason });
  }
  return { written, notWritten };
}
