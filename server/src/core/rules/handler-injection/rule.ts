import * as ts from 'typescript';
import { builtText, leaves } from '../../handlers/analysis';
import { createHandlerRule, HandlerFinding } from '../../handlers/handlerRule';
import { COMMAND_SINKS, GLOBAL_CODE_SINKS, SanitizedFor, SQL_CALLS, SQL_METHODS, SQL_WORDS } from '../../handlers/models';
import { isGlobal } from '../../handlers/symbols';
import { Taint, TaintEngine, TOP } from '../../handlers/taint';
import { skipOuter } from '../../model/scope';
import { asBoolean, asString, propValue } from '../../model/values';

interface Sink {
  call: ts.CallExpression | ts.NewExpression;
  args: readonly ts.Expression[];
  messageId: 'code' | 'command' | 'sql';
  what: string;
  escapedBy?: SanitizedFor;
}

const RUN = { code: 'evaluated as code here', command: 'run as a shell command here', sql: 'run as SQL here' };

export default createHandlerRule({
  meta: {
    id: 'handler-injection',
    title: 'Event data run as code, a command or SQL',
    description:
      'Data from the event reaches `eval`, `new Function`, a shell command, `vm`, or SQL text built by concatenation. Whoever sends the event decides what runs.',
    defaultSeverity: 'error',
    category: 'handler',
    cwe: ['CWE-94', 'CWE-78', 'CWE-89'],
    guideSection: 'data-protection.md#input-validation',
    fixable: false,
    appliesTo: 'handler',
    messages: {
      code: 'Event data reaches {{what}}: whoever sends the event decides what code runs. Never evaluate input; look values up in a fixed table instead.',
      command:
        'Event data reaches {{what}}: whoever sends the event can run any command. Use execFile/spawn with an argument array and no shell, and allow-list the values.',
      sql: 'Event data is built into SQL text passed to {{what}}(): SQL injection. Use a parameterised query, such as query(sql, [values]).',
    },
    pythonMessages: {
      code: 'Event data reaches eval/exec: whoever sends the event decides what code runs. Never evaluate input; look values up in a fixed table instead.',
      command:
        'Event data reaches a shell command (os.system, os.popen or subprocess with shell=True): whoever sends the event can run any command. Pass subprocess.run an argument list without a shell, and allow-list the values.',
      sql: 'Event data is built into SQL text passed to {{what}}(): SQL injection. Pass the values as parameters, such as cursor.execute(sql, (value,)).',
    },
  },
  find({ engine }) {
    const out: HandlerFinding[] = [];
    const seen = new Set<ts.Node>();
    for (const sink of sinks(engine)) {
      const pred = (t: Taint) => t.kind === 'event' && t.validated < 2 && !(sink.escapedBy && t.sanitized.includes(sink.escapedBy));
      // One finding per sink: the first piece of event data in it, the others as related places.
      const found = sink.args.flatMap((arg) => leaves(engine, arg, TOP, pred, { throughVariables: true })).filter((l) => !seen.has(l.node));
      if (found.length === 0) continue;
      for (const leaf of found) seen.add(leaf.node);
      const [first, ...others] = found;
      out.push({
        node: first.node,
        messageId: sink.messageId,
        data: { what: sink.what },
        related: [
          ...first.taints[0].steps,
          { node: sink.call, message: RUN[sink.messageId] },
          ...others.map((l) => ({ node: l.node, message: 'more event data here' })),
        ],
        roots: found.flatMap((l) => l.taints.flatMap((t) => (t.root !== undefined ? [t.root] : []))),
      });
    }
    return out;
  },
});

function sinks(engine: TaintEngine): Sink[] {
  const out: Sink[] = [];
  const calls: Array<ts.CallExpression | ts.NewExpression> = [...engine.index.calls, ...engine.index.news].sort((a, b) => a.pos - b.pos);
  for (const call of calls) {
    const args = call.arguments ?? [];
    if (args.length === 0) continue;
    const callee = skipOuter(call.expression);
    const global = Object.keys(GLOBAL_CODE_SINKS).find((name) => isGlobal(callee, name));
    if (global) {
      out.push({ call, args: global === 'eval' ? args.slice(0, 1) : args, messageId: 'code', what: GLOBAL_CODE_SINKS[global] });
      continue;
    }
    const command = engine.symbols.match(call, COMMAND_SINKS);
    if (command && ts.isNewExpression(call) === !!command.construct) {
      if (command.needsShell && !args.some((a) => hasShellOption(engine, a))) continue;
      const ref = engine.symbols.calleeRef(call.expression);
      const what = command.what === 'a shell command' ? `a shell command (${ref?.path.join('.') ?? 'exec'})` : command.what;
      out.push({
        call,
        args: command.arg < 0 ? args : args.slice(command.arg, command.arg + 1),
        messageId: command.what === 'a shell command' ? 'command' : 'code',
        what,
        escapedBy: 'shell',
      });
      continue;
    }
    const sqlCall = ts.isCallExpression(call) ? engine.symbols.match(call, SQL_CALLS) : undefined;
    const sqlMethod = ts.isCallExpression(call) && ts.isPropertyAccessExpression(callee) && SQL_METHODS.includes(callee.name.text);
    if (sqlCall || sqlMethod) {
      const text = builtText(engine, args[0]);
      const what = ts.isPropertyAccessExpression(callee) ? callee.name.text : (engine.symbols.calleeRef(callee)?.path.join('.') ?? 'text');
      if (text.built && SQL_WORDS.test(text.literal)) out.push({ call, args: args.slice(0, 1), messageId: 'sql', what, escapedBy: 'sql' });
    }
  }
  return out;
}

function hasShellOption(engine: TaintEngine, arg: ts.Expression): boolean {
  const shell = propValue(engine.resolver.resolve(arg, engine.file), 'shell');
  return asBoolean(shell) === true || !!asString(shell);
}
