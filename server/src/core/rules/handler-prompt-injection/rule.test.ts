import { pyInvalid as at } from '../../../test/pythonFixtures';
import { ruleTester } from '../../../test/ruleTester';
import rule from './rule';

// `at` (pyInvalid) takes each expected range from the text it covers; it works for any language.
const H = 'lambda/handler.ts';
const J = 'lambda/index.js';

const bedrockFlagged = `import { BedrockRuntimeClient, ConverseCommand, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import type { APIGatewayProxyEvent } from 'aws-lambda';

const client = new BedrockRuntimeClient({});
const SYSTEM = 'You are a support assistant for Acme. Answer only questions about orders.';

export const handler = async (event: APIGatewayProxyEvent) => {
  const body = JSON.parse(event.body ?? '{}');
  const question: string = body.question;
  await client.send(
    new ConverseCommand({
      modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      system: [{ text: \`\${SYSTEM} The customer is called \${body.name}.\` }],
      messages: [{ role: 'user', content: [{ text: question }] }],
    }),
  );
  const review = {
    inputText: 'Summarize this review in one sentence:\\n' + question,
    textGenerationConfig: { maxTokenCount: 200 },
  };
  await client.send(new InvokeModelCommand({ modelId: 'amazon.titan-text-express-v1', body: JSON.stringify(review) }));
  return { statusCode: 200, body: '' };
};
`;

const openAiFlagged = `const OpenAI = require('openai');
const Anthropic = require('@anthropic-ai/sdk');

const openai = new OpenAI();
const anthropic = new Anthropic();

exports.handler = async (event) => {
  const { question, persona } = JSON.parse(event.body);
  await openai.chat.completions.create({
    model: 'gpt-4o',
    messages: [
      { role: 'system', content: 'You are ' + persona + '. Stay in character.' },
      { role: 'user', content: question },
    ],
  });
  await openai.responses.create({ model: 'gpt-4o', instructions: 'Be brief.', input: \`Translate to French: \${question}\` });
  await anthropic.messages.create({
    model: 'claude-3-5-sonnet-latest',
    max_tokens: 512,
    system: \`Speak like \${persona}\`,
    messages: [{ role: 'user', content: question }],
  });
  return { statusCode: 200 };
};
`;

const langChainFlagged = `import { ChatPromptTemplate, PromptTemplate, SystemMessagePromptTemplate } from '@langchain/core/prompts';
import { SystemMessage } from '@langchain/core/messages';
import type { APIGatewayProxyEvent } from 'aws-lambda';

export const handler = async (event: APIGatewayProxyEvent) => {
  const tone = event.queryStringParameters?.tone ?? 'friendly';
  const topic = event.queryStringParameters?.topic ?? '';
  const chat = ChatPromptTemplate.fromMessages([
    ['system', \`You are a \${tone} assistant.\`],
    ['human', '{question}'],
  ]);
  const single = PromptTemplate.fromTemplate('Write a poem about ' + topic);
  const sys = SystemMessagePromptTemplate.fromTemplate(\`Only talk about \${topic}.\`);
  const message = new SystemMessage(tone);
  return { statusCode: 200, body: String([chat, single, sys, message].length) };
};
`;

const sharedPrompt = `import { BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';

const client = new BedrockRuntimeClient({});

export const handler = async (event: { body: string }) => {
  const { language, text } = JSON.parse(event.body);
  const system = [{ text: \`Translate into \${language}. Keep the tone of \${text.slice(0, 20)}.\` }];
  await client.send(new ConverseCommand({ modelId: 'm', system, messages: [{ role: 'user', content: [{ text }] }] }));
  await client.send(new ConverseStreamCommand({ modelId: 'm', system, messages: [{ role: 'user', content: [{ text }] }] }));
};
`;

