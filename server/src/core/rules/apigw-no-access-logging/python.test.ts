import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/orders_api_stack.py';
const { stack } = pyStackFixture(['from aws_cdk import aws_apigateway as apigw, aws_logs as logs'], 'OrdersApiStack');
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
    valid(
      'HTTP and WebSocket stages with access_log_settings (IAccessLogSettings is an interface: a class implements it), no default stage, the default stage set by escape hatch',
      `import jsii
from aws_cdk import Stack
from aws_cdk import aws_apigatewayv2 as apigwv2, aws_logs as logs
from constructs import Construct


@jsii.implements(apigwv2.IAccessLogSettings)
class AccessLogs:
    def __init__(self, group: logs.ILogGroup) -> None:
        self.destination = apigwv2.LogGroupLogDestination(group)
        self.format = None


class OrdersHttpStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        group = logs.LogGroup(self, "AccessLogs")
        api = apigwv2.HttpApi(self, "OrdersHttp", create_default_stage=False)
        apigwv2.HttpStage(self, "Prod", http_api=api, access_log_settings=AccessLogs(group))
        ws = apigwv2.WebSocketApi(self, "Chat")
        apigwv2.WebSocketStage(self, "ChatProd", web_socket_api=ws, stage_name="prod", access_log_settings=AccessLogs(group))
        reports = apigwv2.HttpApi(self, "Reports")
        reports.default_stage.node.default_child.access_log_settings = apigwv2.CfnStage.AccessLogSettingsProperty(destination_arn=group.log_group_arn)
`,
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
    invalid(
      'an HttpApi with its default stage, HTTP and WebSocket stages and a v2 CfnStage without access log settings',
      V2(`
        apigwv2.HttpApi(self, "OrdersHttp")
        api = apigwv2.HttpApi(self, "Reports", create_default_stage=False)
        api.add_stage("Beta", stage_name="beta")
        ws = apigwv2.WebSocketApi(self, "Chat")
        apigwv2.WebSocketStage(self, "ChatProd", web_socket_api=ws, stage_name="prod")
        apigwv2.CfnStage(self, "Manual", api_id=api.api_id, stage_name="manual")
`),
      [
        { at: ['apigwv2.HttpApi(self, "OrdersHttp")', 'apigwv2.HttpApi'], messageId: 'defaultStage' },
        { at: ['api.add_stage', 'add_stage'], messageId: 'stage' },
        { at: ['apigwv2.WebSocketStage'], messageId: 'stage' },
        { at: ['apigwv2.CfnStage'], messageId: 'cfnStage' },
      ],
    ),
  ],
});
