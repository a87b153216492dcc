import * as ts from 'typescript';
import { createRule, RuleContext } from '../../rule';
import {
  HTTP_API,
  httpMethodName,
  inheritedDefault,
  isHttpApi,
  isHttpApiLike,
  isHttpNoneAuthorizer,
  methodLabel,
  resourcePath,
  restApiOf,
  restMethods,
  restResourceOf,
  resolveArg,
  RestResource,
  rootResource,
} from '../../cdk/apigw';
import { Lookup, lookup, valueIfSet } from '../../model/lookup';
import { addProperty, apigatewaySymbol, PropertySite, scopeAt, editWithin, targetLiteral } from '../../cdk/apigwFix';
import { headLocation } from '../../cdk/propertyChecks';
import { freshNames } from '../../fixes/names';
import { boundName, constructsInScope } from '../../cdk/grantFix';
import { enclosingStatement, insertStatementAfter, insertStatementBefore, quote, quoteOf, replaceNode } from '../../fixes/edits';
import { importSymbol } from '../../fixes/imports';
import { setPropertyValue } from '../../fixes/props';
import { CDK_ROOT } from '../../model/imports';
import { asBoolean, asString, fqnIs, PropEntry, refIs, Value } from '../../model/values';
import type { Fix, Location, Severity, TextEdit } from '../../types';

/** Why a method is open: nothing says how callers are authorised, or something says NONE. */
type Open = { kind: 'missing'; inheritedNone?: PropEntry } | { kind: 'none'; value: Value; entry: PropEntry };

const USER_POOLS = ['aws-cognito.UserPool', 'aws-cognito.IUserPool'];

export default createRule({
  meta: {
    id: 'apigw-no-auth',
    title: 'API method without authorization',
    description:
      'A REST API method, a LambdaRestApi proxy or an HTTP API route that anyone on the internet can call: no authorizer, no IAM authorization, and no default on the API. An API key alone is not authorization.',
    defaultSeverity: 'error',
    category: 'apigw',
    cwe: ['CWE-306', 'CWE-862'],
    guideSection: 'api-security.md#authorizers',
    fixable: true,
    appliesTo: 'cdk',
    cdkNag: ['AwsSolutions-APIG4'],
    messages: {
      method:
        "{{method}} has no authorization: anyone who can reach the API can call it. Add an authorizer (Cognito user pool, Lambda or IAM), or set one in the API's defaultMethodOptions.",
      methodNone:
        '{{method}} sets authorizationType NONE: anyone who can reach the API can call it. Use an authorizer (Cognito user pool, Lambda or IAM).',
      apiKeyOnly:
        '{{method}} requires only an API key. API keys identify callers for usage plans; they are not authorization and are easily shared. Add an authorizer (Cognito user pool, Lambda or IAM).',
      proxy:
        'This LambdaRestApi sends every path and method to the function with no authorization. Set defaultMethodOptions with an authorizer, or set proxy: false and add authorized methods.',
      proxyResource:
        'The ANY method of this proxy resource ({{path}}) has no authorization: every path under it is open. Set defaultMethodOptions with an authorizer.',
      route:
        'The HTTP API route {{route}} has no authorizer and the API has no defaultAuthorizer: anyone can call it. Add an authorizer (JWT, Lambda or IAM) or a defaultAuthorizer on the API.',
      routeNone: 'The HTTP API route {{route}} uses HttpNoneAuthorizer: anyone can call it. Use a JWT, Lambda or IAM authorizer.',
      defaultRoute:
        'This HTTP API sends every request to its defaultIntegration ($default route) with no authorizer. Set defaultAuthorizer.',
      cfnMethod:
        'This CfnMethod has authorization type NONE: anyone who can reach the API can call it. Use AWS_IAM, COGNITO_USER_POOLS or CUSTOM with an authorizer.',
      cfnRoute:
        'The route {{route}} (CfnRoute) has authorization type NONE: anyone who can reach the API can call it. Use AWS_IAM, JWT (HTTP APIs) or CUSTOM with an authorizer.',
      connect:
        "The WebSocket API's $connect route has no authorizer: anyone can open a connection and send messages to the other routes. Add a Lambda or IAM authorizer to the $connect route.",
      connectNone:
        "The WebSocket API's $connect route uses WebSocketNoneAuthorizer: anyone can open a connection and send messages to the other routes. Use a Lambda or IAM authorizer.",
    },
  },
  check(ctx) {
    checkRestMethods(ctx);
    checkProxies(ctx);
    checkLambdaRestApis(ctx);
    checkHttpRoutes(ctx);
    checkWebSocketConnect(ctx);
    checkL1(ctx);
  },
});

