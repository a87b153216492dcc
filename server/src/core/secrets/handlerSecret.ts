import * as ts from 'typescript';
import { skipOuter } from '../model/scope';
import type { RuleContext } from '../rule';
import type { Fix, TextEdit } from '../types';
import { eol, indentUnit, insertAt, mergeInsertions, quote, quoteOf, replaceNode } from '../fixes/edits';
import { layoutStatements } from '../fixes/layout';
import { importNamed } from '../fixes/imports';
import { freeName } from '../fixes/names';
import { secretNames } from './secretNames';

export const SECRETS_MANAGER_SDK = '@aws-sdk/client-secrets-manager';

/**
 * The `handler-env-secret` fix: a secret read from `process.env.X` is fetched from Secrets
 * Manager instead, once per container, from the ARN in `process.env.X_SECRET_ARN` (the variable
 * the `secret-in-env` fix passes). Module level gets a client, a cache and a getter:
 *
 *     const secretsManager = new SecretsManagerClient({});
 *     let cachedStripeApiKey: string | undefined;
 *     async function getStripeApiKey(): Promise<string> { … GetSecretValueCommand … }
 *
 * and the read becomes `await getStripeApiKey()`. Only offered inside an async function (the
 * read becomes asynchronous). The helper goes right after the imports, so fixes for several
 * reads of one variable add the same text at the same place (merged once by fix-all).
 * Not preferred: the function then needs the ARN variable and read access to the secret.
 */
export function handlerSecretFix(
  ctx: RuleContext,
  processEnvAccess: ts.PropertyAccessExpression | ts.ElementAccessExpression,
): Fix | undefined {
  const file = ctx.file;
  const key = envKey(processEnvAccess);
  if (key === undefined || isWritten(processEnvAccess) || !inAsyncFunction(processEnvAccess)) return undefined;
  const names = secretNames(key);
  if (!names) return undefined;
  const edits: TextEdit[] = [];
  const getter = topLevelFunction(ctx.sf, names.getter);
  let getterName = names.getter;
  if (!getter) {
    const sdk = importNamed(file, SECRETS_MANAGER_SDK, ['GetSecretValueCommand', 'SecretsManagerClient']);
    edits.push(...sdk.edits);
    getterName = freeName(file, names.getter);
    const cache = freeName(file, names.cache);
    const existingClient = topLevelClient(ctx.sf, sdk.text.SecretsManagerClient);
    const client = existingClient ?? freeName(file, 'secretsManager');
    const typed = !file.isJavaScript;
    const nl = eol(file);
    const i = indentUnit(file);
    const q = quoteOf(file, undefined);
    const arn = /^[A-Za-z_$][\w$]*$/.test(names.arnVariable)
      ? `process.env.${names.arnVariable}`
      : `process.env[${quote(names.arnVariable, q)}]`;
    const doc = `${key} from Secrets Manager (the secret whose ARN is in ${names.arnVariable}), fetched once per container.`;
    const lines = [
      ...(existingClient ? [] : [`const ${client} = new ${sdk.text.SecretsManagerClient}({});`]),
      // JavaScript gets JSDoc types, so the code also passes `checkJs`.
      ...(typed ? [`let ${cache}: string | undefined;`] : ['/** @type {string | undefined} */', `let ${cache};`]),
      '',
      ...(typed
        ? [`/** ${doc} */`, `async function ${getterName}(): Promise<string> {`]
        : ['/**', ` * ${doc}`, ' * @returns {Promise<string>}', ' */', `async function ${getterName}() {`]),
      `${i}if (${cache} === undefined) {`,
      `${i}${i}const result = await ${client}.send(new ${sdk.text.GetSecretValueCommand}({ SecretId: ${arn} }));`,
      `${i}${i}if (result.SecretString === undefined) throw new Error(${quote(`The ${key} secret has no string value`, q)});`,
      `${i}${i}${cache} = result.SecretString;`,
      `${i}}`,
      `${i}return ${cache};`,
      '}',
      '',
      '',
    ];
    edits.push(insertAt(file, helperOffset(ctx.sf), layoutStatements(file, lines.join(nl), '')));
  }
  const call = `await ${getterName}()`;
  const replaced = readExpression(processEnvAccess);
  edits.push(replaceNode(file, replaced, needsParentheses(replaced) ? `(${call})` : call));
  return {
    title: `Read ${key} from Secrets Manager (cached, from ${names.arnVariable})`,
    edits: mergeInsertions(edits),
    isPreferred: false,
    note:
      `Give the function ${names.arnVariable} (the secret's ARN) instead of ${key}, and read access to the secret (secret.grantRead(fn) in CDK). ` +
      `${SECRETS_MANAGER_SDK} is part of the Node.js 18+ Lambda runtimes; bundle it if you pin SDK versions.`,
  };
}

