import * as ts from 'typescript';
import type { FileContext } from '../model/fileContext';
import { lookup, Lookup, valueIfSet } from '../model/lookup';
import type { Resolver } from '../model/resolver';
import { propertyNameText, skipOuter } from '../model/scope';
import { someNode } from '../model/walk';
import { asBoolean, asString, fqnIs, refIs, Value } from '../model/values';
import type { ProjectFact, RuleContext } from '../rule';
import type { Fix, Location, Range } from '../types';
import { headLocation } from './propertyChecks';

/**
 * What the API Gateway rules know about REST APIs, their resources and methods, and HTTP APIs,
 * as far as source code says. Everything is followed through the resolver (props in variables,
 * spreads, imported constants); whatever cannot be worked out is `unknown`, and rules stay silent
 * on it.
 */

/** REST API constructs a user creates (each has a root resource and, unless `deploy: false`, a stage). */
export const REST_APIS = [
  'aws-apigateway.RestApi',
  'aws-apigateway.LambdaRestApi',
  'aws-apigateway.SpecRestApi',
  'aws-apigateway.StepFunctionsRestApi',
];

/** Types a REST API may be declared with when it arrives through props or parameters. */
const REST_API_TYPES = [...REST_APIS, 'aws-apigateway.IRestApi', 'aws-apigateway.RestApiBase'];

const REST_RESOURCE_TYPES = [
  'aws-apigateway.IResource',
  'aws-apigateway.Resource',
  'aws-apigateway.ResourceBase',
  'aws-apigateway.ProxyResource',
];

const APIGATEWAY = 'aws-cdk-lib/aws-apigateway.';

const ABSENT: Lookup = { state: 'absent' };

export function resolveArg(
  resolver: Resolver,
  file: FileContext,
  args: ts.NodeArray<ts.Expression> | undefined,
  index: number,
): Value | undefined {
  const arg = args?.[index];
  return arg ? resolver.resolve(arg, file) : undefined;
}

/** A value is something from `aws-apigateway` (an integration, an enum member, a typed resource). */
function isApigatewayValue(value: Value | undefined): boolean {
  if (!value) return false;
  const fqn = value.kind === 'new' || value.kind === 'typed' || value.kind === 'ref' || value.kind === 'call' ? value.fqn : undefined;
  return !!fqn && fqn.startsWith(APIGATEWAY);
}

// ---------------------------------------------------------------------------------------------
// REST APIs and their resources

export interface RestApi {
  /** The `new RestApi(...)` (or `RestApi.fromRestApiId(...)`) value. */
  value: Value;
  fqn: string;
  /** The construct's props, when it is created in the project (`undefined`: none given or imported). */
  props: Value | undefined;
  imported: boolean;
}

export function restApiOf(resolver: Resolver, value: Value | undefined): RestApi | undefined {
  if (!value) return undefined;
  if (value.kind === 'new' && fqnIs(value.fqn, ...REST_APIS)) {
    // Props are resolved in the file that creates the construct.
    return { value, fqn: value.fqn!, props: resolveArg(resolver, value.file, value.expr.arguments, 2), imported: false };
  }
  if (value.kind === 'call' && value.fqn && /^aws-cdk-lib\/aws-apigateway\.\w+\.fromRestApi(Id|Attributes)$/.test(value.fqn)) {
    return { value, fqn: value.fqn, props: undefined, imported: true };
  }
  return undefined;
}

/** Does a value stand for this very API (the same `new`, or the same import call)? */
export function sameApi(value: Value, api: RestApi): boolean {
  return (value.kind === 'new' || value.kind === 'call') && value.node === api.value.node;
}

/** How the methods of a resource are integrated when they name no integration. */
export type IntegrationKind = 'proxy' | 'other' | 'unknown' | 'none';

