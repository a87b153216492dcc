import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/app_stack.py';
const { stack } = pyStackFixture(['from aws_cdk import aws_iam as iam'], 'AppStack');
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);

ruleTester(rule, {
  valid: [
    valid(
      'actions that only work on *: X-Ray, PutMetricData, ENI management',
      stack(`
        iam.PolicyStatement(actions=["xray:PutTraceSegments", "xray:PutTelemetryRecords"], resources=["*"])
        iam.PolicyStatement(actions=["cloudwatch:PutMetricData"], resources=["*"])
        s = iam.PolicyStatement(actions=["ec2:DescribeNetworkInterfaces"])
        s.add_all_resources()
`),
    ),
    valid(
      'Deny statements on *, and resources scoped to ARNs',
      stack(`
        iam.PolicyStatement(effect=iam.Effect.DENY, actions=["s3:DeleteObject"], resources=["*"])
        iam.PolicyStatement(actions=["s3:GetObject"], resources=["arn:aws:s3:::bucket/*"])
`),
    ),
  ],
  invalid: [
    invalid(
      "resources=['*'] for an Allow statement: the range is the '*'",
      stack(`
        iam.PolicyStatement(actions=["dynamodb:GetItem"], resources=["*"])
`),
      [{ at: ['resources=["*"]', '"*"'], messageId: 'star' }],
    ),
    invalid(
      'add_all_resources() at the call, add_resources("*") at the argument',
      stack(`
        a = iam.PolicyStatement(actions=["sqs:SendMessage"])
        a.add_all_resources()
        b = iam.PolicyStatement(actions=["sns:Publish"])
        b.add_resources("*")
`),
      [
        { at: ['a.add_all_resources()'], messageId: 'allResources' },
        { at: ['add_resources("*")', '"*"'], messageId: 'star' },
      ],
    ),
    invalid(
      "JSON Resource: '*' (PolicyStatement.from_json)",
      stack(`
        iam.PolicyStatement.from_json({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"})
`),
      [{ at: ['"Resource": "*"', '"*"'], messageId: 'star' }],
    ),
    invalid(
      'named import; resources in a module constant; imported from the project',
      `from aws_cdk.aws_iam import PolicyStatement

from .constants import EVERYTHING

ALL = ["*"]

A = PolicyStatement(actions=["sqs:SendMessage"], resources=ALL)
B = PolicyStatement(actions=["sns:Publish"], resources=EVERYTHING)
`,
      [
        { at: ['ALL = ["*"]', '"*"'], messageId: 'star' },
        { at: ['resources=EVERYTHING', 'EVERYTHING'], messageId: 'star' },
      ],
      { files: { 'stacks/constants.py': 'EVERYTHING = ["*"]\n' } },
    ),
  ],
});
