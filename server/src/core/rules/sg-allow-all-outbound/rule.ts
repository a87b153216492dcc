import { createRule } from '../../rule';
import { isTrue, propertyRule, setProperty } from '../../cdk/propertyChecks';

// Not preferred: whatever the group's resources reach today (AWS APIs, a database, the
// internet) is cut off until egress rules for it are added.
const restrict = setProperty('false', {
  title: 'Allow no outbound traffic by default (allowAllOutbound: false)',
  isPreferred: false,
  note: 'Add an egress rule (securityGroup.addEgressRule) for each destination the resources in this group need.',
});

export default createRule({
  meta: {
    id: 'sg-allow-all-outbound',
    title: 'Security group allows all outbound traffic',
    description:
      'A security group that allows all outbound traffic (the CDK default) lets a compromised function or instance send data anywhere. Allow only the destinations the resources need.',
    defaultSeverity: 'warning',
    category: 'network',
    cwe: ['CWE-284'],
    guideSection: 'network-security.md#security-groups',
    fixable: true,
    appliesTo: 'cdk',
    messages: {
      missing:
        'This security group allows all outbound traffic (allowAllOutbound defaults to true). Set allowAllOutbound: false and add egress rules for what its resources need.',
      enabled:
        'allowAllOutbound: true lets this group send traffic anywhere. Set it to false and add egress rules for what its resources need.',
    },
  },
  check: propertyRule({
    constructs: ['aws-ec2.SecurityGroup'],
    path: 'allowAllOutbound',
    whenMissing: { messageId: 'missing', fixes: restrict },
    whenValue: { is: isTrue, messageId: 'enabled', fixes: restrict },
  }),
});
