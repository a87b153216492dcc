// Deterministic generator of realistic CDK projects for the benchmark: stacks with props
// objects held in variables, shared constants imported across files, Lambda handlers, and a
// known mix of findings. Same seed and size, same files, byte for byte.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const GENERATOR_VERSION = 1;

function mulberry32(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES = ['orders', 'billing', 'catalog', 'shipping', 'reports', 'users', 'search', 'audit', 'notify', 'ledger'];

function constantsFile(i, rnd) {
  const wildcard = rnd() < 0.3;
  return `// Shared settings for group ${i}.
export const TABLE_ACTIONS_${i} = [${wildcard ? "'dynamodb:*'" : "'dynamodb:GetItem', 'dynamodb:Query'"}];
export const QUEUE_ACTIONS_${i} = ['sqs:SendMessage'];
export const BASE_FUNCTION_PROPS_${i} = {
  memorySize: ${128 * (1 + Math.floor(rnd() * 8))},
  timeout: 30,
  tracing: 'Active',
};
export const RETENTION_DAYS_${i} = ${[7, 14, 30, 90][Math.floor(rnd() * 4)]};
`;
}

function stackFile(i, group, rnd, lines) {
  const svc = SERVICES[i % SERVICES.length];
  const name = `${svc[0].toUpperCase()}${svc.slice(1)}${i}Stack`;
  const out = [];
  out.push(`import * as cdk from 'aws-cdk-lib';`);
  out.push(`import { Construct } from 'constructs';`);
  out.push(rnd() < 0.5 ? `import { aws_iam as iam, aws_dynamodb as dynamodb } from 'aws-cdk-lib';` : `import * as iam from 'aws-cdk-lib/aws-iam';\nimport * as dynamodb from 'aws-cdk-lib/aws-dynamodb';`);
  out.push(`import * as lambda from 'aws-cdk-lib/aws-lambda';`);
  out.push(`import * as sqs from 'aws-cdk-lib/aws-sqs';`);
  out.push(`import { TABLE_ACTIONS_${group}, QUEUE_ACTIONS_${group}, BASE_FUNCTION_PROPS_${group} } from './constants-${group}';`);
  out.push('');
  out.push(`export interface ${name}Props extends cdk.StackProps {`);
  out.push(`  readonly stage: string;`);
  out.push(`}`);
  out.push('');
  out.push(`export class ${name} extends cdk.Stack {`);
  out.push(`  constructor(scope: Construct, id: string, props: ${name}Props) {`);
  out.push(`    super(scope, id, props);`);
  let k = 0;
  while (out.length < lines - 3) {
    k++;
    const roll = rnd();
    out.push('');
    out.push(`    const table${k} = new dynamodb.Table(this, 'Table${k}', {`);
    out.push(`      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },`);
    out.push(`      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,`);
    out.push(`    });`);
    out.push(`    const queue${k} = new sqs.Queue(this, 'Queue${k}', { visibilityTimeout: cdk.Duration.seconds(60) });`);
    out.push(`    const fnProps${k}: lambda.FunctionProps = {`);
    out.push(`      ...BASE_FUNCTION_PROPS_${group},`);
    out.push(`      runtime: lambda.Runtime.NODEJS_20_X,`);
    out.push(`      handler: 'index.handler',`);
    out.push(`      code: lambda.Code.fromAsset('lambda/${svc}'),`);
    out.push(`      environment: { TABLE_NAME: table${k}.tableName, QUEUE_URL: queue${k}.queueUrl, STAGE: props.stage },`);
    out.push(`    } as lambda.FunctionProps;`);
    out.push(`    const fn${k} = new lambda.Function(this, 'Fn${k}', fnProps${k});`);
    if (roll < 0.25) {
      out.push(`    fn${k}.addToRolePolicy(new iam.PolicyStatement({ actions: TABLE_ACTIONS_${group}, resources: ['*'] }));`);
    } else if (roll < 0.4) {
      out.push(`    fn${k}.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:Get*'], resources: ['arn:aws:s3:::exports-${i}/*'] }));`);
    } else {
      out.push(`    table${k}.grantReadWriteData(fn${k});`);
    }
    out.push(`    fn${k}.addToRolePolicy(new iam.PolicyStatement({ actions: QUEUE_ACTIONS_${group}, resources: [queue${k}.queueArn] }));`);
    out.push(`    new cdk.CfnOutput(this, 'Fn${k}Arn', { value: fn${k}.functionArn });`);
  }
  out.push(`  }`);
  out.push(`}`);
  return out.join('\n') + '\n';
}

function handlerFile(i, rnd) {
  return `import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

const client = new DynamoDBClient({});

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const id = event.pathParameters?.id ?? '';
  const result = await client.send(new GetItemCommand({ TableName: process.env.TABLE_NAME, Key: { pk: { S: id } } }));
  ${rnd() < 0.2 ? "console.log('request', JSON.stringify(event));" : "console.log('request id', event.requestContext.requestId);"}
  return { statusCode: result.Item ? 200 : 404, body: JSON.stringify(result.Item ?? {}) };
};
`;
}

/** Write a project of `count` files under `dir`. Returns the list of files. */
export function generateProject(dir, count, { seed = 42, stackLines = 60 } = {}) {
  const rnd = mulberry32(seed);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'lib'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'lambda'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true }, exclude: ['node_modules', 'cdk.out'] }, null, 2));
  fs.writeFileSync(path.join(dir, 'cdk.json'), JSON.stringify({ app: 'npx ts-node bin/app.ts' }));
  const files = [];
  const groups = Math.max(1, Math.round(count / 10));
  for (let g = 0; g < groups && files.length < count; g++) {
    const f = path.join(dir, 'lib', `constants-${g}.ts`);
    fs.writeFileSync(f, constantsFile(g, rnd));
    files.push(f);
  }
  let i = 0;
  while (files.length < count) {
    const isHandler = i % 3 === 2;
    const f = isHandler ? path.join(dir, 'lambda', `handler-${i}.ts`) : path.join(dir, 'lib', `stack-${i}.ts`);
    fs.writeFileSync(f, isHandler ? handlerFile(i, rnd) : stackFile(i, i % groups, rnd, stackLines));
    files.push(f);
    i++;
  }
  fs.writeFileSync(path.join(dir, '.generated'), JSON.stringify({ version: GENERATOR_VERSION, count, seed, stackLines }));
  return files;
}

