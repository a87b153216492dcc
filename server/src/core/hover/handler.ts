import * as ts from 'typescript';
import { someNode } from '../model/walk';
import type { FileContext } from '../model/fileContext';
import { isCdkModule } from '../model/imports';
import { fqnIs } from '../model/values';
import { findDeclaration } from '../model/scope';
import { looksSecret, wordsFrom } from '../secrets/names';
import { code } from './judge';
import type { Card, HoverContext, Verdict } from './types';

/**
 * Hover cards for Lambda handler code: `process.env.X`, `JSON.parse(event.body)`, `console.*`
 * and Secrets Manager reads. A handler file imports no CDK module and either exports a
 * function named `handler` or uses the Lambda types, the AWS SDK or Powertools.
 */

const HANDLER_MODULES = /^(aws-lambda|aws-sdk|@aws-sdk\/|@aws-lambda-powertools\/)/;

export function isHandlerFile(file: FileContext): boolean {
  let lambdaImports = false;
  for (const binding of file.imports.values()) {
    if (isCdkModule(binding.module)) return false;
    if (HANDLER_MODULES.test(binding.module)) lambdaImports = true;
  }
  return lambdaImports || exportsHandler(file.sf);
}

function exportsHandler(sf: ts.SourceFile): boolean {
  for (const statement of sf.statements) {
    const exported = ts.getModifiers(statement as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (exported && ts.isFunctionDeclaration(statement) && statement.name?.text === 'handler') return true;
    if (exported && ts.isVariableStatement(statement)) {
      if (statement.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === 'handler')) return true;
    }
    // CommonJS: `exports.handler = …`, `module.exports.handler = …`
    if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression)) {
      const left = statement.expression.left;
      if (ts.isPropertyAccessExpression(left) && left.name.text === 'handler') return true;
    }
  }
  return false;
}

const line = (file: FileContext, node: ts.Node) => file.position(node.getStart(file.sf)).line + 1;

function isProcessEnv(node: ts.Expression): boolean {
  return (
    ts.isPropertyAccessExpression(node) &&
    node.name.text === 'env' &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === 'process'
  );
}

/** `process.env.X`, `process.env['X']`, or `const { X } = process.env`: the variable name. */
function envName(node: ts.Node): { name: string; at: ts.Node } | undefined {
  for (let n: ts.Node | undefined = node; n && !ts.isStatement(n); n = n.parent) {
    if (ts.isPropertyAccessExpression(n) && isProcessEnv(n.expression)) return { name: n.name.text, at: n };
    if (ts.isElementAccessExpression(n) && isProcessEnv(n.expression) && ts.isStringLiteralLike(n.argumentExpression)) {
      return { name: n.argumentExpression.text, at: n };
    }
    if (ts.isBindingElement(n) && ts.isObjectBindingPattern(n.parent) && ts.isVariableDeclaration(n.parent.parent)) {
      const init = n.parent.parent.initializer;
      if (init && isProcessEnv(init)) {
        const key =
          n.propertyName && ts.isIdentifier(n.propertyName) ? n.propertyName.text : ts.isIdentifier(n.name) ? n.name.text : undefined;
        return key ? { name: key, at: n } : undefined;
      }
    }
  }
  return undefined;
}

function envCard(name: string, ctx: HoverContext): Card {
  const secret = looksSecret(name, wordsFrom(ctx.config));
  const base = name.replace(/_?(API_?KEY|KEY|TOKEN|SECRET|PASSWORD|PASS|PWD|CREDENTIALS?)$/i, '') || 'API';
  const verdict: Verdict = secret
    ? {
        level: 'risk',
        subject: name,
        text: `looks like a secret: keep it in Secrets Manager, pass ${code(`${base}_SECRET_ARN`)} instead and fetch the value once per cold start`,
      }
    : { level: 'ok', subject: name, text: 'reads as configuration (a name, an ARN, a flag), not as a secret' };
  return {
    title: `process.env.${name}`,
    context: 'environment variable',
    about:
      "Set in the function's configuration as plain text: anyone who can read the configuration or the deployment template sees it. Right for names, ARNs and flags; wrong for secrets.",
    verdicts: [verdict],
    rules: ['handler-env-secret'],
    guide: 'function-security.md#secrets-management',
  };
}

/** The function a node is in (undefined at module scope). */
function enclosingFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let n = node.parent; n; n = n.parent) if (ts.isFunctionLike(n) && 'body' in n) return n as ts.FunctionLikeDeclaration;
  return undefined;
}

