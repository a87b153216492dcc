import { enforceSslRule } from '../../cdk/enforceSsl';

export default enforceSslRule({
  id: 'sns-enforce-ssl',
  construct: 'aws-sns.Topic',
  label: 'SNS topic',
  noun: 'topic',
  data: 'messages',
  actions: 'sns:Publish',
  guideSection: 'data-protection.md#encryption-in-transit',
  cdkNag: ['AwsSolutions-SNS3'],
});
