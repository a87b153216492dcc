import * as ts from 'typescript';
import { asBoolean, asString, fqnIs, NewValue, Value } from '../../model/values';
import { cannotTell, code, info, judgeBoolean, judgeMember, memberOf, ok, risk, show } from '../judge';
import { valueIfSet } from '../../model/lookup';
import type { CallNote, ConstructNote, Judgement, NoteContext, PropNote } from '../types';

/** API Gateway REST APIs and their methods. */

export const REST_APIS = ['aws-apigateway.RestApi', 'aws-apigateway.LambdaRestApi', 'aws-apigateway.SpecRestApi'];

const AUTH_TEXT: Record<string, Judgement> = {
  NONE: risk('`NONE` — anyone who can reach the URL can call'),
  IAM: ok('IAM: callers sign requests (SigV4) and need `execute-api:Invoke`'),
  COGNITO: ok('Cognito: callers present a user pool token'),
  CUSTOM: ok('a Lambda authorizer decides'),
};

function judgeAuthorizationType(v: Value | undefined): Judgement | undefined {
  return v === undefined ? undefined : judgeMember(v, ['aws-apigateway.AuthorizationType'], AUTH_TEXT);
}

/** Options a method takes, and a REST API's `defaultMethodOptions` passes to every method. */
const METHOD_OPTIONS: Record<string, PropNote> = {
  authorizationType: {
    about:
      'How callers prove who they are: `IAM` (signed requests), `COGNITO` (user pool tokens), `CUSTOM` (a Lambda authorizer) or `NONE`.',
    guide: 'api-security.md#authorizers',
    rules: ['apigw-no-auth'],
    onlyWhenSet: true,
    judge: judgeAuthorizationType,
  },
  authorizer: {
    about: 'The Cognito or Lambda authorizer that checks each request before the integration runs.',
    guide: 'api-security.md#authorizers',
    rules: ['apigw-no-auth'],
    onlyWhenSet: true,
    judge: (v) => (v ? ok(`${show(v)} checks each request`) : undefined),
  },
  apiKeyRequired: {
    about:
      'Callers must send an API key (`x-api-key`). Keys identify callers for usage plans and quotas; they are easy to share and do not authenticate anyone.',
    guide: 'api-security.md#api-keys-and-usage-plans',
    onlyWhenSet: true,
    judge: (v) =>
      judgeBoolean(v, {
        true: info('an API key is required: pair it with an authorizer'),
        false: ok('no API key required'),
        unset: undefined,
      }),
  },
  requestValidator: {
    about:
      'Checks the request against its model and required parameters before the integration runs; invalid requests get a 400 and never reach your function.',
    guide: 'api-security.md#request-validation',
    rules: ['apigw-no-request-validation'],
    onlyWhenSet: true,
    judge: (v) => (v ? ok('requests are validated before the integration runs') : undefined),
  },
  requestValidatorOptions: {
    about: 'Creates a request validator for this method: body, parameters, or both.',
    guide: 'api-security.md#request-validation',
    rules: ['apigw-no-request-validation'],
    onlyWhenSet: true,
    judge: (v) => (v ? ok('requests are validated before the integration runs') : undefined),
  },
  requestModels: {
    about: 'JSON schema models for request bodies, by content type. A validator enforces them.',
    guide: 'api-security.md#request-validation',
    rules: ['apigw-no-request-validation'],
    onlyWhenSet: true,
    judge: (v) => (v ? ok(`request bodies must match ${show(v)}`) : undefined),
  },
};

/** The REST API a resource or method hangs off: `api.root.addResource('x')` → `api`. */
function restApiOf(expr: ts.Expression, ctx: NoteContext): NewValue | undefined {
  let v: Value = ctx.resolver.resolve(expr, ctx.file);
  for (let i = 0; i < 16; i++) {
    if (v.kind === 'new') return fqnIs(v.fqn, ...REST_APIS) ? v : undefined;
    if (v.kind === 'attr') v = v.target;
    else if (v.kind === 'call' && ts.isPropertyAccessExpression(v.expr.expression))
      v = ctx.resolver.resolve(v.expr.expression.expression, v.file);
    else return undefined;
  }
  return undefined;
}

function propsOf(api: NewValue, ctx: NoteContext): Value | undefined {
  const arg = api.expr.arguments?.[2];
  return arg ? ctx.resolver.resolve(arg, api.file) : undefined;
}

