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
]);

export function isIgnoredDirectoryName(name: string): boolean {
  return IGNORED_DIRECTORIES.has(name) || name.startsWith('cdk.out');
}

/** True when any segment of the path is an ignored directory. */
export function isInIgnoredDirectory(file: string): boolean {
  return toPosix(file).split('/').some((segment) => isIgnoredDirectoryName(segment));
}

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

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

  readFile(file: string): string | undefined {
    try {
      const stat = fs.statSync(file);
      if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
      return decodeText(fs.readFileSync(file));
    } catch {
      return undefined;
    }
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
    } catch {
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
      }
    }
    result.files.sort();
    result.directories.sort();
    return result;
  }
}

/**
 * Decode file bytes as UTF-8 text without a byte order mark. Files that are not text at all
 * (NUL bytes early on) come back empty, so they yield no findings instead of garbage.
 */
export function decodeText(bytes: Buffer): string {
  const probe = bytes.subarray(0, Math.min(bytes.length, 8000));
  if (probe.includes(0)) return '';
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
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
