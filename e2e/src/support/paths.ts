import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The repository root (this file runs from `e2e/lib/support/`). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
/** Screenshots and logs of the end-to-end run (git-ignored). */
export const RESULTS_DIR = path.join(ROOT, 'test-results', 'e2e');

interface Manifest {
  name: string;
  version: string;
  publisher: string;
}

export function manifest(): Manifest {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
}

/** `publisher.name`, the id VS Code knows the extension by. */
export function extensionId(): string {
  const { publisher, name } = manifest();
  return `${publisher}.${name}`;
}

/** Where `npm run package` (vsce's default name) writes the package. */
export function vsixPath(): string {
  const { name, version } = manifest();
  return path.join(ROOT, `${name}-${version}.vsix`);
}

const tempDirs = new Set<string>();
// Suites remove their directories when they end; this covers an interrupted run.
process.on('exit', () => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary directory (its real path: code-server reports real paths). */
export function tempDir(prefix: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `slsguard-${prefix}-`)));
  tempDirs.add(dir);
  return dir;
}

/** A copy of the example CDK app to open and edit: the repository's copy stays untouched. */
export function copyExampleApp(name = 'cdk-app'): string {
  const dir = path.join(tempDir('workspace'), name);
  fs.cpSync(path.join(ROOT, 'examples', name), dir, { recursive: true });
  return dir;
}
