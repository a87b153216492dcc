import { isPlaceholder, type TextPattern } from './allowList';

/**
 * The credential formats Serverless Guard recognises in string values, in one table shared by
 * `hardcoded-secret` (any file) and `secret-in-env` (Lambda environment values). Each format is
 * a pattern plus, where the pattern alone would match ordinary text, a validator.
 *
 * Patterns are anchored on "not part of a longer token" (look-behind / look-ahead), so a match
 * inside a URL or a header value counts, but a prefix inside a longer identifier does not. A
 * format with a fixed prefix (`ghp_`, `sk_live_`) starts a token by itself: only a letter, digit,
 * `_` or `-` before it makes it part of another, so one in URL userinfo (`https://ghp_…@host`) or
 * a path (`/hooks/ghp_…`) counts. A bare base64 run (the AWS secret key) keeps `/` and `+` as
 * part of the run, as base64 has them.
 */

export interface CredentialFormat {
  id: string;
  /** What the value is, as messages name it: "Hard-coded <description> (sk_l…)". */
  description: string;
  /** Global flag not needed: the first acceptable match is enough. */
  pattern: RegExp;
  /** Further checks on the matched text, where the pattern alone is too loose. */
  validate?: (match: string) => boolean;
  /**
   * Only a credential when another format is found next to it: a 40-character base64 string is
   * an AWS secret access key when an access key id is in the same object or a few lines away.
   */
  requiresNearby?: string;
}

/** Around a run of base64 characters, which include `/` and `+`. */
const NOT_IN_BASE64 = ['(?<![A-Za-z0-9_\\-+/])', '(?![A-Za-z0-9_\\-+/])'];
/** Around a token that starts with its own prefix: any separator but a word character or `-`. */
const NOT_IN_WORD = ['(?<![A-Za-z0-9_\\-])', '(?![A-Za-z0-9_\\-])'];

/** A token with a prefix of its own (`ghp_`, `AKIA`, `eyJ`). */
function bounded(body: string): RegExp {
  return new RegExp(`${NOT_IN_WORD[0]}${body}${NOT_IN_WORD[1]}`);
}

function boundedBase64(body: string): RegExp {
  return new RegExp(`${NOT_IN_BASE64[0]}${body}${NOT_IN_BASE64[1]}`);
}

export const CREDENTIAL_FORMATS: readonly CredentialFormat[] = [
  {
    id: 'aws-access-key-id',
    description: 'AWS access key ID',
    pattern: bounded('(?:AKIA|ASIA)[A-Z0-9]{16}'),
  },
  {
    id: 'aws-secret-access-key',
    description: 'AWS secret access key',
    pattern: boundedBase64('[A-Za-z0-9/+]{40}'),
    // Not a hex digest (git SHA-1s are 40 characters too) and not one repeated word: both
    // letter cases and a digit or symbol, as AWS generates them.
    validate: (m) => /[a-z]/.test(m) && /[A-Z]/.test(m) && /[0-9/+]/.test(m),
    requiresNearby: 'aws-access-key-id',
  },
  {
    id: 'pem-private-key',
    description: 'private key (PEM block)',
    pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)/,
    // A header alone (code that checks `pem.startsWith(...)`) is not a key: it needs a body.
    validate: (m) => pemBodyLength(m) >= 64,
  },
  {
    id: 'github-token',
    description: 'GitHub token',
    pattern: bounded('gh[pousr]_[A-Za-z0-9]{36}'),
  },
  {
    id: 'github-fine-grained-token',
    description: 'GitHub fine-grained personal access token',
    pattern: bounded('github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}'),
  },
  {
    id: 'slack-token',
    description: 'Slack token',
    pattern: bounded('xox[bpa]-[0-9]{8,13}-[A-Za-z0-9-]{10,}'),
  },
  {
    id: 'stripe-live-secret-key',
    description: 'Stripe live secret key',
    pattern: bounded('sk_live_[A-Za-z0-9]{24,}'),
  },
  {
    id: 'stripe-live-restricted-key',
    description: 'Stripe live restricted key',
    pattern: bounded('rk_live_[A-Za-z0-9]{24,}'),
  },
  {
    id: 'openai-api-key',
    description: 'OpenAI API key',
    pattern: bounded('sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}'),
    // `sk-` also starts hyphenated names (`sk-learn-model-registry-bucket`): a key is random,
    // so it mixes upper case, lower case and digits.
    validate: (m) => {
      const body = m.replace(/^sk-(?:proj-|svcacct-|admin-)?/, '');
      return /[a-z]/.test(body) && /[A-Z]/.test(body) && /[0-9]/.test(body);
    },
  },
  {
    id: 'jwt',
    description: 'JSON Web Token',
    pattern: bounded('eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{16,}'),
    // Three base64url segments are common; a token's header decodes to JSON naming its "alg".
    validate: (m) => jwtHeaderHasAlg(m.slice(0, m.indexOf('.'))),
  },
];

