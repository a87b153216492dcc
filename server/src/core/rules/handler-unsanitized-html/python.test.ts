import { ruleTester } from '../../../test/ruleTester';
import rule from './rule';

const H = 'lambda/app.py';

ruleTester(rule, {
  valid: [
    {
      name: 'Python: html.escape, markupsafe.escape and bleach.clean',
      filename: H,
      code: `import html

import bleach
from markupsafe import escape


def lambda_handler(event, context):
    params = event.get("queryStringParameters") or {}
    name = html.escape(params.get("name", ""))
    title = escape(params["title"])
    bio = bleach.clean(params["bio"])
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "text/html"},
        "body": f"<h1>{title}</h1><p>Hello {name}</p><div>{bio}</div>",
    }
`,
    },
    {
      name: 'Python: event data in a JSON response',
      filename: H,
      code: `import json


def lambda_handler(event, context):
    name = event["queryStringParameters"]["name"]
    return {"statusCode": 200, "headers": {"Content-Type": "application/json"}, "body": json.dumps({"name": name})}
`,
    },
  ],
  invalid: [
    {
      name: 'Python: query parameters in a text/html response',
      filename: H,
      code: `def lambda_handler(event, context):
    params = event.get("queryStringParameters") or {}
    name = params.get("name", "guest")
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "text/html; charset=utf-8"},
        "body": "<h1>Hello %s</h1>" % name,
    }
`,
      errors: [
        {
          line: 7,
          column: 39,
          endLine: 7,
          endColumn: 43,
          messageId: 'response',
          message:
            'Event data goes into a text/html response without escaping: a request can inject script into the page. Escape it with html.escape (or markupsafe.escape), or sanitize it with bleach.clean.',
        },
      ],
    },
    {
      name: 'Python: the page built by a helper with .format',
      filename: H,
      code: `HEADERS = {"Content-Type": "text/html"}


def page(title, body):
    return "<html><title>{}</title><body>{}</body></html>".format(title, body)


def lambda_handler(event, context):
    comment = event["body"]
    return {"statusCode": 200, "headers": HEADERS, "body": page("Comments", comment)}
`,
      errors: [{ line: 10, column: 77, endLine: 10, endColumn: 84, messageId: 'response' }],
    },
  ],
});