// ---------------------------------------------------------------------------------------------
// REST APIs (L2)

function isNone(value: Value): boolean {
  return refIs(value, 'aws-apigateway.AuthorizationType.NONE') || asString(value)?.toUpperCase() === 'NONE';
}

/**
 * How CDK's `Method` decides (aws-apigateway/lib/method.ts): an authorizer from the method's
 * options or the inherited defaults; an explicit `authorizationType: NONE` on the method drops
 * the default authorizer; otherwise the method's type, else the default type, else NONE.
 */
function openness(own: Value | undefined, resource: RestResource | undefined): Open | undefined {
  const type = lookup(own, 'authorizationType');
  const authorizer = lookup(own, 'authorizer');
  if (type.state === 'unknown' || authorizer.state === 'unknown') return undefined;
  if (authorizer.state === 'set') return undefined;
  if (type.state === 'set') return isNone(type.value) ? { kind: 'none', value: type.value, entry: type.entry } : undefined;
  if (!resource) return undefined;
  if (inheritedDefault(resource, 'authorizer').state !== 'absent') return undefined;
  const defaultType = inheritedDefault(resource, 'authorizationType');
  if (defaultType.state === 'unknown') return undefined;
  if (defaultType.state === 'set') return isNone(defaultType.value) ? { kind: 'missing', inheritedNone: defaultType.entry } : undefined;
  return { kind: 'missing' };
}

/** `apiKeyRequired: true` on the method, else in the inherited defaults. */
function apiKeyRequired(own: Value | undefined, resource: RestResource | undefined): boolean {
  const mine = lookup(own, 'apiKeyRequired');
  if (mine.state === 'set') return asBoolean(mine.value) === true;
  if (mine.state === 'unknown' || !resource) return false;
  const inherited = inheritedDefault(resource, 'apiKeyRequired');
  return inherited.state === 'set' && asBoolean(inherited.value) === true;
}

function checkRestMethods(ctx: RuleContext): void {
  for (const method of restMethods(ctx)) {
    // An unknown verb may be OPTIONS (CORS preflight), which is meant to be open.
    if (method.httpMethod === undefined || method.httpMethod === 'OPTIONS') continue;
    const open = openness(method.options, method.resource);
    if (!open) continue;
    const apiKey = apiKeyRequired(method.options, method.resource);
    const site: PropertySite = {
      node: method.optionsSite.node,
      index: method.optionsSite.index,
      path: method.optionsSite.key ? [method.optionsSite.key] : [],
    };
    ctx.report({
      at: open.kind === 'none' ? open.value : method.head,
      messageId: apiKey ? 'apiKeyOnly' : open.kind === 'none' ? 'methodNone' : 'method',
      data: { method: methodLabel(method) },
      severity: apiKey ? 'warning' : undefined,
      fixes: restFixes(ctx, method.node, site, open),
    });
  }
}

