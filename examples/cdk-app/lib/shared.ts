import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** Actions the reporting jobs use on the exports bucket. */
export const EXPORT_ACTIONS = ['s3:*'];

/** One role for every worker function: simpler to manage, or so it seemed. */
export function createWorkerRole(scope: Construct): iam.Role {
  return new iam.Role(scope, 'WorkerRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
  });
}
