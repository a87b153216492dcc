import { ruleTester } from '../../../test/ruleTester';
import { stackFixture, lambdaFunction } from '../../../test/cdkFixtures';
import rule from './rule';

/**
 * Most cases are a statement inside a real CDK stack. `stack(body)` wraps the body in the
 * stack class; the body's first line is line 18 of the file.
 */
const { stack } = stackFixture(
  [
    "import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';",
    "import * as events from 'aws-cdk-lib/aws-events';",
    "import * as iam from 'aws-cdk-lib/aws-iam';",
    "import * as kinesis from 'aws-cdk-lib/aws-kinesis';",
    "import * as kms from 'aws-cdk-lib/aws-kms';",
    "import * as lambda from 'aws-cdk-lib/aws-lambda';",
    "import * as s3 from 'aws-cdk-lib/aws-s3';",
    "import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';",
    "import * as sns from 'aws-cdk-lib/aws-sns';",
    "import * as sfn from 'aws-cdk-lib/aws-stepfunctions';",
    "import * as sqs from 'aws-cdk-lib/aws-sqs';",
  ],
  'AppStack',
);

/** A function bound to `fn`: five lines. */
const FN = lambdaFunction();

const TABLE = `    const table = new dynamodb.Table(this, 'Orders', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });`;

const S3_ALL =
  "'s3:GetObject', 's3:GetObjectVersion', 's3:GetBucketLocation', 's3:ListBucket', 's3:PutObject', 's3:AbortMultipartUpload', 's3:DeleteObject', 's3:DeleteObjectVersion'";
const DYNAMODB_ALL =
  "'dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable', 'dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'";

/** One grant-table row: a resource line, `fn`, and `fn.addToRolePolicy` with `actions` on `'*'`. */
function grantCase(
  name: string,
  resource: string,
  actions: string,
  finding: { column: number; endColumn: number; severity?: 'warning' },
  grant: string,
) {
  const call = `    fn.addToRolePolicy(new iam.PolicyStatement({ actions: [${actions}], resources: ['*'] }));`;
  return {
    name,
    code: stack(`
${resource}
${FN}
${call}
`),
    errors: [
      {
        line: 24,
        ...finding,
        endLine: 24,
        fixes: [
          {
            title: `Replace the policy statement with ${grant.replace(/;\n\s*/g, ' and ').replace(/;$/, '')}`,
            isPreferred: false,
            output: stack(`
${resource}
${FN}
    ${grant}
`),
          },
        ],
      },
    ],
  };
}

/** A stack whose `this.topic` is assigned only after the statement. */
function alertsStack(action: string): string {
  return `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';

export class AlertsStack extends cdk.Stack {
  public readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const fn = new lambda.Function(this, 'Handler', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
    });
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: [${action}], resources: ['*'] }));
    this.topic = new sns.Topic(this, 'Alerts');
  }
}
`;
}

