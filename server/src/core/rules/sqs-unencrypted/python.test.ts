import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/queue_stack.py';
const { stack } = pyStackFixture(['from aws_cdk import aws_sqs as sqs'], 'QueueStack');
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);

ruleTester(rule, {
  valid: [
    valid(
      'no encryption (SSE-SQS by default), SQS_MANAGED and KMS',
      stack(`
        sqs.Queue(self, "Default")
        sqs.Queue(self, "Managed", encryption=sqs.QueueEncryption.SQS_MANAGED)
        sqs.Queue(self, "Kms", encryption=sqs.QueueEncryption.KMS)
`),
    ),
    valid(
      'an encryption setting passed in',
      stack(`
        sqs.Queue(self, "Passed", encryption=self.node.try_get_context("encryption"))
`),
    ),
    valid(
      'CfnQueue: neither property (SSE-SQS by default), SSE-SQS on, SSE-SQS off with a KMS key',
      stack(`
        sqs.CfnQueue(self, "Default")
        sqs.CfnQueue(self, "Managed", sqs_managed_sse_enabled=True)
        sqs.CfnQueue(self, "Kms", sqs_managed_sse_enabled=False, kms_master_key_id="alias/orders")
`),
    ),
  ],
  invalid: [
    invalid(
      'encryption=QueueEncryption.UNENCRYPTED',
      stack(`
        sqs.Queue(self, "Jobs", encryption=sqs.QueueEncryption.UNENCRYPTED, visibility_timeout=Duration.seconds(30))
`).replace('from aws_cdk import Stack', 'from aws_cdk import Duration, Stack'),
      [{ at: ['sqs.QueueEncryption.UNENCRYPTED'], messageId: 'unencrypted' }],
    ),
    invalid(
      'a dead-letter queue whose props come from a **kwargs dict',
      stack(`
        dlq_props = {"encryption": sqs.QueueEncryption.UNENCRYPTED}
        dlq = sqs.Queue(self, "Dlq", **dlq_props)
        sqs.Queue(self, "Jobs", dead_letter_queue=sqs.DeadLetterQueue(max_receive_count=3, queue=dlq))
`),
      [{ at: ['sqs.QueueEncryption.UNENCRYPTED'], messageId: 'unencrypted' }],
    ),
    invalid(
      'from aws_cdk.aws_sqs import Queue, QueueEncryption; import aws_cdk.aws_sqs as sqs',
      `import aws_cdk.aws_sqs as sqs
from aws_cdk import Stack
from aws_cdk.aws_sqs import Queue, QueueEncryption
from constructs import Construct


class QueueStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        Queue(self, "A", encryption=QueueEncryption.UNENCRYPTED)
        sqs.Queue(self, "B", encryption=sqs.QueueEncryption.UNENCRYPTED)
`,
      [
        { at: ['QueueEncryption.UNENCRYPTED)', 'QueueEncryption.UNENCRYPTED'], messageId: 'unencrypted' },
        { at: ['sqs.QueueEncryption.UNENCRYPTED'], messageId: 'unencrypted' },
      ],
    ),
    invalid(
      'CDK v1: from aws_cdk import core, aws_sqs',
      `from aws_cdk import core
from aws_cdk import aws_sqs


class QueueStack(core.Stack):
    def __init__(self, scope: core.Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        aws_sqs.Queue(self, "Jobs", encryption=aws_sqs.QueueEncryption.UNENCRYPTED)
`,
      [{ at: ['aws_sqs.QueueEncryption.UNENCRYPTED'], messageId: 'unencrypted' }],
    ),
    invalid(
      'CfnQueue with sqs_managed_sse_enabled=False and no kms_master_key_id (issue 16)',
      stack(`
        sqs.CfnQueue(self, "Plain", queue_name="plain", sqs_managed_sse_enabled=False)
`),
      [{ at: ['sqs_managed_sse_enabled=False', 'False'], messageId: 'sseOff' }],
    ),
  ],
});
