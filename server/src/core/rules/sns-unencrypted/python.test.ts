import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/alerts_stack.py';
const { stack } = pyStackFixture(['from aws_cdk import aws_kms as kms, aws_sns as sns'], 'AlertsStack');
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);

ruleTester(rule, {
  valid: [
    valid(
      'a new key, an AWS managed key by alias, a key from a **kwargs dict',
      stack(`
        key = kms.Key(self, "AlertsKey", enable_key_rotation=True)
        sns.Topic(self, "Alerts", master_key=key)
        sns.Topic(self, "Managed", master_key=kms.Alias.from_alias_name(self, "SnsKey", "alias/aws/sns"))
        encrypted = {"master_key": key}
        sns.Topic(self, "Shared", **encrypted)
`),
    ),
    valid(
      'imported topics',
      stack(`
        sns.Topic.from_topic_arn(self, "Existing", "arn:aws:sns:us-east-1:111122223333:alerts")
`),
    ),
    valid(
      'CfnTopic with kms_master_key_id',
      stack(`
        sns.CfnTopic(self, "L1Alerts", kms_master_key_id="alias/aws/sns")
`),
    ),
  ],
  invalid: [
    invalid(
      'a topic without master_key, with and without props: the range is the callee',
      stack(`
        sns.Topic(self, "Alerts", display_name="Alerts")
        self.audit = sns.Topic(self, "Audit")
`),
      [
        { at: ['sns.Topic(self, "Alerts"', 'sns.Topic'], messageId: 'missing' },
        { at: ['sns.Topic(self, "Audit"', 'sns.Topic'], messageId: 'missing' },
      ],
    ),
    invalid(
      'from aws_cdk.aws_sns import Topic; CDK v1',
      `from aws_cdk import core
from aws_cdk.aws_sns import Topic


class AlertsStack(core.Stack):
    def __init__(self, scope: core.Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        Topic(self, "Alerts")
`,
      [{ at: ['Topic(self', 'Topic'], messageId: 'missing' }],
    ),
    invalid(
      'CfnTopic without kms_master_key_id (issue 16)',
      stack(`
        sns.CfnTopic(self, "L1Alerts", topic_name="alerts")
`),
      [{ at: ['sns.CfnTopic(self', 'sns.CfnTopic'], messageId: 'missingL1' }],
    ),
  ],
});
