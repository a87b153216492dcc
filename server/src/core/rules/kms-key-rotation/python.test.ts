import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/keys_stack.py';
const { stack } = pyStackFixture(['from aws_cdk import Duration, aws_kms as kms'], 'KeysStack');
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);

ruleTester(rule, {
  valid: [
    valid(
      'rotation on, or turned on by a rotation period',
      stack(`
        kms.Key(self, "A", enable_key_rotation=True)
        kms.Key(self, "B", rotation_period=Duration.days(180))
`),
    ),
    valid(
      'asymmetric and HMAC keys cannot rotate',
      stack(`
        kms.Key(self, "Signing", key_spec=kms.KeySpec.RSA_2048, key_usage=kms.KeyUsage.SIGN_VERIFY)
        kms.Key(self, "Mac", key_spec=kms.KeySpec.HMAC_256, key_usage=kms.KeyUsage.GENERATE_VERIFY_MAC)
`),
    ),
    valid(
      'imported keys and aliases',
      stack(`
        kms.Key.from_key_arn(self, "Shared", "arn:aws:kms:us-east-1:111122223333:key/1234")
        kms.Alias.from_alias_name(self, "Alias", "alias/app")
`),
    ),
    valid(
      'CfnKey: rotation on; asymmetric, HMAC and imported keys',
      stack(`
        kms.CfnKey(self, "On", enable_key_rotation=True)
        kms.CfnKey(self, "Signing", key_spec="ECC_NIST_P256", key_usage="SIGN_VERIFY")
        kms.CfnKey(self, "Hmac", key_spec="HMAC_256", key_usage="GENERATE_VERIFY_MAC")
        kms.CfnKey(self, "Imported", origin="EXTERNAL")
`),
    ),
  ],
  invalid: [
    invalid(
      'a key without enable_key_rotation, with and without props',
      stack(`
        kms.Key(self, "Data")
        kms.Key(self, "Logs", description="log key")
`),
      [
        { at: ['kms.Key(self, "Data"', 'kms.Key'], messageId: 'missing' },
        { at: ['kms.Key(self, "Logs"', 'kms.Key'], messageId: 'missing' },
      ],
    ),
    invalid(
      'enable_key_rotation=False; an explicit SYMMETRIC_DEFAULT key spec',
      stack(`
        kms.Key(self, "Data", enable_key_rotation=False)
        kms.Key(self, "Sym", key_spec=kms.KeySpec.SYMMETRIC_DEFAULT)
`),
      [
        { at: ['enable_key_rotation=False', 'False'], messageId: 'disabled' },
        { at: ['kms.Key(self, "Sym"', 'kms.Key'], messageId: 'missing' },
      ],
    ),
    invalid(
      'key props from a dict(...) in the project',
      `from aws_cdk import Stack, aws_kms as kms
from constructs import Construct

from stacks.defaults import KEY_PROPS


class KeysStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        kms.Key(self, "Data", **KEY_PROPS)
`,
      [{ at: ['**KEY_PROPS', 'KEY_PROPS'], messageId: 'disabled' }],
      { files: { 'stacks/defaults.py': 'KEY_PROPS = dict(enable_key_rotation=False, description="data")\n' } },
    ),
    invalid(
      'CfnKey without enable_key_rotation, and with False (issue 16)',
      stack(`
        kms.CfnKey(self, "L1Key", description="orders")
        kms.CfnKey(self, "Off", enable_key_rotation=False)
`),
      [
        { at: ['kms.CfnKey(self, "L1Key"', 'kms.CfnKey'], messageId: 'missing' },
        { at: ['enable_key_rotation=False', 'False'], messageId: 'disabled' },
      ],
    ),
  ],
});