/** A 300-line stack file for edit-latency runs, inside an existing project. */
export function writeLargeStack(dir, group = 0) {
  const rnd = mulberry32(7);
  const file = path.join(dir, 'lib', 'large-stack.ts');
  fs.writeFileSync(file, stackFile(9999, group, rnd, 300));
  return file;
}

export function ensureProject(dir, count, opts = {}) {
  try {
    const meta = JSON.parse(fs.readFileSync(path.join(dir, '.generated'), 'utf8'));
    if (meta.version === GENERATOR_VERSION && meta.count === count && meta.seed === (opts.seed ?? 42)) return;
  } catch {
    // generate
  }
  generateProject(dir, count, opts);
}

// ---- Python ---------------------------------------------------------------------------------
// The same projects in Python (stacks, shared constants, handlers; the same mix of findings),
// for the Python front end's cold scan and edit latency, compared per line with TypeScript.

function pythonConstantsFile(i, rnd) {
  const wildcard = rnd() < 0.3;
  return `"""Shared settings for group ${i}."""
TABLE_ACTIONS_${i} = [${wildcard ? '"dynamodb:*"' : '"dynamodb:GetItem", "dynamodb:Query"'}]
QUEUE_ACTIONS_${i} = ["sqs:SendMessage"]
BASE_FUNCTION_PROPS_${i} = dict(
    memory_size=${128 * (1 + Math.floor(rnd() * 8))},
    timeout=None,
    tracing=None,
)
RETENTION_DAYS_${i} = ${[7, 14, 30, 90][Math.floor(rnd() * 4)]}
`;
}

