import { createRule } from '../../rule';
import { Code, ConstructSite, FixBuilder, isCallOf, isRef, propertyRule, propertySeparator, setProperty } from '../../cdk/propertyChecks';
import { newKey } from '../../cdk/keyFix';
import { importSymbol } from '../../fixes/imports';
import { mergeInsertions } from '../../fixes/edits';
import { lookup } from '../../model/lookup';

const DYNAMODB = 'aws-cdk-lib/aws-dynamodb';

/**
 * Not preferred: the fix adds a key, and every reader of the table then needs kms:Decrypt
 * (grant methods add it; hand-written policies do not).
 */
const OPTIONS = { title: 'Encrypt with a new customer-managed key', isPreferred: false };

/** `Table`: `encryption: TableEncryption.CUSTOMER_MANAGED, encryptionKey: <new key>`, one property after the other. */
const tableKey: Code = (ctx, site, target) => {
  const key = newKey()(ctx, site, target);
  if (!key) return undefined;
  const encryption = importSymbol(ctx.file, DYNAMODB, 'TableEncryption');
  const separator = propertySeparator(ctx, target);
  return {
    text: `${encryption.text}.CUSTOMER_MANAGED${separator}encryptionKey: ${key.text}`,
    edits: mergeInsertions([...encryption.edits, ...key.edits]),
  };
};

/** `TableV2`: `encryption: TableEncryptionV2.customerManagedKey(<new key>)`. */
const tableV2Key: Code = (ctx, site, target) => {
  const key = newKey()(ctx, site, target);
  if (!key) return undefined;
  const encryption = importSymbol(ctx.file, DYNAMODB, 'TableEncryptionV2');
  return { text: `${encryption.text}.customerManagedKey(${key.text})`, edits: mergeInsertions([...encryption.edits, ...key.edits]) };
};

/** Global tables need a key per region: no one-key fix for them. */
function unlessReplicated(replicasProp: string, fix: FixBuilder): FixBuilder {
  return (ctx, site, found, path) => (lookup(site.props, replicasProp).state === 'absent' ? fix(ctx, site, found, path) : []);
}

const hasOwnKey = (site: ConstructSite) => lookup(site.props, 'encryptionKey').state !== 'absent';

const tableFix = unlessReplicated('replicationRegions', setProperty(tableKey, OPTIONS));
const tableV2Fix = unlessReplicated('replicas', setProperty(tableV2Key, OPTIONS));

const checks = propertyRule(
  {
    constructs: ['aws-dynamodb.Table'],
    path: 'encryption',
    // An `encryptionKey` alone makes the table customer-managed.
    skip: hasOwnKey,
    whenMissing: { messageId: 'missing', fixes: tableFix },
    whenValue: {
      is: isRef('aws-dynamodb.TableEncryption.DEFAULT', 'aws-dynamodb.TableEncryption.AWS_MANAGED'),
      messageId: 'notCustomer',
      fixes: tableFix,
    },
  },
  {
    constructs: ['aws-dynamodb.TableV2'],
    path: 'encryption',
    whenMissing: { messageId: 'missing', fixes: tableV2Fix },
    whenValue: {
      is: isCallOf('aws-dynamodb.TableEncryptionV2.dynamoOwnedKey', 'aws-dynamodb.TableEncryptionV2.awsManagedKey'),
      messageId: 'notCustomer',
      fixes: tableV2Fix,
    },
  },
);

export default createRule({
  meta: {
    id: 'dynamodb-cmk',
    title: 'DynamoDB table without a customer-managed key',
    description:
      'Reported only when the project requires customer-managed keys (`requireCustomerManagedKeys`): a table encrypted with an AWS owned or AWS managed key, whose use you cannot restrict, audit per caller or revoke.',
    defaultSeverity: 'info',
    category: 'data',
    cwe: ['CWE-311'],
    guideSection: 'data-protection.md#customer-managed-keys',
    fixable: true,
    appliesTo: 'cdk',
    messages: {
      missing:
        'This table uses the AWS owned key, and this project requires customer-managed keys. Encrypt it with a KMS key you control (a customer-managed key).',
      notCustomer:
        'This key is not customer-managed, and this project requires customer-managed keys. Encrypt the table with a KMS key you control.',
    },
  },
  check(ctx) {
    // Every table is encrypted at rest; customer-managed keys are a team's policy, not a default.
    if (ctx.config.requireCustomerManagedKeys) checks(ctx);
  },
});
