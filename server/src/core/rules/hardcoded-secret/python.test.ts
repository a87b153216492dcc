import { ruleTester } from '../../../test/ruleTester';
import { AWS_SECRET } from '../../../test/secretSamples';
import rule from './rule';

const H = 'lambda/app.py';
const STRIPE = 'sk_live_51AbCdEfGh1234567890AbCdEf';
const GITHUB = 'ghp_AbCdEfGh1234567890AbCdEfGh1234567890';

ruleTester(rule, {
  valid: [
    {
      name: 'Python: placeholders, environment reads and references',
      filename: H,
      code: `import os

API_KEY = os.environ.get("STRIPE_API_KEY", "changeme")
PARTNER_TOKEN = "<your-partner-token>"
DB_PASSWORD_PARAMETER = "/prod/payments/db-password"
STRIPE_SECRET = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/stripe-AbCdEf"


def lambda_handler(event, context):
    return {"statusCode": 200}
`,
    },
    {
      name: 'Python: typed passwords, settings and repetitive values under secret names (issue 18)',
      filename: H,
      code: `DB_PASSWORD = "myPassword2024!!"
ADMIN_PASSWORD = "welcome2024Admin"
API_TOKEN = "ServiceRole-2024-06-01"
signing_secret = "Ab1Cd2Ef3Gh4Ab1Cd2Ef3Gh4Ab1Cd2E"


def lambda_handler(event, context):
    return {"statusCode": 200}
`,
    },
    {
      name: 'Python: a docstring and comments are not values',
      filename: H,
      code: `def lambda_handler(event, context):
    """Uses the key from Secrets Manager (never paste it here)."""
    # the token looks like ghp_..., it is fetched at runtime
    return {"statusCode": 200}
`,
    },
  ],
  invalid: [
    {
      name: 'Python: a Stripe key in a client call and a GitHub token in a constant',
      filename: H,
      code: `import stripe

stripe.api_key = "${STRIPE}"
GITHUB_TOKEN = '${GITHUB}'


def lambda_handler(event, context):
    return {"statusCode": 200}
`,
      errors: [
        {
          line: 3,
          column: 18,
          endLine: 3,
          endColumn: 54,
          message:
            'Hard-coded Stripe live secret key (sk_l…). Anyone who can read the repository or the deployed code can use it: revoke it, and load the new one at runtime from Secrets Manager or SSM Parameter Store.',
        },
        { line: 4, column: 16, endLine: 4, endColumn: 58, message: /^Hard-coded GitHub token \(ghp_…\)\. / },
      ],
    },
    {
      name: 'Python: an access key pair passed to boto3, and a password keyword',
      filename: H,
      code: `import boto3
import pymysql

s3 = boto3.client(
    "s3",
    aws_access_key_id="AKIAZ7Q4R2M6N8P3K5W1",
    aws_secret_access_key="${AWS_SECRET}",
)
conn = pymysql.connect(host="db", user="app", password="Tr0ub4dor&3-horse-battery")


def lambda_handler(event, context):
    return {"statusCode": 200}
`,
      errors: [
        { line: 6, column: 23, endLine: 6, endColumn: 45 },
        { line: 7, column: 27, endLine: 7, endColumn: 69 },
        { line: 9, column: 56, endLine: 9, endColumn: 83, messageId: 'named' },
      ],
    },
    {
      name: 'Python: random 16-character hex keys whose entropy is under the old flat bar of 3 bits (issue 18)',
      filename: H,
      code: `HMAC_SECRET = "41a0079210b13719"


def lambda_handler(event, context):
    return {"statusCode": 200, "key": "4d67969e4e50d645"}
`,
      errors: [{ line: 1, column: 15, endLine: 1, endColumn: 33, messageId: 'named' }],
    },
  ],
});
