from aws_cdk import Duration, Stack, aws_events as events, aws_events_targets as targets, aws_iam as iam
from aws_cdk import aws_lambda as _lambda, aws_logs as logs
from constructs import Construct


class AssistantStack(Stack):
    """A review moderator: each review submitted to the event bus goes to a function that asks a Bedrock model about it."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)

        moderate = _lambda.Function(
            self,
            "ModerateReviews",
            runtime=_lambda.Runtime.PYTHON_3_12,
            handler="reviews.lambda_handler",
            code=_lambda.Code.from_asset("lambda/assistant"),
            timeout=Duration.seconds(30),
            log_group=logs.LogGroup(self, "ModerateReviewsLogs", retention=logs.RetentionDays.ONE_MONTH),
        )
        events.Rule(
            self,
            "ReviewSubmitted",
            event_pattern=events.EventPattern(source=["shop.reviews"], detail_type=["ReviewSubmitted"]),
            targets=[targets.LambdaFunction(moderate)],
        )
        moderate.add_to_role_policy(
            iam.PolicyStatement(
                actions=["bedrock:InvokeModel"],
                resources=[f"arn:aws:bedrock:{self.region}::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"],
            )
        )
