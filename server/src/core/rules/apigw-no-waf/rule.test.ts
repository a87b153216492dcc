import { ruleTester } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import { TWO_REST_APIS } from '../../../test/apigwFixtures';
import rule from './rule';

/** `stack(body)` wraps the body in a stack class; the body's first line is line 9 of the file. */
const { stack } = stackFixture(
  ["import * as apigateway from 'aws-cdk-lib/aws-apigateway';", "import * as wafv2 from 'aws-cdk-lib/aws-wafv2';"],
  'OrdersApiStack',
);

const MESSAGE =
  "No AWS WAF web ACL is associated with this REST API's stage. Associate one (wafv2.CfnWebACLAssociation with resourceArn: api.deploymentStage.stageArn) to filter common exploits and floods before they reach the API.";

/** A regional web ACL bound to `acl` (one line). */
const ACL =
  "    const acl = new wafv2.CfnWebACL(this, 'Acl', { scope: 'REGIONAL', defaultAction: { allow: {} }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'orders', sampledRequestsEnabled: true } });";

/** A stack that protects the API it is given in props. */
const WAF_STACK = (apiType: string, prop: string) => `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';

export interface WafStackProps extends cdk.StackProps {
  ${prop}: ${apiType};
}

export class WafStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: WafStackProps) {
    super(scope, id, props);
${ACL}
    new wafv2.CfnWebACLAssociation(this, 'ApiAcl', { resourceArn: props.${prop}.deploymentStage.stageArn, webAclArn: acl.attrArn });
  }
}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'an association in the same file: stageArn, a template with restApiId, Fn.join, formatArn',
      code: stack(`
