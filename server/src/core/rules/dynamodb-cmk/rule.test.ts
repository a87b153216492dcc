import { ruleTester, type InvalidCase } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import { typeCheckFixOutputs } from '../../../test/fixOutputs';
import rule from './rule';

/** `stack(body)`: the body's first line is line 8 of the file. */
const { stack } = stackFixture(["import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';"], 'DataStack');
const withKms = (code: string) =>
  code.replace(
    "import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';",
    "import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';\nimport * as kms from 'aws-cdk-lib/aws-kms';",
  );

const REQUIRE = { requireCustomerManagedKeys: true };
const MISSING =
  'This table uses the AWS owned key, and this project requires customer-managed keys. Encrypt it with a KMS key you control (a customer-managed key).';
const NOT_CUSTOMER =
  'This key is not customer-managed, and this project requires customer-managed keys. Encrypt the table with a KMS key you control.';
const TITLE = 'Encrypt with a new customer-managed key';

const ORDERS = `
    const orders = new dynamodb.Table(this, 'Orders', {
      partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    });
`;

const invalid: InvalidCase[] = [
  {
    name: 'a Table without encryption: a new key, CUSTOMER_MANAGED and encryptionKey, one per line',
    config: REQUIRE,
    code: stack(ORDERS),
    errors: [
      {
        line: 8,
        column: 20,
        endLine: 8,
        endColumn: 38,
        severity: 'info',
        message: MISSING,
        fixes: [
          {
            title: TITLE,
            isPreferred: false,
            output: withKms(
              stack(`
    const ordersKey = new kms.Key(this, 'OrdersKey', {
      enableKeyRotation: true,
    });
    const orders = new dynamodb.Table(this, 'Orders', {
      partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: ordersKey,
    });
`),
            ),
          },
        ],
      },
    ],
  },
  {
    name: 'TableEncryption.AWS_MANAGED and DEFAULT',
    config: REQUIRE,
    code: stack(`
    new dynamodb.Table(this, 'Carts', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, encryption: dynamodb.TableEncryption.AWS_MANAGED });
    new dynamodb.Table(this, 'Sessions', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      encryption: dynamodb.TableEncryption.DEFAULT,
    });
`),
    errors: [
      {
        line: 8,
        column: 120,
        endLine: 8,
        endColumn: 156,
        message: NOT_CUSTOMER,
        fixes: [
          {
            output: withKms(
              stack(`
    const cartsKey = new kms.Key(this, 'CartsKey', { enableKeyRotation: true });
    new dynamodb.Table(this, 'Carts', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: cartsKey });
    new dynamodb.Table(this, 'Sessions', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      encryption: dynamodb.TableEncryption.DEFAULT,
    });
`),
            ),
          },
        ],
      },
      {
        line: 11,
        column: 19,
        endLine: 11,
        endColumn: 51,
        message: NOT_CUSTOMER,
        fixes: [
          {
            output: withKms(
              stack(`
    new dynamodb.Table(this, 'Carts', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, encryption: dynamodb.TableEncryption.AWS_MANAGED });
    const sessionsKey = new kms.Key(this, 'SessionsKey', { enableKeyRotation: true });
    new dynamodb.Table(this, 'Sessions', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: sessionsKey,
    });
`),
            ),
          },
        ],
      },
    ],
  },
  {
    name: 'TableV2: no encryption, an AWS owned or managed key',
    config: REQUIRE,
    code: stack(`
    const carts = new dynamodb.TableV2(this, 'Carts', {
      partitionKey: { name: 'cartId', type: dynamodb.AttributeType.STRING },
    });
    new dynamodb.TableV2(this, 'Prices', {
      partitionKey: { name: 'sku', type: dynamodb.AttributeType.STRING },
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
    });
    new dynamodb.TableV2(this, 'Rates', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, encryption: dynamodb.TableEncryptionV2.dynamoOwnedKey() });
`),
    errors: [
      {
        line: 8,
        column: 19,
        endLine: 8,
        endColumn: 39,
        message: MISSING,
        fixes: [
          {
            output: withKms(
              stack(`
    const cartsKey = new kms.Key(this, 'CartsKey', { enableKeyRotation: true });
    const carts = new dynamodb.TableV2(this, 'Carts', {
      partitionKey: { name: 'cartId', type: dynamodb.AttributeType.STRING },
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(cartsKey),
    });
    new dynamodb.TableV2(this, 'Prices', {
      partitionKey: { name: 'sku', type: dynamodb.AttributeType.STRING },
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
    });
    new dynamodb.TableV2(this, 'Rates', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, encryption: dynamodb.TableEncryptionV2.dynamoOwnedKey() });
`),
            ),
          },
        ],
      },
      { line: 13, column: 19, endLine: 13, endColumn: 61, message: NOT_CUSTOMER },
      { line: 15, column: 122, endLine: 15, endColumn: 165, message: NOT_CUSTOMER },
    ],
  },
  {
    name: 'global tables: reported, no one-key fix',
    config: REQUIRE,
    code: stack(`
    new dynamodb.Table(this, 'Global', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      replicationRegions: ['eu-west-1', 'us-east-1'],
    });
    new dynamodb.TableV2(this, 'GlobalV2', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      replicas: [{ region: 'us-east-1' }],
    });
`),
    errors: [
      { line: 8, column: 5, endLine: 8, endColumn: 23, fixes: [] },
      { line: 12, column: 5, endLine: 12, endColumn: 25, fixes: [] },
    ],
  },
  {
    name: 'encryption from shared defaults in another file; named imports',
    config: REQUIRE,
    code: `import { Stack } from 'aws-cdk-lib';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE_DEFAULTS } from './defaults';

export class DataStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new Table(this, 'Invoices', { ...TABLE_DEFAULTS, partitionKey: { name: 'id', type: AttributeType.STRING } });
  }
}
`,
    files: {
      'lib/defaults.ts': `import { BillingMode, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';

export const TABLE_DEFAULTS = { billingMode: BillingMode.PAY_PER_REQUEST, encryption: TableEncryption.AWS_MANAGED };
`,
    },
    errors: [
      {
        line: 9,
        column: 38,
        endLine: 9,
        endColumn: 52,
        related: [{ file: 'lib/defaults.ts', line: 3, column: 87, message: 'Value declared here' }],
        fixes: [],
      },
    ],
  },
  {
    name: 'named imports: Key and TableEncryption join the imports',
    config: REQUIRE,
    code: `import { Stack } from 'aws-cdk-lib';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

export class DataStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new Table(this, 'Invoices', { partitionKey: { name: 'id', type: AttributeType.STRING } });
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
import { AttributeType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { Key } from 'aws-cdk-lib/aws-kms';

export class DataStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const invoicesKey = new Key(this, 'InvoicesKey', { enableKeyRotation: true });
    new Table(this, 'Invoices', {
      partitionKey: { name: 'id', type: AttributeType.STRING },
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: invoicesKey,
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
    name: 'barrel, CDK v1 and require()',
    config: REQUIRE,
    filename: 'lib/tables.js',
    code: `const cdk = require('aws-cdk-lib');
const legacy = require('@aws-cdk/aws-dynamodb');

exports.tables = (scope) => {
  new cdk.aws_dynamodb.TableV2(scope, 'A', { partitionKey: { name: 'id', type: 'S' } });
  new legacy.Table(scope, 'B', { partitionKey: { name: 'id', type: 'S' } });
};
`,
    errors: [
      { line: 5, column: 3, endLine: 5, endColumn: 31 },
      { line: 6, column: 3, endLine: 6, endColumn: 19 },
    ],
  },
];

ruleTester(rule, {
  valid: [
    {
      name: 'by default no table is reported: every table is encrypted at rest',
      code: stack(`${ORDERS}
    new dynamodb.Table(this, 'Carts', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, encryption: dynamodb.TableEncryption.AWS_MANAGED });
    new dynamodb.TableV2(this, 'Prices', { partitionKey: { name: 'sku', type: dynamodb.AttributeType.STRING } });
`),
    },
    {
      name: 'customer-managed tables, when they are required',
      config: REQUIRE,
      code: withKms(
        stack(`
    const key = new kms.Key(this, 'TablesKey', { enableKeyRotation: true });
    new dynamodb.Table(this, 'A', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED });
    new dynamodb.Table(this, 'B', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, encryptionKey: key });
    new dynamodb.TableV2(this, 'C', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, encryption: dynamodb.TableEncryptionV2.customerManagedKey(key) });
`),
      ),
    },
    {
      name: 'props the analysis cannot see',
      config: REQUIRE,
      code: `import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

export function table(scope: Construct, props: dynamodb.TableProps, encryption: dynamodb.TableEncryptionV2) {
  new dynamodb.Table(scope, 'A', props);
  new dynamodb.TableV2(scope, 'B', { partitionKey: props.partitionKey, encryption });
}
`,
    },
  ],
  invalid,
});

typeCheckFixOutputs(rule.meta.id, invalid);
