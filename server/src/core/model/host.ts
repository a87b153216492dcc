import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Where the core reads files from. The CLI reads the disk; the language server layers the
 * editor's open documents over the disk, so analysis sees unsaved text.
 */
export interface SourceHost {
  readFile(file: string): string | undefined;
  /** Changes whenever the file's text changes (document version, or a disk change counter). */
  version(file: string): string;
  fileExists(file: string): boolean;
  directoryExists(dir: string): boolean;
  /** Entries of a directory; symbolic links to directories are reported as links, never followed. */
  readDirectory(dir: string): DirectoryEntries;
}

export interface DirectoryEntries {
  files: string[];
  directories: string[];
}

/** Directories the core never reads: dependencies, build output, VCS metadata. */
export const IGNORED_DIRECTORIES = new Set([
  'node_modules',
  'cdk.out',
  'dist',
  '.git',
  '.hg',
  '.svn',
  '.aws-sam',
  '.serverless',
  '.vscode-test',
  'coverage',
  '.nyc_output',
  '__pycache__',
  '.venv',
  'venv',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
  'site-packages',
]);

export function isIgnoredDirectoryName(name: string): boolean {
  return IGNORED_DIRECTORIES.has(name) || name.startsWith('cdk.out');
}

/** True when any segment of the path is an ignored directory. */
export function isInIgnoredDirectory(file: string): boolean {
  return toPosix(file)
    .split('/')
    .some((segment) => isIgnoredDirectoryName(segment));
}

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.py'];

export function isSourceFile(file: string): boolean {
  if (/\.d\.[cm]?ts$/i.test(file)) return false;
  const lower = file.toLowerCase();
  return SOURCE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

export function toPosix(p: string): string {
  return p.replace(/\\/g, '/');
}

export function normalizePath(p: string): string {
  return toPosix(path.resolve(p));
}

/** `file` relative to `cwd`, with `/` separators; `.` for `cwd` itself. */
export function relativePath(cwd: string, file: string): string {
  const rel = path.relative(cwd, file).split(path.sep).join('/');
  return rel === '' ? '.' : rel;
}

/** Largest file the core will parse; bigger files are reported as skipped, not read. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

export class DiskHost implements SourceHost {
  private readonly versions = new Map<string, number>();
  /** With `stable`: whether each path is a file or a directory, looked up once. */
  private readonly kinds?: Map<string, 'file' | 'directory' | 'none'>;

  /**
   * `stable`: the disk does not change under this host (a command-line run reads it as it is
   * when the command starts), so what exists is asked of the file system once per path. Handler
   * discovery and module resolution ask the same questions for every file of a directory.
   */
  constructor(options: { stable?: boolean } = {}) {
    if (options.stable) this.kinds = new Map();
  }

  /** Directories that could not be listed, and source files that are not regular files (a FIFO), with the reason. */
  readonly skippedPaths = new Map<string, string>();

  readFile(file: string): string | undefined {
    const read = readRegularFile(file, { maxBytes: MAX_FILE_BYTES });
    return 'bytes' in read ? decodeText(read.bytes) : undefined;
  }

  /** The encoding `readFile` decoded the file from (by its byte order mark), or undefined when unreadable. */
  encodingOf(file: string): TextEncoding | undefined {
    const head = readHead(file, 4);
    return head && encodingOfBytes(head);
  }

  version(file: string): string {
    return String(this.versions.get(file) ?? 0);
  }

  /** Tell the host a file changed on disk, so programs built over it pick up the new text. */
  touch(file: string): void {
    this.versions.set(file, (this.versions.get(file) ?? 0) + 1);
  }

  fileExists(file: string): boolean {
    return this.kind(file) === 'file';
  }

  directoryExists(dir: string): boolean {
    return this.kind(dir) === 'directory';
  }

  private kind(p: string): 'file' | 'directory' | 'none' {
    let kind = this.kinds?.get(p);
    if (kind) return kind;
    try {
      const stat = fs.statSync(p, { throwIfNoEntry: false });
      kind = stat?.isFile() ? 'file' : stat?.isDirectory() ? 'directory' : 'none';
    } catch {
      kind = 'none';
    }
    this.kinds?.set(p, kind);
    return kind;
  }

  readDirectory(dir: string): DirectoryEntries {
    const result: DirectoryEntries = { files: [], directories: [] };
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Absent or not a directory: module resolution asks about many such paths.
      if (code !== 'ENOENT' && code !== 'ENOTDIR') this.skippedPaths.set(toPosix(dir), `directory not listed: ${errorReason(error)}`);
      return result;
    }
    for (const entry of entries) {
      const full = toPosix(path.join(dir, entry.name));
      if (entry.isDirectory()) result.directories.push(full);
      else if (entry.isFile()) result.files.push(full);
      else if (entry.isSymbolicLink()) {
        // Follow links to files only: a link to a directory can form a loop.
        try {
          if (fs.statSync(full).isFile()) result.files.push(full);
        } catch {
          // dangling link
        }
      } else if (isSourceFile(full)) {
        this.skippedPaths.set(full, 'not a regular file');
      }
    }
    result.files.sort();
    result.directories.sort();
    return result;
  }
}

