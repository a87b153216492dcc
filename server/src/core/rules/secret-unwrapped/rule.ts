import * as ts from 'typescript';
import { createRule, RuleContext } from '../../rule';
import { lookup } from '../../model/lookup';
import { fqnIs, instanceFqn, propValue, Value } from '../../model/values';
import { PLAINTEXT_METHODS } from '../../secrets/sites';

/**
 * Where a CDK app can put a string that ends up readable in the template or the resource: each
 * place with what a message calls it. A Lambda `environment` is not here: that is secret-in-env's.
 * Properties typed as secrets (`masterUserPassword`, `secretStringValue`) are not sinks: there
 * CloudFormation resolves the dynamic reference and keeps the value out of sight.
 */
const SINKS = {
  output: 'a stack output',
  tag: 'a tag',
  parameter: 'an SSM parameter',
  userData: 'EC2 user data',
  container: "a container's environment",
  customResource: "a custom resource's properties",
} as const;
type Sink = keyof typeof SINKS;

/** Construct classes and the property path whose value is a sink. */
const PROPERTY_SINKS: Array<{ classes: string[]; path: string[]; sink: Sink }> = [
  { classes: ['aws-cdk-lib.CfnOutput'], path: ['value'], sink: 'output' },
  { classes: ['aws-ssm.StringParameter', 'aws-ssm.CfnParameter'], path: ['stringValue'], sink: 'parameter' },
  { classes: ['aws-ssm.CfnParameter'], path: ['value'], sink: 'parameter' },
  { classes: ['aws-ssm.StringListParameter'], path: ['stringListValue'], sink: 'parameter' },
  { classes: ['aws-ecs.ContainerDefinition'], path: ['environment'], sink: 'container' },
  { classes: ['aws-cdk-lib.CustomResource'], path: ['properties'], sink: 'customResource' },
  { classes: ['custom-resources.AwsCustomResource'], path: ['onCreate', 'parameters'], sink: 'customResource' },
  { classes: ['custom-resources.AwsCustomResource'], path: ['onUpdate', 'parameters'], sink: 'customResource' },
  { classes: ['aws-cdk-lib.Tag'], path: [], sink: 'tag' },
];

/** Props of any construct whose value is a sink: L1 and L2 `tags`, `userData` strings, ECS patterns' `taskImageOptions`. */
const ANY_CONSTRUCT_SINKS: Array<{ path: string[]; sink: Sink }> = [
  { path: ['tags'], sink: 'tag' },
  { path: ['userData'], sink: 'userData' },
  { path: ['launchTemplateData', 'userData'], sink: 'userData' },
  { path: ['taskImageOptions', 'environment'], sink: 'container' },
  { path: ['containerDefinitions'], sink: 'container' },
];

const MAX_DEPTH = 6;

