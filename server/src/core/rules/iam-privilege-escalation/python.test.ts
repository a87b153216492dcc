import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/deploy_stack.py';
const { stack } = pyStackFixture(['from aws_cdk import aws_iam as iam'], 'DeployStack');
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);

ruleTester(rule, {
  valid: [
    valid(
      'iam:PassRole scoped to one role; sts:AssumeRole on a specific ARN; Deny statements',
      stack(`
        iam.PolicyStatement(actions=["iam:PassRole"], resources=["arn:aws:iam::111122223333:role/app"])
        iam.PolicyStatement(actions=["sts:AssumeRole"], resources=["arn:aws:iam::111122223333:role/deploy"])
        iam.PolicyStatement(effect=iam.Effect.DENY, actions=["iam:PassRole"], resources=["*"])
`),
    ),
    valid(
      'lambda:CreateFunction alone on *',
      stack(`
        iam.PolicyStatement(actions=["lambda:CreateFunction"], resources=["*"])
`),
    ),
  ],
  invalid: [
    invalid(
      'iam:PassRole and policy-changing actions on *: the range is the action',
      stack(`
        iam.PolicyStatement(actions=["iam:PassRole"], resources=["*"])
        iam.PolicyStatement(actions=["iam:AttachRolePolicy", "s3:GetObject"], resources=["*"])
`),
      [
        { at: ['"iam:PassRole"'], messageId: 'escalation' },
        { at: ['"iam:AttachRolePolicy"'], messageId: 'escalation' },
      ],
    ),
    invalid(
      'add_actions and add_all_resources()',
      stack(`
        s = iam.PolicyStatement()
        s.add_actions("sts:AssumeRole")
        s.add_all_resources()
`),
      [{ at: ['"sts:AssumeRole"'], messageId: 'escalation' }],
    ),
    invalid(
      'a **kwargs dict and a name imported from the project (from .constants)',
      `from aws_cdk.aws_iam import PolicyStatement

from .constants import POLICY_ACTIONS

props = {"actions": ["iam:PutRolePolicy"], "resources": ["*"]}
A = PolicyStatement(**props)
B = PolicyStatement(actions=POLICY_ACTIONS, resources=["*"])
`,
      [
        { at: ['"iam:PutRolePolicy"'], messageId: 'escalation' },
        { at: ['actions=POLICY_ACTIONS', 'POLICY_ACTIONS'], messageId: 'escalation' },
      ],
      { files: { 'stacks/constants.py': 'POLICY_ACTIONS = ["iam:CreatePolicyVersion"]\n' } },
    ),
    invalid(
      'iam:PassRole on a wildcard role ARN (every role of the account, issue 16)',
      stack(`
        iam.PolicyStatement(actions=["iam:PassRole"], resources=["arn:aws:iam::*:role/*"])
`),
      [{ at: ['"iam:PassRole"'], messageId: 'escalation' }],
    ),
  ],
});
