import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { EngineConfig } from '../core/config';
import { allRules } from '../core/rules/registry';
import { describeFixes, FIXTURES, MemoryProject, ROOT } from './fixTypecheck';

/**
 * Every fix in the project, on realistic files: each fix of each finding of the row's rule is
 * applied to a fresh copy of the fixture, and the result must type-check against the real
 * typings and scan again without that finding and without any new one (fixTypecheck.ts). A
 * rule that offers fixes (`fixable: true`) has a row; its fixtures live under
 * test/fixtures/fixes/. Each TypeScript stack fixture also runs in the import styles of
 * IMPORT_STYLES (the fixture's text with one more import line), so that every fix meets files
 * that mix styles.
 */
interface FixCase {
  rule: string;
  /** Paths under test/fixtures/fixes/; each is a one-file project. */
  fixtures: string[];
  config?: Partial<EngineConfig>;
}

/** REST and HTTP APIs written in each import style. */
const APIGW = ['namespace-imports', 'user-pool', 'named-imports', 'http-api', 'root-barrel'].map((name) => `apigw/${name}.ts`);

/** Buckets, queues, topics, tables, keys, log groups: namespace and named imports. */
const STORAGE = ['data/storage-stack.ts', 'data/named-storage-stack.ts'];
/** L1 (`Cfn*`) buckets, queues, keys, log groups and trails (issue 16). */
const L1 = 'data/l1-stack.ts';
/** Security groups, functions in a VPC, trails. */
const NETWORK = ['network/network-stack.ts', 'network/named-network-stack.ts'];

const TABLE: FixCase[] = [
  { rule: 'iam-wildcard-action', fixtures: ['iam/orders-stack.ts', 'iam/jobs-stack.js'] },
  { rule: 'iam-wildcard-resource', fixtures: ['iam/orders-stack.ts'] },
  { rule: 'suppression-unused', fixtures: ['iam/suppressed-stack.ts'] },
  { rule: 'secret-in-env', fixtures: ['secrets/payments-stack.ts', 'secrets/named-imports-stack.ts'] },
  { rule: 'secret-plaintext-value', fixtures: ['secrets/plaintext-stack.ts'] },
  { rule: 's3-enforce-ssl', fixtures: [...STORAGE, 'data/exports-stack.js'] },
  { rule: 's3-unencrypted', fixtures: ['data/storage-stack.ts', 'data/exports-stack.js'] },
  { rule: 's3-public-access', fixtures: [...STORAGE, L1] },
  { rule: 'sqs-unencrypted', fixtures: ['data/storage-stack.ts', 'data/exports-stack.js', L1] },
  { rule: 'sqs-enforce-ssl', fixtures: ['data/storage-stack.ts', 'data/exports-stack.js'] },
  { rule: 'sns-enforce-ssl', fixtures: STORAGE },
  { rule: 'rds-unencrypted', fixtures: ['data/database-stack.ts'] },
  { rule: 'sns-unencrypted', fixtures: STORAGE },
  { rule: 'dynamodb-cmk', fixtures: STORAGE, config: { requireCustomerManagedKeys: true } },
  { rule: 'kms-key-rotation', fixtures: ['data/storage-stack.ts', 'data/exports-stack.js', L1] },
  { rule: 'logs-retention', fixtures: [...STORAGE, 'data/exports-stack.js', 'apigw/named-imports.ts', L1] },
  { rule: 'logs-unencrypted', fixtures: [...STORAGE, 'network/named-network-stack.ts'] },
  { rule: 'sg-allow-all-outbound', fixtures: NETWORK },
  { rule: 'lambda-public-subnet', fixtures: NETWORK },
  { rule: 'trail-single-region', fixtures: [...NETWORK, L1] },
  { rule: 'trail-incomplete', fixtures: ['network/runtime-stack.ts'] },
  { rule: 'lambda-deprecated-runtime', fixtures: ['network/runtime-stack.ts'] },
  { rule: 'handler-env-secret', fixtures: ['handlers/pay.ts', 'handlers/partner.js'] },
  { rule: 'handler-unvalidated-input', fixtures: ['handlers/orders.ts', 'handlers/tickets.js'] },
  { rule: 'handler-unsanitized-html', fixtures: ['handlers/render.ts', 'handlers/tickets.js'] },
  { rule: 'handler-error-leak', fixtures: ['handlers/orders.ts', 'handlers/render.ts', 'handlers/tickets.js'] },
  { rule: 'apigw-no-auth', fixtures: APIGW },
  { rule: 'apigw-no-request-validation', fixtures: ['apigw/namespace-imports.ts', 'apigw/named-imports.ts', 'apigw/root-barrel.ts'] },
  { rule: 'apigw-no-throttling', fixtures: APIGW },
  { rule: 'apigw-no-access-logging', fixtures: APIGW.filter((f) => f !== 'apigw/http-api.ts') },
  { rule: 'apigw-tls-version', fixtures: ['apigw/custom-domain.ts'] },
  { rule: 'apigw-data-trace', fixtures: ['apigw/custom-domain.ts'] },
];

/**
 * The import styles the fixtures are run in besides their own: a line added at the top of the
 * file. A file that mixes named imports with one namespace import of another module (issue 19:
 * the access-log fix once added `import * as apigateway` twice there, and the file no longer
 * compiled) and a file that mixes namespace imports with one named import.
 */
const IMPORT_STYLES: Array<{ name: string; line: string }> = [
  { name: 'as written', line: '' },
  { name: 'with one namespace import more', line: "import * as sfn from 'aws-cdk-lib/aws-stepfunctions';\n" },
  { name: 'with one named import more', line: "import { Pass } from 'aws-cdk-lib/aws-stepfunctions';\n" },
];

describe('fixes type-check and fix what they say', function () {
  this.timeout(180000);

  it('every rule that offers fixes has a row, and every row a fixable rule', () => {
    const fixable = allRules
      .filter((r) => r.meta.fixable)
      .map((r) => r.meta.id)
      .sort();
    assert.deepEqual([...new Set(TABLE.map((c) => c.rule))].sort(), fixable);
  });

  for (const row of TABLE) {
    for (const fixture of row.fixtures) {
      // CommonJS fixtures keep their `require`s: an `import` line would make them ES modules.
      // Handlers stay handlers: a CDK import would make them stack files.
      const styles = fixture.endsWith('.js') || fixture.startsWith('handlers/') ? IMPORT_STYLES.slice(0, 1) : IMPORT_STYLES;
      for (const [k, style] of styles.entries()) {
        describe(`${row.rule} on ${fixture}${k ? ` ${style.name}` : ''}`, () => {
          const dir = `${ROOT}/.fix-typecheck/${row.rule}/${fixture.replace(/\//g, '_')}${k ? `-${k}` : ''}`;
          const name = fixture.split('/').pop()!;
          const project = new MemoryProject(
            `${dir}/original`,
            new Map([[name, style.line + fs.readFileSync(`${FIXTURES}/${fixture}`, 'utf8')]]),
            row.config,
          );
          describeFixes(
            project,
            (findings) => findings.filter((f) => f.ruleId === row.rule),
            (own) =>
              assert.ok(
                own.some((f) => f.fixes.length > 0),
                `no ${row.rule} finding with a fix`,
              ),
            dir,
          );
        });
      }
    }
  }
});
