import { ruleTester, type ExpectedFinding } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import { spanOf } from '../../../test/pythonFixtures';
import rule from './rule';

const { stack } = stackFixture(
  [
    "import * as iam from 'aws-cdk-lib/aws-iam';",
    "import * as sqs from 'aws-cdk-lib/aws-sqs';",
    "import * as sns from 'aws-cdk-lib/aws-sns';",
    "import * as s3 from 'aws-cdk-lib/aws-s3';",
    "import * as kms from 'aws-cdk-lib/aws-kms';",
    "import * as events from 'aws-cdk-lib/aws-events';",
    "import * as ecr from 'aws-cdk-lib/aws-ecr';",
    "import * as lambda from 'aws-cdk-lib/aws-lambda';",
    "import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';",
  ],
  'SharingStack',
);

const STATEMENT = (resource: string) =>
  `This statement of the ${resource}'s resource policy allows any principal, from any AWS account, with no condition that narrows it. Name the accounts, roles or services that need access, or add a condition such as aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID.`;

/** The finding at `target` inside `context` of `code` (exact range), with more expectations. */
const at = (code: string, context: string, target?: string, more: Partial<ExpectedFinding> = {}, nth = 0): ExpectedFinding => ({
  ...spanOf(code, context, target, nth),
  ...more,
});

const queueCode = stack(`
    const queue = new sqs.Queue(this, 'Jobs');
    queue.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.AnyPrincipal()],
      actions: ['sqs:SendMessage'],
      resources: [queue.queueArn],
    }));
`);

const everyResource = stack(`
    const topic = new sns.Topic(this, 'Events');
    topic.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.StarPrincipal()], actions: ['sns:Publish'], resources: [topic.topicArn] }));
    const bucket = new s3.Bucket(this, 'Files');
    bucket.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.ArnPrincipal('*')], actions: ['s3:GetObject'], resources: [bucket.arnForObjects('*')] }));
    const key = new kms.Key(this, 'Key', { enableKeyRotation: true });
    const keyStatement = new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: ['*'] });
    keyStatement.addAnyPrincipal();
    key.addToResourcePolicy(keyStatement);
    const bus = new events.EventBus(this, 'Bus');
    bus.addToResourcePolicy(new iam.PolicyStatement({ sid: 'all', principals: [new iam.AnyPrincipal()], actions: ['events:PutEvents'], resources: [bus.eventBusArn] }));
    const repo = new ecr.Repository(this, 'Images');
    repo.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['ecr:BatchGetImage'] }));
    const secret = new secretsmanager.Secret(this, 'Token');
    secret.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['secretsmanager:GetSecretValue'], resources: ['*'] }));
`);

const grants = stack(`
    const queue = new sqs.Queue(this, 'Jobs');
    queue.grantSendMessages(new iam.AnyPrincipal());
    const secret = new secretsmanager.Secret(this, 'Token');
    secret.grantRead(new iam.StarPrincipal());
    const bucket = new s3.Bucket(this, 'Files');
    bucket.grantRead(new iam.AnyPrincipal());
`);

const l1 = stack(`
    new sqs.CfnQueuePolicy(this, 'QueuePolicy', {
      queues: ['https://sqs.eu-west-1.amazonaws.com/123456789012/jobs'],
      policyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' }] },
    });
    new s3.CfnBucketPolicy(this, 'BucketPolicy', {
      bucket: 'files',
      policyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: ['*'] }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::files/*' }] },
    });
    new sns.CfnTopicPolicy(this, 'TopicPolicy', {
      topics: ['arn:aws:sns:eu-west-1:123456789012:events'],
      policyDocument: new iam.PolicyDocument({
        statements: [new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['sns:Publish'], resources: ['*'] })],
      }),
    });
    new events.CfnEventBusPolicy(this, 'BusPolicy', { statementId: 'all', statement: { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'events:PutEvents', Resource: '*' } });
    new events.CfnEventBusPolicy(this, 'Legacy', { statementId: 'legacy', action: 'events:PutEvents', principal: '*' });
`);