/** `resource.addProxy(...)` and `new ProxyResource(...)`: an ANY method unless `anyMethod: false`. */
function checkProxies(ctx: RuleContext): void {
  const proxies: Array<{ node: ts.CallExpression | ts.NewExpression; at: ts.Node | Location; site: PropertySite }> = [];
  for (const call of ctx.calls('addProxy')) {
    const callee = call.expression;
    if (ts.isPropertyAccessExpression(callee))
      proxies.push({ node: call, at: callee.name, site: { node: call, index: 0, path: ['defaultMethodOptions'] } });
  }
  for (const expr of ctx.newExpressions('aws-apigateway.ProxyResource')) {
    proxies.push({ node: expr, at: headLocation(ctx, expr), site: { node: expr, index: 2, path: ['defaultMethodOptions'] } });
  }
  for (const proxy of proxies) {
    const resource = restResourceOf(ctx.resolver, ctx.resolve(proxy.node));
    if (!resource) continue;
    const options = proxy.node.arguments?.[proxy.site.index];
    const anyMethod = lookup(options ? ctx.resolve(options) : undefined, 'anyMethod');
    if (anyMethod.state === 'unknown' || (anyMethod.state === 'set' && asBoolean(anyMethod.value) !== true)) continue;
    const open = openness(undefined, resource);
    if (!open) continue;
    const apiKey = apiKeyRequired(undefined, resource);
    ctx.report({
      at: proxy.at,
      messageId: apiKey ? 'apiKeyOnly' : 'proxyResource',
      data: { path: resourcePath(resource) ?? '{proxy+}', method: `ANY ${resourcePath(resource) ?? '{proxy+}'}` },
      severity: apiKey ? 'warning' : undefined,
      fixes: restFixes(ctx, proxy.node, proxy.site, open),
    });
  }
}

/** `new LambdaRestApi(...)` with `proxy` (the default): every route goes to the function. */
function checkLambdaRestApis(ctx: RuleContext): void {
  for (const expr of ctx.newExpressions('aws-apigateway.LambdaRestApi')) {
    const api = restApiOf(ctx.resolver, ctx.resolve(expr));
    if (!api) continue;
    const proxy = lookup(api.props, 'proxy');
    if (proxy.state === 'unknown' || (proxy.state === 'set' && asBoolean(proxy.value) !== true)) continue;
    const resource = rootResource(ctx.resolver, api);
    const open = openness(undefined, resource);
    if (!open) continue;
    const apiKey = apiKeyRequired(undefined, resource);
    ctx.report({
      at: headLocation(ctx, expr),
      messageId: apiKey ? 'apiKeyOnly' : 'proxy',
      data: { method: 'Every route of this LambdaRestApi' },
      severity: apiKey ? 'warning' : undefined,
      fixes: restFixes(ctx, expr, { node: expr, index: 2, path: ['defaultMethodOptions'] }, open),
    });
  }
}

/**
 * One fix: a `CognitoUserPoolsAuthorizer` for a user pool in scope (declared before the
 * statement, in a class where `this` is a construct), otherwise `AuthorizationType.IAM`.
 * Both change who may call the API, so neither is preferred.
 */
function restFixes(ctx: RuleContext, node: ts.Node, site: PropertySite, open: Open): Fix[] {
  const cognito = cognitoFix(ctx, node, site, open);
  if (cognito) return [cognito];
  const iam = iamFix(ctx, site, open);
  return iam ? [iam] : [];
}

function iamFix(ctx: RuleContext, site: PropertySite, open: Open): Fix | undefined {
  const symbol = apigatewaySymbol(ctx, 'AuthorizationType');
  const code = `${symbol.text}.IAM`;
  const edit = replaceOrAdd(ctx, site, open, `authorizationType: ${code}`, (entry) => setPropertyValue(ctx, entry, code));
  if (!edit) return undefined;
  return {
    title: 'Require IAM authorization (AuthorizationType.IAM)',
    edits: [...symbol.edits, edit],
    isPreferred: false,
    note: 'Callers must now sign requests with AWS credentials (SigV4) that allow execute-api:Invoke.',
  };
}

