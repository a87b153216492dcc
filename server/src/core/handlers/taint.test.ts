import * as assert from 'node:assert/strict';
import { analyze } from '../../test/ruleTester';
import type { Rule } from '../rule';
import injection from '../rules/handler-injection/rule';
import unsanitizedHtml from '../rules/handler-unsanitized-html/rule';

/**
 * Flow tests: one propagation step, stop, validator or escaper per case. The probe is a sink
 * (`eval(…)`, an HTML response) in a handler; the case says whether event data reaches it.
 */

interface FlowCase {
  name: string;
  /** Top-level lines before the handler (imports, helpers). */
  head?: string;
  /** Lines inside the handler before the sink. */
  setup?: string;
  /** The expression given to the sink; omit when `setup` or `tail` contain their own sink. */
  expr?: string;
  /** Top-level lines after the handler. */
  tail?: string;
}

function evalProbe(c: FlowCase): string {
  return [
    c.head ?? '',
    'export const handler = async (event: any, context: any) => {',
    c.setup ?? '',
    c.expr !== undefined ? `  eval(${c.expr});` : '',
    '};',
    c.tail ?? '',
  ].join('\n');
}

function htmlProbe(c: FlowCase): string {
  return [
    c.head ?? '',
    'export const handler = async (event: any) => {',
    '  const q = event.queryStringParameters.q;',
    c.setup ?? '',
    `  return { statusCode: 200, headers: { 'Content-Type': 'text/html' }, body: \`<p>\${${c.expr}}</p>\` };`,
    '};',
    c.tail ?? '',
  ].join('\n');
}

function count(rule: Rule, code: string): number {
  return analyze(rule, { code, filename: 'lambda/handler.ts' }).findings.filter((f) => f.ruleId === rule.meta.id).length;
}

function table(title: string, rule: Rule, probe: (c: FlowCase) => string, reaches: boolean, cases: FlowCase[]): void {
  describe(title, () => {
    for (const c of cases) {
      it(c.name, () => {
        const code = probe(c);
        const n = count(rule, code);
        if (reaches) assert.ok(n > 0, `expected the data to reach the sink:\n${code}`);
        else assert.equal(n, 0, `expected the flow to stop:\n${code}`);
      });
    }
  });
}

