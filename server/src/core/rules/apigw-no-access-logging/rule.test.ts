import { ruleTester } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import { edit } from '../../../test/edit';
import rule from './rule';

/** `stack(body)` wraps the body in a stack class; the body's first line is line 9 of the file. */
const { stack } = stackFixture(
  ["import * as apigateway from 'aws-cdk-lib/aws-apigateway';", "import * as logs from 'aws-cdk-lib/aws-logs';"],
  'OrdersApiStack',
);

const MESSAGE =
  "This REST API's stage writes no access logs (deployOptions has no accessLogDestination): there is no record of who called it, from where, and with what result.";

const DESTINATION = 'accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs)';
const FORMAT = 'accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields()';

/** The log group's own key (logs-unencrypted asks for one), which CloudWatch Logs may use. */
const KEY_IMPORTS = "import * as kms from 'aws-cdk-lib/aws-kms';\nimport * as iam from 'aws-cdk-lib/aws-iam';\n";
const KEY = `    const accessLogsKey = new kms.Key(this, 'OrdersApiAccessLogsKey', {
      enableKeyRotation: true,
    });
    accessLogsKey.grantEncryptDecrypt(new iam.ServicePrincipal(\`logs.\${cdk.Aws.REGION}.amazonaws.com\`));
`;

const BASIC = stack(`
    const api = new apigateway.RestApi(this, 'OrdersApi');
    api.root.addMethod('GET', new apigateway.MockIntegration());
`);

const LAYOUT = stack(`
    this.node.addMetadata('owner', 'orders-team');
    const api = new apigateway.RestApi(this, 'OrdersApi', {
      deployOptions: {
        stageName: 'prod',
      },
    });
    const stage = { stageName: 'v1' };
    const reports = new apigateway.RestApi(this, 'ReportsApi', { deployOptions: stage });
    void [api, reports];
`);

/** Named imports, no logs import yet: the fix adds `LogGroup` and two apigateway names in one edit. */
const NAMED = `import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { MockIntegration, RestApi } from 'aws-cdk-lib/aws-apigateway';

export class OrdersApiStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const api = new RestApi(this, 'OrdersApi', { restApiName: 'orders' });
    api.root.addMethod('GET', new MockIntegration());
  }
}
`;

const NO_FIX = `import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Construct } from 'constructs';

const SHARED_STAGE: apigateway.StageOptions = { stageName: 'prod' };

export class OrdersApi extends Construct {
  readonly api = new apigateway.RestApi(this, 'Api');
  readonly reports: apigateway.RestApi;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.reports = new apigateway.RestApi(this, 'Reports', { deployOptions: SHARED_STAGE });
  }
}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'an access log destination in deployOptions',
      code: stack(`
    const accessLogs = new logs.LogGroup(this, 'AccessLogs');
    new apigateway.RestApi(this, 'OrdersApi', {
      deployOptions: {
        accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields(),
      },
    });
`),
    },
    {
      name: 'deploy: false, and deployOptions we cannot read',
      code: stack(`
    new apigateway.RestApi(this, 'OrdersApi', { deploy: false });
    new apigateway.RestApi(this, 'ReportsApi', { deployOptions: this.node.tryGetContext('stage') });
`),
    },
    {
      name: 'deployOptions spread from shared options in another file that set a destination',
      files: {
        'lib/stage.ts': `import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export function loggedStage(scope: Construct): apigateway.StageOptions {
  return { accessLogDestination: new apigateway.LogGroupLogDestination(new logs.LogGroup(scope, 'AccessLogs')) };
}

export const BASE: apigateway.StageOptions = { stageName: 'prod', tracingEnabled: true };
`,
      },
      code: `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { BASE, loggedStage } from './stage';

