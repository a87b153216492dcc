import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/api_stack.py';
const { stack } = pyStackFixture(['from aws_cdk import aws_lambda as lambda_'], 'ApiStack');
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);

ruleTester(rule, {
  valid: [
    valid(
      'current runtimes, NODEJS_LATEST and a current CfnFunction string',
      stack(`
        lambda_.Function(self, "A", runtime=lambda_.Runtime.PYTHON_3_12, handler="app.handler", code=lambda_.Code.from_asset("a"))
        lambda_.Function(self, "B", runtime=lambda_.Runtime.NODEJS_LATEST, handler="index.handler", code=lambda_.Code.from_asset("b"))
        lambda_.CfnFunction(self, "C", runtime="python3.13", role="arn:aws:iam::123456789012:role/c", code=lambda_.CfnFunction.CodeProperty(zip_file="x"))
`),
    ),
    valid(
      'a runtime the analysis cannot see, and a local class called Runtime',
      stack(`
        lambda_.Function(self, "A", runtime=self.node.try_get_context("runtime"), handler="app.handler", code=lambda_.Code.from_asset("a"))


class Runtime:
    PYTHON_3_8 = "python3.8"


def make(scope):
    return lambda_.Function(scope, "B", runtime=Runtime.PYTHON_3_8, handler="app.handler", code=lambda_.Code.from_asset("b"))
`),
    ),
  ],
  invalid: [
    invalid(
      'lambda_.Runtime.PYTHON_3_8: the range is the value',
      stack(`
        lambda_.Function(self, "Report", runtime=lambda_.Runtime.PYTHON_3_8, handler="app.handler", code=lambda_.Code.from_asset("report"))
`),
      [{ at: ['lambda_.Runtime.PYTHON_3_8'], messageId: 'deprecated' }],
    ),
    invalid(
      'a runtime AWS blocks updates of is an error',
      stack(`
        lambda_.Function(self, "Legacy", runtime=lambda_.Runtime.NODEJS_10_X, handler="index.handler", code=lambda_.Code.from_asset("l"))
`),
      [{ at: ['lambda_.Runtime.NODEJS_10_X'], messageId: 'blocked', severity: 'error' }],
    ),
    invalid(
      'CfnFunction with the CloudFormation string, and a runtime from a **kwargs dict',
      stack(`
        lambda_.CfnFunction(self, "L1", runtime="nodejs14.x", role="arn:aws:iam::123456789012:role/l1", code=lambda_.CfnFunction.CodeProperty(zip_file="x"))
        defaults = {"runtime": lambda_.Runtime.RUBY_2_7, "handler": "app.handler"}
        lambda_.Function(self, "Ruby", code=lambda_.Code.from_asset("r"), **defaults)
`),
      [
        { at: ['"nodejs14.x"'], messageId: 'deprecated' },
        { at: ['lambda_.Runtime.RUBY_2_7'], messageId: 'deprecated' },
      ],
    ),
    invalid(
      'from aws_cdk.aws_lambda import Function, Runtime; import aws_cdk as cdk then cdk.aws_lambda',
      `import aws_cdk as cdk
from aws_cdk.aws_lambda import Code, Function, Runtime
from constructs import Construct


class ApiStack(cdk.Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        Function(self, "A", runtime=Runtime.NODEJS_16_X, handler="index.handler", code=Code.from_asset("a"))
        cdk.aws_lambda.Function(self, "B", runtime=cdk.aws_lambda.Runtime.GO_1_X, handler="main", code=Code.from_asset("b"))
`,
      [
        { at: ['Runtime.NODEJS_16_X'], messageId: 'deprecated' },
        { at: ['cdk.aws_lambda.Runtime.GO_1_X'], messageId: 'deprecated' },
      ],
    ),
    invalid(
      'CDK v1: from aws_cdk import core, aws_lambda',
      `from aws_cdk import core
from aws_cdk import aws_lambda


class ApiStack(core.Stack):
    def __init__(self, scope: core.Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        aws_lambda.Function(self, "Fn", runtime=aws_lambda.Runtime.PYTHON_3_6, handler="app.handler", code=aws_lambda.Code.from_asset("src"))
`,
      [{ at: ['aws_lambda.Runtime.PYTHON_3_6'], messageId: 'deprecated' }],
    ),
  ],
});
