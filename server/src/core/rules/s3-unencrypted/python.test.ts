import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/storage_stack.py';
const { stack } = pyStackFixture(['from aws_cdk import aws_s3 as s3'], 'StorageStack');
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);

const importedProps = `from aws_cdk import Stack
from aws_cdk import aws_s3 as s3
from constructs import Construct

from .constants import RAW_BUCKET


class StorageStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        s3.Bucket(self, "Raw", **RAW_BUCKET)
`;

ruleTester(rule, {
  valid: [
    valid(
      'no encryption (SSE-S3 by default), S3_MANAGED and KMS',
      stack(`
        s3.Bucket(self, "Default")
        s3.Bucket(self, "Managed", encryption=s3.BucketEncryption.S3_MANAGED)
        s3.Bucket(self, "Kms", encryption=s3.BucketEncryption.KMS)
`),
    ),
    valid(
      'a local class called Bucket and a local BucketEncryption',
      `from enum import Enum


class BucketEncryption(Enum):
    UNENCRYPTED = 0


class Bucket:
    def __init__(self, scope, name, encryption=None):
        self.encryption = encryption


def make(scope):
    return Bucket(scope, "Local", encryption=BucketEncryption.UNENCRYPTED)
`,
    ),
  ],
  invalid: [
    invalid(
      'encryption=BucketEncryption.UNENCRYPTED: the range is the value',
      stack(`
        s3.Bucket(self, "Raw", encryption=s3.BucketEncryption.UNENCRYPTED, versioned=True)
`),
      [{ at: ['s3.BucketEncryption.UNENCRYPTED'], messageId: 'unencrypted' }],
    ),
    invalid(
      'from aws_cdk.aws_s3 import Bucket, BucketEncryption',
      `from aws_cdk import Stack
from aws_cdk.aws_s3 import Bucket, BucketEncryption
from constructs import Construct


class StorageStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        Bucket(self, "Raw", encryption=BucketEncryption.UNENCRYPTED)
`,
      [{ at: ['BucketEncryption.UNENCRYPTED)', 'BucketEncryption.UNENCRYPTED'], messageId: 'unencrypted' }],
    ),
    invalid(
      'import aws_cdk as cdk: cdk.aws_s3.Bucket',
      `import aws_cdk as cdk
from constructs import Construct


class StorageStack(cdk.Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        cdk.aws_s3.Bucket(self, "Raw", encryption=cdk.aws_s3.BucketEncryption.UNENCRYPTED)
`,
      [{ at: ['cdk.aws_s3.BucketEncryption.UNENCRYPTED'], messageId: 'unencrypted' }],
    ),
    invalid(
      'CDK v1: from aws_cdk import core, aws_s3',
      `from aws_cdk import core, aws_s3


class StorageStack(core.Stack):
    def __init__(self, scope: core.Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        aws_s3.Bucket(self, "Raw", encryption=aws_s3.BucketEncryption.UNENCRYPTED)
`,
      [{ at: ['aws_s3.BucketEncryption.UNENCRYPTED'], messageId: 'unencrypted' }],
    ),
    invalid(
      'props in a **kwargs dict, and a module constant',
      `from aws_cdk import Stack
from aws_cdk import aws_s3 as s3
from constructs import Construct

NO_ENCRYPTION = s3.BucketEncryption.UNENCRYPTED


class StorageStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        raw = {"encryption": s3.BucketEncryption.UNENCRYPTED, "versioned": True}
        s3.Bucket(self, "Raw", **raw)
        s3.Bucket(self, "Other", encryption=NO_ENCRYPTION)
`,
      [
        { at: ['NO_ENCRYPTION = s3.BucketEncryption.UNENCRYPTED', 's3.BucketEncryption.UNENCRYPTED'], messageId: 'unencrypted' },
        { at: ['"encryption": s3.BucketEncryption.UNENCRYPTED', 's3.BucketEncryption.UNENCRYPTED'], messageId: 'unencrypted' },
      ],
    ),
    invalid(
      'props imported from the project: reported at the use, linked to the declaration',
      importedProps,
      [{ at: ['**RAW_BUCKET', 'RAW_BUCKET'], messageId: 'unencrypted', related: [{ file: 'stacks/constants.py', line: 3 }] }],
      {
        files: {
          'stacks/constants.py': `from aws_cdk import aws_s3 as s3

RAW_BUCKET = dict(encryption=s3.BucketEncryption.UNENCRYPTED)
`,
        },
      },
    ),
  ],
});
