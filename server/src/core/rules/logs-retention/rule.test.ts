import { ruleTester, type InvalidCase } from '../../../test/ruleTester';
import { lambdaFunction, stackFixture } from '../../../test/cdkFixtures';
import { typeCheckFixOutputs } from '../../../test/fixOutputs';
import rule from './rule';

/** `stack(body)`: the body's first line is line 9 of the file. */
const { stack } = stackFixture(
  ["import * as lambda from 'aws-cdk-lib/aws-lambda';", "import * as logs from 'aws-cdk-lib/aws-logs';"],
  'ApiStack',
);

/** A function bound to `fn`: five lines (9–13). */
const FN = lambdaFunction();

const FUNCTION = "This function's logs go to a log group that never expires. Give it a logGroup with a retention (or logRetention).";
const INFINITE = 'RetentionDays.INFINITE keeps these logs forever. Choose a retention that matches how long you need them.';

const invalid: InvalidCase[] = [
  {
    name: 'a function with neither logRetention nor logGroup: the fix gives it a log group with a retention, encrypted with a key of its own',
    code: stack(FN),
    errors: [
      {
        line: 9,
        column: 16,
        endLine: 9,
        endColumn: 35,
        message: FUNCTION,
        fixes: [
          {
            title: 'Add an encrypted log group that keeps logs for one month',
            isPreferred: false,
            output: stack(`
    const fnLogsKey = new kms.Key(this, 'HandlerLogsKey', {
      enableKeyRotation: true,
    });
    fnLogsKey.grantEncryptDecrypt(new iam.ServicePrincipal(\`logs.\${cdk.Aws.REGION}.amazonaws.com\`));
    const fn = new lambda.Function(this, 'Handler', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
      logGroup: new logs.LogGroup(this, 'HandlerLogs', {
        retention: logs.RetentionDays.ONE_MONTH,
        encryptionKey: fnLogsKey,
      }),
    });
`).replace(
              "import * as logs from 'aws-cdk-lib/aws-logs';\n",
              "import * as logs from 'aws-cdk-lib/aws-logs';\nimport * as kms from 'aws-cdk-lib/aws-kms';\nimport * as iam from 'aws-cdk-lib/aws-iam';\n",
            ),
          },
        ],
      },
    ],
  },
  {
    name: 'logRetention: RetentionDays.INFINITE, and a LogGroup with INFINITE retention',
    code: stack(`
    new lambda.Function(this, 'Worker', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda/worker'),
      logRetention: logs.RetentionDays.INFINITE,
    });
    new logs.LogGroup(this, 'Audit', { retention: logs.RetentionDays.INFINITE });
`),
    errors: [
      {
        line: 13,
        column: 21,
        endLine: 13,
        endColumn: 48,
        message: INFINITE,
        fixes: [
          {
            title: 'Keep logs for one month',
            isPreferred: false,
            output: stack(`
    new lambda.Function(this, 'Worker', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda/worker'),
      logRetention: logs.RetentionDays.ONE_MONTH,
    });
    new logs.LogGroup(this, 'Audit', { retention: logs.RetentionDays.INFINITE });
`),
          },
        ],
      },
      {
        line: 15,
        column: 51,
        endLine: 15,
        endColumn: 78,
        message: INFINITE,
        fixes: [
          {
            output: stack(`
    new lambda.Function(this, 'Worker', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda/worker'),
      logRetention: logs.RetentionDays.INFINITE,
    });
    new logs.LogGroup(this, 'Audit', { retention: logs.RetentionDays.ONE_MONTH });
`),
          },
        ],
      },
    ],
  },
  {
    name: 'a NodejsFunction in a file without aws-logs: one import for LogGroup and RetentionDays',
    code: `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';

export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new nodejs.NodejsFunction(this, 'CreateOrder', { entry: 'lambda/orders/index.ts' });
  }
}
`,
    errors: [
      {
        line: 8,
        column: 5,
        endLine: 8,
        endColumn: 30,
        fixes: [
          {
            output: `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as iam from 'aws-cdk-lib/aws-iam';

export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const createOrderLogsKey = new kms.Key(this, 'CreateOrderLogsKey', {
      enableKeyRotation: true,
    });
    createOrderLogsKey.grantEncryptDecrypt(new iam.ServicePrincipal(\`logs.\${cdk.Aws.REGION}.amazonaws.com\`));
    new nodejs.NodejsFunction(this, 'CreateOrder', {
      entry: 'lambda/orders/index.ts',
      logGroup: new logs.LogGroup(this, 'CreateOrderLogs', {
        retention: logs.RetentionDays.ONE_MONTH,
        encryptionKey: createOrderLogsKey,
      }),
    });
  }
}
`,
          },
        ],
      },
    ],
  },
  {
    name: 'named imports, and a function without props',
    code: `import { Stack } from 'aws-cdk-lib';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';

export class OrdersStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new NodejsFunction(this, 'ListOrders');
  }
}
`,
    errors: [
      {
        line: 8,
        column: 5,
        endLine: 8,
        endColumn: 23,
        fixes: [
          {
            output: `import { Stack, Aws } from 'aws-cdk-lib';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Key } from 'aws-cdk-lib/aws-kms';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';

export class OrdersStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const listOrdersLogsKey = new Key(this, 'ListOrdersLogsKey', {
      enableKeyRotation: true,
    });
    listOrdersLogsKey.grantEncryptDecrypt(new ServicePrincipal(\`logs.\${Aws.REGION}.amazonaws.com\`));
    new NodejsFunction(this, 'ListOrders', {
      logGroup: new LogGroup(this, 'ListOrdersLogs', {
        retention: RetentionDays.ONE_MONTH,
        encryptionKey: listOrdersLogsKey,
      }),
    });
  }
}
`,
          },
        ],
      },
    ],
  },
  {
    name: 'props held in a const and spread: the log group goes into the literal at the construct (no key where logs-unencrypted is off)',
    config: { rules: { 'logs-unencrypted': 'off' } },
    code: stack(`
    const runtimeDefaults = { runtime: lambda.Runtime.NODEJS_20_X, memorySize: 512 };
    new lambda.Function(this, 'Thumbnailer', { ...runtimeDefaults, handler: 'index.handler', code: lambda.Code.fromAsset('lambda/thumbs') });
`),
    errors: [
      {
        line: 10,
        column: 5,
        endLine: 10,
        endColumn: 24,
        fixes: [
          {
            output: stack(`
    const runtimeDefaults = { runtime: lambda.Runtime.NODEJS_20_X, memorySize: 512 };
    new lambda.Function(this, 'Thumbnailer', {
      ...runtimeDefaults,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda/thumbs'),
      logGroup: new logs.LogGroup(this, 'ThumbnailerLogs', { retention: logs.RetentionDays.ONE_MONTH }),
    });
`),
          },
        ],
      },
    ],
  },
  {
    name: 'logRetention: INFINITE in function defaults imported from another file',
    code: stack(`
    new lambda.Function(this, 'Reports', { ...FUNCTION_DEFAULTS, handler: 'index.handler', code: lambda.Code.fromAsset('lambda/reports') });
`).replace("import * as logs from 'aws-cdk-lib/aws-logs';", "import { FUNCTION_DEFAULTS } from './defaults';"),
    files: {
      'lib/defaults.ts': `import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';

export const FUNCTION_DEFAULTS = {
  runtime: lambda.Runtime.NODEJS_20_X,
  logRetention: logs.RetentionDays.INFINITE,
};
`,
    },
    errors: [
      {
        line: 9,
        column: 47,
        endLine: 9,
        endColumn: 64,
        message: INFINITE,
        related: [{ file: 'lib/defaults.ts', line: 6, column: 17, message: 'Value declared here' }],
        fixes: [],
      },
    ],
  },
  {
    name: 'a function in a field initializer: no statement to declare the log group key before, so no fix',
    code: `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';

export class ApiStack extends cdk.Stack {
  readonly fn = new lambda.Function(this, 'Handler', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('lambda') });
}
`,
    errors: [{ line: 5, column: 17, endLine: 5, endColumn: 36, fixes: [] }],
  },
  {
    name: 'CDK v1 has no logGroup prop: the fix adds logRetention',
    code: `import * as cdk from '@aws-cdk/core';
import * as lambda from '@aws-cdk/aws-lambda';

export class LegacyStack extends cdk.Stack {
  constructor(scope: cdk.Construct, id: string) {
    super(scope, id);
    new lambda.Function(this, 'Legacy', {
      runtime: lambda.Runtime.NODEJS_14_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
    });
  }
}
`,
    errors: [
      {
        line: 7,
        column: 5,
        endLine: 7,
        endColumn: 24,
        fixes: [
          {
            title: 'Keep logs for one month (logRetention)',
            isPreferred: false,
            output: `import * as cdk from '@aws-cdk/core';
import * as lambda from '@aws-cdk/aws-lambda';
import * as logs from '@aws-cdk/aws-logs';

export class LegacyStack extends cdk.Stack {
  constructor(scope: cdk.Construct, id: string) {
    super(scope, id);
    new lambda.Function(this, 'Legacy', {
      runtime: lambda.Runtime.NODEJS_14_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda'),
      logRetention: logs.RetentionDays.ONE_MONTH,
    });
  }
}
`,
          },
        ],
      },
    ],
  },
  {
    name: 'root barrel and require(); a Python function from the alpha package',
    filename: 'lib/functions.js',
    code: `const cdk = require('aws-cdk-lib');
const { PythonFunction } = require('@aws-cdk/aws-lambda-python-alpha');

exports.functions = (scope) => {
  new cdk.aws_lambda.Function(scope, 'A', { runtime: cdk.aws_lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: cdk.aws_lambda.Code.fromAsset('a') });
  new PythonFunction(scope, 'B', { entry: 'functions/b', runtime: cdk.aws_lambda.Runtime.PYTHON_3_12 });
  new cdk.aws_logs.LogGroup(scope, 'C', { retention: cdk.aws_logs.RetentionDays.INFINITE });
};
`,
    errors: [
      { line: 5, column: 3, endLine: 5, endColumn: 30, message: FUNCTION },
      { line: 6, column: 3, endLine: 6, endColumn: 21, message: FUNCTION },
      { line: 7, column: 54, endLine: 7, endColumn: 89, message: INFINITE },
    ],
  },
  {
    name: 'CfnLogGroup without retentionInDays (its logs never expire, issue 16): at its head, the fix keeps one month',
    code: stack(`
    new logs.CfnLogGroup(this, 'L1Logs', { logGroupName: '/app/audit' });
`),
    errors: [
      {
        line: 9,
        column: 5,
        endLine: 9,
        endColumn: 25,
        messageId: 'noRetentionL1',
        fixes: [
          {
            title: 'Keep logs for one month (retentionInDays: 30)',
            isPreferred: false,
            output: stack(`
    new logs.CfnLogGroup(this, 'L1Logs', {
      logGroupName: '/app/audit',
      retentionInDays: 30,
    });
`),
          },
        ],
      },
    ],
  },
];

