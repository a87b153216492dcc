import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { packageRoot } from '../core/meta';
import { MAIN, type InvalidCase } from './ruleTester';
import { hasCdkTypings, typeCheckLater } from './typeCheck';

/**
 * Quick fixes must leave code that still compiles against `aws-cdk-lib`. A rule's test file
 * passes its invalid cases to `typeCheckFixOutputs`, which adds one test: every expected fix
 * output (with the case's other files) type-checks, in the program every test's code shares
 * (typeCheck.ts).
 */

const BASE = path.join(packageRoot(), '.fix-outputs').replace(/\\/g, '/');

export function typeCheckFixOutputs(ruleId: string, cases: InvalidCase[]): void {
  const dir = `${BASE}/${ruleId}`;
  const files = new Map<string, string>();
  cases.forEach((c, i) => {
    const main = c.filename ?? MAIN;
    if (!/\.tsx?$/.test(main)) return;
    c.errors.forEach((e, j) =>
      e.fixes?.forEach((fix, k) => {
        // CDK v1 packages are not installed: their outputs are checked by the exact-output tests only.
        if (/['"]@aws-cdk\//.test(fix.output)) return;
        const at = `${dir}/case${i + 1}-finding${j + 1}-fix${k + 1}`;
        files.set(`${at}/${main}`, fix.output);
        for (const [rel, text] of Object.entries(c.files ?? {})) files.set(`${at}/${rel}`, text);
      }),
    );
  });
  const outputs = typeCheckLater(files, { scratch: BASE, noUnusedLocals: false });
  describe(`${ruleId} quick fixes`, () => {
    it('produce code that type-checks against aws-cdk-lib', function () {
      this.timeout(120000);
      if (!hasCdkTypings()) this.skip();
      assert.deepEqual(outputs.problems(), []);
    });
  });
}
