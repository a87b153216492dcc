import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/secrets_stack.py';
const { stack } = pyStackFixture(
  ['from aws_cdk import aws_iam as iam', 'from aws_cdk import aws_secretsmanager as secretsmanager'],
  'SecretsStack',
);
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);

ruleTester(rule, {
  valid: [
    valid(
      'add_rotation_schedule with hosted rotation; an imported secret',
      stack(`
        token = secretsmanager.Secret(self, "Token")
        token.add_rotation_schedule("Rotation", hosted_rotation=secretsmanager.HostedRotation.mysql_single_user())
        secretsmanager.Secret.from_secret_name_v2(self, "Existing", "prod/api-key")
`),
    ),
    valid(
      'rotated by another module that imports it',
      `from aws_cdk import aws_secretsmanager as secretsmanager
from stacks.shared import token

secretsmanager.RotationSchedule(token, "Rotation", secret=token, hosted_rotation=secretsmanager.HostedRotation.mysql_single_user())
`,
      {
        files: {
          'stacks/shared.py': `from aws_cdk import App, Stack
from aws_cdk import aws_secretsmanager as secretsmanager

app = App()
stack = Stack(app, "Shared")
token = secretsmanager.Secret(stack, "Token")
`,
        },
      },
    ),
    valid(
      "a rotation function of the project: it may move the secret's version stages (serverless-patterns eventbridge-schedule-secret-rotation)",
      stack(`
        secret = secretsmanager.CfnSecret(self, "ApiSecret", name="api-secret")
        rotator = iam.Role(self, "Rotator", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
        rotator.add_to_policy(iam.PolicyStatement(
            actions=["secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"],
            resources=[secret.ref],
        ))
`),
    ),
  ],
  invalid: [
    invalid(
      'a role allowed secretsmanager:* on the secret is not a rotation',
      stack(`
        token = secretsmanager.Secret(self, "Token")
        reader = iam.Role(self, "Reader", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
        reader.add_to_policy(iam.PolicyStatement(actions=["secretsmanager:*"], resources=[token.secret_arn]))
`),
      [{ at: ['secretsmanager.Secret'], messageId: 'noRotation' }],
    ),
    invalid(
      'a Secret nothing rotates: reported at its head',
      stack(`
        token = secretsmanager.Secret(self, "Token", description="GitHub token")
`),
      [{ at: ['secretsmanager.Secret'], messageId: 'noRotation' }],
    ),
    invalid(
      'CDK v1: from aws_cdk import core, aws_secretsmanager',
      `from aws_cdk import core
from aws_cdk import aws_secretsmanager


class SecretsStack(core.Stack):
    def __init__(self, scope: core.Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        aws_secretsmanager.Secret(self, "Secret")
`,
      [{ at: ['aws_secretsmanager.Secret'], messageId: 'noRotation' }],
    ),
  ],
});