ruleTester(rule, {
  valid: [
    {
      name: 'explicit actions on the table ARN',
      code: stack(`
${TABLE}
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem', 'dynamodb:Query'], resources: [table.tableArn] }));
`),
    },
    {
      name: 'wildcards in resources and condition values are not actions',
      code: stack(`
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({
      actions: ['s3:GetObject'],
      resources: ['arn:aws:s3:::uploads/*'],
      conditions: { StringLike: { 's3:prefix': ['home/*'] } },
    }));
`),
    },
    {
      name: 'Deny statement (namespace Effect)',
      code: stack(`
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['s3:*'], resources: ['*'] }));
`),
    },
    {
      name: 'Deny statement (named Effect import, props held in a const)',
      code: `import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';

const denyDeletes = { effect: Effect.DENY, actions: ['dynamodb:Delete*', '*'], resources: ['*'] };
export const guard = new PolicyStatement(denyDeletes);
`,
    },
    {
      name: 'Deny statement in JSON',
      code: stack(`
    const doc = iam.PolicyDocument.fromJson({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
    });
    new iam.ManagedPolicy(this, 'TlsOnly', { document: doc });
`),
    },
    {
      name: 'a local class called PolicyStatement',
      code: `class PolicyStatement {
  constructor(readonly props: { actions: string[]; resources: string[] }) {}
}

export const audit = new PolicyStatement({ actions: ['*'], resources: ['*'] });
`,
    },
    {
      name: 'a project wrapper called PolicyStatement',
      code: `import { PolicyStatement } from './policy';

export const audit = new PolicyStatement({ actions: ['s3:*'], resources: ['*'] });
`,
      files: { 'lib/policy.ts': 'export class PolicyStatement {\n  constructor(readonly props: object) {}\n}\n' },
    },
    {
      name: 'turned off in the configuration',
      config: { rules: { 'iam-wildcard-action': 'off' } },
      code: stack(`
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));
`),
    },
    {
      name: 'a local variable named iam shadows the import',
      code: stack(`
    const iam = { PolicyStatement: class { constructor(readonly props: object) {} } };
    new iam.PolicyStatement({ actions: ['*'] });
`),
    },
  ],
  invalid: [
    // ---- What is flagged, and where -------------------------------------------------------
    {
      name: "'*' allows every action",
      code: stack(`
${TABLE}
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));
`),
      errors: [{ line: 24, column: 60, endLine: 24, endColumn: 63, message: /every AWS action/, fixes: [] }],
    },
    {
      name: 'service wildcard with no resource in scope: the explicit action list',
      code: stack(`
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
`),
      errors: [
        {
          line: 23,
          column: 60,
          endLine: 23,
          endColumn: 66,
          message:
            "'s3:*' allows every s3 action, including 27 permissions-management actions. Use the resource's grant method (see the quick fix) or list the actions you need.",
          fixes: [
            {
              title: "Replace 's3:*' with 8 explicit actions",
              isPreferred: false,
              output: stack(`
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: [${S3_ALL}], resources: ['*'] }));
`),
            },
          ],
        },
      ],
    },
    {
      name: 'partial wildcard is a warning',
      code: stack(`
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:Get*'], resources: ['arn:aws:s3:::reports/*'] }));
`),
      errors: [
        {
          line: 23,
          column: 60,
          endLine: 23,
          endColumn: 69,
          severity: 'warning',
          message: /'s3:Get\*' is a wildcard/,
          fixes: [
            {
              title: "Replace 's3:Get*' with 3 explicit actions",
              output: stack(`
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetBucketLocation'], resources: ['arn:aws:s3:::reports/*'] }));
`),
            },
          ],
        },
      ],
    },
    {
      name: 'the configured severity replaces both error and warning',
      config: { rules: { 'iam-wildcard-action': 'info' } },
      code: stack(`
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['*', 's3:Get*'], resources: ['*'] }));
`),
      errors: [
        { line: 23, column: 60, endLine: 23, endColumn: 63, severity: 'info' },
        { line: 23, column: 65, endLine: 23, endColumn: 74, severity: 'info' },
      ],
    },
    {
      name: 'a service without a grant row: no fix',
      code: stack(`
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['logs:*'], resources: ['*'] }));
`),
      errors: [{ line: 23, column: 60, endLine: 23, endColumn: 68, fixes: [] }],
    },
    {
      name: 'addActions on a statement',
      code: stack(`
${TABLE}
    const stmt = new iam.PolicyStatement({ resources: [table.tableArn] });
    stmt.addActions('dynamodb:GetItem', 'dynamodb:*');
`),
      errors: [
        {
          line: 20,
          column: 41,
          endLine: 20,
          endColumn: 53,
          // A statement changed after construction is not rewritten into a grant.
          fixes: [
            {
              title: "Replace 'dynamodb:*' with 10 explicit actions",
              output: stack(`
${TABLE}
    const stmt = new iam.PolicyStatement({ resources: [table.tableArn] });
    stmt.addActions('dynamodb:GetItem', ${DYNAMODB_ALL});
`),
            },
          ],
        },
      ],
    },
    {
      name: 'PolicyStatement.fromJson with an Action string',
      code: stack(`
${FN}
    fn.addToRolePolicy(iam.PolicyStatement.fromJson({ Effect: 'Allow', Action: 's3:*', Resource: '*' }));
`),
      errors: [
        {
          line: 23,
          column: 80,
          endLine: 23,
          endColumn: 86,
          fixes: [
            {
              title: "Replace 's3:*' with 8 explicit actions",
              output: stack(`
${FN}
    fn.addToRolePolicy(iam.PolicyStatement.fromJson({ Effect: 'Allow', Action: [${S3_ALL}], Resource: '*' }));
`),
            },
          ],
        },
      ],
    },
    {
      name: 'PolicyDocument.fromJson with an Action array (the Deny statement is silent)',
      code: stack(`
    const doc = iam.PolicyDocument.fromJson({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['sqs:SendMessage', '*'], Resource: '*' },
        { Effect: 'Deny', Action: 'sqs:*', Resource: '*' },
      ],
    });
    new iam.Role(this, 'Worker', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), inlinePolicies: { queue: doc } });
`),
      errors: [{ line: 21, column: 56, endLine: 21, endColumn: 59, message: /every AWS action/ }],
    },
    {
      name: 'inline JSON in CfnPolicy, statement without Effect is an Allow',
      code: stack(`
    new iam.CfnPolicy(this, 'Policy', {
      policyName: 'worker',
      roles: ['worker-role'],
      policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'kms:*', Resource: '*' }] },
    });
`),
      errors: [{ line: 21, column: 70, endLine: 21, endColumn: 77 }],
    },
    {
      name: 'inline JSON in CfnRole policies',
      code: stack(`
    new iam.CfnRole(this, 'Role', {
      assumeRolePolicyDocument: {
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      policies: [{ policyName: 'logs', policyDocument: { Statement: [{ Effect: 'Allow', Action: ['logs:*'], Resource: '*' }] } }],
    });
`),
      errors: [{ line: 22, column: 98, endLine: 22, endColumn: 106, fixes: [] }],
    },
    {
      name: 'inline JSON in CfnManagedPolicy (a single Statement object)',
      code: stack(`
    new iam.CfnManagedPolicy(this, 'Managed', {
      policyDocument: { Statement: { Effect: 'Allow', Action: 'secretsmanager:*', Resource: '*' } },
    });
`),
      errors: [
        {
          line: 19,
          column: 63,
          endLine: 19,
          endColumn: 81,
          fixes: [
            {
              title: "Replace 'secretsmanager:*' with 2 explicit actions",
              output: stack(`
    new iam.CfnManagedPolicy(this, 'Managed', {
      policyDocument: { Statement: { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: '*' } },
    });
`),
            },
          ],
        },
      ],
    },
    {
      name: 'statements of a PolicyDocument given to a Role',
      code: stack(`
    new iam.Role(this, 'Worker', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      inlinePolicies: {
        admin: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })] }),
      },
    });
`),
      errors: [{ line: 21, column: 90, endLine: 21, endColumn: 93 }],
    },

    // ---- Every way an app reaches PolicyStatement ----------------------------------------
    {
      name: 'named import',
      code: `import { PolicyStatement } from 'aws-cdk-lib/aws-iam';

export const statement = new PolicyStatement({ actions: ['*'], resources: ['*'] });
`,
      errors: [{ line: 3, column: 58, endLine: 3, endColumn: 61 }],
    },
    {
      name: 'renamed import',
      code: `import { PolicyStatement as Statement } from 'aws-cdk-lib/aws-iam';

export const statement = new Statement({ actions: ['*'], resources: ['*'] });
`,
      errors: [{ line: 3, column: 52, endLine: 3, endColumn: 55 }],
    },
    {
      name: 'default import of the submodule',
      code: `import iam from 'aws-cdk-lib/aws-iam';

export const statement = new iam.PolicyStatement({ actions: ['*'], resources: ['*'] });
`,
      errors: [{ line: 3, column: 62, endLine: 3, endColumn: 65 }],
    },
    {
      name: 'root barrel namespace: cdk.aws_iam.PolicyStatement',
      code: `import * as cdk from 'aws-cdk-lib';

export const statement = new cdk.aws_iam.PolicyStatement({ actions: ['*'], resources: ['*'] });
`,
      errors: [{ line: 3, column: 70, endLine: 3, endColumn: 73 }],
    },
    {
      name: 'root barrel named submodule: { aws_iam as iam }',
      code: `import { aws_iam as iam } from 'aws-cdk-lib';

export const statement = new iam.PolicyStatement({ actions: ['*'], resources: ['*'] });
`,
      errors: [{ line: 3, column: 62, endLine: 3, endColumn: 65 }],
    },
    {
      name: 'CDK v1 @aws-cdk/aws-iam',
      code: `import * as iam from '@aws-cdk/aws-iam';

export const statement = new iam.PolicyStatement({ actions: ['*'], resources: ['*'] });
`,
      errors: [{ line: 3, column: 62, endLine: 3, endColumn: 65 }],
    },
    {
      name: 'require() in a JavaScript app',
      filename: 'lib/stack.js',
      code: `const cdk = require('aws-cdk-lib');
const iam = require('aws-cdk-lib/aws-iam');
const { PolicyStatement } = require('aws-cdk-lib/aws-iam');
const { aws_iam } = require('aws-cdk-lib');

exports.statements = [
  new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }),
  new PolicyStatement({ actions: ['sqs:*'], resources: ['*'] }),
  new aws_iam.PolicyStatement({ actions: ['sns:*'], resources: ['*'] }),
  new cdk.aws_iam.PolicyStatement({ actions: ['*'], resources: ['*'] }),
];
`,
      errors: [
        { line: 7, column: 39, endLine: 7, endColumn: 45 },
        { line: 8, column: 35, endLine: 8, endColumn: 42 },
        { line: 9, column: 43, endLine: 9, endColumn: 50 },
        { line: 10, column: 47, endLine: 10, endColumn: 50 },
      ],
    },

    // ---- Values followed through the code ------------------------------------------------
    {
      name: 'props object held in a const',
      code: stack(`
${FN}
    const statementProps = { actions: ['s3:*'], resources: ['*'] };
    fn.addToRolePolicy(new iam.PolicyStatement(statementProps));
`),
      errors: [
        {
          line: 23,
          column: 40,
          endLine: 23,
          endColumn: 46,
          related: [{ line: 24, column: 48, message: 'Used here' }],
          fixes: [
            {
              title: "Replace 's3:*' with 8 explicit actions",
              output: stack(`
${FN}
    const statementProps = { actions: [${S3_ALL}], resources: ['*'] };
    fn.addToRolePolicy(new iam.PolicyStatement(statementProps));
`),
            },
          ],
        },
      ],
    },
    {
      name: 'actions spread from shared baseProps',
      code: stack(`
${FN}
    const baseProps = { actions: ['sqs:*'] };
    fn.addToRolePolicy(new iam.PolicyStatement({ ...baseProps, resources: ['*'] }));
`),
      errors: [{ line: 23, column: 35, endLine: 23, endColumn: 42, related: [{ line: 24, column: 53, message: 'Used here' }] }],
    },
    {
      name: 'shorthand properties',
      code: stack(`
${FN}
    const actions = ['sns:*'];
    const resources = ['*'];
    fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources }));
`),
      errors: [{ line: 23, column: 22, endLine: 23, endColumn: 29, related: [{ line: 25, column: 50, message: 'Used here' }] }],
    },
    {
      name: 'array spreads',
      code: stack(`
${FN}
    const READ = ['s3:GetObject', 's3:List*'];
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: [...READ, 'kms:*'], resources: ['*'] }));
`),
      errors: [
        {
          line: 23,
          column: 35,
          endLine: 23,
          endColumn: 45,
          severity: 'warning',
          related: [{ line: 24, column: 63, message: 'Used here' }],
        },
        { line: 24, column: 69, endLine: 24, endColumn: 76 },
      ],
    },
    {
      name: 'a constant exported from another file: the finding is at the use site',
      code: stack(`
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: TABLE_ACTIONS, resources: ['*'] }));
`).replace(
        "import * as sqs from 'aws-cdk-lib/aws-sqs';",
        "import * as sqs from 'aws-cdk-lib/aws-sqs';\nimport { TABLE_ACTIONS } from './constants';",
      ),
      files: { 'lib/constants.ts': "export const TABLE_ACTIONS = ['dynamodb:*'];\n" },
      errors: [
        {
          line: 24,
          column: 59,
          endLine: 24,
          endColumn: 72,
          message: /'dynamodb:\*' allows every dynamodb action/,
          related: [{ file: 'lib/constants.ts', line: 1, column: 31, message: 'Value declared here' }],
          fixes: [],
        },
      ],
    },
    {
      name: 'a constant read through a namespace import of another file',
      code: `import * as iam from 'aws-cdk-lib/aws-iam';
import * as policy from './policy-constants';

export const adminStatement = new iam.PolicyStatement({ actions: [policy.ADMIN_ACTION], resources: ['*'] });
`,
      files: { 'lib/policy-constants.ts': "export const ADMIN_ACTION = '*';\n" },
      errors: [
        {
          line: 4,
          column: 67,
          endLine: 4,
          endColumn: 86,
          related: [{ file: 'lib/policy-constants.ts', line: 1, column: 29, message: 'Value declared here' }],
        },
      ],
    },

    // ---- The grant-method fix: one case per row of the grants table -----------------------
    grantCase(
      'dynamodb:* on a Table → grantReadWriteData',
      TABLE,
      "'dynamodb:*'",
      { column: 60, endColumn: 72 },
      'table.grantReadWriteData(fn);',
    ),
    grantCase(
      'read-only DynamoDB actions → grantReadData',
      TABLE,
      "'dynamodb:Get*', 'dynamodb:Query', 'dynamodb:Scan'",
      { column: 60, endColumn: 75, severity: 'warning' },
      'table.grantReadData(fn);',
    ),
    grantCase(
      'write-only DynamoDB actions → grantWriteData',
      TABLE,
      "'dynamodb:PutItem', 'dynamodb:Update*', 'dynamodb:DeleteItem'",
      { column: 80, endColumn: 98, severity: 'warning' },
      'table.grantWriteData(fn);',
    ),
    grantCase(
      'dynamodb:* on a TableV2',
      "    const table = new dynamodb.TableV2(this, 'Orders', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });",
      "'dynamodb:*'",
      { column: 60, endColumn: 72 },
      'table.grantReadWriteData(fn);',
    ),
    grantCase(
      's3:* on a Bucket → grantReadWrite',
      "    const bucket = new s3.Bucket(this, 'Uploads');",
      "'s3:*'",
      { column: 60, endColumn: 66 },
      'bucket.grantReadWrite(fn);',
    ),
    grantCase(
      's3:Get* → grantRead',
      "    const bucket = new s3.Bucket(this, 'Uploads');",
      "'s3:Get*'",
      { column: 60, endColumn: 69, severity: 'warning' },
      'bucket.grantRead(fn);',
    ),
    grantCase(
      's3:Put* → grantPut',
      "    const bucket = new s3.Bucket(this, 'Uploads');",
      "'s3:Put*'",
      { column: 60, endColumn: 69, severity: 'warning' },
      'bucket.grantPut(fn);',
    ),
    grantCase(
      'sqs:* → grantSendMessages and grantConsumeMessages',
      "    const queue = new sqs.Queue(this, 'Jobs');",
      "'sqs:*'",
      { column: 60, endColumn: 67 },
      'queue.grantSendMessages(fn);\n    queue.grantConsumeMessages(fn);',
    ),
    grantCase(
      'sqs:Send* → grantSendMessages',
      "    const queue = new sqs.Queue(this, 'Jobs');",
      "'sqs:Send*'",
      { column: 60, endColumn: 71, severity: 'warning' },
      'queue.grantSendMessages(fn);',
    ),
    grantCase(
      'consume-only SQS actions → grantConsumeMessages',
      "    const queue = new sqs.Queue(this, 'Jobs');",
      "'sqs:Receive*', 'sqs:DeleteMessage'",
      { column: 60, endColumn: 74, severity: 'warning' },
      'queue.grantConsumeMessages(fn);',
    ),
    grantCase(
      'sns:* → grantPublish',
      "    const topic = new sns.Topic(this, 'Events');",
      "'sns:*'",
      { column: 60, endColumn: 67 },
      'topic.grantPublish(fn);',
    ),
    grantCase(
      'secretsmanager:* → grantRead',
      "    const secret = new secretsmanager.Secret(this, 'ApiKey');",
      "'secretsmanager:*'",
      { column: 60, endColumn: 78 },
      'secret.grantRead(fn);',
    ),
    grantCase(
      'kms:* → grantEncryptDecrypt',
      "    const key = new kms.Key(this, 'DataKey', { enableKeyRotation: true });",
      "'kms:*'",
      { column: 60, endColumn: 67 },
      'key.grantEncryptDecrypt(fn);',
    ),
    grantCase(
      'kms:Decrypt* → grantDecrypt',
      "    const key = new kms.Key(this, 'DataKey', { enableKeyRotation: true });",
      "'kms:Decrypt*'",
      { column: 60, endColumn: 74, severity: 'warning' },
      'key.grantDecrypt(fn);',
    ),
    grantCase(
      'encrypt-only KMS actions → grantEncrypt',
      "    const key = new kms.Key(this, 'DataKey', { enableKeyRotation: true });",
      "'kms:Encrypt', 'kms:GenerateDataKey*'",
      { column: 75, endColumn: 97, severity: 'warning' },
      'key.grantEncrypt(fn);',
    ),
    grantCase(
      'lambda:* → otherFn.grantInvoke(fn), never fn.grantInvoke(fn)',
      "    const resize = new lambda.Function(this, 'Resize', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'resize.handler', code: lambda.Code.fromAsset('lambda') });",
      "'lambda:*'",
      { column: 60, endColumn: 70 },
      'resize.grantInvoke(fn);',
    ),
    grantCase(
      'lambda:Invoke* → grantInvoke',
      "    const resize = new lambda.Function(this, 'Resize', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'resize.handler', code: lambda.Code.fromAsset('lambda') });",
      "'lambda:Invoke*'",
      { column: 60, endColumn: 76, severity: 'warning' },
      'resize.grantInvoke(fn);',
    ),
    grantCase(
      'events:* → grantPutEventsTo',
      "    const bus = new events.EventBus(this, 'Bus');",
      "'events:*'",
      { column: 60, endColumn: 70 },
      'bus.grantPutEventsTo(fn);',
    ),
    grantCase(
      'states:* → grantStartExecution',
      "    const machine = new sfn.StateMachine(this, 'Flow', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(this, 'Start')) });",
      "'states:*'",
      { column: 60, endColumn: 70 },
      'machine.grantStartExecution(fn);',
    ),
    grantCase(
      'kinesis:* → grantReadWrite',
      "    const stream = new kinesis.Stream(this, 'Clicks');",
      "'kinesis:*'",
      { column: 60, endColumn: 71 },
      'stream.grantReadWrite(fn);',
    ),
    grantCase(
      'kinesis:Get* → grantRead',
      "    const stream = new kinesis.Stream(this, 'Clicks');",
      "'kinesis:Get*'",
      { column: 60, endColumn: 74, severity: 'warning' },
      'stream.grantRead(fn);',
    ),
    grantCase(
      'kinesis:Put* → grantWrite',
      "    const stream = new kinesis.Stream(this, 'Clicks');",
      "'kinesis:Put*'",
      { column: 60, endColumn: 74, severity: 'warning' },
      'stream.grantWrite(fn);',
    ),

    // ---- The grant-method fix: where the statement is attached ----------------------------
    {
      name: 'role.addToPolicy: the role is the grantee',
      code: stack(`
${TABLE}
    const role = new iam.Role(this, 'WorkerRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
`),
      errors: [
        {
          line: 20,
          column: 58,
          endLine: 20,
          endColumn: 70,
          fixes: [
            {
              title: 'Replace the policy statement with table.grantReadWriteData(role)',
              isPreferred: false,
              output: stack(`
${TABLE}
    const role = new iam.Role(this, 'WorkerRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    table.grantReadWriteData(role);
`),
            },
          ],
        },
      ],
    },
    {
      name: 'addToPrincipalPolicy on the grant principal',
      code: stack(`
${TABLE}
${FN}
    fn.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
`),
      errors: [
        {
          line: 24,
          column: 80,
          endLine: 24,
          endColumn: 92,
          fixes: [
            {
              title: 'Replace the policy statement with table.grantReadWriteData(fn.grantPrincipal)',
              output: stack(`\n${TABLE}\n${FN}\n    table.grantReadWriteData(fn.grantPrincipal);\n`),
            },
          ],
        },
      ],
    },
    {
      name: 'fn.role?.addToPrincipalPolicy: the function is the grantee',
      code: stack(`
${TABLE}
${FN}
    fn.role?.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
`),
      errors: [
        {
          line: 24,
          column: 71,
          endLine: 24,
          endColumn: 83,
          fixes: [
            {
              title: 'Replace the policy statement with table.grantReadWriteData(fn)',
              output: stack(`\n${TABLE}\n${FN}\n    table.grantReadWriteData(fn);\n`),
            },
          ],
        },
      ],
    },
    {
      name: 'a statement held in a variable: its declaration is removed too',
      code: stack(`
${TABLE}
${FN}
    const tableAccess = new iam.PolicyStatement({
      actions: ['dynamodb:*'],
      resources: ['*'],
    });
    fn.addToRolePolicy(tableAccess);
`),
      errors: [
        {
          line: 25,
          column: 17,
          endLine: 25,
          endColumn: 29,
          fixes: [
            {
              title: 'Replace the policy statement with table.grantReadWriteData(fn)',
              output: stack(`
${TABLE}
${FN}
    table.grantReadWriteData(fn);
`),
            },
          ],
        },
      ],
    },
    {
      name: 'a statement variable used twice: the grant fix would break the other use',
      code: stack(`
${TABLE}
${FN}
    const tableAccess = new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] });
    fn.addToRolePolicy(tableAccess);
    new iam.ManagedPolicy(this, 'Ops', { statements: [tableAccess] });
`),
      errors: [
        {
          line: 24,
          column: 61,
          endLine: 24,
          endColumn: 73,
          fixes: [
            {
              title: "Replace 'dynamodb:*' with 10 explicit actions",
              output: stack(`
${TABLE}
${FN}
    const tableAccess = new iam.PolicyStatement({ actions: [${DYNAMODB_ALL}], resources: ['*'] });
    fn.addToRolePolicy(tableAccess);
    new iam.ManagedPolicy(this, 'Ops', { statements: [tableAccess] });
`),
            },
          ],
        },
      ],
    },
    {
      name: 'initialPolicy with the only statement: the property goes, the grant follows the function',
      code: stack(`
${TABLE}
    const fn = new lambda.Function(this, 'Handler', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
      initialPolicy: [new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] })],
    });
`),
      errors: [
        {
          line: 23,
          column: 59,
          endLine: 23,
          endColumn: 71,
          fixes: [
            {
              title: 'Replace the policy statement with table.grantReadWriteData(fn)',
              isPreferred: false,
              output: stack(`
${TABLE}
${FN}
    table.grantReadWriteData(fn);
`),
            },
          ],
        },
      ],
    },
    {
      name: 'initialPolicy: [stmt]: the declaration and the property go',
      code: stack(`
    const queue = new sqs.Queue(this, 'Jobs');
    const sendJobs = new iam.PolicyStatement({ actions: ['sqs:Send*'], resources: ['*'] });
    const fn = new lambda.Function(this, 'Handler', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
      initialPolicy: [sendJobs],
    });
`),
      errors: [
        {
          line: 19,
          column: 58,
          endLine: 19,
          endColumn: 69,
          severity: 'warning',
          fixes: [
            {
              title: 'Replace the policy statement with queue.grantSendMessages(fn)',
              output: stack(`
    const queue = new sqs.Queue(this, 'Jobs');
${FN}
    queue.grantSendMessages(fn);
`),
            },
          ],
        },
      ],
    },
    {
      name: 'initialPolicy with two statements: only the element goes',
      code: stack(`
    const bucket = new s3.Bucket(this, 'Uploads');
    const fn = new lambda.Function(this, 'Handler', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
      initialPolicy: [
        new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }),
        new iam.PolicyStatement({ actions: ['xray:PutTraceSegments'], resources: ['*'] }),
      ],
    });
`),
      errors: [
        {
          line: 24,
          column: 45,
          endLine: 24,
          endColumn: 51,
          fixes: [
            {
              title: 'Replace the policy statement with bucket.grantReadWrite(fn)',
              output: stack(`
    const bucket = new s3.Bucket(this, 'Uploads');
    const fn = new lambda.Function(this, 'Handler', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
      initialPolicy: [
        new iam.PolicyStatement({ actions: ['xray:PutTraceSegments'], resources: ['*'] }),
      ],
    });
    bucket.grantReadWrite(fn);
`),
            },
          ],
        },
      ],
    },
    {
      name: 'two tables in scope: one fix each',
      code: stack(`
    const orders = new dynamodb.Table(this, 'Orders', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    const archive = new dynamodb.Table(this, 'Archive', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
`),
      errors: [
        {
          line: 25,
          column: 60,
          endLine: 25,
          endColumn: 72,
          fixes: [
            {
              title: 'Replace the policy statement with orders.grantReadWriteData(fn)',
              output: stack(`
    const orders = new dynamodb.Table(this, 'Orders', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    const archive = new dynamodb.Table(this, 'Archive', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
${FN}
    orders.grantReadWriteData(fn);
`),
            },
            {
              title: 'Replace the policy statement with archive.grantReadWriteData(fn)',
              output: stack(`
    const orders = new dynamodb.Table(this, 'Orders', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    const archive = new dynamodb.Table(this, 'Archive', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
${FN}
    archive.grantReadWriteData(fn);
`),
            },
          ],
        },
      ],
    },
    {
      name: 'resources naming one table: only that table is offered',
      code: stack(`
    const orders = new dynamodb.Table(this, 'Orders', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    const archive = new dynamodb.Table(this, 'Archive', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: [archive.tableArn] }));
`),
      errors: [
        {
          line: 25,
          column: 60,
          endLine: 25,
          endColumn: 72,
          fixes: [
            {
              title: 'Replace the policy statement with archive.grantReadWriteData(fn)',
              output: stack(`
    const orders = new dynamodb.Table(this, 'Orders', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    const archive = new dynamodb.Table(this, 'Archive', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
${FN}
    archive.grantReadWriteData(fn);
`),
            },
          ],
        },
      ],
    },
    {
      name: 'this.table and this.handler fields',
      code: `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';

export class OrdersStack extends cdk.Stack {
  public readonly table: dynamodb.Table;
  private readonly handler: lambda.Function;

  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    this.table = new dynamodb.Table(this, 'Orders', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    this.handler = new lambda.Function(this, 'Handler', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
    });
    this.handler.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
  }
}
`,
      errors: [
        {
          line: 19,
          column: 70,
          endLine: 19,
          endColumn: 82,
          fixes: [
            {
              title: 'Replace the policy statement with this.table.grantReadWriteData(this.handler)',
              output: `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';

export class OrdersStack extends cdk.Stack {
  public readonly table: dynamodb.Table;
  private readonly handler: lambda.Function;

  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    this.table = new dynamodb.Table(this, 'Orders', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    this.handler = new lambda.Function(this, 'Handler', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
    });
    this.table.grantReadWriteData(this.handler);
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a field the constructor assigns after the statement is not offered',
      code: alertsStack("'sns:*'"),
      errors: [
        {
          line: 17,
          column: 60,
          endLine: 17,
          endColumn: 67,
          fixes: [{ title: "Replace 'sns:*' with 1 explicit action", output: alertsStack("'sns:Publish'") }],
        },
      ],
    },

    // ---- Where the grant fix must not be offered -------------------------------------------
    {
      name: 'statement with conditions: grants would drop them, the explicit list keeps them',
      code: stack(`
${TABLE}
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({
      actions: ['dynamodb:*'],
      resources: ['*'],
      conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['tenant-a'] } },
    }));
`),
      errors: [
        {
          line: 25,
          column: 17,
          endLine: 25,
          endColumn: 29,
          fixes: [
            {
              title: "Replace 'dynamodb:*' with 10 explicit actions",
              output: stack(`
${TABLE}
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({
      actions: [${DYNAMODB_ALL}],
      resources: ['*'],
      conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['tenant-a'] } },
    }));
`),
            },
          ],
        },
      ],
    },
    {
      name: 'a condition added after construction: no grant fix',
      code: stack(`
${TABLE}
${FN}
    const tenantRows = new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: [table.tableArn] });
    tenantRows.addCondition('ForAllValues:StringEquals', { 'dynamodb:LeadingKeys': ['tenant-a'] });
    fn.addToRolePolicy(tenantRows);
