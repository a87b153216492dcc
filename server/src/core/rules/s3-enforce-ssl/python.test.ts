import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/storage_stack.py';
const { stack } = pyStackFixture(['from aws_cdk import aws_s3 as s3'], 'StorageStack');
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);

const noSsl = stack(`
        s3.Bucket(self, "Uploads", versioned=True)
        s3.Bucket(self, "Logs")
`);
const disabled = stack(`
        s3.Bucket(self, "Exports", enforce_ssl=False)
`);
const kwargsDict = stack(`
        common = {"versioned": True, "enforce_ssl": False}
        s3.Bucket(self, "Reports", **common)
`);
const kwargsCall = stack(`
        common = dict(versioned=True)
        s3.Bucket(self, "Reports", **common)
`);
const inlineDict = stack(`
        s3.Bucket(self, "Reports", **{"enforce_ssl": False})
`);
const moduleConstant = `from aws_cdk import Stack, aws_s3 as s3
from constructs import Construct

ENFORCE_SSL = False


class StorageStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        s3.Bucket(self, "Exports", enforce_ssl=ENFORCE_SSL)
`;
const relativeImport = `from aws_cdk import Stack
from aws_cdk import aws_s3 as s3
from constructs import Construct

from .constants import BUCKET_DEFAULTS


class StorageStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        s3.Bucket(self, "Reports", **BUCKET_DEFAULTS)
`;
const absoluteImport = relativeImport.replace('from .constants import', 'from stacks.constants import');
const CONSTANTS = { 'stacks/constants.py': 'BUCKET_DEFAULTS = dict(versioned=True, enforce_ssl=False)\n' };
const named = `from aws_cdk import Stack
from aws_cdk.aws_s3 import Bucket, BucketEncryption
from constructs import Construct


class StorageStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        Bucket(self, "Uploads", encryption=BucketEncryption.S3_MANAGED)
`;
const dottedImport = `import aws_cdk.aws_s3 as s3
from aws_cdk import Stack
from constructs import Construct


class StorageStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        s3.Bucket(self, "Uploads")
`;
const barrel = `import aws_cdk as cdk
from constructs import Construct


class StorageStack(cdk.Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        cdk.aws_s3.Bucket(self, "Uploads", enforce_ssl=False)
`;
const v1 = `from aws_cdk import core
from aws_cdk import aws_s3


class StorageStack(core.Stack):
    def __init__(self, scope: core.Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        aws_s3.Bucket(self, "Uploads", versioned=True)
`;

ruleTester(rule, {
  valid: [
    valid(
      'enforce_ssl=True, inline, through a **kwargs dict, dict(...) and a module constant',
      `from aws_cdk import Stack, aws_s3 as s3
from constructs import Construct

SSL = True


class StorageStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        s3.Bucket(self, "A", enforce_ssl=True)
        secure = {"enforce_ssl": True}
        s3.Bucket(self, "B", **secure)
        s3.Bucket(self, "C", **dict(enforce_ssl=True, versioned=True))
        s3.Bucket(self, "D", enforce_ssl=SSL)
`,
    ),
    valid('enforce_ssl=True in defaults imported from the project (from .constants)', relativeImport, {
      files: { 'stacks/constants.py': 'BUCKET_DEFAULTS = dict(enforce_ssl=True)\n' },
    }),
    valid('enforce_ssl=True in defaults imported from the project (from stacks.constants)', absoluteImport, {
      files: { 'stacks/constants.py': 'BUCKET_DEFAULTS = dict(enforce_ssl=True)\n' },
    }),
    valid(
      'imported buckets, props the analysis cannot see, and a local class called Bucket',
      stack(`
        s3.Bucket.from_bucket_name(self, "Existing", "my-bucket")
        s3.Bucket(self, "Passed", **kwargs)


class Bucket:
    def __init__(self, scope, name, **kwargs):
        pass


def make(scope):
    return Bucket(scope, "NotABucket")
`),
    ),
  ],
  invalid: [
    invalid('a bucket without enforce_ssl, with and without props: the range is the callee', noSsl, [
      { at: ['s3.Bucket(self, "Uploads"', 's3.Bucket'], messageId: 'missing' },
      { at: ['s3.Bucket(self, "Logs"', 's3.Bucket'], messageId: 'missing' },
    ]),
    invalid('enforce_ssl=False: the range is the value', disabled, [{ at: ['enforce_ssl=False', 'False'], messageId: 'disabled' }]),
    invalid('enforce_ssl=False in a **kwargs dict', kwargsDict, [{ at: ['"enforce_ssl": False', 'False'], messageId: 'disabled' }]),
    invalid('a **kwargs dict(...) without enforce_ssl', kwargsCall, [{ at: ['s3.Bucket'], messageId: 'missing' }]),
    invalid('an inline **{...} dict', inlineDict, [{ at: ['enforce_ssl": False', 'False'], messageId: 'disabled' }]),
    invalid('a module constant', moduleConstant, [
      // As in TypeScript: at the literal, linked to the use.
      { at: ['ENFORCE_SSL = False', 'False'], messageId: 'disabled', related: [{ line: 10, column: 48 }] },
    ]),
    invalid(
      'defaults imported from the project with from .constants: reported at the use',
      relativeImport,
      [
        {
          at: ['**BUCKET_DEFAULTS', 'BUCKET_DEFAULTS'],
          messageId: 'disabled',
          related: [{ file: 'stacks/constants.py', line: 1, column: 52 }],
        },
      ],
      {
        files: CONSTANTS,
      },
    ),
    invalid(
      'defaults imported with from stacks.constants',
      absoluteImport,
      [
        {
          at: ['**BUCKET_DEFAULTS', 'BUCKET_DEFAULTS'],
          messageId: 'disabled',
          related: [{ file: 'stacks/constants.py', line: 1, column: 52 }],
        },
      ],
      {
        files: CONSTANTS,
      },
    ),
    invalid('from aws_cdk.aws_s3 import Bucket', named, [{ at: ['Bucket(self', 'Bucket'], messageId: 'missing' }]),
    invalid('import aws_cdk.aws_s3 as s3', dottedImport, [{ at: ['s3.Bucket'], messageId: 'missing' }]),
    invalid('import aws_cdk as cdk, then cdk.aws_s3.Bucket', barrel, [{ at: ['enforce_ssl=False', 'False'], messageId: 'disabled' }]),
    invalid('CDK v1: from aws_cdk import core, aws_s3', v1, [{ at: ['aws_s3.Bucket(self', 'aws_s3.Bucket'], messageId: 'missing' }]),
  ],
});
