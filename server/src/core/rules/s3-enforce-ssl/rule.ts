import { createRule } from '../../rule';
import { ConstructSite, FixBuilder, isFalse, propertyRule, setProperty } from '../../cdk/propertyChecks';
import { lookup } from '../../model/lookup';

/**
 * Preferred unless the bucket is a static website: every AWS SDK, the CLI and the console
 * already use HTTPS, so denying plain HTTP changes nothing for them. S3 website endpoints
 * speak HTTP only, so there the fix is offered but left to the user.
 */
const enforceSsl: FixBuilder = (ctx, site, found, path) =>
  setProperty('true', { title: 'Deny plain HTTP (enforceSSL: true)', isPreferred: !isWebsite(site) })(ctx, site, found, path);

function isWebsite(site: ConstructSite): boolean {
  return ['websiteIndexDocument', 'websiteRedirect', 'websiteRoutingRules'].some((p) => lookup(site.props, p).state !== 'absent');
}

export default createRule({
  meta: {
    id: 's3-enforce-ssl',
    title: 'S3 bucket accepts plain HTTP',
    description:
      'Without `enforceSSL: true` the bucket policy does not deny requests made over plain HTTP, so data and credentials can travel unencrypted.',
    defaultSeverity: 'warning',
    category: 'data',
    cwe: ['CWE-319'],
    guideSection: 'data-protection.md#encryption-in-transit',
    fixable: true,
    appliesTo: 'cdk',
    cdkNag: ['AwsSolutions-S10'],
    messages: {
      missing: 'This bucket accepts requests over plain HTTP. Add enforceSSL: true so its policy denies requests without TLS.',
      disabled: 'enforceSSL: false lets clients reach this bucket over plain HTTP. Set enforceSSL: true.',
    },
  },
  check: propertyRule({
    constructs: ['aws-s3.Bucket'],
    path: 'enforceSSL',
    whenMissing: { messageId: 'missing', fixes: enforceSsl },
    whenValue: { is: isFalse, messageId: 'disabled', fixes: enforceSsl },
  }),
});