describe('taint flow', () => {
  table('propagates through', injection, evalProbe, true, [
    { name: 'property reads', expr: 'event.detail.command' },
    { name: 'element access', expr: "event['detail']['command']" },
    { name: 'optional chaining and non-null', expr: 'event?.detail!.command' },
    { name: 'object destructuring, nested', setup: '  const { detail: { command } } = event;', expr: 'command' },
    { name: 'array destructuring', setup: '  const [first] = event.Records;', expr: 'first.body' },
    { name: 'a const alias', setup: '  const e = event;\n  const c = e.detail;', expr: 'c' },
    { name: 'let, reassigned', setup: "  let c = 'ls';\n  c = event.detail;", expr: 'c' },
    { name: 'template literals', expr: '`run ${event.detail}`' },
    { name: 'concatenation', expr: "'run ' + event.detail" },
    { name: '+= on a let', setup: "  let s = '';\n  s += event.detail;", expr: 's' },
    { name: 'object literals, then a property read', setup: '  const o = { c: event.detail };', expr: 'o.c' },
    { name: 'array literals, then an element', setup: '  const a = [event.detail];', expr: 'a[0]' },
    { name: 'object spread', setup: '  const o = { ...event.detail };', expr: 'o.code' },
    { name: 'array spread', setup: '  const a = [...event.Records];', expr: 'a[0].body' },
    { name: 'JSON.parse', expr: 'JSON.parse(event.body).code' },
    { name: 'JSON.stringify', expr: 'JSON.stringify(event.detail)' },
    { name: 'await and Promise.resolve', expr: 'await Promise.resolve(event.detail)' },
    { name: '?? and ?:', expr: "event.detail ?? (event.source ? event.source : 'x')" },
    { name: 'String(), .trim(), .toLowerCase()', expr: 'String(event.detail).trim().toLowerCase()' },
    { name: 'Buffer.from(…).toString()', expr: "Buffer.from(event.body, 'base64').toString()" },
    { name: 'Object.values(…).join()', expr: 'Object.values(event.detail).join()' },
    { name: 'URLSearchParams', expr: "new URLSearchParams(event.body).get('code')" },
    {
      name: 'querystring.parse, renamed',
      head: "import { parse as parseQuery } from 'node:querystring';",
      expr: 'parseQuery(event.body).code',
    },
    {
      name: "a local function's parameter (call site)",
      setup: '  run(event.detail);',
      tail: 'function run(code: string) {\n  eval(code);\n}',
    },
    { name: 'a local arrow function held in a const', setup: '  run(event.detail);', tail: 'const run = (code: string) => eval(code);' },
    { name: "a local function's return value", expr: 'pick(event)', tail: 'function pick(e: any) {\n  return e.detail.code;\n}' },
    {
      name: 'a parameter destructured by a local function',
      expr: 'pick(event)',
      tail: 'function pick({ detail }: any) {\n  return detail.code;\n}',
    },
    { name: '.map(callback) and .join()', expr: "event.Records.map((r: any) => r.body).join(';')" },
    { name: '.forEach(callback) parameters', setup: '  event.Records.forEach((r: any) => eval(r.body));' },
    {
      name: 'a function passed by name as a callback',
      setup: '  event.Records.forEach(handle);',
      tail: 'function handle(r: any) {\n  eval(r.body);\n}',
    },
    { name: 'for…of', setup: '  for (const r of event.Records) eval(r.body);' },
    { name: 'for…of with destructuring', setup: '  for (const { body } of event.Records) eval(body);' },
    { name: '.then(callback)', expr: 'await Promise.resolve(event).then((e: any) => e.detail)' },
    { name: 'a typeof check (not a validator)', setup: "  if (typeof event.detail !== 'string') return;", expr: 'event.detail' },
    {
      name: 'a check on another value',
      head: "import { z } from 'zod';",
      setup: '  z.string().parse(event.source);',
      expr: 'event.detail',
    },
  ]);

  table('stops at', injection, evalProbe, false, [
    { name: 'Number()', expr: 'Number(event.detail)' },
    { name: '.length', expr: 'event.detail.length' },
    { name: 'comparisons and typeof', expr: "(event.detail === 'x') + typeof event.detail" },
    { name: 'a function imported from another file', head: "import { transform } from './transform';", expr: 'transform(event.detail)' },
    { name: 'an unmodelled library', head: "import lib from 'some-lib';", expr: 'lib.clean(event.detail)' },
    { name: 'an unknown method', expr: 'event.detail.someMethod()' },
    { name: 'the context (not event data)', expr: 'context.functionName' },
    { name: 'a property of an object that is not the tainted one', setup: "  const o = { a: event.detail, b: 'ls' };", expr: 'o.b' },
    { name: 'a parameter of an export that is not a handler', tail: 'export function other(e: any) {\n  eval(e.detail);\n}' },
    { name: 'a module-level value', head: "const COMMAND = 'ls';", expr: 'COMMAND' },
  ]);

  table('validators stop it', injection, evalProbe, false, [
    { name: 'zod parse', head: "import { z } from 'zod';\nconst S = z.string();", expr: 'S.parse(event.detail)' },
    {
      name: 'zod safeParse(…).data',
      head: "import { z } from 'zod';\nconst S = z.object({ c: z.string() });",
      setup: '  const r = S.safeParse(event.detail);\n  if (!r.success) return;',
      expr: 'r.data.c',
    },
    {
      name: 'zod safeParse success as a guard',
      head: "import { z } from 'zod';\nconst S = z.object({ c: z.string() });",
      setup: '  if (!S.safeParse(event.detail).success) return;',
      expr: 'event.detail.c',
    },
    {
      name: 'ajv compiled validator as a guard',
      head: "import Ajv from 'ajv';\nconst validate = new Ajv().compile({});",
      setup: '  const d = event.detail;\n  if (!validate(d)) return;',
      expr: 'd.c',
    },
    {
      name: 'ajv compiled validator, positive branch',
      head: "import Ajv from 'ajv/dist/2020';\nconst ajv = new Ajv();\nconst validate = ajv.compile({});",
      setup: '  if (validate(event.detail)) {\n    eval(event.detail.c);\n  }',
    },
    {
      name: 'ajv.validate(schema, data)',
      head: "import Ajv from 'ajv';\nconst ajv = new Ajv();",
      setup: '  if (!ajv.validate({}, event.detail)) throw new Error();',
      expr: 'event.detail.c',
    },
    {
      name: 'joi validate → value',
      head: "import Joi from 'joi';\nconst S = Joi.string();",
      setup: '  const { value } = S.validate(event.detail);',
      expr: 'value',
    },
    {
      name: 'joi validateAsync',
      head: "import * as Joi from 'joi';\nconst S = Joi.string();",
      expr: 'await S.validateAsync(event.detail)',
    },
    { name: 'Joi.assert', head: "import Joi from 'joi';", setup: '  Joi.assert(event.detail, Joi.string());', expr: 'event.detail' },
    { name: 'yup validate', head: "import { string } from 'yup';", expr: 'await string().validate(event.detail)' },
    {
      name: 'yup validateSync, cast',
      head: "import * as yup from 'yup';\nconst S = yup.string();",
      expr: 'S.validateSync(event.detail) + S.cast(event.source)',
    },
    {
      name: 'valibot parse, renamed import',
      head: "import { parse as check, string } from 'valibot';",
      expr: 'check(string(), event.detail)',
    },
    {
      name: 'valibot safeParse',
      head: "import * as v from 'valibot';",
      setup: '  const r = v.safeParse(v.string(), event.detail);',
      expr: 'r.output',
    },
    {
      name: 'typebox Value.Check guard',
      head: "import { Type } from '@sinclair/typebox';\nimport { Value } from '@sinclair/typebox/value';\nconst T = Type.String();",
      setup: '  if (!Value.Check(T, event.detail)) return;',
      expr: 'event.detail',
    },
    {
      name: 'typebox TypeCompiler…Check guard',
      head: "import { Type } from '@sinclair/typebox';\nimport { TypeCompiler } from '@sinclair/typebox/compiler';",
      setup: '  if (!TypeCompiler.Compile(Type.String()).Check(event.detail)) return;',
      expr: 'event.detail',
    },
    {
      name: 'io-ts decode',
      head: "import * as t from 'io-ts';",
      setup: '  const r = t.string.decode(event.detail);',
      expr: '(r as any).right',
    },
    { name: 'superstruct create', head: "import { create, string } from 'superstruct';", expr: 'create(event.detail, string())' },
    {
      name: 'a type guard',
      setup: '  if (!isCommand(event.detail)) return;',
      expr: 'event.detail',
      tail: "function isCommand(v: unknown): v is 'ls' | 'pwd' {\n  return v === 'ls' || v === 'pwd';\n}",
    },
    {
      name: 'an asserts type guard',
      setup: '  assertCommand(event.detail);',
      expr: 'event.detail',
      tail: "function assertCommand(v: unknown): asserts v is 'ls' {\n  if (v !== 'ls') throw new Error();\n}",
    },
    {
      name: 'assert(isX(v))',
      head: "import assert from 'node:assert';",
      setup: '  assert(isCommand(event.detail));',
      expr: 'event.detail',
      tail: "function isCommand(v: unknown): v is 'ls' {\n  return v === 'ls';\n}",
    },
    { name: 'an allow-list pattern', setup: '  const c = event.detail;\n  if (!/^[a-z]+$/.test(c)) return;', expr: 'c' },
    {
      name: 'a check before a continue in a loop',
      setup: '  for (const r of event.Records) {\n    if (!/^[a-z]+$/.test(r.body)) continue;\n    eval(r.body);\n  }',
    },
  ]);

  it("propagates from a handler's destructured parameters", () => {
    assert.equal(count(injection, 'export const handler = async ({ detail: { command } }: any) => {\n  eval(command);\n};\n'), 1);
  });

  it('stops at the validator middleware of middy (the whole event is validated)', () => {
    const code = (middleware: string) => `import middy from '@middy/core';
import validator from '@middy/validator';
import httpErrorHandler from '@middy/http-error-handler';

const main = async (event: any) => eval(event.detail);

export const handler = middy(main).use(${middleware});
`;
    assert.equal(count(injection, code('validator({ eventSchema: {} })')), 0);
    assert.equal(count(injection, code('[httpErrorHandler(), validator({ eventSchema: {} })]')), 0);
    assert.equal(count(injection, code('httpErrorHandler()')), 1);
  });

  table('HTML: reaches the page through', unsanitizedHtml, htmlProbe, true, [
    { name: 'the value itself', expr: 'q' },
    { name: 'a partial replace that does not escape <', expr: "q.replace(/&/g, '&amp;')" },
    { name: 'a zod-validated string', head: "import { z } from 'zod';", expr: 'z.string().parse(q)' },
  ]);

  table('HTML: escapers stop it', unsanitizedHtml, htmlProbe, false, [
    { name: 'he.encode / he.escape', head: "import he from 'he';", expr: 'he.encode(q) + he.escape(q)' },
    { name: 'escape-html', head: "import escapeHtml from 'escape-html';", expr: 'escapeHtml(q)' },
    {
      name: 'lodash escape (named, namespace, lodash/escape)',
      head: "import { escape } from 'lodash';\nimport * as _ from 'lodash-es';\nimport esc from 'lodash/escape';",
      expr: 'escape(q) + _.escape(q) + esc(q)',
    },
    {
      name: 'DOMPurify (isomorphic, dompurify)',
      head: "import DOMPurify from 'isomorphic-dompurify';\nimport * as Purify from 'dompurify';",
      expr: 'DOMPurify.sanitize(q) + Purify.sanitize(q)',
    },
    {
      name: 'sanitize-html and xss',
      head: "import sanitizeHtml from 'sanitize-html';\nimport { filterXSS } from 'xss';",
      expr: 'sanitizeHtml(q) + filterXSS(q)',
    },
    { name: 'validator.escape', head: "import validator from 'validator';", expr: 'validator.escape(q)' },
    {
      name: 'a local escape function that replaces <',
      expr: 'escapeHtml(q)',
      tail: "function escapeHtml(s: string) {\n  return s.replace(/</g, '&lt;').replace(/>/g, '&gt;');\n}",
    },
    { name: 'an inline replace of <', expr: "q.replace(/[<>&\"']/g, (c: string) => '&#' + c.charCodeAt(0) + ';')" },
  ]);

  table('SQL and shell: reaches without an escaper', injection, evalProbe, true, [
    {
      name: 'mysql',
      head: "import mysql from 'mysql2/promise';\nconst conn = mysql.createPool({});",
      setup: "  await conn.query('SELECT * FROM t WHERE id = ' + event.detail);",
    },
    {
      name: 'pg',
      head: "import { Pool } from 'pg';\nconst pool = new Pool();",
      setup: '  await pool.query(`SELECT * FROM t WHERE id = ${event.detail} LIMIT 1`);',
    },
    { name: 'execSync', head: "import { execSync } from 'child_process';", setup: '  execSync(`ls ${event.detail}`);' },
  ]);

  table('SQL and shell escapers stop it', injection, evalProbe, false, [
    {
      name: 'mysql.escape',
      head: "import mysql from 'mysql2/promise';\nconst conn = mysql.createPool({});",
      setup: "  await conn.query('SELECT * FROM t WHERE id = ' + mysql.escape(event.detail));",
    },
    {
      name: 'sqlstring',
      head: "import SqlString from 'sqlstring';\nimport { Pool } from 'pg';\nconst pool = new Pool();",
      setup: "  await pool.query('SELECT * FROM t WHERE id = ' + SqlString.escape(event.detail));",
    },
    {
      name: 'pg-format',
      head: "import format from 'pg-format';\nimport { Pool } from 'pg';\nconst pool = new Pool();",
      setup: "  await pool.query(format('SELECT * FROM t WHERE id = %L', event.detail) + ' LIMIT 1');",
    },
    {
      name: 'shell-quote',
      head: "import { quote } from 'shell-quote';\nimport { execSync } from 'child_process';",
      setup: '  execSync(`ls ${quote([event.detail])}`);',
    },
  ]);
});
