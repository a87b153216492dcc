/**
 * What the handler analysis knows about libraries, as data. Every entry names a package by its
 * canonical module id (what the import table gives: `zod`, `child_process`,
 * `@aws-sdk/client-ssm`) and is matched through the file's imports, so renamed, namespace,
 * default and `require` imports all work. Adding a library is one line in one of these tables.
 *
 * A call matches a `CallPattern` in one of three ways:
 * - `exports`: the callee is that export of the module (`v.parse(...)`, `parse(...)` imported
 *   from `valibot`, `escapeHtml(...)` as the default export of `escape-html` = `[]`);
 * - `methods`: a method of a value built from the module (`Schema.safeParse(...)` where
 *   `Schema = z.object(...)`, `logger.info(...)` where `logger = pino()`);
 * - `calledInstance`: a value built from the module, called itself (ajv's compiled
 *   `validate(body)`).
 */
export interface CallPattern {
  modules: readonly string[];
  exports?: ReadonlyArray<readonly string[]>;
  methods?: readonly string[];
  calledInstance?: boolean;
  /** `new X(...)` of a class that comes from the module, or extends one that does (pydantic's `Order(**data)`). */
  instances?: boolean;
  /** The argument that carries the data (`-1`: every argument). */
  arg: number;
  /** When that argument is an options object, the property that carries the data (Python's `validate(event=event, ...)`). */
  key?: string;
}

const AJV = ['ajv', 'ajv/dist/2019', 'ajv/dist/2020', 'ajv/dist/jtd'];
const TYPEBOX_VALUE = ['@sinclair/typebox/value', 'typebox/value'];
const TYPEBOX_COMPILER = ['@sinclair/typebox/compiler', 'typebox/compile'];

export interface ValidatorPattern extends CallPattern {
  /** `data`: returns the validated value (or a result holding it); `boolean`: a check to branch on; `assert`: throws when invalid. */
  returns: 'data' | 'boolean' | 'assert';
}

/** Schema validators: their result counts as validated, and a guard on them validates what they checked. */
export const VALIDATORS: readonly ValidatorPattern[] = [
  { modules: ['zod'], methods: ['parse', 'safeParse', 'parseAsync', 'safeParseAsync', 'spa'], arg: 0, returns: 'data' },
  { modules: AJV, methods: ['validate'], arg: 1, returns: 'boolean' },
  { modules: AJV, calledInstance: true, arg: 0, returns: 'boolean' },
  { modules: ['joi'], methods: ['validate', 'validateAsync'], arg: 0, returns: 'data' },
  { modules: ['joi'], exports: [['attempt']], arg: 0, returns: 'data' },
  { modules: ['joi'], exports: [['assert']], arg: 0, returns: 'assert' },
  { modules: ['yup'], methods: ['validate', 'validateSync', 'cast'], arg: 0, returns: 'data' },
  { modules: ['yup'], methods: ['isValid', 'isValidSync'], arg: 0, returns: 'boolean' },
  { modules: ['valibot'], exports: [['parse'], ['safeParse'], ['parseAsync'], ['safeParseAsync']], arg: 1, returns: 'data' },
  { modules: ['valibot'], exports: [['is']], arg: 1, returns: 'boolean' },
  { modules: ['valibot'], exports: [['assert']], arg: 1, returns: 'assert' },
  {
    modules: TYPEBOX_VALUE,
    exports: [
      ['Value', 'Parse'],
      ['Value', 'Decode'],
    ],
    arg: 1,
    returns: 'data',
  },
  { modules: TYPEBOX_VALUE, exports: [['Value', 'Check']], arg: 1, returns: 'boolean' },
  { modules: TYPEBOX_VALUE, exports: [['Value', 'Assert']], arg: 1, returns: 'assert' },
  { modules: TYPEBOX_COMPILER, methods: ['Decode', 'Parse'], arg: 0, returns: 'data' },
  { modules: TYPEBOX_COMPILER, methods: ['Check'], arg: 0, returns: 'boolean' },
  { modules: ['io-ts'], methods: ['decode'], arg: 0, returns: 'data' },
  { modules: ['io-ts'], methods: ['is'], arg: 0, returns: 'boolean' },
  { modules: ['superstruct'], exports: [['create'], ['mask'], ['validate']], arg: 0, returns: 'data' },
  { modules: ['superstruct'], exports: [['is']], arg: 0, returns: 'boolean' },
  { modules: ['superstruct'], exports: [['assert']], arg: 0, returns: 'assert' },
  // Python (member names as the front end reads them: `model_validate` → `modelValidate`).
  {
    modules: ['py:pydantic'],
    methods: ['modelValidate', 'modelValidateJson', 'parseObj', 'parseRaw', 'validatePython', 'validateJson'],
    arg: 0,
    returns: 'data',
  },
  { modules: ['py:pydantic'], instances: true, arg: 0, returns: 'data' },
  { modules: ['py:marshmallow'], methods: ['load', 'loads'], arg: 0, returns: 'data' },
  { modules: ['py:jsonschema'], exports: [['validate']], arg: 0, key: 'instance', returns: 'assert' },
  { modules: ['py:aws_lambda_powertools.utilities.validation'], exports: [['validate']], arg: 0, key: 'event', returns: 'assert' },
  { modules: ['py:aws_lambda_powertools.utilities.parser'], exports: [['parse']], arg: 0, key: 'event', returns: 'data' },
];

