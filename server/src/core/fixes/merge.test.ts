import * as assert from 'node:assert/strict';
import { MemoryProject, ROOT } from '../../test/fixTypecheck';
import { hasCdkTypings, typeCheckLater } from '../../test/typeCheck';
import type { Finding, Fix, TextEdit } from '../types';
import { applyEdits } from './edits';
import { mergeFixes } from './merge';

const FILE = '/project/lib/stack.ts';
const at = (line: number, character: number) => ({ line, character });
const edit = (l1: number, c1: number, l2: number, c2: number, newText: string): TextEdit => ({
  file: FILE,
  range: { start: at(l1, c1), end: at(l2, c2) },
  newText,
});
const fix = (title: string, ...edits: TextEdit[]): Fix => ({ title, isPreferred: true, edits });

describe('mergeFixes', () => {
  const importS3 = edit(1, 0, 1, 0, "import * as s3 from 'aws-cdk-lib/aws-s3';\n");

  it('shares identical edits, such as the same import added by two fixes', () => {
    const a = fix('a', importS3, edit(5, 2, 5, 4, 'x'));
    const b = fix('b', { ...importS3 }, edit(7, 2, 7, 4, 'y'));
    const merged = mergeFixes([a, b]);
    assert.deepEqual(merged.applied, [a, b]);
    assert.equal(merged.edits.length, 3);
    assert.equal(merged.edits.filter((e) => e.newText.startsWith('import')).length, 1);
  });

  it('drops a fix whose edits overlap a chosen one, whole', () => {
    const a = fix('a', edit(5, 0, 5, 10, 'x'));
    const b = fix('b', edit(9, 0, 9, 1, 'z'), edit(5, 8, 5, 12, 'y'));
    const c = fix('c', edit(5, 0, 5, 0, 'insert-at-start'));
    const d = fix('d', edit(5, 10, 5, 10, 'insert-at-end'));
    const e = fix('e', edit(5, 10, 5, 10, 'another-at-end'));
    const merged = mergeFixes([a, b, c, d, e]);
    assert.deepEqual(
      merged.applied.map((f) => f.title),
      ['a', 'd'],
    );
    assert.deepEqual(
      merged.skipped.map((f) => f.title),
      ['b', 'c', 'e'],
    );
    assert.deepEqual(
      merged.edits.map((x) => x.newText),
      ['x', 'insert-at-end'],
    );
  });

  it('joins different imports added at one place, each once, in the first layout', () => {
    const kms = "\nimport * as kms from 'aws-cdk-lib/aws-kms';";
    const iam = "\nimport * as iam from 'aws-cdk-lib/aws-iam';";
    const a = fix('a', edit(3, 40, 3, 40, kms), edit(8, 4, 8, 4, 'key();'));
    const b = fix('b', edit(3, 40, 3, 40, `${kms}${iam}`), edit(12, 4, 12, 4, 'grant();'));
    const merged = mergeFixes([a, b]);
    assert.deepEqual(merged.applied, [a, b]);
    assert.deepEqual(
      merged.edits.map((e) => e.newText),
      [`${kms}${iam}`, 'key();', 'grant();'],
    );
    assert.equal(a.edits[0].newText, kms, 'the fixes themselves are left as they were');
    // At the top of a file without imports, and with CRLF line ends, and `require`.
    const top = mergeFixes([
      fix('c', edit(0, 0, 0, 0, "const kms = require('aws-cdk-lib/aws-kms');\r\n")),
      fix('d', edit(0, 0, 0, 0, "const { Aws } = require('aws-cdk-lib');\r\nconst kms = require('aws-cdk-lib/aws-kms');\r\n")),
    ]);
    assert.equal(top.edits[0].newText, "const kms = require('aws-cdk-lib/aws-kms');\r\nconst { Aws } = require('aws-cdk-lib');\r\n");
  });

  it('joins names added to one import list, each once', () => {
    const merged = mergeFixes([
      fix('a', edit(2, 17, 2, 17, ', BlockPublicAccess')),
      fix('b', edit(2, 17, 2, 17, ', BucketEncryption, BlockPublicAccess')),
    ]);
    assert.equal(merged.applied.length, 2);
    assert.deepEqual(
      merged.edits.map((e) => e.newText),
      [', BlockPublicAccess, BucketEncryption'],
    );
  });

  it('does not join an import with other code at the same place', () => {
    const a = fix('a', edit(3, 40, 3, 40, "\nimport { z } from 'zod';\n\nconst Schema = z.object({});"));
    const b = fix('b', edit(3, 40, 3, 40, "\nimport DOMPurify from 'isomorphic-dompurify';"));
    const merged = mergeFixes([a, b]);
    assert.deepEqual(merged.skipped, [b]);
  });
});

