import * as assert from 'node:assert/strict';
import { CREDENTIAL_FORMATS, findCredential, formatsIn } from './credentials';
import { compilePatterns, DOCUMENTATION_EXAMPLES, isPlaceholder, isPlainSetting, isPublicKey, isReference } from './allowList';
import { isWords, looksRandom, shannonEntropy } from './entropy';
import { AWS_SECRET, SAMPLES } from '../../test/secretSamples';

describe('credential formats', () => {
  it('has one table with unique ids, a description and a pattern for each format, and samples for each', () => {
    const ids = CREDENTIAL_FORMATS.map((f) => f.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const f of CREDENTIAL_FORMATS) assert.ok(f.description && f.pattern instanceof RegExp, f.id);
    assert.deepEqual(Object.keys(SAMPLES).sort(), [...ids].sort());
  });

  for (const format of CREDENTIAL_FORMATS) {
    const nearby = format.requiresNearby ? new Set([format.requiresNearby]) : undefined;
    describe(format.id, () => {
      for (const text of SAMPLES[format.id].match) {
        it(`matches ${JSON.stringify(text.slice(0, 24))}…`, () => {
          assert.equal(findCredential(text, { nearby })?.format.id, format.id);
        });
      }
      for (const text of SAMPLES[format.id].nearMiss) {
        it(`does not match the near miss ${JSON.stringify(text.slice(0, 24))}…`, () => {
          assert.notEqual(findCredential(text, { nearby })?.format.id, format.id);
        });
      }
    });
  }

  it('needs an access key id nearby to call a 40-character string an AWS secret access key', () => {
    assert.equal(findCredential(AWS_SECRET), undefined);
    assert.equal(findCredential(AWS_SECRET, { nearby: new Set(['aws-access-key-id']) })?.format.id, 'aws-secret-access-key');
    assert.deepEqual(formatsIn('AKIAZ7Q4R2M6N8P3K5W1'), ['aws-access-key-id']);
    // A placeholder access key still makes the neighbourhood, but the secret is judged on its own.
    assert.deepEqual(formatsIn('AKIAIOSFODNN7EXAMPLE'), ['aws-access-key-id']);
  });

  it('reports where the credential is inside a longer value', () => {
    const text = 'https://api.partner.internal/hooks?token=ghp_AbCdEfGh1234567890AbCdEfGh1234567890&v=2';
    const m = findCredential(text);
    assert.equal(m?.format.id, 'github-token');
    assert.equal(m?.index, text.indexOf('ghp_'));
    assert.equal(m?.text.length, 40);
  });
});

describe('credential formats wherever they sit in a string', () => {
  // Realistic-looking fake tokens: random mixed case, the format's exact lengths.
  const GH = 'ghp_R7mQx2LkV9tNw4PzB8cJh3YsD6fGa1UeK5Wn';
  const STRIPE = 'sk_live_51Nq8RzT4xLmW2vKp9HsYc3Bd';
  const SLACK = 'xoxb-2817364509-5512093384716-qT7nVz2KpL9xWm4R';
  const AKID = 'AKIAQ3RT7XZK2MWN5PLV';
  const FINE = `github_pat_11AQ7RZKI0x9Tm2Lq4VwNs_${'Zq8Wm3Np7Rt2Xv5Kb9Lc4Hd6Jf1Gs0Ay8Eu3Tq8Wm3Np7Rt2Xv5Kb9Lc4Hd6Jf1Gs0'.slice(0, 59)}`;
  const cases: Array<[string, string, string]> = [
    ['github-token', `https://${GH}@github.com/acme/payments.git`, GH],
    ['github-token', `https://x-access-token:${GH}@github.com/acme/payments.git`, GH],
    ['github-token', `https://hooks.acme.dev/hooks/${GH}`, GH],
    ['github-token', `/hooks/${GH}/deliver`, GH],
    ['github-fine-grained-token', `https://oauth2:${FINE}@github.com/acme/infra`, FINE],
    ['stripe-live-secret-key', `https://api.acme.dev/billing/${STRIPE}`, STRIPE],
    ['stripe-live-secret-key', `${STRIPE}:Get*`, STRIPE],
    ['slack-token', `https://slack.acme.dev/${SLACK}?channel=ops`, SLACK],
    ['aws-access-key-id', `s3://deploy-bucket/${AKID}/credentials`, AKID],
    ['aws-access-key-id', `deploy@${AKID}`, AKID],
  ];
  for (const [id, text, token] of cases) {
    it(`finds the ${id} in ${JSON.stringify(text.replace(token, `${token.slice(0, 4)}…`))}`, () => {
      const m = findCredential(text);
      assert.equal(m?.format.id, id);
      assert.equal(m?.text, token);
      assert.equal(m?.index, text.indexOf(token));
    });
  }

  const notTokens = [
    `https://github.com/acme/x${GH}`, // a longer word that ends like a token
    `/hooks/${GH}9`, // one character too many
    `/hooks/${GH}-v2`,
    `prefix_${STRIPE}`,
    `https://acme.dev/task-${'R7mQx2LkV9tNw4PzB8cJh3Ys'}`,
  ];
  for (const text of notTokens) {
    it(`does not find a token in the longer word ${JSON.stringify(text.slice(0, 40))}…`, () =>
      assert.equal(findCredential(text), undefined));
  }
});