export type SanitizedFor = 'html' | 'sql' | 'shell';

export interface SanitizerPattern extends CallPattern {
  for: SanitizedFor;
}

/** Escapers: their result is safe to put in HTML, SQL text or a shell command. */
export const SANITIZERS: readonly SanitizerPattern[] = [
  { modules: ['dompurify', 'isomorphic-dompurify'], methods: ['sanitize'], arg: 0, for: 'html' },
  { modules: ['he'], exports: [['encode'], ['escape']], arg: 0, for: 'html' },
  {
    modules: ['escape-html', 'lodash/escape', 'lodash.escape', 'sanitize-html', 'xss', 'validator/lib/escape'],
    exports: [[]],
    arg: 0,
    for: 'html',
  },
  { modules: ['lodash', 'lodash-es', 'underscore', 'validator'], exports: [['escape']], arg: 0, for: 'html' },
  { modules: ['xss'], exports: [['filterXSS']], arg: 0, for: 'html' },
  { modules: ['mysql', 'mysql2', 'mysql2/promise', 'sqlstring'], exports: [['escape'], ['escapeId']], arg: 0, for: 'sql' },
  { modules: ['mysql', 'mysql2', 'mysql2/promise'], methods: ['escape', 'escapeId'], arg: 0, for: 'sql' },
  { modules: ['pg-format'], exports: [[], ['literal'], ['ident']], arg: -1, for: 'sql' },
  { modules: ['pg'], methods: ['escapeLiteral', 'escapeIdentifier'], arg: 0, for: 'sql' },
  { modules: ['shell-quote'], exports: [['quote']], arg: 0, for: 'shell' },
  { modules: ['shell-escape'], exports: [[]], arg: 0, for: 'shell' },
  { modules: ['py:html'], exports: [['escape']], arg: 0, for: 'html' },
  { modules: ['py:markupsafe'], exports: [['escape']], arg: 0, for: 'html' },
  { modules: ['py:bleach'], exports: [['clean']], arg: 0, for: 'html' },
  { modules: ['py:shlex'], exports: [['quote']], arg: 0, for: 'shell' },
];

/** Parsers of request text: like `JSON.parse`, their result is the parsed body. */
export const PARSERS: readonly CallPattern[] = [{ modules: ['querystring', 'qs'], exports: [['parse'], ['decode']], arg: 0 }];

export interface SinkPattern extends CallPattern {
  /** What the data becomes, for the message. */
  what: string;
  /** Also as `new X(...)`. */
  construct?: boolean;
  /** Only a sink when an options argument has `shell` set. */
  needsShell?: boolean;
}