export interface ResourceLevel {
  /** This level's own `defaultMethodOptions` (the root's are the API's). */
  defaults: Lookup;
  /** This level's own `defaultIntegration`, classified. */
  integration: IntegrationKind;
  /** Path part (`orders`, `{proxy+}`), when known; `''` for the root. */
  pathPart: string | undefined;
}

/** A REST resource: the API it belongs to and every level from the root down to it. */
export interface RestResource {
  api: RestApi;
  levels: ResourceLevel[];
}

const MAX_DEPTH = 32;

/**
 * The REST resource an expression's value is: `api.root`, `x.addResource('p', options)`,
 * `x.addProxy(options)`, `new Resource(this, id, { parent, pathPart })`, `new ProxyResource(...)`,
 * through variables and fields. `resourceForPath` / `getResource` may return a resource made
 * elsewhere with its own defaults: unknown.
 */
export function restResourceOf(resolver: Resolver, value: Value | undefined, depth = 0): RestResource | undefined {
  if (!value || depth > MAX_DEPTH) return undefined;
  if (value.kind === 'attr' && value.name === 'root') {
    const api = restApiOf(resolver, value.target);
    if (!api) return undefined;
    return { api, levels: [rootLevel(resolver, api)] };
  }
  if (value.kind === 'call' && (value.name === 'addResource' || value.name === 'addProxy')) {
    const callee = skipOuter(value.expr.expression);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const parent = restResourceOf(resolver, resolver.resolve(callee.expression, value.file), depth + 1);
    if (!parent) return undefined;
    const args = value.expr.arguments;
    const isProxy = value.name === 'addProxy';
    const options = resolveArg(resolver, value.file, args, isProxy ? 0 : 1);
    const pathPart = isProxy ? '{proxy+}' : asString(resolveArg(resolver, value.file, args, 0));
    return { api: parent.api, levels: [...parent.levels, childLevel(resolver, options, pathPart)] };
  }
  if (value.kind === 'new' && fqnIs(value.fqn, 'aws-apigateway.Resource', 'aws-apigateway.ProxyResource')) {
    const props = resolveArg(resolver, value.file, value.expr.arguments, 2);
    const parentLookup = lookup(props, 'parent');
    if (parentLookup.state !== 'set') return undefined;
    const parent = restResourceOf(resolver, parentLookup.value, depth + 1);
    if (!parent) return undefined;
    const isProxy = fqnIs(value.fqn, 'aws-apigateway.ProxyResource');
    const pathPart = isProxy ? '{proxy+}' : asString(valueIfSet(props, 'pathPart'));
    return { api: parent.api, levels: [...parent.levels, childLevel(resolver, props, pathPart)] };
  }
  return undefined;
}

/** A REST API created in this file, and whether CDK deploys it (a stage: `deploy` is not `false`). */
export interface DeclaredRestApi {
  expr: ts.NewExpression;
  api: RestApi;
  deployed: 'yes' | 'no' | 'unknown';
}

export function restApisIn(ctx: RuleContext): DeclaredRestApi[] {
  const out: DeclaredRestApi[] = [];
  for (const expr of ctx.newExpressions(...REST_APIS)) {
    const api = restApiOf(ctx.resolver, ctx.resolve(expr));
    if (!api) continue;
    const deploy = lookup(api.props, 'deploy');
    const flag = deploy.state === 'set' ? asBoolean(deploy.value) : undefined;
    const deployed = deploy.state === 'absent' || flag === true ? 'yes' : flag === false ? 'no' : 'unknown';
    out.push({ expr, api, deployed });
  }
  return out;
}

/** The root resource of an API (`api.root`). */
export function rootResource(resolver: Resolver, api: RestApi): RestResource {
  return { api, levels: [rootLevel(resolver, api)] };
}