export interface CredentialMatch {
  format: CredentialFormat;
  /** The matched text (never to be shown: use `redact`). */
  text: string;
  /** Offset of the match in the searched text. */
  index: number;
}

export interface FindOptions {
  /** Format ids found next to the text (see `requiresNearby`). */
  nearby?: ReadonlySet<string>;
  /** Extra placeholder patterns from the configuration. */
  placeholderPatterns?: readonly TextPattern[];
}

/**
 * The first credential in `text` that is not a placeholder. Formats that need a neighbour are
 * only tried when `nearby` has it.
 */
export function findCredential(text: string, options: FindOptions = {}): CredentialMatch | undefined {
  if (text.length < 20 || !ANY_FORMAT.test(text)) return undefined;
  for (const format of CREDENTIAL_FORMATS) {
    if (format.requiresNearby && !options.nearby?.has(format.requiresNearby)) continue;
    const match = firstValidMatch(format, text);
    if (match && !isPlaceholder(match.text, options.placeholderPatterns)) return match;
  }
  return undefined;
}

/** Format ids present in `text`, placeholders included: the context `requiresNearby` asks for. */
export function formatsIn(text: string): string[] {
  if (text.length < 20 || !ANY_FORMAT.test(text)) return [];
  return CREDENTIAL_FORMATS.filter((f) => !f.requiresNearby && firstValidMatch(f, text)).map((f) => f.id);
}

/** All patterns in one: most strings match none, and one pass over them says so. */
const ANY_FORMAT = new RegExp(CREDENTIAL_FORMATS.map((f) => `(?:${f.pattern.source})`).join('|'));

/** Each pattern with the global flag, for `matchAll` (which copies it: sharing is safe). */
const GLOBAL_PATTERNS = new Map(CREDENTIAL_FORMATS.map((f) => [f, new RegExp(f.pattern.source, 'g')]));

/**
 * Every credential in `text` that is not a placeholder, in every format (what output must never
 * show: see redact.ts). An AWS secret access key counts when an access key id is in the text too,
 * or in `nearby`. Matches of different formats may overlap.
 */
export function findCredentials(text: string, options: FindOptions = {}): CredentialMatch[] {
  if (text.length < 20 || !ANY_FORMAT.test(text)) return [];
  const nearby = new Set([...(options.nearby ?? []), ...formatsIn(text)]);
  const out: CredentialMatch[] = [];
  for (const format of CREDENTIAL_FORMATS) {
    if (format.requiresNearby && !nearby.has(format.requiresNearby)) continue;
    for (const match of validMatches(format, text)) if (!isPlaceholder(match.text, options.placeholderPatterns)) out.push(match);
  }
  return out;
}

function firstValidMatch(format: CredentialFormat, text: string): CredentialMatch | undefined {
  for (const match of validMatches(format, text)) return match;
  return undefined;
}

function* validMatches(format: CredentialFormat, text: string): Generator<CredentialMatch> {
  const global = GLOBAL_PATTERNS.get(format) ?? new RegExp(format.pattern.source, 'g');
  for (const m of text.matchAll(global)) {
    if (!format.validate || format.validate(m[0])) yield { format, text: m[0], index: m.index ?? 0 };
  }
}

function pemBodyLength(block: string): number {
  const body = block
    .replace(/^-----BEGIN[^\n]*?-----/, '')
    .replace(/-----END[\s\S]*$/, '')
    .split(/\r?\n/)
    .filter((line) => !/^[A-Za-z-]+:/.test(line)) // Proc-Type:, DEK-Info: headers of encrypted keys
    .join('');
  return (body.match(/[A-Za-z0-9+/=]/g) ?? []).length;
}

function jwtHeaderHasAlg(segment: string): boolean {
  try {
    const header: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof header === 'object' && header !== null && typeof (header as { alg?: unknown }).alg === 'string';
  } catch {
    return false;
  }
}
