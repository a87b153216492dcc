import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/orders_api_stack.py';
const { stack } = pyStackFixture(['from aws_cdk import aws_apigateway as apigw'], 'OrdersApiStack');
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);

const V2 = pyStackFixture(
  [
    'from aws_cdk import aws_apigatewayv2 as apigwv2, aws_logs as logs',
    'from aws_cdk import aws_apigatewayv2_integrations as integrations, aws_apigatewayv2_authorizers as authorizers',
  ],
  'OrdersHttpStack',
).stack;

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
    valid(
      'HTTP API stages with a throttle (a ThrottleSettings struct), no default stage, the default stage set by escape hatch',
      V2(`
        api = apigwv2.HttpApi(self, "OrdersHttp", create_default_stage=False)
        apigwv2.HttpStage(self, "Prod", http_api=api, stage_name="prod", throttle=apigwv2.ThrottleSettings(rate_limit=100, burst_limit=200))
        api.add_stage("Beta", stage_name="beta", throttle=apigwv2.ThrottleSettings(burst_limit=20))
        reports = apigwv2.HttpApi(self, "Reports")
        stage = reports.default_stage.node.default_child
        stage.default_route_settings = apigwv2.CfnStage.RouteSettingsProperty(throttling_rate_limit=50)
        apigwv2.CfnStage(self, "Manual", api_id="abc", stage_name="manual", default_route_settings={"throttlingBurstLimit": 10})
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
    invalid(
      'an HttpApi with its default stage, an HttpStage and add_stage without throttle, a CfnStage without throttling',
      V2(`
        apigwv2.HttpApi(self, "OrdersHttp")
        api = apigwv2.HttpApi(self, "Reports", create_default_stage=False)
        apigwv2.HttpStage(self, "Prod", http_api=api, stage_name="prod")
        api.add_stage("Beta", stage_name="beta")
        apigwv2.CfnStage(self, "Manual", api_id=api.api_id, stage_name="manual")
`),
      [
        { at: ['apigwv2.HttpApi(self, "OrdersHttp")', 'apigwv2.HttpApi'], messageId: 'defaultStage' },
        { at: ['apigwv2.HttpStage'], messageId: 'httpStage' },
        { at: ['api.add_stage', 'add_stage'], messageId: 'httpStage' },
        { at: ['apigwv2.CfnStage'], messageId: 'cfnStage' },
      ],
    ),
  ],
});
