import type { Value } from '../../model/values';
import { cannotTell, humanize, info, judgeBoolean, memberOf, ok, risk, show } from '../judge';
import type { ConstructNote, Judgement } from '../types';

/** Logs and audit: CloudWatch log groups and CloudTrail trails. */

/** A `logs.RetentionDays` value. */
export function retention(v: Value): Judgement {
  const m = memberOf(v, 'aws-logs.RetentionDays');
  if (m === undefined) return cannotTell(v);
  return m === 'INFINITE' ? risk('logs never expire: whatever they hold is kept for good') : ok(`logs are kept for ${humanize(m)}`);
}

export const LOG_GROUP: ConstructNote = {
  classes: ['aws-logs.LogGroup'],
  label: 'CloudWatch log group',
  about: 'Logs hold request details, identifiers and, by mistake, secrets. Decide how long they are kept and whose key protects them.',
  guide: 'monitoring.md#log-retention',
  rules: ['logs-retention', 'logs-unencrypted'],
  propsIndex: 2,
  props: {
    retention: {
      about: 'How long log events are kept before CloudWatch deletes them.',
      rules: ['logs-retention'],
      judge: (v) => (v === undefined ? ok('not set — two years (the CDK default)') : retention(v)),
    },
    encryptionKey: {
      about: 'A KMS key for the log data. The key policy must let the CloudWatch Logs service principal use it.',
      guide: 'monitoring.md#log-encryption',
      rules: ['logs-unencrypted'],
      judge: (v) =>
        v === undefined
          ? info('not set — encrypted with keys CloudWatch Logs owns; a KMS key lets you control and audit who decrypts')
          : ok(`encrypted with ${show(v)}`),
    },
    dataProtectionPolicy: {
      about: 'Finds sensitive data (credentials, personal data) in log events and masks it.',
      guide: 'function-security.md#logging-sensitive-data',
      onlyWhenSet: true,
      judge: (v) => (v ? ok('sensitive data in log events is masked') : undefined),
    },
  },
};

export const TRAIL: ConstructNote = {
  classes: ['aws-cloudtrail.Trail'],
  label: 'CloudTrail trail',
  about:
    'The record of who called which AWS API, when and from where. It should see every Region, include global services such as IAM, and be tamper-evident.',
  guide: 'monitoring.md#cloudtrail',
  rules: ['trail-single-region'],
  propsIndex: 2,
  props: {
    isMultiRegionTrail: {
      about: "Records events from every Region, not only the stack's own.",
      rules: ['trail-single-region'],
      judge: (v) =>
        judgeBoolean(v, {
          true: ok('records every Region'),
          false: risk('records only this Region: activity anywhere else goes unrecorded'),
          unset: ok('not set — records every Region (the default)'),
        }),
    },
    includeGlobalServiceEvents: {
      about: 'Records events of global services such as IAM, STS and CloudFront.',
      judge: (v) =>
        judgeBoolean(v, {
          true: ok('IAM and other global service events are recorded'),
          false: risk('IAM and other global service events are not recorded'),
          unset: ok('not set — global service events are recorded (the default)'),
        }),
    },
    enableFileValidation: {
      about: 'Writes signed digest files, so you can prove log files were not changed or deleted.',
      judge: (v) =>
        judgeBoolean(v, {
          true: ok('log file integrity can be validated'),
          false: risk('changed or deleted log files cannot be detected'),
          unset: ok('not set — log file validation is on (the default)'),
        }),
    },
    encryptionKey: {
      about: 'A KMS key for the log files, so reading them also needs permission on the key.',
      guide: 'monitoring.md#log-encryption',
      judge: (v) =>
        v === undefined ? info("not set — log files use the bucket's S3-managed encryption") : ok(`encrypted with ${show(v)}`),
    },
    sendToCloudWatchLogs: {
      about: 'Also delivers events to CloudWatch Logs, where metric filters and alarms can watch for unusual activity.',
      judge: (v) =>
        judgeBoolean(v, {
          true: ok('events also go to CloudWatch Logs, ready for alarms'),
          false: info('events are not sent to CloudWatch Logs: no alarms on them'),
          unset: info('not set — events are not sent to CloudWatch Logs: no alarms on them'),
        }),
    },
  },
};