ruleTester(rule, {
  valid: [
    {
      name: 'functions with a log group or a finite logRetention',
      code: stack(`
    const group = new logs.LogGroup(this, 'HandlerLogs', { retention: logs.RetentionDays.TWO_WEEKS });
    new lambda.Function(this, 'A', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('a'), logGroup: group });
    new lambda.Function(this, 'B', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('b'), logRetention: logs.RetentionDays.ONE_WEEK });
`),
    },
    {
      name: 'log groups without retention keep logs two years (the CDK default), or a finite retention',
      code: stack(`
    new logs.LogGroup(this, 'Default');
    new logs.LogGroup(this, 'Year', { retention: logs.RetentionDays.ONE_YEAR });
`),
    },
    {
      name: 'props the analysis cannot see, imported functions, L1 functions',
      code: `import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export function handler(scope: Construct, props: lambda.FunctionProps) {
  new lambda.Function(scope, 'FromProps', props);
  new lambda.Function(scope, 'Spread', { ...props, memorySize: 1024 });
  lambda.Function.fromFunctionName(scope, 'Shared', 'shared-fn');
  new lambda.CfnFunction(scope, 'L1', { code: { zipFile: 'exports.handler = async () => 1;' }, role: 'arn:aws:iam::111122223333:role/fn' });
}
`,
    },
    {
      name: 'a local class called Function',
      code: `class Function {
  constructor(readonly name: string) {}
}
new Function('handler');
`,
    },
    {
      name: 'CfnLogGroup with retentionInDays',
      code: stack(`
    new logs.CfnLogGroup(this, 'L1Logs', { logGroupName: '/app/audit', retentionInDays: 365 });
`),
    },
  ],
  invalid,
});

typeCheckFixOutputs(rule.meta.id, invalid);
