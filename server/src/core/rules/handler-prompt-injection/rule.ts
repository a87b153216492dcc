import * as ts from 'typescript';
import { builtText, leaves, variableValues } from '../../handlers/analysis';
import { createHandlerRule, HandlerFinding } from '../../handlers/handlerRule';
import { MODEL_CALLS, ModelCallPattern, SYSTEM_ROLES } from '../../handlers/models';
import { isGlobalMember, unwrap } from '../../handlers/symbols';
import { Taint, TaintEngine, TOP } from '../../handlers/taint';
import { propertyNameText, skipOuter } from '../../model/scope';
import { asString } from '../../model/values';

type MessageId = 'system' | 'prompt' | 'template';

/** A place in a model request where event data is a finding: the system prompt, or a prompt built as one string. */
interface PromptPart {
  expr: ts.Expression;
  messageId: MessageId;
}

/** Event data no schema validator has seen (the same validators as `handler-unvalidated-input`). */
const unvalidated = (t: Taint) => t.kind === 'event' && t.validated < 2;

const MAX_DEPTH = 8;

export default createHandlerRule({
  meta: {
    id: 'handler-prompt-injection',
    title: 'Event data in a model prompt',
    description:
      'Data from the event is placed in the system prompt, or built into a one-string prompt, of a model call (Bedrock, OpenAI, Anthropic, LangChain) that has no guardrail. Whoever sends the event can then rewrite the instructions the model follows.',
    defaultSeverity: 'warning',
    category: 'handler',
    cwe: ['CWE-1427'],
    guideSection: 'data-protection.md#prompt-injection',
    fixable: false,
    appliesTo: 'handler',
    cdkNag: [],
    messages: {
      system:
        "Event data is placed in the system prompt of {{what}}: whoever sends the event can rewrite the model's instructions. Keep the system prompt constant, send the user's text as a separate user message, and attach a guardrail (guardrailConfig).",
      prompt:
        "Event data is built into the one prompt string of {{what}}: the model cannot tell your instructions from the user's text, and the text can override them. Put the instructions in the system prompt and the user's text in its own user message, or attach a guardrail (guardrailIdentifier).",
      template:
        "Event data is built into the text of {{what}}: the user's text becomes part of the instructions (and its braces template variables). Keep the template constant and pass the text as a variable of a human message.",
    },
    pythonMessages: {
      system:
        'Event data is placed in the system prompt of {{what}}: whoever sends the event can rewrite the model\'s instructions. Keep system= constant, send the user\'s text as a separate {"role": "user"} message, and attach a guardrail (guardrailConfig= of boto3\'s converse).',
      prompt:
        'Event data is built into the one prompt string of {{what}} (an f-string, + or %): the model cannot tell your instructions from the user\'s text, and the text can override them. Call boto3\'s converse with the instructions in system= and the user\'s text in its own {"role": "user"} message, or attach a guardrail (guardrailIdentifier=).',
      template:
        'Event data is built into the text of {{what}}: the user\'s text becomes part of the instructions (and its braces template variables). Keep the template constant and pass the text as a variable: ChatPromptTemplate.from_messages([("system", "..."), ("human", "{question}")]).',
    },
  },
  find({ engine }) {
    const out: HandlerFinding[] = [];
    const seen = new Set<ts.Node>();
    const calls: Array<ts.CallExpression | ts.NewExpression> = [...engine.index.calls, ...engine.index.news].sort((a, b) => a.pos - b.pos);
    for (const call of calls) {
      const pattern = modelCall(engine, call);
      const request = pattern && call.arguments?.[pattern.arg];
      if (!pattern || !request) continue;
      // One finding per call: the first piece of event data in a prompt part, the others as related places.
      const found = promptParts(engine, pattern, request).flatMap((part) =>
        leaves(engine, part.expr, TOP, unvalidated, { throughVariables: true })
          .filter((leaf) => !seen.has(leaf.node))
          .map((leaf) => ({ leaf, messageId: part.messageId })),
      );
      if (found.length === 0) continue;
      for (const f of found) seen.add(f.leaf.node);
      const [first, ...others] = found;
      out.push({
        node: first.leaf.node,
        messageId: first.messageId,
        data: { what: pattern.what },
        related: [
          ...first.leaf.taints[0].steps,
          { node: call, message: pattern.template ? 'made a prompt here' : 'sent to the model here' },
          ...others.map((f) => ({ node: f.leaf.node, message: 'more event data here' })),
        ],
        roots: found.flatMap((f) => f.leaf.taints.flatMap((t) => (t.root !== undefined ? [t.root] : []))),
      });
    }
    return out;
  },
});

/** The model call pattern a call matches (`on`: the member it is called on, `completions` of `openai.chat.completions.create`). */
function modelCall(engine: TaintEngine, call: ts.CallExpression | ts.NewExpression): ModelCallPattern | undefined {
  const callee = skipOuter(call.expression);
  const receiver = ts.isPropertyAccessExpression(callee) ? skipOuter(callee.expression) : undefined;
  const on = receiver && ts.isPropertyAccessExpression(receiver) ? receiver.name.text : undefined;
  const pattern = engine.symbols.match(
    call,
    MODEL_CALLS.filter((p) => !p.on || (on !== undefined && p.on.includes(on))),
  );
  return pattern && ts.isNewExpression(call) === !!pattern.construct ? pattern : undefined;
}

