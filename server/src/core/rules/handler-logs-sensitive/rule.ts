import { isLoggingCall, leaves } from '../../handlers/analysis';
import { createHandlerRule, HandlerFinding } from '../../handlers/handlerRule';
import { eventSourceOf } from '../../handlers/eventSource';
import { Taint, TOP } from '../../handlers/taint';

/** What a logged value is, most serious first. */
const KINDS: Array<{ messageId: string; matches: (t: Taint) => boolean }> = [
  { messageId: 'store', matches: (t) => t.kind === 'secret-store' },
  { messageId: 'env-var', matches: (t) => t.kind === 'env-var' && !!t.secret },
  { messageId: 'name', matches: (t) => t.kind === 'secret-name' },
  { messageId: 'env', matches: (t) => t.kind === 'env' && t.path.length === 0 },
  { messageId: 'event', matches: (t) => t.kind === 'event' && t.path.length === 0 },
  { messageId: 'context', matches: (t) => t.kind === 'context' && t.path.length === 0 },
];

const sensitive = (t: Taint) => KINDS.some((k) => k.matches(t));

export default createHandlerRule({
  meta: {
    id: 'handler-logs-sensitive',
    title: 'Sensitive data written to the logs',
    description:
      'A handler logs the whole event or context, `process.env`, a secret-looking value, or a secret fetched from Secrets Manager or SSM. Logs are kept for months and read by many people and tools.',
    defaultSeverity: 'warning',
    category: 'handler',
    cwe: ['CWE-532'],
    guideSection: 'function-security.md#logging-sensitive-data',
    fixable: false,
    appliesTo: 'handler',
    messages: {
      event:
        'This logs the whole Lambda event, with its headers (Authorization, cookies), body and caller identity. Log the fields you need, such as event.requestContext.requestId.',
      eventOther: 'This logs the whole Lambda event, with everything its sender put in it. Log the fields you need, such as an id.',
      context: 'This logs the whole Lambda context. Log the fields you need, such as context.awsRequestId.',
      env: 'This logs process.env: every environment variable of the function, secrets included. Log the specific settings you need.',
      'env-var': "This logs the environment variable '{{name}}', which looks like a secret. Log that it is set, not its value.",
      name: "This logs '{{name}}', which looks like a secret. Log a redacted form, or that it is present, not the value.",
      store:
        'This logs a value fetched from {{name}}. A secret must never reach the logs: log that the fetch succeeded, not what it returned.',
    },
    pythonMessages: {
      event:
        'This logs the whole Lambda event, with its headers (Authorization, cookies), body and caller identity. Log the fields you need, such as event["requestContext"]["requestId"].',
      context: 'This logs the whole Lambda context. Log the fields you need, such as context.aws_request_id.',
      env: 'This logs os.environ: every environment variable of the function, secrets included. Log the specific settings you need.',
    },
  },
  find({ engine }) {
    const out: HandlerFinding[] = [];
    for (const call of engine.index.calls) {
      if (!isLoggingCall(engine, call)) continue;
      for (const arg of call.arguments) {
        for (const leaf of leaves(engine, arg, TOP, sensitive, { throughVariables: false })) {
          const kind = KINDS.find((k) => leaf.taints.some(k.matches))!;
          const taint = leaf.taints.find(kind.matches)!;
          // Headers and cookies only where the event is an HTTP request (SNS, EventBridge, a direct invoke have none).
          const root = taint.root !== undefined ? engine.roots[taint.root] : undefined;
          const http = root && eventSourceOf(root.fn) === 'http';
          out.push({
            node: leaf.node,
            messageId: kind.messageId === 'event' && !http ? 'eventOther' : kind.messageId,
            data: { name: taint.name ?? '' },
            related: [...taint.steps],
            roots: taint.root !== undefined ? [taint.root] : [],
          });
        }
      }
    }
    return out;
  },
});
