import * as ts from 'typescript';
import { createRule, RuleContext } from '../../rule';
import { inheritedDefault, methodIntegration, methodLabel, RestMethod, restMethods, sameApi } from '../../cdk/apigw';
import { lookup } from '../../model/lookup';
import { addProperty } from '../../cdk/apigwFix';
import { headLocation } from '../../cdk/propertyChecks';
import { asString } from '../../model/values';
import type { Fix } from '../../types';

/** Methods that carry a request body. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

const VALIDATOR_OPTIONS = 'requestValidatorOptions: { validateRequestBody: true, validateRequestParameters: true }';

export default createRule({
  meta: {
    id: 'apigw-no-request-validation',
    title: 'API method that accepts a body without validation',
    description:
      'A POST, PUT or PATCH method with no request validator and no request model passes any payload to the backend. Validating at the API rejects malformed input before it costs an invocation or reaches your code.',
    defaultSeverity: 'warning',
    category: 'apigw',
    cwe: ['CWE-20'],
    guideSection: 'api-security.md#request-validation',
    fixable: true,
    appliesTo: 'cdk',
    cdkNag: ['AwsSolutions-APIG2'],
    messages: {
      method:
        '{{method}} accepts a request body with no validation: API Gateway passes any payload to the backend. Add requestValidatorOptions, with a JSON schema model in requestModels, so malformed requests are rejected at the API.',
      cfnMethod:
        'This {{verb}} CfnMethod accepts a request body with no validation (no requestValidatorId, no requestModels). Add a request validator and a JSON schema model.',
    },
  },
  check(ctx) {
    for (const method of restMethods(ctx)) {
      if (!method.httpMethod || !BODY_METHODS.has(method.httpMethod)) continue;
      if (!lacksValidation(method)) continue;
      // A proxy integration on an API that declares validation is validated by design.
      const integration = methodIntegration(ctx, method);
      if (integration !== 'other' && (!method.resource || apiDeclaresValidation(ctx, method))) continue;
      ctx.report({ at: method.head, messageId: 'method', data: { method: methodLabel(method) }, fixes: validatorFix(ctx, method) });
    }
    for (const expr of ctx.newExpressions('aws-apigateway.CfnMethod')) {
      const props = ctx.constructProps(expr);
      const verb = lookup(props, 'httpMethod');
      const method = verb.state === 'set' ? asString(verb.value)?.toUpperCase() : undefined;
      if (!method || !BODY_METHODS.has(method)) continue;
      if (lookup(props, 'requestValidatorId').state !== 'absent' || lookup(props, 'requestModels').state !== 'absent') continue;
      ctx.report({ at: headLocation(ctx, expr), messageId: 'cfnMethod', data: { verb: method } });
    }
  },
});

/** No `requestValidator`, `requestValidatorOptions` or `requestModels` on the method (as far as we can tell). */
function lacksValidation(method: RestMethod): boolean {
  return ['requestValidator', 'requestValidatorOptions', 'requestModels'].every((key) => lookup(method.options, key).state === 'absent');
}

/**
 * Validation declared on the API: a validator in the resource's default method options, or one
 * made for this API in this file (`api.addRequestValidator(...)`, `new RequestValidator(this, id,
 * { restApi: api })`).
 */
function apiDeclaresValidation(ctx: RuleContext, method: RestMethod): boolean {
  const resource = method.resource!;
  if (['requestValidator', 'requestValidatorOptions'].some((key) => inheritedDefault(resource, key).state !== 'absent')) return true;
  for (const call of ctx.calls('addRequestValidator')) {
    if (ts.isPropertyAccessExpression(call.expression) && sameApi(ctx.resolve(call.expression.expression), resource.api)) return true;
  }
  for (const expr of ctx.newExpressions('aws-apigateway.RequestValidator')) {
    const api = lookup(ctx.constructProps(expr), 'restApi');
    if (api.state === 'set' && sameApi(api.value, resource.api)) return true;
  }
  return false;
}

function validatorFix(ctx: RuleContext, method: RestMethod): Fix[] {
  const site = method.optionsSite;
  const edit = addProperty(ctx, { node: site.node, index: site.index, path: site.key ? [site.key] : [] }, VALIDATOR_OPTIONS);
  if (!edit) return [];
  return [
    {
      title: 'Validate the request body and parameters (requestValidatorOptions)',
      edits: [edit],
      isPreferred: false,
      note: 'Body validation checks the body against the model in requestModels for its content type: add a JSON schema model for the body.',
    },
  ];
}
