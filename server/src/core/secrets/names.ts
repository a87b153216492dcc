import type { EngineConfig } from '../config';

/**
 * "Does this name look like it holds a secret?" — the one test the rule catalog defines, shared
 * by `secret-in-env`, `hardcoded-secret`, `handler-env-secret` and `handler-logs-sensitive`.
 *
 * The name is split into word parts (`_`, `-`, `.`, spaces, camelCase). It looks secret when a
 * part is a secret word, when two neighbouring parts form a secret pair, or when the last part
 * is `KEY`; unless the last part says the value is a reference or a plain setting.
 */

export const SECRET_WORDS = [
  'SECRET',
  'SECRETS',
  'PASSWORD',
  'PASSWD',
  'PWD',
  'PASS',
  'TOKEN',
  'CREDENTIAL',
  'CREDENTIALS',
  'BEARER',
  'AUTHORIZATION',
  'APIKEY',
];

export const SECRET_PAIRS: Array<[string, string]> = [
  ['API', 'KEY'],
  ['ACCESS', 'KEY'],
  ['SECRET', 'KEY'],
  ['PRIVATE', 'KEY'],
  ['SIGNING', 'KEY'],
  ['AUTH', 'TOKEN'],
];

/** A last part that says the value is a reference or a plain setting, not the secret itself. */
export const REFERENCE_WORDS = [
  'ARN',
  'NAME',
  'ID',
  'URL',
  'URI',
  'PATH',
  'PREFIX',
  'REGION',
  'TTL',
  'LENGTH',
  'FILE',
  'PARAM',
  'PARAMETER',
];

/** `stripeApiKey` → `STRIPE API KEY`; `DB_PASSWORD` → `DB PASSWORD`; `x-api-key` → `X API KEY`. */
export function nameParts(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p.toUpperCase());
}

export interface NameWords {
  secretWords?: readonly string[];
  nonSecretWords?: readonly string[];
}

export function wordsFrom(config: Pick<EngineConfig, 'secretWords' | 'nonSecretWords'> | undefined): NameWords {
  return { secretWords: config?.secretWords ?? [], nonSecretWords: config?.nonSecretWords ?? [] };
}

export function looksSecret(name: string, extra: NameWords = {}): boolean {
  const parts = nameParts(name);
  if (parts.length === 0) return false;
  const last = parts[parts.length - 1];
  const references = new Set([...REFERENCE_WORDS, ...(extra.nonSecretWords ?? []).map((w) => w.toUpperCase())]);
  if (references.has(last)) return false;
  const words = new Set([...SECRET_WORDS, ...(extra.secretWords ?? []).map((w) => w.toUpperCase())]);
  if (parts.some((p) => words.has(p))) return true;
  for (let i = 0; i + 1 < parts.length; i++) {
    if (SECRET_PAIRS.some(([a, b]) => parts[i] === a && parts[i + 1] === b)) return true;
  }
  // v2: `KEY` is secret only after a qualifier (`STRIPE_KEY`), not alone or after a word that
  // makes it a lookup key (`Key`, `thisKey`, `sortKey`, `partitionKey`, `objectKey`).
  return last === 'KEY' && parts.length > 1 && !LOOKUP_KEY_WORDS.has(parts[parts.length - 2]);
}

/** Words before `KEY` that make it a key to look something up by, not a credential. */
const LOOKUP_KEY_WORDS = new Set([
  'THIS',
  'SORT',
  'PARTITION',
  'OBJECT',
  'PRIMARY',
  'HASH',
  'RANGE',
  'CACHE',
  'IDEMPOTENCY',
  'DEDUPLICATION',
  'ROUTING',
  'INDEX',
  'FOREIGN',
  'COMPOSITE',
  'SHARD',
  'ROW',
  'ITEM',
  'TAG',
  'MAP',
  'LOOKUP',
  'S3',
  'BUCKET',
  'GROUP',
  'MESSAGE',
  'CONFIG',
]);

export { redact } from '../preview';
