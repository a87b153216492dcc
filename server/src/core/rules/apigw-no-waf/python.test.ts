import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/orders_api_stack.py';
const { stack } = pyStackFixture(['from aws_cdk import aws_apigateway as apigw, aws_wafv2 as wafv2'], 'OrdersApiStack');
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);

ruleTester(rule, {
  valid: [
    valid(
      'an association in the same file whose resource_arn is the stage ARN',
      stack(`
        api = apigw.RestApi(self, "OrdersApi")
        wafv2.CfnWebACLAssociation(
            self,
            "Waf",
            resource_arn=api.deployment_stage.stage_arn,
            web_acl_arn="arn:aws:wafv2:us-east-1:111122223333:regional/webacl/orders/1",
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
      'no association anywhere: the range is the callee; info',
      stack(`
        apigw.RestApi(self, "OrdersApi")
`),
      [{ at: ['apigw.RestApi'], messageId: 'api' }],
    ),
    invalid(
      'an association for another API; named imports',
      `from aws_cdk import Stack
from aws_cdk.aws_apigateway import RestApi
from aws_cdk.aws_wafv2 import CfnWebACLAssociation
from constructs import Construct


class OrdersApiStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        orders = RestApi(self, "OrdersApi")
        admin = RestApi(self, "AdminApi")
        CfnWebACLAssociation(self, "Waf", resource_arn=admin.deployment_stage.stage_arn, web_acl_arn="arn:aws:wafv2:::webacl")
`,
      [{ at: ['RestApi(self, "OrdersApi"', 'RestApi'], messageId: 'api' }],
    ),
  ],
});
