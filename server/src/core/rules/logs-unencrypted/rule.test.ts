import { ruleTester, type InvalidCase } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import { typeCheckFixOutputs } from '../../../test/fixOutputs';
import rule from './rule';

/** `stack(body)`: the body's first line is line 8 of the file. */
const { stack } = stackFixture(["import * as logs from 'aws-cdk-lib/aws-logs';"], 'AuditStack');
const withImports = (code: string) =>
  code.replace(
    "import * as logs from 'aws-cdk-lib/aws-logs';",
    "import * as logs from 'aws-cdk-lib/aws-logs';\nimport * as kms from 'aws-cdk-lib/aws-kms';\nimport * as iam from 'aws-cdk-lib/aws-iam';",
  );

const MESSAGE =
  'This log group is not encrypted with a key you control. Add encryptionKey (a KMS key whose policy lets CloudWatch Logs use it).';

const invalid: InvalidCase[] = [
  {
    name: 'a log group without encryptionKey: a key CloudWatch Logs may use is declared before it',
    code: stack(`
    const auditLogs = new logs.LogGroup(this, 'AuditLogs', {
      retention: logs.RetentionDays.ONE_YEAR,
    });
`),
    errors: [
      {
        line: 8,
        column: 23,
        endLine: 8,
        endColumn: 40,
        message: MESSAGE,
        fixes: [
          {
            title: 'Encrypt with a new KMS key (encryptionKey)',
            isPreferred: false,
            output: withImports(
              stack(`
    const auditLogsKey = new kms.Key(this, 'AuditLogsKey', {
      enableKeyRotation: true,
    });
    auditLogsKey.grantEncryptDecrypt(new iam.ServicePrincipal(\`logs.\${cdk.Aws.REGION}.amazonaws.com\`));
    const auditLogs = new logs.LogGroup(this, 'AuditLogs', {
      retention: logs.RetentionDays.ONE_YEAR,
      encryptionKey: auditLogsKey,
    });
`),
            ),
          },
        ],
      },
    ],
  },
  {
    name: 'named imports: Key, ServicePrincipal and Aws join the file’s imports',
    code: `import { Stack } from 'aws-cdk-lib';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export class AuditStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LogGroup(this, 'AccessLogs');
  }
}
`,
    errors: [
      {
        line: 8,
        column: 5,
        endLine: 8,
        endColumn: 17,
        fixes: [
          {
            output: `import { Stack, Aws } from 'aws-cdk-lib';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { Key } from 'aws-cdk-lib/aws-kms';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';

export class AuditStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const accessLogsKey = new Key(this, 'AccessLogsKey', {
      enableKeyRotation: true,
    });
    accessLogsKey.grantEncryptDecrypt(new ServicePrincipal(\`logs.\${Aws.REGION}.amazonaws.com\`));
    new LogGroup(this, 'AccessLogs', { encryptionKey: accessLogsKey });
  }
}
`,
          },
        ],
      },
    ],
  },
  {
    name: 'root barrel named imports',
    code: `import { Stack, aws_logs as logs } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export class AuditStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.ONE_MONTH });
  }
}
`,
    errors: [
      {
        line: 7,
        column: 5,
        endLine: 7,
        endColumn: 22,
        fixes: [
          {
            output: `import { Stack, aws_logs as logs, aws_kms as kms, aws_iam as iam, Aws } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export class AuditStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const accessLogsKey = new kms.Key(this, 'AccessLogsKey', {
      enableKeyRotation: true,
    });
    accessLogsKey.grantEncryptDecrypt(new iam.ServicePrincipal(\`logs.\${Aws.REGION}.amazonaws.com\`));
    new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      encryptionKey: accessLogsKey,
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
    name: 'cdk.aws_logs through the root namespace; CDK v1; a spread of complete defaults',
    code: `import * as cdk from 'aws-cdk-lib';
import * as legacy from '@aws-cdk/aws-logs';

const RETAIN = { retention: cdk.aws_logs.RetentionDays.ONE_YEAR };

export function groups(stack: cdk.Stack) {
  new cdk.aws_logs.LogGroup(stack, 'A', { ...RETAIN });
  new legacy.LogGroup(stack as never, 'B');
}
`,
    errors: [
      { line: 7, column: 3, endLine: 7, endColumn: 28 },
      { line: 8, column: 3, endLine: 8, endColumn: 22 },
    ],
  },
  {
    name: 'CfnLogGroup without kmsKeyId (issue 16): at its head, no fix',
    code: stack(`
    new logs.CfnLogGroup(this, 'L1Logs', { logGroupName: '/app/audit', retentionInDays: 30 });
`),
    errors: [{ line: 8, column: 5, endLine: 8, endColumn: 25, messageId: 'missingL1', fixes: [] }],
  },
];

ruleTester(rule, {
  valid: [
    {
      name: 'log groups with an encryption key, inline and from shared props',
      code: withImports(
        stack(`
    const logsKey = kms.Key.fromKeyArn(this, 'LogsKey', 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    new logs.LogGroup(this, 'AuditLogs', { encryptionKey: logsKey });
    const encrypted = { encryptionKey: logsKey, retention: logs.RetentionDays.ONE_MONTH };
    new logs.LogGroup(this, 'AppLogs', { ...encrypted });
    new iam.Role(this, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
`),
      ),
    },
    {
      name: 'props the analysis cannot see',
      code: `import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export const group = (scope: Construct, props: logs.LogGroupProps) => new logs.LogGroup(scope, 'Logs', { ...props });
`,
    },
    {
      name: 'CfnLogGroup with kmsKeyId',
      code: stack(`
    new logs.CfnLogGroup(this, 'L1Logs', { kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' });
`),
    },
  ],
  invalid,
});

typeCheckFixOutputs(rule.meta.id, invalid);
