import * as assert from 'node:assert/strict';
import { pythonSpelling } from './names';

describe('CDK messages in Python spelling', () => {
  const cases: Array<[string, string]> = [
    ['Set enforceSSL: true.', 'Set enforce_ssl=True.'],
    ['for example this.table.tableArn.', 'for example self.table.table_arn.'],
    ['Use table.grantReadWriteData(fn).', 'Use table.grant_read_write_data(fn).'],
    ['with resourceArn: api.deploymentStage.stageArn)', 'with resource_arn=api.deployment_stage.stage_arn)'],
    ['Add versioned: true.', 'Add versioned=True.'],
    // Prose with a colon stays prose; class and enum names keep their spelling.
    ['no validation: API Gateway passes any payload', 'no validation: API Gateway passes any payload'],
    ['Reference it instead: SecretValue.secretsManager(name)', 'Reference it instead: SecretValue.secrets_manager(name)'],
    ['Use BucketEncryption.S3_MANAGED (SSE-S3).', 'Use BucketEncryption.S3_MANAGED (SSE-S3).'],
    // A prop's name followed by prose is not a keyword argument (seen on CDK v1 queues and HTTP APIs).
    [
      "CDK v1 has no enforceSSL: add a policy statement that denies sqs:* when aws:SecureTransport is 'false'.",
      "CDK v1 has no enforce_ssl: add a policy statement that denies sqs:* when aws:SecureTransport is 'false'.",
    ],
    ['the API has no defaultAuthorizer: anyone can call it', 'the API has no default_authorizer: anyone can call it'],
  ];
  for (const [ts, py] of cases) it(ts, () => assert.equal(pythonSpelling(ts), py));
});