function rootLevel(resolver: Resolver, api: RestApi): ResourceLevel {
  if (api.imported) return { defaults: ABSENT, integration: 'none', pathPart: '' };
  // A SpecRestApi takes no resource options: its methods come from the OpenAPI document.
  if (fqnIs(api.fqn, 'aws-apigateway.SpecRestApi')) return { defaults: ABSENT, integration: 'none', pathPart: '' };
  const declared = lookup(api.props, 'defaultMethodOptions');
  // JavaScript apps may assign them afterwards; what they hold is not judged here (may be set).
  const defaults: Lookup = declared.state === 'absent' && assignsDefaults(resolver, api) ? { state: 'unknown' } : declared;
  let integration: IntegrationKind;
  if (fqnIs(api.fqn, 'aws-apigateway.LambdaRestApi')) {
    // `defaultIntegration: new LambdaIntegration(handler, integrationOptions)`
    const proxy = lookup(api.props, 'integrationOptions', 'proxy');
    integration = proxy.state === 'absent' ? 'proxy' : proxy.state === 'set' ? booleanKind(proxy.value) : 'unknown';
  } else {
    integration = integrationLookupKind(resolver, lookup(api.props, 'defaultIntegration'));
  }
  return { defaults, integration, pathPart: '' };
}

/**
 * `api.root.defaultMethodOptions = {…}` or `api.defaultMethodOptions = {…}` in the API's file
 * (readonly in TypeScript, but JavaScript apps write it): methods added later inherit it.
 */
function assignsDefaults(resolver: Resolver, api: RestApi): boolean {
  const file = api.value.file;
  const targets = file.fact('apigw.defaultMethodOptionsAssignments', () => {
    const out: ts.Expression[] = [];
    someNode(file.sf, (node) => {
      if (
        ts.isBinaryExpression(node) &&
        node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(node.left) &&
        node.left.name.text === 'defaultMethodOptions'
      ) {
        const target = skipOuter(node.left.expression);
        out.push(ts.isPropertyAccessExpression(target) && target.name.text === 'root' ? target.expression : target);
      }
    });
    return out;
  });
  return targets.some((t) => sameApi(resolver.resolve(t, file), api));
}

function childLevel(resolver: Resolver, options: Value | undefined, pathPart: string | undefined): ResourceLevel {
  return {
    defaults: lookup(options, 'defaultMethodOptions'),
    integration: integrationLookupKind(resolver, lookup(options, 'defaultIntegration')),
    pathPart,
  };
}

function booleanKind(value: Value): IntegrationKind {
  const b = asBoolean(value);
  return b === undefined ? 'unknown' : b ? 'proxy' : 'other';
}

function integrationLookupKind(resolver: Resolver, l: Lookup): IntegrationKind {
  if (l.state === 'absent') return 'none';
  if (l.state === 'unknown') return 'unknown';
  return integrationKind(resolver, l.value);
}

/** Whether an integration passes the whole request to the backend (Lambda or HTTP proxy). */
export function integrationKind(resolver: Resolver, value: Value): IntegrationKind {
  if (value.kind !== 'new') return 'unknown';
  const options = (i: number) => resolveArg(resolver, value.file, value.expr.arguments, i);
  const proxyFlag = (object: Value | undefined, byDefault: boolean): IntegrationKind => {
    const l = lookup(object, 'proxy');
    if (l.state === 'absent') return byDefault ? 'proxy' : 'other';
    return l.state === 'set' ? booleanKind(l.value) : 'unknown';
  };
  if (fqnIs(value.fqn, 'aws-apigateway.LambdaIntegration', 'aws-apigateway.HttpIntegration')) return proxyFlag(options(1), true);
  if (fqnIs(value.fqn, 'aws-apigateway.AwsIntegration')) return proxyFlag(options(0), false);
  if (fqnIs(value.fqn, 'aws-apigateway.MockIntegration')) return 'other';
  if (fqnIs(value.fqn, 'aws-apigateway.Integration')) {
    const type = lookup(options(0), 'type');
    if (type.state !== 'set') return 'unknown';
    if (refIs(type.value, 'aws-apigateway.IntegrationType.AWS_PROXY', 'aws-apigateway.IntegrationType.HTTP_PROXY')) return 'proxy';
    const text = asString(type.value);
    if (text !== undefined) return text === 'AWS_PROXY' || text === 'HTTP_PROXY' ? 'proxy' : 'other';
    return type.value.kind === 'ref' ? 'other' : 'unknown';
  }
  return 'unknown';
}

