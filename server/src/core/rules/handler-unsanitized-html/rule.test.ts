import { ruleTester } from '../../../test/ruleTester';
import rule from './rule';

const H = 'lambda/handler.ts';

const greeting = (name: string, head = '') => `${head}import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const name = event.queryStringParameters?.name ?? 'there';
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
    body: \`<h1>Hello \${${name}}</h1>\`,
  };
};
`;

ruleTester(rule, {
  valid: [
    {
      name: 'a JSON response (no Content-Type, or application/json)',
      filename: H,
      code: `export const handler = async (event: { queryStringParameters: { q: string } }) => {
  const q = event.queryStringParameters.q;
  if (q === 'json') return { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ q }) };
  return { statusCode: 200, body: \`<p>\${q}</p>\` };
};
`,
    },
    {
      name: 'escaped: he, escape-html, lodash, DOMPurify, a local escape function',
      filename: H,
      code: `import he from 'he';
import escapeHtml from 'escape-html';
import { escape } from 'lodash';
import DOMPurify from 'isomorphic-dompurify';

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const handler = async (event: { queryStringParameters: Record<string, string> }) => {
  const q = event.queryStringParameters;
  const page = [he.encode(q.a), escapeHtml(q.b), escape(q.c), DOMPurify.sanitize(q.d), escapeText(q.e)].join('');
  return { statusCode: 200, headers: { 'content-type': 'text/html' }, body: \`<main>\${page}</main>\` };
};
`,
    },
    {
      name: 'numbers and counts only',
      filename: H,
      code: `export const handler = async (event: { body: string }) => {
  const items: unknown[] = JSON.parse(event.body);
  return { statusCode: 200, headers: { 'Content-Type': 'text/html' }, body: \`<p>\${items.length} items, page \${Number(event.body.length)}</p>\` };
};
`,
    },
  ],
  invalid: [
    {
      name: 'a query parameter in a text/html response (API Gateway): DOMPurify fix',
      filename: H,
      code: greeting('name'),
      errors: [
        {
          line: 8,
          column: 24,
          endLine: 8,
          endColumn: 28,
          message:
            'Event data goes into a text/html response without escaping: a request can inject script into the page. Escape it (he.encode, escape-html) or sanitize it with DOMPurify.sanitize.',
          related: [
            { line: 4, column: 16, message: 'event.queryStringParameters?.name read here' },
            { line: 7, column: 16, message: 'Content-Type text/html set here' },
            { line: 5, column: 10, message: 'returned in the response here' },
          ],
          fixes: [
            {
              title: 'Sanitize with DOMPurify.sanitize()',
              isPreferred: false,
              output: greeting('DOMPurify.sanitize(name)').replace(
                "import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';\n",
                "import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';\nimport DOMPurify from 'isomorphic-dompurify';\n",
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'headers in a const, HTML built from a list, validated but not escaped',
      filename: H,
      code: `import { z } from 'zod';

const HTML = { 'content-type': 'text/html' };
const Search = z.object({ terms: z.array(z.string()) });

export const handler = async (event: { body: string }) => {
  const { terms } = Search.parse(JSON.parse(event.body));
  const list = terms.map((t) => \`<li>\${t}</li>\`).join('');
  const page = '<ul>' + list + '</ul>';
  return { statusCode: 200, headers: HTML, body: page };
};
`,
      errors: [
        {
          line: 8,
          column: 40,
          endColumn: 41,
          related: [
            { line: 7, column: 45, message: 'event.body read here' },
            { line: 7, column: 34, message: 'parsed here' },
            { line: 3, column: 16 },
            { line: 10, column: 10 },
          ],
        },
      ],
    },
    {
      name: 'a response helper of the file',
      filename: H,
      code: `function html(body: string, statusCode = 200) {
  return { statusCode, headers: { 'Content-Type': 'text/html' }, body };
}

export const handler = async (event: { pathParameters: { slug: string } }) => {
  return html(\`<article data-slug="\${event.pathParameters.slug}"></article>\`);
};
`,
      errors: [
        {
          line: 6,
          column: 38,
          endColumn: 63,
          related: [
            { line: 2, column: 35, message: 'Content-Type text/html set here' },
            { line: 6, column: 10 },
          ],
        },
      ],
    },
    {
      name: 'innerHTML of a server-side DOM; CommonJS fix',
      filename: 'lambda/render.js',
      code: `const { JSDOM } = require('jsdom');

exports.handler = async (event) => {
  const dom = new JSDOM('<main></main>');
  dom.window.document.querySelector('main').innerHTML = event.detail.message;
  return dom.serialize();
};
`,
      errors: [
        {
          line: 5,
          column: 57,
          endColumn: 77,
          message:
            'Event data is assigned to innerHTML without escaping: it can inject script. Sanitize it with DOMPurify.sanitize, or set textContent instead.',
          fixes: [
            {
              output: `const { JSDOM } = require('jsdom');
const DOMPurify = require('isomorphic-dompurify');

exports.handler = async (event) => {
  const dom = new JSDOM('<main></main>');
  dom.window.document.querySelector('main').innerHTML = DOMPurify.sanitize(event.detail.message);
  return dom.serialize();
};
`,
            },
          ],
        },
      ],
    },
  ],
});
