import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/sharing_stack.py';
const { stack } = pyStackFixture(
  [
    'from aws_cdk import aws_iam as iam',
    'from aws_cdk import aws_sqs as sqs',
    'from aws_cdk import aws_sns as sns',
    'from aws_cdk import aws_s3 as s3',
    'from aws_cdk import aws_secretsmanager as secretsmanager',
  ],
  'SharingStack',
);
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);

ruleTester(rule, {
  valid: [
    valid(
      'a * principal narrowed by aws:SourceArn, a Deny statement, a service principal',
      stack(`
        topic = sns.Topic(self, "Orders")
        queue = sqs.Queue(self, "Jobs")
        queue.add_to_resource_policy(iam.PolicyStatement(
            principals=[iam.AnyPrincipal()],
            actions=["sqs:SendMessage"],
            resources=[queue.queue_arn],
            conditions={"ArnEquals": {"aws:SourceArn": topic.topic_arn}},
        ))
        queue.add_to_resource_policy(iam.PolicyStatement(
            effect=iam.Effect.DENY,
            principals=[iam.AnyPrincipal()],
            actions=["sqs:*"],
            conditions={"Bool": {"aws:SecureTransport": "false"}},
        ))
        topic.grant_publish(iam.ServicePrincipal("events.amazonaws.com"))
`),
    ),
  ],
  invalid: [
    invalid(
      'add_to_resource_policy with AnyPrincipal, a grant to StarPrincipal, a CfnBucketPolicy document',
      stack(`
        queue = sqs.Queue(self, "Jobs")
        queue.add_to_resource_policy(iam.PolicyStatement(principals=[iam.AnyPrincipal()], actions=["sqs:SendMessage"], resources=[queue.queue_arn]))
        secret = secretsmanager.Secret(self, "Token")
        secret.grant_read(iam.StarPrincipal())
        s3.CfnBucketPolicy(self, "Policy", bucket="files", policy_document={
            "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::files/*"}],
        })
`),
      [
        { at: ['iam.AnyPrincipal()'], messageId: 'statement' },
        { at: ['iam.StarPrincipal()'], messageId: 'grant' },
        { at: ['{"AWS": "*"}', '"*"'], messageId: 'statement' },
      ],
    ),
    invalid(
      'CDK v1: from aws_cdk import core, aws_iam, aws_sns',
      `from aws_cdk import core
from aws_cdk import aws_iam
from aws_cdk import aws_sns


class SharingStack(core.Stack):
    def __init__(self, scope: core.Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        topic = aws_sns.Topic(self, "Events")
        topic.grant_publish(aws_iam.AnyPrincipal())
`,
      [{ at: ['aws_iam.AnyPrincipal()'], messageId: 'grant' }],
    ),
  ],
});