function cognitoFix(ctx: RuleContext, node: ts.Node, site: PropertySite, open: Open): Fix | undefined {
  const statement = enclosingStatement(node, true);
  if (!statement || scopeAt(statement) !== 'this') return undefined;
  // A NONE default inherited from elsewhere would clash with the authorizer's type at synth.
  if (open.kind === 'missing' && open.inheritedNone && !sameLiteral(ctx, site, open.inheritedNone)) return undefined;
  const pool = constructsInScope(ctx, statement, USER_POOLS)[0];
  if (!pool) return undefined;
  const existing = existingAuthorizer(ctx, statement, pool.text);
  const names = existing ? { variable: existing, id: '' } : freshNames(ctx.file, 'authorizer', 'Authorizer');
  const property = names.variable === 'authorizer' ? 'authorizer' : `authorizer: ${names.variable}`;
  const edit = replaceOrAdd(ctx, site, open, property, (entry) =>
    entry.file === ctx.file ? replaceNode(ctx.file, entry.node, property) : undefined,
  );
  // A new authorizer is declared before the statement: the edited options must be inside it.
  if (!edit || !editWithin(ctx, edit, statement)) return undefined;
  const edits: TextEdit[] = [];
  if (!existing) {
    const symbol = apigatewaySymbol(ctx, 'CognitoUserPoolsAuthorizer');
    const declaration = `const ${names.variable} = new ${symbol.text}(this, ${quote(names.id, quoteOf(ctx.file, undefined))}, { cognitoUserPools: [${pool.text}] });`;
    edits.push(...symbol.edits, declareAuthorizer(ctx, statement, pool.text, declaration));
  }
  return {
    title: existing
      ? `Use the Cognito user pool authorizer ${existing} (${pool.text})`
      : `Add a Cognito user pool authorizer (${pool.text})`,
    edits: [...edits, edit],
    isPreferred: false,
    note: 'Callers must now send an ID or access token from the user pool in the Authorization header.',
  };
}

/** An authorizer of `pool` that code at `statement` can name: `new CognitoUserPoolsAuthorizer(this, 'X', { cognitoUserPools: [pool] })`. */
function existingAuthorizer(ctx: RuleContext, statement: ts.Statement, pool: string): string | undefined {
  const inScope = new Set(constructsInScope(ctx, statement, ['aws-apigateway.CognitoUserPoolsAuthorizer']).map((c) => c.text));
  for (const expr of ctx.newExpressions('aws-apigateway.CognitoUserPoolsAuthorizer')) {
    const name = boundName(ctx, expr);
    const pools = lookup(ctx.constructProps(expr), 'cognitoUserPools');
    const list = pools.state === 'set' ? pools.value.node : undefined;
    if (!name || !inScope.has(name) || !list || !ts.isArrayLiteralExpression(list) || list.getSourceFile() !== ctx.sf) continue;
    if (list.elements.some((e) => ctx.file.nodeText(e) === pool)) return name;
  }
  return undefined;
}

/**
 * Where a new authorizer goes: right after the statement that declares the pool in a block
 * around `statement`, else at the top of the function (after `super(…)`), else just before
 * `statement`. Every fix for methods of one pool then inserts the same declaration at the same
 * place, which "fix all" makes once.
 */
function declareAuthorizer(ctx: RuleContext, statement: ts.Statement, pool: string, declaration: string): TextEdit {
  const declares = (s: ts.Statement) =>
    (ts.isVariableStatement(s) && s.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === pool)) ||
    (ts.isExpressionStatement(s) &&
      ts.isBinaryExpression(s.expression) &&
      s.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ctx.file.nodeText(s.expression.left) === pool);
  let body: ts.Block | undefined;
  for (let node: ts.Node = statement; node.parent; node = node.parent) {
    const parent: ts.Node = node.parent;
    if (ts.isBlock(parent)) {
      const found = parent.statements.find((s) => s.pos < statement.pos && declares(s));
      if (found) return insertStatementAfter(ctx.file, found, declaration);
      if (ts.isFunctionLike(parent.parent)) {
        body = parent;
        break;
      }
    }
    if (ts.isFunctionLike(parent) || ts.isClassLike(parent)) break;
  }
  const superCall = body?.statements.find(
    (s) => ts.isExpressionStatement(s) && ts.isCallExpression(s.expression) && s.expression.expression.kind === ts.SyntaxKind.SuperKeyword,
  );
  if (superCall) return insertStatementAfter(ctx.file, superCall, declaration);
  return insertStatementBefore(ctx.file, body?.statements[0] ?? statement, declaration);
}

/**
 * The edit that sets authorization at `site`: replace an explicit NONE (on the method, or in the
 * very defaults literal being edited), else add `property`.
 */