/** A property of the method defaults a resource inherits (`{ ...parent, ...own }` down the levels). */
export function inheritedDefault(resource: RestResource, name: string): Lookup {
  for (let i = resource.levels.length - 1; i >= 0; i--) {
    const level = resource.levels[i].defaults;
    if (level.state === 'unknown') return level;
    if (level.state === 'absent') continue;
    const l = lookup(level.value, name);
    if (l.state !== 'absent') return l;
  }
  return ABSENT;
}

/** The integration a method gets when it names none (`props.defaultIntegration || parent's`). */
export function inheritedIntegration(resource: RestResource): IntegrationKind {
  for (let i = resource.levels.length - 1; i >= 0; i--) {
    const kind = resource.levels[i].integration;
    if (kind !== 'none') return kind;
  }
  return 'none';
}

/** `/orders/{id}`, or undefined when a path part is not a known string. */
export function resourcePath(resource: RestResource): string | undefined {
  const parts = resource.levels.slice(1).map((l) => l.pathPart);
  if (parts.some((p) => p === undefined)) return undefined;
  return `/${parts.join('/')}`;
}

// ---------------------------------------------------------------------------------------------
// REST methods

export interface RestMethod {
  /** The `addMethod(...)` call or the `new Method(...)` expression. */
  node: ts.CallExpression | ts.NewExpression;
  /** Where a finding about something missing goes: the `addMethod` name, or the `new Method` head. */
  head: ts.Node | Location;
  /** Upper case; undefined when not a known string. */
  httpMethod: string | undefined;
  /** The method options (`undefined`: none given). */
  options: Value | undefined;
  /** Where the method options are written, for fixes. */
  optionsSite: OptionsSite;
  integration: Value | undefined;
  /** The resource it is added to, when known. */
  resource: RestResource | undefined;
}

/**
 * Where an options object lives: argument `index` of a call or `new` (added when missing), or
 * property `key` of the props at argument `index` (`new Method(this, id, { options })`).
 */
export interface OptionsSite {
  node: ts.CallExpression | ts.NewExpression;
  index: number;
  key?: string;
}

/** `resource.addMethod(...)` and `new apigateway.Method(...)` on REST APIs in this file. */
export function restMethods(ctx: RuleContext): RestMethod[] {
  const out: RestMethod[] = [];
  const resolver = ctx.resolver;
  for (const call of ctx.calls('addMethod')) {
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) continue;
    const receiver = ctx.resolve(callee.expression);
    const resource = restResourceOf(resolver, receiver);
    const options = call.arguments[2] ? ctx.resolve(call.arguments[2]) : undefined;
    const integration = call.arguments[1] ? ctx.resolve(call.arguments[1]) : undefined;
    // Only API Gateway's `addMethod`: the resource is known, typed as one, or the call says so.
    const known =
      !!resource ||
      (receiver.kind === 'typed' && fqnIs(receiver.fqn, ...REST_RESOURCE_TYPES)) ||
      isApigatewayValue(integration) ||
      (options?.kind === 'object' && [...options.props.values()].some((e) => isApigatewayValue(e.value)));
    if (!known) continue;
    const method = call.arguments[0] ? asString(ctx.resolve(call.arguments[0])) : undefined;
    out.push({
      node: call,
      head: callee.name,
      httpMethod: method?.toUpperCase(),
      options,
      optionsSite: { node: call, index: 2 },
      integration,
      resource,
    });
  }
  for (const expr of ctx.newExpressions('aws-apigateway.Method')) {
    const props = ctx.constructProps(expr);
    const resourceLookup = lookup(props, 'resource');
    const options = lookup(props, 'options');
    const integration = lookup(props, 'integration');
    const method = lookup(props, 'httpMethod');
    if (options.state === 'unknown') continue;
    out.push({
      node: expr,
      head: headLocation(ctx, expr),
      httpMethod: method.state === 'set' ? asString(method.value)?.toUpperCase() : undefined,
      options: options.state === 'set' ? options.value : undefined,
      optionsSite: { node: expr, index: 2, key: 'options' },
      integration: integration.state === 'set' ? integration.value : undefined,
      resource: resourceLookup.state === 'set' ? restResourceOf(resolver, resourceLookup.value) : undefined,
    });
  }
  return out.sort((a, b) => a.node.pos - b.node.pos);
}

