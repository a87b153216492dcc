import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packageRoot } from '../core/meta';

/**
 * `npm run audit` (scripts/audit.mjs, a step of .ci/run) judges `npm audit --omit=dev`. This
 * machine's registry answers audits with 405, so here the step can only say it did not run; these
 * tests give it the reports a registry that audits would give, through an `npm` on the PATH that
 * answers with them, and check the verdict CI would act on.
 */

/** Part of the report `npm audit --json` printed for a project with a vulnerable semver. */
function report(counts: { high?: number; critical?: number; moderate?: number }): unknown {
  const vulnerabilities = { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...counts };
  const total = Object.values(vulnerabilities).reduce((a, b) => a + b, 0);
  return {
    auditReportVersion: 2,
    vulnerabilities:
      total === 0
        ? {}
        : {
            semver: {
              name: 'semver',
              severity: counts.critical ? 'critical' : counts.high ? 'high' : 'moderate',
              isDirect: false,
              via: [
                {
                  source: 1096482,
                  name: 'semver',
                  dependency: 'semver',
                  title: 'semver vulnerable to Regular Expression Denial of Service',
                  severity: 'high',
                  range: '>=7.0.0 <7.5.2',
                },
              ],
              effects: ['vscode-languageclient'],
              range: '7.0.0 - 7.5.1',
              nodes: ['node_modules/semver'],
              fixAvailable: true,
            },
          },
    metadata: {
      vulnerabilities: { ...vulnerabilities, total },
      dependencies: { prod: 9, dev: 412, optional: 3, peer: 0, peerOptional: 0, total: 420 },
    },
  };
}

const TEXT_REPORT = `# npm audit report

semver  7.0.0 - 7.5.1
Severity: high
semver vulnerable to Regular Expression Denial of Service - https://github.com/advisories/GHSA-c2qf-rxjj-qqgw
fix available via \`npm audit fix\`
node_modules/semver

1 high severity vulnerability
`;

const REFUSED = {
  message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
  method: 'POST',
  statusCode: 405,
  body: '',
};

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The arguments `npm` was called with, one call a line. */
  calls: string[];
}

function runAudit(json: unknown, env: NodeJS.ProcessEnv = {}): Run {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slsguard-audit-'));
  try {
    fs.writeFileSync(path.join(dir, 'report.json'), JSON.stringify(json, null, 2));
    fs.writeFileSync(path.join(dir, 'report.txt'), TEXT_REPORT);
    // npm prints the JSON report for --json and the text one otherwise, and exits 1 on findings.
    fs.writeFileSync(
      path.join(dir, 'npm'),
      `#!/bin/sh\necho "$*" >> "${dir}/calls"\ncase " $* " in *" --json "*) cat "${dir}/report.json" ;; *) cat "${dir}/report.txt" ;; esac\nexit 1\n`,
      { mode: 0o755 },
    );
    const r = spawnSync(process.execPath, [path.join(packageRoot(), 'scripts', 'audit.mjs')], {
      cwd: packageRoot(),
      encoding: 'utf8',
      env: { ...process.env, SLSGUARD_AUDIT_REQUIRED: '', ...env, PATH: `${dir}${path.delimiter}${process.env.PATH}` },
    });
    const calls = fs.existsSync(path.join(dir, 'calls')) ? fs.readFileSync(path.join(dir, 'calls'), 'utf8').trim().split('\n') : [];
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, calls };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('npm run audit (the CI step on runtime dependencies)', function () {
  this.timeout(20_000);
  before(function () {
    if (process.platform === 'win32') this.skip(); // the stand-in npm is a shell script
  });

  it('fails on a high vulnerability, printing npm’s report and the counts', () => {
    const r = runAudit(report({ high: 1 }));
    assert.equal(r.status, 1);
    assert.ok(r.calls.length > 0 && r.calls.every((args) => args.startsWith('audit --omit=dev')), r.calls.join('\n'));
    assert.match(r.stdout, /semver vulnerable to Regular Expression Denial of Service/);
    assert.match(r.stdout, /npm audit --omit=dev: 0 critical, 1 high, 0 moderate, 0 low, 0 info \(9 runtime dependencies\)/);
    assert.match(r.stderr, /1 high or critical vulnerabilities in runtime dependencies/);
  });

  it('fails on a critical one', () => {
    assert.equal(runAudit(report({ critical: 2 })).status, 1);
  });

  it('passes with moderate findings only, and still prints them', () => {
    const r = runAudit(report({ moderate: 3 }));
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /0 critical, 0 high, 3 moderate/);
  });

  it('passes a clean report', () => {
    const r = runAudit(report({}));
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /0 critical, 0 high, 0 moderate, 0 low, 0 info/);
  });

  it('says it did not run when the registry refuses audits, and fails then only when an audit is required', () => {
    const r = runAudit(REFUSED);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /NOT RUN, the registry gave no audit report \(405 Method Not Allowed/);
    assert.equal(runAudit(REFUSED, { SLSGUARD_AUDIT_REQUIRED: '1' }).status, 1);
  });
});
