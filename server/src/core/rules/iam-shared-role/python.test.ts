import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/app_stack.py';
const { stack } = pyStackFixture(['from aws_cdk import aws_iam as iam, aws_lambda as lambda_'], 'AppStack');
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);
const ROLE = '        role = iam.Role(self, "HandlerRole", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))';
const fn = (id: string, role: string) =>
  `        lambda_.Function(self, "${id}", runtime=lambda_.Runtime.PYTHON_3_12, handler="${id.toLowerCase()}.handler", code=lambda_.Code.from_asset("lambda"), ${role})`;

ruleTester(rule, {
  valid: [
    valid(
      'a role used by one function; each function with its own role',
      stack(`
${ROLE}
${fn('Orders', 'role=role')}
        payments_role = iam.Role(self, "PaymentsRole", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
${fn('Payments', 'role=payments_role')}
`),
    ),
    valid(
      'a local class called Role',
      stack(`
        role = Role()
${fn('Orders', 'role=role')}
${fn('Payments', 'role=role')}


class Role:
    pass
`),
    ),
  ],
  invalid: [
    invalid(
      'one role passed to two functions: each role keyword is a finding, linked to the other',
      stack(`
${ROLE}
${fn('Orders', 'role=role')}
${fn('Payments', 'role=role')}
`),
      [
        { at: ['role=role'], messageId: 'shared', related: [{ line: 11 }] },
        { at: ['role=role', 'role=role', 1], messageId: 'shared', related: [{ line: 10 }] },
      ],
    ),
    invalid(
      'shared props in a **kwargs dict spread into two functions; named imports',
      `from aws_cdk import Stack
from aws_cdk.aws_iam import Role, ServicePrincipal
from aws_cdk.aws_lambda import Code, Function, Runtime
from constructs import Construct


class AppStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        role = Role(self, "HandlerRole", assumed_by=ServicePrincipal("lambda.amazonaws.com"))
        common = {"runtime": Runtime.PYTHON_3_12, "code": Code.from_asset("lambda"), "role": role}
        Function(self, "Get", handler="get.handler", **common)
        Function(self, "Put", handler="put.handler", **common)
`,
      [
        { at: ['**common'], messageId: 'shared' },
        { at: ['**common', '**common', 1], messageId: 'shared' },
      ],
    ),
  ],
});
