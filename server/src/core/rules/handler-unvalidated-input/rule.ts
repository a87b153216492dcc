import * as ts from 'typescript';
import { HandlerAnalysis, responses } from '../../handlers/analysis';
import { eventSourceOf } from '../../handlers/eventSource';
import { createHandlerRule, HandlerFinding } from '../../handlers/handlerRule';
import { propertyNameText } from '../../model/scope';
import { DB_COMMAND_MODULES, DB_METHODS, VALIDATORS } from '../../handlers/models';
import { accessKey, patternArg } from '../../handlers/symbols';
import { Step, Taint } from '../../handlers/taint';
import { zodFix } from './fix';

/** A request body (or a value read from it) that no validator has seen. */
function unvalidatedBody(t: Taint): boolean {
  return t.kind === 'event' && !!t.anchor && t.validated === 0 && t.path.includes('body');
}

interface Sink {
  node: ts.Node;
  message: string;
  taint: Taint;
  /** The property read, for the fix's schema skeleton. */
  key?: string;
}

export default createHandlerRule({
  meta: {
    id: 'handler-unvalidated-input',
    title: 'Request body used without validation',
    description:
      'A handler parses the request body (or uses `event.body` directly) and reads its fields, stores it or returns it without checking it against a schema or a type guard. Anything the caller sends reaches the code.',
    defaultSeverity: 'warning',
    category: 'handler',
    cwe: ['CWE-20'],
    guideSection: 'data-protection.md#input-validation',
    fixable: true,
    appliesTo: 'handler',
    messages: {
      parsed:
        'The request body is parsed and used without validation. Check it against a schema (zod, ajv, joi, yup, valibot, typebox, io-ts) or a type guard before using it.',
      raw: '{{source}} is used without validation. Parse it and check it against a schema (zod, ajv, joi, yup, valibot, typebox, io-ts) or a type guard before using it.',
    },
    pythonMessages: {
      parsed:
        'The request body is parsed and used without validation. Check it against a schema (a pydantic model, jsonschema.validate, Powertools parse or validate, marshmallow) before using it.',
      raw: '{{source}} is used without validation. Parse it and check it against a schema (a pydantic model, jsonschema.validate, Powertools parse or validate, marshmallow) before using it.',
    },
  },
  find(analysis, ctx) {
    const { engine } = analysis;
    const validated = validatedAnchors(analysis);
    const sinks = new Map<ts.Node, Sink[]>();
    const add = (node: ts.Node, taints: Taint[], message: (t: Taint) => string, key?: string) => {
      for (const t of taints) {
        if (!unvalidatedBody(t) || validated.has(t.anchor!)) continue;
        let list = sinks.get(t.anchor!);
        if (!list) sinks.set(t.anchor!, (list = []));
        if (!list.some((s) => s.node === node)) list.push({ node, message: message(t), taint: t, key });
      }
    };

    // Property reads of the body: `body.orderId`, `const { orderId } = body`.
    for (const read of engine.index.reads) {
      if (isCallee(read) || isTypeofOperand(read)) continue;
      // `body.orderId` and `body['customer-email']`: the schema skeleton gets a field for each.
      const name = accessKey(read);
      const key = name === '*' ? undefined : name;
      if (key === 'length') continue;
      const base = engine.taintOf(read.expression).filter((t) => t.via.length === 0 && unvalidatedBody(t));
      add(read, base, () => `${key ? `'${key}'` : 'a field'} read here without validation`, key);
    }
    for (const element of engine.index.bindingElements) {
      const pattern = element.parent;
      const decl = pattern.parent;
      if (!ts.isObjectBindingPattern(pattern) || !ts.isVariableDeclaration(decl) || !decl.initializer || element.dotDotDotToken) continue;
      const key = propertyNameText(element.propertyName ?? element.name) ?? element.name.getText();
      const base = engine.taintOf(decl.initializer).filter((t) => t.via.length === 0 && unvalidatedBody(t));
      add(element, base, () => `'${key}' read here without validation`, key);
    }

    // Database calls.
    for (const expr of engine.index.news) {
      const ref = engine.symbols.calleeRef(expr.expression);
      if (!ref || !DB_COMMAND_MODULES.includes(ref.module) || !/Command$/.test(ref.path[ref.path.length - 1] ?? '')) continue;
      for (const arg of expr.arguments ?? [])
        add(arg, engine.taintOf(arg), () => `stored by ${ref.path.join('.')} here without validation`);
    }
    for (const call of engine.index.calls) {
      if (!engine.symbols.match(call, DB_METHODS)) continue;
      for (const arg of call.arguments) add(arg, engine.taintOf(arg), () => 'passed to the database here without validation');
    }

    // The response.
    for (const site of responses(analysis)) add(site.expr, engine.taintOf(site.expr), () => 'returned in the response here');

    const out: HandlerFinding[] = [];
    for (const [anchor, list] of sinks) {
      list.sort((a, b) => a.node.pos - b.node.pos);
      const taint = list[0].taint;
      const parsed = ts.isCallExpression(anchor) || ts.isNewExpression(anchor);
      if (!isRequestBody(analysis, taint)) continue;
      const related: Step[] = [
        ...taint.steps.filter((s) => s.node !== anchor || !parsed),
        ...list.slice(0, 3).map((s) => ({ node: s.node, message: s.message })),
      ];
      const fix = parsed ? zodFix(ctx, analysis, anchor, taint, keysRead(list)) : undefined;
      out.push({
        node: anchor,
        messageId: parsed ? 'parsed' : 'raw',
        data: { source: anchor.getText().replace(/\s+/g, '') },
        related,
        fixes: fix ? [fix] : [],
        roots: taint.root !== undefined ? [taint.root] : [],
      });
    }
    return out.sort((a, b) => a.node.pos - b.node.pos);
  },
});