`),
      errors: [
        {
          line: 24,
          column: 60,
          endLine: 24,
          endColumn: 72,
          fixes: [
            {
              title: "Replace 'dynamodb:*' with 10 explicit actions",
              output: stack(`
${TABLE}
${FN}
    const tenantRows = new iam.PolicyStatement({ actions: [${DYNAMODB_ALL}], resources: [table.tableArn] });
    tenantRows.addCondition('ForAllValues:StringEquals', { 'dynamodb:LeadingKeys': ['tenant-a'] });
    fn.addToRolePolicy(tenantRows);
`),
            },
          ],
        },
      ],
    },
    {
      name: 'a resource policy statement (principals) is flagged, but never turned into a grant',
      code: stack(`
    const bucket = new s3.Bucket(this, 'Uploads');
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.AccountPrincipal('210987654321')],
      actions: ['s3:*'],
      resources: [bucket.arnForObjects('*')],
    }));
`),
      errors: [
        {
          line: 21,
          column: 17,
          endLine: 21,
          endColumn: 23,
          fixes: [
            {
              title: "Replace 's3:*' with 8 explicit actions",
              output: stack(`
    const bucket = new s3.Bucket(this, 'Uploads');
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.AccountPrincipal('210987654321')],
      actions: [${S3_ALL}],
      resources: [bucket.arnForObjects('*')],
    }));
