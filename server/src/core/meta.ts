import * as fs from 'node:fs';
import * as path from 'node:path';

/** Product facts shared by the CLI, SARIF output and the server. */
export const PRODUCT_NAME = 'Serverless Guard';
export const REPOSITORY_URL = 'https://github.com/serverless-guard/serverless-guard';

/** The extension's package, and the CLI's (`packages/cli/`, the `slsguard` npm package). */
const PACKAGE_NAMES = ['serverless-guard', 'slsguard'];

/**
 * The installed package's root (where `package.json`, `docs/` and `server/out/` live), found by
 * walking up from the running file: works for the bundles and for the compiled test tree.
 */
export function packageRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        if (PACKAGE_NAMES.includes(JSON.parse(fs.readFileSync(pkg, 'utf8')).name)) return dir;
      } catch {
        // keep looking
      }
    }
    dir = path.dirname(dir);
  }
  return path.resolve(__dirname, '..', '..');
}

let versionCache: string | undefined;
export function productVersion(): string {
  if (versionCache === undefined) {
    try {
      versionCache = String(JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')).version);
    } catch {
      versionCache = '0.0.0';
    }
  }
  return versionCache;
}

/** The rule's documentation page shipped in the package, if present. */
export function ruleDocPath(ruleId: string): string | undefined {
  const file = path.join(packageRoot(), 'docs', 'rules', `${ruleId}.md`);
  return fs.existsSync(file) ? file : undefined;
}

export function ruleDocUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${ruleId}.md`;
}

/** A page of the practices guide shipped in the package (`guide-file` is `data-protection.md`). */
export function guideDocPath(guideFile: string): string {
  return path.join(packageRoot(), 'docs', 'guide', guideFile);
}