function replaceOrAdd(
  ctx: RuleContext,
  site: PropertySite,
  open: Open,
  property: string,
  replace: (entry: PropEntry) => TextEdit | undefined,
): TextEdit | undefined {
  if (open.kind === 'none') return replace(open.entry);
  if (open.inheritedNone && sameLiteral(ctx, site, open.inheritedNone)) return replace(open.inheritedNone);
  return addProperty(ctx, site, property);
}

function sameLiteral(ctx: RuleContext, site: PropertySite, entry: PropEntry): boolean {
  const literal = targetLiteral(ctx, site);
  return !!literal && entry.file === ctx.file && entry.node.parent === literal;
}

// ---------------------------------------------------------------------------------------------
// HTTP APIs (aws-apigatewayv2)

interface RouteCheck {
  /** The route's own `authorizer`. */
  authorizer: Lookup;
  /** The API value the route belongs to (`new HttpApi`, or typed). */
  api: Value;
}

/** Open when the route's authorizer (else the API's default) is missing or `HttpNoneAuthorizer`. */
function routeOpen(
  ctx: RuleContext,
  check: RouteCheck,
): { kind: 'missing' } | { kind: 'none'; value: Value; entry: PropEntry } | undefined {
  const own = check.authorizer;
  if (own.state === 'unknown') return undefined;
  if (own.state === 'set') return isHttpNoneAuthorizer(own.value) ? { kind: 'none', value: own.value, entry: own.entry } : undefined;
  if (!isHttpApi(check.api)) return undefined;
  const fallback = lookup(resolveArg(ctx.resolver, check.api.file, check.api.expr.arguments, 2), 'defaultAuthorizer');
  if (fallback.state === 'unknown') return undefined;
  if (fallback.state === 'set' && !isHttpNoneAuthorizer(fallback.value)) return undefined;
  return { kind: 'missing' };
}

function checkHttpRoutes(ctx: RuleContext): void {
  for (const call of ctx.calls('addRoutes')) {
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee)) continue;
    const api = ctx.resolve(callee.expression);
    if (!isHttpApiLike(api)) continue;
    const options = call.arguments[0] ? ctx.resolve(call.arguments[0]) : undefined;
    const methods = lookup(options, 'methods');
    let verbs: string[] | undefined = ['ANY'];
    if (methods.state === 'unknown') continue;
    if (methods.state === 'set') {
      const list = methods.value;
      if (list.kind !== 'array' || !list.complete) continue;
      verbs = list.elements.map(httpMethodName).filter((m): m is string => m !== undefined);
      if (verbs.length !== list.elements.length) continue;
    }
    if (verbs.every((v) => v === 'OPTIONS')) continue;
    const path = asString(valueIfSet(options, 'path'));
    const open = routeOpen(ctx, { authorizer: lookup(options, 'authorizer'), api });
    if (!open) continue;
    const route = `${verbs.join(', ')} ${path ?? ''}`.trim();
    reportRoute(ctx, open, callee.name, route, { node: call, index: 0 });
  }
  for (const expr of ctx.newExpressions('aws-apigatewayv2.HttpRoute')) {
    const props = ctx.constructProps(expr);
    const apiLookup = lookup(props, 'httpApi');
    const key = lookup(props, 'routeKey');
    if (apiLookup.state !== 'set' || key.state !== 'set') continue;
    const route = routeKeyText(ctx, key.value);
    if (!route || route.startsWith('OPTIONS ')) continue;
    const open = routeOpen(ctx, { authorizer: lookup(props, 'authorizer'), api: apiLookup.value });
    if (!open) continue;
    reportRoute(ctx, open, headLocation(ctx, expr), route, { node: expr, index: 2 });
  }
  for (const expr of ctx.newExpressions('aws-apigatewayv2.HttpApi')) {
    const api = ctx.resolve(expr);
    const props = ctx.constructProps(expr);
    if (lookup(props, 'defaultIntegration').state !== 'set') continue;
    const open = routeOpen(ctx, { authorizer: { state: 'absent' }, api });
    if (!open) continue;
    ctx.report({
      at: headLocation(ctx, expr),
      messageId: 'defaultRoute',
      fixes: httpFixes(ctx, { node: expr, index: 2 }, open, 'defaultAuthorizer'),
    });
  }
}

