import { ruleTester, type InvalidCase } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import { typeCheckFixOutputs } from '../../../test/fixOutputs';
import rule from './rule';

/** `stack(body)`: the body's first line is line 8 of the file. */
const { stack } = stackFixture(["import * as sns from 'aws-cdk-lib/aws-sns';"], 'AlertsStack');
const withKms = (code: string) =>
  code.replace(
    "import * as sns from 'aws-cdk-lib/aws-sns';",
    "import * as sns from 'aws-cdk-lib/aws-sns';\nimport * as kms from 'aws-cdk-lib/aws-kms';",
  );

const MESSAGE = 'This topic is not encrypted at rest. Set masterKey to a KMS key (a customer-managed key with rotation).';
const TITLE = 'Encrypt with a new KMS key (masterKey)';

const invalid: InvalidCase[] = [
  {
    name: 'a topic without masterKey: a rotating key is declared before it',
    code: stack(`
    const alerts = new sns.Topic(this, 'Alerts', {
      displayName: 'Operational alerts',
    });
    new cdk.CfnOutput(this, 'AlertsTopic', { value: alerts.topicArn });
`),
    errors: [
      {
        line: 8,
        column: 20,
        endLine: 8,
        endColumn: 33,
        message: MESSAGE,
        fixes: [
          {
            title: TITLE,
            isPreferred: false,
            output: withKms(
              stack(`
    const alertsKey = new kms.Key(this, 'AlertsKey', {
      enableKeyRotation: true,
    });
    const alerts = new sns.Topic(this, 'Alerts', {
      displayName: 'Operational alerts',
      masterKey: alertsKey,
    });
    new cdk.CfnOutput(this, 'AlertsTopic', { value: alerts.topicArn });
`),
            ),
          },
        ],
      },
    ],
  },
  {
    name: 'a topic without props, assigned to a field; masterKey: undefined',
    code: withKms(
      stack(`
    this.events = new sns.Topic(this, 'OrderEvents');
    new sns.Topic(this, 'audit-events', { masterKey: undefined });
  }

  readonly events: sns.Topic;
  private init() {
`),
    ),
    errors: [
      {
        line: 9,
        column: 19,
        endLine: 9,
        endColumn: 32,
        fixes: [
          {
            output: withKms(
              stack(`
    const eventsKey = new kms.Key(this, 'OrderEventsKey', {
      enableKeyRotation: true,
    });
    this.events = new sns.Topic(this, 'OrderEvents', { masterKey: eventsKey });
    new sns.Topic(this, 'audit-events', { masterKey: undefined });
  }

  readonly events: sns.Topic;
  private init() {
`),
            ),
          },
        ],
      },
      {
        line: 10,
        column: 5,
        endLine: 10,
        endColumn: 18,
        fixes: [
          {
            output: withKms(
              stack(`
    this.events = new sns.Topic(this, 'OrderEvents');
    const auditEventsKey = new kms.Key(this, 'audit-eventsKey', {
      enableKeyRotation: true,
    });
    new sns.Topic(this, 'audit-events', { masterKey: auditEventsKey });
  }

  readonly events: sns.Topic;
  private init() {
`),
            ),
          },
        ],
      },
    ],
  },
  {
    name: 'props held in a const: the key is declared before the props',
    code: stack(`
    const topicProps = { displayName: 'Billing', fifo: false };
    const billing = new sns.Topic(this, 'Billing', topicProps);
    billing.grantPublish(new cdk.aws_iam.AccountRootPrincipal());
`),
    errors: [
      {
        line: 9,
        column: 21,
        endLine: 9,
        endColumn: 34,
        fixes: [
          {
            output: withKms(
              stack(`
    const billingKey = new kms.Key(this, 'BillingKey', {
      enableKeyRotation: true,
    });
    const topicProps = {
      displayName: 'Billing',
      fifo: false,
      masterKey: billingKey,
    };
    const billing = new sns.Topic(this, 'Billing', topicProps);
    billing.grantPublish(new cdk.aws_iam.AccountRootPrincipal());
`),
            ),
          },
        ],
      },
    ],
  },
  {
    name: 'named imports: Key joins the file’s import style',
    code: `import { Stack } from 'aws-cdk-lib';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export class AlertsStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new Topic(this, 'Alerts');
  }
}
`,
    errors: [
      {
        line: 8,
        column: 5,
        endLine: 8,
        endColumn: 14,
        fixes: [
          {
            output: `import { Stack } from 'aws-cdk-lib';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { Key } from 'aws-cdk-lib/aws-kms';

export class AlertsStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const alertsKey = new Key(this, 'AlertsKey', { enableKeyRotation: true });
    new Topic(this, 'Alerts', { masterKey: alertsKey });
  }
}
`,
          },
        ],
      },
    ],
  },
  {
    name: 'root barrel named imports: kms joins them',
    code: `import { Stack, aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export class AlertsStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new sns.Topic(this, 'Alerts', { topicName: 'alerts' });
  }
}
`,
    errors: [
      {
        line: 7,
        column: 5,
        endLine: 7,
        endColumn: 18,
        fixes: [
          {
            output: `import { Stack, aws_sns as sns, aws_kms as kms } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export class AlertsStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const alertsKey = new kms.Key(this, 'AlertsKey', {
      enableKeyRotation: true,
    });
    new sns.Topic(this, 'Alerts', {
      topicName: 'alerts',
      masterKey: alertsKey,
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
    name: 'require() in a JavaScript app',
    filename: 'lib/alerts.js',
    code: `const cdk = require('aws-cdk-lib');
const sns = require('aws-cdk-lib/aws-sns');

class AlertsStack extends cdk.Stack {
  constructor(scope, id) {
    super(scope, id);
    new sns.Topic(this, 'Alerts');
  }
}

module.exports = { AlertsStack };
`,
    errors: [
      {
        line: 7,
        column: 5,
        endLine: 7,
        endColumn: 18,
        fixes: [
          {
            output: `const cdk = require('aws-cdk-lib');
const sns = require('aws-cdk-lib/aws-sns');
const kms = require('aws-cdk-lib/aws-kms');

class AlertsStack extends cdk.Stack {
  constructor(scope, id) {
    super(scope, id);
    const alertsKey = new kms.Key(this, 'AlertsKey', {
      enableKeyRotation: true,
    });
    new sns.Topic(this, 'Alerts', { masterKey: alertsKey });
  }
}

module.exports = { AlertsStack };
`,
          },
        ],
      },
    ],
  },
  {
    name: 'a class field initializer: reported, no fix (no statement to declare the key in)',
    code: `import { Stack } from 'aws-cdk-lib';
import * as sns from '@aws-cdk/aws-sns';

export class AlertsStack extends Stack {
  readonly alerts = new sns.Topic(this as never, 'Alerts');
}
`,
    errors: [{ line: 5, column: 21, endLine: 5, endColumn: 34, fixes: [] }],
  },
  {
    name: 'CfnTopic without kmsMasterKeyId (issue 16): at its head, no fix',
    code: stack(`
    new sns.CfnTopic(this, 'L1Alerts', { topicName: 'alerts' });
`),
    errors: [{ line: 8, column: 5, endLine: 8, endColumn: 21, messageId: 'missingL1', fixes: [] }],
  },
];

ruleTester(rule, {
  valid: [
    {
      name: 'a new key, an AWS managed key by alias, a key from shared props',
      code: withKms(
        stack(`
    const key = new kms.Key(this, 'TopicKey', { enableKeyRotation: true });
    new sns.Topic(this, 'Alerts', { masterKey: key });
    new sns.Topic(this, 'Billing', { masterKey: kms.Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns') });
    const encrypted = { masterKey: key };
    new sns.Topic(this, 'Audit', { ...encrypted, displayName: 'Audit' });
`),
      ),
    },
    {
      name: 'props the analysis cannot see, and imported topics',
      code: `import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export function topic(scope: Construct, props: sns.TopicProps) {
  new sns.Topic(scope, 'FromProps', props);
  sns.Topic.fromTopicArn(scope, 'Shared', 'arn:aws:sns:eu-west-1:111122223333:shared');
}
`,
    },
    {
      name: 'CfnTopic with kmsMasterKeyId (an alias or a key ARN)',
      code: stack(`
    new sns.CfnTopic(this, 'Alias', { kmsMasterKeyId: 'alias/aws/sns' });
    new sns.CfnTopic(this, 'Key', { kmsMasterKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' });
`),
    },
  ],
  invalid,
});

typeCheckFixOutputs(rule.meta.id, invalid);
