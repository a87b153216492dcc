import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';

/**
 * A queue partners send order events to, and the partner API's credentials. Two mistakes about
 * sharing: the queue's policy lets any AWS account send to it (no condition names the partners),
 * and the partner API key is unwrapped into a stack output, where anyone who can read the stack
 * reads it.
 */
export class SharingStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    const inbox = new sqs.Queue(this, 'PartnerInbox', { enforceSSL: true });
    inbox.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['sqs:SendMessage'],
        resources: [inbox.queueArn],
      }),
    );

    new cdk.CfnOutput(this, 'PartnerApiKey', {
      value: cdk.SecretValue.secretsManager('partners/api-key').unsafeUnwrap(),
    });
  }
}
