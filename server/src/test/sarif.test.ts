import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { packageRoot } from '../core/meta';
import { functionStack, retentionlessFunction } from './cdkFixtures';
import { makeProject } from './lspClient';
import { runCli } from './robustness';

/**
 * The SARIF 2.1.0 schema (its final text, rtm.5, as Microsoft's SARIF SDK ships it): no network.
 * Its `language` pattern is not valid as a Unicode regular expression, hence `unicodeRegExp: false`.
 */
function sarifValidator() {
  const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

function assertValidSarif(log: unknown): void {
  const validate = sarifValidator();
  assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
}

const fn = retentionlessFunction;
const stack = functionStack;

interface SarifRule {
  id: string;
  helpUri: string;
  properties: { tags: string[]; 'security-severity': string };
}

interface SarifResult {
  ruleId: string;
  locations: Array<{ physicalLocation: { region: { startLine: number } } }>;
  partialFingerprints: { primaryLocationLineHash: string };
}

function scanSarif(root: string): {
  log: { runs: Array<{ results: SarifResult[]; tool: { driver: { rules: SarifRule[] } } }> };
  results: SarifResult[];
} {
  const r = runCli(['scan', '.', '--format', 'sarif'], root);
  assert.equal(r.code, 1, r.stderr);
  const log = JSON.parse(r.stdout);
  return { log, results: log.runs[0].results };
}

/** The fingerprint of the result of `ruleId` on the line that holds `text`. */
function printOn(root: string, results: SarifResult[], ruleId: string, text: string): string {
  const lines = fs.readFileSync(path.join(root, 'lib/app-stack.ts'), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(text)) + 1;
  const hit = results.filter((r) => r.ruleId === ruleId && r.locations[0].physicalLocation.region.startLine === line);
  assert.equal(hit.length, 1, `${ruleId} on line ${line}`);
  return hit[0].partialFingerprints.primaryLocationLineHash;
}

describe('SARIF for code scanning', function () {
  this.timeout(120_000);

  it('is valid SARIF 2.1.0 by the official schema, for the example app (results, suppressions, notifications)', () => {
    const examples = path.join(packageRoot(), 'examples');
    const r = runCli(['scan', 'cdk-app', '--format', 'sarif'], examples);
    assert.equal(r.code, 1, r.stderr);
    const log = JSON.parse(r.stdout);
    assert.ok(log.runs[0].results.length > 10);
    assertValidSarif(log);
    // A skipped file adds an invocation with notifications: valid too.
    const root = makeProject({ 'lib/app-stack.ts': stack(fn('A')) });
    fs.writeFileSync(path.join(root, 'lib/bad.ts'), Buffer.from([0, 1, 2, 3, 0, 0, 0, 0xff]));
    const withProblems = JSON.parse(runCli(['scan', '.', '--format', 'sarif'], root).stdout);
    assert.ok(withProblems.runs[0].invocations[0].toolExecutionNotifications.length > 0);
    assertValidSarif(withProblems);
  });

  it('gives each rule a help page link, a security-severity, and CWE tags', () => {
    const root = makeProject({ 'lib/app-stack.ts': stack(fn('A')) });
    const { log } = scanSarif(root);
    const rule = log.runs[0].tool.driver.rules.find((x) => x.id === 'logs-retention')!;
    assert.equal(rule.helpUri, 'https://github.com/serverless-guard/serverless-guard/blob/main/docs/rules/logs-retention.md');
    assert.match(rule.properties['security-severity'], /^\d+\.\d$/);
    assert.ok(
      rule.properties.tags.some((t) => /^external\/cwe\/cwe-\d+$/.test(t)),
      rule.properties.tags.join(', '),
    );
  });

  it('keeps fingerprints when lines move, code is re-indented, or a like finding is added above', () => {
    const root = makeProject({ 'lib/app-stack.ts': stack(fn('Orders') + fn('Refunds')) });
    const before = scanSarif(root).results;
    const orders = printOn(root, before, 'logs-retention', "'Orders'");
    const refunds = printOn(root, before, 'logs-retention', "'Refunds'");
    assert.notEqual(orders, refunds);
    // A new function of the same kind above both, blank lines, and the old ones re-indented.
    fs.writeFileSync(path.join(root, 'lib/app-stack.ts'), stack(`${fn('Audit')}\n\n\n${fn('Orders', '      ')}${fn('Refunds', '\t\t')}`));
    const after = scanSarif(root).results;
    assert.equal(printOn(root, after, 'logs-retention', "'Orders'"), orders);
    assert.equal(printOn(root, after, 'logs-retention', "'Refunds'"), refunds);
    const audit = printOn(root, after, 'logs-retention', "'Audit'");
    assert.ok(![orders, refunds].includes(audit));
  });

  it('numbers identical lines of a file, so that each keeps its own fingerprint', () => {
    const root = makeProject({ 'lib/app-stack.ts': stack(`${fn('Same')}    // a comment\n${fn('Same')}`) });
    const prints = scanSarif(root)
      .results.filter((r) => r.ruleId === 'logs-retention')
      .map((r) => r.partialFingerprints.primaryLocationLineHash);
    assert.equal(prints.length, 2);
    assert.deepEqual(
      prints.map((p) => p.replace(/^[0-9a-f]{32}:/, '')),
      ['1', '2'],
    );
    assert.equal(prints[0].split(':')[0], prints[1].split(':')[0]);
  });
});
