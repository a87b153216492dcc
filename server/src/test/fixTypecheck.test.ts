import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from '../core/meta';
import { ruleById } from '../core/rules/registry';
import type { Rule } from '../core/rules/rule';
import { collectVariants, FixCase, rescanProblems, typecheck } from './fixTypecheck';
import { probeHandlerEnvSecret, probeSecretInEnv } from './secretProbes';

function rule(id: string): Rule {
  const r = ruleById(id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
}

/**
 * Every fix in the project, on realistic files. A rule that gains a fix adds its row here, with
 * fixtures under test/fixtures/fixes/. The probes stand in for `secret-in-env` and
 * `handler-env-secret` until those rules use the builders (then: `rule('secret-in-env')`).
 */
const TABLE: FixCase[] = [
  { rule: rule('iam-wildcard-action'), fixtures: ['iam/orders-stack.ts', 'iam/jobs-stack.js'] },
  { rule: rule('iam-wildcard-resource'), fixtures: ['iam/orders-stack.ts'] },
  { rule: rule('suppression-unused'), fixtures: ['iam/suppressed-stack.ts'] },
  { rule: probeSecretInEnv, fixtures: ['secrets/payments-stack.ts', 'secrets/named-imports-stack.ts'] },
  { rule: probeHandlerEnvSecret, fixtures: ['handlers/pay.ts', 'handlers/partner.js'] },
];

describe('fixes type-check and fix what they say', function () {
  // One program for every fixed file: the CDK typings load once.
  this.timeout(180000);
  const { variants, originals, problems } = collectVariants(TABLE);
  let errors: Map<string, string[]>;

  before(function () {
    if (!fs.existsSync(path.join(packageRoot(), 'node_modules', 'aws-cdk-lib', 'package.json'))) this.skip();
    errors = typecheck(new Map([...originals, ...variants.map((v) => [v.file, v.text] as [string, string])]));
  });

  it('every row has fixtures with fixes, and the fixtures themselves compile', () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(errors.get('(global)') ?? [], []);
    for (const [file] of originals) assert.deepEqual(errors.get(file), [], `${path.basename(file)} does not compile before any fix`);
  });

  for (const variant of variants) {
    it(variant.name, () => {
      assert.deepEqual(errors.get(variant.file), [], `type errors after the fix:\n${variant.text}`);
      const row = TABLE.find((c) => c.rule.meta.id === variant.ruleId)!;
      assert.deepEqual(rescanProblems(variant, row.rule), []);
    });
  }
});
