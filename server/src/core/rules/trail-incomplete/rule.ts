import { createRule } from '../../rule';
import { deleteProperty, isFalse, isRef, propertyRule, setProperty } from '../../cdk/propertyChecks';

// Preferred: the trail only records (or signs) more; nothing the app or its users do changes.
const restore = deleteProperty({ title: 'Restore the default (remove the property)', isPreferred: true });
const validate = setProperty('true', { title: 'Validate log files (enableLogFileValidation: true)', isPreferred: true });

/**
 * A trail that leaves something out. The L2 `Trail`'s defaults are all on (aws-cdk-lib:
 * `includeGlobalServiceEvents` @default true, `managementEvents` @default ReadWriteType.ALL,
 * `enableFileValidation` @default true); CloudFormation's `EnableLogFileValidation` defaults to
 * false, so a `CfnTrail` needs it written.
 */
export default createRule({
  meta: {
    id: 'trail-incomplete',
    title: 'CloudTrail trail records less than it should',
    description:
      'A trail without global service events misses IAM and STS calls, one without management events misses every control-plane call, and one without log file validation cannot prove its logs were not changed.',
    defaultSeverity: 'warning',
    category: 'network',
    cwe: ['CWE-778'],
    guideSection: 'monitoring.md#cloudtrail',
    // Log file validation only: no cdk-nag rule checks global service events or management events.
    cdkNag: [
      'HIPAA.Security-CloudTrailLogFileValidationEnabled',
      'NIST.800.53.R4-CloudTrailLogFileValidationEnabled',
      'NIST.800.53.R5-CloudTrailLogFileValidationEnabled',
      'PCI.DSS.321-CloudTrailLogFileValidationEnabled',
    ],
    fixable: true,
    appliesTo: 'cdk',
    messages: {
      noGlobal:
        'includeGlobalServiceEvents: false leaves IAM, STS and CloudFront calls out of this trail. Remove it (the default records them).',
      noManagement:
        'managementEvents: ReadWriteType.NONE leaves every management call (creating users, changing policies, deleting resources) out of this trail. Remove it (the default records them all).',
      noValidation:
        'enableFileValidation: false: nobody can prove this trail’s log files were not changed or deleted. Remove it (validation is on by default).',
      noValidationL1:
        'This trail does not validate its log files (CloudFormation leaves EnableLogFileValidation off unless it is written): changed or deleted log files go unnoticed. Set enableLogFileValidation: true.',
      noValidationL1False: 'enableLogFileValidation: false: changed or deleted log files go unnoticed. Set enableLogFileValidation: true.',
    },
  },
  check: propertyRule(
    {
      constructs: ['aws-cloudtrail.Trail', 'aws-cloudtrail.CfnTrail'],
      path: 'includeGlobalServiceEvents',
      whenValue: { is: isFalse, messageId: 'noGlobal', fixes: restore },
    },
    {
      constructs: ['aws-cloudtrail.Trail'],
      path: 'managementEvents',
      whenValue: { is: isRef('aws-cloudtrail.ReadWriteType.NONE'), messageId: 'noManagement', fixes: restore },
    },
    {
      constructs: ['aws-cloudtrail.Trail'],
      path: 'enableFileValidation',
      whenValue: { is: isFalse, messageId: 'noValidation', fixes: restore },
    },
    {
      constructs: ['aws-cloudtrail.CfnTrail'],
      path: 'enableLogFileValidation',
      whenMissing: { messageId: 'noValidationL1', fixes: validate },
      whenValue: { is: isFalse, messageId: 'noValidationL1False', fixes: validate },
    },
  ),
});
