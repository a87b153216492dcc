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
        integration = apigw.LambdaIntegration(fn)
        api = apigw.RestApi(self, "OrdersApi")
        orders = api.root.add_resource("orders")`;

ruleTester(rule, {
  valid: [
    valid(
      'POST, PUT and PATCH with a validator, validator options (a struct), or request models',
      stack(`
${FN}
        validator = api.add_request_validator("Body", validate_request_body=True)
        orders.add_method("POST", integration, request_validator=validator)
        orders.add_method(
            "PUT",
            integration,
            request_validator_options=apigw.RequestValidatorOptions(validate_request_body=True),
        )
        orders.add_method("PATCH", integration, request_models={"application/json": apigw.Model.EMPTY_MODEL})
`),
    ),
    valid(
      'GET, DELETE and OPTIONS methods',
      stack(`
${FN}
        orders.add_method("GET", integration)
        orders.add_method("DELETE", integration)
        orders.add_method("OPTIONS", integration)
`),
    ),
  ],
  invalid: [
    invalid(
      'POST with a Lambda proxy integration and nothing to validate it: the range is the add_method name',
      stack(`
${FN}
        orders.add_method("POST", integration)
`),
      [{ at: ['orders.add_method', 'add_method'], messageId: 'method' }],
    ),
    invalid(
      'PUT with options in a **kwargs dict that validate nothing; named imports',
      `from aws_cdk import Stack
from aws_cdk.aws_apigateway import AuthorizationType, LambdaIntegration, RestApi
from constructs import Construct


class OrdersApiStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, fn, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        api = RestApi(self, "OrdersApi")
        options = {"authorization_type": AuthorizationType.IAM}
        api.root.add_method("PUT", LambdaIntegration(fn), **options)
`,
      [{ at: ['api.root.add_method', 'add_method'], messageId: 'method' }],
    ),
  ],
});
