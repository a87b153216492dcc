import type { Rule } from '../../rule';
import s3PublicAccess from '../s3-public-access/rule';
import s3EnforceSsl from '../s3-enforce-ssl/rule';
import s3Unencrypted from '../s3-unencrypted/rule';
import sqsUnencrypted from '../sqs-unencrypted/rule';
import snsUnencrypted from '../sns-unencrypted/rule';
import dynamodbCmk from '../dynamodb-cmk/rule';
import kmsKeyRotation from '../kms-key-rotation/rule';
import logsRetention from '../logs-retention/rule';
import logsUnencrypted from '../logs-unencrypted/rule';
import sqsEnforceSsl from '../sqs-enforce-ssl/rule';
import snsEnforceSsl from '../sns-enforce-ssl/rule';
import rdsUnencrypted from '../rds-unencrypted/rule';

/** Data protection (CDK), in catalog order. */
export const dataRules: Rule[] = [
  s3PublicAccess,
  s3EnforceSsl,
  s3Unencrypted,
  sqsUnencrypted,
  snsUnencrypted,
  dynamodbCmk,
  kmsKeyRotation,
  logsRetention,
  logsUnencrypted,
  sqsEnforceSsl,
  snsEnforceSsl,
  rdsUnencrypted,
];
