import { createRule } from '../../rule';
import { constructSites, headLocation, isFalse, setProperty } from '../../cdk/propertyChecks';
import { lookup } from '../../model/lookup';
import { asString } from '../../model/values';

/**
 * aws-cdk-lib documents `storageEncrypted` as "@default - true if storageEncryptionKey has been
 * provided, false otherwise", and CloudFormation's `StorageEncrypted` defaults to false: a database
 * with neither is stored unencrypted. `ServerlessCluster` (always encrypted) and
 * `DatabaseClusterFromSnapshot` (inherits the snapshot's encryption) are not checked, nor is a
 * `CfnDBCluster` with `engineMode: 'serverless'` (Aurora Serverless v1, always encrypted).
 */
const SHAPES = [
  {
    constructs: ['aws-rds.DatabaseInstance', 'aws-rds.DatabaseCluster', 'aws-rds.DatabaseInstanceFromSnapshot'],
    key: 'storageEncryptionKey',
  },
  { constructs: ['aws-rds.CfnDBInstance', 'aws-rds.CfnDBCluster'], key: 'kmsKeyId' },
];

// Not preferred: turning encryption on for an existing database replaces it (a new, empty database).
const encrypt = setProperty('true', { title: 'Encrypt the storage (storageEncrypted: true)', isPreferred: false });

export default createRule({
  meta: {
    id: 'rds-unencrypted',
    title: 'RDS database storage unencrypted',
    description:
      'An RDS instance or Aurora cluster without `storageEncrypted: true` or a key stores its data, automated backups, snapshots and replicas unencrypted; CDK and CloudFormation both default to unencrypted.',
    defaultSeverity: 'error',
    category: 'data',
    cwe: ['CWE-311'],
    guideSection: 'data-protection.md#encryption-at-rest',
    cdkNag: [
      'AwsSolutions-RDS2',
      'HIPAA.Security-RDSStorageEncrypted',
      'NIST.800.53.R4-RDSStorageEncrypted',
      'NIST.800.53.R5-RDSStorageEncrypted',
      'PCI.DSS.321-RDSStorageEncrypted',
    ],
    fixable: true,
    appliesTo: 'cdk',
    messages: {
      missing:
        'This database is stored unencrypted: storageEncrypted defaults to false when no key is given. Set storageEncrypted: true (or give a KMS key) before it holds data; encrypting later means replacing it.',
      disabled: 'storageEncrypted: false stores this database, its backups and snapshots unencrypted. Set storageEncrypted: true.',
    },
  },
  check(ctx) {
    for (const shape of SHAPES) {
      for (const site of constructSites(ctx, shape.constructs)) {
        if (lookup(site.props, shape.key).state !== 'absent') continue;
        // An Aurora instance (CfnDBInstance in a cluster) takes its encryption from the cluster.
        if (lookup(site.props, 'dbClusterIdentifier').state !== 'absent') continue;
        // Aurora Serverless v1 (`engineMode: 'serverless'`, what ServerlessCluster makes) is always encrypted.
        const mode = lookup(site.props, 'engineMode');
        if (mode.state === 'set' && asString(mode.value) === 'serverless') continue;
        const found = lookup(site.props, 'storageEncrypted');
        if (found.state === 'absent') {
          ctx.report({ at: headLocation(ctx, site.expr), messageId: 'missing', fixes: encrypt(ctx, site, found, 'storageEncrypted') });
        } else if (found.state === 'set' && isFalse(found.value)) {
          ctx.report({ at: found.value, messageId: 'disabled', fixes: encrypt(ctx, site, found, 'storageEncrypted') });
        }
      }
    }
  },
});