`),
            },
          ],
        },
      ],
    },
    {
      name: 'actions spanning two services',
      code: stack(`
${TABLE}
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*', 'sqs:SendMessage'], resources: ['*'] }));
`),
      errors: [
        {
          line: 24,
          column: 60,
          endLine: 24,
          endColumn: 72,
          fixes: [
            {
              title: "Replace 'dynamodb:*' with 10 explicit actions",
              output: stack(`
${TABLE}
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: [${DYNAMODB_ALL}, 'sqs:SendMessage'], resources: ['*'] }));
`),
            },
          ],
        },
      ],
    },
    {
      name: 'resources naming another construct than the table in scope',
      code: stack(`
${TABLE}
    const bucket = new s3.Bucket(this, 'Exports');
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: [bucket.bucketArn] }));
`),
      errors: [
        {
          line: 25,
          column: 60,
          endLine: 25,
          endColumn: 72,
          fixes: [
            {
              title: "Replace 'dynamodb:*' with 10 explicit actions",
              output: stack(`
${TABLE}
    const bucket = new s3.Bucket(this, 'Exports');
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: [${DYNAMODB_ALL}], resources: [bucket.bucketArn] }));
`),
            },
          ],
        },
      ],
    },
    {
      name: 'resources naming a resource that is not in scope',
      code: stack(`
${TABLE}
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['arn:aws:dynamodb:us-east-1:123456789012:table/Legacy'] }));
`),
      errors: [
        {
          line: 24,
          column: 60,
          endLine: 24,
          endColumn: 72,
          fixes: [
            {
              title: "Replace 'dynamodb:*' with 10 explicit actions",
              output: stack(`
${TABLE}
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: [${DYNAMODB_ALL}], resources: ['arn:aws:dynamodb:us-east-1:123456789012:table/Legacy'] }));
`),
            },
          ],
        },
      ],
    },
    {
      name: 'a resource declared after the statement is not in scope',
      code: stack(`
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sns:*'], resources: ['*'] }));
    const topic = new sns.Topic(this, 'Alerts');
`),
      errors: [
        {
          line: 23,
          column: 60,
          endLine: 23,
          endColumn: 67,
          fixes: [
            {
              title: "Replace 'sns:*' with 1 explicit action",
              output: stack(`
${FN}
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }));
    const topic = new sns.Topic(this, 'Alerts');
`),
            },
          ],
        },
      ],
    },
  ],
});
