from aws_cdk import Stack, aws_apigatewayv2 as apigwv2
from aws_cdk import aws_apigatewayv2_authorizers as authorizers, aws_apigatewayv2_integrations as integrations
from constructs import Construct


class HttpApiStack(Stack):
    """Parcel tracking over an HTTP API, and live updates over a WebSocket API."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        backend = integrations.HttpUrlIntegration("Tracking", "https://tracking.internal.example.com")

        # The default stage HttpApi creates has no throttle and no access logs, and HttpApi cannot give it any.
        tracking = apigwv2.HttpApi(
            self,
            "TrackingApi",
            default_authorizer=authorizers.HttpJwtAuthorizer("Jwt", "https://auth.example.com", jwt_audience=["tracking"]),
        )
        tracking.add_routes(path="/parcels/{id}", methods=[apigwv2.HttpMethod.GET], integration=backend)
        # An explicit HttpNoneAuthorizer opens this route despite the API's default authorizer.
        tracking.add_routes(
            path="/parcels/{id}/events",
            methods=[apigwv2.HttpMethod.POST],
            integration=backend,
            authorizer=apigwv2.HttpNoneAuthorizer(),
        )

        # Anyone can open a connection: $connect has no authorizer.
        live = apigwv2.WebSocketApi(
            self,
            "LiveUpdates",
            connect_route_options=apigwv2.WebSocketRouteOptions(integration=integrations.WebSocketMockIntegration("Connect")),
        )
        apigwv2.WebSocketStage(self, "LiveProd", web_socket_api=live, stage_name="prod", auto_deploy=True)
