import * as ts from 'typescript';
import { isLoggingCall, snippet } from '../../handlers/analysis';
import { createHandlerRule, HandlerFinding } from '../../handlers/handlerRule';
import { LAMBDA_RESERVED_ENV, PARSERS, PASS_THROUGH_GLOBALS, PASS_THROUGH_METHODS, SANITIZERS, VALIDATORS } from '../../handlers/models';
import { isGlobal, isGlobalMember } from '../../handlers/symbols';
import { isCredentialKey, Taint, TaintEngine } from '../../handlers/taint';
import { skipOuter } from '../../model/scope';
import { handlerSecretFix } from '../../secrets/handlerSecret';

/**
 * "Used as a credential", precisely: the value of a secret-looking environment variable —
 * directly, or after being copied, converted (`String`, `Buffer.from`, `.trim()`), interpolated
 * into text (`Bearer ${key}`, a connection string) or placed in an object — becomes
 * 1. an argument of a call or `new` expression: an SDK or HTTP client, `jwt.sign`, `createHmac`,
 *    `fetch`, `timingSafeEqual`; or
 * 2. the value of a credential-like property (a secret-looking key such as `apiKey`, `password`,
 *    `Authorization`, `x-api-key`, `secretAccessKey`; or `auth`, `credentials`,
 *    `connectionString`, `url`, `uri`, `dsn`) of an object that is such an argument, at any depth.
 * Not reported: the role credentials the Lambda runtime itself puts in the environment
 * (`AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`). Not uses: calls of the file's own functions (followed inside instead), pass-through built-ins
 * (their result is followed), validators, loggers (`handler-logs-sensitive` covers those),
 * comparisons and existence checks (`if (!process.env.API_KEY)`), and other keys
 * (`{ TableName: process.env.TOKEN_TABLE }`).
 */
export default createHandlerRule({
  meta: {
    id: 'handler-env-secret',
    title: 'Secret read from an environment variable',
    description:
      "A handler uses a secret-looking environment variable as a credential. Environment variables are stored in the function's configuration in plain sight of anyone who can read it; secrets belong in Secrets Manager.",
    defaultSeverity: 'warning',
    category: 'handler',
    cwe: ['CWE-526', 'CWE-798'],
    guideSection: 'function-security.md#secrets-in-memory',
    fixable: true,
    appliesTo: 'handler',
    messages: {
      credential:
        "'{{name}}' comes from an environment variable and is used as a credential. Anyone who can read the function's configuration can read it: store it in Secrets Manager, pass its ARN (for example {{arn}}), and fetch it with GetSecretValueCommand, cached outside the handler.",
    },
    pythonMessages: {
      credential:
        "'{{name}}' comes from an environment variable and is used as a credential. Anyone who can read the function's configuration can read it: store it in Secrets Manager, pass its ARN, and fetch it with boto3's get_secret_value (or the Parameters and Secrets extension), cached outside the handler.",
    },
  },
  find({ engine }, ctx) {
    const out = new Map<ts.Node, HandlerFinding>();
    const calls: Array<ts.CallExpression | ts.NewExpression> = [...engine.index.calls, ...engine.index.news];
    for (const call of calls.sort((a, b) => a.pos - b.pos)) {
      if (!call.arguments?.length || !consumes(engine, call)) continue;
      for (const arg of call.arguments) {
        for (const t of engine.taintOf(arg).filter(usedAsCredential)) {
          if (out.has(t.origin)) continue;
          const name = t.name!;
          // Read the value from Secrets Manager instead (inside async code, for a direct read).
          const origin = t.origin;
          const fix =
            ts.isPropertyAccessExpression(origin) || ts.isElementAccessExpression(origin) ? handlerSecretFix(ctx, origin) : undefined;
          out.set(t.origin, {
            node: t.origin,
            messageId: 'credential',
            data: { name, arn: `${name.replace(/[^A-Za-z0-9]+$/, '')}_SECRET_ARN` },
            related: [...t.steps, useSite(call, arg, t.origin)],
            fixes: fix ? [fix] : [],
            roots: [],
          });
        }
      }
    }
    return [...out.values()];
  },
});

/** The argument that carries the secret, or the call itself when the read is written inside it. */
function useSite(call: ts.CallExpression | ts.NewExpression, arg: ts.Expression, origin: ts.Node): { node: ts.Node; message: string } {
  const callee = `${ts.isNewExpression(call) ? 'new ' : ''}${snippet(call.expression, 30)}()`;
  const inside = origin.pos >= arg.pos && origin.end <= arg.end;
  return { node: inside ? call : arg, message: `used as a credential by ${callee} here` };
}

function usedAsCredential(t: Taint): boolean {
  return (
    t.kind === 'env-var' &&
    !!t.secret &&
    !LAMBDA_RESERVED_ENV.has(t.name ?? '') &&
    (t.via.length === 0 || t.credential || t.via.some(isCredentialKey))
  );
}

/** A call that takes the value somewhere (as opposed to one the analysis follows, or a logger). */
function consumes(engine: TaintEngine, call: ts.CallExpression | ts.NewExpression): boolean {
  const callee = skipOuter(call.expression);
  if (ts.isNewExpression(call)) return !isGlobal(callee, 'URL') && !isGlobal(callee, 'Error');
  if (engine.localFunction(callee) || isLoggingCall(engine, call)) return false;
  if (isGlobalMember(callee, 'JSON', 'parse') || isGlobalMember(callee, 'JSON', 'stringify') || isGlobalMember(callee, 'Object', 'keys'))
    return false;
  if (
    ts.isIdentifier(callee) &&
    isGlobal(callee, callee.text) &&
    (PASS_THROUGH_GLOBALS[''].includes(callee.text) || ['Number', 'Boolean', 'parseInt', 'parseFloat'].includes(callee.text))
  )
    return false;
  if (ts.isPropertyAccessExpression(callee)) {
    const object = skipOuter(callee.expression);
    if (ts.isIdentifier(object) && isGlobal(object, object.text) && PASS_THROUGH_GLOBALS[object.text]?.includes(callee.name.text))
      return false;
    // A package's own function of that name (`requests.get(url, headers=…)`) takes the value somewhere.
    const packageFunction = engine.symbols.calleeRef(callee)?.path.length === 1;
    if (
      !packageFunction &&
      (PASS_THROUGH_METHODS.has(callee.name.text) ||
        ['map', 'flatMap', 'then', 'includes', 'startsWith', 'endsWith', 'indexOf'].includes(callee.name.text))
    )
      return false;
  }
  return !engine.symbols.match(call, VALIDATORS) && !engine.symbols.match(call, SANITIZERS) && !engine.symbols.match(call, PARSERS);
}
