import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/data_stack.py';
const { stack } = pyStackFixture(['from aws_cdk import aws_dynamodb as dynamodb, aws_kms as kms'], 'DataStack');
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);
const REQUIRE = { config: { requireCustomerManagedKeys: true } };
const KEY = 'partition_key=dynamodb.Attribute(name="id", type=dynamodb.AttributeType.STRING)';

ruleTester(rule, {
  valid: [
    valid(
      'by default no table is reported: every table is encrypted at rest',
      stack(`
        dynamodb.Table(self, "Orders", ${KEY})
`),
    ),
    valid(
      'customer-managed tables, when they are required',
      stack(`
        key = kms.Key(self, "OrdersKey", enable_key_rotation=True)
        dynamodb.Table(self, "Orders", ${KEY}, encryption=dynamodb.TableEncryption.CUSTOMER_MANAGED, encryption_key=key)
        dynamodb.TableV2(self, "Carts", ${KEY}, encryption=dynamodb.TableEncryptionV2.customer_managed_key(key))
`),
      REQUIRE,
    ),
  ],
  invalid: [
    invalid(
      'a Table without encryption: the range is the callee',
      stack(`
        dynamodb.Table(self, "Orders", ${KEY}, billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST)
`),
      [{ at: ['dynamodb.Table'], messageId: 'missing' }],
      REQUIRE,
    ),
    invalid(
      'TableEncryption.AWS_MANAGED and DEFAULT: the range is the value',
      stack(`
        dynamodb.Table(self, "A", ${KEY}, encryption=dynamodb.TableEncryption.AWS_MANAGED)
        dynamodb.Table(self, "B", ${KEY}, encryption=dynamodb.TableEncryption.DEFAULT)
`),
      [
        { at: ['dynamodb.TableEncryption.AWS_MANAGED'], messageId: 'notCustomer' },
        { at: ['dynamodb.TableEncryption.DEFAULT'], messageId: 'notCustomer' },
      ],
      REQUIRE,
    ),
    invalid(
      'TableV2 without encryption; named imports',
      `from aws_cdk import Stack
from aws_cdk.aws_dynamodb import Attribute, AttributeType, TableV2
from constructs import Construct


class DataStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        TableV2(self, "Carts", partition_key=Attribute(name="cartId", type=AttributeType.STRING))
`,
      [{ at: ['TableV2(self', 'TableV2'], messageId: 'missing' }],
      REQUIRE,
    ),
  ],
});
