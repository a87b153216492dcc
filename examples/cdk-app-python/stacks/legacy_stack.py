"""The older corner of the platform: a report function still on Python 3.8, a queue and a topic
that accept plain HTTP, the partner API's custom domain on TLS 1.0 with full request logging, an
unencrypted reporting database, and an audit trail without log file validation."""
from aws_cdk import Stack
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_cloudtrail as cloudtrail
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_rds as rds
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sqs as sqs
from constructs import Construct


class LegacyStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, *, vpc: ec2.IVpc, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)

        reports_fn = lambda_.Function(
            self,
            "Reports",
            runtime=lambda_.Runtime.PYTHON_3_8,
            handler="index.handler",
            code=lambda_.Code.from_inline("def handler(event, context):\n    return {'statusCode': 204}\n"),
            log_group=logs.LogGroup(self, "ReportsLogs", retention=logs.RetentionDays.ONE_MONTH),
        )

        sqs.Queue(self, "ReportJobs")
        sns.Topic(self, "ReportReady", enforce_ssl=False)

        certificate = acm.Certificate.from_certificate_arn(self, "PartnerCert", "arn:aws:acm:us-east-1:123456789012:certificate/partner")
        partner_api = apigw.RestApi(
            self,
            "PartnerApi",
            domain_name=apigw.DomainNameOptions(
                domain_name="partner.example.com", certificate=certificate, security_policy=apigw.SecurityPolicy.TLS_1_0
            ),
            default_method_options=apigw.MethodOptions(authorization_type=apigw.AuthorizationType.IAM),
            deploy_options=apigw.StageOptions(
                throttling_rate_limit=50,
                throttling_burst_limit=100,
                access_log_destination=apigw.LogGroupLogDestination(
                    logs.LogGroup(self, "PartnerAccessLogs", retention=logs.RetentionDays.ONE_YEAR)
                ),
                logging_level=apigw.MethodLoggingLevel.INFO,
                data_trace_enabled=True,
            ),
        )
        partner_api.root.add_resource("reports").add_method("GET", apigw.LambdaIntegration(reports_fn))

        rds.DatabaseInstance(
            self,
            "ReportsDb",
            engine=rds.DatabaseInstanceEngine.postgres(version=rds.PostgresEngineVersion.VER_16),
            vpc=vpc,
        )

        cloudtrail.Trail(self, "AuditTrail", enable_file_validation=False)