const SHARED_STATEMENT = `import * as iam from 'aws-cdk-lib/aws-iam';

export const PUBLIC_READ = new iam.PolicyStatement({
  principals: [new iam.AnyPrincipal()],
  actions: ['sqs:ReceiveMessage'],
  resources: ['*'],
});
`;
const usesShared = stack(`
    const queue = new sqs.Queue(this, 'Jobs');
    queue.addToResourcePolicy(PUBLIC_READ);
`).replace(
  "import * as iam from 'aws-cdk-lib/aws-iam';",
  "import * as iam from 'aws-cdk-lib/aws-iam';\nimport { PUBLIC_READ } from './statements';",
);

const js = `const cdk = require('aws-cdk-lib');
const iam = require('aws-cdk-lib/aws-iam');
const { Topic } = require('aws-cdk-lib/aws-sns');

class SharingStack extends cdk.Stack {
  constructor(scope, id) {
    super(scope, id);
    const topic = new Topic(this, 'Events');
    topic.grantPublish(new iam.AnyPrincipal());
  }
}

module.exports = { SharingStack };
`;

const v1 = `import * as cdk from '@aws-cdk/core';
import * as iam from '@aws-cdk/aws-iam';
import * as sqs from '@aws-cdk/aws-sqs';

export class LegacyStack extends cdk.Stack {
  constructor(scope: cdk.Construct, id: string) {
    super(scope, id);
    const queue = new sqs.Queue(this, 'Jobs');
    queue.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['sqs:*'] }));
  }
}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'a * principal narrowed by aws:SourceArn, aws:SourceAccount (a method), aws:PrincipalOrgID (JSON), aws:SourceVpce (addCondition), access points of one account',
      code: stack(`
    const queue = new sqs.Queue(this, 'Jobs');
    const topic = new sns.Topic(this, 'Events');
    queue.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.AnyPrincipal()],
      actions: ['sqs:SendMessage'],
      resources: [queue.queueArn],
      conditions: { ArnEquals: { 'aws:SourceArn': topic.topicArn } },
    }));
    const fromAccount = new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['sns:Publish'], resources: [topic.topicArn] });
    fromAccount.addSourceAccountCondition(this.account);
    topic.addToResourcePolicy(fromAccount);
    const viaEndpoint = new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['sqs:ReceiveMessage'], resources: [queue.queueArn] });
    viaEndpoint.addCondition('StringEquals', { 'aws:SourceVpce': 'vpce-1a2b3c4d' });
    queue.addToResourcePolicy(viaEndpoint);
    new s3.CfnBucketPolicy(this, 'Org', {
      bucket: 'files',
      policyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }] },
    });
    new events.CfnEventBusPolicy(this, 'Legacy', { statementId: 'org', action: 'events:PutEvents', principal: '*', condition: { type: 'StringEquals', key: 'aws:PrincipalOrgID', value: 'o-abc123' } });
    const delegated = new s3.Bucket(this, 'Delegated');
    delegated.addToResourcePolicy(new iam.PolicyStatement({
      actions: ['*'],
      principals: [new iam.AnyPrincipal()],
      resources: [delegated.bucketArn, delegated.arnForObjects('*')],
      conditions: { StringEquals: { 's3:DataAccessPointAccount': cdk.Aws.ACCOUNT_ID } },
    }));
`),
    },
    {
      name: 'Deny statements (the enforceSSL shape), service and account principals, conditions we cannot read',
      code: stack(`
    const bucket = new s3.Bucket(this, 'Files');
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:*'],
      resources: [bucket.bucketArn],
      conditions: { Bool: { 'aws:SecureTransport': 'false' } },
    }));
    const queue = new sqs.Queue(this, 'Jobs');
    queue.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.ServicePrincipal('sns.amazonaws.com')], actions: ['sqs:SendMessage'] }));
    queue.grantConsumeMessages(new iam.AccountPrincipal('123456789012'));
    const conditions = this.node.tryGetContext('conditions');
    queue.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['sqs:SendMessage'], conditions }));