/** `HttpRouteKey.with('/orders', HttpMethod.POST)` → `POST /orders`; `HttpRouteKey.DEFAULT` → `$default`. */
function routeKeyText(ctx: RuleContext, key: Value): string | undefined {
  if (refIs(key, 'aws-apigatewayv2.HttpRouteKey.DEFAULT')) return '$default';
  if (key.kind !== 'call' || !key.fqn || !/^aws-cdk-lib\/aws-apigatewayv2\.HttpRouteKey\.with$/.test(key.fqn)) return undefined;
  const path = key.expr.arguments[0] ? asString(ctx.resolver.resolve(key.expr.arguments[0], key.file)) : undefined;
  const methodArg = key.expr.arguments[1];
  const method = methodArg ? httpMethodName(ctx.resolver.resolve(methodArg, key.file)) : 'ANY';
  if (path === undefined || method === undefined) return undefined;
  return `${method} ${path}`;
}

function reportRoute(
  ctx: RuleContext,
  open: { kind: 'missing' } | { kind: 'none'; value: Value; entry: PropEntry },
  head: ts.Node | Location,
  route: string,
  site: PropertySite,
): void {
  ctx.report({
    at: open.kind === 'none' ? open.value : head,
    messageId: open.kind === 'none' ? 'routeNone' : 'route',
    data: { route },
    fixes: httpFixes(ctx, site, open, 'authorizer'),
  });
}

/**
 * HTTP API routes get `new HttpUserPoolAuthorizer(...)` for a user pool in scope, else
 * `new HttpIamAuthorizer()`, from `aws-cdk-lib/aws-apigatewayv2-authorizers`. Offered only in
 * files on stable CDK v2 (the alpha packages have other names).
 */
function httpFixes(
  ctx: RuleContext,
  site: PropertySite,
  open: { kind: 'missing' } | { kind: 'none'; value: Value; entry: PropEntry },
  key: 'authorizer' | 'defaultAuthorizer',
): Fix[] {
  if (!usesStableApigatewayV2(ctx)) return [];
  const module = `${CDK_ROOT}/aws-apigatewayv2-authorizers`;
  const statement = enclosingStatement(site.node, true);
  const pool = statement ? constructsInScope(ctx, statement, USER_POOLS)[0] : undefined;
  let symbol;
  let code: string;
  let title: string;
  let note: string;
  if (pool) {
    symbol = importSymbol(ctx.file, module, 'HttpUserPoolAuthorizer');
    code = `new ${symbol.text}(${quote('UserPoolAuthorizer', quoteOf(ctx.file, undefined))}, ${pool.text})`;
    title = `Add a Cognito user pool authorizer (${pool.text})`;
    note = 'Callers must now send a JWT from the user pool in the Authorization header.';
  } else {
    symbol = importSymbol(ctx.file, module, 'HttpIamAuthorizer');
    code = `new ${symbol.text}()`;
    title = 'Require IAM authorization (HttpIamAuthorizer)';
    note = 'Callers must now sign requests with AWS credentials (SigV4) that allow execute-api:Invoke.';
  }
  const edit = open.kind === 'none' ? setPropertyValue(ctx, open.entry, code) : addProperty(ctx, site, `${key}: ${code}`);
  if (!edit) return [];
  return [{ title, edits: [...symbol.edits, edit], isPreferred: false, note }];
}

