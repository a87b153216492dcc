import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from '../core/meta';
import { runCli } from './robustness';

const repo = packageRoot();
const app = path.join(repo, 'examples', 'cdk-app');

interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
  pass_filenames: boolean;
}

const findingsOf = (stdout: string) =>
  (JSON.parse(stdout).findings as Array<{ ruleId: string; file: string; line: number }>).map((f) => `${f.file}:${f.line} ${f.ruleId}`);

describe('the pre-commit hook', function () {
  this.timeout(180_000);

  it("runs its entry on the staged files only, with the project's cross-file knowledge", () => {
    const hooks = parse(fs.readFileSync(path.join(repo, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
    const hook = hooks.find((h) => h.id === 'slsguard')!;
    assert.ok(['node', 'system'].includes(hook.language));
    assert.equal(hook.pass_filenames, true);
    const staged = ['lambda/support/tickets.ts', 'lib/network-stack.ts'];
    for (const file of staged) assert.match(file, new RegExp(hook.files));
    const [bin, ...args] = hook.entry.split(/\s+/);
    assert.equal(bin, 'slsguard');
    // pre-commit runs the entry at the repository's root, with the file names after it.
    const r = runCli([...args, '--format', 'json', ...staged], app);
    assert.equal(r.code, 1, r.stderr);
    const reported = findingsOf(r.stdout);
    const all = findingsOf(runCli(['scan', '.', '--format', 'json'], app).stdout);
    // Exactly the full scan's findings in those files: the handler is known as one from its stack.
    assert.deepEqual(
      reported,
      all.filter((f) => staged.some((s) => f.startsWith(`${s}:`))),
    );
    assert.ok(reported.some((f) => f.startsWith(`${staged[0]}:`) && f.endsWith('handler-injection')));
    assert.ok(reported.some((f) => f.startsWith(`${staged[1]}:`)));
    assert.ok(
      reported.every((f) => staged.some((s) => f.startsWith(`${s}:`))),
      reported.join('\n'),
    );
  });

  it('scan --project rejects what is not a directory, and applies to scan only', () => {
    assert.equal(runCli(['scan', '--project', 'cdk.json', 'lib/api-stack.ts'], app).code, 2);
    assert.equal(runCli(['fix', '--project', '.', 'lib/api-stack.ts'], app).code, 2);
  });
});