export class OrdersApiStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    new apigateway.RestApi(this, 'OrdersApi', { deployOptions: { ...BASE, ...loggedStage(this) } });
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'no deployOptions: a log group before the API, destination and JSON format in new deployOptions',
      code: BASIC,
      errors: [
        {
          line: 9,
          column: 17,
          endLine: 9,
          endColumn: 39,
          message: MESSAGE,
          fixes: [
            {
              title: 'Send access logs to a new encrypted CloudWatch log group',
              isPreferred: false,
              output: edit(
                edit(
                  BASIC,
                  "import * as logs from 'aws-cdk-lib/aws-logs';\n",
                  `import * as logs from 'aws-cdk-lib/aws-logs';\n${KEY_IMPORTS}`,
                ),
                "    const api = new apigateway.RestApi(this, 'OrdersApi');",
                `${KEY}    const accessLogs = new logs.LogGroup(this, 'OrdersApiAccessLogs', {
      encryptionKey: accessLogsKey,
    });
    const api = new apigateway.RestApi(this, 'OrdersApi', {
      deployOptions: {
        ${DESTINATION},
        ${FORMAT},
      },
    });`,
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'the fix follows the layout, edits a local const, and picks free names; no key where logs-unencrypted is off',
      code: LAYOUT,
      config: { rules: { 'logs-unencrypted': 'off' } },
      errors: [
        {
          line: 10,
          column: 17,
          endColumn: 39,
          fixes: [
            {
              output: edit(
                edit(LAYOUT, "        stageName: 'prod',\n", `        stageName: 'prod',\n        ${DESTINATION},\n        ${FORMAT},\n`),
                "    const api = new apigateway.RestApi(this, 'OrdersApi', {",
                "    const accessLogs = new logs.LogGroup(this, 'OrdersApiAccessLogs');\n    const api = new apigateway.RestApi(this, 'OrdersApi', {",
              ),
            },
          ],
        },
        // The options live in a const declared before the statement: the new log group could not be used there.
        { line: 16, column: 21, endColumn: 43, fixes: [] },
      ],
    },
    {
      name: 'named imports: LogGroup, Key and ServicePrincipal get their own imports; apigateway names and Aws join the existing ones',
      code: NAMED,
      errors: [
        {
          line: 8,
          column: 17,
          endColumn: 28,
          fixes: [
            {
              output: `import { Stack, Aws } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { MockIntegration, RestApi, LogGroupLogDestination, AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Key } from 'aws-cdk-lib/aws-kms';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';

export class OrdersApiStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const accessLogsKey = new Key(this, 'OrdersApiAccessLogsKey', {
      enableKeyRotation: true,
    });
    accessLogsKey.grantEncryptDecrypt(new ServicePrincipal(\`logs.\${Aws.REGION}.amazonaws.com\`));
    const accessLogs = new LogGroup(this, 'OrdersApiAccessLogs', {
      encryptionKey: accessLogsKey,
    });
    const api = new RestApi(this, 'OrdersApi', {
      restApiName: 'orders',
      deployOptions: {
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields(),
      },
    });
    api.root.addMethod('GET', new MockIntegration());
  }
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'no fix where no statement can hold the log group (a field initializer) or the options are shared',
      code: NO_FIX,
      errors: [
        { line: 7, column: 18, endColumn: 40, fixes: [] },
        { line: 12, column: 20, endColumn: 42, fixes: [] },
      ],
    },
    {
      name: 'import styles: the root barrel, and CDK v1 with require',
      code: `import * as cdk from 'aws-cdk-lib';

export function ordersApi(scope: cdk.Stack) {
  return new cdk.aws_apigateway.RestApi(scope, 'OrdersApi');
}
`,
      files: {
        'lib/legacy.js': `const apigateway = require('@aws-cdk/aws-apigateway');

exports.legacyApi = (scope) => new apigateway.LambdaRestApi(scope, 'Legacy', { handler: scope.handler, proxy: false });
`,
      },
      errors: [
        {
          line: 4,
          column: 10,
          endColumn: 40,
          fixes: [
            {
              output: `import * as cdk from 'aws-cdk-lib';

export function ordersApi(scope: cdk.Stack) {
  const accessLogsKey = new cdk.aws_kms.Key(scope, 'OrdersApiAccessLogsKey', {
    enableKeyRotation: true,
  });
  accessLogsKey.grantEncryptDecrypt(new cdk.aws_iam.ServicePrincipal(\`logs.\${cdk.Aws.REGION}.amazonaws.com\`));
  const accessLogs = new cdk.aws_logs.LogGroup(scope, 'OrdersApiAccessLogs', {
    encryptionKey: accessLogsKey,
  });
  return new cdk.aws_apigateway.RestApi(scope, 'OrdersApi', {
    deployOptions: {
      accessLogDestination: new cdk.aws_apigateway.LogGroupLogDestination(accessLogs),
      accessLogFormat: cdk.aws_apigateway.AccessLogFormat.jsonWithStandardFields(),
    },
  });
}
`,
            },
          ],
        },
        { file: 'lib/legacy.js', line: 3, column: 32, endColumn: 60 },
      ],
    },
  ],
});
