import { ruleTester, type InvalidCase } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import { typeCheckFixOutputs } from '../../../test/fixOutputs';
import rule from './rule';

/** `stack(body)`: the body's first line is line 8 of the file. */
const { stack } = stackFixture(["import * as sns from 'aws-cdk-lib/aws-sns';"], 'TopicStack');

const MISSING = 'This topic accepts requests over plain HTTP. Add enforceSSL: true so its policy denies requests without TLS.';
const DISABLED = 'enforceSSL: false lets clients reach this topic over plain HTTP. Set enforceSSL: true.';
const TITLE = 'Deny plain HTTP (enforceSSL: true)';

const JS = (props: string) => `const cdk = require('aws-cdk-lib');
const { Topic } = require('aws-cdk-lib/aws-sns');

class TopicStack extends cdk.Stack {
  constructor(scope, id) {
    super(scope, id);
    new Topic(this, 'Jobs'${props});
  }
}

module.exports = { TopicStack };
`;

const invalid: InvalidCase[] = [
  {
    name: 'two topics without enforceSSL: both reported at their heads, the fix is preferred',
    code: stack(`
    const dlq = new sns.Topic(this, 'Dead');
    new sns.Topic(this, 'Jobs', {
      displayName: 'Jobs',
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
    const dlq = new sns.Topic(this, 'Dead', { enforceSSL: true });
    new sns.Topic(this, 'Jobs', {
      displayName: 'Jobs',
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
    const dlq = new sns.Topic(this, 'Dead');
    new sns.Topic(this, 'Jobs', {
      displayName: 'Jobs',
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
    new sns.Topic(this, 'Orders', { ...common });
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
    new sns.Topic(this, 'Orders', { ...common });
`),
          },
        ],
      },
    ],
  },
  {
    name: 'root barrel: cdk.aws_sns.Topic',
    code: `import * as cdk from 'aws-cdk-lib';

export function topics(stack: cdk.Stack) {
  new cdk.aws_sns.Topic(stack, 'A');
}
`,
    errors: [{ line: 4, column: 3, endLine: 4, endColumn: 24 }],
  },
  {
    name: 'CDK v1 @aws-cdk/aws-sns: reported, with no enforceSSL fix (v1 topics have no such property)',
    code: `import * as cdk from '@aws-cdk/core';
import { Topic } from '@aws-cdk/aws-sns';

export class LegacyStack extends cdk.Stack {
  constructor(scope: cdk.Construct, id: string) {
    super(scope, id);
    new Topic(this, 'Legacy');
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
          "This topic accepts requests over plain HTTP. CDK v1 has no enforceSSL: add a policy statement that denies sns:Publish when aws:SecureTransport is 'false'.",
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
    new sns.Topic(this, 'Jobs', { enforceSSL: true });
    const secure = { enforceSSL: true };
    new sns.Topic(this, 'Dead', { ...secure, displayName: 'Dead' });
`),
    },
    {
      name: 'imported topics, props the analysis cannot see, a local class called Topic',
      code: `import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

class Topic {
  constructor(readonly scope: Construct, readonly id: string) {}
}

export function topics(scope: Construct, props: sns.TopicProps) {
  sns.Topic.fromTopicArn(scope, 'Shared', 'arn:aws:sns:eu-west-1:123456789012:shared');
  new sns.Topic(scope, 'A', props);
  new Topic(scope, 'Local');
}
`,
    },
  ],
  invalid,
});

typeCheckFixOutputs(rule.meta.id, invalid);