${ACL}
    const orders = new apigateway.RestApi(this, 'OrdersApi');
    new wafv2.CfnWebACLAssociation(this, 'OrdersAcl', { resourceArn: orders.deploymentStage.stageArn, webAclArn: acl.attrArn });
    const reports = new apigateway.RestApi(this, 'ReportsApi');
    new wafv2.CfnWebACLAssociation(this, 'ReportsAcl', {
      resourceArn: \`arn:aws:apigateway:\${this.region}::/restapis/\${reports.restApiId}/stages/\${reports.deploymentStage.stageName}\`,
      webAclArn: acl.attrArn,
    });
    const admin = new apigateway.RestApi(this, 'AdminApi');
    new wafv2.CfnWebACLAssociation(this, 'AdminAcl', {
      resourceArn: cdk.Fn.join('', ['arn:aws:apigateway:', this.region, '::/restapis/', admin.restApiId, '/stages/prod']),
      webAclArn: acl.attrArn,
    });
    const partners = new apigateway.RestApi(this, 'PartnersApi');
    const stageArn = this.formatArn({ service: 'apigateway', account: '', resource: '/restapis', resourceName: \`\${partners.restApiId}/stages/prod\` });
    new wafv2.CfnWebACLAssociation(this, 'PartnersAcl', { resourceArn: stageArn, webAclArn: acl.attrArn });
`),
    },
    {
      name: 'an association held through a field and a stage variable; WAF Classic regional',
      code: `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as wafregional from 'aws-cdk-lib/aws-wafregional';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';

export class OrdersApi extends Construct {
  readonly api: apigateway.RestApi;

  constructor(scope: Construct, id: string, webAclArn: string) {
    super(scope, id);
    this.api = new apigateway.RestApi(this, 'Api');
    const stage = this.api.deploymentStage;
    new wafv2.CfnWebACLAssociation(this, 'Acl', { resourceArn: stage.stageArn, webAclArn });
    const legacy = new apigateway.RestApi(this, 'Legacy');
    new wafregional.CfnWebACLAssociation(this, 'LegacyAcl', { resourceArn: legacy.deploymentStage.stageArn, webAclId: 'a1b2c3' });
  }
}

export const region = cdk.Aws.REGION;
`,
    },
    {
      name: 'deploy: false (stages made by hand)',
      code: stack(`
    new apigateway.RestApi(this, 'OrdersApi', { deploy: false });
`),
    },
    {
      name: 'across files: the WAF stack protects props.api, the only REST API of the project',
      code: stack(`
    new apigateway.RestApi(this, 'OrdersApi');
`),
      files: { 'lib/waf-stack.ts': WAF_STACK('apigateway.IRestApi & { deploymentStage: apigateway.Stage }', 'restApi') },
    },
    {
      name: 'across files with two APIs: associations for props.ordersApi and props.adminApi match the fields of those names',
      code: TWO_REST_APIS,
      files: {
        'lib/waf-stack.ts': WAF_STACK('apigateway.RestApi', 'ordersApi'),
        'lib/admin-waf-stack.ts': WAF_STACK('apigateway.RestApi', 'adminApi').replace('class WafStack', 'class AdminWafStack'),
      },
    },
    {
      name: 'across files: an API exported as a constant and imported by the WAF file',
      files: {
        'lib/api.ts': `import * as cdk from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';

export const app = new cdk.App();
export const stack = new cdk.Stack(app, 'Orders');
export const ordersApi = new apigateway.RestApi(stack, 'OrdersApi');
export const adminApi = new apigateway.RestApi(stack, 'AdminApi', { deploy: false });
`,
      },
      code: `import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { ordersApi, stack } from './api';

new wafv2.CfnWebACLAssociation(stack, 'Acl', { resourceArn: ordersApi.deploymentStage.stageArn, webAclArn: 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/orders/a1b2' });
`,
    },
    {
      name: 'one REST API and an association whose resourceArn we cannot resolve',
      code: stack(`
    new apigateway.RestApi(this, 'OrdersApi');
    new wafv2.CfnWebACLAssociation(this, 'Acl', { resourceArn: cdk.Fn.importValue('orders-stage-arn'), webAclArn: 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/orders/a1b2' });
`),
    },
  ],
  invalid: [
    {
      name: 'no association anywhere: the range is the new head; info',
      code: stack(`
    const api = new apigateway.RestApi(this, 'OrdersApi');
    api.root.addMethod('GET', new apigateway.MockIntegration());
`),
      errors: [{ line: 9, column: 17, endLine: 9, endColumn: 39, severity: 'info', message: MESSAGE, fixes: [] }],
    },
    {
      name: 'associations for another API, for a load balancer, and for an imported API',
      code: stack(`
${ACL}
    const orders = new apigateway.RestApi(this, 'OrdersApi');
    const reports = new apigateway.LambdaRestApi(this, 'ReportsApi', { handler: cdk.aws_lambda.Function.fromFunctionName(this, 'Reports', 'reports') });
    new wafv2.CfnWebACLAssociation(this, 'ReportsAcl', { resourceArn: reports.deploymentStage.stageArn, webAclArn: acl.attrArn });
    const alb = new cdk.aws_elasticloadbalancingv2.ApplicationLoadBalancer(this, 'Alb', { vpc: cdk.aws_ec2.Vpc.fromLookup(this, 'Vpc', { isDefault: true }) });
    new wafv2.CfnWebACLAssociation(this, 'AlbAcl', { resourceArn: alb.loadBalancerArn, webAclArn: acl.attrArn });
    const legacy = apigateway.RestApi.fromRestApiId(this, 'Legacy', 'a1b2c3');
    new wafv2.CfnWebACLAssociation(this, 'LegacyAcl', { resourceArn: \`arn:aws:apigateway:\${this.region}::/restapis/\${legacy.restApiId}/stages/prod\`, webAclArn: acl.attrArn });
`),
      errors: [{ line: 10, column: 20, endColumn: 42, message: MESSAGE }],
    },
    {
      name: 'an association we cannot resolve covers nothing when the project has two REST APIs',
      code: stack(`
    new apigateway.RestApi(this, 'OrdersApi');
    new apigateway.RestApi(this, 'AdminApi');
    new wafv2.CfnWebACLAssociation(this, 'Acl', { resourceArn: cdk.Fn.importValue('orders-stage-arn'), webAclArn: 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/orders/a1b2' });
`),
      errors: [
        { line: 9, column: 5, endColumn: 27 },
        { line: 10, column: 5, endColumn: 27 },
      ],
    },
    {
      name: 'across files with two APIs: a WAF stack for props.ordersApi leaves adminApi unprotected',
      code: TWO_REST_APIS,
      files: { 'lib/waf-stack.ts': WAF_STACK('apigateway.RestApi', 'ordersApi') },
      errors: [{ line: 12, column: 21, endColumn: 43, message: MESSAGE }],
    },
    {
      name: 'across files with two APIs and a name that matches neither: both reported',
      code: TWO_REST_APIS,
      files: { 'lib/waf-stack.ts': WAF_STACK('apigateway.RestApi', 'publicApi') },
      errors: [
        { line: 11, column: 22, endColumn: 44 },
        { line: 12, column: 21, endColumn: 43 },
      ],
    },
    {
      name: 'import styles: the root barrel, a barrel member, and CDK v1 with require',
      code: `import * as cdk from 'aws-cdk-lib';
import { aws_apigateway as apigw } from 'aws-cdk-lib';

export function apis(scope: cdk.Stack) {
  new cdk.aws_apigateway.RestApi(scope, 'A');
  new apigw.SpecRestApi(scope, 'B', { apiDefinition: apigw.ApiDefinition.fromAsset('openapi.yaml') });
}
`,
      files: {
        'lib/legacy.js': `const { RestApi } = require('@aws-cdk/aws-apigateway');

exports.legacyApi = (scope) => new RestApi(scope, 'Legacy');
`,
      },
      errors: [
        { line: 5, column: 3, endColumn: 33 },
        { line: 6, column: 3, endColumn: 24 },
        { file: 'lib/legacy.js', line: 3, column: 32, endColumn: 43 },
      ],
    },
  ],
});
