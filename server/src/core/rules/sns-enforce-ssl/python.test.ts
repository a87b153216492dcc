import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/alerts_stack.py';
const { stack } = pyStackFixture(['from aws_cdk import aws_sns as sns'], 'AlertsStack');
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);

ruleTester(rule, {
  valid: [
    valid(
      'enforce_ssl=True, inline and from a module constant; an imported topic; props the analysis cannot see',
      `from aws_cdk import Stack, aws_sns as sns
from constructs import Construct

SSL = True


class AlertsStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        sns.Topic(self, "Alerts", enforce_ssl=True)
        sns.Topic(self, "Audit", enforce_ssl=SSL)
        sns.Topic.from_topic_arn(self, "Existing", "arn:aws:sns:us-east-1:123456789012:existing")
        sns.Topic(self, "Passed", **kwargs)
`,
    ),
  ],
  invalid: [
    invalid(
      'a topic without enforce_ssl: the range is the callee',
      stack(`
        sns.Topic(self, "Alerts", display_name="Order alerts")
`),
      [{ at: ['sns.Topic'], messageId: 'missing' }],
    ),
    invalid(
      'enforce_ssl=False in a **kwargs dict: the range is the value',
      stack(`
        common = {"display_name": "Audit", "enforce_ssl": False}
        sns.Topic(self, "Audit", **common)
`),
      [{ at: ['"enforce_ssl": False', 'False'], messageId: 'disabled' }],
    ),
    invalid(
      'from aws_cdk.aws_sns import Topic; import aws_cdk.aws_sns as sns',
      `import aws_cdk.aws_sns as sns
from aws_cdk import Stack
from aws_cdk.aws_sns import Topic
from constructs import Construct


class AlertsStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        Topic(self, "A", enforce_ssl=False)
        sns.Topic(self, "B")
`,
      [
        { at: ['enforce_ssl=False', 'False'], messageId: 'disabled' },
        { at: ['sns.Topic(self', 'sns.Topic'], messageId: 'missing' },
      ],
    ),
    invalid(
      'CDK v1: from aws_cdk import core, aws_sns',
      `from aws_cdk import core
from aws_cdk import aws_sns


class AlertsStack(core.Stack):
    def __init__(self, scope: core.Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        aws_sns.Topic(self, "Alerts")
`,
      [{ at: ['aws_sns.Topic(self', 'aws_sns.Topic'], messageId: 'missingV1' }],
    ),
  ],
});