/** Code and command execution (`handler-injection`). `eval` and `Function` are globals, see `GLOBAL_CODE_SINKS`. */
export const COMMAND_SINKS: readonly SinkPattern[] = [
  { modules: ['child_process'], exports: [['exec'], ['execSync']], arg: 0, what: 'a shell command' },
  {
    modules: ['child_process'],
    exports: [['spawn'], ['spawnSync'], ['execFile'], ['execFileSync']],
    arg: -1,
    what: 'a shell command',
    needsShell: true,
  },
  {
    modules: ['vm'],
    exports: [['runInNewContext'], ['runInThisContext'], ['runInContext'], ['compileFunction']],
    arg: 0,
    what: 'code run by vm',
  },
  { modules: ['vm'], exports: [['Script']], arg: 0, what: 'code run by vm', construct: true },
  { modules: ['execa'], exports: [['execaCommand'], ['execaCommandSync']], arg: 0, what: 'a shell command' },
  { modules: ['execa'], exports: [['execa'], ['execaSync']], arg: -1, what: 'a shell command', needsShell: true },
  { modules: ['shelljs'], exports: [['exec']], arg: 0, what: 'a shell command' },
];

export const GLOBAL_CODE_SINKS: Readonly<Record<string, string>> = { eval: 'eval()', Function: 'new Function()' };

/** Methods that run SQL text given as their first argument, on any receiver. */
export const SQL_METHODS = [
  'query',
  'execute',
  'raw',
  'whereRaw',
  'havingRaw',
  'orderByRaw',
  'joinRaw',
  '$queryRawUnsafe',
  '$executeRawUnsafe',
  'unsafe',
  // Python DB-API cursors and sqlite3.
  'executemany',
  'executescript',
];

/** Functions that turn their first argument into SQL text (SQLAlchemy's `text(...)`). */
export const SQL_CALLS: readonly CallPattern[] = [
  { modules: ['py:sqlalchemy', 'py:sqlalchemy.sql', 'py:sqlalchemy.sql.expression'], exports: [['text']], arg: 0 },
];

/** Words that make a string look like SQL (so `.execute(\`...\`)` of some other library is left alone). */
export const SQL_WORDS =
  /\b(select|insert|update|delete|from|where|values|into|set|order\s+by|group\s+by|join|create|drop|alter|truncate|merge|call|exec)\b/i;

export interface ModelCallPattern extends CallPattern {
  /** The API, for the message. */
  what: string;
  /** Also as `new X(...)` (and only so). */
  construct?: boolean;
  /** For `methods`: the member the method is called on (`completions` of `openai.chat.completions.create`). */
  on?: readonly string[];
  /** Request keys whose value is the system prompt (`system`, OpenAI's `instructions`). */
  system?: readonly string[];
  /** Request keys whose value is the whole prompt in one string (`prompt`, Titan's `inputText`). */
  prompt?: readonly string[];
  /** Request keys holding a message list: its `system` / `developer` role messages are system prompt. */
  messages?: readonly string[];
  /** The request key whose value is the JSON text of the model's own request (InvokeModel's `body`), read for the keys above. */
  body?: string;
  /** Request keys that attach a guardrail: a call that has one is left alone. */
  guardrail?: readonly string[];
  /** Prompt templates (LangChain): the argument is a template text, a message list, or a system message. */
  template?: 'text' | 'messages' | 'system';
}

const BEDROCK_RUNTIME = ['@aws-sdk/client-bedrock-runtime'];
const BEDROCK_CLIENTS = [...BEDROCK_RUNTIME, 'aws-sdk', 'aws-sdk/clients/bedrockruntime', 'py:boto3'];
/** InvokeModel's body: Anthropic (`system`, `messages`, legacy `prompt`), Titan (`inputText`), Llama and Mistral (`prompt`). */
const INVOKE_MODEL = {
  body: 'body',
  system: ['system'],
  prompt: ['prompt', 'inputText'],
  messages: ['messages'],
  guardrail: ['guardrailIdentifier'],
};
const CONVERSE = { system: ['system'], messages: ['messages'], guardrail: ['guardrailConfig'] };
const OPENAI = ['openai', 'py:openai'];
const ANTHROPIC = ['@anthropic-ai/sdk', '@anthropic-ai/bedrock-sdk', '@anthropic-ai/vertex-sdk', 'py:anthropic'];
const LANGCHAIN_PROMPTS = ['@langchain/core/prompts', 'langchain/prompts', 'py:langchain_core.prompts', 'py:langchain.prompts'];
const LANGCHAIN_MESSAGES = ['@langchain/core/messages', 'langchain/schema', 'py:langchain_core.messages', 'py:langchain.schema'];