/** The integration a method uses: its own, else the one its resource inherits (a mock when none). */
export function methodIntegration(ctx: RuleContext, method: RestMethod): IntegrationKind {
  if (method.integration) return integrationKind(ctx.resolver, method.integration);
  if (!method.resource) return 'unknown';
  const inherited = inheritedIntegration(method.resource);
  return inherited === 'none' ? 'other' : inherited;
}

/** `GET /orders` for messages, or `GET` when the path is not known. */
export function methodLabel(method: RestMethod): string {
  const path = method.resource ? resourcePath(method.resource) : undefined;
  if (method.httpMethod === undefined) return path !== undefined ? `The method on ${path}` : 'This method';
  return path !== undefined ? `${method.httpMethod} ${path}` : `This ${method.httpMethod} method`;
}

// ---------------------------------------------------------------------------------------------
// REST API identity across files, for project-wide rules (WAF associations, usage plans)

/** What an API is known as: where it is created (`key`), and the names it is bound to. */
export interface ApiIdentity {
  /** `<file>:<offset of new>`: the same in every file that resolves to this construct. */
  key: string;
  /** The variable, field or property it is assigned to: `api`, `ordersApi`. */
  names: string[];
}

/** A reference to an API from elsewhere: exact when it resolves to the `new`, else by name. */
export type ApiRef = { key: string } | { name: string };

/**
 * What a reference (a WAF association's `resourceArn`, a usage plan's `apiStages`) points at:
 * some APIs, something that is certainly not a project REST API, or something we cannot tell.
 */
export type ApiTargets = { kind: 'apis'; refs: ApiRef[] } | { kind: 'other' } | { kind: 'unresolved' };

export function apiIdentity(value: Extract<Value, { kind: 'new' }>): ApiIdentity {
  return { key: keyOf(value), names: bindingNames(value.expr) };
}

/** Where a construct is created, `<file>:<offset of new>`: the same in every file that resolves to it. */
export function keyOf(value: Value): string {
  return `${value.file.path}:${value.node.getStart(value.file.sf)}`;
}

function bindingNames(expr: ts.Expression): string[] {
  let node: ts.Node = expr;
  while (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent) || ts.isNonNullExpression(node.parent))
    node = node.parent;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return [parent.name.text];
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === node) {
    const left = skipOuter(parent.left);
    if (ts.isIdentifier(left)) return [left.text];
    if (ts.isPropertyAccessExpression(left)) return [left.name.text];
  }
  if ((ts.isPropertyDeclaration(parent) || ts.isPropertyAssignment(parent)) && parent.initializer === node) {
    const name = propertyNameText(parent.name);
    return name ? [name] : [];
  }
  return [];
}

/** A value that stands for a REST API, as a reference; `undefined` when it is certainly something else. */
export function apiRef(value: Value): ApiRef | 'other' | undefined {
  if (value.kind === 'new') return fqnIs(value.fqn, ...REST_APIS) ? { key: keyOf(value) } : 'other';
  if (value.kind === 'call' && value.fqn) return 'other';
  if (value.kind === 'typed') return fqnIs(value.fqn, ...REST_API_TYPES) ? nameRef(value) : 'other';
  if (value.kind === 'attr') return { name: value.name };
  if (value.kind === 'unknown') return nameRef(value);
  return undefined;
}

