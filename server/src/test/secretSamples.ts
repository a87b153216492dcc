import { lambdaFunction, stackFixture } from './cdkFixtures';
/**
 * Recognisably fake values in each format of the credential table: every format has values it
 * must match and near misses it must not.
 */
export const PEM_KEY = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEA1234567890AbCdEfGh1234567890AbCdEfGh1234567890AbCd',
  'AbCdEfGh1234567890AbCdEfGh1234567890AbCdEfGh1234567890AbCdEfGh12',
  '-----END RSA PRIVATE KEY-----',
].join('\n');

export const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJvcmRlcnMtc2VydmljZSIsImlhdCI6MTcwMDAwMDAwMH0.Qm9yZGVyLXNpZ25hdHVyZS1ub3QtcmVhbC0xMjM0NTY';

export const AWS_SECRET = 'Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0LmNbVcXz/+';

export const SAMPLES: Record<string, { match: string[]; nearMiss: string[] }> = {
  'aws-access-key-id': {
    match: ['AKIAZ7Q4R2M6N8P3K5W1', 'ASIAZ7Q4R2M6N8P3K5W1', 'aws_access_key_id=AKIAZ7Q4R2M6N8P3K5W1'],
    nearMiss: ['AKIAZ7Q4R2M6N8P3K5W', 'akiaz7q4r2m6n8p3k5w1', 'AKIAZ7Q4R2M6N8P3K5W1X', 'AIDAZ7Q4R2M6N8P3K5W1'],
  },
  'aws-secret-access-key': {
    // Only with an access key id nearby (see the next test).
    match: [AWS_SECRET],
    nearMiss: ['3f786850e387550fdab836ed7e6dc881de23001b', 'abcdefghijabcdefghijabcdefghijabcdefghij', `${AWS_SECRET}Q`],
  },
  'pem-private-key': {
    match: [PEM_KEY, PEM_KEY.replace(/RSA /g, '').replace(/\n-----END[^]*$/, ''), PEM_KEY.replace(/RSA/g, 'OPENSSH')],
    nearMiss: [
      '-----BEGIN RSA PRIVATE KEY-----',
      PEM_KEY.replace(/RSA PRIVATE KEY/g, 'PUBLIC KEY'),
      PEM_KEY.replace(/PRIVATE KEY/g, 'CERTIFICATE'),
    ],
  },
  'github-token': {
    match: [
      'ghp_AbCdEfGh1234567890AbCdEfGh1234567890',
      'gho_AbCdEfGh1234567890AbCdEfGh1234567890',
      'token ghs_AbCdEfGh1234567890AbCdEfGh1234567890',
    ],
    nearMiss: [
      'ghp_AbCdEfGh1234567890AbCdEfGh123456789',
      'ghx_AbCdEfGh1234567890AbCdEfGh1234567890',
      'ghp_AbCdEfGh1234567890AbCdEfGh1234567890a',
    ],
  },
  'github-fine-grained-token': {
    match: ['github_pat_AbCdEfGh1234567890AbCd_AbCdEfGh1234567890AbCdEfGh1234567890AbCdEfGh1234567890AbCdE'],
    nearMiss: ['github_pat_AbCdEfGh1234567890AbCd', 'github_pat_AbCdEfGh1234567890AbCd_AbCdEfGh1234567890'],
  },
  'slack-token': {
    match: ['xoxb-123456789012-1234567890123-AbCdEfGh1234567890AbCdEf', 'xoxp-123456789012-123456789012-123456789012-0a1b2c3d4e5f6a7b8c9d'],
    nearMiss: ['xoxc-123456789012-1234567890123-AbCdEfGh1234567890AbCdEf', 'xoxb-token-for-the-payments-bot', 'xoxb-1234567-AbCdEfGh12'],
  },
  'stripe-live-secret-key': {
    match: ['sk_live_51AbCdEfGh1234567890AbCdEf', 'Bearer sk_live_51AbCdEfGh1234567890AbCdEf'],
    nearMiss: ['sk_test_51AbCdEfGh1234567890AbCdEf', 'sk_live_51AbCdEfGh12', 'pk_live_51AbCdEfGh1234567890AbCdEf'],
  },
  'stripe-live-restricted-key': {
    match: ['rk_live_51AbCdEfGh1234567890AbCdEf'],
    nearMiss: ['rk_test_51AbCdEfGh1234567890AbCdEf', 'rk_live_51AbCd'],
  },
  'openai-api-key': {
    match: ['sk-proj-AbCdEfGh1234567890AbCdEfGh1234567890', 'sk-AbCdEfGh1234567890AbCdEfGh12'],
    nearMiss: [
      'sk-learn-model-registry-bucket-name',
      'sk-AbCd1234',
      'task-AbCdEfGh1234567890AbCdEfGh12',
      'sk-abcdefgh1234567890abcdefgh12',
    ],
  },
  jwt: {
    match: [JWT, `Bearer ${JWT}`],
    nearMiss: [
      // Header without "alg".
      'eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiJvcmRlcnMtc2VydmljZSJ9.Qm9yZGVyLXNpZ25hdHVyZS1ub3QtcmVhbC0xMjM0NTY',
      // Two segments.
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJvcmRlcnMtc2VydmljZSIsImlhdCI6MTcwMDAwMDAwMH0',
      // Header that is not base64url JSON.
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVC.eyJzdWIiOiJvcmRlcnMtc2VydmljZSIsImlhdCI6MTcwMDAwMDAwMH0.Qm9yZGVyLXNpZ25hdHVyZS1ub3QtcmVhbC0xMjM0NTY',
    ],
  },
};

