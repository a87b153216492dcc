import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';

/** A review moderator: each review submitted to the event bus goes to a function that asks a Bedrock model about it. */
export class AssistantStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    const moderate = new NodejsFunction(this, 'ModerateReviews', {
      entry: 'lambda/assistant/reviews.ts',
      runtime: lambda.Runtime.NODEJS_22_X,
      timeout: cdk.Duration.seconds(30),
      logGroup: new logs.LogGroup(this, 'ModerateReviewsLogs', { retention: logs.RetentionDays.ONE_MONTH }),
    });
    new events.Rule(this, 'ReviewSubmitted', {
      eventPattern: { source: ['shop.reviews'], detailType: ['ReviewSubmitted'] },
      targets: [new targets.LambdaFunction(moderate)],
    });
    moderate.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['bedrock:InvokeModel'],
        resources: [
          `arn:aws:bedrock:${this.region}::foundation-model/anthropic.claude-3-haiku-20240307-v1:0`,
          `arn:aws:bedrock:${this.region}::foundation-model/amazon.titan-text-express-v1`,
        ],
      }),
    );
  }
}
