import { createRule } from '../../rule';
import { REST_APIS } from '../../cdk/apigw';
import { constructSites, deleteProperty, isTrue } from '../../cdk/propertyChecks';
import { lookup } from '../../model/lookup';
import type { Value } from '../../model/values';

/**
 * `dataTraceEnabled: true` on an API Gateway stage or method setting. aws-cdk-lib documents
 * `@default false` and "We recommend that you don't enable this feature for production APIs".
 * `loggingLevel` alone (execution logs without bodies) is not flagged.
 */

/** The objects of a construct's props that can carry `dataTraceEnabled`. */
function settingsOf(fqnProps: Value | undefined, kind: 'restApi' | 'stage' | 'cfnStage' | 'cfnStageV2'): Value[] {
  const out: Value[] = [];
  const each = (v: Value | undefined): void => {
    if (v?.kind === 'object') for (const entry of v.props.values()) out.push(entry.value);
    else if (v?.kind === 'array') out.push(...v.elements);
  };
  const stageOptions = (options: Value | undefined): void => {
    if (!options) return;
    out.push(options);
    const methods = lookup(options, 'methodOptions');
    if (methods.state === 'set') each(methods.value);
  };
  if (kind === 'restApi') {
    const options = lookup(fqnProps, 'deployOptions');
    if (options.state === 'set') stageOptions(options.value);
  } else if (kind === 'stage') {
    stageOptions(fqnProps);
  } else if (kind === 'cfnStage') {
    const settings = lookup(fqnProps, 'methodSettings');
    if (settings.state === 'set') each(settings.value);
  } else {
    const defaults = lookup(fqnProps, 'defaultRouteSettings');
    if (defaults.state === 'set') out.push(defaults.value);
  }
  return out;
}

const SHAPES: Array<{ constructs: string[]; kind: Parameters<typeof settingsOf>[1] }> = [
  { constructs: REST_APIS, kind: 'restApi' },
  { constructs: ['aws-apigateway.Stage'], kind: 'stage' },
  { constructs: ['aws-apigateway.CfnStage'], kind: 'cfnStage' },
  { constructs: ['aws-apigatewayv2.CfnStage'], kind: 'cfnStageV2' },
];

// Preferred: only what goes into the execution log changes; requests and responses do not.
const remove = deleteProperty({ title: 'Stop logging full requests and responses (remove dataTraceEnabled)', isPreferred: true });

export default createRule({
  meta: {
    id: 'apigw-data-trace',
    title: 'API Gateway logs full requests and responses',
    description:
      '`dataTraceEnabled: true` writes every request and response body, with headers such as Authorization, to the execution log in CloudWatch: tokens, passwords and personal data end up readable by anyone who can read logs.',
    defaultSeverity: 'warning',
    category: 'apigw',
    cwe: ['CWE-532'],
    guideSection: 'api-security.md#access-logging',
    // No cdk-nag id: none of its rules reads dataTraceEnabled.
    fixable: true,
    appliesTo: 'cdk',
    messages: {
      dataTrace:
        'dataTraceEnabled: true logs full request and response bodies, tokens included, to CloudWatch. Remove it; access logs and loggingLevel give you what you need without the payloads.',
    },
  },
  check(ctx) {
    for (const shape of SHAPES) {
      for (const site of constructSites(ctx, shape.constructs)) {
        for (const settings of settingsOf(site.props, shape.kind)) {
          const found = lookup(settings, 'dataTraceEnabled');
          if (found.state !== 'set' || !isTrue(found.value)) continue;
          ctx.report({ at: found.value, messageId: 'dataTrace', fixes: remove(ctx, site, found, 'dataTraceEnabled') });
        }
      }
    }
  },
});
