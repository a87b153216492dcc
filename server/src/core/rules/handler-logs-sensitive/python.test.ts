import { ruleTester } from '../../../test/ruleTester';
import rule from './rule';

const H = 'lambda/app.py';

/** A Python stack whose function runs `handler` from the `lambda` asset folder. */
function pythonStack(handler: string, runtime = 'PYTHON_3_12'): Record<string, string> {
  return {
    'cdk.json': '{"app": "python3 app.py"}',
    'stacks/orders_stack.py': `from aws_cdk import Stack
from aws_cdk import aws_lambda as _lambda
from constructs import Construct


class OrdersStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        _lambda.Function(
            self,
            "Orders",
            runtime=_lambda.Runtime.${runtime},
            handler="${handler}",
            code=_lambda.Code.from_asset("lambda"),
        )
`,
  };
}

const NAMED_HANDLER = `def create_order(event, context):
    print(event)
    return {"statusCode": 201}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'Python: request id, fields and counts',
      filename: H,
      code: `import json
import logging

logger = logging.getLogger()


def lambda_handler(event, context):
    body = json.loads(event["body"])
    token_count = len(body)
    print("request", event["requestContext"]["requestId"], token_count)
    logger.info("path %s", event.get("path"))
    return {"statusCode": 204, "body": ""}
`,
    },
    {
      name: 'Python: a …Token read from the request path is an id, not a secret (issue 18)',
      filename: H,
      code: `import logging

import boto3

logger = logging.getLogger()
sfn = boto3.client("stepfunctions")


def lambda_handler(event, context):
    execution_token = event["pathParameters"]["executionToken"]
    token = event.get("pathParameters", {}).get("token")
    logger.info("resuming %s", execution_token)
    print(f"approval for {token}", event["pathParameters"].get("taskToken"))
    sfn.send_task_success(taskToken=execution_token, output="{}")
    return {"statusCode": 202}
`,
    },
    {
      name: 'Python: a module that is not a handler logs what it likes',
      filename: 'lambda/util.py',
      code: `import os


def dump(event, context):
    print(event)
    print(os.environ)
`,
    },
    {
      name: 'Python: a local object called logger is not a logger',
      filename: H,
      code: `class Recorder:
    def info(self, value):
        self.last = value


logger = Recorder()


def lambda_handler(event, context):
    logger.info(event)
    return {"statusCode": 200}
`,
    },
    {
      name: 'Python: a function the stack does not name is not a handler',
      filename: H,
      code: NAMED_HANDLER,
      files: pythonStack('app.lambda_handler'),
    },
    {
      name: 'Python: a Java runtime names no Python file',
      filename: H,
      code: NAMED_HANDLER,
      files: pythonStack('app.create_order', 'JAVA_21'),
    },
  ],
  invalid: [
    {
      name: 'Python: handler="app.create_order" with code=Code.from_asset("lambda") names lambda/app.py',
      filename: H,
      code: NAMED_HANDLER,
      files: pythonStack('app.create_order'),
      errors: [
        {
          line: 2,
          column: 11,
          endLine: 2,
          endColumn: 16,
          messageId: 'eventOther',
          related: [{ file: 'stacks/orders_stack.py', line: 13, column: 21, message: "Lambda handler of Function 'Orders', named here" }],
        },
      ],
    },
    {
      name: 'Python: print, logging and Powertools Logger of the whole event',
      filename: H,
      code: `import logging
from aws_lambda_powertools import Logger

logger = Logger(service="orders")
log = logging.getLogger(__name__)


def lambda_handler(event, context):
    print(event)
    logger.info(event)
    log.warning("got %s", event)
    logging.info(event)
    return {"statusCode": 200}
`,
      errors: [
        {
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 16,
          messageId: 'eventOther',
          message: 'This logs the whole Lambda event, with everything its sender put in it. Log the fields you need, such as an id.',
        },
        { line: 10, column: 17, endLine: 10, endColumn: 22, messageId: 'eventOther' },
        { line: 11, column: 27, endLine: 11, endColumn: 32, messageId: 'eventOther' },
        { line: 12, column: 18, endLine: 12, endColumn: 23, messageId: 'eventOther' },
      ],
    },
    {
      name: 'Python: context, os.environ and a secret environment variable',
      filename: H,
      code: `import os


def lambda_handler(event, context):
    print(context)
    print(os.environ)
    print(f"key={os.environ['API_KEY']}")
    return {"statusCode": 200}
`,
      errors: [
        { line: 5, column: 11, endLine: 5, endColumn: 18, messageId: 'context' },
        { line: 6, column: 11, endLine: 6, endColumn: 21, messageId: 'env' },
        { line: 7, column: 18, endLine: 7, endColumn: 39, messageId: 'env-var' },
      ],
    },
    {
      name: 'Python: a secret-looking value logged in a helper the handler calls',
      filename: H,
      code: `import json
import logging

logger = logging.getLogger()


def audit(password):
    logger.debug("login with %s", password)


def lambda_handler(event, context):
    body = json.loads(event["body"])
    audit(body["password"])
    return {"statusCode": 204}
`,
      errors: [{ line: 8, column: 35, endLine: 8, endColumn: 43, messageId: 'name' }],
    },
    {
      name: 'Python: a token from a header or the body is still a secret when a path parameter is not (issue 18)',
      filename: H,
      code: `import json


def lambda_handler(event, context):
    execution_token = event["pathParameters"]["executionToken"]
    session_token = event["headers"]["x-session-token"]
    refresh_token = json.loads(event["body"])["refreshToken"]
    print("resume", execution_token, session_token, event["headers"]["Authorization"], refresh_token)
    return {"statusCode": 200}
`,
      errors: [
        { line: 8, column: 38, endLine: 8, endColumn: 51, messageId: 'name' },
        { line: 8, column: 53, endLine: 8, endColumn: 86, messageId: 'name' },
        { line: 8, column: 88, endLine: 8, endColumn: 101, messageId: 'name' },
      ],
    },
    {
      name: 'Python: a secret-looking variable logged by loguru',
      filename: H,
      code: `from loguru import logger


def lambda_handler(event, context):
    api_token = read_token()
    logger.info("token {}", api_token)
    return {"statusCode": 200}
`,
      errors: [{ line: 6, column: 29, endLine: 6, endColumn: 38, messageId: 'name' }],
    },
    {
      name: 'Python: secrets fetched with boto3 and Powertools parameters are logged',
      filename: H,
      code: `import logging

import boto3
from aws_lambda_powertools.utilities import parameters

logger = logging.getLogger()
sm = boto3.client("secretsmanager")
ssm = boto3.client("ssm")


def lambda_handler(event, context):
    value = sm.get_secret_value(SecretId="prod/db")["SecretString"]
    conf = ssm.get_parameter(Name="/app/db", WithDecryption=True)
    plain = ssm.get_parameter(Name="/app/region")
    stripe = parameters.get_secret("stripe")
    logger.info("db %s conf %s region %s", value, conf, plain)
    print(stripe)
    return {"statusCode": 200}
`,
      errors: [
        { line: 16, column: 44, endLine: 16, endColumn: 49, messageId: 'store', message: /fetched from Secrets Manager/ },
        { line: 16, column: 51, endLine: 16, endColumn: 55, messageId: 'store', message: /fetched from SSM Parameter Store/ },
        { line: 17, column: 11, endLine: 17, endColumn: 17, messageId: 'store' },
      ],
    },
  ],
});
