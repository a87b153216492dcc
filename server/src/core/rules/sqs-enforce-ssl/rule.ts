import { enforceSslRule } from '../../cdk/enforceSsl';

/** Dead-letter queues are queues too: they get the same check. */
export default enforceSslRule({
  id: 'sqs-enforce-ssl',
  construct: 'aws-sqs.Queue',
  label: 'SQS queue',
  noun: 'queue',
  data: 'messages',
  actions: 'sqs:*',
  guideSection: 'data-protection.md#encryption-in-transit',
  cdkNag: ['AwsSolutions-SQS4'],
});
