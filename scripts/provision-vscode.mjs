#!/usr/bin/env node
// Provisions a real VS Code for the end-to-end tests: code-server (VS Code's server build,
// published on the npm registry) in the git-ignored cache `.vscode-test/`. Idempotent: a second
// run finds the finished install and does nothing.
//
//   node scripts/provision-vscode.mjs           install if missing
//   node scripts/provision-vscode.mjs --check   exit 0 when installed, 1 when not (no changes)
//
// Needs: npm (registry), tar, a C/C++ tool chain for the native modules (build-essential,
// python3, libkrb5-dev, libx11-dev, libxkbfile-dev, libsecret-1-dev) and ripgrep at /usr/bin/rg,
// since the package's own postinstall would download ripgrep. `.ci/run` installs them with apt.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** 4.100.x is the last line that runs on Node 20 (VS Code 1.100.3). */
export const CODE_SERVER_VERSION = '4.100.3';
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const INSTALL_DIR = path.join(ROOT, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
export const PACKAGE_DIR = path.join(INSTALL_DIR, 'package');
/** The server's entry point; `node ENTRY --help` runs it. */
export const ENTRY = path.join(PACKAGE_DIR, 'out', 'node', 'entry.js');
const MARKER = path.join(INSTALL_DIR, '.provisioned');
const RIPGREP = '/usr/bin/rg';

/** Native modules of VS Code's server that `--ignore-scripts` left unbuilt. */
const VSCODE_NATIVE = ['kerberos', 'node-pty', '@parcel/watcher', '@vscode/spdlog', 'native-watchdog', '@vscode/deviceid'];

export function isProvisioned() {
  try {
    const marker = JSON.parse(fs.readFileSync(MARKER, 'utf8'));
    return marker.version === CODE_SERVER_VERSION && marker.node === process.versions.modules && fs.existsSync(ENTRY);
  } catch {
    return false;
  }
}

function run(cmd, args, cwd) {
  const started = Date.now();
  console.log(`  $ ${[cmd, ...args].join(' ')}   (in ${path.relative(ROOT, cwd) || '.'})`);
  const r = spawnSync(cmd, args, {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false' },
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with status ${r.status}`);
  console.log(`    ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const npmInstall = ['install', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock'];

function provision() {
  if (!fs.existsSync(RIPGREP)) {
    throw new Error(`${RIPGREP} is missing: install ripgrep (apt-get install -y ripgrep); VS Code's search needs it`);
  }
  const started = Date.now();
  // Work in a sibling folder and rename at the end: an interrupted run never looks finished.
  const work = `${INSTALL_DIR}.partial`;
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  console.log(`Provisioning code-server ${CODE_SERVER_VERSION} into ${path.relative(ROOT, INSTALL_DIR)}`);

  run('npm', ['pack', `code-server@${CODE_SERVER_VERSION}`, '--pack-destination', work, '--silent'], work);
  const tarball = path.join(work, `code-server-${CODE_SERVER_VERSION}.tgz`);
  run('tar', ['-xzf', tarball, '-C', work], work);
  fs.rmSync(tarball);

  const pkg = path.join(work, 'package');
  // --ignore-scripts: the package's postinstall downloads ripgrep from GitHub.
  run('npm', npmInstall, pkg);
  run('npm', ['rebuild', 'argon2'], pkg); // the login module; the server will not start without it

  const vscode = path.join(pkg, 'lib', 'vscode');
  run('npm', npmInstall, vscode);
  run('npm', ['rebuild', ...VSCODE_NATIVE], vscode);
  const rgDir = path.join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin');
  fs.mkdirSync(rgDir, { recursive: true });
  fs.rmSync(path.join(rgDir, 'rg'), { force: true });
  fs.symlinkSync(RIPGREP, path.join(rgDir, 'rg'));
  // The server loads some modules through the name the desktop build packs them under.
  fs.rmSync(path.join(vscode, 'node_modules.asar'), { force: true });
  fs.symlinkSync('node_modules', path.join(vscode, 'node_modules.asar'));
  run('npm', npmInstall, path.join(vscode, 'extensions'));

  fs.writeFileSync(
    path.join(work, '.provisioned'),
    JSON.stringify({ version: CODE_SERVER_VERSION, node: process.versions.modules, date: new Date().toISOString() }, null, 2) + '\n',
  );
  fs.rmSync(INSTALL_DIR, { recursive: true, force: true });
  fs.renameSync(work, INSTALL_DIR);
  console.log(`code-server ${CODE_SERVER_VERSION} provisioned in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const ok = isProvisioned();
    console.log(ok ? `code-server ${CODE_SERVER_VERSION} is provisioned` : `code-server ${CODE_SERVER_VERSION} is not provisioned`);
    process.exit(ok ? 0 : 1);
  }
  if (isProvisioned()) {
    console.log(`code-server ${CODE_SERVER_VERSION} already provisioned in ${path.relative(ROOT, INSTALL_DIR)}: nothing to do`);
  } else {
    try {
      provision();
    } catch (error) {
      console.error(`provision-vscode: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
  }
}
