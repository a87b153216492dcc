from aws_cdk import Stack, aws_apigateway as apigw, aws_lambda as _lambda
from constructs import Construct


class ApiStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, *, orders_fn: _lambda.IFunction, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)

        api = apigw.RestApi(self, "OrdersApi", rest_api_name="orders")
        orders = api.root.add_resource("orders")
        orders.add_method("GET", apigw.LambdaIntegration(orders_fn))
        orders.add_method("POST", apigw.LambdaIntegration(orders_fn))
