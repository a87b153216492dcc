import * as assert from 'node:assert/strict';
import { looksSecret, nameParts, redact } from './names';

describe('secret-looking names', () => {
  it('splits names into word parts', () => {
    assert.deepEqual(nameParts('stripeApiKey'), ['STRIPE', 'API', 'KEY']);
    assert.deepEqual(nameParts('DB_PASSWORD'), ['DB', 'PASSWORD']);
    assert.deepEqual(nameParts('x-api-key'), ['X', 'API', 'KEY']);
    assert.deepEqual(nameParts('OAuthTOKENValue'), ['O', 'AUTH', 'TOKEN', 'VALUE']);
  });

  const secret = [
    'DB_PASSWORD',
    'dbPasswd',
    'MYSQL_PWD',
    'SMTP_PASS',
    'GITHUB_TOKEN',
    'accessToken',
    'AWS_CREDENTIALS',
    'BEARER',
    'AUTHORIZATION',
    'APIKEY',
    'STRIPE_API_KEY',
    'stripeApiKey',
    'AWS_ACCESS_KEY',
    'awsSecretKey',
    'JWT_PRIVATE_KEY',
    'WEBHOOK_SIGNING_KEY',
    'TWILIO_AUTH_TOKEN',
    'STRIPE_KEY',
    'clientSecret',
    'apiSecretValue',
  ];
  const notSecret = [
    'TABLE_NAME',
    'SECRET_ARN',
    'KEY_ID',
    'DB_SECRET_NAME',
    'KEY_PREFIX',
    'SIGNING_KEY_ARN',
    'TOKEN_URL',
    'SECRET_PATH',
    'PASSWORD_LENGTH',
    'TOKEN_TTL',
    'KEY_REGION',
    'SSL_KEY_FILE',
    'API_KEY_PARAM',
    'API_KEY_PARAMETER',
    'TOKEN_URI',
    'POWERTOOLS_SERVICE_NAME',
    'monkey',
    'KEYBOARD_LAYOUT',
    'PASSENGER_COUNT',
    'bypass',
    'tokenizer',
    // v2 (issue 18): a lookup key is not a credential.
    'Key',
    'thisKey',
    'sortKey',
    'partitionKey',
    'PartitionKey',
    'objectKey',
    'Idempotency-Key',
    '',
  ];
  for (const name of secret) it(`'${name}' looks secret`, () => assert.equal(looksSecret(name), true));
  for (const name of notSecret) it(`'${name}' does not look secret`, () => assert.equal(looksSecret(name), false));

  it('takes extra words from configuration', () => {
    assert.equal(looksSecret('LICENSE_SEED'), false);
    assert.equal(looksSecret('LICENSE_SEED', { secretWords: ['seed'] }), true);
    assert.equal(looksSecret('STRIPE_KEY_HANDLE'), false);
    assert.equal(looksSecret('STRIPE_KEY', { nonSecretWords: ['key'] }), false);
  });

  it('redacts to at most the first four characters', () => {
    assert.equal(redact('sk_live_51H8xYzAbCdEf'), 'sk_l…');
    assert.equal(redact('abc'), '•••…');
    assert.ok(!redact('AKIAIOSFODNN7EXAMPLE').includes('IOSFODNN7EXAMPLE'));
  });
});
