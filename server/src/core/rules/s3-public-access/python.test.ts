import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/site_stack.py';
const { stack } = pyStackFixture(['from aws_cdk import aws_iam as iam, aws_s3 as s3'], 'SiteStack');
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);

ruleTester(rule, {
  valid: [
    valid(
      'buckets with the default block, BLOCK_ALL, private ACLs, every flag on',
      stack(`
        s3.Bucket(self, "Default")
        s3.Bucket(self, "All", block_public_access=s3.BlockPublicAccess.BLOCK_ALL)
        s3.Bucket(self, "Private", access_control=s3.BucketAccessControl.PRIVATE)
        s3.Bucket(
            self,
            "Flags",
            block_public_access=s3.BlockPublicAccess(
                block_public_acls=True, block_public_policy=True, ignore_public_acls=True, restrict_public_buckets=True
            ),
        )
`),
    ),
    valid(
      'grant_public_access on something that is not a bucket',
      stack(`
        thing = Thing()
        thing.grant_public_access()


class Thing:
    def grant_public_access(self):
        pass
`),
    ),
    valid(
      'CfnBucket without public_access_block_configuration (the account and S3 defaults apply), every flag on, a private ACL',
      stack(`
        s3.CfnBucket(self, "Plain")
        s3.CfnBucket(
            self,
            "Blocked",
            public_access_block_configuration=s3.CfnBucket.PublicAccessBlockConfigurationProperty(
                block_public_acls=True, block_public_policy=True, ignore_public_acls=True, restrict_public_buckets=True
            ),
        )
        s3.CfnBucket(self, "Private", access_control="Private")
`),
    ),
  ],
  invalid: [
    invalid(
      'a public website bucket: public_read_access=True and BLOCK_ACLS_ONLY',
      stack(`
        s3.Bucket(
            self,
            "Site",
            website_index_document="index.html",
            public_read_access=True,
            block_public_access=s3.BlockPublicAccess.BLOCK_ACLS_ONLY,
        )
`),
      [
        { at: ['public_read_access=True', 'True'], messageId: 'publicRead' },
        { at: ['s3.BlockPublicAccess.BLOCK_ACLS_ONLY'], messageId: 'aclsOnly' },
      ],
    ),
    invalid(
      's3.BlockPublicAccess(...) with a flag turned off: the range is the False value',
      stack(`
        s3.Bucket(self, "Assets", block_public_access=s3.BlockPublicAccess(block_public_policy=False))
`),
      [{ at: ['block_public_policy=False', 'False'], messageId: 'flagOff' }],
    ),
    invalid(
      'a public canned ACL, and grant_public_access()',
      stack(`
        s3.Bucket(self, "Acl", access_control=s3.BucketAccessControl.PUBLIC_READ)
        downloads = s3.Bucket(self, "Downloads")
        downloads.grant_public_access("*", "s3:GetObject")
`),
      [
        { at: ['s3.BucketAccessControl.PUBLIC_READ'], messageId: 'publicAcl' },
        { at: ['downloads.grant_public_access("*", "s3:GetObject")'], messageId: 'grant' },
      ],
    ),
    invalid(
      'website props in a **kwargs dict; named imports',
      `from aws_cdk import Stack
from aws_cdk.aws_s3 import BlockPublicAccess, Bucket
from constructs import Construct


class SiteStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        website = {"website_index_document": "index.html", "public_read_access": True}
        Bucket(self, "Site", block_public_access=BlockPublicAccess.BLOCK_ALL, **website)
`,
      [{ at: ['"public_read_access": True', 'True'], messageId: 'publicRead' }],
    ),
    invalid(
      'CfnBucket: PublicAccessBlockConfigurationProperty with two flags False (one finding, the other related), a public ACL (issue 16)',
      stack(`
        s3.CfnBucket(
            self,
            "Legacy",
            public_access_block_configuration=s3.CfnBucket.PublicAccessBlockConfigurationProperty(
                block_public_acls=False, block_public_policy=True, ignore_public_acls=True, restrict_public_buckets=False
            ),
        )
        s3.CfnBucket(self, "Downloads", access_control="PublicReadWrite")
`),
      [
        {
          at: ['block_public_acls=False', 'False'],
          messageId: 'flagOffL1',
          related: [{ line: 13, column: 117, message: 'restrict_public_buckets=False also weakens the block' }],
        },
        { at: ['access_control="PublicReadWrite"', '"PublicReadWrite"'], messageId: 'publicAcl' },
      ],
    ),
    invalid(
      's3.BlockPublicAccess(...) with two flags off: one finding per bucket, the other flag related',
      stack(`
        s3.Bucket(self, "Assets", block_public_access=s3.BlockPublicAccess(block_public_policy=False, restrict_public_buckets=False))
`),
      [{ at: ['block_public_policy=False', 'False'], messageId: 'flagOff', related: [{ line: 9, column: 127 }] }],
    ),
  ],
});
