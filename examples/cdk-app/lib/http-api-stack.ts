import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpUrlIntegration, WebSocketMockIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Construct } from 'constructs';

/** Parcel tracking over an HTTP API, and live updates over a WebSocket API. */
export class HttpApiStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const backend = new HttpUrlIntegration('Tracking', 'https://tracking.internal.example.com');

    // The default stage HttpApi creates has no throttle and no access logs, and HttpApi cannot give it any.
    const tracking = new apigwv2.HttpApi(this, 'TrackingApi', {
      defaultAuthorizer: new HttpJwtAuthorizer('Jwt', 'https://auth.example.com', { jwtAudience: ['tracking'] }),
    });
    tracking.addRoutes({ path: '/parcels/{id}', methods: [apigwv2.HttpMethod.GET], integration: backend });
    // An explicit HttpNoneAuthorizer opens this route despite the API's default authorizer.
    tracking.addRoutes({
      path: '/parcels/{id}/events',
      methods: [apigwv2.HttpMethod.POST],
      integration: backend,
      authorizer: new apigwv2.HttpNoneAuthorizer(),
    });

    // Anyone can open a connection: $connect has no authorizer.
    const live = new apigwv2.WebSocketApi(this, 'LiveUpdates', {
      connectRouteOptions: { integration: new WebSocketMockIntegration('Connect') },
    });
    new apigwv2.WebSocketStage(this, 'LiveProd', { webSocketApi: live, stageName: 'prod', autoDeploy: true });
  }
}
