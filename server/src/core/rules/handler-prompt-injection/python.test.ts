import { pyInvalid, pyValid } from '../../../test/pythonFixtures';
import { ruleTester } from '../../../test/ruleTester';
import rule from './rule';

const H = 'lambda/app.py';

const flagged = `import json

import boto3

bedrock = boto3.client("bedrock-runtime")
SYSTEM_PROMPT = "You are a support assistant for Acme. Answer only questions about orders."


def lambda_handler(event, context):
    body = json.loads(event["body"])
    question = body["question"]
    bedrock.converse(
        modelId="anthropic.claude-3-haiku-20240307-v1:0",
        system=[{"text": f"{SYSTEM_PROMPT} The customer is {body['name']}."}],
        messages=[{"role": "user", "content": [{"text": question}]}],
    )
    payload = {"prompt": "Answer briefly: %s" % question, "max_gen_len": 256}
    bedrock.invoke_model(modelId="meta.llama3-8b-instruct-v1:0", body=json.dumps(payload).encode("utf-8"))
    bedrock.invoke_model(
        modelId="anthropic.claude-3-haiku-20240307-v1:0",
        body=json.dumps({"system": "Reply in " + body["language"], "messages": [{"role": "user", "content": question}]}),
    )
    return {"statusCode": 200}
`;

const otherLibraries = `import json

from anthropic import Anthropic
from langchain_core.prompts import ChatPromptTemplate, PromptTemplate
from openai import OpenAI

client = OpenAI()
claude = Anthropic()


def handler(event, context):
    params = event["queryStringParameters"]
    client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "system", "content": "You are {}.".format(params["persona"])}, {"role": "user", "content": params["q"]}],
    )
    claude.messages.create(model="claude", max_tokens=100, system=f"Speak like {params['persona']}", messages=[])
    chat = ChatPromptTemplate.from_messages([("system", "Answer in " + params["lang"]), ("human", "{q}")])
    poem = PromptTemplate.from_template(f"Write a poem about {params['topic']}")
    return {"statusCode": 200, "body": json.dumps([str(chat), str(poem)])}
`;

ruleTester(rule, {
  valid: [
    pyValid(
      H,
      'Python: a constant system prompt and the user text as a separate user message (converse, invoke_model, OpenAI)',
      `import json

import boto3
from openai import OpenAI

bedrock = boto3.client("bedrock-runtime")
client = OpenAI()
SYSTEM_PROMPT = "You are a support assistant for Acme. Answer only questions about orders."


def lambda_handler(event, context):
    question = json.loads(event["body"])["question"]
    bedrock.converse(
        modelId="anthropic.claude-3-haiku-20240307-v1:0",
        system=[{"text": SYSTEM_PROMPT}],
        messages=[{"role": "user", "content": [{"text": f"Question: {question}"}]}],
    )
    bedrock.invoke_model(
        modelId="anthropic.claude-3-haiku-20240307-v1:0",
        body=json.dumps({"system": SYSTEM_PROMPT, "messages": [{"role": "user", "content": question}]}),
    )
    bedrock.invoke_model(modelId="amazon.titan-text-express-v1", body=json.dumps({"inputText": question}))
    client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": question}],
    )
    return {"statusCode": 200}
`,
    ),
    pyValid(
      H,
      'Python: calls with a guardrail (guardrailIdentifier=, guardrailConfig=) and data validated by pydantic',
      `import json

import boto3
from pydantic import BaseModel

bedrock = boto3.client("bedrock-runtime")


class Request(BaseModel):
    language: str
    text: str


def lambda_handler(event, context):
    body = json.loads(event["body"])
    bedrock.invoke_model(
        modelId="amazon.titan-text-express-v1",
        guardrailIdentifier="gr-1",
        guardrailVersion="1",
        body=json.dumps({"inputText": f"Summarize: {body['text']}"}),
    )
    bedrock.converse(
        modelId="m",
        system=[{"text": f"You are {body['persona']}"}],
        messages=[],
        guardrailConfig={"guardrailIdentifier": "gr-1", "guardrailVersion": "1"},
    )
    req = Request.model_validate(body)
    bedrock.converse(modelId="m", system=[{"text": f"Translate into {req.language}"}], messages=[])
    return {"statusCode": 200}
`,
    ),
  ],
  invalid: [
    pyInvalid(H, 'Python: boto3 converse system= f-string, invoke_model prompt built with %, an InvokeModel body system', flagged, [
      {
        at: ["{body['name']}", "body['name']"],
        messageId: 'system',
        message: /^Event data is placed in the system prompt of Bedrock Converse: .*Keep system= constant/,
        related: [
          { line: 10, column: 23, message: 'event["body"] read here' },
          { line: 10, column: 12, message: 'parsed here' },
          { line: 12, column: 5, message: 'sent to the model here' },
        ],
      },
      {
        at: ['% question', 'question'],
        messageId: 'prompt',
        message: /^Event data is built into the one prompt string of Bedrock InvokeModel \(an f-string, \+ or %\)/,
      },
      { at: ['+ body["language"]', 'body["language"]'], messageId: 'system', message: /of Bedrock InvokeModel: / },
    ]),
    pyInvalid(H, 'Python: OpenAI system message, Anthropic system=, LangChain system tuple and template text', otherLibraries, [
      { at: ['format(params["persona"])', 'params["persona"]'], messageId: 'system', message: /of the OpenAI API: / },
      { at: ["{params['persona']}", "params['persona']"], messageId: 'system', message: /of the Anthropic API: / },
      { at: ['+ params["lang"]', 'params["lang"]'], messageId: 'system', message: /of a LangChain prompt template: / },
      {
        at: ["{params['topic']}", "params['topic']"],
        messageId: 'template',
        message: /ChatPromptTemplate\.from_messages\(\[\("system", "\.\.\."\), \("human", "\{question\}"\)\]\)/,
      },
    ]),
  ],
});