/** A reference by the name it is read through (`props.api`, a parameter `api`). */
export function nameRef(value: Value): ApiRef | undefined {
  const node = value.node;
  if (ts.isIdentifier(node)) return { name: node.text };
  if (ts.isPropertyAccessExpression(node)) return { name: node.name.text };
  return undefined;
}

/** ARNs of other services that can carry a web ACL: certainly not a REST API stage. */
const OTHER_SERVICE_ARN = /:(elasticloadbalancing|appsync|cognito-idp|apprunner|ec2):/;

/**
 * The REST APIs a value refers to: `api.deploymentStage.stageArn`, `api.restApiId` in a template
 * or `Fn.join`/`formatArn` call, a `Stage` made from a `Deployment` of the API, an API
 * reference itself (`apiStages: [{ api }]`), through variables, props and other files.
 */
export function apiTargets(resolver: Resolver, value: Value | undefined): ApiTargets {
  if (!value) return { kind: 'unresolved' };
  const refs: ApiRef[] = [];
  let other = false;
  const visit = (v: Value, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    switch (v.kind) {
      case 'attr':
        if (v.name === 'deploymentStage' || v.name === 'restApiId') {
          const ref = apiRef(v.target);
          if (ref === 'other') other = true;
          else if (ref) refs.push(ref);
          return;
        }
        visit(v.target, depth + 1);
        return;
      case 'new':
        if (fqnIs(v.fqn, ...REST_APIS)) {
          refs.push({ key: keyOf(v) });
        } else if (fqnIs(v.fqn, 'aws-apigateway.Stage')) {
          const deployment = lookup(resolveArg(resolver, v.file, v.expr.arguments, 2), 'deployment');
          if (deployment.state === 'set') visit(deployment.value, depth + 1);
        } else if (fqnIs(v.fqn, 'aws-apigateway.Deployment')) {
          const api = lookup(resolveArg(resolver, v.file, v.expr.arguments, 2), 'api');
          if (api.state === 'set') visit(api.value, depth + 1);
        } else {
          other = true;
        }
        return;
      case 'string':
        if (OTHER_SERVICE_ARN.test(v.value)) other = true;
        return;
      case 'template':
        for (const part of v.parts) {
          if (typeof part === 'string') {
            if (OTHER_SERVICE_ARN.test(part)) other = true;
          } else {
            visit(part, depth + 1);
          }
        }
        return;
      case 'call':
        // An imported API (`RestApi.fromRestApiId`) is not one the project creates.
        if (restApiOf(resolver, v)) {
          other = true;
          return;
        }
        for (const arg of v.expr.arguments) visit(resolver.resolve(arg, v.file), depth + 1);
        return;
      case 'array':
        for (const e of v.elements) visit(e, depth + 1);
        return;
      case 'object':
        for (const e of v.props.values()) visit(e.value, depth + 1);
        return;
      case 'typed':
        if (fqnIs(v.fqn, ...REST_API_TYPES)) {
          const ref = nameRef(v);
          if (ref) refs.push(ref);
        } else if (fqnIs(v.fqn, 'aws-apigateway.Stage', 'aws-apigateway.IStage')) {
          // A stage handed over as such: which API it belongs to is not said here.
        } else {
          other = true;
        }
        return;
      default:
        return;
    }
  };
  visit(value, 0);
  return targetsOf(refs, other);
}

/** What references found: some constructs, else something certainly other, else nothing we can tell. */
export function targetsOf(refs: ApiRef[], other: boolean): ApiTargets {
  if (refs.length) return { kind: 'apis', refs };
  return other ? { kind: 'other' } : { kind: 'unresolved' };
}

