import * as ts from 'typescript';
import { LAMBDA_FUNCTIONS } from '../cdk/constructs';
import { calleeName, FileContext } from '../model/fileContext';
import { isExportsObject, isModuleExports } from '../model/exports';
import { isCdkModule } from '../model/imports';
import type { Resolver } from '../model/resolver';
import { asBoolean, fqnIs, prop, Value } from '../model/values';
import type { Range } from '../types';

/**
 * What one file defines that project-wide judgements need: which constructs are present, with
 * the few properties that matter (is the trail multi-region, is the function in a VPC). It is
 * recorded with the file's analysis and cached with its result, so the checklist is computed
 * from every file's inventory without analysing anything again.
 */

export type ConstructKind =
  'lambda' | 'handler' | 'vpc' | 'vpcEndpoint' | 'restApi' | 'httpApi' | 'dataStore' | 'trail' | 'wafAssociation' | 'guardDutyDetector';

export type Trait = 'in-vpc' | 'multi-region' | 'enabled';

export interface InventoryEntry {
  kind: ConstructKind;
  /**
   * The `new X` head or the call, for kinds a checklist item can require (shown as where the
   * requirement is met). Other kinds only decide whether an item applies, so they save the
   * line map a range would cost.
   */
  range?: Range;
  traits?: Trait[];
}

/** Kinds a checklist item can require: their entries carry a range. */
const LOCATED: ReadonlySet<ConstructKind> = new Set(['trail', 'wafAssociation', 'guardDutyDetector', 'vpcEndpoint']);

/** Plain data: it travels with `FileResult` (and across worker threads). */
export interface FileInventory {
  /** The file imports AWS CDK (`aws-cdk-lib`, CDK v1 `@aws-cdk/*`). */
  cdk: boolean;
  entries: InventoryEntry[];
}

const KINDS: Array<{ kind: ConstructKind; classes: string[] }> = [
  { kind: 'lambda', classes: LAMBDA_FUNCTIONS },
  { kind: 'vpc', classes: ['aws-ec2.Vpc', 'aws-ec2.CfnVPC'] },
  { kind: 'vpcEndpoint', classes: ['aws-ec2.GatewayVpcEndpoint', 'aws-ec2.InterfaceVpcEndpoint', 'aws-ec2.CfnVPCEndpoint'] },
  {
    kind: 'restApi',
    classes: [
      'aws-apigateway.RestApi',
      'aws-apigateway.LambdaRestApi',
      'aws-apigateway.SpecRestApi',
      'aws-apigateway.StepFunctionsRestApi',
      'aws-apigateway.CfnRestApi',
    ],
  },
  { kind: 'httpApi', classes: ['aws-apigatewayv2.HttpApi', 'aws-apigatewayv2.WebSocketApi', 'aws-apigatewayv2.CfnApi'] },
  {
    kind: 'dataStore',
    classes: [
      'aws-s3.Bucket',
      'aws-s3.CfnBucket',
      'aws-dynamodb.Table',
      'aws-dynamodb.TableV2',
      'aws-dynamodb.CfnTable',
      'aws-dynamodb.CfnGlobalTable',
      'aws-sqs.Queue',
      'aws-sqs.CfnQueue',
      'aws-sns.Topic',
      'aws-sns.CfnTopic',
      'aws-logs.LogGroup',
      'aws-logs.CfnLogGroup',
      'aws-kinesis.Stream',
      'aws-kinesis.CfnStream',
      'aws-rds.DatabaseInstance',
      'aws-rds.DatabaseCluster',
      'aws-rds.ServerlessCluster',
      'aws-efs.FileSystem',
    ],
  },
  { kind: 'trail', classes: ['aws-cloudtrail.Trail', 'aws-cloudtrail.CfnTrail'] },
  { kind: 'wafAssociation', classes: ['aws-wafv2.CfnWebACLAssociation'] },
  { kind: 'guardDutyDetector', classes: ['aws-guardduty.CfnDetector'] },
];

/** The class names above: a `new X` whose name is none of these (nor an import alias) is skipped unresolved. */
const CLASS_NAMES = new Set(KINDS.flatMap((k) => k.classes.map((c) => c.slice(c.lastIndexOf('.') + 1))));

/** Static factories that stand for an existing VPC the project uses. */
const VPC_LOOKUPS = ['aws-ec2.Vpc.fromLookup', 'aws-ec2.Vpc.fromVpcAttributes'];

/** `vpc.addGatewayEndpoint(...)`: names no other AWS CDK API uses. */
const ENDPOINT_METHODS = ['addGatewayEndpoint', 'addInterfaceEndpoint'];

