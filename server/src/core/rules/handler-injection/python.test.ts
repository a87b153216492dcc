import { ruleTester } from '../../../test/ruleTester';
import rule from './rule';

const H = 'lambda/app.py';

ruleTester(rule, {
  valid: [
    {
      name: 'Python: parameterised SQL, an argument list, shlex.quote and a validated model',
      filename: H,
      code: `import json
import shlex
import subprocess

import psycopg2
from pydantic import BaseModel

conn = psycopg2.connect(host="db")


class Order(BaseModel):
    order_id: str


def lambda_handler(event, context):
    body = json.loads(event["body"])
    cur = conn.cursor()
    cur.execute("SELECT * FROM orders WHERE id = %s", (body["id"],))
    cur.executemany("INSERT INTO t (name) VALUES (%s)", [(body["name"],)])
    subprocess.run(["convert", body["file"], "out.png"], check=True)
    subprocess.run("convert " + shlex.quote(body["file"]), shell=True)
    order = Order.model_validate(body)
    cur.execute(f"SELECT * FROM orders WHERE id = '{order.order_id}'")
    return {"statusCode": 200}
`,
    },
    {
      name: 'Python: constant commands and code, and a file that is not a handler',
      filename: H,
      code: `import os


def lambda_handler(event, context):
    os.system("ls -la /tmp")
    eval("1 + 1")
    return {"statusCode": 200}
`,
    },
    {
      name: 'Python: not a handler (no lambda_handler, no stack names it)',
      filename: 'scripts/tool.py',
      code: `import os


def run(event, context):
    os.system("ls " + event["dir"])
`,
    },
  ],
  invalid: [
    {
      name: 'Python: SQL by f-string, %, + and .format to execute, and sqlalchemy text()',
      filename: H,
      code: `import json

import pymysql
from sqlalchemy import text

conn = pymysql.connect(host="db")


def lambda_handler(event, context):
    body = json.loads(event["body"])
    name = body["name"]
    with conn.cursor() as cur:
        cur.execute(f"SELECT * FROM users WHERE name = '{name}'")
        cur.execute("SELECT * FROM users WHERE name = '%s'" % name)
        cur.execute("DELETE FROM users WHERE name = '" + name + "'")
        cur.executemany("UPDATE users SET seen = 1 WHERE name = '{}'".format(name), [])
    session.execute(text(f"SELECT * FROM users WHERE id = {body['id']}"))
    return {"statusCode": 200}
`,
      errors: [
        {
          line: 13,
          column: 58,
          endLine: 13,
          endColumn: 62,
          messageId: 'sql',
          message:
            'Event data is built into SQL text passed to execute(): SQL injection. Pass the values as parameters, such as cursor.execute(sql, (value,)).',
        },
        { line: 14, column: 63, endLine: 14, endColumn: 67, messageId: 'sql' },
        { line: 15, column: 58, endLine: 15, endColumn: 62, messageId: 'sql' },
        { line: 16, column: 78, endLine: 16, endColumn: 82, messageId: 'sql', message: /passed to executemany\(\)/ },
        { line: 17, column: 60, endLine: 17, endColumn: 70, messageId: 'sql', message: /passed to text\(\)/ },
      ],
    },
    {
      name: 'Python: SQL built in a helper the handler calls',
      filename: H,
      code: `import json

import psycopg2

conn = psycopg2.connect(host="db")


def build_query(user_id):
    return f"SELECT * FROM users WHERE id = '{user_id}'"


def lambda_handler(event, context):
    body = json.loads(event["body"])
    cur = conn.cursor()
    cur.execute(build_query(body["id"]))
    return {"statusCode": 200}
`,
      errors: [{ line: 15, column: 29, endLine: 15, endColumn: 39, messageId: 'sql' }],
    },
    {
      name: 'Python: os.system, os.popen, subprocess with shell=True or a string command, eval and exec',
      filename: H,
      code: `import os
import subprocess


def lambda_handler(event, context):
    params = event.get("queryStringParameters") or {}
    host = params.get("host", "localhost")
    os.system("ping -c 1 " + host)
    os.popen(f"dig {host}").read()
    subprocess.run(f"nslookup {host}", shell=True, check=True)
    subprocess.check_output("traceroute %s" % host)
    subprocess.run(["ping", host])
    eval(params["expr"])
    exec(params["code"])
    return {"statusCode": 200}
`,
      errors: [
        {
          line: 8,
          column: 30,
          endLine: 8,
          endColumn: 34,
          messageId: 'command',
          message:
            'Event data reaches a shell command (os.system, os.popen or subprocess with shell=True): whoever sends the event can run any command. Pass subprocess.run an argument list without a shell, and allow-list the values.',
        },
        { line: 9, column: 21, endLine: 9, endColumn: 25, messageId: 'command' },
        { line: 10, column: 32, endLine: 10, endColumn: 36, messageId: 'command' },
        { line: 11, column: 47, endLine: 11, endColumn: 51, messageId: 'command' },
        { line: 13, column: 10, endLine: 13, endColumn: 24, messageId: 'code' },
        { line: 14, column: 10, endLine: 14, endColumn: 24, messageId: 'code' },
      ],
    },
  ],
});