/** Every `aws-apigatewayv2` import of the file is from stable `aws-cdk-lib` (not an alpha or v1 package). */
function usesStableApigatewayV2(ctx: RuleContext): boolean {
  for (const binding of ctx.file.imports.values()) {
    const statement = binding.statement;
    const text =
      ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)
        ? statement.moduleSpecifier.text
        : ctx.file.nodeText(statement);
    if (/@aws-cdk\/|-alpha/.test(text)) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// WebSocket APIs: API Gateway takes an authorizer only on `$connect`; every other route runs on a
// connection `$connect` accepted, so only a `$connect` route without an authorizer is open.

const WEBSOCKET_APIS = ['aws-apigatewayv2.WebSocketApi', 'aws-apigatewayv2.IWebSocketApi'];

function checkWebSocketConnect(ctx: RuleContext): void {
  const connect = (options: Value, head: ts.Node | Location): void => {
    const authorizer = lookup(options, 'authorizer');
    if (authorizer.state === 'unknown') return;
    if (authorizer.state === 'set') {
      if (authorizer.value.kind === 'new' && fqnIs(authorizer.value.fqn, 'aws-apigatewayv2.WebSocketNoneAuthorizer'))
        ctx.report({ at: authorizer.value, messageId: 'connectNone' });
      return;
    }
    ctx.report({ at: head, messageId: 'connect' });
  };
  for (const expr of ctx.newExpressions('aws-apigatewayv2.WebSocketApi')) {
    const options = lookup(ctx.constructProps(expr), 'connectRouteOptions');
    if (options.state !== 'set') continue;
    const key = options.entry.file === ctx.file && ts.isPropertyAssignment(options.entry.node) ? options.entry.node.name : undefined;
    connect(options.value, key ?? headLocation(ctx, expr));
  }
  for (const call of ctx.calls('addRoute')) {
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee) || !call.arguments[0] || !call.arguments[1]) continue;
    const api = ctx.resolve(callee.expression);
    if (!((api.kind === 'new' || api.kind === 'typed') && fqnIs(api.fqn, ...WEBSOCKET_APIS))) continue;
    if (asString(ctx.resolve(call.arguments[0])) !== '$connect') continue;
    connect(ctx.resolve(call.arguments[1]), callee.name);
  }
  for (const expr of ctx.newExpressions('aws-apigatewayv2.WebSocketRoute')) {
    const props = ctx.constructProps(expr);
    if (asString(valueIfSet(props, 'routeKey')) !== '$connect' || !props) continue;
    connect(props, headLocation(ctx, expr));
  }
}

// ---------------------------------------------------------------------------------------------
// L1 and escape hatches

function checkL1(ctx: RuleContext): void {
  for (const expr of ctx.newExpressions('aws-apigateway.CfnMethod')) {
    checkCfnProps(ctx, expr, ctx.constructProps(expr), 'authorizationType', 'httpMethod', 'apiKeyRequired', 2, []);
  }
  for (const expr of ctx.newExpressions('aws-cdk-lib.CfnResource')) {
    const props = ctx.constructProps(expr);
    const type = lookup(props, 'type');
    if (type.state !== 'set' || asString(type.value) !== 'AWS::ApiGateway::Method') continue;
    const properties = lookup(props, 'properties');
    if (properties.state !== 'set') continue;
    checkCfnProps(ctx, expr, properties.value, 'AuthorizationType', 'HttpMethod', 'ApiKeyRequired', 2, ['properties']);
  }
  for (const expr of ctx.newExpressions('aws-apigatewayv2.CfnRoute')) checkCfnRoute(ctx, expr);
  // `(method.node.defaultChild as CfnMethod).addPropertyOverride('AuthorizationType', 'NONE')`
  for (const call of ctx.calls('addPropertyOverride', 'addOverride')) {
    const [pathArg, valueArg] = call.arguments;
    if (!pathArg || !valueArg || !ts.isPropertyAccessExpression(call.expression)) continue;
    const path = asString(ctx.resolve(pathArg));
    const expected = call.expression.name.text === 'addOverride' ? 'Properties.AuthorizationType' : 'AuthorizationType';
    if (path !== expected) continue;
    const value = ctx.resolve(valueArg);
    if (asString(value)?.toUpperCase() !== 'NONE') continue;
    ctx.report({ at: value, messageId: 'cfnMethod', fixes: l1Fix(ctx, value) });
  }
}

