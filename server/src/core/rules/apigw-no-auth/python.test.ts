import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/orders_api_stack.py';
const { stack } = pyStackFixture(['from aws_cdk import aws_apigateway as apigw, aws_lambda as lambda_'], 'OrdersApiStack');
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);
const FN = `        fn = lambda_.Function(
            self, "Handler", runtime=lambda_.Runtime.PYTHON_3_12, handler="app.lambda_handler", code=lambda_.Code.from_asset("lambda")
        )
        integration = apigw.LambdaIntegration(fn)`;

ruleTester(rule, {
  valid: [
    valid(
      'methods with an authorization type or an authorizer; OPTIONS',
      stack(`
${FN}
        api = apigw.RestApi(self, "OrdersApi")
        orders = api.root.add_resource("orders")
        orders.add_method("GET", integration, authorization_type=apigw.AuthorizationType.IAM)
        authorizer = apigw.TokenAuthorizer(self, "Auth", handler=fn)
        orders.add_method("POST", integration, authorizer=authorizer)
        orders.add_method("OPTIONS", integration)
`),
    ),
    valid(
      "the API's default_method_options (an apigw.MethodOptions struct) cover every method",
      stack(`
${FN}
        api = apigw.RestApi(
            self,
            "OrdersApi",
            default_method_options=apigw.MethodOptions(authorization_type=apigw.AuthorizationType.IAM),
        )
        api.root.add_resource("orders").add_method("GET", integration)
`),
    ),
    valid(
      'default method options in a dict spread with **',
      stack(`
${FN}
        api_props = {"default_method_options": apigw.MethodOptions(authorization_type=apigw.AuthorizationType.IAM)}
        api = apigw.RestApi(self, "OrdersApi", **api_props)
        api.root.add_method("GET", integration)
`),
    ),
  ],
  invalid: [
    invalid(
      'a method with no authorization: the range is the add_method name',
      stack(`
${FN}
        api = apigw.RestApi(self, "OrdersApi")
        orders = api.root.add_resource("orders")
        orders.add_method("GET", integration)
`),
      [{ at: ['orders.add_method', 'add_method'], messageId: 'method' }],
    ),
    invalid(
      'AuthorizationType.NONE: the range is the value, even under a default authorizer',
      stack(`
${FN}
        api = apigw.RestApi(
            self,
            "OrdersApi",
            default_method_options=apigw.MethodOptions(authorization_type=apigw.AuthorizationType.IAM),
        )
        api.root.add_method("GET", integration, authorization_type=apigw.AuthorizationType.NONE)
`),
      [{ at: ['authorization_type=apigw.AuthorizationType.NONE', 'apigw.AuthorizationType.NONE'], messageId: 'methodNone' }],
    ),
    invalid(
      'a LambdaRestApi with proxy (the default) and no default authorization: the range is the callee',
      stack(`
${FN}
        apigw.LambdaRestApi(self, "Proxy", handler=fn)
`),
      [{ at: ['apigw.LambdaRestApi'], messageId: 'proxy' }],
    ),
    invalid(
      'named imports and cdk.aws_apigateway',
      `import aws_cdk as cdk
from aws_cdk.aws_apigateway import LambdaIntegration, RestApi
from constructs import Construct


class OrdersApiStack(cdk.Stack):
    def __init__(self, scope: Construct, construct_id: str, fn, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        api = RestApi(self, "OrdersApi")
        api.root.add_method("GET", LambdaIntegration(fn))
        other = cdk.aws_apigateway.RestApi(self, "AdminApi")
        other.root.add_method("DELETE", LambdaIntegration(fn))
`,
      [
        { at: ['api.root.add_method', 'add_method'], messageId: 'method' },
        { at: ['other.root.add_method', 'add_method'], messageId: 'method' },
      ],
    ),
    invalid(
      'HTTP API routes without an authorizer (add_routes)',
      `from aws_cdk import Stack
from aws_cdk import aws_apigatewayv2 as apigwv2
from aws_cdk import aws_apigatewayv2_integrations as integrations
from constructs import Construct


class OrdersHttpStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, fn, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        api = apigwv2.HttpApi(self, "OrdersHttp")
        api.add_routes(path="/orders", methods=[apigwv2.HttpMethod.GET], integration=integrations.HttpLambdaIntegration("Orders", fn))
`,
      [{ at: ['api.add_routes', 'add_routes'], messageId: 'route' }],
    ),
  ],
});
