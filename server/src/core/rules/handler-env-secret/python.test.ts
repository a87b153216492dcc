import { ruleTester } from '../../../test/ruleTester';
import rule from './rule';

const H = 'lambda/app.py';

ruleTester(rule, {
  valid: [
    {
      name: 'Python: settings that are not secrets, existence checks and the runtime role credentials',
      filename: H,
      code: `import os

import boto3

TABLE = os.environ["TABLE_NAME"]
dynamodb = boto3.resource("dynamodb")


def lambda_handler(event, context):
    if not os.environ.get("API_KEY"):
        raise RuntimeError("missing configuration")
    table = dynamodb.Table(TABLE)
    s3 = boto3.client("s3", aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"])
    return {"statusCode": 200, "body": str(table.item_count)}
`,
    },
    {
      name: 'Python: the secret comes from Secrets Manager',
      filename: H,
      code: `import os

import boto3
import requests

secrets = boto3.client("secretsmanager")
API_KEY = secrets.get_secret_value(SecretId=os.environ["API_KEY_SECRET_ARN"])["SecretString"]


def lambda_handler(event, context):
    return requests.get("https://api.example.com", headers={"Authorization": API_KEY}).json()
`,
    },
  ],
  invalid: [
    {
      name: 'Python: requests headers, boto3 keys and a database password',
      filename: H,
      code: `import os

import boto3
import psycopg2
import requests

API_KEY = os.environ["API_KEY"]


def lambda_handler(event, context):
    r = requests.get("https://api.example.com/orders", headers={"Authorization": f"Bearer {API_KEY}"})
    partner = boto3.client("s3", aws_access_key_id="AKIA", aws_secret_access_key=os.getenv("PARTNER_SECRET_KEY"))
    conn = psycopg2.connect(host="db", user="app", password=os.environ.get("DB_PASSWORD"))
    return {"statusCode": r.status_code}
`,
      errors: [
        {
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 32,
          messageId: 'credential',
          message:
            "'API_KEY' comes from an environment variable and is used as a credential. Anyone who can read the function's configuration can read it: store it in Secrets Manager, pass its ARN, and fetch it with boto3's get_secret_value (or the Parameters and Secrets extension), cached outside the handler.",
        },
        { line: 12, column: 82, endLine: 12, endColumn: 113, messageId: 'credential' },
        { line: 13, column: 61, endLine: 13, endColumn: 90, messageId: 'credential' },
      ],
    },
    {
      name: 'Python: the secret passed through a helper of the file',
      filename: H,
      code: `import os

import requests


def call_partner(token):
    return requests.post("https://partner.example.com", headers={"x-api-key": token})


def lambda_handler(event, context):
    return call_partner(os.environ["PARTNER_TOKEN"]).json()
`,
      errors: [{ line: 11, column: 25, endLine: 11, endColumn: 52, messageId: 'credential' }],
    },
  ],
});
