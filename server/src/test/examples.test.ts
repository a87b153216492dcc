import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { checkOriginals, fixVariants, MemoryProject, readTree, ROOT, variantProblems } from './fixTypecheck';
import { hasCdkTypings } from './typeCheck';

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
    const before = project.findings();
    const fixable = before.filter((f) => f.fixes.length > 0);
    const original = checkOriginals(project, `${dir}/checked`);
    const variants = fixVariants(project, fixable, `${dir}/fixed`);
    after(() => project.dispose());

    it('has fixable findings of many rules, and compiles as it is', function () {
      assert.ok(new Set(fixable.map((f) => f.ruleId)).size >= (app === 'cdk-app' ? 15 : 10), `fixable rules: ${[...new Set(fixable.map((f) => f.ruleId))].join(', ')}`);
      if (!hasCdkTypings()) this.skip();
      assert.deepEqual(original.problems(), []);
    });

    for (const variant of variants) {
      it(variant.name, function () {
        if (!hasCdkTypings()) this.skip();
        assert.deepEqual(variantProblems(project, before, variant), [], `after the fix:\n${[...variant.changed.values()].join('\n')}`);
      });
    }
  });
}
