import * as ts from 'typescript';
import { createRule } from '../../rule';
import { INVOKE_GRANTS, isAnyone } from '../../cdk/knowledge';
import { asString, propValue, refIs, Value } from '../../model/values';

export default createRule({
  meta: {
    id: 'lambda-public-invoke',
    title: 'Lambda function invocable by anyone',
    description:
      'A resource policy or function URL lets any AWS account, or anyone on the internet, invoke the function. It can be run at your cost and fed any input.',
    defaultSeverity: 'error',
    category: 'iam',
    cwe: ['CWE-284', 'CWE-306'],
    guideSection: 'identity-and-access.md#resource-based-policies',
    fixable: false,
    appliesTo: 'cdk',
    cdkNag: ['Serverless-LambdaStarPermissions'],
    messages: {
      principal:
        'This lets any principal invoke the function. Grant invoke to the specific service (with a sourceArn) or account that calls it.',
      url: 'A function URL with authType NONE is callable by anyone on the internet. Use FunctionUrlAuthType.AWS_IAM, or put an authorizer in front of the function.',
    },
  },
  check(ctx) {
    for (const call of ctx.calls(...INVOKE_GRANTS)) {
      if (!ts.isPropertyAccessExpression(call.expression)) continue;
      for (const arg of call.arguments) {
        const principal = ctx.resolve(arg);
        if (isAnyone(principal, ctx.resolver)) ctx.report({ at: principal, messageId: 'principal' });
      }
    }
    for (const call of ctx.calls('addPermission')) {
      if (!ts.isPropertyAccessExpression(call.expression)) continue;
      const options = call.arguments[1] ? ctx.resolve(call.arguments[1]) : undefined;
      const principal = propValue(options, 'principal');
      if (isAnyone(principal, ctx.resolver) && !narrowed(options)) ctx.report({ at: principal!, messageId: 'principal' });
    }
    for (const expr of ctx.newExpressions('aws-lambda.CfnPermission')) {
      const props = ctx.constructProps(expr);
      const principal = propValue(props, 'principal');
      if (principal && asString(principal) === '*' && !narrowed(props)) ctx.report({ at: principal, messageId: 'principal' });
    }
    const isNone = (v: Value | undefined) => !!v && (refIs(v, 'aws-lambda.FunctionUrlAuthType.NONE') || asString(v) === 'NONE');
    for (const call of ctx.calls('addFunctionUrl')) {
      const authType = propValue(call.arguments[0] ? ctx.resolve(call.arguments[0]) : undefined, 'authType');
      if (isNone(authType)) ctx.report({ at: authType!, messageId: 'url' });
    }
    for (const expr of ctx.newExpressions('aws-lambda.FunctionUrl', 'aws-lambda.CfnUrl')) {
      const authType = propValue(ctx.constructProps(expr), 'authType');
      if (isNone(authType)) ctx.report({ at: authType!, messageId: 'url' });
    }
  },
});

/**
 * A `*` principal narrowed to one organization, source resource or account (`principalOrgId`,
 * `sourceArn`, `sourceAccount`): only callers that match can invoke, so it is not public.
 */
function narrowed(options: Value | undefined): boolean {
  return ['principalOrgId', 'sourceArn', 'sourceAccount'].some((key) => {
    const value = propValue(options, key);
    return !!value && value.kind !== 'nullish' && asString(value) !== '';
  });
}