export default createRule({
  meta: {
    id: 'secret-unwrapped',
    title: 'Secret value unwrapped into the template',
    description:
      "`unsafeUnwrap()` of a secret placed where CloudFormation shows it in plain text (a stack output, a tag, an SSM parameter, EC2 user data, a container's environment, custom resource properties): anyone who can read the stack or the resource reads the secret.",
    defaultSeverity: 'error',
    category: 'secrets',
    cwe: ['CWE-312', 'CWE-200'],
    guideSection: 'function-security.md#secrets-management',
    fixable: false,
    appliesTo: 'cdk',
    messages: {
      unwrapped:
        "unsafeUnwrap() puts the secret's value into {{sink}}, which CloudFormation stores and shows in plain text to anyone who can read the stack or the resource. Pass the secret's ARN or name instead and read the value at run time (ECS containers: the secrets property).",
    },
  },
  check(ctx) {
    const seen = new Set<ts.Node>();
    const judge = (value: Value | undefined, sink: Sink) => {
      for (const found of unwrapsIn(ctx, value, 0)) {
        if (seen.has(found.node)) continue;
        seen.add(found.node);
        ctx.report({ at: found, messageId: 'unwrapped', data: { sink: SINKS[sink] } });
      }
    };

    for (const { classes, path, sink } of PROPERTY_SINKS) {
      for (const expr of ctx.newExpressions(...classes)) {
        if (path.length === 0) {
          // `new Tag(key, value)`
          judge(expr.arguments?.[1] ? ctx.resolve(expr.arguments[1]) : undefined, sink);
          continue;
        }
        const found = lookup(ctx.constructProps(expr), ...path);
        if (found.state === 'set') judge(found.value, sink);
      }
    }
    for (const expr of ctx.file.index.newExpressions) {
      if (!expr.arguments || expr.arguments.length < 3 || !isCdk(ctx.fqn(expr.expression))) continue;
      const props = ctx.constructProps(expr);
      for (const { path, sink } of ANY_CONSTRUCT_SINKS) {
        const found = lookup(props, ...path);
        if (found.state === 'set') judge(found.value, sink);
      }
    }

    // `Tags.of(scope).add(key, value)`
    for (const call of ctx.calls('add')) {
      if (!ts.isPropertyAccessExpression(call.expression) || !call.arguments[1]) continue;
      const receiver = ctx.resolve(call.expression.expression);
      if (receiver.kind === 'call' && fqnIs(receiver.fqn, 'aws-cdk-lib.Tags.of')) judge(ctx.resolve(call.arguments[1]), 'tag');
    }
    // `userData.addCommands(...)`, `UserData.custom(text)`
    for (const call of ctx.calls('addCommands', 'addOnExitCommands')) {
      for (const arg of call.arguments) judge(ctx.resolve(ts.isSpreadElement(arg) ? arg.expression : arg), 'userData');
    }
    for (const call of ctx.staticCalls('aws-ec2.UserData.custom')) judge(call.arguments[0] && ctx.resolve(call.arguments[0]), 'userData');
    // `taskDefinition.addContainer(id, { environment })`, `container.addEnvironment(key, value)`
    for (const call of ctx.calls('addContainer')) {
      judge(call.arguments[1] ? propValue(ctx.resolve(call.arguments[1]), 'environment') : undefined, 'container');
    }
    for (const call of ctx.calls('addEnvironment')) {
      if (!ts.isPropertyAccessExpression(call.expression) || !call.arguments[1]) continue;
      const receiver = ctx.resolve(call.expression.expression);
      if (fqnIs(instanceFqn(receiver), 'aws-ecs.ContainerDefinition')) judge(ctx.resolve(call.arguments[1]), 'container');
    }
  },
});

function isCdk(fqn: string | undefined): boolean {
  return !!fqn && (fqn.startsWith('aws-cdk-lib') || fqn.startsWith('aws-'));
}

/**
 * The secret values a sink's value turns into text: `x.unsafeUnwrap()` of any `SecretValue` but
 * a plain-text one (secret-plaintext-value's), and a `SecretValue` read as a string (its
 * `toString()`, or a template literal around it). Followed through objects, arrays, templates and
 * the arguments of calls that build strings (`Fn.join`, `Fn.base64`, `JSON.stringify`).
 */
function unwrapsIn(ctx: RuleContext, value: Value | undefined, depth: number): Value[] {
  if (!value || depth > MAX_DEPTH) return [];
  const deeper = (v: Value | undefined) => unwrapsIn(ctx, v, depth + 1);
  switch (value.kind) {
    case 'call': {
      const callee = value.expr.expression;
      if (ts.isPropertyAccessExpression(callee) && value.expr.arguments.length === 0) {
        const method = callee.name.text;
        if (method === 'unsafeUnwrap' || method === 'toString') {
          const receiver = ctx.resolver.resolveWithin(callee.expression, value);
          if (isSecretValue(receiver) && !(receiver.kind === 'call' && fqnIs(receiver.fqn, ...PLAINTEXT_METHODS))) return [value];
          if (method === 'unsafeUnwrap') return [];
        }
      }
      if (value.fqn && fqnIs(value.fqn, ...PLAINTEXT_METHODS)) return [];
      return value.expr.arguments.flatMap((a) => deeper(ctx.resolver.resolveWithin(ts.isSpreadElement(a) ? a.expression : a, value)));
    }
    case 'template':
      return value.parts.flatMap((p) => (typeof p === 'string' ? [] : isSecretValue(p) ? [p] : deeper(p)));
    case 'array':
      return value.elements.flatMap(deeper);
    case 'object':
      return [...value.props.values()].flatMap((e) => deeper(e.value));
    case 'either':
      return value.options.flatMap(deeper);
    default:
      return [];
  }
}

/** A `SecretValue`: `secret.secretValue`, `secret.secretValueFromJson(k)`, `SecretValue.secretsManager(...)` and the other factories. */
function isSecretValue(value: Value): boolean {
  if (value.kind === 'attr') return value.name === 'secretValue';
  if (value.kind === 'call') return value.name === 'secretValueFromJson' || /(^|\.)SecretValue\.\w+$/.test(value.fqn ?? '');
  return value.kind === 'typed' && fqnIs(value.fqn, 'aws-cdk-lib.SecretValue');
}
