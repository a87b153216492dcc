/**
 * Construct classes the rules care about, by canonical name (`<aws-cdk-lib submodule>.<Class>`;
 * CDK v1 `@aws-cdk/*` and the root barrel map onto the same names).
 */

export const LAMBDA_FUNCTIONS = [
  'aws-lambda.Function',
  'aws-lambda.SingletonFunction',
  'aws-lambda.DockerImageFunction',
  'aws-lambda.CfnFunction',
  'aws-lambda-nodejs.NodejsFunction',
  'aws-lambda-python.PythonFunction',
  'aws-lambda-go.GoFunction',
];

/** L2 functions that accept `role`, `environment`, `initialPolicy` props. */
export const LAMBDA_L2_FUNCTIONS = LAMBDA_FUNCTIONS.filter((n) => !n.endsWith('.CfnFunction'));

/** Things a Lambda permission can be added to (`addPermission`, `grantInvoke`). */
export const LAMBDA_INVOCABLES = [
  ...LAMBDA_L2_FUNCTIONS,
  'aws-lambda.IFunction',
  'aws-lambda.Alias',
  'aws-lambda.Version',
  'aws-lambda.IVersion',
  'aws-lambda.IAlias',
];

export const IAM_ROLES = ['aws-iam.Role', 'aws-iam.IRole', 'aws-iam.LazyRole'];

export const POLICY_STATEMENT = 'aws-iam.PolicyStatement';
export const POLICY_DOCUMENT = 'aws-iam.PolicyDocument';

/** L1 IAM constructs whose props carry inline JSON policy documents. */
export const IAM_L1_WITH_DOCUMENT = ['aws-iam.CfnPolicy', 'aws-iam.CfnManagedPolicy'];
export const IAM_L1_WITH_POLICIES = ['aws-iam.CfnRole', 'aws-iam.CfnUser', 'aws-iam.CfnGroup'];

/** Principals that mean "anyone". */
export const ANY_PRINCIPALS = ['aws-iam.AnyPrincipal', 'aws-iam.StarPrincipal'];

export const EFFECT_DENY = 'aws-iam.Effect.DENY';
export const EFFECT_ALLOW = 'aws-iam.Effect.ALLOW';
