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
      "the L2's defaults, everything written on, and a CfnTrail that validates its log files",
      stack(`
        cloudtrail.Trail(self, "A")
        cloudtrail.Trail(self, "B", include_global_service_events=True, management_events=cloudtrail.ReadWriteType.ALL, enable_file_validation=True)
        cloudtrail.Trail(self, "C", management_events=cloudtrail.ReadWriteType.WRITE_ONLY)
        cloudtrail.CfnTrail(self, "D", is_logging=True, s3_bucket_name="logs", is_multi_region_trail=True, enable_log_file_validation=True)
`),
    ),
  ],
  invalid: [
    invalid(
      'a Trail that turns each default off: one finding per property, at the value',
      stack(`
        cloudtrail.Trail(self, "Audit", include_global_service_events=False, management_events=cloudtrail.ReadWriteType.NONE, enable_file_validation=False)
`),
      [
        { at: ['include_global_service_events=False', 'False'], messageId: 'noGlobal' },
        { at: ['cloudtrail.ReadWriteType.NONE'], messageId: 'noManagement' },
        { at: ['enable_file_validation=False', 'False'], messageId: 'noValidation' },
      ],
    ),
    invalid(
      'a CfnTrail without enable_log_file_validation (the range is the callee) and one with it False',
      stack(`
        cloudtrail.CfnTrail(self, "A", is_logging=True, s3_bucket_name="logs", is_multi_region_trail=True)
        cloudtrail.CfnTrail(self, "B", is_logging=True, s3_bucket_name="logs", is_multi_region_trail=True, enable_log_file_validation=False)
`),
      [
        { at: ['cloudtrail.CfnTrail(self, "A"', 'cloudtrail.CfnTrail'], messageId: 'noValidationL1' },
        { at: ['enable_log_file_validation=False', 'False'], messageId: 'noValidationL1False' },
      ],
    ),
    invalid(
      'from aws_cdk.aws_cloudtrail import ReadWriteType, Trail; import aws_cdk as cdk; a **kwargs dict',
      `import aws_cdk as cdk
from aws_cdk.aws_cloudtrail import ReadWriteType, Trail
from constructs import Construct


class AuditStack(cdk.Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        Trail(self, "A", management_events=ReadWriteType.NONE)
        options = {"include_global_service_events": False}
        cdk.aws_cloudtrail.Trail(self, "B", **options)
`,
      [
        { at: ['ReadWriteType.NONE'], messageId: 'noManagement' },
        { at: ['"include_global_service_events": False', 'False'], messageId: 'noGlobal' },
      ],
    ),
    invalid(
      'CDK v1: from aws_cdk import core, aws_cloudtrail',
      `from aws_cdk import core
from aws_cdk import aws_cloudtrail


class AuditStack(core.Stack):
    def __init__(self, scope: core.Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        aws_cloudtrail.Trail(self, "Audit", enable_file_validation=False)
`,
      [{ at: ['enable_file_validation=False', 'False'], messageId: 'noValidation' }],
    ),
  ],
});