/* A project full of credentials, for the redaction tests (messages, and every output channel). */

/** Values detected by their name alone (no credential format): under `apiKey`, `clientSecret`, `signingKey`. */
export const NAMED = ['Qw3rTy7uIoP9aSdF', 'Xk9#mP2$vL5qR8wZ', '9f86d081884c7d659a2feaa0c55ad015'];
const NAMES = ['apiKey', 'clientSecret', 'signingKey'];
/** One value in each credential format but the AWS secret key (detected only next to its key id). */
export const FORMATS = Object.entries(SAMPLES)
  .filter(([id]) => id !== 'aws-secret-access-key')
  .map(([, s]) => s.match[0]);
/** Every planted secret value, whole. */
export const SECRETS = [...FORMATS, AWS_SECRET, ...NAMED];

const { stack } = stackFixture(
  ["import * as lambda from 'aws-cdk-lib/aws-lambda';", "import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';"],
  'LeakyStack',
);

/**
 * A stack that plants every secret three times over: in a function's environment, with
 * addEnvironment, and as SecretValue.unsafePlainText.
 */
export const STACK = stack(`
${lambdaFunction('fn', 'Fn', 'lambda', [
  'environment: {',
  ...FORMATS.map((v, i) => `  VALUE_${i}: ${JSON.stringify(v)},`),
  `  AWS_SECRET: ${JSON.stringify(AWS_SECRET)},`,
  ...NAMED.map((v, i) => `  API_KEY_${i}: ${JSON.stringify(v)},`),
  '},',
])}
${[...FORMATS, ...NAMED].map((v, i) => `    fn.addEnvironment('TOKEN_${i}', ${JSON.stringify(v)});`).join('\n')}
${[...FORMATS, ...NAMED].map((v, i) => `    new secretsmanager.Secret(this, 'S${i}', { secretStringValue: cdk.SecretValue.unsafePlainText(${JSON.stringify(v)}) });`).join('\n')}
`);

/** A handler with every secret in a module constant, and an AWS key pair. */
export const HANDLER = `${FORMATS.map((v, i) => `export const value${i} = ${JSON.stringify(v)};`).join('\n')}
export const pair = { id: 'AKIAZ7Q4R2M6N8P3K5W1', key: ${JSON.stringify(AWS_SECRET)} };
${NAMED.map((v, i) => `export const ${NAMES[i]} = ${JSON.stringify(v)};`).join('\n')}
`;
