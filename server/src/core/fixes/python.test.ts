import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeProject } from '../project';
import { defaultConfig } from '../config';
import { MemoryHost } from '../model/memoryHost';
import { applyEdits } from './edits';
import { parsesAfter, parsesWhole } from './python';
import { FileContext } from '../model/fileContext';
import { parsePython } from '../model/python/pythonFile';
import type { Finding } from '../types';

/**
 * Quick fixes in Python files, checked as the brief asks: each fix offered on a realistic Python
 * stack is applied, the result is parsed by python3's `ast`, and every CDK module, class, static
 * member, method and keyword argument it writes is looked up in the jsii assembly the
 * aws-cdk-lib npm package ships (`server/src/test/pythonCdkCheck.py`, run on our fixture's
 * outputs, never on user code). The fix's finding is gone when the result is scanned again.
 */

const REPO = path.resolve(__dirname, '../../../..');
const FIXTURE = path.join(REPO, 'server/src/test/fixtures/python-app');
const STACK = 'stacks/orders_stack.py';
const CHECKER = path.join(REPO, 'server/src/test/pythonCdkCheck.py');
const JSII = path.join(path.dirname(require.resolve('aws-cdk-lib/package.json')), '.jsii');

function scan(text: string, stack = STACK): Finding[] {
  const host = new MemoryHost();
  const main = `/app/${stack}`;
  host.write(main, text);
  host.write('/app/app.py', fs.readFileSync(path.join(FIXTURE, 'app.py'), 'utf8'));
  const { engine } = analyzeProject({ paths: [main], cwd: '/app', config: defaultConfig({}), host, log: () => undefined });
  return engine.findings(main);
}

/** Problems the checker finds in each file: `ast.parse` errors and names the assembly lacks. */
function checkPython(files: string[]): Record<string, string[]> {
  return JSON.parse(execFileSync('python3', [CHECKER, JSII, ...files], { encoding: 'utf8', maxBuffer: 1 << 26 })) as Record<
    string,
    string[]
  >;
}

