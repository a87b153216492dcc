import { ruleTester, type InvalidCase } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import { typeCheckFixOutputs } from '../../../test/fixOutputs';
import rule from './rule';

/** `stack(body)`: the body's first line is line 8 of the file. */
const { stack } = stackFixture(["import * as sqs from 'aws-cdk-lib/aws-sqs';"], 'QueueStack');

const MESSAGE =
  'QueueEncryption.UNENCRYPTED stores messages without server-side encryption. Use QueueEncryption.SQS_MANAGED (the default), or KMS with a customer-managed key.';

const invalid: InvalidCase[] = [
  {
    name: 'encryption: QueueEncryption.UNENCRYPTED',
    code: stack(`
    new sqs.Queue(this, 'Jobs', {
      encryption: sqs.QueueEncryption.UNENCRYPTED,
      visibilityTimeout: cdk.Duration.minutes(5),
    });
`),
    errors: [
      {
        line: 9,
        column: 19,
        endLine: 9,
        endColumn: 50,
        message: MESSAGE,
        fixes: [
          {
            title: 'Use QueueEncryption.SQS_MANAGED',
            isPreferred: true,
            output: stack(`
    new sqs.Queue(this, 'Jobs', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      visibilityTimeout: cdk.Duration.minutes(5),
    });
`),
          },
        ],
      },
    ],
  },
  {
    name: 'a dead-letter queue whose props come from a shared const, with shorthand',
    code: stack(`
    const encryption = sqs.QueueEncryption.UNENCRYPTED;
    const queueDefaults = { encryption, retentionPeriod: cdk.Duration.days(14) };
    const deadLetters = new sqs.Queue(this, 'DeadLetters', queueDefaults);
    new sqs.Queue(this, 'Orders', { deadLetterQueue: { queue: deadLetters, maxReceiveCount: 3 } });
`),
    errors: [
      {
        line: 8,
        column: 24,
        endLine: 8,
        endColumn: 55,
        related: [{ line: 10, column: 60, message: 'Used here' }],
        fixes: [
          {
            output: stack(`
    const encryption = sqs.QueueEncryption.UNENCRYPTED;
    const queueDefaults = { encryption: sqs.QueueEncryption.SQS_MANAGED, retentionPeriod: cdk.Duration.days(14) };
    const deadLetters = new sqs.Queue(this, 'DeadLetters', queueDefaults);
    new sqs.Queue(this, 'Orders', { deadLetterQueue: { queue: deadLetters, maxReceiveCount: 3 } });
`),
          },
        ],
      },
    ],
  },
  {
    name: 'named import; barrel; CDK v1',
    code: `import * as cdk from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import * as legacy from '@aws-cdk/aws-sqs';

export function queues(stack: cdk.Stack) {
  new Queue(stack, 'A', { encryption: QueueEncryption.UNENCRYPTED });
  new cdk.aws_sqs.Queue(stack, 'B', { encryption: cdk.aws_sqs.QueueEncryption.UNENCRYPTED });
  new legacy.Queue(stack as never, 'C', { encryption: legacy.QueueEncryption.UNENCRYPTED });
}
`,
    errors: [
      { line: 6, column: 39, endLine: 6, endColumn: 66 },
      { line: 7, column: 51, endLine: 7, endColumn: 90 },
      { line: 8, column: 55, endLine: 8, endColumn: 89 },
    ],
  },
  {
    name: 'require() in a JavaScript app',
    filename: 'lib/queues.js',
    code: `const { aws_sqs: sqs } = require('aws-cdk-lib');

function jobsQueue(scope) {
  return new sqs.Queue(scope, 'Jobs', { encryption: sqs.QueueEncryption.UNENCRYPTED });
}

module.exports = { jobsQueue };
`,
    errors: [
      {
        line: 4,
        column: 53,
        endLine: 4,
        endColumn: 84,
        fixes: [
          {
            output: `const { aws_sqs: sqs } = require('aws-cdk-lib');

function jobsQueue(scope) {
  return new sqs.Queue(scope, 'Jobs', { encryption: sqs.QueueEncryption.SQS_MANAGED });
}

module.exports = { jobsQueue };
`,
          },
        ],
      },
    ],
  },
  {
    name: 'CfnQueue with sqsManagedSseEnabled: false and no kmsMasterKeyId (issue 16): the fix removes it',
    code: stack(`
    new sqs.CfnQueue(this, 'Plain', { queueName: 'plain', sqsManagedSseEnabled: false });
`),
    errors: [
      {
        line: 8,
        column: 81,
        endLine: 8,
        endColumn: 86,
        messageId: 'sseOff',
        fixes: [
          {
            title: 'Use SSE-SQS (remove sqsManagedSseEnabled: false)',
            isPreferred: true,
            output: stack(`
    new sqs.CfnQueue(this, 'Plain', { queueName: 'plain' });
`),
          },
        ],
      },
    ],
  },
];

ruleTester(rule, {
  valid: [
    {
      name: 'no encryption (SSE-SQS by default), SQS_MANAGED, KMS',
      code: stack(`
    new sqs.Queue(this, 'Default');
    new sqs.Queue(this, 'Managed', { encryption: sqs.QueueEncryption.SQS_MANAGED });
    new sqs.Queue(this, 'Kms', { encryption: sqs.QueueEncryption.KMS_MANAGED });
`),
    },
    {
      name: 'an encryption setting passed in',
      code: `import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export function queue(scope: Construct, encryption: sqs.QueueEncryption) {
  return new sqs.Queue(scope, 'Q', { encryption });
}
`,
    },
    {
      name: 'CfnQueue: neither property (SSE-SQS by default), SSE-SQS on, SSE-SQS off with a KMS key',
      code: stack(`
    new sqs.CfnQueue(this, 'Default');
    new sqs.CfnQueue(this, 'Named', { queueName: 'named' });
    new sqs.CfnQueue(this, 'Managed', { sqsManagedSseEnabled: true });
    new sqs.CfnQueue(this, 'Kms', { sqsManagedSseEnabled: false, kmsMasterKeyId: 'alias/orders' });
`),
    },
  ],
  invalid,
});

typeCheckFixOutputs(rule.meta.id, invalid);