function pythonStackFile(i, group, rnd, lines) {
  const svc = SERVICES[i % SERVICES.length];
  const name = `${svc[0].toUpperCase()}${svc.slice(1)}${i}Stack`;
  const out = [];
  out.push('import aws_cdk as cdk');
  out.push('from constructs import Construct');
  out.push(rnd() < 0.5 ? 'from aws_cdk import aws_iam as iam, aws_dynamodb as dynamodb' : 'import aws_cdk.aws_iam as iam\nimport aws_cdk.aws_dynamodb as dynamodb');
  out.push('from aws_cdk import aws_lambda as _lambda');
  out.push('from aws_cdk import aws_sqs as sqs');
  out.push(`from .constants_${group} import TABLE_ACTIONS_${group}, QUEUE_ACTIONS_${group}, BASE_FUNCTION_PROPS_${group}`);
  out.push('');
  out.push('');
  out.push(`class ${name}(cdk.Stack):`);
  out.push(`    def __init__(self, scope: Construct, construct_id: str, *, stage: str, **kwargs) -> None:`);
  out.push(`        super().__init__(scope, construct_id, **kwargs)`);
  let k = 0;
  while (out.length < lines - 3) {
    k++;
    const roll = rnd();
    out.push('');
    out.push(`        table${k} = dynamodb.Table(`);
    out.push(`            self, "Table${k}",`);
    out.push(`            partition_key=dynamodb.Attribute(name="pk", type=dynamodb.AttributeType.STRING),`);
    out.push(`            billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST,`);
    out.push(`        )`);
    out.push(`        queue${k} = sqs.Queue(self, "Queue${k}", visibility_timeout=cdk.Duration.seconds(60))`);
    out.push(`        fn${k} = _lambda.Function(`);
    out.push(`            self, "Fn${k}",`);
    out.push(`            runtime=_lambda.Runtime.PYTHON_3_12,`);
    out.push(`            handler="app.lambda_handler",`);
    out.push(`            code=_lambda.Code.from_asset("lambda/${svc}"),`);
    out.push(`            environment={"TABLE_NAME": table${k}.table_name, "QUEUE_URL": queue${k}.queue_url, "STAGE": stage},`);
    out.push(`            **BASE_FUNCTION_PROPS_${group},`);
    out.push(`        )`);
    if (roll < 0.25) {
      out.push(`        fn${k}.add_to_role_policy(iam.PolicyStatement(actions=TABLE_ACTIONS_${group}, resources=["*"]))`);
    } else if (roll < 0.4) {
      out.push(`        fn${k}.add_to_role_policy(iam.PolicyStatement(actions=["s3:Get*"], resources=["arn:aws:s3:::exports-${i}/*"]))`);
    } else {
      out.push(`        table${k}.grant_read_write_data(fn${k})`);
    }
    out.push(`        fn${k}.add_to_role_policy(iam.PolicyStatement(actions=QUEUE_ACTIONS_${group}, resources=[queue${k}.queue_arn]))`);
    out.push(`        cdk.CfnOutput(self, "Fn${k}Arn", value=fn${k}.function_arn)`);
  }
  return out.join('\n') + '\n';
}

function pythonHandlerFile(i, rnd) {
  return `import json
import os

import boto3

table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])


def lambda_handler(event, context):
    item_id = (event.get("pathParameters") or {}).get("id", "")
    result = table.get_item(Key={"pk": item_id})
    ${rnd() < 0.2 ? 'print("request", json.dumps(event))' : 'print("request id", event["requestContext"]["requestId"])'}
    item = result.get("Item")
    return {"statusCode": 200 if item else 404, "body": json.dumps(item or {})}
`;
}

/** A Python project of `count` files under `dir`, like `generateProject`'s. */
export function generatePythonProject(dir, count, { seed = 42, stackLines = 60 } = {}) {
  const rnd = mulberry32(seed);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'stacks'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'lambda'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'cdk.json'), JSON.stringify({ app: 'python3 app.py' }));
  fs.writeFileSync(path.join(dir, 'stacks', '__init__.py'), '');
  const files = [];
  const groups = Math.max(1, Math.round(count / 10));
  for (let g = 0; g < groups && files.length < count; g++) {
    const f = path.join(dir, 'stacks', `constants_${g}.py`);
    fs.writeFileSync(f, pythonConstantsFile(g, rnd));
    files.push(f);
  }
  let i = 0;
  while (files.length < count) {
    const isHandler = i % 3 === 2;
    const f = isHandler ? path.join(dir, 'lambda', `handler_${i}.py`) : path.join(dir, 'stacks', `stack_${i}.py`);
    fs.writeFileSync(f, isHandler ? pythonHandlerFile(i, rnd) : pythonStackFile(i, i % groups, rnd, stackLines));
    files.push(f);
    i++;
  }
  fs.writeFileSync(path.join(dir, '.generated'), JSON.stringify({ version: GENERATOR_VERSION, language: 'python', count, seed, stackLines }));
  return files;
}

/** A 300-line Python stack for edit-latency runs, inside an existing Python project. */
export function writeLargePythonStack(dir, group = 0) {
  const rnd = mulberry32(7);
  const file = path.join(dir, 'stacks', 'large_stack.py');
  fs.writeFileSync(file, pythonStackFile(9999, group, rnd, 300));
  return file;
}

export function ensurePythonProject(dir, count, opts = {}) {
  try {
    const meta = JSON.parse(fs.readFileSync(path.join(dir, '.generated'), 'utf8'));
    if (meta.version === GENERATOR_VERSION && meta.language === 'python' && meta.count === count && meta.seed === (opts.seed ?? 42)) return;
  } catch {
    // generate
  }
  generatePythonProject(dir, count, opts);
}
