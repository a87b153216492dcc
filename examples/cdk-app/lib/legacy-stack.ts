import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';

/**
 * The older corner of the platform: a thumbnail function nobody moved off Node.js 16, the partner
 * API's custom domain still accepting TLS 1.0 with full request logging switched on while
 * debugging, and an audit trail without log file validation.
 */
export class LegacyStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    const thumbnails = new lambda.Function(this, 'Thumbnails', {
      runtime: lambda.Runtime.NODEJS_16_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 204 });'),
      logGroup: new logs.LogGroup(this, 'ThumbnailsLogs', { retention: logs.RetentionDays.ONE_MONTH }),
    });

    const certificate = acm.Certificate.fromCertificateArn(this, 'PartnerCert', 'arn:aws:acm:us-east-1:123456789012:certificate/partner');
    const accessLogs = new logs.LogGroup(this, 'PartnerAccessLogs', { retention: logs.RetentionDays.ONE_YEAR });
    const partnerApi = new apigateway.RestApi(this, 'PartnerApi', {
      domainName: { domainName: 'partner.example.com', certificate, securityPolicy: apigateway.SecurityPolicy.TLS_1_0 },
      defaultMethodOptions: { authorizationType: apigateway.AuthorizationType.IAM },
      deployOptions: {
        throttlingRateLimit: 50,
        throttlingBurstLimit: 100,
        accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
        loggingLevel: apigateway.MethodLoggingLevel.INFO,
        dataTraceEnabled: true,
      },
    });
    partnerApi.root.addResource('thumbnails').addMethod('GET', new apigateway.LambdaIntegration(thumbnails));

    new cloudtrail.Trail(this, 'AuditTrail', { enableFileValidation: false });
  }
}
