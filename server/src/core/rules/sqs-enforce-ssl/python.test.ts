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
      'enforce_ssl=True, inline and through a **kwargs dict; an imported queue; a local class called Queue',
      stack(`
        sqs.Queue(self, "Jobs", enforce_ssl=True)
        secure = {"enforce_ssl": True}
        sqs.Queue(self, "Dead", **secure)
        sqs.Queue.from_queue_arn(self, "Existing", "arn:aws:sqs:us-east-1:123456789012:existing")


class Queue:
    def __init__(self, scope, name):
        pass


def make(scope):
    return Queue(scope, "NotAQueue")
`),
    ),
  ],
  invalid: [
    invalid(
      'a queue and its dead-letter queue without enforce_ssl: the range is the callee',
      stack(`
        dlq = sqs.Queue(self, "Dead")
        sqs.Queue(self, "Jobs", dead_letter_queue=sqs.DeadLetterQueue(max_receive_count=3, queue=dlq))
`),
      [
        { at: ['sqs.Queue(self, "Dead"', 'sqs.Queue'], messageId: 'missing' },
        { at: ['sqs.Queue(self, "Jobs"', 'sqs.Queue'], messageId: 'missing' },
      ],
    ),
    invalid(
      'enforce_ssl=False: the range is the value',
      stack(`
        sqs.Queue(self, "Jobs", enforce_ssl=False)
`),
      [{ at: ['enforce_ssl=False', 'False'], messageId: 'disabled' }],
    ),
    invalid(
      'from aws_cdk.aws_sqs import Queue; import aws_cdk as cdk then cdk.aws_sqs.Queue',
      `import aws_cdk as cdk
from aws_cdk.aws_sqs import Queue
from constructs import Construct


class QueueStack(cdk.Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        Queue(self, "A", visibility_timeout=cdk.Duration.seconds(30))
        cdk.aws_sqs.Queue(self, "B", enforce_ssl=False)
`,
      [
        { at: ['Queue(self, "A"', 'Queue'], messageId: 'missing' },
        { at: ['enforce_ssl=False', 'False'], messageId: 'disabled' },
      ],
    ),
    invalid(
      'CDK v1: from aws_cdk import core, aws_sqs (no enforce_ssl there: the message says which statement to add)',
      `from aws_cdk import core
from aws_cdk import aws_sqs


class QueueStack(core.Stack):
    def __init__(self, scope: core.Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        aws_sqs.Queue(self, "Jobs")
`,
      [{ at: ['aws_sqs.Queue(self', 'aws_sqs.Queue'], messageId: 'missingV1' }],
    ),
  ],
});
