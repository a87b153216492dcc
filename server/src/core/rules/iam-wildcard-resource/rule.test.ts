import { ruleTester } from '../../../test/ruleTester';
import { stackFixture, lambdaFunction } from '../../../test/cdkFixtures';
import rule from './rule';

/** `stack(body)` wraps the body in a stack class; the body's first line is line 14 of the file. */
const { stack } = stackFixture(
  [
    "import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';",
    "import * as ec2 from 'aws-cdk-lib/aws-ec2';",
    "import * as iam from 'aws-cdk-lib/aws-iam';",
    "import * as kms from 'aws-cdk-lib/aws-kms';",
    "import * as lambda from 'aws-cdk-lib/aws-lambda';",
    "import * as s3 from 'aws-cdk-lib/aws-s3';",
    "import * as sqs from 'aws-cdk-lib/aws-sqs';",
  ],
  'AppStack',
);

/** A function bound to `fn`: five lines. */
const FN = lambdaFunction();

const TABLE = `    const table = new dynamodb.Table(this, 'Orders', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });`;
const BUCKET = `    const bucket = new s3.Bucket(this, 'Uploads');`;

ruleTester(rule, {
  valid: [
    {
      name: "actions AWS's reference gives no resource type accept only '*'",
      code: stack(`
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['rekognition:DetectLabels'], resources: ['*'] }));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['ec2:DescribeAvailabilityZones'], resources: ['*'] }));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['invoicing:ListInvoiceSummaries'], resources: ['*'] }));
    fn.addToRolePolicy(new iam.PolicyStatement({
      actions: ['aoss:CreateAccessPolicy', 'aoss:UpdateAccessPolicy', 'aoss:CreateSecurityPolicy', 'aoss:GetSecurityPolicy', 'aoss:ListAccessPolicies'],
      resources: ['*'],
    }));
`),
    },
    {
      name: 'X-Ray tracing actions only work on *',
      code: stack(`
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] }));
`),
    },
    {
      name: 'cloudwatch:PutMetricData only works on *',
      code: stack(`
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({
      actions: ['cloudwatch:PutMetricData'],
      resources: ['*'],
      conditions: { StringEquals: { 'cloudwatch:namespace': 'Orders' } },
    }));
`),
    },
    {
      name: 'ENI management for a VPC function only works on *',
      code: stack(`
    const role = new iam.Role(this, 'VpcFnRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['ec2:DescribeNetworkInterfaces', 'ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface'],
      resources: ['*'],
    }));
`),
    },
    {
      name: 'star-only action with addAllResources()',
      code: stack(`
    const metrics = new iam.PolicyStatement({ actions: ['cloudwatch:PutMetricData'] });
    metrics.addAllResources();
`),
    },
    {
      name: 'star-only action in JSON',
      code: stack(`
    iam.PolicyDocument.fromJson({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:DescribeNetworkInterfaces', Resource: '*' }] });
`),
    },
    {
      name: 'Deny statement on *',
      code: stack(`
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['dynamodb:DeleteTable'], resources: ['*'] }));
`),
    },
    {
      name: 'Deny statement on * in JSON',
      code: stack(`
    new iam.CfnManagedPolicy(this, 'Guard', {
      policyDocument: { Statement: [{ Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }] },
    });
`),
    },
    {
      name: 'resources scoped to ARNs, including ARN patterns with *',
      code: stack(`
${TABLE}
${BUCKET}
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [table.tableArn, \`\${table.tableArn}/index/*\`] }));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects('*'), 'arn:aws:s3:::reports/*'] }));
`),
    },
    {
      name: "a key policy statement: '*' means the key itself",
      code: stack(`
    const key = new kms.Key(this, 'LogsKey', { enableKeyRotation: true });
    key.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal(\`logs.\${this.region}.amazonaws.com\`)],
      actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey'],
      resources: ['*'],
    }));
`),
    },
    {
      name: 'a local class called PolicyStatement',
      code: `class PolicyStatement {
  constructor(readonly props: { actions: string[]; resources: string[] }) {}
}

export const audit = new PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] });
`,
    },
  ],
  invalid: [
    {
      name: 'an ARN whose resource part is a wildcard names every resource of its type',
      code: stack(`
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::*'] }));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: ['arn:aws:dynamodb:*:*:table/*'] }));
`),
      errors: [
        {
          line: 19,
          column: 89,
          endLine: 19,
          endColumn: 105,
          severity: 'warning',
          message: "'arn:aws:s3:::*' names every s3 object there is, like '*'. Scope it to the ARN of the resource it is meant for.",
        },
        { line: 20, column: 93, endLine: 20, endColumn: 123, messageId: 'wildcardArn', message: /every dynamodb table there is/ },
      ],
    },
    {
      name: 'no construct in scope: no example ARN of a variable that does not exist (issue 18)',
      code: stack(`
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: ['*'] }));
`),
      errors: [
        {
          line: 19,
          column: 88,
          endLine: 19,
          endColumn: 91,
          message: "This statement applies to every resource ('*'). Scope it to the ARN of the resource it is meant for.",
        },
      ],
    },
    {
      name: "resources: ['*'] with the table in scope: scope it to table.tableArn",
      code: stack(`
${TABLE}
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem', 'dynamodb:Query'], resources: ['*'] }));
`),
      errors: [
        {
          line: 20,
          column: 111,
          endLine: 20,
          endColumn: 114,
          message:
            "This statement applies to every resource ('*'). Scope it to the ARN of the resource it is meant for, for example table.tableArn.",
          fixes: [
            {
              title: 'Scope the statement to table.tableArn',
              isPreferred: false,
              output: stack(`
${TABLE}
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem', 'dynamodb:Query'], resources: [table.tableArn] }));
`),
            },
          ],
        },
      ],
    },
    {
      name: 'S3 actions with the bucket in scope: the bucket and its objects',
      code: stack(`
${BUCKET}
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:ListBucket'], resources: ['*'] }));
`),
      errors: [
        {
          line: 20,
          column: 106,
          endLine: 20,
          endColumn: 109,
          fixes: [
            {
              title: "Scope the statement to bucket.bucketArn and bucket.arnForObjects('*')",
              output: stack(`
${BUCKET}
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:ListBucket'], resources: [bucket.bucketArn, bucket.arnForObjects('*')] }));
`),
            },
          ],
        },
      ],
    },
    {
      name: 'two queues in scope: one fix each',
      code: stack(`
    const jobs = new sqs.Queue(this, 'Jobs');
    const retries = new sqs.Queue(this, 'Retries');
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['*'] }));
`),
      errors: [
        {
          line: 21,
          column: 92,
          endLine: 21,
          endColumn: 95,
          fixes: [
            {
              title: 'Scope the statement to jobs.queueArn',
              output: stack(`
    const jobs = new sqs.Queue(this, 'Jobs');
    const retries = new sqs.Queue(this, 'Retries');
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [jobs.queueArn] }));
`),
            },
            {
              title: 'Scope the statement to retries.queueArn',
              output: stack(`
    const jobs = new sqs.Queue(this, 'Jobs');
    const retries = new sqs.Queue(this, 'Retries');
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [retries.queueArn] }));
`),
            },
          ],
        },
      ],
    },
    {
      name: 'this.table field',
      code: `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';

export class DataStack extends cdk.Stack {
  readonly table = new dynamodb.Table(this, 'Orders', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });

  grantReports(role: iam.IRole): void {
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['dynamodb:Scan'], resources: ['*'] }));
  }
}
`,
      errors: [
        {
          line: 10,
          column: 97,
          endLine: 10,
          endColumn: 100,
          fixes: [
            {
              title: 'Scope the statement to this.table.tableArn',
              output: `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';

export class DataStack extends cdk.Stack {
  readonly table = new dynamodb.Table(this, 'Orders', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });

  grantReports(role: iam.IRole): void {
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['dynamodb:Scan'], resources: [this.table.tableArn] }));
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'KMS actions on * in an identity policy are flagged',
      code: stack(`
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: ['*'] }));
`),
      errors: [{ line: 19, column: 88, endLine: 19, endColumn: 91 }],
    },
    {
      name: 'no resource construct in scope: no fix',
      code: stack(`
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['ssm:GetParameter'], resources: ['*'] }));
`),
      errors: [{ line: 19, column: 93, endLine: 19, endColumn: 96, fixes: [] }],
    },
    {
      name: 'a star-only action beside one that takes a resource is still flagged',
      code: stack(`
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['xray:PutTraceSegments', 'ssm:GetParameter'], resources: ['*'] }));
`),
      errors: [{ line: 19, column: 118, endLine: 19, endColumn: 121 }],
    },
    {
      name: 'addAllResources() is flagged at the call',
      code: stack(`
    const readParams = new iam.PolicyStatement({ actions: ['ssm:GetParameter'] });
    readParams.addAllResources();
