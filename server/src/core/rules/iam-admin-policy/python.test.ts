import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/app_stack.py';
const { stack } = pyStackFixture(['from aws_cdk import aws_iam as iam'], 'AppStack');
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);
const ROLE = '        role = iam.Role(self, "Role", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))';

ruleTester(rule, {
  valid: [
    valid(
      'service-role policies for Lambda, read-only policies',
      stack(`
${ROLE}
        role.add_managed_policy(iam.ManagedPolicy.from_aws_managed_policy_name("service-role/AWSLambdaBasicExecutionRole"))
        role.add_managed_policy(iam.ManagedPolicy.from_aws_managed_policy_name("ReadOnlyAccess"))
`),
    ),
    valid(
      'a local class called ManagedPolicy',
      `class ManagedPolicy:
    @staticmethod
    def from_aws_managed_policy_name(name):
        return name


POLICY = ManagedPolicy.from_aws_managed_policy_name("AdministratorAccess")
`,
    ),
  ],
  invalid: [
    invalid(
      'AdministratorAccess on a role: the range is the name',
      stack(`
${ROLE}
        role.add_managed_policy(iam.ManagedPolicy.from_aws_managed_policy_name("AdministratorAccess"))
`),
      [{ at: ['"AdministratorAccess"'], messageId: 'admin' }],
    ),
    invalid(
      'PowerUserAccess in managed_policies; any other *FullAccess is a warning',
      stack(`
        iam.Role(
            self,
            "Deployer",
            assumed_by=iam.ServicePrincipal("codebuild.amazonaws.com"),
            managed_policies=[
                iam.ManagedPolicy.from_aws_managed_policy_name("PowerUserAccess"),
                iam.ManagedPolicy.from_aws_managed_policy_name("AmazonS3FullAccess"),
            ],
        )
`),
      [
        { at: ['"PowerUserAccess"'], messageId: 'admin' },
        { at: ['"AmazonS3FullAccess"'], messageId: 'fullAccess', severity: 'warning' },
      ],
    ),
    invalid(
      'named import, cdk.aws_iam, a module constant and a name imported from the project',
      `import aws_cdk as cdk
from aws_cdk.aws_iam import ManagedPolicy

from stacks.constants import ADMIN

IAM_FULL = "IAMFullAccess"

A = ManagedPolicy.from_aws_managed_policy_name(IAM_FULL)
B = cdk.aws_iam.ManagedPolicy.from_aws_managed_policy_name(ADMIN)
`,
      [
        { at: ['"IAMFullAccess"'], messageId: 'admin' },
        { at: ['from_aws_managed_policy_name(ADMIN)', 'ADMIN'], messageId: 'admin' },
      ],
      { files: { 'stacks/constants.py': 'ADMIN = "AdministratorAccess"\n' } },
    ),
  ],
});