/** Model calls (`handler-prompt-injection`): where the system prompt and a one-string prompt sit in each request. */
export const MODEL_CALLS: readonly ModelCallPattern[] = [
  {
    modules: BEDROCK_RUNTIME,
    exports: [['InvokeModelCommand'], ['InvokeModelWithResponseStreamCommand']],
    construct: true,
    arg: 0,
    what: 'Bedrock InvokeModel',
    ...INVOKE_MODEL,
  },
  {
    modules: BEDROCK_RUNTIME,
    exports: [['ConverseCommand'], ['ConverseStreamCommand']],
    construct: true,
    arg: 0,
    what: 'Bedrock Converse',
    ...CONVERSE,
  },
  // The aggregated v3 client, SDK v2 and boto3 (`invoke_model` read as `invokeModel`).
  {
    modules: BEDROCK_CLIENTS,
    methods: ['invokeModel', 'invokeModelWithResponseStream'],
    arg: 0,
    what: 'Bedrock InvokeModel',
    ...INVOKE_MODEL,
  },
  { modules: BEDROCK_CLIENTS, methods: ['converse', 'converseStream'], arg: 0, what: 'Bedrock Converse', ...CONVERSE },
  {
    modules: OPENAI,
    methods: ['create', 'stream', 'parse'],
    on: ['completions'],
    arg: 0,
    what: 'the OpenAI API',
    prompt: ['prompt'],
    messages: ['messages'],
  },
  {
    modules: OPENAI,
    methods: ['create', 'stream', 'parse'],
    on: ['responses'],
    arg: 0,
    what: 'the OpenAI API',
    system: ['instructions'],
    prompt: ['input'],
    messages: ['input'],
  },
  {
    modules: ANTHROPIC,
    methods: ['create', 'stream'],
    on: ['messages'],
    arg: 0,
    what: 'the Anthropic API',
    system: ['system'],
    messages: ['messages'],
  },
  { modules: ANTHROPIC, methods: ['create'], on: ['completions'], arg: 0, what: 'the Anthropic API', prompt: ['prompt'] },
  {
    modules: LANGCHAIN_PROMPTS,
    exports: [['PromptTemplate', 'fromTemplate']],
    arg: 0,
    what: 'a LangChain prompt template',
    template: 'text',
  },
  {
    modules: LANGCHAIN_PROMPTS,
    exports: [['ChatPromptTemplate', 'fromMessages']],
    arg: 0,
    what: 'a LangChain prompt template',
    template: 'messages',
  },
  {
    modules: LANGCHAIN_PROMPTS,
    exports: [['SystemMessagePromptTemplate', 'fromTemplate']],
    arg: 0,
    what: 'a LangChain prompt template',
    template: 'system',
  },
  {
    modules: LANGCHAIN_MESSAGES,
    exports: [['SystemMessage']],
    construct: true,
    arg: 0,
    what: 'a LangChain system message',
    template: 'system',
  },
];

/** Roles whose message is the system prompt (OpenAI's `developer` is its new name for it). */
export const SYSTEM_ROLES = ['system', 'developer'];

/** Database access (`handler-unvalidated-input`): every `XCommand` of these modules … */
export const DB_COMMAND_MODULES = [
  '@aws-sdk/client-dynamodb',
  '@aws-sdk/lib-dynamodb',
  '@aws-sdk/client-rds-data',
  '@aws-sdk/client-timestream-write',
  '@aws-sdk/client-docdb',
];