/** Where event data would be a finding in this request; nothing when the call has a guardrail (or may have one). */
function promptParts(engine: TaintEngine, pattern: ModelCallPattern, request: ts.Expression): PromptPart[] {
  if (pattern.template === 'text') return builtText(engine, request).built ? [{ expr: request, messageId: 'template' }] : [];
  if (pattern.template === 'system') return [{ expr: request, messageId: 'system' }];
  if (pattern.template === 'messages') return systemMessages(engine, request).map((expr) => ({ expr, messageId: 'system' }));
  const requests = literalsOf(engine, request, ts.isObjectLiteralExpression);
  if (pattern.guardrail && requests.some((r) => mayHave(engine, r, pattern.guardrail!))) return [];
  const bodies = pattern.body
    ? values(engine, requests, pattern.body).flatMap((b) => literalsOf(engine, b, ts.isObjectLiteralExpression))
    : [];
  const all = [...requests, ...bodies];
  const parts: PromptPart[] = [];
  for (const key of pattern.system ?? []) for (const expr of values(engine, all, key)) parts.push({ expr, messageId: 'system' });
  for (const key of pattern.messages ?? [])
    for (const list of values(engine, all, key)) for (const expr of systemMessages(engine, list)) parts.push({ expr, messageId: 'system' });
  // A prompt that is the user's text alone is like a user message: only text built around it mixes the two.
  for (const key of pattern.prompt ?? [])
    for (const expr of values(engine, all, key)) if (builtText(engine, expr).built) parts.push({ expr, messageId: 'prompt' });
  return parts;
}

/**
 * The contents of the system-role messages of a message list: `{ role: 'system', content }`
 * (OpenAI, also `developer`) and LangChain's `['system', text]` tuples.
 */
function systemMessages(engine: TaintEngine, list: ts.Expression): ts.Expression[] {
  const out: ts.Expression[] = [];
  for (const array of literalsOf(engine, list, ts.isArrayLiteralExpression)) {
    for (const element of array.elements) {
      if (ts.isSpreadElement(element)) {
        out.push(...systemMessages(engine, element.expression));
        continue;
      }
      const e = unwrap(element);
      if (ts.isArrayLiteralExpression(e)) {
        const [role, text] = e.elements;
        if (text && !ts.isSpreadElement(role) && isSystemRole(engine, role)) out.push(text);
        continue;
      }
      for (const message of literalsOf(engine, e, ts.isObjectLiteralExpression)) {
        if (values(engine, [message], 'role').some((role) => isSystemRole(engine, role))) out.push(...values(engine, [message], 'content'));
      }
    }
  }
  return out;
}

function isSystemRole(engine: TaintEngine, role: ts.Expression): boolean {
  const text = asString(engine.resolver.resolve(role, engine.file));
  return text !== undefined && SYSTEM_ROLES.includes(text);
}

/**
 * The object or array literals a request value is written as: through `const`s, `?:`, and the
 * wrappings of a JSON body (`JSON.stringify`, `Buffer.from`, `TextEncoder.encode`, Python's `.encode()`).
 */
function literalsOf<T extends ts.Expression>(engine: TaintEngine, expr: ts.Expression, is: (e: ts.Node) => e is T, depth = 0): T[] {
  if (depth > MAX_DEPTH) return [];
  const e = unwrap(expr);
  const next = (x: ts.Expression) => literalsOf(engine, x, is, depth + 1);
  if (is(e)) return [e];
  if (ts.isConditionalExpression(e)) return [...next(e.whenTrue), ...next(e.whenFalse)];
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.BarBarToken) return [...next(e.left), ...next(e.right)];
  if (ts.isIdentifier(e)) return variableValues(engine, e).flatMap(next);
  if (ts.isCallExpression(e)) {
    const callee = skipOuter(e.expression);
    if ((isGlobalMember(callee, 'JSON', 'stringify') || isGlobalMember(callee, 'Buffer', 'from')) && e.arguments[0])
      return next(e.arguments[0]);
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'encode')
      return [...next(callee.expression), ...e.arguments.slice(0, 1).flatMap(next)];
  }
  return [];
}

/** The values a key is given in these object literals, also through spreads of literals. */
function values(engine: TaintEngine, objects: readonly ts.ObjectLiteralExpression[], key: string, depth = 0): ts.Expression[] {
  if (depth > MAX_DEPTH) return [];
  return objects.flatMap((o) =>
    o.properties.flatMap((p) => {
      if (ts.isSpreadAssignment(p)) return values(engine, literalsOf(engine, p.expression, ts.isObjectLiteralExpression), key, depth + 1);
      if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === key) return [p.initializer];
      if (ts.isShorthandPropertyAssignment(p) && p.name.text === key) return [p.name];
      return [];
    }),
  );
}

/** Whether a request sets one of these keys, or spreads something unknown that might. */
function mayHave(engine: TaintEngine, request: ts.ObjectLiteralExpression, keys: readonly string[], depth = 0): boolean {
  if (depth > MAX_DEPTH) return true;
  return request.properties.some((p) => {
    if (ts.isSpreadAssignment(p)) {
      const spread = literalsOf(engine, p.expression, ts.isObjectLiteralExpression);
      return spread.length === 0 || spread.some((s) => mayHave(engine, s, keys, depth + 1));
    }
    const name = p.name && propertyNameText(p.name);
    return name !== undefined && keys.includes(name);
  });
}
