import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describeFixes, MemoryProject, readTree, ROOT } from './fixTypecheck';

/**
 * "A user can press the lightbulb on each fixable finding in examples/ and get code that
 * compiles": each example app is scanned with every rule, and each fix of each finding is applied
 * to a fresh copy of the app, type-checked with the files that use the fixed one, and scanned
 * again: the finding is gone and nothing new is reported (fixTypecheck.ts).
 */

const APPS = ['cdk-app', 'hover-tour'];

for (const app of APPS) {
  describe(`examples/${app}: every quick fix`, function () {
    this.timeout(180000);
    const dir = `${ROOT}/.fix-examples/${app}`;
    const project = new MemoryProject(`${dir}/original`, readTree(path.join(ROOT, 'examples', app)));
    describeFixes(
      project,
      (findings) => findings.filter((f) => f.fixes.length > 0),
      (fixable) => {
        const rules = new Set(fixable.map((f) => f.ruleId));
        assert.ok(rules.size >= (app === 'cdk-app' ? 15 : 10), `fixable rules: ${[...rules].join(', ')}`);
      },
      dir,
    );
  });
}
