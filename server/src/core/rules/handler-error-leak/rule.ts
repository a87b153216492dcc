import * as ts from 'typescript';
import { leaves, responses, responseShapes } from '../../handlers/analysis';
import { eventSourceOf } from '../../handlers/eventSource';
import { createHandlerRule, HandlerFinding } from '../../handlers/handlerRule';
import type { Taint } from '../../handlers/taint';
import { genericMessageFix } from './fix';

/** What of a caught error a value exposes: the stack always; the message or the object when the error is not a known class. */
function leak(t: Taint): 'stack' | 'message' | 'object' | undefined {
  if (t.kind !== 'error') return undefined;
  if (t.path[0] === 'stack') return 'stack';
  if (t.known) return undefined;
  if (t.path[0] === 'message') return 'message';
  return t.path.length === 0 ? 'object' : undefined;
}

/** What each kind of leak puts in the response, for the WebSocket message. */
const LEAKED: Record<string, string> = {
  stack: "the error's stack trace",
  message: 'the message of an unexpected error',
  object: 'the caught error object',
};

export default createHandlerRule({
  meta: {
    id: 'handler-error-leak',
    title: 'Error details returned to the caller',
    description:
      "A handler's response body carries a caught error's stack, the message of an error it does not know, or the error object itself. Internal details (paths, queries, library versions, AWS account data) reach whoever sent the request.",
    defaultSeverity: 'info',
    category: 'handler',
    cwe: ['CWE-209'],
    guideSection: 'function-security.md#error-handling',
    fixable: true,
    appliesTo: 'handler',
    messages: {
      stack:
        "The response body carries the error's stack trace: file paths, line numbers and library internals reach the caller. Log the error and return a generic message.",
      message:
        'The response body carries the message of an unexpected error, which can reveal internals (queries, ARNs, paths). Log the error and return a generic message; return details only for errors you raise on purpose.',
      object: 'The response body carries the caught error object itself. Log the error and return a generic message.',
      webSocket:
        "This WebSocket route's response carries {{what}}: it reaches the client if the route is two-way (has a route response). Log the error and return a generic message.",
    },
    pythonMessages: {
      stack:
        'The response body carries the traceback: file paths, line numbers and library internals reach the caller. Log the exception (logger.exception) and return a generic message.',
      message:
        'The response body carries the text of an unexpected exception (str(e)), which can reveal internals (queries, ARNs, paths). Log it and return a generic message; return details only for exceptions you raise on purpose.',
      object: 'The response body carries the caught exception itself. Log it and return a generic message.',
    },
  },
  find(analysis, ctx) {
    const { engine } = analysis;
    const out: HandlerFinding[] = [];
    const seen = new Set<ts.Node>();
    for (const site of responses(analysis)) {
      for (const shape of responseShapes(engine, site.expr)) {
        if (!shape.body) continue;
        for (const leaf of leaves(engine, shape.body.expr, shape.body.env, (t) => !!leak(t), { throughVariables: true })) {
          if (seen.has(leaf.node) || leaf.node.getSourceFile() !== ctx.sf) continue;
          seen.add(leaf.node);
          const taint = leaf.taints.find((t) => leak(t) === 'stack') ?? leaf.taints[0];
          const fix = genericMessageFix(ctx.file, leaf.node, taint.origin);
          const kind = leak(taint)!;
          // A WebSocket route answers only where a route response is set up: say so, not "the caller".
          const root = engine.roots[site.root];
          const webSocket = root && eventSourceOf(root.fn) === 'websocket';
          out.push({
            node: leaf.node,
            messageId: webSocket ? 'webSocket' : kind,
            ...(webSocket ? { data: { what: LEAKED[kind] } } : {}),
            related: [...taint.steps, { node: site.expr, message: 'returned in the response here' }],
            fixes: fix ? [fix] : [],
            roots: [site.root],
          });
        }
      }
    }
    return out;
  },
});