/** Calls that check data against a schema: zod, ajv, joi, yup, valibot, typebox, io-ts, class-validator. */
const VALIDATOR_METHODS = new Set([
  'safeParse',
  'safeParseAsync',
  'parseAsync',
  'validate',
  'validateSync',
  'validateOrReject',
  'assert',
  'is',
  'isValid',
  'check',
  'Check',
  'decode',
  'Decode',
  'parse',
]);

function validatorCall(scope: ts.Node): ts.CallExpression | undefined {
  let found: ts.CallExpression | undefined;
  someNode(scope, (n) => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && VALIDATOR_METHODS.has(n.expression.name.text)) {
      const receiver = n.expression.expression;
      if (!(ts.isIdentifier(receiver) && receiver.text === 'JSON')) found = n;
    }
    return found !== undefined;
  });
  return found;
}

function mentionsBody(node: ts.Node): boolean {
  return someNode(node, (n) => ts.isPropertyAccessExpression(n) && n.name.text === 'body');
}

function parseBodyCard(call: ts.CallExpression, ctx: HoverContext): Card {
  const fn = enclosingFunction(call);
  const validator = validatorCall(fn?.body ?? ctx.file.sf);
  const verdict: Verdict = validator
    ? {
        level: 'ok',
        subject: 'validation',
        text: `checked with ${code(validator.expression.getText(ctx.file.sf))} (line ${line(ctx.file, validator)})`,
      }
    : { level: 'risk', subject: 'validation', text: 'no schema check in this function: every field is whatever the caller sent' };
  return {
    title: 'JSON.parse(event.body)',
    context: 'request body',
    about:
      '`JSON.parse` only checks syntax. Check the shape with a schema before the data reaches a property read, a query or a response, and answer 400 when it does not fit.',
    verdicts: [verdict],
    rules: ['handler-unvalidated-input', 'handler-injection'],
    guide: 'data-protection.md#input-validation',
  };
}

const CONSOLE_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace']);

/** Why one logged argument is sensitive, or undefined. */
function sensitive(arg: ts.Expression, eventName: string | undefined, ctx: HoverContext): string | undefined {
  if (ts.isCallExpression(arg) && arg.expression.getText(ctx.file.sf) === 'JSON.stringify' && arg.arguments[0]) {
    return sensitive(arg.arguments[0], eventName, ctx);
  }
  if (ts.isIdentifier(arg)) {
    if (arg.text === eventName || arg.text === 'event') return 'the whole event: headers, tokens and personal data';
    if (arg.text === 'context') return 'the whole invocation context';
    if (looksSecret(arg.text, wordsFrom(ctx.config))) return `${code(arg.text)}, which looks like a secret`;
  }
  if (isProcessEnv(arg)) return 'every environment variable';
  if (ts.isPropertyAccessExpression(arg)) {
    if (['body', 'headers', 'multiValueHeaders'].includes(arg.name.text)) return `${code(arg.getText(ctx.file.sf))}: the raw request`;
    if (looksSecret(arg.name.text, wordsFrom(ctx.config))) return `${code(arg.getText(ctx.file.sf))}, which looks like a secret`;
  }
  return undefined;
}

function consoleCard(call: ts.CallExpression, method: string, ctx: HoverContext): Card {
  const fn = enclosingFunction(call);
  const first = fn?.parameters[0];
  const eventName = first && ts.isIdentifier(first.name) ? first.name.text : undefined;
  const verdicts: Verdict[] = [];
  for (const arg of call.arguments) {
    const why = sensitive(arg, eventName, ctx);
    if (why) verdicts.push({ level: 'risk', subject: 'logs', text: why });
  }
  if (verdicts.length === 0) {
    const shown = call.arguments.map((a) => code(a.getText(ctx.file.sf))).join(', ');
    verdicts.push({ level: 'ok', subject: 'logs', text: shown || 'nothing' });
  }
  return {
    title: `console.${method}`,
    context: 'log line',
    about:
      'Everything logged lands in CloudWatch Logs, readable by whoever can read the log group and kept as long as its retention says. Log identifiers and counts, not payloads or secrets.',
    verdicts,
    rules: ['handler-logs-sensitive'],
    guide: 'function-security.md#logging-sensitive-data',
  };
}

const SECRETS_MODULE = '@aws-sdk/client-secrets-manager';