`),
    },
    {
      name: "Lambda grants and public buckets are the other rules' findings (lambda-public-invoke, s3-public-access)",
      code: stack(`
    const fn = new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') });
    fn.grantInvoke(new iam.AnyPrincipal());
    const bucket = new s3.Bucket(this, 'Site');
    bucket.grantPublicAccess();
`),
    },
  ],
  invalid: [
    {
      name: 'addToResourcePolicy on a queue with AnyPrincipal: reported at the principal',
      code: queueCode,
      errors: [at(queueCode, 'new iam.AnyPrincipal()', undefined, { message: STATEMENT('queue') })],
    },
    {
      name: 'topic, bucket, key (addAnyPrincipal), event bus, repository and secret; StarPrincipal and ArnPrincipal(*)',
      code: everyResource,
      errors: [
        at(everyResource, 'new iam.StarPrincipal()', undefined, { message: STATEMENT('topic') }),
        at(everyResource, "new iam.ArnPrincipal('*')", undefined, { message: STATEMENT('bucket') }),
        at(everyResource, 'keyStatement.addAnyPrincipal()', undefined, { message: STATEMENT('key') }),
        at(everyResource, 'new iam.AnyPrincipal()', undefined, { message: STATEMENT('event bus') }, 0),
        at(everyResource, 'new iam.AnyPrincipal()', undefined, { message: STATEMENT('repository') }, 1),
        at(everyResource, 'new iam.AnyPrincipal()', undefined, { message: STATEMENT('secret') }, 2),
      ],
    },
    {
      name: 'grant methods with anyone as grantee (a bucket grant that s3-public-access does not report included)',
      code: grants,
      errors: [
        at(grants, 'new iam.AnyPrincipal()', undefined, {
          message:
            "grantSendMessages() with this principal adds a statement to the queue's resource policy that lets any AWS account use it. Grant to the role, account or service principal that needs access.",
        }),
        at(grants, 'new iam.StarPrincipal()', undefined, { messageId: 'grant', message: /^grantRead\(\) .* the secret's resource policy/ }),
        at(grants, 'new iam.AnyPrincipal()', undefined, { messageId: 'grant', message: /the bucket's resource policy/ }, 1),
      ],
    },
    {
      name: 'L1 policies: CfnQueuePolicy, CfnBucketPolicy ({ AWS: [*] }), CfnTopicPolicy with a PolicyDocument, CfnEventBusPolicy statement and legacy principal',
      code: l1,
      errors: [
        at(l1, "Principal: '*', Action: 'sqs", "'*'", { message: STATEMENT('queue') }),
        at(l1, "AWS: ['*']", "'*'", { message: STATEMENT('bucket') }),
        at(l1, 'new iam.AnyPrincipal()', undefined, { message: STATEMENT('topic') }),
        at(l1, "Principal: { AWS: '*' }", "'*'", { message: STATEMENT('event bus') }),
        at(l1, "principal: '*'", "'*'", { message: STATEMENT('event bus') }),
      ],
    },
    {
      name: 'a statement exported from another file: reported where this file adds it',
      code: usesShared,
      files: { 'lib/statements.ts': SHARED_STATEMENT },
      errors: [at(usesShared, 'PUBLIC_READ);', 'PUBLIC_READ')],
    },
    { name: 'require() in a JavaScript app', filename: 'lib/stack.js', code: js, errors: [at(js, 'new iam.AnyPrincipal()')] },
    { name: 'CDK v1 @aws-cdk/aws-sqs', code: v1, errors: [at(v1, 'new iam.AnyPrincipal()')] },
  ],
});
