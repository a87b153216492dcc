import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/payments_stack.py';
const { stack } = pyStackFixture(['from aws_cdk import aws_lambda as lambda_, aws_secretsmanager as secretsmanager'], 'PaymentsStack');
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);
const FN = 'runtime=lambda_.Runtime.PYTHON_3_12, handler="app.lambda_handler", code=lambda_.Code.from_asset("lambda")';

ruleTester(rule, {
  valid: [
    valid(
      'tokens: a secret ARN, a table name; Powertools settings; an empty value',
      stack(`
        secret = secretsmanager.Secret(self, "DbSecret")
        lambda_.Function(
            self,
            "Charge",
            ${FN},
            environment={
                "DB_SECRET_ARN": secret.secret_arn,
                "TABLE_NAME": "payments",
                "POWERTOOLS_SERVICE_NAME": "payments",
                "API_KEY": "",
            },
        )
`),
    ),
    valid(
      'add_environment on something that is not a function: ECS containers',
      `from aws_cdk import aws_ecs as ecs


def worker(scope, task_definition: ecs.TaskDefinition):
    container = task_definition.add_container("Worker", image=ecs.ContainerImage.from_registry("worker"))
    container.add_environment("API_TOKEN", "Xk9#mP2$vL5qR8wZ")
    sidecar = ecs.ContainerDefinition(scope, "Sidecar", task_definition=task_definition, image=ecs.ContainerImage.from_registry("proxy"))
    sidecar.add_environment("API_TOKEN", "Xk9#mP2$vL5qR8wZ")
`,
    ),
  ],
  invalid: [
    invalid(
      'a literal under a secret-looking key: the range is the value',
      stack(`
        lambda_.Function(
            self,
            "Charge",
            ${FN},
            environment={"TABLE_NAME": "payments", "DB_PASSWORD": "Xk9#mP2$vL5qR8wZ"},
        )
`),
      [{ at: ['"Xk9#mP2$vL5qR8wZ"'], messageId: 'name' }],
    ),
    invalid(
      'secret_value.unsafe_unwrap() and secret_value_from_json(...).unsafe_unwrap()',
      stack(`
        secret = secretsmanager.Secret(self, "Api")
        lambda_.Function(
            self,
            "Charge",
            ${FN},
            environment={
                "API_TOKEN": secret.secret_value.unsafe_unwrap(),
                "CLIENT_SECRET": secret.secret_value_from_json("clientSecret").unsafe_unwrap(),
            },
        )
`),
      [
        { at: ['secret.secret_value.unsafe_unwrap()'], messageId: 'unwrap' },
        { at: ['secret.secret_value_from_json("clientSecret").unsafe_unwrap()'], messageId: 'unwrap' },
      ],
    ),
    invalid(
      'fn.add_environment(key, value)',
      stack(`
        fn = lambda_.Function(self, "Charge", ${FN})
        fn.add_environment("STRIPE_KEY", "Xk9#mP2$vL5qR8wZ")
`),
      [{ at: ['"Xk9#mP2$vL5qR8wZ"'], messageId: 'name' }],
    ),
    invalid(
      'the environment in a module constant, and imported from the project; named imports',
      `from aws_cdk import Stack
from aws_cdk.aws_lambda import Code, Function, Runtime
from constructs import Construct

from .settings import SHARED_ENV

ENV = {"DB_PASSWORD": "Xk9#mP2$vL5qR8wZ"}


class PaymentsStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        Function(self, "A", runtime=Runtime.PYTHON_3_12, handler="a.handler", code=Code.from_asset("a"), environment=ENV)
        Function(self, "B", runtime=Runtime.PYTHON_3_12, handler="b.handler", code=Code.from_asset("b"), environment=SHARED_ENV)
`,
      [
        { at: ['"Xk9#mP2$vL5qR8wZ"'], messageId: 'name' },
        { at: ['environment=SHARED_ENV', 'SHARED_ENV'], messageId: 'name' },
      ],
      { files: { 'stacks/settings.py': 'SHARED_ENV = {"SIGNING_SECRET": "Qw7!rT4#yU1@pL9z"}\n' } },
    ),
  ],
});
