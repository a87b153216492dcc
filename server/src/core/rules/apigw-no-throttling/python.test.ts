import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/orders_api_stack.py';
const { stack } = pyStackFixture(['from aws_cdk import aws_apigateway as apigw'], 'OrdersApiStack');
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);

ruleTester(rule, {
  valid: [
    valid(
      'stage throttling in deploy_options: an apigw.StageOptions struct, a dict',
      stack(`
        apigw.RestApi(self, "A", deploy_options=apigw.StageOptions(throttling_rate_limit=100, throttling_burst_limit=50))
        options = {"deploy_options": apigw.StageOptions(throttling_burst_limit=20)}
        apigw.RestApi(self, "B", **options)
`),
    ),
    valid(
      'APIs with deploy=False',
      stack(`
        apigw.RestApi(self, "Manual", deploy=False)
`),
    ),
    valid(
      'a usage plan with a throttle (add_usage_plan, ThrottleSettings struct)',
      stack(`
        api = apigw.RestApi(self, "Planned")
        plan = api.add_usage_plan("Plan", throttle=apigw.ThrottleSettings(rate_limit=10, burst_limit=2))
        plan.add_api_stage(stage=api.deployment_stage)
`),
    ),
  ],
  invalid: [
    invalid(
      'no deploy_options and no usage plan: the range is the callee',
      stack(`
        apigw.RestApi(self, "OrdersApi")
`),
      [{ at: ['apigw.RestApi'], messageId: 'api' }],
    ),
    invalid(
      'deploy_options (a struct) without throttling; import aws_cdk.aws_apigateway as apigw',
      `import aws_cdk.aws_apigateway as apigw
from aws_cdk import Stack
from constructs import Construct


class OrdersApiStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        apigw.RestApi(self, "OrdersApi", deploy_options=apigw.StageOptions(stage_name="prod"))
`,
      [{ at: ['apigw.RestApi'], messageId: 'api' }],
    ),
  ],
});
