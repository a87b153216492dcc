from aws_cdk import Stack, aws_ec2 as ec2
from constructs import Construct


class NetworkStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)

        self.vpc = ec2.Vpc(self, "Vpc", max_azs=2)

        self.bastion_group = ec2.SecurityGroup(
            self,
            "BastionGroup",
            vpc=self.vpc,
            description="SSH access for operators",
        )
        self.bastion_group.add_ingress_rule(ec2.Peer.any_ipv4(), ec2.Port.tcp(22), "SSH from anywhere")