/**
 * v2: only an HTTP request's body is input to validate (API Gateway REST, HTTP and WebSocket, ALB,
 * function URL), parsed or not. A record's body (SQS, SNS, Kinesis, EventBridge Pipes:
 * `event.Records[i].body`, `event[0].body`) is a message another part of the system sent; so is
 * the body a handler typed for such an event reads (`event: SQSEvent`). Where neither the path
 * nor a type says, `event.body` is a request.
 */
function isRequestBody({ engine }: HandlerAnalysis, taint: Taint): boolean {
  if (taint.path[0] !== 'body') return false;
  const root = taint.root !== undefined ? engine.roots[taint.root] : undefined;
  return !root || eventSourceOf(root.fn) !== 'other';
}

/**
 * Bodies some validator looks at, anywhere in the file: passed to a schema validator, tested by a
 * type guard or a hand-written check (`typeof body.name === 'string'`). A body validated in the
 * handler, or in a function it calls, is not reported.
 */
function validatedAnchors({ engine }: HandlerAnalysis): Set<ts.Node> {
  const out = new Set<ts.Node>();
  const mark = (expr: ts.Expression | undefined) => {
    if (!expr) return;
    for (const t of engine.taintOf(expr)) if (t.anchor) out.add(t.anchor);
  };
  for (const call of [...engine.index.calls, ...engine.index.news]) {
    const v = engine.symbols.match(call, VALIDATORS);
    if (v) mark(patternArg(call, v));
  }
  for (const { target } of engine.guards.checkedExpressions()) mark(target);
  return out;
}

function keysRead(sinks: Sink[]): string[] {
  const keys: string[] = [];
  for (const s of sinks) if (s.key && !keys.includes(s.key)) keys.push(s.key);
  return keys;
}

function isCallee(node: ts.Node): boolean {
  let n = node;
  while (ts.isParenthesizedExpression(n.parent) || ts.isNonNullExpression(n.parent)) n = n.parent;
  return (
    (ts.isCallExpression(n.parent) && n.parent.expression === n) ||
    (ts.isBinaryExpression(n.parent) && n.parent.left === n && n.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken)
  );
}

function isTypeofOperand(node: ts.Node): boolean {
  let n = node.parent;
  while (ts.isParenthesizedExpression(n)) n = n.parent;
  return ts.isTypeOfExpression(n);
}
