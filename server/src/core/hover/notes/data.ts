import { BLOCK_PUBLIC_ACCESS_FLAGS, PUBLIC_BUCKET_ACLS } from '../../cdk/knowledge';
import { asBoolean, Value } from '../../model/values';
import { cannotTell, code, info, isCall, isNew, judgeBoolean, judgeMember, memberOf, ok, risk, show } from '../judge';
import { lookup, valueIfSet } from '../../model/lookup';
import type { ConstructNote, Judgement, NoteContext, PropNote } from '../types';

/** Data stores and keys: S3, DynamoDB, SQS, SNS, KMS, Secrets Manager. */

const enforceSSL = (what: string, rules: string[] = []): PropNote => ({
  about: `Adds a resource policy statement that denies every request to the ${what} made without TLS (\`aws:SecureTransport\` is false).`,
  guide: 'data-protection.md#encryption-in-transit',
  rules,
  judge: (v) =>
    judgeBoolean(v, {
      true: ok('requests without TLS are denied'),
      false: risk('requests over plain HTTP are allowed'),
      unset: risk('not set — requests over plain HTTP are allowed'),
    }),
});

const customerKey = (what: string): PropNote => ({
  about: `A customer-managed KMS key for the ${what}: you decide in its key policy who may decrypt, and every use is logged in CloudTrail.`,
  guide: 'data-protection.md#customer-managed-keys',
  onlyWhenSet: true,
  judge: (v) => (v ? ok(`customer-managed key ${show(v)}`) : undefined),
});

const BUCKET_ENCRYPTION: Record<string, Judgement> = {
  S3_MANAGED: ok('SSE-S3: keys owned and rotated by S3'),
  KMS_MANAGED: ok('SSE-KMS with the AWS-managed key `aws/s3`: uses show in CloudTrail, but you cannot edit its key policy'),
  KMS: ok('SSE-KMS with a customer-managed key (the `encryptionKey`, or one CDK creates)'),
  DSSE_MANAGED: ok('dual-layer encryption with KMS'),
  DSSE: ok('dual-layer encryption with KMS'),
  UNENCRYPTED: risk('`UNENCRYPTED` is deprecated and asks for no default encryption; S3 encrypts anyway, so say `S3_MANAGED` or `KMS`'),
};

function bucketEncryption(v: Value | undefined, ctx: NoteContext): Judgement {
  if (v !== undefined) return judgeMember(v, ['aws-s3.BucketEncryption'], BUCKET_ENCRYPTION);
  return valueIfSet(ctx.props, 'encryptionKey')
    ? ok('not set — SSE-KMS with the `encryptionKey` given')
    : ok('not set — SSE-S3 (keys owned by S3), the default; fine unless compliance needs a customer-managed key');
}

function blockPublicAccess(v: Value | undefined, ctx: NoteContext): Judgement {
  if (v === undefined) return ok('not set — all four public access blocks stay on (the S3 default)');
  const member = memberOf(v, 'aws-s3.BlockPublicAccess');
  if (member === 'BLOCK_ALL') return ok('every public access path is blocked');
  if (member === 'BLOCK_ACLS' || member === 'BLOCK_ACLS_ONLY') {
    return risk(`${code(member)} blocks only ACLs: a bucket policy can still make objects public`);
  }
  if (v.kind === 'new' && isNew(v, 'aws-s3.BlockPublicAccess')) {
    const arg = v.expr.arguments?.[0];
    const options = arg ? ctx.resolver.resolve(arg, v.file) : undefined;
    // A flag left out of the options is off.
    const off = BLOCK_PUBLIC_ACCESS_FLAGS.filter((flag) => {
      const l = lookup(options, flag);
      return l.state === 'absent' || (l.state === 'set' && asBoolean(l.value) === false);
    });
    return off.length === 0 ? ok('every public access block is on') : risk(`${off.map(code).join(', ')} off: public access is possible`);
  }
  return cannotTell(v);
}

