import * as ts from 'typescript';
import { boundName } from '../cdk/grantFix';
import type { PropEntry } from '../model/values';
import { propertyNameText, skipOuter } from '../model/scope';
import type { RuleContext } from '../rule';
import type { Fix, TextEdit } from '../types';
import {
  enclosingStatement,
  eol,
  indentOf,
  insertStatementAfter,
  insertStatementBefore,
  mergeInsertions,
  quote,
  quoteOf,
  replaceNode,
  replaceSpan,
} from '../fixes/edits';
import { importSymbol } from '../fixes/imports';
import { freeConstructId, freeName } from '../fixes/names';
import { secretNames } from './secretNames';

/**
 * The `secret-in-env` fix: a secret in a Lambda function's environment moves to Secrets Manager.
 *
 *     const stripeApiKeySecret = new secretsmanager.Secret(this, 'StripeApiKeySecret', { description: … });
 *     const fn = new lambda.Function(this, 'Fn', { …, environment: { STRIPE_API_KEY_SECRET_ARN: stripeApiKeySecret.secretArn } });
 *     stripeApiKeySecret.grantRead(fn);
 *
 * The secret's value never appears in the new code: the note tells the user to store it with
 * `aws secretsmanager put-secret-value`. When the value was already read from a secret
 * (`secret.secretValue.unsafeUnwrap()`), that secret is passed by ARN instead of a new one.
 * Not preferred: it adds a resource and changes what the function receives.
 *
 * @param fnNewExpr the function construct (`new lambda.Function(…)`), bound to a name
 * @param envEntry the `environment` entry (`KEY: 'value'`) or the `fn.addEnvironment('KEY', 'value')` call
 */
export function secretsManagerFix(ctx: RuleContext, fnNewExpr: ts.NewExpression, envEntry: PropEntry | ts.CallExpression): Fix | undefined {
  const target = envTarget(ctx, fnNewExpr, envEntry);
  if (!target) return undefined;
  const names = secretNames(target.key);
  if (!names) return undefined;
  const file = ctx.file;
  const q = quoteOf(file, undefined);
  const existing = existingSecret(ctx, target.value);
  const byName = existing ? undefined : secretByName(target.value);
  const edits: TextEdit[] = [];
  let secret: string;
  let note: string;
  if (byName) {
    // A secret that exists already, referenced by name: the function gets it by ARN, through
    // `Secret.fromSecretNameV2`, and no new secret is made.
    secret = freeName(file, names.secretVariable);
    const Secret = importSymbol(file, 'aws-cdk-lib/aws-secretsmanager', 'Secret');
    edits.push(...Secret.edits);
    const id = quote(freeConstructId(file, names.constructId), q);
    edits.push(
      insertStatementBefore(
        file,
        target.declareBefore,
        `const ${secret} = ${Secret.text}.fromSecretNameV2(${target.scope}, ${id}, ${file.nodeText(byName.name)});`,
      ),
    );
    const field = byName.field === undefined ? '' : ` and take its ${JSON.stringify(byName.field)} field (the secret is JSON)`;
    note = `The function now receives ${names.arnVariable} instead of the value: read the secret in the handler with GetSecretValue${field}, cached outside the handler function.`;
  } else if (existing) {
    secret = existing.text;
    const field = existing.field === undefined ? '' : ` and take its ${JSON.stringify(existing.field)} field (the secret is JSON)`;
    note = `The function now receives ${names.arnVariable} instead of the value: read the secret in the handler with GetSecretValue${field}, cached outside the handler function.`;
  } else {
    secret = freeName(file, names.secretVariable);
    const id = freeConstructId(file, names.constructId);
    const Secret = importSymbol(file, 'aws-cdk-lib/aws-secretsmanager', 'Secret');
    edits.push(...Secret.edits);
    const fnId = fnNewExpr.arguments?.[1];
    const owner = fnId && ts.isStringLiteralLike(fnId) ? ` of the ${fnId.text} function` : '';
    const indent = indentOf(file, target.declareBefore);
    // What to do next stays in the code, where the secret is, not only in a passing notification.
    const declaration = [
      '// Store the value once deployed, never in code:',
      `${indent}// aws secretsmanager put-secret-value --secret-id <ARN of ${id}> --secret-string '<value>'`,
      `${indent}const ${secret} = new ${Secret.text}(${target.scope}, ${quote(id, q)}, { description: ${quote(`${target.key}${owner}`, q)} });`,
    ].join(eol(file));
    edits.push(insertStatementBefore(file, target.declareBefore, declaration));
    note =
      `Store the value in the new secret once it is deployed, never in code: aws secretsmanager put-secret-value --secret-id <ARN of ${id}> --secret-string '<value>'. ` +
      `Until then it holds a generated random value. The function now receives ${names.arnVariable}: read the secret in the handler with GetSecretValue. ` +
      'Rotate the old value: it is still in your source history.';
  }
  edits.push(target.replace(names.arnVariable, `${secret}.secretArn`));
  edits.push(insertStatementAfter(file, target.grantAfter, `${secret}.grantRead(${target.grantee});`));
  return {
    title: byName
      ? `Pass the secret ${file.nodeText(byName.name)} to the function by ARN (${names.arnVariable}) instead of its value`
      : existing
        ? `Pass ${existing.text} to the function by ARN (${names.arnVariable}) instead of its value`
        : `Move ${target.key} to a Secrets Manager secret (${secret})`,
    edits: mergeInsertions(edits),
    isPreferred: false,
    note,
  };
}