/**
 * Whether references cover an API. Exact references match where the API is created; name
 * references (`props.api`, a parameter `api: apigateway.RestApi`) match an API bound to that name
 * (case-insensitive) or, when the project has a single REST API, that one; unresolved references
 * cover the project's REST API only when it has exactly one.
 */
export function covers(targets: ApiTargets, api: ApiIdentity, apiCount: number): boolean {
  if (targets.kind === 'other') return false;
  if (targets.kind === 'unresolved') return apiCount === 1;
  return targets.refs.some((ref) => {
    if ('key' in ref) return ref.key === api.key;
    return apiCount === 1 || api.names.some((n) => n.toLowerCase() === ref.name.toLowerCase());
  });
}

/**
 * Facts of the project rules that match REST APIs with what refers to them elsewhere (WAF
 * associations, throttling usage plans): each API where it is created, and each reference.
 */
export interface ApiFact extends ApiIdentity {
  kind: 'api';
  range: Range;
  /** Needs a reference to cover it (else it only counts towards the project's APIs). */
  exposed: boolean;
  /** The fix for the finding, worked out in the API's own file. */
  fixes: Fix[];
}

export interface CoverFact {
  kind: 'cover';
  targets: ApiTargets;
}

export function apiFact(ctx: RuleContext, declared: DeclaredRestApi, exposed: boolean, fixes: () => Fix[] = () => []): ApiFact | undefined {
  if (declared.api.value.kind !== 'new') return undefined;
  return {
    kind: 'api',
    ...apiIdentity(declared.api.value),
    range: ctx.file.headRange(declared.expr),
    exposed,
    fixes: exposed ? fixes() : [],
  };
}

/** The exposed APIs no reference covers, each with its file. */
/** The API rules report at APIs, never at the associations or usage plans that cover them. */
export function isApiFact(fact: unknown): boolean {
  return (fact as ApiFact | CoverFact).kind === 'api';
}

export function uncoveredApis(facts: ProjectFact[]): Array<ProjectFact<ApiFact>> {
  const all = facts as Array<ProjectFact<ApiFact | CoverFact>>;
  const apis = all.filter((f): f is ProjectFact<ApiFact> => f.data.kind === 'api');
  const references = all.flatMap((f) => (f.data.kind === 'cover' ? [f.data.targets] : []));
  return apis.filter(({ data }) => data.exposed && !references.some((targets) => covers(targets, data, apis.length)));
}

// ---------------------------------------------------------------------------------------------
// HTTP APIs (aws-apigatewayv2, and the v2 alpha packages that became it)

export const HTTP_API = 'aws-apigatewayv2.HttpApi';
const HTTP_API_TYPES = [HTTP_API, 'aws-apigatewayv2.IHttpApi'];

export function isHttpApi(value: Value | undefined): value is Extract<Value, { kind: 'new' }> {
  return !!value && value.kind === 'new' && fqnIs(value.fqn, HTTP_API);
}

export function isHttpApiLike(value: Value | undefined): boolean {
  return !!value && (isHttpApi(value) || (value.kind === 'typed' && fqnIs(value.fqn, ...HTTP_API_TYPES)));
}

/** `new HttpNoneAuthorizer()`: an explicit "no authorization". */
export function isHttpNoneAuthorizer(value: Value): boolean {
  return value.kind === 'new' && fqnIs(value.fqn, 'aws-apigatewayv2.HttpNoneAuthorizer');
}

