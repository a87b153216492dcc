from aws_cdk import CfnOutput, SecretValue, Stack
from aws_cdk import aws_iam as iam
from aws_cdk import aws_sns as sns
from constructs import Construct


class SharingStack(Stack):
    """A topic partners publish order events to, and the partner API's credentials.

    Two mistakes about sharing: anyone may publish to the topic (no condition names the
    partners), and the partner API key is unwrapped into a stack output.
    """

    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)

        events = sns.Topic(self, "PartnerEvents", enforce_ssl=True)
        events.grant_publish(iam.AnyPrincipal())

        CfnOutput(self, "PartnerApiKey", value=SecretValue.secrets_manager("partners/api-key").unsafe_unwrap())