export function collectInventory(file: FileContext, resolver: Resolver): FileInventory {
  const entries: InventoryEntry[] = [];
  const add = (kind: ConstructKind, node: ts.Node, traits: Trait[] = []) => {
    const range = LOCATED.has(kind) ? (ts.isNewExpression(node) ? file.headRange(node) : file.range(node)) : undefined;
    entries.push({ kind, ...(range ? { range } : {}), ...(traits.length ? { traits } : {}) });
  };
  const props = (expr: ts.NewExpression, index = 2): Value | undefined => {
    const arg = expr.arguments?.[index];
    return arg ? resolver.resolve(arg, file) : undefined;
  };
  for (const expr of file.index.newExpressions) {
    const name = calleeName(expr.expression);
    if (name === undefined || !(CLASS_NAMES.has(name) || file.imports.has(name))) continue;
    const fqn = resolver.fqn(expr.expression, file);
    if (!fqn) continue;
    const found = KINDS.find((k) => fqnIs(fqn, ...k.classes));
    if (!found) continue;
    add(
      found.kind,
      expr,
      traitsOf(found.kind, fqn, () => props(expr)),
    );
    // `new ec2.Vpc(this, 'Vpc', { gatewayEndpoints: { S3: … } })` adds endpoints too.
    if (found.kind === 'vpc' && hasEntries(prop(props(expr), 'gatewayEndpoints')?.value)) {
      add('vpcEndpoint', expr);
    }
  }
  for (const name of ENDPOINT_METHODS) {
    for (const call of file.index.callsByName.get(name) ?? []) {
      if (ts.isPropertyAccessExpression(call.expression)) add('vpcEndpoint', call.expression.name);
    }
  }
  for (const call of file.index.callsByName.get('fromLookup') ?? []) addLookup(call);
  for (const call of file.index.callsByName.get('fromVpcAttributes') ?? []) addLookup(call);
  for (const node of exportedHandlers(file.sf)) add('handler', node);
  const cdk = [...file.imports.values()].some((binding) => isCdkModule(binding.module));
  return { cdk, entries };

  function addLookup(call: ts.CallExpression): void {
    if (fqnIs(resolver.fqn(call.expression, file), ...VPC_LOOKUPS)) add('vpc', call.expression);
  }
}

/** The traits that matter for a kind; `props` is resolved only for kinds that have any. */
function traitsOf(kind: ConstructKind, fqn: string, props: () => Value | undefined): Trait[] {
  switch (kind) {
    case 'lambda': {
      // L2 functions take `vpc`; the L1 `CfnFunction` takes `vpcConfig`.
      const entry = prop(props(), fqnIs(fqn, 'aws-lambda.CfnFunction') ? 'vpcConfig' : 'vpc');
      return entry && entry.value.kind !== 'nullish' ? ['in-vpc'] : [];
    }
    case 'trail': {
      // `cloudtrail.Trail` is multi-region unless told otherwise; the L1 `CfnTrail` only when told so.
      const flag = asBoolean(prop(props(), 'isMultiRegionTrail')?.value);
      const multi = fqnIs(fqn, 'aws-cloudtrail.CfnTrail') ? flag === true : flag !== false;
      return multi ? ['multi-region'] : [];
    }
    case 'guardDutyDetector':
      return asBoolean(prop(props(), 'enable')?.value) === false ? [] : ['enabled'];
    default:
      return [];
  }
}

/** An object with at least one property, or a value we cannot see into (assume it has some). */
function hasEntries(value: Value | undefined): boolean {
  if (!value || value.kind === 'nullish') return false;
  if (value.kind === 'object') return value.props.size > 0 || !value.complete;
  return true;
}

/**
 * The names a file exports a Lambda handler under: `export const handler = …`,
 * `export [async] function handler`, `export { x as handler }`, `exports.handler = …`,
 * `module.exports.handler = …`, `module.exports = { handler }`.
 */
export function exportedHandlers(sf: ts.SourceFile): ts.Node[] {
  const out: ts.Node[] = [];
  const isExported = (node: ts.Node) =>
    ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of sf.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name?.text === 'handler' && isExported(statement)) {
      out.push(statement.name);
    } else if (ts.isVariableStatement(statement) && isExported(statement)) {
      for (const decl of statement.declarationList.declarations) {
        if (ts.isIdentifier(decl.name) && decl.name.text === 'handler') out.push(decl.name);
      }
    } else if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) if (element.name.text === 'handler') out.push(element.name);
    } else if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression)) {
      const { left, right, operatorToken } = statement.expression;
      if (operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
      if (ts.isPropertyAccessExpression(left) && left.name.text === 'handler' && isExportsObject(left.expression)) {
        out.push(left.name);
      } else if (isModuleExports(left) && ts.isObjectLiteralExpression(right)) {
        for (const p of right.properties) {
          if (p.name && ts.isIdentifier(p.name) && p.name.text === 'handler') out.push(p.name);
        }
      }
    }
  }
  return out;
}
