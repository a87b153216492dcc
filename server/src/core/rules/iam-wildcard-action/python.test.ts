import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/app_stack.py';
const { stack } = pyStackFixture(['from aws_cdk import aws_iam as iam, aws_lambda as lambda_'], 'AppStack');
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);

const FN = `        fn = lambda_.Function(
            self, "Handler", runtime=lambda_.Runtime.PYTHON_3_12, handler="app.lambda_handler", code=lambda_.Code.from_asset("lambda")
        )`;

ruleTester(rule, {
  valid: [
    valid(
      'explicit actions; wildcards in resources and conditions are not actions',
      stack(`
${FN}
        fn.add_to_role_policy(iam.PolicyStatement(actions=["dynamodb:GetItem", "dynamodb:PutItem"], resources=["*"]))
        fn.add_to_role_policy(
            iam.PolicyStatement(
                actions=["s3:GetObject"],
                resources=["arn:aws:s3:::bucket/*"],
                conditions={"StringLike": {"s3:prefix": ["*"]}},
            )
        )
`),
    ),
    valid(
      'Deny statements, inline and in JSON',
      stack(`
${FN}
        fn.add_to_role_policy(iam.PolicyStatement(effect=iam.Effect.DENY, actions=["*"], resources=["*"]))
        iam.PolicyStatement.from_json({"Effect": "Deny", "Action": "s3:*", "Resource": "*"})
`),
    ),
    valid(
      'a local class called PolicyStatement',
      `class PolicyStatement:
    def __init__(self, actions=None, resources=None):
        self.actions = actions


STATEMENT = PolicyStatement(actions=["*"], resources=["*"])
`,
    ),
  ],
  invalid: [
    invalid(
      "'*' allows every action; 's3:*' a service; 's3:Get*' is partial (a warning)",
      stack(`
${FN}
        fn.add_to_role_policy(iam.PolicyStatement(actions=["*"], resources=["*"]))
        fn.add_to_role_policy(iam.PolicyStatement(actions=["s3:*"], resources=["*"]))
        fn.add_to_role_policy(iam.PolicyStatement(actions=["s3:Get*"], resources=["*"]))
`),
      [
        { at: ['actions=["*"]', '"*"'], messageId: 'full' },
        { at: ['"s3:*"'], messageId: 'service' },
        { at: ['"s3:Get*"'], messageId: 'partial', severity: 'warning' },
      ],
    ),
    invalid(
      'add_actions on a statement',
      stack(`
${FN}
        statement = iam.PolicyStatement(resources=["*"])
        statement.add_actions("dynamodb:*")
        fn.add_to_role_policy(statement)
`),
      [{ at: ['"dynamodb:*"'], messageId: 'service' }],
    ),
    invalid(
      'PolicyStatement.from_json, PolicyDocument.from_json and inline JSON in CfnPolicy',
      stack(`
        iam.PolicyStatement.from_json({"Effect": "Allow", "Action": "sqs:*", "Resource": "*"})
        iam.PolicyDocument.from_json({"Statement": [{"Effect": "Allow", "Action": ["sns:*"], "Resource": "*"}]})
        iam.CfnPolicy(
            self,
            "Inline",
            policy_name="inline",
            policy_document={"Version": "2012-10-17", "Statement": [{"Action": "*", "Resource": "*"}]},
        )
`),
      [
        { at: ['"sqs:*"'], messageId: 'service' },
        { at: ['"sns:*"'], messageId: 'service' },
        { at: ['"Action": "*"', '"*"'], messageId: 'full' },
      ],
    ),
    invalid(
      'from aws_cdk.aws_iam import PolicyStatement; import aws_cdk as cdk; CDK v1',
      `import aws_cdk as cdk
from aws_cdk import core
from aws_cdk.aws_iam import PolicyStatement

A = PolicyStatement(actions=["ec2:*"], resources=["*"])
B = cdk.aws_iam.PolicyStatement(actions=["kms:*"], resources=["*"])
`,
      [
        { at: ['"ec2:*"'], messageId: 'serviceNoFix' },
        { at: ['"kms:*"'], messageId: 'service' },
      ],
    ),
    invalid(
      'actions in a module constant, a **kwargs dict and a dict(...)',
      `from aws_cdk import Stack, aws_iam as iam
from constructs import Construct

ACTIONS = ["dynamodb:*"]


class AppStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        iam.PolicyStatement(actions=ACTIONS, resources=["*"])
        props = {"actions": ["s3:*"], "resources": ["*"]}
        iam.PolicyStatement(**props)
        iam.PolicyStatement(**dict(actions=["sqs:*"], resources=["*"]))
`,
      [
        { at: ['"dynamodb:*"'], messageId: 'service', related: [{ line: 10 }] },
        { at: ['"s3:*"'], messageId: 'service' },
        { at: ['"sqs:*"'], messageId: 'service' },
      ],
    ),
    invalid(
      'a constant imported from the project (from .constants, from stacks.constants): reported at the use',
      `from aws_cdk import aws_iam as iam

from .constants import ACTIONS
from stacks.constants import MORE_ACTIONS

A = iam.PolicyStatement(actions=ACTIONS, resources=["*"])
B = iam.PolicyStatement(actions=MORE_ACTIONS, resources=["*"])
`,
      [
        { at: ['actions=ACTIONS', 'ACTIONS'], messageId: 'serviceNoFix', related: [{ file: 'stacks/constants.py', line: 1 }] },
        { at: ['actions=MORE_ACTIONS', 'MORE_ACTIONS'], messageId: 'serviceNoFix', related: [{ file: 'stacks/constants.py', line: 2 }] },
      ],
      { files: { 'stacks/constants.py': 'ACTIONS = ["dynamodb:*"]\nMORE_ACTIONS = ["s3:*"]\n' } },
    ),
  ],
});
