import { ruleTester, type InvalidCase } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import { typeCheckFixOutputs } from '../../../test/fixOutputs';
import { edit } from '../../../test/edit';
import rule from './rule';

/** `stack(body)`: the body's first line is line 9 of the file. */
const { stack } = stackFixture(["import * as ec2 from 'aws-cdk-lib/aws-ec2';", "import * as rds from 'aws-cdk-lib/aws-rds';"], 'DataStack');

const MISSING =
  'This database is stored unencrypted: storageEncrypted defaults to false when no key is given. Set storageEncrypted: true (or give a KMS key) before it holds data; encrypting later means replacing it.';
const TITLE = 'Encrypt the storage (storageEncrypted: true)';
const ENGINE = 'rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 })';

const JS = (extra: string) => `const cdk = require('aws-cdk-lib');
const rds = require('aws-cdk-lib/aws-rds');

class DataStack extends cdk.Stack {
  constructor(scope, id, vpc) {
    super(scope, id);
    new rds.DatabaseCluster(this, 'Db', { engine: rds.DatabaseClusterEngine.auroraPostgres({}), vpc${extra} });
  }
}

module.exports = { DataStack };
`;

const invalid: InvalidCase[] = [
  {
    name: 'an instance without storageEncrypted: reported at its head, the fix is not preferred',
    code: stack(`
    const vpc = new ec2.Vpc(this, 'Vpc');
    new rds.DatabaseInstance(this, 'Db', {
      engine: ${ENGINE},
      vpc,
    });
`),
    errors: [
      {
        line: 10,
        column: 5,
        endLine: 10,
        endColumn: 29,
        message: MISSING,
        fixes: [
          {
            title: TITLE,
            isPreferred: false,
            output: stack(`
    const vpc = new ec2.Vpc(this, 'Vpc');
    new rds.DatabaseInstance(this, 'Db', {
      engine: ${ENGINE},
      vpc,
      storageEncrypted: true,
    });
`),
          },
        ],
      },
    ],
  },
  {
    name: 'storageEncrypted: false on a snapshot restore; CfnDBInstance and CfnDBCluster without it',
    code: stack(`
    const vpc = new ec2.Vpc(this, 'Vpc');
    new rds.DatabaseInstanceFromSnapshot(this, 'Restored', { snapshotIdentifier: 'snap', engine: ${ENGINE}, vpc, storageEncrypted: false });
    new rds.CfnDBInstance(this, 'L1', { dbInstanceClass: 'db.t3.micro', engine: 'mysql' });
    new rds.CfnDBCluster(this, 'L1Cluster', { engine: 'aurora-mysql' });
`),
    errors: [
      {
        line: 10,
        column: 205,
        endLine: 10,
        endColumn: 210,
        message: 'storageEncrypted: false stores this database, its backups and snapshots unencrypted. Set storageEncrypted: true.',
      },
      { line: 11, column: 5, endLine: 11, endColumn: 26 },
      { line: 12, column: 5, endLine: 12, endColumn: 25 },
    ],
  },
  {
    name: 'CDK v1 @aws-cdk/aws-rds',
    code: `import * as cdk from '@aws-cdk/core';
import * as ec2 from '@aws-cdk/aws-ec2';
import * as rds from '@aws-cdk/aws-rds';

export class LegacyStack extends cdk.Stack {
  constructor(scope: cdk.Construct, id: string, vpc: ec2.IVpc) {
    super(scope, id);
    new rds.DatabaseInstance(this, 'Db', { engine: rds.DatabaseInstanceEngine.MYSQL, vpc });
  }
}
`,
    errors: [{ line: 8, column: 5, endLine: 8, endColumn: 29 }],
  },
  {
    name: 'require() in a JavaScript app',
    filename: 'lib/stack.js',
    code: JS(''),
    errors: [
      {
        line: 7,
        column: 5,
        endLine: 7,
        endColumn: 28,
        fixes: [
          {
            output: edit(
              JS(''),
              '{ engine: rds.DatabaseClusterEngine.auroraPostgres({}), vpc }',
              '{\n      engine: rds.DatabaseClusterEngine.auroraPostgres({}),\n      vpc,\n      storageEncrypted: true,\n    }',
            ),
          },
        ],
      },
    ],
  },
];

ruleTester(rule, {
  valid: [
    {
      name: 'storageEncrypted: true, a storageEncryptionKey, a kmsKeyId, an Aurora instance in a cluster, serverless and snapshot clusters',
      code: stack(`
    const vpc = new ec2.Vpc(this, 'Vpc');
    new rds.DatabaseInstance(this, 'A', { engine: ${ENGINE}, vpc, storageEncrypted: true });
    new rds.DatabaseCluster(this, 'B', { engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }), vpc, storageEncryptionKey: new cdk.aws_kms.Key(this, 'K') });
    new rds.CfnDBCluster(this, 'C', { engine: 'aurora-mysql', kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/abc' });
    new rds.CfnDBInstance(this, 'D', { dbInstanceClass: 'db.r6g.large', engine: 'aurora-mysql', dbClusterIdentifier: 'c' });
    new rds.ServerlessCluster(this, 'E', { engine: rds.DatabaseClusterEngine.AURORA_MYSQL, vpc });
    new rds.DatabaseClusterFromSnapshot(this, 'F', { snapshotIdentifier: 'snap', engine: rds.DatabaseClusterEngine.AURORA_MYSQL, vpc });
`),
    },
  ],
  invalid,
});

typeCheckFixOutputs(rule.meta.id, invalid);