/** `process.env.X` / `process.env['X']` → `X`. */
function envKey(access: ts.PropertyAccessExpression | ts.ElementAccessExpression): string | undefined {
  const env = skipOuter(access.expression);
  if (
    !ts.isPropertyAccessExpression(env) ||
    env.name.text !== 'env' ||
    !ts.isIdentifier(env.expression) ||
    env.expression.text !== 'process'
  )
    return undefined;
  if (ts.isPropertyAccessExpression(access)) return access.name.text;
  return ts.isStringLiteralLike(access.argumentExpression) ? access.argumentExpression.text : undefined;
}

/** `process.env.X = …`, `process.env.X ??= …`, `delete process.env.X`, `process.env.X++`. */
function isWritten(access: ts.Expression): boolean {
  let node: ts.Node = access;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (ts.isBinaryExpression(parent) && parent.left === node) {
    const op = parent.operatorToken.kind;
    return op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment;
  }
  return (
    ts.isDeleteExpression(parent) ||
    (ts.isPrefixUnaryExpression(parent) &&
      (parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken)) ||
    ts.isPostfixUnaryExpression(parent)
  );
}

function inAsyncFunction(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isFunctionLike(n))
      return !!ts.getModifiers(n as ts.FunctionLikeDeclaration & ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
    if (ts.isClassStaticBlockDeclaration(n)) return false;
  }
  return false;
}

/**
 * What the read becomes: the access, with a `!` after it and a `?? fallback` taken along, since
 * the getter always returns a string.
 */
function readExpression(access: ts.Expression): ts.Expression {
  let node: ts.Expression = access;
  if (ts.isNonNullExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)
    node = parent;
  return node;
}

/** `await f()` binds looser than member access, calls, `!` and the left of `**`. */
function needsParentheses(node: ts.Expression): boolean {
  const parent = node.parent;
  if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === node) return true;
  if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression === node) return true;
  if (ts.isTaggedTemplateExpression(parent) && parent.tag === node) return true;
  if (ts.isNonNullExpression(parent)) return true;
  return ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind === ts.SyntaxKind.AsteriskAsteriskToken;
}

function topLevelFunction(sf: ts.SourceFile, name: string): ts.FunctionDeclaration | undefined {
  return sf.statements.find((s): s is ts.FunctionDeclaration => ts.isFunctionDeclaration(s) && s.name?.text === name);
}

/** `const x = new SecretsManagerClient(…)` at the top level: reuse `x`. */
function topLevelClient(sf: ts.SourceFile, clientClass: string): string | undefined {
  for (const s of sf.statements) {
    if (!ts.isVariableStatement(s)) continue;
    for (const d of s.declarationList.declarations) {
      const init = d.initializer && skipOuter(d.initializer);
      if (ts.isIdentifier(d.name) && init && ts.isNewExpression(init) && init.expression.getText(sf) === clientClass) return d.name.text;
    }
  }
  return undefined;
}

/** Right after the imports (and a 'use strict' prologue): the first other top-level statement, or the end. */
function helperOffset(sf: ts.SourceFile): number {
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s) || ts.isImportEqualsDeclaration(s)) continue;
    if (ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression)) continue; // 'use strict'
    if (
      ts.isVariableStatement(s) &&
      s.declarationList.declarations.every((d) => d.initializer && /^require\(/.test(d.initializer.getText(sf)))
    )
      continue;
    // Before the statement's leading comments, so a doc comment stays with its statement (at
    // the top of a file without imports, where a new import goes: after a header comment).
    const comments = s.pos > 0 ? ts.getLeadingCommentRanges(sf.text, s.pos) : undefined;
    return comments?.length ? comments[0].pos : s.getStart(sf);
  }
  return sf.text.length;
}
