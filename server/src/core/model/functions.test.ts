import * as assert from 'node:assert/strict';
import { analyze, Case } from '../../test/ruleTester';
import type { Rule } from '../rule';
import handlerInjection from '../rules/handler-injection/rule';
import iamWildcardAction from '../rules/iam-wildcard-action/rule';
import s3PublicAccess from '../rules/s3-public-access/rule';
import sqsUnencrypted from '../rules/sqs-unencrypted/rule';

/**
 * Values built by functions (issue 17): each flow of a value through the project's own code,
 * with the findings it must give (`line:column`, 1-based, of the main file unless a file is
 * named) and their related locations. Every case here was silent before the resolver and the
 * taint engine followed calls.
 */

const SQS = "import * as sqs from 'aws-cdk-lib/aws-sqs';\nimport { Construct } from 'constructs';\n";
const IAM = "import * as iam from 'aws-cdk-lib/aws-iam';\nimport * as lambda from 'aws-cdk-lib/aws-lambda';\n";

interface FlowCase extends Case {
  name: string;
  rule: Rule;
  /** `line:column` of each finding, `file:line:column` outside the main file. */
  expect: string[];
  /** Related locations the first finding must carry (`line:column` or `file:line:column`). */
  related?: string[];
}

const cases: FlowCase[] = [
  {
    name: 'helper returning props, same file',
    rule: sqsUnencrypted,
    code: `${SQS}
function queueProps() {
  return { encryption: sqs.QueueEncryption.UNENCRYPTED };
}
export function build(scope: Construct) {
  return new sqs.Queue(scope, 'Q', queueProps());
}
`,
    expect: ['5:24'],
    related: ['8:36'],
  },
  {
    name: 'helper returning props, imported from another file: the finding at the call, related to the literal',
    rule: sqsUnencrypted,
    code: `${SQS}import { queueProps } from './props';
export function build(scope: Construct) {
  return new sqs.Queue(scope, 'Q', queueProps());
}
`,
    files: {
      'lib/props.ts': `import * as sqs from 'aws-cdk-lib/aws-sqs';
export const queueProps = () => ({ retentionPeriod: undefined, encryption: sqs.QueueEncryption.UNENCRYPTED });
`,
    },
    expect: ['5:36'],
    related: ['lib/props.ts:2:76'],
  },
  {
    name: 'parameters bound from the call site, and default parameters',
    rule: sqsUnencrypted,
    code: `${SQS}
function queueProps(encryption: sqs.QueueEncryption, fifo = false, dlq = sqs.QueueEncryption.UNENCRYPTED) {
  return { encryption, fifo, deadLetter: { encryption: dlq } };
}
export function build(scope: Construct) {
  new sqs.Queue(scope, 'A', queueProps(sqs.QueueEncryption.UNENCRYPTED));
  new sqs.Queue(scope, 'B', queueProps(sqs.QueueEncryption.KMS_MANAGED));
}
`,
    expect: ['8:40'],
  },
  {
    name: 'conditional returns: both branches are followed',
    rule: sqsUnencrypted,
    code: `${SQS}
function queueProps(prod: boolean) {
  if (prod) return { encryption: sqs.QueueEncryption.KMS_MANAGED };
  return { encryption: sqs.QueueEncryption.UNENCRYPTED };
}
const devProps = (dev: boolean) => (dev ? { encryption: sqs.QueueEncryption.UNENCRYPTED } : {});
export function build(scope: Construct, prod: boolean) {
  new sqs.Queue(scope, 'A', queueProps(prod));
  new sqs.Queue(scope, 'B', devProps(!prod));
}
`,
    expect: ['6:24', '8:57'],
  },
  {
    name: 'Object.assign(defaults, overrides) and a spread of a helper result',
    rule: sqsUnencrypted,
    code: `${SQS}
const defaults = { encryption: sqs.QueueEncryption.KMS_MANAGED };
function insecure() {
  return { encryption: sqs.QueueEncryption.UNENCRYPTED };
}
export function build(scope: Construct) {
  new sqs.Queue(scope, 'A', Object.assign({}, defaults, { encryption: sqs.QueueEncryption.UNENCRYPTED }));
  new sqs.Queue(scope, 'B', { ...defaults, ...insecure() });
  new sqs.Queue(scope, 'C', Object.assign({}, insecure(), defaults));
}
`,
    expect: ['6:24', '9:71'],
    related: ['10:47'],
  },
  {
    name: 'a method of the class builds the props',
    rule: s3PublicAccess,
    code: `import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
export class Site extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new s3.Bucket(this, 'Site', this.bucketProps(true));
  }
  private bucketProps(isPublic: boolean) {
    return { publicReadAccess: isPublic };
  }
}
`,
    expect: ['6:50'],
  },
  {
    name: 'statement factory imported from a shared module, its actions passed as an argument: the finding at the literal',
    rule: iamWildcardAction,
    code: `${IAM}import { allow } from './statements';
declare const fn: lambda.Function;
fn.addToRolePolicy(allow(['s3:*'], 'arn:aws:s3:::reports/*'));
`,
    files: {
      'lib/statements.ts': `import * as iam from 'aws-cdk-lib/aws-iam';
export function allow(actions: string[], resource: string) {
  return new iam.PolicyStatement({ actions, resources: [resource] });
}
`,
    },
    expect: ['5:27'],
  },
  {
    name: 'statement factory with the wildcard written inside it: found at each use, related to the literal',
    rule: iamWildcardAction,
    code: `${IAM}import { readAll } from './statements';
declare const fn: lambda.Function;
fn.addToRolePolicy(readAll('arn:aws:dynamodb:eu-west-1:123456789012:table/orders'));
new iam.PolicyDocument({ statements: [readAll('arn:aws:dynamodb:eu-west-1:123456789012:table/users')] });
`,
    files: {
      'lib/statements.ts': `import * as iam from 'aws-cdk-lib/aws-iam';
export const readAll = (arn: string) => new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: [arn] });
`,
    },
    expect: ['5:20', '6:39', 'lib/statements.ts:2:77'],
    related: ['lib/statements.ts:2:77'],
  },
  {
    name: 'actions.concat([...]) and a spread of a helper result into actions',
    rule: iamWildcardAction,
    code: `${IAM}
const base = ['logs:CreateLogStream', 'logs:PutLogEvents'];
const extra = () => ['sqs:*'];
new iam.PolicyStatement({ actions: base.concat(['s3:*']), resources: ['arn:aws:s3:::reports/*'] });
new iam.PolicyStatement({ actions: [...base, ...extra()], resources: ['arn:aws:sqs:eu-west-1:123456789012:jobs'] });
`,
    expect: ['5:22', '6:49'],
  },
  {
    name: 'a recursive helper is bounded and gives nothing',
    rule: sqsUnencrypted,
    code: `${SQS}
function props(n: number): object {
  return n > 0 ? props(n - 1) : props(n + 1);
}
function a(): object { return b(); }
function b(): object { return a(); }
export function build(scope: Construct) {
  new sqs.Queue(scope, 'A', props(3));
  new sqs.Queue(scope, 'B', a());
}
`,
    expect: [],
  },
  {
    name: 'a helper in a file that does not parse: silent, no crash',
    rule: sqsUnencrypted,
    code: `${SQS}import { queueProps } from './broken';
export function build(scope: Construct) {
  return new sqs.Queue(scope, 'Q', queueProps());
}
`,
    files: { 'lib/broken.ts': 'export function queueProps( {\n  return { encryption: ;\n' },
    expect: [],
  },
  {
    name: 'a project re-export file gives construct identity like a direct import',
    rule: s3PublicAccess,
    code: `import { Construct } from 'constructs';
import { s3, Bucket } from './cdk';
import * as lib from './cdk';
export function build(scope: Construct) {
  new s3.Bucket(scope, 'A', { publicReadAccess: true });
  new Bucket(scope, 'B', { publicReadAccess: true });
  new lib.s3.Bucket(scope, 'C', { publicReadAccess: true });
  new lib.Storage(scope, 'D', { publicReadAccess: true });
}
`,
    files: {
      'lib/cdk.ts': `export * as s3 from 'aws-cdk-lib/aws-s3';
export { Bucket } from 'aws-cdk-lib/aws-s3';
import { aws_s3 } from 'aws-cdk-lib';
export const Storage = aws_s3.Bucket;
`,
    },
    expect: ['5:49', '6:46', '7:53', '8:51'],
  },
  // ---- Handlers: event data into callbacks --------------------------------------------------
  {
    name: 'processPartialResponse(event, recordHandler, …)',
    rule: handlerInjection,
    code: `import { exec } from 'node:child_process';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
const processor = new BatchProcessor(EventType.SQS);
const recordHandler = async (record: SQSRecord) => {
  exec(\`convert \${record.body}\`);
};
export const handler = async (event: SQSEvent, context: unknown) =>
  processPartialResponse(event, recordHandler, processor, { context });
`,
    expect: ['6:19'],
  },
  {
    name: 'Promise.all(records.map(...)), sort and reduce',
    rule: handlerInjection,
    code: `import { exec } from 'node:child_process';
export const handler = async (event: { Records: Array<{ body: string }> }) => {
  await Promise.all(event.Records.map(async (r) => exec(\`a \${r.body}\`)));
  event.Records.sort((x, y) => { exec(\`b \${y.body}\`); return 0; });
  event.Records.reduce((acc, r) => { exec(\`c \${r.body}\`); return acc; }, 0);
};
`,
    expect: ['3:62', '4:44', '5:48'],
  },
];

function where(file: string, line: number, column: number): string {
  const rel = file.replace(/^\/project\//, '');
  return rel === 'lib/stack.ts' ? `${line}:${column}` : `${rel}:${line}:${column}`;
}

describe('values built by functions (issue 17)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const { findings } = analyze(c.rule, c);
      const own = findings.filter((f) => f.ruleId === c.rule.meta.id);
      assert.deepEqual(
        own.map((f) => where(f.file, f.range.start.line + 1, f.range.start.character + 1)),
        c.expect,
        own.map((f) => `${f.message} ${JSON.stringify(f.related)}`).join('\n'),
      );
      if (c.related) {
        const related = own[0].related.map((r) => where(r.file, r.range.start.line + 1, r.range.start.character + 1));
        for (const r of c.related) assert.ok(related.includes(r), `related ${r} in ${related.join(', ')}`);
      }
    });
  }
});