export const BUCKET: ConstructNote = {
  classes: ['aws-s3.Bucket'],
  label: 'S3 bucket',
  about:
    "Three questions decide a bucket's exposure: can the public read it, how are objects encrypted at rest, and are plain-HTTP requests refused.",
  guide: 'data-protection.md#blocking-public-access',
  rules: ['s3-public-access', 's3-enforce-ssl', 's3-unencrypted'],
  propsIndex: 2,
  props: {
    blockPublicAccess: {
      about:
        "The bucket's four Block Public Access switches. Left unset they are all on; turning any off lets a bucket policy or an ACL expose objects.",
      rules: ['s3-public-access'],
      judge: blockPublicAccess,
    },
    publicReadAccess: {
      about: 'Adds a bucket policy that lets anyone on the internet read every object.',
      rules: ['s3-public-access'],
      onlyWhenSet: true,
      judge: (v) =>
        judgeBoolean(v, {
          true: risk('anyone on the internet can read every object'),
          false: ok('objects are not publicly readable'),
          unset: ok('not set — objects are not publicly readable'),
        }),
    },
    accessControl: {
      about: 'A canned ACL for the bucket. ACLs are a legacy access model; bucket policies and grants are clearer.',
      rules: ['s3-public-access'],
      onlyWhenSet: true,
      judge: (v) => {
        if (!v) return undefined;
        const m = memberOf(v, 'aws-s3.BucketAccessControl');
        if (m === undefined) return cannotTell(v);
        return PUBLIC_BUCKET_ACLS.includes(m) ? risk(`${code(m)} opens the bucket beyond your account`) : ok(code(m));
      },
    },
    encryption: {
      about:
        'Server-side encryption of objects at rest. SSE-S3 is the default; SSE-KMS with your own key adds key-policy control and a CloudTrail record of each use.',
      guide: 'data-protection.md#encryption-at-rest',
      rules: ['s3-unencrypted'],
      judge: bucketEncryption,
    },
    encryptionKey: customerKey('bucket'),
    enforceSSL: enforceSSL('bucket', ['s3-enforce-ssl']),
    minimumTLSVersion: {
      about: 'With `enforceSSL`, also denies requests that use a TLS version older than this.',
      guide: 'data-protection.md#encryption-in-transit',
      onlyWhenSet: true,
      judge: (v) => (v ? ok(`requests with TLS older than ${show(v)} are denied`) : undefined),
    },
  },
};

function tableEncryption(v: Value | undefined, ctx: NoteContext): Judgement {
  const strict = ctx.config.requireCustomerManagedKeys;
  const notCustomer = (text: string) =>
    strict
      ? risk(`${text}; your configuration requires customer-managed keys`)
      : ok(`${text} — fine unless compliance needs a customer-managed key`);
  if (v === undefined) {
    if (valueIfSet(ctx.props, 'encryptionKey')) return ok('not set — customer-managed key (the `encryptionKey` given)');
    return notCustomer('not set — a key owned by DynamoDB (the default)');
  }
  const owned = notCustomer('a key owned by DynamoDB');
  const managed = notCustomer('the AWS-managed key `aws/dynamodb` (its use shows in CloudTrail)');
  const customer = ok('a customer-managed key: you control its key policy and rotation');
  // `TableEncryption` members for `Table`, `TableEncryptionV2` factories for `TableV2`.
  return judgeMember(v, ['aws-dynamodb.TableEncryption', 'aws-dynamodb.TableEncryptionV2'], {
    DEFAULT: owned,
    dynamoOwnedKey: owned,
    AWS_MANAGED: managed,
    awsManagedKey: managed,
    CUSTOMER_MANAGED: customer,
    customerManagedKey: customer,
  });
}

export const TABLE: ConstructNote = {
  classes: ['aws-dynamodb.Table', 'aws-dynamodb.TableV2'],
  label: 'DynamoDB table',
  about:
    'Items are always encrypted at rest. The choice is whose key: owned by DynamoDB (the default, free), AWS-managed (`aws/dynamodb`), or customer-managed (your key policy, your audit trail).',
  guide: 'data-protection.md#customer-managed-keys',
  rules: ['dynamodb-cmk'],
  propsIndex: 2,
  props: {
    encryption: {
      about: "Which KMS key protects the table's data at rest. Every option encrypts; they differ in who controls the key.",
      rules: ['dynamodb-cmk'],
      judge: tableEncryption,
    },
    encryptionKey: customerKey('table'),
  },
};

const QUEUE_ENCRYPTION: Record<string, Judgement> = {
  SQS_MANAGED: ok('SSE-SQS: keys owned by SQS'),
  KMS_MANAGED: ok('SSE-KMS with the AWS-managed key `aws/sqs`'),
  KMS: ok('SSE-KMS with a customer-managed key'),
  UNENCRYPTED: risk('messages are stored without server-side encryption'),
};

function queueEncryption(v: Value | undefined, ctx: NoteContext): Judgement {
  if (v !== undefined) return judgeMember(v, ['aws-sqs.QueueEncryption'], QUEUE_ENCRYPTION);
  return valueIfSet(ctx.props, 'encryptionMasterKey')
    ? ok('not set — SSE-KMS with the `encryptionMasterKey` given')
    : ok('not set — SSE-SQS (keys owned by SQS), the default for new queues');
}