/** A module-scope variable the function assigns to: the usual cache for a fetched secret. */
function moduleCache(fn: ts.FunctionLikeDeclaration): string | undefined {
  let found: string | undefined;
  if (fn.body) {
    someNode(fn.body, (n) => {
      if (
        ts.isBinaryExpression(n) &&
        n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
        n.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
        ts.isIdentifier(n.left)
      ) {
        const decl = findDeclaration(n.left);
        if (decl && ts.isVariableDeclaration(decl) && ts.isSourceFile(decl.parent.parent.parent)) found = n.left.text;
      }
      return found !== undefined;
    });
  }
  return found;
}

function secretsCard(node: ts.Node, title: string, kind: 'client' | 'read', ctx: HoverContext): Card {
  const fn = enclosingFunction(node);
  const verdicts: Verdict[] = [];
  if (kind === 'client') {
    verdicts.push(
      fn
        ? {
            level: 'info',
            subject: 'where',
            text: 'created each time this function runs: create the client once at module scope so warm invocations reuse it',
          }
        : { level: 'ok', subject: 'where', text: 'created once per execution environment and reused by warm invocations' },
    );
  } else {
    const cache = fn && moduleCache(fn);
    if (!fn) verdicts.push({ level: 'ok', subject: 'when', text: 'fetched once per execution environment (at cold start)' });
    else if (cache) verdicts.push({ level: 'ok', subject: 'when', text: `kept in module-scope ${code(cache)} for warm invocations` });
    else
      verdicts.push({
        level: 'info',
        subject: 'when',
        text: 'fetched on every invocation: keep the value in a module-scope variable, with an expiry so rotation is picked up',
      });
    if (ts.isNewExpression(node)) {
      const idText = node.arguments?.[0]?.getText(ctx.file.sf) ?? '';
      if (/SecretId\s*:\s*['"`]/.test(idText))
        verdicts.push({
          level: 'info',
          subject: 'SecretId',
          text: "written in the code: pass the secret's ARN through an environment variable",
        });
      else if (/process\.env/.test(idText)) verdicts.push({ level: 'ok', subject: 'SecretId', text: 'comes from configuration' });
    }
  }
  return {
    title,
    context: 'Secrets Manager',
    about:
      "Reads a secret at run time. The function's role needs `secretsmanager:GetSecretValue` on that one secret (`secret.grantRead(fn)` in CDK). Keep the value in memory only, and never log it.",
    verdicts,
    rules: [],
    guide: 'function-security.md#secrets-in-memory',
  };
}

/** The handler card for the node under the cursor, if any. */
export function handlerCard(token: ts.Node, ctx: HoverContext): { card: Card; node: ts.Node } | undefined {
  const env = envName(token);
  if (env) return { card: envCard(env.name, ctx), node: env.at };
  for (let n: ts.Node | undefined = token; n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isNewExpression(n) && isInCallee(token, n.expression)) {
      const fqn = ctx.resolver.fqn(n.expression, ctx.file);
      if (fqnIs(fqn, `${SECRETS_MODULE}.SecretsManagerClient`))
        return { card: secretsCard(n, 'SecretsManagerClient', 'client', ctx), node: n.expression };
      if (fqnIs(fqn, `${SECRETS_MODULE}.GetSecretValueCommand`))
        return { card: secretsCard(n, 'GetSecretValueCommand', 'read', ctx), node: n.expression };
      return undefined;
    }
    if (ts.isCallExpression(n) && isInCallee(token, n.expression)) {
      const callee = n.expression;
      if (ts.isPropertyAccessExpression(callee)) {
        const receiver = callee.expression.getText(ctx.file.sf);
        const method = callee.name.text;
        if (receiver === 'JSON' && method === 'parse' && n.arguments[0] && mentionsBody(n.arguments[0]))
          return { card: parseBodyCard(n, ctx), node: callee };
        if (receiver === 'console' && CONSOLE_METHODS.has(method)) return { card: consoleCard(n, method, ctx), node: callee };
        if (method === 'getSecretValue') return { card: secretsCard(n, 'getSecretValue', 'read', ctx), node: callee.name };
      } else if (
        ts.isIdentifier(callee) &&
        fqnIs(ctx.resolver.fqn(callee, ctx.file), '@aws-lambda-powertools/parameters/secrets.getSecret')
      ) {
        return { card: secretsCard(n, 'getSecret', 'read', ctx), node: callee };
      }
      return undefined;
    }
  }
  return undefined;
}

function isInCallee(token: ts.Node, callee: ts.Node): boolean {
  return token.pos >= callee.pos && token.end <= callee.end;
}