/** … and these methods of clients built from these modules. */
export const DB_METHODS: readonly CallPattern[] = [
  {
    modules: ['aws-sdk', 'aws-sdk/clients/dynamodb', '@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', 'py:boto3'],
    methods: [
      'put',
      'update',
      'delete',
      'get',
      'query',
      'scan',
      'batchWrite',
      'batchGet',
      'transactWrite',
      'putItem',
      'updateItem',
      'deleteItem',
      'getItem',
      'batchWriteItem',
      'executeStatement',
    ],
    arg: -1,
  },
  {
    modules: ['pg', 'postgres', 'mysql', 'mysql2', 'mysql2/promise', 'mssql', 'oracledb', 'better-sqlite3', 'sqlite3', 'knex', 'sequelize'],
    methods: ['query', 'execute', 'run', 'all', 'insert', 'update', 'where', 'create', 'bulkCreate', 'upsert'],
    arg: -1,
  },
  {
    modules: ['mongodb', 'mongoose'],
    methods: [
      'insertOne',
      'insertMany',
      'updateOne',
      'updateMany',
      'replaceOne',
      'deleteOne',
      'deleteMany',
      'find',
      'findOne',
      'findOneAndUpdate',
      'findOneAndDelete',
      'aggregate',
      'create',
      'findById',
      'findByIdAndUpdate',
    ],
    arg: -1,
  },
  {
    modules: ['@prisma/client'],
    methods: ['create', 'createMany', 'update', 'updateMany', 'upsert', 'delete', 'deleteMany', 'findMany', 'findFirst', 'findUnique'],
    arg: -1,
  },
  { modules: ['ioredis', 'redis'], methods: ['set', 'hset', 'hmset', 'lpush', 'rpush', 'sadd', 'zadd', 'eval'], arg: -1 },
  // Python DB-API drivers: `conn.cursor().execute(sql, params)`.
  {
    modules: ['py:psycopg2', 'py:psycopg', 'py:pymysql', 'py:sqlite3', 'py:mysql.connector'],
    methods: ['execute', 'executemany'],
    arg: -1,
  },
];

/** Logger packages: instances built from them (`new Logger()`, `pino()`, `winston.createLogger()`, `logger.child()`). */
export const LOGGER_MODULES = [
  '@aws-lambda-powertools/logger',
  'pino',
  'winston',
  'bunyan',
  'loglevel',
  'log4js',
  'consola',
  'lambda-log',
  '@dazn/lambda-powertools-logger',
  // Python: the standard library's `logging`, Powertools' `Logger`, loguru, structlog.
  'py:logging',
  'py:aws_lambda_powertools',
  'py:aws_lambda_powertools.logging',
  'py:loguru',
  'py:structlog',
];

/** Methods that write their arguments to the log (Powertools `appendKeys` adds them to every later line). */
export const LOG_METHODS = [
  'log',
  'trace',
  'debug',
  'info',
  'warn',
  'warning',
  'error',
  'fatal',
  'critical',
  'exception',
  'silly',
  'verbose',
  'http',
  'notice',
  'appendKeys',
  'appendPersistentKeys',
  'child',
];

export const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table'];

export interface SecretSourcePattern extends CallPattern {
  service: string;
  /** Only secret when this option is true in the argument (`WithDecryption`, `decrypt`). */
  when?: string;
  /** Which argument holds the options for `when`. */
  optionsArg?: number;
}

/** `client.send(new X(input))`: commands whose result holds a secret. */
export const SECRET_COMMANDS: readonly SecretSourcePattern[] = [
  {
    modules: ['@aws-sdk/client-secrets-manager'],
    exports: [['GetSecretValueCommand'], ['BatchGetSecretValueCommand']],
    arg: 0,
    service: 'Secrets Manager',
  },
  {
    modules: ['@aws-sdk/client-ssm'],
    exports: [['GetParameterCommand'], ['GetParametersCommand'], ['GetParametersByPathCommand']],
    arg: 0,
    service: 'SSM Parameter Store',
    when: 'WithDecryption',
    optionsArg: 0,
  },
];