/** Who may call one method, from its options or the API's defaults. */
function methodAuthorization(call: ts.CallExpression, verb: string | undefined, ctx: NoteContext): Judgement {
  const subject = 'authorization';
  if (verb === 'OPTIONS') return { level: 'ok', subject, text: 'CORS preflight: no authorizer needed' };
  const own = judgeAuthorizationType(valueIfSet(ctx.props, 'authorizationType'));
  if (own) return { ...own, subject };
  const authorizer = valueIfSet(ctx.props, 'authorizer');
  if (authorizer) return { level: 'ok', subject, text: `${show(authorizer)} checks each request` };
  const api = ts.isPropertyAccessExpression(call.expression) ? restApiOf(call.expression.expression, ctx) : undefined;
  const defaults = api ? valueIfSet(propsOf(api, ctx), 'defaultMethodOptions') : undefined;
  if (defaults && (valueIfSet(defaults, 'authorizationType') || valueIfSet(defaults, 'authorizer'))) {
    const inherited = judgeAuthorizationType(valueIfSet(defaults, 'authorizationType'));
    if (inherited?.level === 'risk') return { ...inherited, subject };
    return { level: 'ok', subject, text: "inherited from the API's `defaultMethodOptions`" };
  }
  if (asBoolean(valueIfSet(ctx.props, 'apiKeyRequired'))) {
    return { level: 'risk', subject, text: 'only an API key: keys identify callers, they do not authenticate them' };
  }
  return api
    ? { level: 'risk', subject, text: 'no authorizer — anyone who can reach the URL can call this method' }
    : { level: 'risk', subject, text: "no authorizer here — unless the API's `defaultMethodOptions` sets one, the method is open" };
}

const BODY_VERBS = new Set(['POST', 'PUT', 'PATCH']);

function methodValidation(verb: string | undefined, ctx: NoteContext): Judgement[] {
  if (!verb || !BODY_VERBS.has(verb)) return [];
  const validated = ['requestValidator', 'requestValidatorOptions', 'requestModels'].some((k) => valueIfSet(ctx.props, k));
  return [
    validated
      ? { level: 'ok', subject: 'validation', text: 'requests are validated before the integration runs' }
      : { level: 'risk', subject: 'validation', text: 'request bodies reach the integration unchecked' },
  ];
}

export const ADD_METHOD: CallNote = {
  method: 'addMethod',
  label: 'API method',
  about:
    "Each method needs an authorizer (its own, or the API's default), and methods that take a body should have it validated before your code sees it.",
  guide: 'api-security.md#authorizers',
  rules: ['apigw-no-auth', 'apigw-no-request-validation'],
  optionsIndex: 2,
  props: METHOD_OPTIONS,
  extra(call, ctx) {
    const verbArg = call.arguments[0];
    const verb = verbArg ? asString(ctx.resolver.resolve(verbArg, ctx.file))?.toUpperCase() : undefined;
    return [methodAuthorization(call, verb, ctx), ...methodValidation(verb, ctx)];
  },
};

function judgeDeployOptions(v: Value | undefined, ctx: NoteContext): Judgement[] | undefined {
  if (asBoolean(valueIfSet(ctx.props, 'deploy')) === false) return undefined;
  if (v !== undefined && v.kind !== 'object') return [cannotTell(v)];
  const out: Judgement[] = [];
  const rate = valueIfSet(v, 'throttlingRateLimit');
  const burst = valueIfSet(v, 'throttlingBurstLimit');
  if (rate || burst) {
    const parts = [rate && `${show(rate)} requests/s`, burst && `burst ${show(burst)}`].filter(Boolean).join(', ');
    out.push({ level: 'ok', subject: 'throttling', text: parts });
  } else {
    out.push({
      level: 'risk',
      subject: 'throttling',
      text: 'not set — only the account-wide limit of the Region applies, shared by every API',
    });
  }
  const destination = valueIfSet(v, 'accessLogDestination');
  out.push(
    destination
      ? { level: 'ok', subject: 'access logging', text: `to ${show(destination)}` }
      : { level: 'risk', subject: 'access logging', text: 'not set — no record of who called which route' },
  );
  if (asBoolean(valueIfSet(v, 'dataTraceEnabled'))) {
    out.push({ level: 'risk', subject: 'dataTraceEnabled', text: 'full request and response bodies go to CloudWatch Logs' });
  }
  return out;
}

