import * as ts from 'typescript';
import { leaves, responses, responseShapes } from '../../handlers/analysis';
import { createHandlerRule, HandlerFinding } from '../../handlers/handlerRule';
import { accessKey } from '../../handlers/symbols';
import { Env, Step, Taint, TaintEngine, TOP } from '../../handlers/taint';
import { replaceNode } from '../../fixes/edits';
import { importPackage } from '../../fixes/imports';
import type { FileContext } from '../../model/fileContext';
import type { Fix } from '../../types';

/** Event data that no escaper has seen. Validation does not count: a valid string can hold `<script>`. */
const unescaped = (t: Taint) => t.kind === 'event' && !t.sanitized.includes('html');

const HTML_PROPERTIES = ['innerHTML', 'outerHTML'];

export default createHandlerRule({
  meta: {
    id: 'handler-unsanitized-html',
    title: 'Event data in HTML without escaping',
    description:
      'Data from the event is interpolated into a `text/html` response or assigned to `innerHTML` without an escaper or `DOMPurify.sanitize`. A request can then inject script into the page (cross-site scripting).',
    defaultSeverity: 'warning',
    category: 'handler',
    cwe: ['CWE-79'],
    guideSection: 'data-protection.md#output-encoding',
    fixable: true,
    appliesTo: 'handler',
    messages: {
      response:
        'Event data goes into a text/html response without escaping: a request can inject script into the page. Escape it (he.encode, escape-html) or sanitize it with DOMPurify.sanitize.',
      property:
        'Event data is assigned to {{property}} without escaping: it can inject script. Sanitize it with DOMPurify.sanitize, or set textContent instead.',
    },
    pythonMessages: {
      response:
        'Event data goes into a text/html response without escaping: a request can inject script into the page. Escape it with html.escape (or markupsafe.escape), or sanitize it with bleach.clean.',
    },
  },
  find(analysis, ctx) {
    const { engine } = analysis;
    const out: HandlerFinding[] = [];
    const seen = new Set<ts.Node>();
    const report = (expr: ts.Expression, env: Env, messageId: string, data: Record<string, string>, sinkSteps: Step[], roots: number[]) => {
      for (const leaf of leaves(engine, expr, env, unescaped, { throughVariables: true })) {
        if (seen.has(leaf.node) || leaf.node.getSourceFile() !== ctx.sf) continue;
        seen.add(leaf.node);
        const taint = leaf.taints[0];
        const fix = sanitizeFix(ctx.file, leaf.node);
        out.push({
          node: leaf.node,
          messageId,
          data,
          related: [...taint.steps, ...sinkSteps],
          fixes: fix ? [fix] : [],
          roots: [...new Set([...roots, ...leaf.taints.flatMap((t) => (t.root !== undefined ? [t.root] : []))])],
        });
      }
    };
    for (const site of responses(analysis)) {
      for (const shape of responseShapes(engine, site.expr)) {
        if (!shape.body || !shape.contentType || !/^\s*text\/html/i.test(shape.contentType.value)) continue;
        const steps: Step[] = [
          { node: shape.contentType.node, message: 'Content-Type text/html set here' },
          { node: site.expr, message: 'returned in the response here' },
        ];
        report(shape.body.expr, shape.body.env, 'response', {}, steps, [site.root]);
      }
    }
    for (const sink of htmlProperties(engine)) report(sink.value, TOP, 'property', { property: sink.property }, [], []);
    return out;
  },
});

/** `el.innerHTML = …`, `el.outerHTML = …`, `el.insertAdjacentHTML(where, …)`, `document.write(…)`. */
function htmlProperties(engine: TaintEngine): Array<{ value: ts.Expression; property: string }> {
  const out: Array<{ value: ts.Expression; property: string }> = [];
  for (const read of engine.index.reads) {
    const key = accessKey(read);
    const parent = read.parent;
    if (
      HTML_PROPERTIES.includes(key) &&
      ts.isBinaryExpression(parent) &&
      parent.left === read &&
      parent.operatorToken.kind === ts.SyntaxKind.EqualsToken
    ) {
      out.push({ value: parent.right, property: key });
    }
  }
  for (const call of engine.index.calls) {
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee)) continue;
    if (callee.name.text === 'insertAdjacentHTML' && call.arguments[1])
      out.push({ value: call.arguments[1], property: 'insertAdjacentHTML()' });
    if (
      (callee.name.text === 'write' || callee.name.text === 'writeln') &&
      ts.isIdentifier(callee.expression) &&
      callee.expression.text === 'document' &&
      call.arguments[0]
    ) {
      out.push({ value: call.arguments[0], property: 'document.write()' });
    }
  }
  return out;
}

/** Wrap the value in `DOMPurify.sanitize(…)`, importing `isomorphic-dompurify` when needed. Not preferred: it changes the output. */
function sanitizeFix(file: FileContext, node: ts.Expression): Fix | undefined {
  if (ts.isShorthandPropertyAssignment(node.parent)) return undefined;
  const { local, edits } = importPackage(file, {
    module: 'isomorphic-dompurify',
    kind: 'default',
    name: 'DOMPurify',
    alternatives: ['dompurify'],
  });
  return {
    title: `Sanitize with ${local}.sanitize()`,
    isPreferred: false,
    edits: [...edits, replaceNode(file, node, `${local}.sanitize(${node.getText(file.sf)})`)],
  };
}