ruleTester(rule, {
  valid: [
    {
      name: 'a constant system prompt, the user text as a separate user message (Converse, InvokeModel messages, OpenAI, Anthropic)',
      filename: H,
      code: `import { BedrockRuntimeClient, ConverseCommand, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import type { APIGatewayProxyEvent } from 'aws-lambda';

const client = new BedrockRuntimeClient({});
const openai = new OpenAI();
const anthropic = new Anthropic();
const SYSTEM = 'You are a support assistant for Acme. Answer only questions about orders.';

export const handler = async (event: APIGatewayProxyEvent) => {
  const { question } = JSON.parse(event.body ?? '{}');
  await client.send(
    new ConverseCommand({
      modelId: 'm',
      system: [{ text: SYSTEM }],
      messages: [{ role: 'user', content: [{ text: \`Question: \${question}\` }] }],
    }),
  );
  const payload = { anthropic_version: 'bedrock-2023-05-31', max_tokens: 512, system: SYSTEM, messages: [{ role: 'user', content: question }] };
  await client.send(new InvokeModelCommand({ modelId: 'm', body: JSON.stringify(payload) }));
  await openai.chat.completions.create({
    model: 'gpt-4o',
    messages: [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: 'Question: ' + question },
    ],
  });
  await openai.responses.create({ model: 'gpt-4o', instructions: SYSTEM, input: question });
  await anthropic.messages.create({ model: 'claude', max_tokens: 100, system: SYSTEM, messages: [{ role: 'user', content: question }] });
  return { statusCode: 200, body: '' };
};
`,
    },
    {
      name: 'the whole prompt is the user text alone (nothing built around it), and an embeddings input',
      filename: H,
      code: `import { BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import OpenAI from 'openai';

const client = new BedrockRuntimeClient({});
const openai = new OpenAI();

export const handler = async (event: { body: string }) => {
  const text = JSON.parse(event.body).text;
  await client.send(new InvokeModelCommand({ modelId: 'amazon.titan-text-express-v1', body: JSON.stringify({ inputText: text }) }));
  await openai.embeddings.create({ model: 'text-embedding-3-small', input: \`passage: \${text}\` });
};
`,
    },
    {
      name: 'calls with a guardrail: InvokeModel guardrailIdentifier, Converse guardrailConfig (also in a spread options object)',
      filename: H,
      code: `import { BedrockRuntimeClient, ConverseCommand, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';

const client = new BedrockRuntimeClient({});
const guarded = { guardrailConfig: { guardrailIdentifier: process.env.GUARDRAIL_ID!, guardrailVersion: '1' } };

export const handler = async (event: { body: string }) => {
  const { persona, question } = JSON.parse(event.body);
  await client.send(
    new InvokeModelCommand({
      modelId: 'amazon.titan-text-express-v1',
      guardrailIdentifier: process.env.GUARDRAIL_ID,
      guardrailVersion: '1',
      body: JSON.stringify({ inputText: \`Answer briefly: \${question}\` }),
    }),
  );
  await client.send(
    new ConverseCommand({
      modelId: 'm',
      system: [{ text: \`You are \${persona}\` }],
      messages: [{ role: 'user', content: [{ text: question }] }],
      guardrailConfig: { guardrailIdentifier: 'gr-1', guardrailVersion: '1' },
    }),
  );
  await client.send(new ConverseCommand({ ...guarded, modelId: 'm', system: [{ text: \`You are \${persona}\` }], messages: [] }));
};
`,
    },
    {
      name: 'data that passed a schema validator (zod), a constant LangChain template with variables',
      filename: H,
      code: `import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { ChatPromptTemplate, PromptTemplate } from '@langchain/core/prompts';
import { z } from 'zod';

const client = new BedrockRuntimeClient({});
const Body = z.object({ language: z.enum(['French', 'German']), text: z.string().max(2000) });
const prompt = ChatPromptTemplate.fromMessages([
  ['system', 'Translate into {language}.'],
  ['human', '{text}'],
]);
const poem = PromptTemplate.fromTemplate('Write a poem about {topic}');

export const handler = async (event: { body: string }) => {
  const input = Body.parse(JSON.parse(event.body));
  await client.send(
    new ConverseCommand({
      modelId: 'm',
      system: [{ text: \`Translate into \${input.language}.\` }],
      messages: [{ role: 'user', content: [{ text: input.text }] }],
    }),
  );
  return { statusCode: 200, body: String(!!prompt && !!poem) };
};
`,
    },
    {
      name: 'data that is not from the event: results of other calls, the time, environment variables',
      filename: H,
      code: `import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { BedrockAgentRuntimeClient, RetrieveCommand } from '@aws-sdk/client-bedrock-agent-runtime';

const client = new BedrockRuntimeClient({});
const kb = new BedrockAgentRuntimeClient({});

export const handler = async (event: { body: string }) => {
  const { question } = JSON.parse(event.body);
  const found = await kb.send(new RetrieveCommand({ knowledgeBaseId: 'kb', retrievalQuery: { text: question } }));
  const context = (found.retrievalResults ?? []).map((r) => r.content?.text).join('\\n');
  await client.send(
    new ConverseCommand({
      modelId: 'm',
      system: [{ text: \`Today is \${new Date().toISOString()} in \${process.env.REGION}. Answer from:\\n\${context}\` }],
      messages: [{ role: 'user', content: [{ text: question }] }],
    }),
  );
};
`,
    },
    {
      name: 'a method called create on something that is not a model client',
      filename: H,
      code: `import { Pool } from 'pg';

const pool = new Pool();
const completions = { create: async (x: unknown) => x };

export const handler = async (event: { body: string }) => {
  const { persona } = JSON.parse(event.body);
  await completions.create({ messages: [{ role: 'system', content: \`You are \${persona}\` }] });
  await pool.query('SELECT 1');
};
`,
    },
  ],
  invalid: [
    at(H, 'Bedrock: Converse system prompt built from the body; Titan inputText concatenated in a const body', bedrockFlagged, [
      {
        at: ['${body.name}', 'body.name'],
        messageId: 'system',
        message: /^Event data is placed in the system prompt of Bedrock Converse: /,
        related: [
          { line: 8, column: 27, message: 'event.body read here' },
          { line: 8, column: 16, message: 'parsed here' },
          { line: 11, column: 5, message: 'sent to the model here' },
        ],
      },
      {
        at: ["\\n' + question", 'question'],
        messageId: 'prompt',
        message: /^Event data is built into the one prompt string of Bedrock InvokeModel: /,
      },
    ]),
    at(J, 'CommonJS: an OpenAI system message, a Responses input built around the text, an Anthropic system', openAiFlagged, [
      { at: ["'You are ' + persona", 'persona'], messageId: 'system', message: /of the OpenAI API: / },
      { at: ['${question}`', 'question'], messageId: 'prompt', message: /of the OpenAI API: / },
      { at: ['${persona}`', 'persona'], messageId: 'system', message: /of the Anthropic API: / },
    ]),
    at(H, 'LangChain: a system tuple, a template text built from the event, a system template and a SystemMessage', langChainFlagged, [
      { at: ['${tone}', 'tone'], messageId: 'system', message: /of a LangChain prompt template: / },
      {
        at: ['+ topic', 'topic'],
        messageId: 'template',
        message: /^Event data is built into the text of a LangChain prompt template: /,
        related: [
          { line: 7, column: 17, message: 'event.queryStringParameters?.topic read here' },
          { line: 12, column: 18, message: 'made a prompt here' },
        ],
      },
      { at: ['${topic}', 'topic'], messageId: 'system', message: /of a LangChain prompt template: / },
      { at: ['new SystemMessage(tone)', 'tone'], messageId: 'system', message: /of a LangChain system message: / },
    ]),
    at(H, 'one system prompt variable sent twice: one finding per piece of data, the second call adds none', sharedPrompt, [
      {
        at: ['${language}', 'language'],
        messageId: 'system',
        related: [
          { line: 6, column: 41, message: 'event.body read here' },
          { line: 6, column: 30, message: 'parsed here' },
          { line: 8, column: 21, message: 'sent to the model here' },
          { line: 7, column: 75, message: 'more event data here' },
        ],
      },
    ]),
  ],
});
