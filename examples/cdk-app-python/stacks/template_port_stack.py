from aws_cdk import Stack, aws_kms as kms, aws_s3 as s3, aws_sns as sns
from constructs import Construct


class TemplatePortStack(Stack):
    """Resources ported one to one from an older CloudFormation template: L1 (Cfn*) constructs,
    which have none of the L2s' safe defaults."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)

        # A public canned ACL on an L1 bucket.
        s3.CfnBucket(self, "LegacyDownloads", access_control="PublicRead")

        # CloudFormation's EnableKeyRotation defaults to false.
        key = kms.CfnKey(self, "LegacyKey", description="legacy data")

        # An L1 topic without kms_master_key_id is not encrypted at rest.
        sns.CfnTopic(self, "LegacyAlerts", topic_name="legacy-alerts")

        self.key_arn = key.attr_arn