/** Calls whose result holds a secret: SDK v2 and aggregated v3 clients, Powertools parameters. */
export const SECRET_CALLS: readonly SecretSourcePattern[] = [
  {
    modules: ['aws-sdk', 'aws-sdk/clients/secretsmanager', '@aws-sdk/client-secrets-manager'],
    methods: ['getSecretValue', 'batchGetSecretValue'],
    arg: 0,
    service: 'Secrets Manager',
  },
  {
    modules: ['aws-sdk', 'aws-sdk/clients/ssm', '@aws-sdk/client-ssm'],
    methods: ['getParameter', 'getParameters', 'getParametersByPath'],
    arg: 0,
    service: 'SSM Parameter Store',
    when: 'WithDecryption',
    optionsArg: 0,
  },
  { modules: ['@aws-lambda-powertools/parameters/secrets'], exports: [['getSecret'], ['getSecrets']], arg: 0, service: 'Secrets Manager' },
  // Python: boto3 clients (`get_secret_value` read as `getSecretValue`) and Powertools parameters.
  { modules: ['py:boto3'], methods: ['getSecretValue', 'batchGetSecretValue'], arg: 0, service: 'Secrets Manager' },
  {
    modules: ['py:boto3'],
    methods: ['getParameter', 'getParameters', 'getParametersByPath'],
    arg: 0,
    service: 'SSM Parameter Store',
    when: 'WithDecryption',
    optionsArg: 0,
  },
  {
    modules: ['py:aws_lambda_powertools.utilities', 'py:aws_lambda_powertools.utilities.parameters'],
    exports: [['parameters', 'getSecret'], ['getSecret']],
    arg: 0,
    service: 'Secrets Manager',
  },
  { modules: ['@aws-lambda-powertools/parameters/secrets'], methods: ['get', 'getMultiple'], arg: 0, service: 'Secrets Manager' },
  {
    modules: ['@aws-lambda-powertools/parameters/ssm'],
    exports: [['getParameter'], ['getParameters'], ['getParametersByName']],
    arg: 0,
    service: 'SSM Parameter Store',
    when: 'decrypt',
    optionsArg: 1,
  },
  {
    modules: ['@aws-lambda-powertools/parameters/ssm'],
    methods: ['get', 'getMultiple'],
    arg: 0,
    service: 'SSM Parameter Store',
    when: 'decrypt',
    optionsArg: 1,
  },
];

/** Wrappers whose first argument is the real handler (`middy(fn)`, `Sentry.wrapHandler(fn)`). */
export const HANDLER_WRAPPERS: readonly CallPattern[] = [
  { modules: ['@middy/core'], exports: [[]], arg: 0 },
  { modules: ['@sentry/serverless', '@sentry/aws-serverless'], exports: [['wrapHandler'], ['AWSLambda', 'wrapHandler']], arg: 0 },
  { modules: ['datadog-lambda-js'], exports: [['datadog']], arg: 0 },
];

/**
 * Decorators that validate the whole event before the function runs, applied to it
 * (`@validator(inbound_schema=S)`, `@event_parser(model=Order)`); `key`: the option they need to.
 */
export const EVENT_VALIDATING_DECORATORS: readonly CallPattern[] = [
  { modules: ['py:aws_lambda_powertools.utilities.validation'], exports: [['validator']], arg: 0, key: 'inboundSchema' },
  { modules: ['py:aws_lambda_powertools.utilities.parser'], exports: [['event_parser']], arg: 0, key: 'model' },
];

/** Middy middlewares that validate the whole event before the handler runs. */
export const EVENT_VALIDATING_MIDDLEWARE = ['@middy/validator'];

/** Global functions whose result carries their argument (`String(x)`, `Buffer.from(x)`). */
export const PASS_THROUGH_GLOBALS: Readonly<Record<string, readonly string[]>> = {
  '': ['String', 'decodeURIComponent', 'decodeURI', 'encodeURIComponent', 'encodeURI', 'unescape', 'atob', 'btoa', 'structuredClone'],
  Buffer: ['from'],
  Object: ['values', 'entries', 'assign', 'fromEntries', 'freeze'],
  Array: ['from', 'of'],
  Promise: ['all', 'allSettled', 'race', 'any', 'resolve'],
};

/** Methods of strings and arrays whose result carries the receiver. */
export const PASS_THROUGH_METHODS = new Set([
  'trim',
  'trimStart',
  'trimEnd',
  'toLowerCase',
  'toUpperCase',
  'toLocaleLowerCase',
  'toLocaleUpperCase',
  'normalize',
  'padStart',
  'padEnd',
  'repeat',
  'concat',
  'replace',
  'replaceAll',
  'split',
  'join',
  'flat',
  'filter',
  'find',
  'findLast',
  'reverse',
  'sort',
  'toSorted',
  'toReversed',
  'toString',
  'valueOf',
  'toJSON',
  'match',
  'matchAll',
  'get',
  'getAll',
  'promise',
  'values',
  'entries',
  'slice',
  'substring',
  'substr',
  'at',
  'charAt',
]);

