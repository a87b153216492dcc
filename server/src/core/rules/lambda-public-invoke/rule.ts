import * as ts from 'typescript';
import { createRule } from '../../rule';
import { ANY_PRINCIPALS } from '../../cdk/constructs';
import { asString, fqnIs, propValue, refIs, Value } from '../../model/values';

/** A principal that means "anyone": `new AnyPrincipal()`, `new StarPrincipal()`, `new ArnPrincipal('*')`, `'*'`. */
export function isAnyone(ctx: { resolve(e: ts.Expression): Value }, value: Value | undefined): boolean {
  if (!value) return false;
  if (asString(value) === '*') return true;
  if (value.kind !== 'new') return false;
  if (fqnIs(value.fqn, ...ANY_PRINCIPALS)) return true;
  if (fqnIs(value.fqn, 'aws-iam.ArnPrincipal')) {
    const arg = value.expr.arguments?.[0];
    return !!arg && asString(ctx.resolve(arg)) === '*';
  }
  return false;
}

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
    messages: {
      principal: 'This lets any principal invoke the function. Grant invoke to the specific service (with a sourceArn) or account that calls it.',
      url: 'A function URL with authType NONE is callable by anyone on the internet. Use FunctionUrlAuthType.AWS_IAM, or put an authorizer in front of the function.',
    },
  },
  check(ctx) {
    for (const call of ctx.calls('grantInvoke', 'grantInvokeUrl', 'grantInvokeLatestVersion', 'grantInvokeCompositePrincipal')) {
      if (!ts.isPropertyAccessExpression(call.expression)) continue;
      for (const arg of call.arguments) {
        const principal = ctx.resolve(arg);
        if (isAnyone(ctx, principal)) ctx.report({ at: principal, messageId: 'principal' });
      }
    }
    for (const call of ctx.calls('addPermission')) {
      if (!ts.isPropertyAccessExpression(call.expression)) continue;
      const options = call.arguments[1] ? ctx.resolve(call.arguments[1]) : undefined;
      const principal = propValue(options, 'principal');
      if (isAnyone(ctx, principal)) ctx.report({ at: principal!, messageId: 'principal' });
    }
    for (const expr of ctx.newExpressions('aws-lambda.CfnPermission')) {
      const principal = propValue(ctx.constructProps(expr), 'principal');
      if (principal && asString(principal) === '*') ctx.report({ at: principal, messageId: 'principal' });
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
