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
    valid(
      'HTTP routes under a default_authorizer, OPTIONS; $connect with an authorizer; other WebSocket routes; CfnRoute with a type',
      V2(`
        jwt = authorizers.HttpJwtAuthorizer("Jwt", "https://issuer.example.com", jwt_audience=["orders"])
        api = apigwv2.HttpApi(self, "OrdersHttp", default_authorizer=jwt)
        api.add_routes(path="/orders", methods=[apigwv2.HttpMethod.GET], integration=integrations.HttpUrlIntegration("Backend", "https://orders.example.com"))
        open_api = apigwv2.HttpApi(self, "Open")
        open_api.add_routes(path="/orders", methods=[apigwv2.HttpMethod.OPTIONS], integration=integrations.HttpUrlIntegration("Cors", "https://orders.example.com"))
        ws = apigwv2.WebSocketApi(
            self,
            "Chat",
            connect_route_options=apigwv2.WebSocketRouteOptions(integration=integrations.WebSocketMockIntegration("Connect"), authorizer=authorizers.WebSocketIamAuthorizer()),
        )
        ws.add_route("sendMessage", integration=integrations.WebSocketMockIntegration("Send"))
        apigwv2.CfnRoute(self, "List", api_id="abc", route_key="GET /orders", authorization_type="AWS_IAM")
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
    invalid(
      'HttpNoneAuthorizer on a route, new HttpRoute, $connect without an authorizer, CfnRoute with NONE',
      V2(`
        api = apigwv2.HttpApi(self, "OrdersHttp")
        backend = integrations.HttpUrlIntegration("Backend", "https://orders.example.com")
        api.add_routes(path="/health", integration=backend, authorizer=apigwv2.HttpNoneAuthorizer())
        apigwv2.HttpRoute(self, "Cancel", http_api=api, route_key=apigwv2.HttpRouteKey.with_("/orders/{id}", apigwv2.HttpMethod.DELETE), integration=backend)
        ws = apigwv2.WebSocketApi(self, "Chat")
        ws.add_route("$connect", integration=integrations.WebSocketMockIntegration("Connect"))
        apigwv2.CfnRoute(self, "List", api_id="abc", route_key="GET /orders", authorization_type="NONE")
`),
      [
        { at: ['apigwv2.HttpNoneAuthorizer()'], messageId: 'routeNone' },
        { at: ['apigwv2.HttpRoute'], messageId: 'route' },
        { at: ['ws.add_route', 'add_route'], messageId: 'connect' },
        { at: ['authorization_type="NONE"', '"NONE"'], messageId: 'cfnRoute' },
      ],
    ),
  ],
});