/** Of those, the ones that keep only part of a value: a way to redact, so sensitive names stop there. */
export const PARTIAL_METHODS = new Set(['slice', 'substring', 'substr', 'at', 'charAt']);

/** Array methods whose callback receives the elements as its first parameter (`reduce`: second). */
export const ELEMENT_CALLBACKS: Readonly<Record<string, number>> = {
  map: 0,
  flatMap: 0,
  forEach: 0,
  filter: 0,
  find: 0,
  findLast: 0,
  findIndex: 0,
  some: 0,
  every: 0,
  reduce: 1,
  reduceRight: 1,
};

/** Built-in error classes: narrowing to one of them still leaves an unknown error. */
export const GENERIC_ERRORS = new Set([
  'Error',
  'TypeError',
  'RangeError',
  'SyntaxError',
  'EvalError',
  'ReferenceError',
  'URIError',
  'AggregateError',
  'Object',
  // Python's built-in exceptions: `except Exception as e` knows nothing about `e`.
  'Exception',
  'BaseException',
  'ValueError',
  'KeyError',
  'LookupError',
  'RuntimeError',
  'OSError',
  'IOError',
  'AttributeError',
  'IndexError',
]);

/** Keys under which a value is a credential (besides secret-looking keys). */
export const CREDENTIAL_KEYS = /^(auth|authorization|credentials?|connection(string|uri|url)?|dsn|uri|url)$/i;

/** Last name parts that make a secret-looking name a count, a flag or a time, not the secret (logging only). */
export const NOT_SENSITIVE_LAST = new Set([
  'COUNT',
  'COUNTS',
  'NUM',
  'NUMBER',
  'TOTAL',
  'SIZE',
  'LEN',
  'TYPE',
  'TYPES',
  'EXPIRY',
  'EXPIRES',
  'EXPIRATION',
  'EXPIRED',
  'AT',
  'VALID',
  'PRESENT',
  'REQUIRED',
  'ENABLED',
  'SET',
]);
export const NOT_SENSITIVE_FIRST = new Set([
  'IS',
  'HAS',
  'SHOULD',
  'CAN',
  'NUM',
  'MAX',
  'MIN',
  'MASKED',
  'REDACTED',
  'OBFUSCATED',
  'TRUNCATED',
]);

/**
 * Variables the Lambda runtime sets to the function's own temporary role credentials: not a
 * secret someone put in the configuration, so not for Secrets Manager (`handler-env-secret`).
 */
export const LAMBDA_RESERVED_ENV = new Set(['AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']);

/**
 * A name whose only secret sign is a last part `KEY` is a lookup key, not a credential, when it is
 * `key` alone or the part before says so (`s3Key`, `partitionKey`, `LastEvaluatedKey`) — logging only.
 */
export const LOOKUP_KEY_QUALIFIERS = new Set([
  'S3',
  'OBJECT',
  'CACHE',
  'PARTITION',
  'SORT',
  'PRIMARY',
  'FOREIGN',
  'IDEMPOTENCY',
  'ROUTING',
  'DEDUPLICATION',
  'GROUP',
  'HASH',
  'RANGE',
  'MAP',
  'LOOKUP',
  'SHARD',
  'BUCKET',
  'FILE',
  'MESSAGE',
  'ITEM',
  'ROW',
  'RECORD',
  'QUERY',
  'SEARCH',
  'UNIQUE',
  'COMPOSITE',
  'CURSOR',
  'PAGE',
  'EVALUATED',
  'START',
  'SORTING',
  'REDIS',
  'DYNAMO',
  'TABLE',
  'INDEX',
  'DEDUPE',
  'CORRELATION',
  'IDEMPOTENT',
]);

/** Extensions a handler file may have, in the order CDK looks for them. */
export const HANDLER_EXTENSIONS = ['.ts', '.js', '.mjs', '.mts', '.cts', '.cjs', '.tsx', '.jsx', '.py'];