interface EnvTarget {
  key: string;
  value: ts.Expression;
  /** The construct scope to create the secret in (the function's own first argument). */
  scope: string;
  grantee: string;
  /** The statement the secret is declared before, and the one the grant goes after. */
  declareBefore: ts.Statement;
  grantAfter: ts.Statement;
  replace(key: string, value: string): TextEdit;
}

function envTarget(ctx: RuleContext, fnNewExpr: ts.NewExpression, envEntry: PropEntry | ts.CallExpression): EnvTarget | undefined {
  const file = ctx.file;
  const scopeArg = fnNewExpr.arguments?.[0];
  if (!scopeArg || fnNewExpr.getSourceFile() !== ctx.sf) return undefined;
  const scope = file.nodeText(scopeArg);
  if ('kind' in envEntry) {
    // `fn.addEnvironment('KEY', 'value')`
    const [keyArg, valueArg] = envEntry.arguments;
    const callee = envEntry.expression;
    const statement = enclosingStatement(envEntry);
    if (!keyArg || !valueArg || !ts.isStringLiteralLike(keyArg) || !ts.isPropertyAccessExpression(callee) || callee.questionDotToken)
      return undefined;
    if (!statement || !ts.isExpressionStatement(statement) || skipOuter(statement.expression) !== envEntry) return undefined;
    const q = quoteOf(file, keyArg);
    return {
      key: keyArg.text,
      value: valueArg,
      scope,
      grantee: file.nodeText(callee.expression),
      declareBefore: statement,
      grantAfter: statement,
      replace: (key, value) => replaceSpan(file, keyArg.getStart(ctx.sf), valueArg.getEnd(), `${quote(key, q)}, ${value}`),
    };
  }
  if (envEntry.file !== file) return undefined;
  const node = envEntry.node;
  if (!ts.isPropertyAssignment(node) && !ts.isShorthandPropertyAssignment(node)) return undefined;
  const key = propertyNameText(node.name);
  if (key === undefined || ts.isComputedPropertyName(node.name)) return undefined;
  const grantee = boundName(ctx, fnNewExpr);
  const fnStatement = enclosingStatement(fnNewExpr);
  if (!grantee || !fnStatement || !(ts.isVariableStatement(fnStatement) || ts.isExpressionStatement(fnStatement))) return undefined;
  // The secret must exist where the entry is written: before the function, or before a props
  // object declared earlier in the same block.
  const entryStatement = enclosingStatement(node);
  if (!entryStatement || entryStatement.parent !== fnStatement.parent || entryStatement.pos > fnStatement.pos) return undefined;
  const value = ts.isPropertyAssignment(node) ? node.initializer : node.name;
  const keyText = ts.isStringLiteral(node.name) ? quote(key, quoteOf(file, node.name)) : undefined;
  return {
    key,
    value,
    scope,
    grantee,
    declareBefore: entryStatement,
    grantAfter: fnStatement,
    replace: (newKey, newValue) =>
      replaceNode(file, node, `${keyText !== undefined ? quote(newKey, quoteOf(file, node.name)) : newKey}: ${newValue}`),
  };
}

/**
 * `SecretValue.secretsManager('name').unsafeUnwrap()` (with `{ jsonField: 'k' }` or not): the
 * name literal of an existing secret, and `k`.
 */
function secretByName(value: ts.Expression): { name: ts.StringLiteralLike; field?: string } | undefined {
  const e = skipOuter(value);
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || e.expression.name.text !== 'unsafeUnwrap')
    return undefined;
  const call = skipOuter(e.expression.expression);
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'secretsManager')
    return undefined;
  const owner = skipOuter(call.expression.expression);
  const ownerName = ts.isIdentifier(owner) ? owner.text : ts.isPropertyAccessExpression(owner) ? owner.name.text : undefined;
  const [name, options] = call.arguments;
  if (ownerName !== 'SecretValue' || !name || !ts.isStringLiteralLike(name)) return undefined;
  let field: string | undefined;
  if (options) {
    const o = skipOuter(options);
    // Options other than one literal jsonField (a version stage): the ARN would not say them.
    if (!ts.isObjectLiteralExpression(o) || o.properties.length !== 1) return undefined;
    const p = o.properties[0];
    if (!ts.isPropertyAssignment(p) || propertyNameText(p.name) !== 'jsonField' || !ts.isStringLiteralLike(p.initializer)) return undefined;
    field = p.initializer.text;
  }
  return { name, ...(field !== undefined ? { field } : {}) };
}

/** `x.secretValue.unsafeUnwrap()`, `x.secretValueFromJson('k').unsafeUnwrap()`: the secret `x` as written, and `k`. */
function existingSecret(ctx: RuleContext, value: ts.Expression): { text: string; field?: string } | undefined {
  const e = skipOuter(value);
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || e.expression.name.text !== 'unsafeUnwrap')
    return undefined;
  let inner = skipOuter(e.expression.expression);
  let field: string | undefined;
  if (
    ts.isCallExpression(inner) &&
    ts.isPropertyAccessExpression(inner.expression) &&
    inner.expression.name.text === 'secretValueFromJson'
  ) {
    const key = inner.arguments[0];
    field = key && ts.isStringLiteralLike(key) ? key.text : undefined;
    inner = inner.expression;
  }
  if (!ts.isPropertyAccessExpression(inner) || !['secretValue', 'secretValueFromJson'].includes(inner.name.text)) return undefined;
  const secret = skipOuter(inner.expression);
  if (!ts.isIdentifier(secret) && !(ts.isPropertyAccessExpression(secret) && secret.expression.kind === ts.SyntaxKind.ThisKeyword))
    return undefined;
  return { text: ctx.file.nodeText(secret), ...(field !== undefined ? { field } : {}) };
}