export const QUEUE: ConstructNote = {
  classes: ['aws-sqs.Queue'],
  label: 'SQS queue',
  about:
    'New queues encrypt messages at rest with SSE-SQS unless you turn it off. A KMS key adds control over who can read them; `enforceSSL` refuses requests without TLS.',
  guide: 'data-protection.md#encryption-at-rest',
  rules: ['sqs-unencrypted'],
  propsIndex: 2,
  props: {
    encryption: {
      about: 'Server-side encryption of messages at rest.',
      rules: ['sqs-unencrypted'],
      judge: queueEncryption,
    },
    encryptionMasterKey: customerKey('queue'),
    enforceSSL: enforceSSL('queue'),
  },
};

export const TOPIC: ConstructNote = {
  classes: ['aws-sns.Topic'],
  label: 'SNS topic',
  about: 'SNS encrypts stored messages only when the topic has a KMS key (`masterKey`). Subscribers then need `kms:Decrypt` on that key.',
  guide: 'data-protection.md#encryption-at-rest',
  rules: ['sns-unencrypted'],
  propsIndex: 2,
  props: {
    masterKey: {
      about: 'The KMS key SNS encrypts messages with while it stores them.',
      rules: ['sns-unencrypted'],
      judge: (v) =>
        v === undefined ? risk('not set — messages are stored without server-side encryption') : ok(`encrypted with ${show(v)}`),
    },
    enforceSSL: enforceSSL('topic'),
  },
};

/** Key specs whose material KMS cannot rotate automatically. */
function isSymmetric(spec: Value | undefined): boolean | undefined {
  if (spec === undefined) return true;
  const m = memberOf(spec, 'aws-kms.KeySpec');
  return m === undefined ? undefined : m === 'SYMMETRIC_DEFAULT';
}

export const KEY: ConstructNote = {
  classes: ['aws-kms.Key'],
  label: 'KMS key',
  about:
    'A customer-managed key: its key policy says who may use it, CloudTrail records every use, and you choose whether its material rotates.',
  guide: 'data-protection.md#key-rotation',
  rules: ['kms-key-rotation'],
  propsIndex: 2,
  props: {
    enableKeyRotation: {
      about:
        'Rotates the key material automatically (yearly unless `rotationPeriod` says otherwise). Old material stays available, so existing data still decrypts.',
      rules: ['kms-key-rotation'],
      judge: (v, ctx) => {
        const symmetric = isSymmetric(valueIfSet(ctx.props, 'keySpec'));
        if (symmetric === false) return info('automatic rotation is only available for symmetric encryption keys');
        return judgeBoolean(v, {
          true: ok('key material rotates automatically'),
          false: risk('the key material never rotates'),
          unset: risk('not set — the key material never rotates (CDK leaves rotation off)'),
        });
      },
    },
    rotationPeriod: {
      about: 'How often the material rotates, between 90 and 2560 days.',
      onlyWhenSet: true,
      judge: (v) => (v ? ok(`rotates every ${show(v)}`) : undefined),
    },
    keySpec: {
      about: 'The kind of key. Only symmetric encryption keys (the default) rotate automatically.',
      onlyWhenSet: true,
      judge: (v) => (v ? info(show(v)) : undefined),
    },
  },
};

export const SECRET: ConstructNote = {
  classes: ['aws-secretsmanager.Secret'],
  label: 'Secrets Manager secret',
  about:
    'Stores a value encrypted with KMS and hands it only to principals you grant (`secret.grantRead(fn)`); it can also rotate the value for you (`secret.addRotationSchedule(...)`, anywhere in the project). `unsafeUnwrap()` of its value writes the value into the template.',
  guide: 'function-security.md#secrets-management',
  rules: ['secret-plaintext-value', 'secret-no-rotation', 'secret-unwrapped'],
  propsIndex: 2,
  props: {
    secretStringValue: {
      about: 'An initial value you supply. A value written in code ends up in the CloudFormation template and in your repository.',
      rules: ['secret-plaintext-value'],
      judge: (v) => {
        if (v === undefined) return ok('not set — Secrets Manager generates the value');
        if (isCall(v, 'aws-cdk-lib.SecretValue.unsafePlainText', 'aws-cdk-lib.SecretValue.plainText')) {
          return risk('a plain-text value from your code: it is stored in the template');
        }
        return info(show(v));
      },
    },
    encryptionKey: {
      about: 'The KMS key that encrypts the secret. Without one, the AWS-managed key `aws/secretsmanager` is used.',
      guide: 'data-protection.md#customer-managed-keys',
      judge: (v) => (v ? ok(`customer-managed key ${show(v)}`) : info('not set — the AWS-managed key `aws/secretsmanager`')),
    },
  },
};