/** The HTTP method of `apigwv2.HttpMethod.X` or `'X'`, upper case. */
export function httpMethodName(value: Value): string | undefined {
  if (value.kind === 'ref') {
    const m = /^aws-cdk-lib\/aws-apigatewayv2\.HttpMethod\.(\w+)$/.exec(value.fqn);
    return m?.[1];
  }
  return asString(value)?.toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// HTTP and WebSocket API stages (aws-apigatewayv2)

/** A stage of an HTTP or WebSocket API that the project creates with an L2 construct. */
export interface V2Stage {
  kind: 'http' | 'websocket';
  /** `new HttpStage(...)`, `new WebSocketStage(...)` or `httpApi.addStage(...)`. */
  node: ts.NewExpression | ts.CallExpression;
  /** Where a finding about a missing setting goes: the `new X` head, or the `addStage` name. */
  head: ts.Node | Location;
  /** The stage options (`undefined`: none given). */
  options: Value | undefined;
}

/** `new HttpStage(...)`, `new WebSocketStage(...)` and `addStage(id, options)` on an HTTP API, in file order. */
export function v2Stages(ctx: RuleContext): V2Stage[] {
  const out: V2Stage[] = [];
  for (const expr of ctx.newExpressions('aws-apigatewayv2.HttpStage', 'aws-apigatewayv2.WebSocketStage')) {
    const kind = fqnIs(ctx.fqn(expr.expression), 'aws-apigatewayv2.HttpStage') ? 'http' : 'websocket';
    out.push({ kind, node: expr, head: headLocation(ctx, expr), options: ctx.constructProps(expr) });
  }
  for (const call of ctx.calls('addStage')) {
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || !isHttpApiLike(ctx.resolve(callee.expression))) continue;
    out.push({ kind: 'http', node: call, head: callee.name, options: call.arguments[1] ? ctx.resolve(call.arguments[1]) : undefined });
  }
  return out.sort((a, b) => a.node.pos - b.node.pos);
}

/**
 * Every `new HttpApi(...)` of the file that creates its default stage (`createDefaultStage`
 * defaults to true). The L2 gives that stage no throttling and no access log settings; an API
 * whose default stage the code reaches for (`api.defaultStage.node.defaultChild`, a variable
 * holding `api.defaultStage`, `api.node.findChild('DefaultStage')`) may set them by escape
 * hatch and is left out.
 */
export function httpApisWithDefaultStage(ctx: RuleContext): ts.NewExpression[] {
  return ctx.newExpressions(HTTP_API).filter((expr) => {
    const create = lookup(ctx.constructProps(expr), 'createDefaultStage');
    if (create.state === 'unknown' || (create.state === 'set' && asBoolean(create.value) !== true)) return false;
    const api = ctx.resolve(expr);
    return !defaultStageReached(ctx).some((target) => {
      const value = ctx.resolve(target);
      return value.kind === 'new' && value.node === api.node;
    });
  });
}

/** Attributes of a stage that only read it: `api.defaultStage.url` configures nothing. */
const STAGE_READS = new Set(['url', 'domainUrl', 'stageName', 'stageArn', 'api']);

/** The receivers of `X.defaultStage` uses that may configure the stage, and of `X.node.findChild('DefaultStage')`. */
function defaultStageReached(ctx: RuleContext): ts.Expression[] {
  return ctx.file.fact('apigw.defaultStageReached', () => {
    const out: ts.Expression[] = [];
    someNode(ctx.file.sf, (node) => {
      if (ts.isPropertyAccessExpression(node) && node.name.text === 'defaultStage') {
        let use: ts.Node = node;
        while (ts.isNonNullExpression(use.parent) || ts.isParenthesizedExpression(use.parent)) use = use.parent;
        const parent = use.parent;
        const read = ts.isPropertyAccessExpression(parent) && STAGE_READS.has(parent.name.text);
        if (!read) out.push(skipOuter(node.expression));
      }
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        ['findChild', 'tryFindChild'].includes(node.expression.name.text) &&
        node.arguments[0] &&
        ts.isStringLiteralLike(node.arguments[0]) &&
        node.arguments[0].text === 'DefaultStage'
      ) {
        const receiver = skipOuter(node.expression.expression);
        if (ts.isPropertyAccessExpression(receiver) && receiver.name.text === 'node') out.push(skipOuter(receiver.expression));
      }
    });
    return out;
  });
}