/** Web ACL associations in this file (the rule looks at the whole project). */
function waf(ctx: NoteContext): Judgement[] {
  const associated = ctx.file.index.newExpressions.some((n) =>
    fqnIs(ctx.resolver.fqn(n.expression, ctx.file), 'aws-wafv2.CfnWebACLAssociation'),
  );
  return [
    associated
      ? { level: 'ok', subject: 'WAF', text: 'a web ACL association is declared in this file' }
      : {
          level: 'info',
          subject: 'WAF',
          text: 'no `wafv2.CfnWebACLAssociation` in this file: without one elsewhere, no web ACL filters requests',
        },
  ];
}

export const REST_API: ConstructNote = {
  classes: REST_APIS,
  label: 'API Gateway REST API',
  about:
    'The public door to your functions. Every method needs an authorizer, the stage needs throttling so a flood stops at the door, and access logs tell you who came in.',
  guide: 'api-security.md#authorizers',
  rules: ['apigw-no-auth', 'apigw-no-throttling', 'apigw-no-access-logging', 'apigw-no-waf', 'apigw-no-request-validation'],
  propsIndex: 2,
  props: {
    defaultMethodOptions: {
      about: 'Options every method of the API inherits. An authorizer here also protects every route added later.',
      guide: 'api-security.md#authorizers',
      rules: ['apigw-no-auth'],
      props: METHOD_OPTIONS,
      judge: (v) => {
        if (v === undefined) return info('not set — each method must name its own authorizer, or it is open');
        const type = judgeAuthorizationType(valueIfSet(v, 'authorizationType'));
        if (type) return type.level === 'risk' ? type : ok(`every method defaults to ${type.text}`);
        return valueIfSet(v, 'authorizer') ? ok('every method defaults to the authorizer given') : info('no default authorizer');
      },
    },
    deployOptions: {
      about: 'Settings of the stage CDK deploys: throttling, access logs, execution logs and tracing.',
      guide: 'api-security.md#throttling',
      rules: ['apigw-no-throttling', 'apigw-no-access-logging'],
      judge: judgeDeployOptions,
      props: {
        throttlingRateLimit: {
          about: 'Steady-state requests per second the stage accepts before answering 429.',
          guide: 'api-security.md#throttling',
          rules: ['apigw-no-throttling'],
          judge: (v) => (v ? ok(`${show(v)} requests/s`) : undefined),
        },
        throttlingBurstLimit: {
          about: 'How many requests the stage accepts at once above the steady rate.',
          guide: 'api-security.md#throttling',
          rules: ['apigw-no-throttling'],
          judge: (v) => (v ? ok(`bursts of ${show(v)}`) : undefined),
        },
        accessLogDestination: {
          about: 'Where API Gateway writes one line per request: caller, route, status, latency.',
          guide: 'api-security.md#access-logging',
          rules: ['apigw-no-access-logging'],
          judge: (v) => (v ? ok(`to ${show(v)}`) : undefined),
        },
        dataTraceEnabled: {
          about: 'Logs full request and response bodies in execution logs — useful while debugging, a leak in production.',
          guide: 'function-security.md#logging-sensitive-data',
          judge: (v) =>
            judgeBoolean(v, {
              true: risk('bodies, tokens and personal data go to CloudWatch Logs'),
              false: ok('bodies are not logged'),
              unset: ok('not set — bodies are not logged'),
            }),
        },
      },
    },
    deploy: {
      about: 'Whether this construct deploys a stage. With `false`, stage settings (throttling, logging) live on a `Stage` you create.',
      onlyWhenSet: true,
      judge: (v) => (v && asBoolean(v) === false ? info('no stage deployed here: check the `Stage` you create') : undefined),
    },
    disableExecuteApiEndpoint: {
      about: 'Turns off the default `execute-api` URL, so callers must come through your custom domain (and whatever sits in front of it).',
      guide: 'data-protection.md#encryption-in-transit',
      onlyWhenSet: true,
      judge: (v) => (v && asBoolean(v) ? ok('only the custom domain answers') : undefined),
    },
    domainName: {
      about: 'A custom domain with an ACM certificate. Its security policy sets the oldest TLS version accepted.',
      guide: 'data-protection.md#encryption-in-transit',
      onlyWhenSet: true,
      judge: (v) => {
        if (!v) return undefined;
        const policy = memberOf(valueIfSet(v, 'securityPolicy'), 'aws-apigateway.SecurityPolicy');
        if (policy === 'TLS_1_0') return risk('`TLS_1_0` still accepts TLS 1.0 and 1.1 clients');
        return ok(policy ? code(policy) : 'custom domain (TLS 1.2 minimum by default)');
      },
    },
    policy: {
      about: 'A resource policy on the API: limit callers to accounts, VPC endpoints or source IP ranges.',
      guide: 'identity-and-access.md#resource-based-policies',
      onlyWhenSet: true,
      judge: (v) => (v ? ok('a resource policy limits who may call') : undefined),
    },
    proxy: {
      about: 'For `LambdaRestApi`: forward every path and method to the handler (the default).',
      onlyWhenSet: true,
      judge: (v) =>
        v && asBoolean(v) ? info('every path and method reaches the handler: one authorization setting guards them all') : undefined,
    },
  },
  extra: waf,
};

