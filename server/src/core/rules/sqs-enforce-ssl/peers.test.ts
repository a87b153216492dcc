import { ruleTester } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import rule from './rule';

/**
 * cdk-nag's own cases for AwsSolutions-SQS4 (SQSQueueSSLRequestsOnly, cdklabs/cdk-nag
 * test/rules/SQS.test.ts), named after them. `stack(body)`: the body's first line is line 9.
 */
const { stack } = stackFixture(
  ["import * as iam from 'aws-cdk-lib/aws-iam';", "import * as sqs from 'aws-cdk-lib/aws-sqs';"],
  'QueueStack',
);

ruleTester(rule, {
  valid: [
    {
      name: 'cdk-nag SQS4 Compliance: a deny on aws:SecureTransport added with addToResourcePolicy (the statement CDK v1 apps write)',
      code: stack(`
    new sqs.Queue(this, 'Queue2').addToResourcePolicy(
      new iam.PolicyStatement({
        actions: ['sqs:GetQueueUrl', '*'],
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        conditions: { Bool: { 'aws:SecureTransport': 'false' } },
        resources: ['foo'],
      }),
    );
    const jobs = new sqs.Queue(this, 'Jobs');
    jobs.addToResourcePolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        actions: ['sqs:*'],
        principals: [new iam.AnyPrincipal()],
        resources: [jobs.queueArn],
        conditions: { Bool: { 'aws:SecureTransport': false } },
      }),
    );
`),
    },
  ],
  invalid: [
    {
      name: 'cdk-nag SQS4 Noncompliance 1: a queue with no policy',
      code: stack(`
    new sqs.Queue(this, 'Queue');
`),
      errors: [{ messageId: 'missing', line: 9, column: 5, endLine: 9, endColumn: 18 }],
    },
    {
      name: 'an Allow on aws:SecureTransport false, or a deny without the condition, does not count',
      code: stack(`
    const a = new sqs.Queue(this, 'A');
    a.addToResourcePolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.ALLOW,
        actions: ['sqs:*'],
        principals: [new iam.AnyPrincipal()],
        resources: [a.queueArn],
        conditions: { Bool: { 'aws:SecureTransport': false } },
      }),
    );
    const b = new sqs.Queue(this, 'B');
    b.addToResourcePolicy(
      new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['sqs:DeleteQueue'], principals: [new iam.AnyPrincipal()], resources: [b.queueArn] }),
    );
`),
      errors: [
        { messageId: 'missing', line: 9, column: 15, endLine: 9, endColumn: 28 },
        { messageId: 'missing', line: 19, column: 15, endLine: 19, endColumn: 28 },
      ],
    },
    {
      // cdk-nag SQS4 also accepts a CfnQueuePolicy naming the queue; the catalog does not judge
      // CfnQueuePolicy-only setups and still asks for enforceSSL on the queue.
      name: 'cdk-nag SQS4 Compliance (differs): a queue whose deny lives only in a CfnQueuePolicy',
      code: stack(`
    const queue3 = new sqs.Queue(this, 'Queue3', { queueName: 'queue3' });
    new sqs.CfnQueuePolicy(this, 'QueuePolicy3', {
      queues: ['queue3'],
      policyDocument: {
        Statement: [
          { Action: ['sqs:*'], Effect: 'Deny', Principal: { AWS: ['*'] }, Resource: queue3.queueArn, Condition: { Bool: { 'aws:SecureTransport': false } } },
        ],
      },
    });
`),
      errors: [{ messageId: 'missing', line: 9, column: 20, endLine: 9, endColumn: 33 }],
    },
  ],
});
