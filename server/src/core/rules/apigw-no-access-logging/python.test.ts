import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/orders_api_stack.py';
const { stack } = pyStackFixture(['from aws_cdk import aws_apigateway as apigw, aws_logs as logs'], 'OrdersApiStack');
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);

ruleTester(rule, {
  valid: [
    valid(
      'an access log destination in deploy_options (an apigw.StageOptions struct)',
      stack(`
        group = logs.LogGroup(self, "AccessLogs")
        apigw.RestApi(
            self,
            "OrdersApi",
            deploy_options=apigw.StageOptions(
                access_log_destination=apigw.LogGroupLogDestination(group),
                access_log_format=apigw.AccessLogFormat.json_with_standard_fields(),
            ),
        )
`),
    ),
    valid(
      'deploy=False',
      stack(`
        apigw.RestApi(self, "Manual", deploy=False)
`),
    ),
  ],
  invalid: [
    invalid(
      'no deploy_options: the range is the callee',
      stack(`
        apigw.RestApi(self, "OrdersApi")
`),
      [{ at: ['apigw.RestApi'], messageId: 'api' }],
    ),
    invalid(
      'deploy_options without a destination; CDK v1 module names',
      `from aws_cdk import core
from aws_cdk import aws_apigateway


class OrdersApiStack(core.Stack):
    def __init__(self, scope: core.Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        aws_apigateway.RestApi(self, "OrdersApi", deploy_options=aws_apigateway.StageOptions(metrics_enabled=True))
`,
      [{ at: ['aws_apigateway.RestApi'], messageId: 'api' }],
    ),
  ],
});