/**
 * "Fix all" over real fixes that add imports: the imports come once, in the file's own style,
 * every fix is applied in one pass, and the result type-checks.
 */
describe('fix-all adds each import once, in the file style', function () {
  this.timeout(120000);

  const cases: Array<{ name: string; code: string; rules: string[]; imports: string[] }> = [
    {
      name: 'namespace imports: keys for a topic, a log group and a table share `kms`, `iam` comes once',
      rules: ['sns-unencrypted', 'logs-unencrypted', 'dynamodb-cmk'],
      code: `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';

export class AlertsStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const alerts = new sns.Topic(this, 'Alerts');
    const audit = new logs.LogGroup(this, 'Audit', { retention: logs.RetentionDays.ONE_YEAR });
    const incidents = new dynamodb.Table(this, 'Incidents', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
    void [alerts, audit, incidents];
  }
}
`,
      imports: ["import * as kms from 'aws-cdk-lib/aws-kms';", "import * as iam from 'aws-cdk-lib/aws-iam';"],
    },
    {
      name: 'named imports: names join the existing list of the module, each once',
      rules: ['s3-public-access', 's3-unencrypted', 'sqs-unencrypted'],
      code: `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Queue } from 'aws-cdk-lib/aws-sqs';

export class UploadsStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const site = new Bucket(this, 'Site', { publicReadAccess: true, enforceSSL: true });
    const raw = new Bucket(this, 'Raw', { encryption: cdk.aws_s3.BucketEncryption.UNENCRYPTED, enforceSSL: true });
    const jobs = new Queue(this, 'Jobs', { encryption: cdk.aws_sqs.QueueEncryption.UNENCRYPTED });
    const retries = new Queue(this, 'Retries', { encryption: cdk.aws_sqs.QueueEncryption.UNENCRYPTED });
    void [site, raw, jobs, retries];
  }
}
`,
      imports: [
        "import { Bucket, BlockPublicAccess, BucketEncryption } from 'aws-cdk-lib/aws-s3';",
        "import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';",
      ],
    },
  ];

  cases.forEach((c, i) => {
    const project = new MemoryProject(`${ROOT}/.fix-merge/${i}`, new Map([['lib/stack.ts', c.code]]), { requireCustomerManagedKeys: true });
    const file = `${project.root}/lib/stack.ts`;
    const findings = project.findings().filter((f: Finding) => c.rules.includes(f.ruleId) && f.fixes.length > 0);
    const merged = mergeFixes(findings.map((f) => f.fixes[0]));
    const fixed = applyEdits(c.code, merged.edits);
    const checked = typeCheckLater(new Map([[`${ROOT}/.fix-merge/${i}/checked/stack.ts`, fixed]]), { noUnusedLocals: false });
    after(() => project.dispose());

    it(c.name, function () {
      assert.deepEqual([...new Set(findings.map((f) => f.ruleId))].sort(), [...c.rules].sort(), 'a finding of each rule');
      assert.deepEqual(
        merged.skipped.map((f) => f.title),
        [],
        `every fix in one pass:\n${fixed}`,
      );
      for (const line of c.imports) assert.equal(fixed.split('\n').filter((l) => l === line).length, 1, `${line} once:\n${fixed}`);
      const modules = fixed
        .split('\n')
        .filter((l) => l.startsWith('import'))
        .map((l) => /from '([^']+)'/.exec(l)?.[1]);
      assert.equal(new Set(modules).size, modules.length, `one import per module:\n${fixed}`);
      assert.deepEqual(
        project
          .findingsWith(new Map([[file, fixed]]))
          .filter((f) => c.rules.includes(f.ruleId))
          .map((f) => f.message),
        [],
        'the fixed findings are gone',
      );
      if (!hasCdkTypings()) this.skip();
      assert.deepEqual(checked.problems(), []);
    });
  });
});