`),
      errors: [
        {
          line: 15,
          column: 5,
          endLine: 15,
          endColumn: 33,
          message: /^addAllResources\(\) scopes this statement to every resource/,
          fixes: [],
        },
      ],
    },
    {
      name: "addResources('*') is flagged at the argument",
      code: stack(`
${TABLE}
    const readOrders = new iam.PolicyStatement({ actions: ['dynamodb:GetItem'] });
    readOrders.addResources('*');
`),
      errors: [
        {
          line: 16,
          column: 29,
          endLine: 16,
          endColumn: 32,
          fixes: [
            {
              title: 'Scope the statement to table.tableArn',
              output: stack(`
${TABLE}
    const readOrders = new iam.PolicyStatement({ actions: ['dynamodb:GetItem'] });
    readOrders.addResources(table.tableArn);
`),
            },
          ],
        },
      ],
    },
    {
      name: "JSON Resource: '*' (PolicyStatement.fromJson); two ARNs become an array",
      code: stack(`
${BUCKET}
${FN}
    fn.addToRolePolicy(iam.PolicyStatement.fromJson({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' }));
`),
      errors: [
        {
          line: 20,
          column: 108,
          endLine: 20,
          endColumn: 111,
          fixes: [
            {
              title: "Scope the statement to bucket.bucketArn and bucket.arnForObjects('*')",
              output: stack(`
${BUCKET}
${FN}
    fn.addToRolePolicy(iam.PolicyStatement.fromJson({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: [bucket.bucketArn, bucket.arnForObjects('*')] }));
`),
            },
          ],
        },
      ],
    },
    {
      name: "JSON Resource: '*' in CfnPolicy and CfnRole",
      code: stack(`
    new iam.CfnPolicy(this, 'Policy', {
      policyName: 'params',
      roles: ['worker-role'],
      policyDocument: { Statement: [{ Effect: 'Allow', Action: 'ssm:GetParameters', Resource: ['*'] }] },
    });
    new iam.CfnRole(this, 'Role', {
      assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
      policies: [{ policyName: 'logs', policyDocument: { Statement: [{ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: '*' }] } }],
    });
`),
      errors: [
        { line: 17, column: 96, endLine: 17, endColumn: 99 },
        { line: 21, column: 128, endLine: 21, endColumn: 131 },
      ],
    },

    // ---- Every way an app reaches PolicyStatement ----------------------------------------
    {
      name: 'named, renamed and root-barrel imports',
      code: `import * as cdk from 'aws-cdk-lib';
import { aws_iam as awsIam } from 'aws-cdk-lib';
import { PolicyStatement, PolicyStatement as Statement } from 'aws-cdk-lib/aws-iam';

export const statements = [
  new PolicyStatement({ actions: ['ssm:GetParameter'], resources: ['*'] }),
  new Statement({ actions: ['ssm:GetParameter'], resources: ['*'] }),
  new cdk.aws_iam.PolicyStatement({ actions: ['ssm:GetParameter'], resources: ['*'] }),
  new awsIam.PolicyStatement({ actions: ['ssm:GetParameter'], resources: ['*'] }),
];
`,
      errors: [
        { line: 6, column: 68, endLine: 6, endColumn: 71 },
        { line: 7, column: 62, endLine: 7, endColumn: 65 },
        { line: 8, column: 80, endLine: 8, endColumn: 83 },
        { line: 9, column: 75, endLine: 9, endColumn: 78 },
      ],
    },
    {
      name: 'require() in a JavaScript app',
      filename: 'lib/stack.js',
      code: `const { Stack } = require('aws-cdk-lib');
const iam = require('aws-cdk-lib/aws-iam');

class ParamsStack extends Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const statement = new iam.PolicyStatement({ actions: ['ssm:GetParameter'] });
    statement.addAllResources();
  }
}

module.exports = { ParamsStack };
`,
      errors: [{ line: 8, column: 5, endLine: 8, endColumn: 32 }],
    },
    {
      name: 'CDK v1 @aws-cdk/aws-iam',
      code: `import * as iam from '@aws-cdk/aws-iam';

export const statement = new iam.PolicyStatement({ actions: ['ssm:GetParameter'], resources: ['*'] });
`,
      errors: [{ line: 3, column: 95, endLine: 3, endColumn: 98 }],
    },

    // ---- Values followed through the code ------------------------------------------------
    {
      name: 'shorthand resources held in a const',
      code: stack(`
${FN}
    const resources = ['*'];
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['ssm:GetParameter'], resources }));
`),
      errors: [{ line: 19, column: 24, endLine: 19, endColumn: 27, related: [{ line: 20, column: 81, message: 'Used here' }] }],
    },
    {
      name: 'resources spread from shared baseProps',
      code: stack(`
${FN}
    const baseProps = { resources: ['*'] };
    fn.addToRolePolicy(new iam.PolicyStatement({ ...baseProps, actions: ['ssm:GetParameter'] }));
`),
      errors: [{ line: 19, column: 37, endLine: 19, endColumn: 40, related: [{ line: 20, column: 53, message: 'Used here' }] }],
    },
    {
      name: 'an exported constant from another file',
      code: `import * as iam from 'aws-cdk-lib/aws-iam';
import { ALL_RESOURCES } from './constants';

export const statement = new iam.PolicyStatement({ actions: ['ssm:GetParameter'], resources: [...ALL_RESOURCES] });
`,
      files: { 'lib/constants.ts': "export const ALL_RESOURCES = ['*'];\n" },
      errors: [
        {
          line: 4,
          column: 98,
          endLine: 4,
          endColumn: 111,
          related: [{ file: 'lib/constants.ts', line: 1, column: 31, message: 'Value declared here' }],
          fixes: [],
        },
      ],
    },
  ],
});
