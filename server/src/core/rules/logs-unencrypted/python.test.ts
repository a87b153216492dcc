import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/logs_stack.py';
const { stack } = pyStackFixture(['from aws_cdk import aws_kms as kms, aws_logs as logs'], 'LogsStack');
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);

ruleTester(rule, {
  valid: [
    valid(
      'log groups with an encryption key, inline and from a **kwargs dict',
      stack(`
        key = kms.Key(self, "LogsKey", enable_key_rotation=True)
        logs.LogGroup(self, "A", encryption_key=key)
        shared = {"encryption_key": key, "retention": logs.RetentionDays.ONE_MONTH}
        logs.LogGroup(self, "B", **shared)
`),
    ),
    valid(
      'CfnLogGroup with kms_key_id',
      stack(`
        key = kms.Key(self, "LogsKey", enable_key_rotation=True)
        logs.CfnLogGroup(self, "L1Logs", kms_key_id=key.key_arn)
`),
    ),
  ],
  invalid: [
    invalid(
      'a log group without encryption_key: the range is the callee',
      stack(`
        logs.LogGroup(self, "Audit", retention=logs.RetentionDays.ONE_YEAR)
`),
      [{ at: ['logs.LogGroup'], messageId: 'missing' }],
    ),
    invalid(
      'from aws_cdk.aws_logs import LogGroup; cdk.aws_logs through import aws_cdk as cdk',
      `import aws_cdk as cdk
from aws_cdk.aws_logs import LogGroup
from constructs import Construct


class LogsStack(cdk.Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        LogGroup(self, "A")
        cdk.aws_logs.LogGroup(self, "B")
`,
      [
        { at: ['LogGroup(self, "A"', 'LogGroup'], messageId: 'missing' },
        { at: ['cdk.aws_logs.LogGroup'], messageId: 'missing' },
      ],
    ),
    invalid(
      'CfnLogGroup without kms_key_id (issue 16)',
      stack(`
        logs.CfnLogGroup(self, "L1Logs", log_group_name="/app/audit", retention_in_days=30)
`),
      [{ at: ['logs.CfnLogGroup(self', 'logs.CfnLogGroup'], messageId: 'missingL1' }],
    ),
  ],
});
