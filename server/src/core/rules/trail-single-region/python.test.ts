import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/audit_stack.py';
const { stack } = pyStackFixture(['from aws_cdk import aws_cloudtrail as cloudtrail'], 'AuditStack');
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);

ruleTester(rule, {
  valid: [
    valid(
      'the default (every region), explicit True, and an unknown flag',
      stack(`
        cloudtrail.Trail(self, "Default")
        cloudtrail.Trail(self, "Multi", is_multi_region_trail=True)
        cloudtrail.Trail(self, "Unknown", is_multi_region_trail=self.node.try_get_context("multi"))
`),
    ),
    valid(
      'a local Trail class',
      `class Trail:
    def __init__(self, scope, name, is_multi_region_trail=True):
        pass


def trail(scope):
    return Trail(scope, "Local", is_multi_region_trail=False)
`,
    ),
    valid(
      'CfnTrail with is_multi_region_trail=True',
      stack(`
        cloudtrail.CfnTrail(self, "All", is_logging=True, s3_bucket_name="logs", is_multi_region_trail=True)
`),
    ),
  ],
  invalid: [
    invalid(
      'is_multi_region_trail=False among other props',
      stack(`
        cloudtrail.Trail(self, "Audit", send_to_cloud_watch_logs=True, is_multi_region_trail=False)
`),
      [{ at: ['is_multi_region_trail=False', 'False'], messageId: 'singleRegion' }],
    ),
    invalid(
      'from a module constant (at the literal, linked to the use); cdk.aws_cloudtrail; CDK v1',
      `import aws_cdk as cdk
from aws_cdk.aws_cloudtrail import Trail

SINGLE_REGION = False


def trails(stack: cdk.Stack):
    Trail(stack, "A", is_multi_region_trail=SINGLE_REGION)
    cdk.aws_cloudtrail.Trail(stack, "B", is_multi_region_trail=False)
`,
      [
        { at: ['SINGLE_REGION = False', 'False'], messageId: 'singleRegion', related: [{ line: 8, column: 45 }] },
        { at: ['is_multi_region_trail=False', 'False'], messageId: 'singleRegion' },
      ],
    ),
    invalid(
      'CDK v1: from aws_cdk import core, aws_cloudtrail',
      `from aws_cdk import core
from aws_cdk import aws_cloudtrail


class AuditStack(core.Stack):
    def __init__(self, scope: core.Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        aws_cloudtrail.Trail(self, "Audit", is_multi_region_trail=False)
`,
      [{ at: ['is_multi_region_trail=False', 'False'], messageId: 'singleRegion' }],
    ),
    invalid(
      'CfnTrail without is_multi_region_trail, and with False (issue 16)',
      stack(`
        cloudtrail.CfnTrail(self, "Missing", is_logging=True, s3_bucket_name="logs")
        cloudtrail.CfnTrail(self, "Off", is_logging=True, s3_bucket_name="logs", is_multi_region_trail=False)
`),
      [
        { at: ['cloudtrail.CfnTrail(self, "Missing"', 'cloudtrail.CfnTrail'], messageId: 'singleRegionL1' },
        { at: ['is_multi_region_trail=False', 'False'], messageId: 'singleRegionL1' },
      ],
    ),
  ],
});
