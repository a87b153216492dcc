import * as assert from 'node:assert/strict';
import { ruleTester } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import { defaultConfig } from '../../config';
import { Engine } from '../../engine/engine';
import { MemoryHost } from '../../model/memoryHost';
import rule from './rule';

/** `stack(body)`: the body's first line is line 10 of the file. */
const { stack } = stackFixture(
  [
    "import * as ec2 from 'aws-cdk-lib/aws-ec2';",
    "import * as rds from 'aws-cdk-lib/aws-rds';",
    "import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';",
  ],
  'SecretsStack',
);

const MESSAGE =
  'Nothing in the project rotates this secret. Add a rotation schedule (secret.addRotationSchedule with a rotation function or hostedRotation; for a database, cluster.addRotationSingleUser()) so a leaked value stops working.';

/** A stack that creates a secret and hands it over (`this.apiKey`). */
const SHARED = `import * as cdk from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export class SharedStack extends cdk.Stack {
  readonly apiKey: secretsmanager.Secret;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.apiKey = new secretsmanager.Secret(this, 'ApiKey');
  }
}
`;

/** A stack that receives the secret and rotates it (or not: `rotation` is the line that does). */
const consumer = (rotation: string) => `import * as cdk from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface ConsumerProps extends cdk.StackProps {
  apiKey: secretsmanager.ISecret;
}

export class ConsumerStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: ConsumerProps) {
    super(scope, id, props);
    ${rotation}
  }
}
`;
const ROTATE = `props.apiKey.addRotationSchedule('Rotation', { hostedRotation: secretsmanager.HostedRotation.mysqlSingleUser() });`;

ruleTester(rule, {
  valid: [
    {
      name: 'addRotationSchedule with hosted rotation, and a RotationSchedule construct',
      code: stack(`
    const token = new secretsmanager.Secret(this, 'Token');
    token.addRotationSchedule('Rotation', { hostedRotation: secretsmanager.HostedRotation.mysqlSingleUser() });
    const other = new secretsmanager.Secret(this, 'Other');
    new secretsmanager.RotationSchedule(this, 'OtherRotation', { secret: other, hostedRotation: secretsmanager.HostedRotation.mysqlSingleUser() });
`),
    },
    {
      name: 'a DatabaseSecret attached to a cluster that rotates its credentials with addRotationSingleUser',
      code: stack(`
    const vpc = new ec2.Vpc(this, 'Vpc');
    const credentials = new rds.DatabaseSecret(this, 'DbSecret', { username: 'admin' });
    const cluster = new rds.DatabaseCluster(this, 'Db', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
      credentials: rds.Credentials.fromSecret(credentials),
      writer: rds.ClusterInstance.serverlessV2('Writer'),
      vpc,
    });
    cluster.addRotationSingleUser();
`),
    },
    {
      name: 'imported secrets (from*) are not created here; a CfnSecret rotated by a CfnRotationSchedule',
      code: stack(`
    secretsmanager.Secret.fromSecretNameV2(this, 'Existing', 'prod/api-key');
    const l1 = new secretsmanager.CfnSecret(this, 'L1', { generateSecretString: {} });
    new secretsmanager.CfnRotationSchedule(this, 'L1Rotation', { secretId: l1.ref, rotationRules: { automaticallyAfter: 'rate(30 days)' } });
`),
    },
    {
      name: 'rotated in another stack, which receives the secret through its props',
      code: SHARED,
      filename: 'lib/shared-stack.ts',
      files: { 'lib/consumer-stack.ts': consumer(ROTATE) },
    },
  ],
  invalid: [
    {
      name: 'a Secret nothing rotates: reported at its new head',
      code: stack(`
    const token = new secretsmanager.Secret(this, 'Token', { description: 'GitHub token' });
`),
      errors: [{ line: 10, column: 19, endLine: 10, endColumn: 44, message: MESSAGE }],
    },
    {
      name: 'of two secrets, the one rotated is not reported; a DatabaseSecret with no rotation is',
      code: stack(`
    const rotated = new secretsmanager.Secret(this, 'Rotated');
    rotated.addRotationSchedule('Rotation', { hostedRotation: secretsmanager.HostedRotation.postgreSqlSingleUser() });
    const plain = new secretsmanager.Secret(this, 'Plain');
    const dbUser = new rds.DatabaseSecret(this, 'DbUser', { username: 'reporting' });
`),
      errors: [
        { line: 12, column: 19, endLine: 12, endColumn: 44 },
        { line: 13, column: 20, endLine: 13, endColumn: 42 },
      ],
    },
    {
      name: 'another stack receives the secret but does not rotate it',
      code: SHARED,
      filename: 'lib/shared-stack.ts',
      files: { 'lib/consumer-stack.ts': consumer('void props.apiKey.secretArn;') },
      errors: [{ line: 9, column: 19, endLine: 9, endColumn: 44 }],
    },
    {
      name: 'require() in a JavaScript app',
      filename: 'lib/stack.js',
      code: `const cdk = require('aws-cdk-lib');
const { Secret } = require('aws-cdk-lib/aws-secretsmanager');

class SecretsStack extends cdk.Stack {
  constructor(scope, id) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret');
  }
}

module.exports = { SecretsStack };
`,
      errors: [{ line: 7, column: 19, endLine: 7, endColumn: 29 }],
    },
    {
      name: 'CDK v1 @aws-cdk/aws-secretsmanager',
      code: `import * as cdk from '@aws-cdk/core';
import * as sm from '@aws-cdk/aws-secretsmanager';

export class LegacyStack extends cdk.Stack {
  constructor(scope: cdk.Construct, id: string) {
    super(scope, id);
    new sm.Secret(this, 'Secret');
  }
}
`,
      errors: [{ line: 7, column: 5, endLine: 7, endColumn: 18 }],
    },
  ],
});

describe('secret-no-rotation in the editor', () => {
  it('an edit in the file that rotates the secret clears the finding in the file that creates it, and back', () => {
    const host = new MemoryHost({
      '/p/lib/shared-stack.ts': SHARED,
      '/p/lib/consumer-stack.ts': consumer('void props.apiKey.secretArn;'),
    });
    const engine = new Engine({ host, config: defaultConfig(), rules: [rule] });
    const files = ['/p/lib/shared-stack.ts', '/p/lib/consumer-stack.ts'];
    engine.analyzeFiles(files);
    const lines = () => engine.findings('/p/lib/shared-stack.ts').map((f) => f.range.start.line + 1);
    assert.deepEqual(lines(), [9]);
    host.write('/p/lib/consumer-stack.ts', consumer(ROTATE));
    engine.analyzeFile('/p/lib/consumer-stack.ts');
    assert.deepEqual(lines(), []);
    host.write('/p/lib/consumer-stack.ts', consumer('void props.apiKey.secretArn;'));
    engine.analyzeFile('/p/lib/consumer-stack.ts');
    assert.deepEqual(lines(), [9]);
    engine.dispose();
  });
});
