import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/payments_stack.py';
const { stack } = pyStackFixture(['from aws_cdk import SecretValue, aws_secretsmanager as secretsmanager'], 'PaymentsStack');
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);

ruleTester(rule, {
  valid: [
    valid(
      'references to Secrets Manager and SSM, and generated values',
      stack(`
        SecretValue.secrets_manager("stripe-key")
        SecretValue.ssm_secure("/payments/stripe-key")
        secretsmanager.Secret(self, "Generated", generate_secret_string=secretsmanager.SecretStringGenerator(password_length=32))
`),
    ),
    valid(
      'a local class called SecretValue',
      `class SecretValue:
    @staticmethod
    def unsafe_plain_text(value):
        return value


TOKEN = SecretValue.unsafe_plain_text("sk_live_51AbCdEfGh1234567890AbCdEf")
`,
    ),
  ],
  invalid: [
    invalid(
      'a Secret created from a plain-text literal: the range is the call',
      stack(`
        secretsmanager.Secret(
            self,
            "StripeKey",
            secret_string_value=SecretValue.unsafe_plain_text("sk_live_51AbCdEfGh1234567890AbCdEf"),
        )
`),
      [{ at: ['SecretValue.unsafe_plain_text("sk_live_51AbCdEfGh1234567890AbCdEf")'], messageId: 'plaintext' }],
    ),
    invalid(
      'the literal in a module constant, and imported from the project (from stacks.constants)',
      `import aws_cdk as cdk

from stacks.constants import WEBHOOK_TOKEN

STRIPE_KEY = "sk_live_51AbCdEfGh1234567890AbCdEf"

A = cdk.SecretValue.unsafe_plain_text(STRIPE_KEY)
B = cdk.SecretValue.unsafe_plain_text(WEBHOOK_TOKEN)
`,
      [
        { at: ['cdk.SecretValue.unsafe_plain_text(STRIPE_KEY)'], messageId: 'plaintext' },
        { at: ['cdk.SecretValue.unsafe_plain_text(WEBHOOK_TOKEN)'], messageId: 'plaintext' },
      ],
      { files: { 'stacks/constants.py': 'WEBHOOK_TOKEN = "whsec_4f9b2c7d1e8a3f6b5c0d"\n' } },
    ),
    invalid(
      'CDK v1: core.SecretValue.plain_text',
      `from aws_cdk import core

PASSWORD = core.SecretValue.plain_text("Xk9#mP2$vL5qR8wZ")
`,
      [{ at: ['core.SecretValue.plain_text("Xk9#mP2$vL5qR8wZ")'], messageId: 'plaintext' }],
    ),
  ],
});
