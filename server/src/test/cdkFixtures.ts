/**
 * Building blocks for rule-test fixtures: real CDK stack classes around the lines a case is
 * about, so every test reads like an app and line numbers stay predictable.
 */

export interface StackFixture {
  /** Everything before the body: imports and the stack class up to `super(...)`. */
  header: string;
  /** 1-based line number of the body's first line. */
  firstBodyLine: number;
  /** Wrap constructor-body lines (already indented by four spaces) into a whole file. */
  stack(body: string): string;
}

/**
 * A stack file: `import * as cdk from 'aws-cdk-lib'`, `Construct`, then `imports` (whole
 * import lines), then `export class <className> extends cdk.Stack` with a standard constructor.
 */
export function stackFixture(imports: string[], className = 'AppStack'): StackFixture {
  const header = [
    `import * as cdk from 'aws-cdk-lib';`,
    `import { Construct } from 'constructs';`,
    ...imports,
    '',
    `export class ${className} extends cdk.Stack {`,
    `  constructor(scope: Construct, id: string, props?: cdk.StackProps) {`,
    `    super(scope, id, props);`,
    '',
  ].join('\n');
  return {
    header,
    firstBodyLine: header.split('\n').length,
    stack: (body: string) => `${header}${body.replace(/^\n/, '').replace(/\n\s*$/, '')}\n  }\n}\n`,
  };
}

/**
 * A `lambda.Function` bound to `name`, indented for a constructor body: five lines, plus one
 * line per entry of `extraProps` (written inside the props object, e.g. `environment: {`).
 */
export function lambdaFunction(name = 'fn', id = 'Handler', asset = 'lambda', extraProps: string[] = []): string {
  return [
    `    const ${name} = new lambda.Function(this, '${id}', {`,
    `      runtime: lambda.Runtime.NODEJS_20_X,`,
    `      handler: 'index.handler',`,
    `      code: lambda.Code.fromAsset('${asset}'),`,
    ...extraProps.map((line) => `      ${line}`),
    `    });`,
  ].join('\n');
}

/**
 * A whole stack file: a DynamoDB table `orders` and a function `fn` in a constructor, then
 * `policy` (constructor-body lines, indented by four spaces). The first policy line is line 16.
 */
export function ordersStack(policy: string): string {
  return `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';

export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const orders = new dynamodb.Table(this, 'Orders', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
${lambdaFunction('fn', 'Fn').replace("fromAsset('lambda'),", "fromAsset('lambda'), logRetention: cdk.aws_logs.RetentionDays.ONE_MONTH,")}
${policy}
  }
}
`;
}

/** A function whose logs never expire: `logs-retention` reports each one, with the same message. */
export const retentionlessFunction = (id: string, indent = '    ') =>
  `${indent}new lambda.Function(this, '${id}', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('lambda') });\n`;

/** A stack whose constructor holds `body` (lines indented for it, each ending with a newline). */
export function functionStack(body: string): string {
  return `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as lambda from 'aws-cdk-lib/aws-lambda';

export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
${body}  }
}
`;
}
