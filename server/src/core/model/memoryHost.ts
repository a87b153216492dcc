import * as path from 'node:path';
import type { DirectoryEntries, SourceHost } from './host';
import { normalizePath } from './host';

/** A file system in memory: tests, and the server's view of unsaved documents. */
export class MemoryHost implements SourceHost {
  private readonly files = new Map<string, { text: string; version: number }>();

  constructor(files: Record<string, string> = {}) {
    for (const [file, text] of Object.entries(files)) this.write(file, text);
  }

  write(file: string, text: string): void {
    const f = normalizePath(file);
    const prev = this.files.get(f);
    this.files.set(f, { text, version: (prev?.version ?? 0) + 1 });
  }

  delete(file: string): void {
    this.files.delete(normalizePath(file));
  }

  readFile(file: string): string | undefined {
    return this.files.get(normalizePath(file))?.text;
  }

  version(file: string): string {
    return String(this.files.get(normalizePath(file))?.version ?? 0);
  }

  fileExists(file: string): boolean {
    return this.files.has(normalizePath(file));
  }

  directoryExists(dir: string): boolean {
    const d = normalizePath(dir).replace(/\/$/, '') + '/';
    for (const f of this.files.keys()) if (f.startsWith(d)) return true;
    return false;
  }

  readDirectory(dir: string): DirectoryEntries {
    const d = normalizePath(dir).replace(/\/$/, '');
    const files = new Set<string>();
    const directories = new Set<string>();
    for (const f of this.files.keys()) {
      if (!f.startsWith(d + '/')) continue;
      const rest = f.slice(d.length + 1);
      const slash = rest.indexOf('/');
      if (slash < 0) files.add(f);
      else directories.add(path.posix.join(d, rest.slice(0, slash)));
    }
    return { files: [...files].sort(), directories: [...directories].sort() };
  }
}
