import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/ingest_stack.py';
const { stack } = pyStackFixture(['from aws_cdk import aws_iam as iam, aws_lambda as lambda_'], 'IngestStack');
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);
const FN = `        fn = lambda_.Function(
            self, "Handler", runtime=lambda_.Runtime.PYTHON_3_12, handler="app.lambda_handler", code=lambda_.Code.from_asset("lambda")
        )`;

ruleTester(rule, {
  valid: [
    valid(
      'a service principal with source_arn, or source_account',
      stack(`
${FN}
        fn.add_permission("S3", principal=iam.ServicePrincipal("s3.amazonaws.com"), source_arn="arn:aws:s3:::uploads")
        fn.add_permission("Events", principal=iam.ServicePrincipal("events.amazonaws.com"), source_account="111122223333")
`),
    ),
    valid(
      'grant_invoke(ServicePrincipal), as CDK integrations do; an account principal',
      stack(`
${FN}
        fn.grant_invoke(iam.ServicePrincipal("apigateway.amazonaws.com"))
        fn.add_permission("Account", principal=iam.AccountPrincipal("111122223333"))
`),
    ),
  ],
  invalid: [
    invalid(
      'add_permission with a service principal and no source: the range is the principal',
      stack(`
${FN}
        fn.add_permission("S3", principal=iam.ServicePrincipal("s3.amazonaws.com"))
`),
      [{ at: ['iam.ServicePrincipal("s3.amazonaws.com")'], messageId: 'noSource' }],
    ),
    invalid(
      'CfnPermission with a service principal and no source',
      stack(`
        lambda_.CfnPermission(
            self, "Invoke", action="lambda:InvokeFunction", function_name="orders", principal="sns.amazonaws.com"
        )
`),
      [{ at: ['"sns.amazonaws.com"'], messageId: 'noSource' }],
    ),
    invalid(
      'named imports; options in a **kwargs dict',
      `from aws_cdk import Stack
from aws_cdk.aws_iam import ServicePrincipal
from aws_cdk.aws_lambda import Code, Function, Runtime
from constructs import Construct


class IngestStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        fn = Function(self, "Handler", runtime=Runtime.PYTHON_3_12, handler="app.lambda_handler", code=Code.from_asset("lambda"))
        options = {"principal": ServicePrincipal("sqs.amazonaws.com")}
        fn.add_permission("Sqs", **options)
`,
      [{ at: ['ServicePrincipal("sqs.amazonaws.com")'], messageId: 'noSource' }],
    ),
  ],
});
