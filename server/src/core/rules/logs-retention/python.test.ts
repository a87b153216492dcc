import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/api_stack.py';
const { stack } = pyStackFixture(['from aws_cdk import aws_lambda as lambda_, aws_logs as logs'], 'ApiStack');
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);

const FN = `runtime=lambda_.Runtime.PYTHON_3_12, handler="app.lambda_handler", code=lambda_.Code.from_asset("lambda")`;

ruleTester(rule, {
  valid: [
    valid(
      'functions with a log group or a finite log_retention',
      stack(`
        group = logs.LogGroup(self, "HandlerLogs", retention=logs.RetentionDays.TWO_WEEKS)
        lambda_.Function(self, "A", ${FN}, log_group=group)
        lambda_.Function(self, "B", ${FN}, log_retention=logs.RetentionDays.ONE_WEEK)
`),
    ),
    valid(
      'log groups without retention (two years by default), or a finite retention',
      stack(`
        logs.LogGroup(self, "Default")
        logs.LogGroup(self, "Year", retention=logs.RetentionDays.ONE_YEAR)
`),
    ),
    valid(
      'imported functions and a local class called Function',
      stack(`
        lambda_.Function.from_function_name(self, "Shared", "shared-fn")
        Function(self, "Local")


class Function:
    def __init__(self, scope, name):
        pass
`),
    ),
    valid(
      'CfnLogGroup with retention_in_days',
      stack(`
        logs.CfnLogGroup(self, "L1Logs", log_group_name="/app/audit", retention_in_days=365)
`),
    ),
  ],
  invalid: [
    invalid(
      'a function with neither log_retention nor log_group: the range is the callee',
      stack(`
        lambda_.Function(self, "Handler", ${FN})
`),
      [{ at: ['lambda_.Function'], messageId: 'function' }],
    ),
    invalid(
      'log_retention=RetentionDays.INFINITE, and a LogGroup with INFINITE retention',
      stack(`
        lambda_.Function(self, "Handler", ${FN}, log_retention=logs.RetentionDays.INFINITE)
        logs.LogGroup(self, "Forever", retention=logs.RetentionDays.INFINITE)
`),
      [
        { at: ['log_retention=logs.RetentionDays.INFINITE', 'logs.RetentionDays.INFINITE'], messageId: 'infinite' },
        { at: ['"Forever", retention=logs.RetentionDays.INFINITE', 'logs.RetentionDays.INFINITE'], messageId: 'infinite' },
      ],
    ),
    invalid(
      'from aws_cdk.aws_lambda import Function, Runtime, Code; function props in a **kwargs dict',
      `from aws_cdk import Stack
from aws_cdk.aws_lambda import Code, Function, Runtime
from constructs import Construct


class ApiStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        common = {"runtime": Runtime.PYTHON_3_12, "handler": "app.lambda_handler"}
        Function(self, "Handler", code=Code.from_asset("lambda"), **common)
`,
      [{ at: ['Function(self', 'Function'], messageId: 'function' }],
    ),
    invalid(
      'log_retention INFINITE in function defaults imported from the project',
      `from aws_cdk import Stack
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from .defaults import FUNCTION_DEFAULTS


class ApiStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        lambda_.Function(self, "Handler", code=lambda_.Code.from_asset("lambda"), **FUNCTION_DEFAULTS)
`,
      [{ at: ['**FUNCTION_DEFAULTS', 'FUNCTION_DEFAULTS'], messageId: 'infinite' }],
      {
        files: {
          'stacks/defaults.py': `from aws_cdk import aws_lambda as lambda_, aws_logs as logs

FUNCTION_DEFAULTS = dict(
    runtime=lambda_.Runtime.PYTHON_3_12,
    handler="app.lambda_handler",
    log_retention=logs.RetentionDays.INFINITE,
)
`,
        },
      },
    ),
    invalid(
      'CfnLogGroup without retention_in_days (issue 16)',
      stack(`
        logs.CfnLogGroup(self, "L1Logs", log_group_name="/app/audit")
`),
      [{ at: ['logs.CfnLogGroup(self', 'logs.CfnLogGroup'], messageId: 'noRetentionL1' }],
    ),
  ],
});
