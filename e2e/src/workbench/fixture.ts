import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { CodeServer, newProfile, Profile, provisioning } from '../support/codeServer';
import { copyExampleApp, RESULTS_DIR } from '../support/paths';
import { CHROMIUM, launchBrowser } from '../support/workbench';

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
    if (this.profile) fs.rmSync(this.profile.dir, { recursive: true, force: true });
    if (this.workspace) fs.rmSync(path.dirname(this.workspace), { recursive: true, force: true });
  }
}
