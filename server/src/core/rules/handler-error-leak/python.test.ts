import { ruleTester } from '../../../test/ruleTester';
import rule from './rule';

const H = 'lambda/app.py';

ruleTester(rule, {
  valid: [
    {
      name: 'Python: logs the exception and returns a generic message; a known exception may be returned',
      filename: H,
      code: `import json
import logging

from pydantic import BaseModel, ValidationError

logger = logging.getLogger()


class Order(BaseModel):
    order_id: str


class OrderNotFound(Exception):
    pass


def lambda_handler(event, context):
    try:
        order = Order.model_validate_json(event["body"])
        return {"statusCode": 200, "body": order.model_dump_json()}
    except ValidationError as e:
        return {"statusCode": 400, "body": str(e)}
    except OrderNotFound as missing:
        return {"statusCode": 404, "body": json.dumps({"error": str(missing)})}
    except Exception:
        logger.exception("failed")
        return {"statusCode": 500, "body": json.dumps({"error": "internal error"})}
`,
    },
    {
      name: 'Python: not a handler',
      filename: 'lambda/helpers.py',
      code: `import traceback


def render(event, context):
    try:
        pass
    except Exception as e:
        return {"statusCode": 500, "body": traceback.format_exc()}
`,
    },
  ],
  invalid: [
    {
      name: 'Python: str(e), repr(e), traceback.format_exc() and the exception itself',
      filename: H,
      code: `import json
import traceback


def lambda_handler(event, context):
    try:
        return process(event)
    except KeyError as e:
        return {"statusCode": 400, "body": repr(e)}
    except Exception as e:
        if event.get("debug"):
            return {"statusCode": 500, "body": traceback.format_exc()}
        if event.get("verbose"):
            return {"statusCode": 500, "body": json.dumps({"error": e})}
        return {"statusCode": 500, "body": json.dumps({"error": str(e)})}
`,
      errors: [
        {
          line: 9,
          column: 44,
          endLine: 9,
          endColumn: 51,
          messageId: 'message',
          message:
            'The response body carries the text of an unexpected exception (str(e)), which can reveal internals (queries, ARNs, paths). Log it and return a generic message; return details only for exceptions you raise on purpose.',
        },
        { line: 12, column: 48, endLine: 12, endColumn: 70, messageId: 'stack' },
        { line: 14, column: 69, endLine: 14, endColumn: 70, messageId: 'object' },
        { line: 15, column: 65, endLine: 15, endColumn: 71, messageId: 'message' },
      ],
    },
    {
      name: 'Python: the error text returned through a response helper',
      filename: H,
      code: `import json


def respond(status, message):
    return {"statusCode": status, "body": json.dumps({"message": message})}


def lambda_handler(event, context):
    try:
        return respond(200, "ok")
    except Exception as err:
        return respond(500, f"failed: {err}")
`,
      errors: [{ line: 12, column: 40, endLine: 12, endColumn: 43, messageId: 'object' }],
    },
  ],
});
