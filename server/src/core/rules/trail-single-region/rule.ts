import { createRule } from '../../rule';
import { deleteProperty, isFalse, propertyRule, setProperty } from '../../cdk/propertyChecks';

// Preferred: the trail only records more; nothing the app or its users do changes.
const allRegions = setProperty('true', { title: 'Record every region (isMultiRegionTrail: true)', isPreferred: true });

export default createRule({
  meta: {
    id: 'trail-single-region',
    title: 'CloudTrail trail limited to one region',
    description:
      'A trail with `isMultiRegionTrail: false` records API activity in its own region only. Activity in every other region, where an intruder would prefer to work, goes unrecorded.',
    defaultSeverity: 'warning',
    category: 'network',
    cwe: ['CWE-778'],
    guideSection: 'monitoring.md#cloudtrail',
    fixable: true,
    appliesTo: 'cdk',
    messages: {
      singleRegion:
        'This trail records only its own region: API calls in other regions go unrecorded. Remove isMultiRegionTrail: false (trails cover every region by default).',
      singleRegionL1:
        'This trail records only its own region (CloudFormation defaults IsMultiRegionTrail to false): API calls in other regions go unrecorded. Set isMultiRegionTrail: true.',
    },
  },
  check: propertyRule(
    {
      constructs: ['aws-cloudtrail.Trail'],
      path: 'isMultiRegionTrail',
      whenValue: {
        is: isFalse,
        messageId: 'singleRegion',
        // Preferred: the trail only records more; nothing the app or its users do changes. (The
        // first copy of management events is free in each region.)
        fixes: deleteProperty({ title: 'Record every region (remove isMultiRegionTrail: false)', isPreferred: true }),
      },
    },
    {
      constructs: ['aws-cloudtrail.CfnTrail'],
      path: 'isMultiRegionTrail',
      whenMissing: { messageId: 'singleRegionL1', fixes: allRegions },
      whenValue: { is: isFalse, messageId: 'singleRegionL1', fixes: allRegions },
    },
  ),
});
