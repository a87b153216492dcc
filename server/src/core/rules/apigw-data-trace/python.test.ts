import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/api_stack.py';
const { stack } = pyStackFixture(
  ['from aws_cdk import aws_apigateway as apigw', 'from aws_cdk import aws_apigatewayv2 as apigwv2'],
  'ApiStack',
);
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);

ruleTester(rule, {
  valid: [
    valid(
      'logging_level alone, data_trace_enabled=False, and a stage without method settings',
      stack(`
        apigw.RestApi(self, "A", deploy_options=apigw.StageOptions(logging_level=apigw.MethodLoggingLevel.INFO))
        apigw.RestApi(self, "B", deploy_options=apigw.StageOptions(logging_level=apigw.MethodLoggingLevel.ERROR, data_trace_enabled=False))
        apigw.CfnStage(self, "C", rest_api_id="abc", stage_name="prod")
`),
    ),
  ],
  invalid: [
    invalid(
      'deploy_options as StageOptions(...), through a **kwargs dict, and a method option: the range is the value',
      stack(`
        apigw.RestApi(self, "A", deploy_options=apigw.StageOptions(logging_level=apigw.MethodLoggingLevel.INFO, data_trace_enabled=True))
        api_props = {"deploy_options": apigw.StageOptions(data_trace_enabled=True)}
        apigw.RestApi(self, "B", **api_props)
        apigw.RestApi(self, "C", deploy_options=apigw.StageOptions(method_options={"/*/*": apigw.MethodDeploymentOptions(data_trace_enabled=True)}))
`),
      [
        { at: ['data_trace_enabled=True', 'True'], messageId: 'dataTrace' },
        { at: ['data_trace_enabled=True', 'True', 1], messageId: 'dataTrace' },
        { at: ['data_trace_enabled=True', 'True', 2], messageId: 'dataTrace' },
      ],
    ),
    invalid(
      'a Stage, a CfnStage method setting, and an HTTP API CfnStage default route setting',
      stack(`
        api = apigw.RestApi(self, "Api", deploy=False)
        apigw.Stage(self, "Prod", deployment=apigw.Deployment(self, "Dep", api=api), data_trace_enabled=True)
        apigw.CfnStage(self, "Raw", rest_api_id=api.rest_api_id, method_settings=[apigw.CfnStage.MethodSettingProperty(http_method="*", resource_path="/*", data_trace_enabled=True)])
        apigwv2.CfnStage(self, "Http", api_id="abc", stage_name="$default", default_route_settings=apigwv2.CfnStage.RouteSettingsProperty(data_trace_enabled=True))
`),
      [
        { at: ['data_trace_enabled=True', 'True'], messageId: 'dataTrace' },
        { at: ['data_trace_enabled=True', 'True', 1], messageId: 'dataTrace' },
        { at: ['data_trace_enabled=True', 'True', 2], messageId: 'dataTrace' },
      ],
    ),
    invalid(
      'from aws_cdk.aws_apigateway import RestApi, StageOptions; import aws_cdk as cdk',
      `import aws_cdk as cdk
from aws_cdk.aws_apigateway import RestApi, StageOptions
from constructs import Construct


class ApiStack(cdk.Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        RestApi(self, "A", deploy_options=StageOptions(data_trace_enabled=True))
        cdk.aws_apigateway.RestApi(self, "B", deploy_options=cdk.aws_apigateway.StageOptions(data_trace_enabled=True))
`,
      [
        { at: ['data_trace_enabled=True', 'True'], messageId: 'dataTrace' },
        { at: ['data_trace_enabled=True', 'True', 1], messageId: 'dataTrace' },
      ],
    ),
    invalid(
      'CDK v1: from aws_cdk import core, aws_apigateway',
      `from aws_cdk import core
from aws_cdk import aws_apigateway


class ApiStack(core.Stack):
    def __init__(self, scope: core.Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        aws_apigateway.RestApi(self, "Api", deploy_options=aws_apigateway.StageOptions(data_trace_enabled=True))
`,
      [{ at: ['data_trace_enabled=True', 'True'], messageId: 'dataTrace' }],
    ),
  ],
});
