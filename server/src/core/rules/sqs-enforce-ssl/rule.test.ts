import { ruleTester, type InvalidCase } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import { typeCheckFixOutputs } from '../../../test/fixOutputs';
import rule from './rule';

/** `stack(body)`: the body's first line is line 8 of the file. */
const { stack } = stackFixture(["import * as sqs from 'aws-cdk-lib/aws-sqs';"], 'QueueStack');

const MISSING = 'This queue accepts requests over plain HTTP. Add enforceSSL: true so its policy denies requests without TLS.';
const DISABLED = 'enforceSSL: false lets clients reach this queue over plain HTTP. Set enforceSSL: true.';
const TITLE = 'Deny plain HTTP (enforceSSL: true)';

const JS = (props: string) => `const cdk = require('aws-cdk-lib');
const { Queue } = require('aws-cdk-lib/aws-sqs');

class QueueStack extends cdk.Stack {
  constructor(scope, id) {
    super(scope, id);
    new Queue(this, 'Jobs'${props});
  }
}

module.exports = { QueueStack };
`;

const invalid: InvalidCase[] = [
  {
    name: 'a queue and its dead-letter queue without enforceSSL: both reported at their heads, the fix is preferred',
    code: stack(`
    const dlq = new sqs.Queue(this, 'Dead');
    new sqs.Queue(this, 'Jobs', {
      deadLetterQueue: { queue: dlq, maxReceiveCount: 3 },
    });
`),
    errors: [
      {
        line: 8,
        column: 17,
        endLine: 8,
        endColumn: 30,
        message: MISSING,
        fixes: [
          {
            title: TITLE,
            isPreferred: true,
            output: stack(`
    const dlq = new sqs.Queue(this, 'Dead', { enforceSSL: true });
    new sqs.Queue(this, 'Jobs', {
      deadLetterQueue: { queue: dlq, maxReceiveCount: 3 },
    });
`),
          },
        ],
      },
      {
        line: 9,
        column: 5,
        endLine: 9,
        endColumn: 18,
        message: MISSING,
        fixes: [
          {
            title: TITLE,
            isPreferred: true,
            output: stack(`
    const dlq = new sqs.Queue(this, 'Dead');
    new sqs.Queue(this, 'Jobs', {
      deadLetterQueue: { queue: dlq, maxReceiveCount: 3 },
      enforceSSL: true,
    });
`),
          },
        ],
      },
    ],
  },
  {
    name: 'enforceSSL: false, through shared props',
    code: stack(`
    const common = { enforceSSL: false, fifo: true };
    new sqs.Queue(this, 'Orders', { ...common });
`),
    errors: [
      {
        line: 8,
        column: 34,
        endLine: 8,
        endColumn: 39,
        message: DISABLED,
        related: [{ file: 'lib/stack.ts', line: 9, column: 40, message: 'Used here' }],
        fixes: [
          {
            title: TITLE,
            isPreferred: true,
            output: stack(`
    const common = { enforceSSL: true, fifo: true };
    new sqs.Queue(this, 'Orders', { ...common });
`),
          },
        ],
      },
    ],
  },
  {
    name: 'root barrel: cdk.aws_sqs.Queue',
    code: `import * as cdk from 'aws-cdk-lib';

export function queues(stack: cdk.Stack) {
  new cdk.aws_sqs.Queue(stack, 'A');
}
`,
    errors: [{ line: 4, column: 3, endLine: 4, endColumn: 24 }],
  },
  {
    name: 'CDK v1 @aws-cdk/aws-sqs: reported, with no enforceSSL fix (v1 queues have no such property)',
    code: `import * as cdk from '@aws-cdk/core';
import { Queue } from '@aws-cdk/aws-sqs';

export class LegacyStack extends cdk.Stack {
  constructor(scope: cdk.Construct, id: string) {
    super(scope, id);
    new Queue(this, 'Legacy');
  }
}
`,
    errors: [
      {
        line: 7,
        column: 5,
        endLine: 7,
        endColumn: 14,
        messageId: 'missingV1',
        message:
          "This queue accepts requests over plain HTTP. CDK v1 has no enforceSSL: add a policy statement that denies sqs:* when aws:SecureTransport is 'false'.",
        fixes: [],
      },
    ],
  },
  {
    name: 'require() in a JavaScript app',
    filename: 'lib/stack.js',
    code: JS(''),
    errors: [{ line: 7, column: 5, endLine: 7, endColumn: 14, fixes: [{ output: JS(', { enforceSSL: true }') }] }],
  },
];

ruleTester(rule, {
  valid: [
    {
      name: 'enforceSSL: true, inline and through shared props',
      code: stack(`
    new sqs.Queue(this, 'Jobs', { enforceSSL: true });
    const secure = { enforceSSL: true };
    new sqs.Queue(this, 'Dead', { ...secure, retentionPeriod: cdk.Duration.days(14) });
`),
    },
    {
      name: 'imported queues, props the analysis cannot see, a local class called Queue',
      code: `import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

class Queue {
  constructor(readonly scope: Construct, readonly id: string) {}
}

export function queues(scope: Construct, props: sqs.QueueProps) {
  sqs.Queue.fromQueueArn(scope, 'Shared', 'arn:aws:sqs:eu-west-1:123456789012:shared');
  new sqs.Queue(scope, 'A', props);
  new Queue(scope, 'Local');
}
`,
    },
  ],
  invalid,
});

typeCheckFixOutputs(rule.meta.id, invalid);
