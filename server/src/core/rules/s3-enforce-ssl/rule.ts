import { createRule } from '../../rule';
import { ConstructSite, FixBuilder, isFalse, propertyRule, setProperty } from '../../cdk/propertyChecks';
import { lookup } from '../../model/lookup';

/**
 * A preferred fix: every AWS SDK, the CLI and the console already use HTTPS, so denying plain
 * HTTP changes nothing for them.
 */
const enforceSsl: FixBuilder = setProperty('true', { title: 'Deny plain HTTP (enforceSSL: true)', isPreferred: true });

/**
 * A bucket that S3 serves as a static website (`websiteIndexDocument`, `websiteRedirect`,
 * `websiteRoutingRules`). Website endpoints speak HTTP only: with `enforceSSL: true` the bucket
 * policy denies every request where `aws:SecureTransport` is false, which is every request to
 * the website endpoint, and the site stops loading. Such a bucket is still reported (its data
 * travels in clear), without a fix: the way out is CloudFront in front of it over HTTPS.
 */
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
      website:
        'This bucket is served as a static website over plain HTTP. S3 website endpoints do not support HTTPS, so enforceSSL: true would deny every request to the site: serve it through CloudFront over HTTPS instead, then enforce SSL on the bucket.',
    },
  },
  check: propertyRule(
    {
      constructs: ['aws-s3.Bucket'],
      path: 'enforceSSL',
      skip: isWebsite,
      whenMissing: { messageId: 'missing', fixes: enforceSsl },
      whenValue: { is: isFalse, messageId: 'disabled', fixes: enforceSsl },
    },
    {
      constructs: ['aws-s3.Bucket'],
      path: 'enforceSSL',
      skip: (site) => !isWebsite(site),
      whenMissing: { messageId: 'website' },
      whenValue: { is: isFalse, messageId: 'website' },
    },
  ),
});
