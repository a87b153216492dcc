import * as ts from 'typescript';
import { createRule } from '../../rule';
import { isNewOf } from '../../cdk/policy';
import { asString, certainlyLacks, propValue } from '../../model/values';

export default createRule({
  meta: {
    id: 'lambda-permission-no-source',
    title: 'Service permission without a source condition',
    description:
      "A permission lets an AWS service invoke the function without saying which resource (sourceArn) or account (sourceAccount) it acts for, so that service acting for anyone else's resource can invoke it too (the confused-deputy problem).",
    defaultSeverity: 'warning',
    category: 'iam',
    cwe: ['CWE-441'],
    guideSection: 'identity-and-access.md#resource-based-policies',
    fixable: false,
    appliesTo: 'cdk',
    messages: {
      noSource:
        "{{service}} may invoke this function on behalf of any account's resource. Add sourceArn (the bucket, rule or API that calls it) or sourceAccount.",
    },
  },
  check(ctx) {
    for (const call of ctx.calls('addPermission')) {
      if (!ts.isPropertyAccessExpression(call.expression) || !call.arguments[1]) continue;
      const options = ctx.resolve(call.arguments[1]);
      const principal = propValue(options, 'principal');
      if (!isNewOf(principal, 'aws-iam.ServicePrincipal')) continue;
      if (!certainlyLacks(options, 'sourceArn') || !certainlyLacks(options, 'sourceAccount')) continue;
      const arg = principal.expr.arguments?.[0];
      const service = (arg && asString(ctx.resolve(arg))) ?? 'This service';
      ctx.report({ at: principal, messageId: 'noSource', data: { service } });
    }
    for (const expr of ctx.newExpressions('aws-lambda.CfnPermission')) {
      const props = ctx.constructProps(expr);
      const principal = propValue(props, 'principal');
      const service = asString(principal);
      if (!service || !/\.amazonaws\.com(\.cn)?$/.test(service)) continue;
      if (!certainlyLacks(props, 'sourceArn') || !certainlyLacks(props, 'sourceAccount')) continue;
      ctx.report({ at: principal!, messageId: 'noSource', data: { service } });
    }
  },
});
