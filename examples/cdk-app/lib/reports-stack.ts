import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { EXPORT_ACTIONS } from './shared';

export interface ReportsStackProps extends cdk.StackProps {
  ordersTable: dynamodb.ITable;
}

export class ReportsStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: ReportsStackProps) {
    super(scope, id, props);

    const exports = new s3.Bucket(this, 'Exports', { enforceSSL: true });

    const exporter = new lambda.Function(this, 'Exporter', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda/reports'),
      environment: { BUCKET: exports.bucketName, TABLE_NAME: props.ordersTable.tableName },
    });
    props.ordersTable.grantReadData(exporter);

    // The action list comes from lib/shared.ts: the finding is here, with a link there.
    exporter.addToRolePolicy(new iam.PolicyStatement({ actions: EXPORT_ACTIONS, resources: ['*'] }));

    exporter.role?.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['iam:PassRole', 'lambda:CreateFunction'],
        resources: ['*'],
      }),
    );

    // Fine: tracing needs '*', and the function may only write traces.
    exporter.addToRolePolicy(new iam.PolicyStatement({ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] }));
  }
}