// ---------------------------------------------------------------------------------------------
// HTTP APIs (aws-apigatewayv2)

function isHttpNone(v: Value): boolean {
  return v.kind === 'new' && fqnIs(v.fqn, 'aws-apigatewayv2.HttpNoneAuthorizer');
}

export const HTTP_API: ConstructNote = {
  classes: ['aws-apigatewayv2.HttpApi'],
  label: 'API Gateway HTTP API',
  about:
    "Every route needs an authorizer, its own or the API's `defaultAuthorizer`. The default stage this construct creates has no throttling and no access logs, and `HttpApi` has no props to give it any: add your own `HttpStage` instead.",
  guide: 'api-security.md#authorizers',
  rules: ['apigw-no-auth', 'apigw-no-throttling', 'apigw-no-access-logging'],
  propsIndex: 2,
  props: {
    defaultAuthorizer: {
      about: 'The authorizer of every route that names none, including routes added later.',
      guide: 'api-security.md#authorizers',
      rules: ['apigw-no-auth'],
      judge: (v) => {
        if (v === undefined) return info('not set — each route must name its own authorizer, or it is open');
        return isHttpNone(v)
          ? risk('`HttpNoneAuthorizer` — every route without its own authorizer is open')
          : ok(`${show(v)} checks each request`);
      },
    },
    createDefaultStage: {
      about:
        'Whether the construct creates the `$default` stage (the default). That stage gets no throttle and no access log settings; with `false`, the `HttpStage` you add carries them.',
      guide: 'api-security.md#throttling',
      rules: ['apigw-no-throttling', 'apigw-no-access-logging'],
      judge: (v) =>
        judgeBoolean(v, {
          true: risk('the default stage has no throttling and no access logs'),
          false: ok('no default stage: set `throttle` and `accessLogSettings` on the `HttpStage` you add'),
          unset: risk('not set — the default stage has no throttling and no access logs'),
        }),
    },
    defaultIntegration: {
      about: 'The `$default` route: every request no other route matches goes here, under `defaultAuthorizer`.',
      rules: ['apigw-no-auth'],
      onlyWhenSet: true,
      judge: (v, ctx) =>
        v && valueIfSet(ctx.props, 'defaultAuthorizer') === undefined
          ? risk('every unmatched request reaches it with no authorizer')
          : undefined,
    },
  },
};

export const HTTP_ROUTE: ConstructNote = {
  classes: ['aws-apigatewayv2.HttpRoute'],
  label: 'API Gateway HTTP API route',
  about:
    "A route needs an authorizer: its own, or the API's `defaultAuthorizer` when it names none. `HttpNoneAuthorizer` opens it to anyone.",
  guide: 'api-security.md#authorizers',
  rules: ['apigw-no-auth'],
  propsIndex: 2,
  props: {
    authorizer: {
      about: "Checks each request before the integration runs; without one, the API's `defaultAuthorizer` applies.",
      guide: 'api-security.md#authorizers',
      rules: ['apigw-no-auth'],
      judge: (v) => {
        if (v === undefined) return info("not set — the API's `defaultAuthorizer` applies; without one the route is open");
        return isHttpNone(v) ? risk('`HttpNoneAuthorizer` — anyone who can reach the URL can call') : ok(`${show(v)} checks each request`);
      },
    },
  },
};
