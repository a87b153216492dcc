import * as ts from 'typescript';
import { createRule } from '../../rule';
import { isNewOf } from '../../cdk/policy';
import { asString, certainlyLacks, propValue, Value } from '../../model/values';

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
      alexa:
        "{{service}} may invoke this function for any Alexa skill, anyone's included. Add eventSourceToken with your skill's ID (amzn1.ask.skill.…).",
    },
  },
  check(ctx) {
    for (const call of ctx.calls('addPermission')) {
      if (!ts.isPropertyAccessExpression(call.expression) || !call.arguments[1]) continue;
      const options = ctx.resolve(call.arguments[1]);
      const principal = propValue(options, 'principal');
      if (!isNewOf(principal, 'aws-iam.ServicePrincipal')) continue;
      const arg = principal.expr.arguments?.[0];
      const named = arg && asString(ctx.resolve(arg));
      const problem = missingSource(options, named);
      if (problem) ctx.report({ at: principal, messageId: problem, data: { service: named ?? 'This service' } });
    }
    for (const expr of ctx.newExpressions('aws-lambda.CfnPermission')) {
      const props = ctx.constructProps(expr);
      const principal = propValue(props, 'principal');
      const service = asString(principal);
      if (!service || !(/\.amazonaws\.com(\.cn)?$/.test(service) || isAlexa(service))) continue;
      const problem = missingSource(props, service);
      if (problem) ctx.report({ at: principal!, messageId: problem, data: { service } });
    }
  },
});

/** Alexa's principals (`alexa-appkit.amazon.com`, `alexa-connectedhome.amazon.com`) name the skill by `eventSourceToken`. */
function isAlexa(service: string | undefined): boolean {
  return !!service && /^alexa-[a-z-]+\.amazon\.com$/.test(service);
}

/** Which message a permission for `service` gets: none when it names its source. */
function missingSource(options: Value | undefined, service: string | undefined): 'noSource' | 'alexa' | undefined {
  if (isAlexa(service)) return certainlyLacks(options, 'eventSourceToken') ? 'alexa' : undefined;
  return certainlyLacks(options, 'sourceArn') && certainlyLacks(options, 'sourceAccount') ? 'noSource' : undefined;
}
