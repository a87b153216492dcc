import type { Rule } from '../../rule';
import apigwNoAuth from '../apigw-no-auth/rule';
import apigwNoRequestValidation from '../apigw-no-request-validation/rule';
import apigwNoThrottling from '../apigw-no-throttling/rule';
import apigwNoAccessLogging from '../apigw-no-access-logging/rule';
import apigwNoWaf from '../apigw-no-waf/rule';
import apigwTlsVersion from '../apigw-tls-version/rule';
import apigwDataTrace from '../apigw-data-trace/rule';

/** API Gateway (CDK), in catalog order. */
export const apigwRules: Rule[] = [
  apigwNoAuth,
  apigwNoRequestValidation,
  apigwNoThrottling,
  apigwNoAccessLogging,
  apigwNoWaf,
  apigwTlsVersion,
  apigwDataTrace,
];
