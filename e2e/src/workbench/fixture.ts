import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { CodeServer, installExtension, newProfile, Profile, provisioning } from '../support/codeServer';
import { copyExampleApp, RESULTS_DIR, vsixPath } from '../support/paths';
import { CHROMIUM, launchBrowser, Workbench } from '../support/workbench';

/**
 * One code-server with its own profile, a copy of the example app and a browser: what each
 * end-to-end suite sets up in `before` and tears down in `after`, failed or not.
 */
export class Fixture {
  profile!: Profile;
  workspace!: string;
  server?: CodeServer;
  browser?: Browser;

  /** test-results/e2e/<name>/: this suite's screenshots and logs, emptied when it starts. */
  readonly resultsDir: string;

  /** `example`: the folder of `examples/` the workspace is a copy of. */
  constructor(
    readonly name: string,
    readonly example = 'cdk-app',
  ) {
    this.resultsDir = path.join(RESULTS_DIR, name);
  }

  /** Fails with what to do when the machine cannot run the end-to-end tests. */
  static async checkPrerequisites(): Promise<void> {
    const { isProvisioned, CODE_SERVER_VERSION } = await provisioning();
    if (!isProvisioned()) throw new Error(`code-server ${CODE_SERVER_VERSION} is not provisioned: run npm run provision:vscode`);
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (or set SLSGUARD_CHROMIUM)`);
  }

  /** Profile and workspace; `prepare` may install extensions before the server starts. */
  async setUp(env: NodeJS.ProcessEnv = {}, prepare?: (profile: Profile) => Promise<void>): Promise<void> {
    await Fixture.checkPrerequisites();
    fs.rmSync(this.resultsDir, { recursive: true, force: true });
    fs.mkdirSync(this.resultsDir, { recursive: true });
    this.profile = newProfile(this.name);
    this.workspace = copyExampleApp(this.example);
    await prepare?.(this.profile);
    this.server = await CodeServer.start(this.profile, env);
    this.browser = await launchBrowser();
  }

  async tearDown(): Promise<void> {
    await this.browser?.close().catch(() => undefined);
    const log = this.server?.log();
    await this.server?.stop();
    if (log !== undefined) fs.writeFileSync(path.join(this.resultsDir, 'code-server.log'), log);
    if (this.profile) keepExtensionLogs(this.profile.userDataDir, this.resultsDir);
    if (this.profile) fs.rmSync(this.profile.dir, { recursive: true, force: true });
    if (this.workspace) fs.rmSync(path.dirname(this.workspace), { recursive: true, force: true });
  }
}

/**
 * The extension's output channel (what a user sees in Output › Serverless Guard: the workspace
 * scan, files that hit the time budget, config errors), kept beside the screenshots: when a step
 * fails, it says what the server did meanwhile.
 */
function keepExtensionLogs(userDataDir: string, resultsDir: string): void {
  const logs = path.join(userDataDir, 'logs');
  if (!fs.existsSync(logs)) return;
  for (const entry of fs.readdirSync(logs, { recursive: true, encoding: 'utf8' })) {
    if (!/Serverless Guard.*\.log$/.test(path.basename(entry))) continue;
    fs.copyFileSync(path.join(logs, entry), path.join(resultsDir, path.basename(entry)));
  }
}

/** 1-based line and column of the first occurrence of `text` in a workspace file. */
export function locate(file: string, text: string): { line: number; column: number } {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(text));
  assert.ok(line >= 0, `${text} not found in ${file}`);
  return { line: line + 1, column: lines[line].indexOf(text) + 1 };
}

/** A suite's workbench: the fixture set up with the `.vsix` installed and the workspace open. */
export interface InstalledWorkbench {
  readonly workbench: Workbench;
  /** What `code-server --install-extension` printed. */
  readonly installOutput: string;
}

/**
 * The hooks of a suite that drives the installed extension: `before` installs the `.vsix` into a
 * fresh code-server and opens the workspace, `afterEach` keeps a screenshot of a failed step and
 * clears the panel filter, `after` closes everything. Call inside `describe`.
 */
export function withInstalledWorkbench(fixture: Fixture): InstalledWorkbench {
  const state: { workbench?: Workbench; installOutput: string } = { installOutput: '' };

  before(async function () {
    this.timeout(180_000);
    const vsix = vsixPath();
    assert.ok(fs.existsSync(vsix), `${vsix} is missing: run npm run package first`);
    await fixture.setUp({}, async (profile) => {
      state.installOutput = await installExtension(profile, vsix);
    });
    state.workbench = await Workbench.open(fixture.browser!, fixture.server!.url(fixture.workspace), fixture.resultsDir);
  });

  afterEach(async function () {
    const workbench = state.workbench;
    if (!workbench) return;
    if (this.currentTest?.state === 'failed') {
      await workbench.screenshot(`FAILED-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
    }
    await workbench.clearPanelFilter();
  });

  after(async function () {
    this.timeout(30_000);
    await state.workbench?.close();
    await fixture.tearDown();
  });

  return {
    get workbench() {
      assert.ok(state.workbench, 'the workbench is not open');
      return state.workbench;
    },
    get installOutput() {
      return state.installOutput;
    },
  };
}
