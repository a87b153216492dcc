import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/api_stack.py';
const { stack } = pyStackFixture(['from aws_cdk import aws_iam as iam, aws_lambda as lambda_'], 'ApiStack');
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);
const FN = `        fn = lambda_.Function(
            self, "Handler", runtime=lambda_.Runtime.PYTHON_3_12, handler="app.lambda_handler", code=lambda_.Code.from_asset("lambda")
        )`;

ruleTester(rule, {
  valid: [
    valid(
      'a service principal with a source_arn; grant_invoke to a role and an account',
      stack(`
${FN}
        fn.add_permission(
            "S3",
            principal=iam.ServicePrincipal("s3.amazonaws.com"),
            source_arn="arn:aws:s3:::uploads",
        )
        fn.grant_invoke(iam.AccountPrincipal("111122223333"))
`),
    ),
    valid(
      'function URLs with IAM auth, explicit and by default',
      stack(`
${FN}
        fn.add_function_url(auth_type=lambda_.FunctionUrlAuthType.AWS_IAM)
        fn.add_function_url()
`),
    ),
    valid(
      'local classes called AnyPrincipal and FunctionUrlAuthType',
      `class AnyPrincipal:
    pass


def expose(fn):
    fn.grant_invoke(AnyPrincipal())
`,
    ),
    valid(
      'CfnPermission with principal "*" narrowed by source_account, source_arn or principal_org_id; CfnUrl with AWS_IAM',
      stack(`
${FN}
        lambda_.CfnPermission(
            self, "Account", action="lambda:InvokeFunction", function_name=fn.function_name, principal="*", source_account="111122223333"
        )
        lambda_.CfnPermission(
            self, "Source", action="lambda:InvokeFunction", function_name=fn.function_name, principal="*", source_arn="arn:aws:s3:::uploads"
        )
        lambda_.CfnPermission(
            self, "Org", action="lambda:InvokeFunction", function_name=fn.function_name, principal="*", principal_org_id="o-abc123"
        )
        lambda_.CfnUrl(self, "L1Url", target_function_arn=fn.function_arn, auth_type="AWS_IAM")
`),
    ),
  ],
  invalid: [
    invalid(
      'grant_invoke(iam.AnyPrincipal()), StarPrincipal, ArnPrincipal("*")',
      stack(`
${FN}
        fn.grant_invoke(iam.AnyPrincipal())
        fn.grant_invoke(iam.StarPrincipal())
        fn.grant_invoke(iam.ArnPrincipal("*"))
`),
      [
        { at: ['iam.AnyPrincipal()'], messageId: 'principal' },
        { at: ['iam.StarPrincipal()'], messageId: 'principal' },
        { at: ['iam.ArnPrincipal("*")'], messageId: 'principal' },
      ],
    ),
    invalid(
      'add_permission with principal AnyPrincipal',
      stack(`
${FN}
        fn.add_permission("Public", principal=iam.AnyPrincipal())
`),
      [{ at: ['iam.AnyPrincipal()'], messageId: 'principal' }],
    ),
    invalid(
      'add_function_url(auth_type=NONE): the range is the value',
      stack(`
${FN}
        fn.add_function_url(auth_type=lambda_.FunctionUrlAuthType.NONE)
`),
      [{ at: ['lambda_.FunctionUrlAuthType.NONE'], messageId: 'url' }],
    ),
    invalid(
      'named imports; URL options in a **kwargs dict',
      `from aws_cdk import Stack
from aws_cdk.aws_lambda import Code, Function, FunctionUrlAuthType, Runtime
from constructs import Construct


class ApiStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        fn = Function(self, "Handler", runtime=Runtime.PYTHON_3_12, handler="app.lambda_handler", code=Code.from_asset("lambda"))
        url_options = {"auth_type": FunctionUrlAuthType.NONE}
        fn.add_function_url(**url_options)
`,
      [{ at: ['FunctionUrlAuthType.NONE}', 'FunctionUrlAuthType.NONE'], messageId: 'url' }],
    ),
    invalid(
      'CfnPermission with principal "*" and CfnUrl with auth_type "NONE" (issue 16)',
      stack(`
${FN}
        lambda_.CfnPermission(self, "Public", action="lambda:InvokeFunction", function_name=fn.function_name, principal="*")
        lambda_.CfnUrl(self, "L1Url", target_function_arn=fn.function_arn, auth_type="NONE")
`),
      [
        { at: ['principal="*"', '"*"'], messageId: 'principal' },
        { at: ['auth_type="NONE"', '"NONE"'], messageId: 'url' },
      ],
    ),
  ],
});
