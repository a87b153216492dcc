import { createRule } from '../../rule';
import { apiFact, apiTargets, ApiTargets, CoverFact, restApisIn, uncoveredApis, isApiFact } from '../../cdk/apigw';
import { lookup } from '../../model/lookup';

/** WAF (v2, and Classic regional) associations: both attach a web ACL to an API Gateway stage. */
const ASSOCIATIONS = ['aws-wafv2.CfnWebACLAssociation', 'aws-wafregional.CfnWebACLAssociation'];

/**
 * Project-wide: the web ACL association usually lives in its own stack, with the API handed over
 * through props. Each file records its REST APIs and what its associations' `resourceArn`s refer
 * to; the project pass matches them (see `covers()` in cdk/apigw.ts for the matching rule).
 */
export default createRule({
  meta: {
    id: 'apigw-no-waf',
    title: 'REST API without a web application firewall',
    description:
      'No AWS WAF web ACL is associated with the REST API stage. WAF blocks common exploits (SQL injection, cross-site scripting), known bad inputs and IPs, and request floods before they reach the API.',
    defaultSeverity: 'info',
    category: 'apigw',
    cwe: ['CWE-693'],
    guideSection: 'api-security.md#waf',
    fixable: false,
    appliesTo: 'cdk',
    cdkNag: ['AwsSolutions-APIG3'],
    messages: {
      api: "No AWS WAF web ACL is associated with this REST API's stage. Associate one (wafv2.CfnWebACLAssociation with resourceArn: api.deploymentStage.stageArn) to filter common exploits and floods before they reach the API.",
    },
  },
  check(ctx) {
    for (const declared of restApisIn(ctx)) {
      // `deploy: false`: the stages are made by hand, and we do not tie them to the API.
      const fact = apiFact(ctx, declared, declared.deployed === 'yes');
      if (fact) ctx.fact(fact);
    }
    for (const expr of ctx.newExpressions(...ASSOCIATIONS)) {
      const arn = lookup(ctx.constructProps(expr), 'resourceArn');
      const targets: ApiTargets = arn.state === 'set' ? apiTargets(ctx.resolver, arn.value) : { kind: 'unresolved' };
      ctx.fact({ kind: 'cover', targets } satisfies CoverFact);
    }
  },
  checkProject(facts, report) {
    for (const { file, data } of uncoveredApis(facts)) report({ file, range: data.range, messageId: 'api' });
  },
  reportsAt: isApiFact,
});
