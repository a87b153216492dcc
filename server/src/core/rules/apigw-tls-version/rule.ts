import { createRule } from '../../rule';
import { REST_APIS } from '../../cdk/apigw';
import { constructSites, PropertyCheck, replaceWritten, ValueTest, isRef } from '../../cdk/propertyChecks';
import { lookup } from '../../model/lookup';

/**
 * `SecurityPolicy.TLS_1_0` (or the string `'TLS_1_0'` of a `CfnDomainName`) on an API Gateway
 * custom domain. aws-cdk-lib documents `@default SecurityPolicy.TLS_1_2` for both the REST and
 * the HTTP/WebSocket `DomainName`, so a domain without `securityPolicy` is not flagged.
 */
const isTls10: ValueTest = (v) =>
  isRef('aws-apigateway.SecurityPolicy.TLS_1_0', 'aws-apigatewayv2.SecurityPolicy.TLS_1_0')(v) ||
  (v.kind === 'string' && v.value === 'TLS_1_0');

const CHECKS: Array<Pick<PropertyCheck, 'constructs' | 'path'>> = [
  { constructs: ['aws-apigateway.DomainName', 'aws-apigatewayv2.DomainName', 'aws-apigateway.CfnDomainName'], path: 'securityPolicy' },
  { constructs: REST_APIS, path: 'domainName.securityPolicy' },
];

export default createRule({
  meta: {
    id: 'apigw-tls-version',
    title: 'API Gateway custom domain accepts TLS 1.0',
    description:
      'A custom domain with `SecurityPolicy.TLS_1_0` lets clients connect with TLS 1.0 and 1.1 and their weak cipher suites, which current guidance (PCI DSS, NIST) no longer allows.',
    defaultSeverity: 'warning',
    category: 'apigw',
    cwe: ['CWE-326'],
    guideSection: 'data-protection.md#encryption-in-transit',
    // No cdk-nag id: none of its rules reads a domain's securityPolicy (APIGWSSLEnabled is about client certificates).
    fixable: true,
    appliesTo: 'cdk',
    messages: {
      tls10:
        'This custom domain accepts TLS 1.0 and 1.1, protocol versions with known weaknesses. Use SecurityPolicy.TLS_1_2 (the default).',
    },
  },
  check(ctx) {
    for (const check of CHECKS) {
      for (const site of constructSites(ctx, check.constructs)) {
        const found = lookup(site.props, ...check.path.split('.'));
        if (found.state !== 'set' || !isTls10(found.value)) continue;
        ctx.report({
          at: found.value,
          messageId: 'tls10',
          // Not preferred: a client that only speaks TLS 1.0 or 1.1 (old devices, old Java) is refused afterwards.
          fixes: replaceWritten(
            ctx,
            found.value,
            { member: 'TLS_1_2', string: 'TLS_1_2' },
            { title: 'Require TLS 1.2 (SecurityPolicy.TLS_1_2)', isPreferred: false },
          ),
        });
      }
    }
  },
});
