import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/database_stack.py';
const { stack } = pyStackFixture(
  ['from aws_cdk import aws_ec2 as ec2', 'from aws_cdk import aws_kms as kms', 'from aws_cdk import aws_rds as rds'],
  'DatabaseStack',
);
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);
const ENGINE = 'engine=rds.DatabaseInstanceEngine.postgres(version=rds.PostgresEngineVersion.VER_16)';

ruleTester(rule, {
  valid: [
    valid(
      'storage_encrypted=True, a storage_encryption_key, a kms_key_id on the L1s, ServerlessCluster, from a snapshot, an Aurora instance',
      stack(`
        vpc = ec2.Vpc(self, "Vpc")
        key = kms.Key(self, "Key", enable_key_rotation=True)
        rds.DatabaseInstance(self, "A", ${ENGINE}, vpc=vpc, storage_encrypted=True)
        rds.DatabaseInstance(self, "B", ${ENGINE}, vpc=vpc, storage_encryption_key=key)
        rds.CfnDBInstance(self, "C", db_instance_class="db.t3.micro", engine="mysql", kms_key_id=key.key_arn)
        rds.CfnDBCluster(self, "D", engine="aurora-mysql", storage_encrypted=True)
        rds.ServerlessCluster(self, "E", engine=rds.DatabaseClusterEngine.AURORA_MYSQL, vpc=vpc)
        rds.DatabaseClusterFromSnapshot(self, "F", engine=rds.DatabaseClusterEngine.AURORA_MYSQL, snapshot_identifier="snap", vpc=vpc, writer=rds.ClusterInstance.provisioned("W"))
        rds.CfnDBInstance(self, "G", db_instance_class="db.r6g.large", engine="aurora-mysql", db_cluster_identifier="orders")
`),
    ),
    valid(
      'comments inside the call, the scope and id passed by name, an Aurora Serverless v1 CfnDBCluster (aws-cdk-examples shapes)',
      stack(`
        vpc = ec2.Vpc(self, "Vpc")
        rds.DatabaseInstance(
            self, "Oracle",
            ${ENGINE},
            vpc=vpc,
            #option_group=option_group,
            storage_encrypted = True,  # required for production
        )
        rds.DatabaseInstance(scope=self, id="Named", ${ENGINE}, vpc=vpc, storage_encrypted=True)
        rds.CfnDBCluster(self, "Serverless", engine="aurora-mysql", engine_mode="serverless")
`),
    ),
  ],
  invalid: [
    invalid(
      'the scope and id passed by name, with a comment among the keywords',
      stack(`
        vpc = ec2.Vpc(self, "Vpc")
        rds.DatabaseInstance(scope=self, id="Orders", ${ENGINE}, vpc=vpc)  # no storage_encrypted
        rds.DatabaseCluster(
            self, "Cluster",
            engine=rds.DatabaseClusterEngine.AURORA_MYSQL,  # MySQL-compatible
            vpc=vpc,
            storage_encrypted=False,
        )
`),
      [
        { at: ['rds.DatabaseInstance'], messageId: 'missing' },
        { at: ['False'], messageId: 'disabled' },
      ],
    ),
    invalid(
      'an instance and a CfnDBInstance without storage_encrypted: the range is the callee',
      stack(`
        vpc = ec2.Vpc(self, "Vpc")
        rds.DatabaseInstance(self, "Orders", ${ENGINE}, vpc=vpc)
        rds.CfnDBInstance(self, "Legacy", db_instance_class="db.t3.micro", engine="mysql")
`),
      [
        { at: ['rds.DatabaseInstance'], messageId: 'missing' },
        { at: ['rds.CfnDBInstance'], messageId: 'missing' },
      ],
    ),
    invalid(
      'storage_encrypted=False on a cluster, a CfnDBCluster and through a **kwargs dict: the range is the value',
      stack(`
        vpc = ec2.Vpc(self, "Vpc")
        rds.DatabaseCluster(self, "Reports", engine=rds.DatabaseClusterEngine.AURORA_POSTGRESQL, vpc=vpc, storage_encrypted=False)
        rds.CfnDBCluster(self, "Raw", engine="aurora-mysql", storage_encrypted=False)
        common = {"vpc": vpc, "storage_encrypted": False}
        rds.DatabaseInstanceFromSnapshot(self, "Restored", snapshot_identifier="snap", ${ENGINE}, **common)
`),
      [
        { at: ['storage_encrypted=False', 'False'], messageId: 'disabled' },
        { at: ['storage_encrypted=False', 'False', 1], messageId: 'disabled' },
        { at: ['"storage_encrypted": False', 'False'], messageId: 'disabled' },
      ],
    ),
    invalid(
      'from aws_cdk.aws_rds import DatabaseInstance; import aws_cdk as cdk then cdk.aws_rds',
      `import aws_cdk as cdk
from aws_cdk.aws_rds import DatabaseInstance, DatabaseInstanceEngine
from constructs import Construct


class DatabaseStack(cdk.Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        vpc = cdk.aws_ec2.Vpc(self, "Vpc")
        DatabaseInstance(self, "A", engine=DatabaseInstanceEngine.MYSQL, vpc=vpc)
        cdk.aws_rds.CfnDBCluster(self, "B", engine="aurora-mysql")
`,
      [
        { at: ['DatabaseInstance(self', 'DatabaseInstance'], messageId: 'missing' },
        { at: ['cdk.aws_rds.CfnDBCluster'], messageId: 'missing' },
      ],
    ),
    invalid(
      'CDK v1: from aws_cdk import core, aws_rds',
      `from aws_cdk import core
from aws_cdk import aws_rds


class DatabaseStack(core.Stack):
    def __init__(self, scope: core.Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        aws_rds.DatabaseInstance(self, "Orders", engine=aws_rds.DatabaseInstanceEngine.MYSQL, vpc=vpc)
`,
      [{ at: ['aws_rds.DatabaseInstance'], messageId: 'missing' }],
    ),
  ],
});
