import { LAMBDA_L2_FUNCTIONS } from './constructs';
import { actionPattern, serviceOf, wildcardKind } from './policy';
import { expandAction } from './iamData';

/**
 * The grants table of the rule catalog, as data: for each service, the resource constructs
 * that have grant methods, the groups of actions those methods give, and which method (or
 * methods) a set of groups calls for. The explicit action lists are spelled out, without
 * wildcards, so replacing `s3:*` with them never trades one finding for another.
 */

export interface ActionGroup {
  name: string;
  actions: string[];
}

export interface ServiceGrants {
  service: string;
  label: string;
  /** Resource construct classes (and their interfaces) that carry the grant methods. */
  classes: string[];
  /** Attribute with the resource's ARN, for the wildcard-resource fix. */
  arnAttributes: string[];
  /** A typical variable name, for messages: `table` → "for example table.tableArn". */
  exampleName: string;
  groups: ActionGroup[];
  /** Groups touched (sorted, joined with `+`) → grant methods to call. */
  methods: Record<string, string[]>;
  /** What a service-wide wildcard (`svc:*`) becomes. */
  wildcard: string[];
}

const q = (service: string, names: string[]) => names.map((n) => `${service}:${n}`);

export const GRANTS: ServiceGrants[] = [
  {
    service: 'dynamodb',
    exampleName: 'table',
    label: 'DynamoDB table',
    classes: ['aws-dynamodb.Table', 'aws-dynamodb.TableV2', 'aws-dynamodb.ITable', 'aws-dynamodb.ITableV2'],
    arnAttributes: ['tableArn'],
    groups: [
      { name: 'read', actions: q('dynamodb', ['BatchGetItem', 'GetItem', 'Query', 'Scan', 'ConditionCheckItem', 'DescribeTable']) },
      { name: 'write', actions: q('dynamodb', ['BatchWriteItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'DescribeTable']) },
    ],
    methods: { read: ['grantReadData'], write: ['grantWriteData'], 'read+write': ['grantReadWriteData'] },
    wildcard: ['grantReadWriteData'],
  },
  {
    service: 's3',
    exampleName: 'bucket',
    label: 'S3 bucket',
    classes: ['aws-s3.Bucket', 'aws-s3.IBucket'],
    arnAttributes: ['bucketArn', "arnForObjects('*')"],
    groups: [
      { name: 'read', actions: q('s3', ['GetObject', 'GetObjectVersion', 'GetBucketLocation', 'ListBucket']) },
      { name: 'put', actions: q('s3', ['PutObject', 'AbortMultipartUpload']) },
      { name: 'delete', actions: q('s3', ['DeleteObject', 'DeleteObjectVersion']) },
    ],
    methods: {
      read: ['grantRead'],
      put: ['grantPut'],
      delete: ['grantDelete'],
      'delete+put': ['grantWrite'],
      'put+read': ['grantReadWrite'],
      'delete+read': ['grantReadWrite'],
      'delete+put+read': ['grantReadWrite'],
    },
    wildcard: ['grantReadWrite'],
  },
  {
    service: 'sqs',
    exampleName: 'queue',
    label: 'SQS queue',
    classes: ['aws-sqs.Queue', 'aws-sqs.IQueue'],
    arnAttributes: ['queueArn'],
    groups: [
      { name: 'send', actions: q('sqs', ['SendMessage', 'GetQueueAttributes', 'GetQueueUrl']) },
      {
        name: 'consume',
        actions: q('sqs', ['ReceiveMessage', 'DeleteMessage', 'ChangeMessageVisibility', 'GetQueueAttributes', 'GetQueueUrl']),
      },
    ],
    methods: {
      send: ['grantSendMessages'],
      consume: ['grantConsumeMessages'],
      'consume+send': ['grantSendMessages', 'grantConsumeMessages'],
    },
    wildcard: ['grantSendMessages', 'grantConsumeMessages'],
  },
  {
    service: 'sns',
    exampleName: 'topic',
    label: 'SNS topic',
    classes: ['aws-sns.Topic', 'aws-sns.ITopic'],
    arnAttributes: ['topicArn'],
    groups: [{ name: 'publish', actions: q('sns', ['Publish']) }],
    methods: { publish: ['grantPublish'] },
    wildcard: ['grantPublish'],
  },
  {
    service: 'secretsmanager',
    exampleName: 'secret',
    label: 'Secrets Manager secret',
    classes: ['aws-secretsmanager.Secret', 'aws-secretsmanager.ISecret'],
    arnAttributes: ['secretArn'],
    groups: [{ name: 'read', actions: q('secretsmanager', ['GetSecretValue', 'DescribeSecret']) }],
    methods: { read: ['grantRead'] },
    wildcard: ['grantRead'],
  },
  {
    service: 'kms',
    exampleName: 'key',
    label: 'KMS key',
    classes: ['aws-kms.Key', 'aws-kms.IKey'],
    arnAttributes: ['keyArn'],
    groups: [
      { name: 'decrypt', actions: q('kms', ['Decrypt']) },
      {
        name: 'encrypt',
        actions: q('kms', ['Encrypt', 'ReEncryptFrom', 'ReEncryptTo', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext']),
      },
    ],
    methods: { decrypt: ['grantDecrypt'], encrypt: ['grantEncrypt'], 'decrypt+encrypt': ['grantEncryptDecrypt'] },
    wildcard: ['grantEncryptDecrypt'],
  },
  {
    service: 'lambda',
    exampleName: 'fn',
    label: 'Lambda function',
    classes: [...LAMBDA_L2_FUNCTIONS, 'aws-lambda.IFunction'],
    arnAttributes: ['functionArn'],
    groups: [{ name: 'invoke', actions: q('lambda', ['InvokeFunction']) }],
    methods: { invoke: ['grantInvoke'] },
    wildcard: ['grantInvoke'],
  },
  {
    service: 'events',
    exampleName: 'bus',
    label: 'EventBridge bus',
    classes: ['aws-events.EventBus', 'aws-events.IEventBus'],
    arnAttributes: ['eventBusArn'],
    groups: [{ name: 'put', actions: q('events', ['PutEvents']) }],
    methods: { put: ['grantPutEventsTo'] },
    wildcard: ['grantPutEventsTo'],
  },
  {
    service: 'states',
    exampleName: 'stateMachine',
    label: 'Step Functions state machine',
    classes: ['aws-stepfunctions.StateMachine', 'aws-stepfunctions.IStateMachine'],
    arnAttributes: ['stateMachineArn'],
    groups: [{ name: 'start', actions: q('states', ['StartExecution']) }],
    methods: { start: ['grantStartExecution'] },
    wildcard: ['grantStartExecution'],
  },
  {
    service: 'kinesis',
    exampleName: 'stream',
    label: 'Kinesis stream',
    classes: ['aws-kinesis.Stream', 'aws-kinesis.IStream'],
    arnAttributes: ['streamArn'],
    groups: [
      {
        name: 'read',
        actions: q('kinesis', ['DescribeStreamSummary', 'GetRecords', 'GetShardIterator', 'ListShards', 'SubscribeToShard']),
      },
      { name: 'write', actions: q('kinesis', ['PutRecord', 'PutRecords', 'ListShards']) },
    ],
    methods: { read: ['grantRead'], write: ['grantWrite'], 'read+write': ['grantReadWrite'] },
    wildcard: ['grantReadWrite'],
  },
];

export function grantsForService(service: string | undefined): ServiceGrants | undefined {
  return service ? GRANTS.find((g) => g.service === service) : undefined;
}

export interface GrantChoice {
  grants: ServiceGrants;
  /** The grant methods to call, in order. */
  methods: string[];
  /** The explicit actions those methods stand for. */
  actions: string[];
}

/**
 * Which grant method(s) give what a statement's actions ask for. Every action must belong to
 * one service of the table and fall in its groups; otherwise there is no grant that fits.
 */
export function chooseGrant(actions: string[]): GrantChoice | undefined {
  if (actions.length === 0) return undefined;
  const services = new Set(actions.map(serviceOf));
  if (services.size !== 1) return undefined;
  const grants = grantsForService([...services][0]);
  if (!grants) return undefined;
  const touched = new Set<string>();
  let serviceWide = false;
  for (const action of actions) {
    const kind = wildcardKind(action);
    if (kind === 'full') return undefined;
    if (kind === 'service') {
      serviceWide = true;
      continue;
    }
    const pattern = actionPattern(action);
    const hit = grants.groups.filter((g) => g.actions.some((a) => pattern.test(a)));
    if (hit.length === 0) return undefined;
    if (kind === 'none') {
      // An explicit action shared by groups (sqs:GetQueueUrl) does not pick one on its own.
      if (hit.length === 1) touched.add(hit[0].name);
    } else {
      for (const g of hit) touched.add(g.name);
    }
  }
  let methods: string[] | undefined;
  if (serviceWide) methods = grants.wildcard;
  else if (touched.size === 0) return undefined;
  else methods = grants.methods[[...touched].sort().join('+')];
  if (!methods) return undefined;
  const groupNames = serviceWide ? grants.groups.map((g) => g.name) : [...touched];
  return { grants, methods, actions: explicitActions(grants, groupNames) };
}

export function explicitActions(grants: ServiceGrants, groupNames: string[]): string[] {
  const out: string[] = [];
  for (const g of grants.groups) {
    if (!groupNames.includes(g.name)) continue;
    for (const a of g.actions) if (!out.includes(a)) out.push(a);
  }
  return out;
}

/** Past this many actions, a list written out in place of a partial wildcard is no longer a fix anyone would read. */
const MAX_EXPANDED_ACTIONS = 12;

/**
 * The explicit actions a wildcard action stands for: the grant methods' actions when its service
 * is in the table, otherwise the actions AWS's reference lists for a partial wildcard
 * (`logs:Create*` → `logs:CreateLogGroup`, …), when there are a few.
 */
export function expandWildcard(action: string): string[] | undefined {
  const grants = grantsForService(serviceOf(action));
  const kind = wildcardKind(action);
  if (!grants) {
    if (kind !== 'partial') return undefined;
    const actions = expandAction(action).map((a) => a.action.replace(/^[^:]*/, action.slice(0, action.indexOf(':'))));
    return actions.length > 0 && actions.length <= MAX_EXPANDED_ACTIONS ? actions : undefined;
  }
  if (kind === 'service')
    return explicitActions(
      grants,
      grants.groups.map((g) => g.name),
    );
  if (kind !== 'partial') return undefined;
  const pattern = actionPattern(action);
  const all = explicitActions(
    grants,
    grants.groups.map((g) => g.name),
  ).filter((a) => pattern.test(a));
  return all.length ? all : undefined;
}