function checkCfnProps(
  ctx: RuleContext,
  expr: ts.NewExpression,
  props: Value | undefined,
  typeKey: string,
  methodKey: string,
  apiKeyKey: string,
  index: number,
  path: string[],
): void {
  const method = lookup(props, methodKey);
  if (method.state !== 'set') return;
  const verb = asString(method.value)?.toUpperCase();
  if (verb === undefined || verb === 'OPTIONS') return;
  const type = lookup(props, typeKey);
  if (type.state === 'unknown') return;
  const apiKey = lookup(props, apiKeyKey);
  const severity: Severity | undefined = apiKey.state === 'set' && asBoolean(apiKey.value) === true ? 'warning' : undefined;
  if (type.state === 'set') {
    if (asString(type.value)?.toUpperCase() !== 'NONE') return;
    ctx.report({
      at: type.value,
      messageId: severity ? 'apiKeyOnly' : 'cfnMethod',
      data: { method: `${verb} method` },
      severity,
      fixes: l1Fix(ctx, type.value, type.entry),
    });
    return;
  }
  // CloudFormation's default AuthorizationType is NONE.
  const q = quoteOf(ctx.file, undefined);
  const edit = addProperty(ctx, { node: expr, index, path }, `${typeKey}: ${quote('AWS_IAM', q)}`);
  ctx.report({
    at: headLocation(ctx, expr),
    messageId: severity ? 'apiKeyOnly' : 'cfnMethod',
    data: { method: `${verb} method` },
    severity,
    fixes: edit ? [l1FixOf(edit)] : [],
  });
}

/**
 * An apigatewayv2 `CfnRoute` whose `authorizationType` is `NONE` or missing (CloudFormation's
 * default is `NONE`): HTTP routes (`GET /orders`), an HTTP or WebSocket `$default` route of an
 * HTTP API, and WebSocket `$connect`. Other WebSocket route keys and `OPTIONS` are not judged.
 */
function checkCfnRoute(ctx: RuleContext, expr: ts.NewExpression): void {
  const props = ctx.constructProps(expr);
  const route = asString(valueIfSet(props, 'routeKey'));
  if (route === undefined || !judgedRouteKey(ctx, route, lookup(props, 'apiId'))) return;
  const type = lookup(props, 'authorizationType');
  if (type.state === 'unknown') return;
  if (type.state === 'set') {
    if (asString(type.value)?.toUpperCase() === 'NONE')
      ctx.report({ at: type.value, messageId: 'cfnRoute', data: { route }, fixes: l1Fix(ctx, type.value, type.entry) });
    return;
  }
  const edit = addProperty(ctx, { node: expr, index: 2, path: [] }, `authorizationType: ${quote('AWS_IAM', quoteOf(ctx.file, undefined))}`);
  ctx.report({ at: headLocation(ctx, expr), messageId: 'cfnRoute', data: { route }, fixes: edit ? [l1FixOf(edit)] : [] });
}

/** `$connect`, an HTTP route key other than OPTIONS, and `$default` of an API created as HTTP. */
function judgedRouteKey(ctx: RuleContext, route: string, apiId: Lookup): boolean {
  if (route === '$connect') return true;
  const verb = /^([A-Za-z]+) \//.exec(route)?.[1].toUpperCase();
  if (verb) return verb !== 'OPTIONS';
  if (route !== '$default' || apiId.state !== 'set') return false;
  // `$default` exists in both kinds: judged only when the API is known to be an HTTP API.
  const api = apiId.value.kind === 'attr' ? apiId.value.target : undefined;
  if (api?.kind !== 'new') return false;
  if (fqnIs(api.fqn, HTTP_API)) return true;
  if (!fqnIs(api.fqn, 'aws-apigatewayv2.CfnApi')) return false;
  return asString(valueIfSet(resolveArg(ctx.resolver, api.file, api.expr.arguments, 2), 'protocolType'))?.toUpperCase() === 'HTTP';
}

function l1Fix(ctx: RuleContext, value: Value, entry?: PropEntry): Fix[] {
  const q = quoteOf(ctx.file, value.node);
  let edit: TextEdit | undefined;
  if (entry) edit = setPropertyValue(ctx, entry, quote('AWS_IAM', q));
  else if (value.file === ctx.file && ts.isStringLiteralLike(value.node)) edit = replaceNode(ctx.file, value.node, quote('AWS_IAM', q));
  return edit ? [l1FixOf(edit)] : [];
}

function l1FixOf(edit: TextEdit): Fix {
  return {
    title: "Require IAM authorization ('AWS_IAM')",
    edits: [edit],
    isPreferred: false,
    note: 'Callers must now sign requests with AWS credentials (SigV4) that allow execute-api:Invoke.',
  };
}
