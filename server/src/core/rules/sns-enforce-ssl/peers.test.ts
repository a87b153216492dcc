import { ruleTester } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import rule from './rule';

/**
 * cdk-nag's own cases for AwsSolutions-SNS3 (SNSTopicSSLPublishOnly, cdklabs/cdk-nag
 * test/rules/SNS.test.ts), named after them. `stack(body)`: the body's first line is line 9.
 */
const { stack } = stackFixture(
  ["import * as iam from 'aws-cdk-lib/aws-iam';", "import * as sns from 'aws-cdk-lib/aws-sns';"],
  'TopicStack',
);

ruleTester(rule, {
  valid: [
    {
      name: 'cdk-nag SNS3 Compliance: a deny on aws:SecureTransport added with addToResourcePolicy (the statement CDK v1 apps write)',
      code: stack(`
    new sns.Topic(this, 'Topic2').addToResourcePolicy(
      new iam.PolicyStatement({
        actions: ['sns:Subscribe', '*'],
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        conditions: { Bool: { 'aws:SecureTransport': 'false' } },
        resources: ['foo'],
      }),
    );
    const jobs = new sns.Topic(this, 'Jobs');
    jobs.addToResourcePolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        actions: ['sns:Publish'],
        principals: [new iam.AnyPrincipal()],
        resources: [jobs.topicArn],
        conditions: { Bool: { 'aws:SecureTransport': false } },
      }),
    );
`),
    },
  ],
  invalid: [
    {
      name: 'cdk-nag SNS3 Noncompliance 1: a topic with no policy',
      code: stack(`
    new sns.Topic(this, 'Topic');
`),
      errors: [{ messageId: 'missing', line: 9, column: 5, endLine: 9, endColumn: 18 }],
    },
    {
      name: 'an Allow on aws:SecureTransport false, or a deny without the condition, does not count',
      code: stack(`
    const a = new sns.Topic(this, 'A');
    a.addToResourcePolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.ALLOW,
        actions: ['sns:Publish'],
        principals: [new iam.AnyPrincipal()],
        resources: [a.topicArn],
        conditions: { Bool: { 'aws:SecureTransport': false } },
      }),
    );
    const b = new sns.Topic(this, 'B');
    b.addToResourcePolicy(
      new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['sns:DeleteTopic'], principals: [new iam.AnyPrincipal()], resources: [b.topicArn] }),
    );
`),
      errors: [
        { messageId: 'missing', line: 9, column: 15, endLine: 9, endColumn: 28 },
        { messageId: 'missing', line: 19, column: 15, endLine: 19, endColumn: 28 },
      ],
    },
    {
      // cdk-nag SNS3 also accepts a CfnTopicPolicy naming the topic; the catalog does not judge
      // CfnTopicPolicy-only setups and still asks for enforceSSL on the topic.
      name: 'cdk-nag SNS3 Compliance (differs): a topic whose deny lives only in a CfnTopicPolicy',
      code: stack(`
    const topic3 = new sns.Topic(this, 'Topic3', { topicName: 'topic3' });
    new sns.CfnTopicPolicy(this, 'TopicPolicy3', {
      topics: [topic3.topicArn],
      policyDocument: {
        Statement: [
          { Action: ['sns:Publish'], Effect: 'Deny', Principal: { AWS: ['*'] }, Resource: topic3.topicArn, Condition: { Bool: { 'aws:SecureTransport': false } } },
        ],
      },
    });
`),
      errors: [{ messageId: 'missing', line: 9, column: 20, endLine: 9, endColumn: 33 }],
    },
  ],
});
