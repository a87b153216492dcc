import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/db_stack.py';
const { stack } = pyStackFixture(
  ['from aws_cdk import CfnOutput, Tags', 'from aws_cdk import aws_rds as rds', 'from aws_cdk import aws_secretsmanager as secretsmanager'],
  'DbStack',
);
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);

ruleTester(rule, {
  valid: [
    valid(
      'the ARN in an output; master_user_password takes the secret by dynamic reference',
      stack(`
        secret = secretsmanager.Secret(self, "Db")
        CfnOutput(self, "SecretArn", value=secret.secret_arn)
        rds.CfnDBInstance(self, "L1", db_instance_class="db.t3.micro", engine="mysql", storage_encrypted=True, master_username="admin", master_user_password=secret.secret_value_from_json("password").unsafe_unwrap())
`),
    ),
  ],
  invalid: [
    invalid(
      'unsafe_unwrap() into a stack output and a tag',
      stack(`
        secret = secretsmanager.Secret(self, "Db")
        CfnOutput(self, "Password", value=secret.secret_value.unsafe_unwrap())
        Tags.of(self).add("token", secret.secret_value_from_json("token").unsafe_unwrap())
`),
      [
        { at: ['secret.secret_value.unsafe_unwrap()'], messageId: 'unwrapped', message: /into a stack output/ },
        { at: ['secret.secret_value_from_json("token").unsafe_unwrap()'], messageId: 'unwrapped', message: /into a tag/ },
      ],
    ),
    invalid(
      'CDK v1: core.CfnOutput',
      `from aws_cdk import core
from aws_cdk import aws_secretsmanager


class DbStack(core.Stack):
    def __init__(self, scope: core.Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        secret = aws_secretsmanager.Secret(self, "Db")
        core.CfnOutput(self, "Password", value=secret.secret_value.unsafe_unwrap())
`,
      [{ at: ['secret.secret_value.unsafe_unwrap()'], messageId: 'unwrapped' }],
    ),
  ],
});
