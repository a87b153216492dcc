import { createRule } from '../../rule';
import { ConstructSite, isFalse, propertyRule, setProperty } from '../../cdk/propertyChecks';
import { lookup, valueIfSet } from '../../model/lookup';
import { asString, refIs } from '../../model/values';

/**
 * AWS rotates symmetric encryption keys only; CDK refuses `enableKeyRotation` on asymmetric
 * and HMAC keys. A key spec or usage we cannot read is left alone.
 */
function isSymmetricEncryptionKey(site: ConstructSite): boolean {
  const spec = lookup(site.props, 'keySpec');
  const usage = lookup(site.props, 'keyUsage');
  const specOk = spec.state === 'absent' || (spec.state === 'set' && refIs(spec.value, 'aws-kms.KeySpec.SYMMETRIC_DEFAULT'));
  const usageOk = usage.state === 'absent' || (usage.state === 'set' && refIs(usage.value, 'aws-kms.KeyUsage.ENCRYPT_DECRYPT'));
  return specOk && usageOk;
}

/**
 * The same for a `CfnKey`, in CloudFormation's strings: `KeySpec` absent or `SYMMETRIC_DEFAULT`,
 * and key material KMS made (`Origin` absent or `AWS_KMS`): AWS does not rotate imported
 * (`EXTERNAL`) or custom key store material automatically.
 */
function isRotatableL1Key(site: ConstructSite): boolean {
  const is = (key: string, value: string) => {
    const found = lookup(site.props, key);
    return found.state === 'absent' || (found.state === 'set' && asString(found.value) === value);
  };
  return is('keySpec', 'SYMMETRIC_DEFAULT') && is('origin', 'AWS_KMS');
}

// Preferred: rotation keeps every earlier key version for decryption, so callers, grants and
// the key ARN stay the same.
const enableRotation = setProperty('true', { title: 'Enable automatic key rotation (enableKeyRotation: true)', isPreferred: true });

export default createRule({
  meta: {
    id: 'kms-key-rotation',
    title: 'KMS key without automatic rotation',
    description:
      'A symmetric customer-managed key without `enableKeyRotation: true` keeps the same key material forever, so anything encrypted under a leaked or broken version stays exposed.',
    defaultSeverity: 'warning',
    category: 'data',
    cwe: ['CWE-324'],
    guideSection: 'data-protection.md#key-rotation',
    fixable: true,
    appliesTo: 'cdk',
    cdkNag: ['AwsSolutions-KMS5'],
    messages: {
      missing: 'This key never rotates its key material. Add enableKeyRotation: true (AWS rotates yearly, or every rotationPeriod).',
      disabled: 'enableKeyRotation: false keeps the same key material forever. Set enableKeyRotation: true.',
    },
  },
  check: propertyRule(
    {
      constructs: ['aws-kms.Key'],
      path: 'enableKeyRotation',
      // A `rotationPeriod` turns rotation on when enableKeyRotation is not given.
      skip: (site) =>
        !isSymmetricEncryptionKey(site) ||
        (valueIfSet(site.props, 'enableKeyRotation') === undefined && lookup(site.props, 'rotationPeriod').state !== 'absent'),
      whenMissing: { messageId: 'missing', fixes: enableRotation },
      whenValue: { is: isFalse, messageId: 'disabled', fixes: enableRotation },
    },
    // CloudFormation's `EnableKeyRotation` defaults to false, and `RotationPeriodInDays` alone does not turn it on.
    {
      constructs: ['aws-kms.CfnKey'],
      path: 'enableKeyRotation',
      skip: (site) => !isRotatableL1Key(site),
      whenMissing: { messageId: 'missing', fixes: enableRotation },
      whenValue: { is: isFalse, messageId: 'disabled', fixes: enableRotation },
    },
  ),
});
