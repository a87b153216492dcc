import { ruleTester } from '../../../test/ruleTester';
import rule from './rule';

const H = 'lambda/app.py';

/** Each validator of the spec, used in the handler before the body's fields are read: [name, imports, handler body]. */
const VALIDATED: Array<[string, string, string]> = [
  [
    'pydantic model_validate',
    'from pydantic import BaseModel\n\n\nclass Order(BaseModel):\n    name: str',
    '    body = json.loads(event["body"])\n    order = Order.model_validate(body)\n    table.put_item(Item={"name": body["name"], "seen": order.name})\n    return {"statusCode": 201}',
  ],
  [
    'pydantic model_validate_json',
    'from pydantic import BaseModel\n\n\nclass Order(BaseModel):\n    name: str',
    '    raw = event["body"]\n    Order.model_validate_json(raw)\n    return {"statusCode": 200, "body": raw}',
  ],
  [
    'pydantic parse_obj and parse_raw (v1)',
    'import pydantic\n\n\nclass Order(pydantic.BaseModel):\n    name: str',
    '    body = json.loads(event["body"])\n    Order.parse_obj(body)\n    raw = event.get("body")\n    Order.parse_raw(raw)\n    return {"statusCode": 200, "body": body["name"] + raw}',
  ],
  [
    'pydantic Model(**data)',
    'from pydantic import BaseModel\n\n\nclass Order(BaseModel):\n    name: str',
    '    data = json.loads(event["body"])\n    order = Order(**data)\n    table.put_item(Item=data)\n    return {"statusCode": 200, "body": order.name}',
  ],
  [
    'jsonschema.validate with keywords',
    'import jsonschema',
    '    body = json.loads(event["body"])\n    jsonschema.validate(instance=body, schema=SCHEMA)\n    return {"statusCode": 200, "body": body["name"]}',
  ],
  [
    'jsonschema validate positional',
    'from jsonschema import validate',
    '    body = json.loads(event.get("body") or "{}")\n    validate(body, SCHEMA)\n    table.put_item(Item=body)\n    return {"statusCode": 200}',
  ],
  [
    'Powertools validate of the whole event',
    'from aws_lambda_powertools.utilities.validation import validate',
    '    validate(event=event, schema=SCHEMA)\n    body = json.loads(event["body"])\n    return {"statusCode": 200, "body": body["name"]}',
  ],
  [
    'Powertools parse',
    'from aws_lambda_powertools.utilities.parser import BaseModel, parse\n\n\nclass Order(BaseModel):\n    name: str',
    '    body = json.loads(event["body"])\n    parse(event=body, model=Order)\n    return {"statusCode": 200, "body": body["name"]}',
  ],
  [
    'marshmallow Schema().load',
    'from marshmallow import Schema, fields\n\n\nclass OrderSchema(Schema):\n    name = fields.Str(required=True)',
    '    body = json.loads(event["body"])\n    OrderSchema().load(body)\n    return {"statusCode": 200, "body": body["name"]}',
  ],
];

ruleTester(rule, {
  valid: [
    ...VALIDATED.map(([name, imports, body]) => ({
      name: `Python: ${name}`,
      filename: H,
      code: `import json

import boto3
${imports}

table = boto3.resource("dynamodb").Table("orders")
SCHEMA = {"type": "object", "required": ["name"]}


def lambda_handler(event, context):
${body}
`,
    })),
    {
      name: 'Python: Powertools @validator(inbound_schema=...) and @event_parser(model=...) on the handler',
      filename: H,
      code: `import json

from aws_lambda_powertools.utilities.parser import BaseModel, event_parser
from aws_lambda_powertools.utilities.validation import validator

SCHEMA = {"type": "object"}


class Order(BaseModel):
    name: str


@validator(inbound_schema=SCHEMA)
def lambda_handler(event, context):
    body = json.loads(event["body"])
    return {"statusCode": 200, "body": body["name"]}


@event_parser(model=Order)
def handler(event, context):
    body = json.loads(event["body"])
    return {"statusCode": 200, "body": body["name"]}
`,
    },
    {
      name: 'Python: an SQS record body parsed and stored is not an HTTP request body (issue 18)',
      filename: H,
      code: `import json

import boto3

table = boto3.resource("dynamodb").Table("orders")


def lambda_handler(event, context):
    for record in event["Records"]:
        msg = json.loads(record["body"])
        table.put_item(Item={"id": msg["id"], "total": msg["total"]})
    first = json.loads(event["Records"][0]["body"])
    return {"batchItemFailures": [], "first": first["id"]}
`,
    },
    {
      name: 'Python: an EventBridge Pipes batch given as a list: event[0]["body"] (issue 18)',
      filename: H,
      code: `import json

import boto3

table = boto3.resource("dynamodb").Table("orders")


def lambda_handler(event, context):
    order = json.loads(event[0]["body"])
    table.put_item(Item=order)
    return [{"id": r["messageId"], "order": json.loads(r["body"])} for r in event]
`,
    },
    {
      name: 'Python: not a handler file',
      filename: 'lambda/shared/parsing.py',
      code: `import json


def read(event, context):
    body = json.loads(event["body"])
    return body["name"]
`,
    },
  ],
  invalid: [
    {
      name: 'Python: a decorator that validates only the response, and one that validates nothing, leave the body unvalidated',
      filename: H,
      code: `import json

from aws_lambda_powertools import Tracer
from aws_lambda_powertools.utilities.validation import validator

tracer = Tracer()


@tracer.capture_lambda_handler
@validator(outbound_schema={"type": "object"})
def lambda_handler(event, context):
    body = json.loads(event["body"])
    return {"statusCode": 200, "body": body["name"]}
`,
      errors: [{ line: 12, column: 12, endLine: 12, endColumn: 37, messageId: 'parsed' }],
    },
    {
      name: 'Python: the parsed body read and stored without validation',
      filename: H,
      code: `import json

import boto3

table = boto3.resource("dynamodb").Table("orders")


def lambda_handler(event, context):
    body = json.loads(event["body"])
    table.put_item(Item={"id": body["orderId"], "qty": body.get("quantity")})
    return {"statusCode": 201}
`,
      errors: [
        {
          line: 9,
          column: 12,
          endLine: 9,
          endColumn: 37,
          messageId: 'parsed',
          message:
            'The request body is parsed and used without validation. Check it against a schema (a pydantic model, jsonschema.validate, Powertools parse or validate, marshmallow) before using it.',
        },
      ],
    },
    {
      name: 'Python: the raw body returned, and a body read in a helper the handler calls',
      filename: H,
      code: `import json


def quantity_of(payload):
    return json.loads(payload)["quantity"]


def lambda_handler(event, context):
    if event.get("echo"):
        return {"statusCode": 200, "body": event.get("body")}
    return {"statusCode": 200, "body": str(quantity_of(event["body"]))}
`,
      errors: [
        { line: 5, column: 12, endLine: 5, endColumn: 31, messageId: 'parsed' },
        { line: 10, column: 44, endLine: 10, endColumn: 61, messageId: 'raw' },
      ],
    },
  ],
});