describe('quick fixes in Python', function () {
  this.timeout(180_000);
  const source = fs.readFileSync(path.join(FIXTURE, STACK), 'utf8');
  const findings = scan(source);
  const fixed = findings.flatMap((f) => f.fixes.map((fix) => ({ finding: f, fix, output: applyEdits(source, fix.edits) })));

  it('offers the catalog fixes on a Python stack, titled in Python', () => {
    const rules = new Set(fixed.map((x) => x.finding.ruleId));
    for (const id of [
      'iam-wildcard-action',
      'iam-wildcard-resource',
      'secret-in-env',
      'secret-plaintext-value',
      's3-enforce-ssl',
      's3-unencrypted',
      's3-public-access',
      'sqs-unencrypted',
      'sns-unencrypted',
      'kms-key-rotation',
      'logs-retention',
      'logs-unencrypted',
      'sg-allow-all-outbound',
      'lambda-public-subnet',
      'trail-single-region',
      'apigw-no-auth',
    ])
      assert.ok(rules.has(id), `a Python fix for ${id}`);
    for (const { fix } of fixed)
      assert.doesNotMatch(fix.title, /\bthis\.|[a-z][A-Z]\w*\(|: true\b/, `title in Python spelling: ${fix.title}`);
  });

  it('writes Python that parses and names only what aws-cdk-lib has (jsii assembly)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slsguard-pyfix-'));
    try {
      const files = fixed.map((x, i) => {
        const file = path.join(dir, `fix${i}.py`);
        fs.writeFileSync(file, x.output);
        return file;
      });
      const problems = checkPython(files);
      const bad = files.flatMap((f, i) =>
        problems[f].length ? [`${fixed[i].finding.ruleId} «${fixed[i].fix.title}»: ${problems[f].join('; ')}`] : [],
      );
      assert.deepEqual(bad, []);
      // The checker itself catches a wrong keyword and a wrong method.
      const wrong = path.join(dir, 'wrong.py');
      fs.writeFileSync(wrong, source.replace('versioned=True', 'versoned=True').replace('add_to_role_policy', 'add_to_role_policies'));
      assert.equal(checkPython([wrong])[wrong].length, 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('each fix removes its finding when the result is scanned again', () => {
    for (const { finding, fix, output } of fixed) {
      const again = scan(output).filter((f) => f.ruleId === finding.ruleId);
      assert.ok(
        again.length < findings.filter((f) => f.ruleId === finding.ruleId).length,
        `${finding.ruleId}: «${fix.title}» leaves ${again.length}`,
      );
    }
  });

  it('replaces a wildcard statement with the grant, and moves a secret to Secrets Manager, in Python', () => {
    const grant = fixed.find((x) => x.finding.ruleId === 'iam-wildcard-action')!;
    assert.equal(grant.fix.title, 'Replace the policy statement with self.table.grant_read_write_data(handler)');
    assert.ok(grant.output.includes('\n        self.table.grant_read_write_data(handler)\n\n        secretsmanager.Secret('), grant.output);
    assert.ok(!grant.output.includes('dynamodb:*'));
    const secret = fixed.find((x) => x.finding.ruleId === 'secret-in-env')!;
    assert.ok(secret.output.includes('stripe_api_key_secret = secretsmanager.Secret(self, "StripeApiKeySecret"'), secret.output);
    assert.ok(secret.output.includes('"STRIPE_API_KEY_SECRET_ARN": stripe_api_key_secret.secret_arn'), secret.output);
    assert.ok(secret.output.includes('\n        stripe_api_key_secret.grant_read(handler)\n'), secret.output);
    assert.ok(!secret.output.includes('sk_live_'), 'the plain-text value is gone');
  });

  it('fixes the L1 (Cfn*) shapes in Python: the result parses, names what aws-cdk-lib has, and loses the finding (issue 16)', () => {
    const l1 = `from aws_cdk import Stack, aws_cloudtrail as cloudtrail, aws_kms as kms, aws_logs as logs, aws_s3 as s3, aws_sqs as sqs
from constructs import Construct


class OrdersStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        key = kms.CfnKey(self, "DataKey", description="legacy data")
        sqs.CfnQueue(self, "Jobs", queue_name="jobs", sqs_managed_sse_enabled=False)
        logs.CfnLogGroup(self, "AppLogs", log_group_name="/legacy/app", kms_key_id=key.attr_arn)
        s3.CfnBucket(
            self,
            "Assets",
            public_access_block_configuration=s3.CfnBucket.PublicAccessBlockConfigurationProperty(
                block_public_acls=False, block_public_policy=True, ignore_public_acls=False, restrict_public_buckets=True
            ),
        )
        s3.CfnBucket(self, "Downloads", versioning_configuration={"status": "Enabled"}, access_control="PublicRead")
        cloudtrail.CfnTrail(self, "Trail", is_logging=True, s3_bucket_name="logs", enable_log_file_validation=True)
`;
    const rules = ['kms-key-rotation', 'logs-retention', 's3-public-access', 'sqs-unencrypted', 'trail-single-region'];
    const before = scan(l1).filter((f) => rules.includes(f.ruleId));
    const l1Fixed = before.flatMap((f) => f.fixes.map((fix) => ({ finding: f, fix, output: applyEdits(l1, fix.edits) })));
    assert.deepEqual([...new Set(l1Fixed.map((x) => x.finding.ruleId))].sort(), rules);
    const outputs = l1Fixed.map((x) => x.output);
    for (const expected of [
      'kms.CfnKey(self, "DataKey", description="legacy data", enable_key_rotation=True)',
      'sqs.CfnQueue(self, "Jobs", queue_name="jobs")',
      'kms_key_id=key.attr_arn, retention_in_days=30)',
      'block_public_acls=True, block_public_policy=True, ignore_public_acls=True, restrict_public_buckets=True',
      's3.CfnBucket(self, "Downloads", versioning_configuration={"status": "Enabled"})',
      'enable_log_file_validation=True, is_multi_region_trail=True)',
    ])
      assert.ok(
        outputs.some((o) => o.includes(expected)),
        `${expected} in none of:\n${outputs.join('\n----\n')}`,
      );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slsguard-pyfix-l1-'));
    try {
      const files = l1Fixed.map((x, i) => {
        const file = path.join(dir, `fix${i}.py`);
        fs.writeFileSync(file, x.output);
        return file;
      });
      const problems = checkPython(files);
      assert.deepEqual(
        files.flatMap((f, i) => (problems[f].length ? [`${l1Fixed[i].fix.title}: ${problems[f].join('; ')}`] : [])),
        [],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    for (const { finding, fix, output } of l1Fixed) {
      const again = scan(output).filter((f) => f.ruleId === finding.ruleId);
      assert.ok(
        again.length < before.filter((f) => f.ruleId === finding.ruleId).length,
        `${finding.ruleId}: «${fix.title}» leaves ${again.length}`,
      );
    }
  });

  it('adds a keyword argument and keeps the call as it was written', () => {
    const ssl = fixed.find((x) => x.finding.ruleId === 's3-enforce-ssl')!;
    assert.ok(
      ssl.output.includes('            versioned=True,\n            enforce_ssl=True,\n        )') ||
        ssl.output.includes('versioned=True, enforce_ssl=True'),
      ssl.output,
    );
    const trail = fixed.find((x) => x.finding.ruleId === 'trail-single-region')!;
    assert.ok(trail.output.includes('cloudtrail.Trail(self, "Trail")\n'), trail.output);
  });

  it('judges a fix on the statements it touches exactly as a parse of the whole result would', () => {
    // Every fix offered above, and broken variants of it (a bracket too many, a comma lost, a
    // statement indented one step too far, or less, or half a step less, a colon where a keyword's `=` goes): the fast,
    // statement-local check and a parse of the whole file must give the same answer.
    const file = new FileContext(parsePython(`/app/${STACK}`, source), `/app/${STACK}`);
    const variants = (edits: (typeof fixed)[number]['fix']['edits']) => [
      edits,
      edits.map((e, i) => (i === edits.length - 1 ? { ...e, newText: `${e.newText})` } : e)),
      edits.map((e) => ({ ...e, newText: e.newText.replace(',', '') })),
      edits.map((e) => ({ ...e, newText: e.newText.replace(/\n( +)(?=\S)/g, '\n$1    ') })),
      edits.map((e) => ({ ...e, newText: e.newText.replace(/\n {4}(?=\S)/g, '\n') })),
      edits.map((e) => ({ ...e, newText: e.newText.replace(/\n {2}(?=\S)/g, '\n') })),
      edits.map((e) => ({ ...e, newText: e.newText.replace('=', ': ') })),
    ];
    let broken = 0;
    for (const { finding, fix } of fixed) {
      assert.ok(parsesAfter(source, fix.edits, file), `${finding.ruleId}: «${fix.title}» as offered`);
      for (const edits of variants(fix.edits)) {
        const whole = parsesWhole(source, edits, file);
        if (!whole) broken++;
        assert.equal(
          parsesAfter(source, edits, file),
          whole,
          `${finding.ruleId}: «${fix.title}» → ${JSON.stringify(edits.map((e) => e.newText))}`,
        );
      }
    }
    assert.ok(broken > fixed.length, `the variants break most fixes (${broken} of ${fixed.length * 7})`);
  });

  describe('the catalog v2 rules, on a stack of old runtimes, plain HTTP, TLS 1.0 and full request logs', () => {
    const LEGACY = 'stacks/legacy_stack.py';
    const legacy = fs.readFileSync(path.join(FIXTURE, LEGACY), 'utf8');
    const legacyFindings = scan(legacy, LEGACY);
    const legacyFixed = legacyFindings.flatMap((f) => f.fixes.map((fix) => ({ finding: f, fix, output: applyEdits(legacy, fix.edits) })));
    const outputOf = (ruleId: string, text: string) => {
      const found = legacyFixed.find((x) => x.finding.ruleId === ruleId && x.output.includes(text));
      assert.ok(
        found,
        `no ${ruleId} fix writes ${text}:\n${legacyFixed
          .filter((x) => x.finding.ruleId === ruleId)
          .map((x) => x.fix.title)
          .join('\n')}`,
      );
      return found.output;
    };

    it("writes each rule's fix in Python", () => {
      // Enum members keep their names; a CloudFormation string stays a string.
      assert.ok(outputOf('lambda-deprecated-runtime', 'runtime=_lambda.Runtime.PYTHON_3_14,').includes('PYTHON_3_14'));
      assert.ok(!outputOf('lambda-deprecated-runtime', 'runtime="nodejs24.x"').includes('nodejs14.x'));
      outputOf('sqs-enforce-ssl', 'sqs.Queue(self, "Jobs", visibility_timeout=None, enforce_ssl=True)');
      outputOf('sns-enforce-ssl', 'sns.Topic(self, "Alerts", enforce_ssl=True)');
      outputOf('apigw-tls-version', 'security_policy=apigw.SecurityPolicy.TLS_1_2');
      outputOf('apigw-tls-version', 'security_policy=apigwv2.SecurityPolicy.TLS_1_2');
      outputOf('apigw-tls-version', 'security_policy="TLS_1_2"');
      outputOf('apigw-data-trace', 'deploy_options=apigw.StageOptions(logging_level=apigw.MethodLoggingLevel.INFO)');
      outputOf('rds-unencrypted', 'storage_encrypted=True');
      outputOf('rds-unencrypted', 'rds.CfnDBCluster(self, "Raw", engine="aurora-mysql", storage_encrypted=True)');
      outputOf('trail-incomplete', 'cloudtrail.Trail(self, "Audit", enable_file_validation=False)');
      outputOf('trail-incomplete', 'cloudtrail.Trail(self, "Audit", management_events=cloudtrail.ReadWriteType.NONE)');
      outputOf('trail-incomplete', 's3_bucket_name="audit-logs", enable_log_file_validation=True)');
      for (const { fix } of legacyFixed)
        assert.doesNotMatch(
          fix.title,
          /\bthis\.|[a-z][A-Z]\w*\(|: true\b|enforceSSL|storageEncrypted|dataTraceEnabled/,
          `title in Python spelling: ${fix.title}`,
        );
    });

    it('parses, names only what aws-cdk-lib has, and removes its finding', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slsguard-pyfix-v2-'));
      try {
        const files = legacyFixed.map((x, i) => {
          const file = path.join(dir, `fix${i}.py`);
          fs.writeFileSync(file, x.output);
          return file;
        });
        const problems = checkPython(files);
        assert.deepEqual(
          files.flatMap((f, i) =>
            problems[f].length ? [`${legacyFixed[i].finding.ruleId} «${legacyFixed[i].fix.title}»: ${problems[f].join('; ')}`] : [],
          ),
          [],
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      for (const { finding, fix, output } of legacyFixed) {
        const before = legacyFindings.filter((f) => f.ruleId === finding.ruleId).length;
        const after = scan(output, LEGACY).filter((f) => f.ruleId === finding.ruleId).length;
        assert.ok(after < before, `${finding.ruleId}: «${fix.title}» leaves ${after}`);
      }
    });
  });
});