describe('placeholders and references', () => {
  it('treats the documentation examples of AWS and jwt.io as placeholders', () => {
    for (const example of DOCUMENTATION_EXAMPLES) {
      assert.ok(isPlaceholder(example), example);
      assert.equal(findCredential(example, { nearby: new Set(['aws-access-key-id']) }), undefined, example);
    }
    assert.equal(findCredential('aws_access_key_id = AKIAIOSFODNN7EXAMPLE'), undefined);
  });

  const placeholders = [
    'changeme',
    'CHANGE_ME',
    'replace-me',
    'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx',
    'AKIAXXXXXXXXXXXXXXXX',
    'ghp_' + '0'.repeat(36),
    '<your-api-key>',
    '${STRIPE_API_KEY}',
    '{{resolve:secretsmanager:prod/payments:SecretString:apiKey}}',
    '$GITHUB_TOKEN',
    'your-api-key-here',
    'YOUR_TOKEN',
    'yourapikey',
    'sk_live_my_key_AbCdEfGh12345678',
    'sk_live_test_AbCdEfGh1234567890',
    'fake-token-for-local-runs',
    'dummy-password',
    'ExampleSecretValue123',
    '********',
    'placeholder',
  ];
  for (const p of placeholders) it(`'${p.slice(0, 30)}' is a placeholder`, () => assert.equal(isPlaceholder(p), true));

  const notPlaceholders = [
    'sk_live_51AbCdEfGh1234567890AbCdEf',
    'Xk9#mP2$vL5qR8wZ',
    'Qw3rTy7uIoP9aSdF',
    'sk_live_4242424242424242424242424',
    'latest-contest-attestation',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhYmMifQ.Xxx9-myKey_AbCdEfGh12345',
  ];
  for (const p of notPlaceholders) it(`'${p}' is not a placeholder`, () => assert.equal(isPlaceholder(p), false));

  it('takes extra placeholder patterns from the configuration, ignoring invalid ones', () => {
    const patterns = compilePatterns(['^sk_live_51AbCd', '(unclosed']);
    assert.equal(patterns.length, 1);
    assert.equal(isPlaceholder('sk_live_51AbCdEfGh1234567890AbCdEf', patterns), true);
    assert.equal(findCredential('sk_live_51AbCdEfGh1234567890AbCdEf', { placeholderPatterns: patterns }), undefined);
  });

  const references = [
    'arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/payments-AbCdEf',
    '3f1c2b9e-4a5d-4e6f-8a7b-9c0d1e2f3a4b',
    '111122223333',
    'https://auth.payments.internal/oauth2/token',
    '/prod/payments/api-key',
    '{{resolve:ssm:/prod/payments/api-key}}',
  ];
  for (const r of references) it(`'${r.slice(0, 30)}' is a reference`, () => assert.equal(isReference(r), true));
  it('plain settings: booleans, numbers, short values, words, header names', () => {
    for (const v of ['true', 'DISABLED', '3600', '-1.5', 'RS256', 'strict', 'Authorization', 'SecretsManager', 'x-api-key'])
      assert.equal(isPlainSetting(v), true, v);
    for (const v of ['Xk9#mP2$vL5qR8wZ', 'hunter2hunter2', 'pw-staging-2024']) assert.equal(isPlainSetting(v), false, v);
  });

  it('Stripe publishable keys are public by design', () => {
    assert.equal(isPublicKey('pk_live_51AbCdEfGh1234567890AbCdEf'), true);
    assert.equal(isPublicKey('sk_live_51AbCdEfGh1234567890AbCdEf'), false);
  });
  it('a URL with credentials in it is not a reference', () =>
    assert.equal(isReference('postgres://app:Xk9mP2vL5qR8wZ@db.internal:5432/payments'), false));
});

describe('random-looking values', () => {
  it('measures Shannon entropy in bits per character', () => {
    assert.equal(shannonEntropy('aaaa'), 0);
    assert.equal(shannonEntropy('abcd'), 2);
    assert.equal(shannonEntropy('0123456789abcdef'), 4);
  });

  const random = [
    'Qw3rTy7uIoP9aSdF',
    'Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0Lm',
    '9f86d081884c7d659a2feaa0c55ad015',
    'c2VjcmV0LXNpZ25pbmcta2V5LTIwMjQ=',
  ];
  const notRandom = [
    'Xk9#mP2$vL5q', // too short
    'SecretsManagerKeyName',
    'prod/payments/stripe-key',
    'x-api-key-header-name',
    'application/json',
    'correct horse battery staple',
    'hunter2hunter2hunter2',
    '1234567890123456',
    'deadbeefdeadbeef',
  ];
  for (const v of random) it(`'${v}' looks random`, () => assert.equal(looksRandom(v), true));
  for (const v of notRandom) it(`'${v}' does not look random`, () => assert.equal(looksRandom(v), false));

  it('recognises values made of words', () => {
    assert.equal(isWords('SecretsManagerKeyName'), true);
    assert.equal(isWords('kQzXvBnRtYpLmWsD'), false);
  });
});