/** What reading a file the tool opens on its own gave: its bytes, nothing there, or why it was not read. */
export type FileRead = { bytes: Buffer } | { missing: true } | { problem: string };

/**
 * Reads a file the tool opens on its own (a config file, the checklist file, a source file): a
 * regular file only, at most `maxBytes` of it, and with `root`, only when its real path is inside
 * root's (a symbolic link out of the workspace is not followed). The file is opened non-blocking
 * and checked with `fstat` on that descriptor, so a named pipe or a device (`/dev/zero`,
 * `/dev/urandom`) is turned down at once instead of blocking or filling memory. `name` is how
 * problems name the file.
 */
export function readRegularFile(file: string, options: { maxBytes: number; root?: string; name?: string }): FileRead {
  const name = options.name ?? path.basename(file);
  const outside = options.root === undefined ? undefined : linkOutside(file, options.root, name);
  if (outside) return { problem: outside };
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? { missing: true } : { problem: `${name} cannot be read: ${(error as Error).message}` };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { problem: `${name} is not a regular file` };
    const tooLarge = { problem: `${name} is larger than ${formatBytes(options.maxBytes)}` };
    if (stat.size > options.maxBytes) return tooLarge;
    // Read to the end, never past the cap: the size can change after fstat. The first buffer
    // holds the whole file as fstat saw it and one byte more (a file that grew is read on), and
    // is not zero-filled first: only the bytes read are kept. Two zeroed 64 KB buffers per file
    // (and the garbage collections they caused) were a sixth of an unchanged re-run with
    // --cache, which reads every file and does little else.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = total === 0 ? stat.size + 1 : 64 * 1024;
      const chunk = Buffer.allocUnsafe(Math.min(want, options.maxBytes + 1 - total));
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > options.maxBytes) return tooLarge;
      // A regular file reads short only at its end: no second call, no second buffer.
      if (n < chunk.length) break;
    }
    return { bytes: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total) };
  } catch (error) {
    return { problem: `${name} cannot be read: ${(error as Error).message}` };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Why `file` must not be read or written under `root`: its real path (or, when it does not exist
 * yet, its directory's) leaves root's real path through a symbolic link. Undefined when it stays inside.
 */
export function linkOutside(file: string, root: string, name = path.basename(file)): string | undefined {
  let top: string;
  try {
    top = fs.realpathSync(root);
  } catch {
    return undefined;
  }
  let real: string | undefined;
  for (let p = path.resolve(file); real === undefined; p = path.dirname(p)) {
    try {
      real = fs.realpathSync(p);
    } catch {
      if (path.dirname(p) === p) return undefined;
    }
  }
  const rel = path.relative(top, real);
  return rel.startsWith('..') || path.isAbsolute(rel)
    ? `${name} is a symbolic link to a place outside the workspace (${toPosix(real)}): it is not followed`
    : undefined;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} kB`;
}

export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'utf32le' | 'utf32be';

/** The encoding a file's byte order mark names; UTF-8 without one. UTF-32 LE is told from UTF-16 LE by its longer mark. */
export function encodingOfBytes(bytes: Uint8Array): TextEncoding {
  const [a, b, c, d] = bytes;
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return 'utf32le';
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return 'utf32be';
  if (a === 0xff && b === 0xfe) return 'utf16le';
  if (a === 0xfe && b === 0xff) return 'utf16be';
  return 'utf8';
}

/**
 * Decode file bytes as text without the byte order mark: UTF-16 and UTF-32 (either byte order)
 * when the file starts with their mark, UTF-8 otherwise. Bytes that are not text (NUL bytes early
 * on, in a file with no UTF-16/32 mark) decode to undefined: the file is skipped, and said to be.
 */
export function decodeText(bytes: Buffer): string | undefined {
  const encoding = encodingOfBytes(bytes);
  if (encoding === 'utf16le') return bytes.subarray(2).toString('utf16le');
  if (encoding === 'utf16be') {
    const swapped = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
    return swapped.swap16().toString('utf16le');
  }
  if (encoding === 'utf32le' || encoding === 'utf32be') return decodeUtf32(bytes.subarray(4), encoding === 'utf32le');
  const probe = bytes.subarray(0, Math.min(bytes.length, 8000));
  if (probe.includes(0)) return undefined;
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}

function decodeUtf32(bytes: Buffer, littleEndian: boolean): string {
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let i = 0; i + 4 <= bytes.length; i += 4) {
    const cp = littleEndian ? bytes.readUInt32LE(i) : bytes.readUInt32BE(i);
    chunk.push(cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? 0xfffd : cp);
    if (chunk.length === 4096) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCodePoint(...chunk));
  // A trailing partial code unit is not a character.
  if (bytes.length % 4 !== 0) parts.push('\ufffd');
  return parts.join('');
}

/** Up to `length` bytes from the start of a regular file; undefined when it is not one or cannot be read. */
function readHead(file: string, length: number): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    if (!fs.fstatSync(fd).isFile()) return undefined;
    const buffer = Buffer.alloc(length);
    return buffer.subarray(0, fs.readSync(fd, buffer, 0, length, 0));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Why `DiskHost.readFile` gave nothing for a file, in words (for the files a scan had to skip). */
export function unreadableReason(file: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    return errorReason(error);
  }
  if (!stat.isFile()) return 'not a regular file';
  if (stat.size > MAX_FILE_BYTES) return `larger than ${MAX_FILE_BYTES / (1024 * 1024)} MB`;
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch (error) {
    return errorReason(error);
  }
  const head = readHead(file, 8000);
  if (head && decodeText(head) === undefined) return 'not text (binary, or UTF-16/UTF-32 without a byte order mark)';
  return 'unreadable';
}

/** A file system error in words. */
export function errorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return code ?? 'unreadable';
}

/**
 * Lists the analysable files below `roots` (files or directories), in a stable order, skipping
 * ignored directories, declaration files and compiled `.js` that sits next to its `.ts` source.
 */
export function discoverFiles(host: SourceHost, roots: string[]): string[] {
  const out = new Set<string>();
  const visitDir = (dir: string) => {
    const entries = host.readDirectory(dir);
    const names = new Set(entries.files);
    for (const file of entries.files) {
      if (!isSourceFile(file)) continue;
      if (isCompiledTwin(file, names)) continue;
      out.add(file);
    }
    for (const sub of entries.directories) {
      if (isIgnoredDirectoryName(path.posix.basename(sub))) continue;
      visitDir(sub);
    }
  };
  for (const root of roots) {
    const abs = normalizePath(root);
    if (host.directoryExists(abs)) visitDir(abs);
    else if (host.fileExists(abs) && isSourceFile(abs)) out.add(abs);
  }
  return [...out].sort();
}

function isCompiledTwin(file: string, siblings: Set<string>): boolean {
  const m = /^(.*)\.(c|m)?js$/i.exec(file);
  if (!m) return false;
  const stem = m[1];
  const flavour = m[2] ?? '';
  return siblings.has(`${stem}.${flavour}ts`) || siblings.has(`${stem}.tsx`);
}
