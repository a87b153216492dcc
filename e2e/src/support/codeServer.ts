import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { waitFor } from '../../../server/lib/test/lspClient';
import { ROOT, tempDir } from './paths';
import { start, Started } from './processes';

/** What `scripts/provision-vscode.mjs` exports. */
interface Provisioning {
  CODE_SERVER_VERSION: string;
  ENTRY: string;
  isProvisioned(): boolean;
}

export async function provisioning(): Promise<Provisioning> {
  return (await import(pathToFileURL(path.join(ROOT, 'scripts', 'provision-vscode.mjs')).href)) as Provisioning;
}

/** Where a code-server instance keeps its state: all under one temporary directory. */
export interface Profile {
  dir: string;
  userDataDir: string;
  extensionsDir: string;
  env: NodeJS.ProcessEnv;
}

/**
 * User settings of the test profile. The example app is opened without `npm install`, so
 * TypeScript's own "Cannot find module 'aws-cdk-lib'" errors would crowd the Problems panel
 * and the screenshots; a real CDK project has its dependencies installed. Inside a snippet,
 * suggestions wait for Ctrl+Space: one that pops up while a placeholder is typed would take
 * the Tab meant for the next placeholder (a person sees it and presses Escape first).
 */
const USER_SETTINGS = {
  'editor.suggest.snippetsPreventQuickSuggestions': true,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'typescript.validate.enable': false,
  'javascript.validate.enable': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
};

export function newProfile(name: string): Profile {
  const dir = tempDir(name);
  const configFile = path.join(dir, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\n');
  const userDataDir = path.join(dir, 'user-data');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  return {
    dir,
    userDataDir,
    extensionsDir: path.join(dir, 'extensions'),
    // Keep code-server's own files (config, logs, caches) out of the user's home.
    env: {
      ...process.env,
      XDG_CONFIG_HOME: path.join(dir, 'xdg-config'),
      XDG_DATA_HOME: path.join(dir, 'xdg-data'),
      XDG_CACHE_HOME: path.join(dir, 'xdg-cache'),
      CODE_SERVER_CONFIG: configFile,
    },
  };
}

function commonArgs(profile: Profile): string[] {
  return [
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir',
    profile.userDataDir,
    '--extensions-dir',
    profile.extensionsDir,
  ];
}

/** `code-server --install-extension`, as a user installs a downloaded `.vsix`; returns its output. */
export async function installExtension(profile: Profile, vsix: string): Promise<string> {
  const { ENTRY } = await provisioning();
  const r = spawnSync(process.execPath, [ENTRY, ...commonArgs(profile), '--install-extension', vsix], {
    env: profile.env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const output = `${r.stdout}${r.stderr}`;
  if (r.status !== 0) throw new Error(`--install-extension failed (${r.status ?? r.signal}):\n${output}`);
  return output;
}

export class CodeServer {
  private constructor(
    private readonly process: Started,
    readonly port: number,
  ) {}

  /**
   * Starts code-server on a free loopback port (it binds port 0 and logs the port it got).
   * `env` reaches the extension hosts it starts.
   */
  static async start(profile: Profile, env: NodeJS.ProcessEnv = {}): Promise<CodeServer> {
    const { ENTRY } = await provisioning();
    const proc = start(process.execPath, [ENTRY, ...commonArgs(profile), '--bind-addr', '127.0.0.1:0'], {
      env: { ...profile.env, ...env },
      cwd: profile.dir,
    });
    try {
      const port = await waitFor(
        () => {
          if (proc.proc.exitCode !== null) throw new Error(`code-server exited (${proc.proc.exitCode}):\n${proc.output()}`);
          const match = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(proc.output());
          return match ? Number(match[1]) : undefined;
        },
        60_000,
        'code-server to listen',
      );
      return new CodeServer(proc, port);
    } catch (error) {
      await proc.stop();
      throw error;
    }
  }

  /** The workbench URL for a folder, with an optional `payload` (extension development, tests). */
  url(folder: string, payload?: Array<[string, string]>): string {
    const query = [`folder=${encodeURIComponent(folder)}`];
    if (payload) query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
    return `http://127.0.0.1:${this.port}/?${query.join('&')}`;
  }

  /** A path on the server as a remote URI: what the workbench expects in its payload. */
  remote(file: string): string {
    return `vscode-remote://127.0.0.1:${this.port}${file}`;
  }

  log(): string {
    return this.process.output();
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}
