import { compilePattern, type TextPattern } from '../patterns';
import { isWords } from './entropy';
import { nameParts } from './names';

export { compilePattern, MAX_PATTERN_LENGTH, type TextPattern } from '../patterns';

/**
 * Values that look like credentials but are not: placeholders people write where a secret will
 * go, the example credentials of vendors' documentation, and references (ARNs, UUIDs, account
 * ids, plain URLs) that name a secret rather than hold it. Shared by the three secrets rules.
 */

/**
 * Example credentials published in vendors' documentation, so copied into READMEs, tests and
 * samples everywhere. AWS's own example key pairs are placeholders: they have never been valid.
 */
export const DOCUMENTATION_EXAMPLES: readonly string[] = [
  // AWS documentation (IAM user guide, CLI configuration).
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'AKIAI44QH8DHBEXAMPLE',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  // The jwt.io debugger's sample token ("John Doe", HS256 with the key "your-256-bit-secret").
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
];

/** Placeholder words found anywhere in the value (`sk_live_CHANGEME`, `AKIA…EXAMPLE`). */
const PLACEHOLDER_SUBSTRINGS = /changeme|change[-_ ]me|replace[-_ ]?me|placeholder|example|dummy|redacted/i;

/** Placeholder words that must stand as a word of their own (`sk_live_test_…`, `fake-token`). */
const PLACEHOLDER_WORDS = new Set(['TEST', 'TESTING', 'FAKE', 'SAMPLE', 'MOCK', 'TODO', 'FIXME', 'NONE', 'NULL', 'UNDEFINED']);

const PLACEHOLDER_SHAPES = [
  /x{4}|X{4}/, // sk_live_xxxxxxxx, AKIAXXXXXXXXXXXXXXXX (four: three turn up in random keys)
  /\*{3}|•{3}/, // masked values
  /<[^<>\s][^<>]*>/, // <your-api-key>
  /\$\{[^}]*\}/, // ${API_KEY} (a shell or template placeholder in a plain string)
  /\{\{[^}]*\}\}/, // {{resolve:secretsmanager:…}}, {{ token }}
  /^\$[A-Z_][A-Z0-9_]*$/, // $API_KEY
  /(?:^|[^A-Za-z0-9])(?:your|my)[-_ ]/i, // your-api-key, YOUR_TOKEN, sk_live_my_key
  /^your[a-z]/i, // yourapikey
];

/** The patterns that can be used; the others (reported where the configuration is read) match nothing. */
export function compilePatterns(sources: readonly string[] | undefined): TextPattern[] {
  const out: TextPattern[] = [];
  for (const source of sources ?? []) {
    const pattern = compilePattern(source);
    if (typeof pattern !== 'string') out.push(pattern);
  }
  return out;
}

/** A value someone writes where the real secret will go, or a documentation example. */
export function isPlaceholder(value: string, extra: readonly TextPattern[] = []): boolean {
  if (DOCUMENTATION_EXAMPLES.some((e) => value.includes(e))) return true;
  if (PLACEHOLDER_SUBSTRINGS.test(value)) return true;
  if (PLACEHOLDER_SHAPES.some((p) => p.test(value))) return true;
  if (nameParts(value).some((p) => PLACEHOLDER_WORDS.has(p))) return true;
  if (isOneCharacterRepeated(value)) return true;
  return extra.some((p) => p.test(value));
}

/** `0000000000000000`, `sk_live_aaaaaaaaaaaaaaaaaaaaaaaa`: one character making up half the value or more. */
function isOneCharacterRepeated(value: string): boolean {
  let longest = 0;
  for (const m of value.matchAll(/(.)\1*/gs)) longest = Math.max(longest, m[0].length);
  return longest >= 6 && longest * 2 >= value.length;
}

/**
 * A value that names or locates a secret instead of holding it: an ARN, a UUID used as an id,
 * a 12-digit account id, a URL or path with no credentials in it, a CloudFormation dynamic
 * reference.
 */
export function isReference(value: string): boolean {
  const v = value.trim();
  return (
    /^arn:aws[a-z-]*:/.test(v) ||
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v) ||
    /^\d{12}$/.test(v) ||
    (/^[a-z][a-z0-9+.-]*:\/\/[^\s]*$/i.test(v) && !/^[a-z][a-z0-9+.-]*:\/\/[^/\s]*@/i.test(v)) ||
    /^\.{0,2}\/[\w./-]*$/.test(v) ||
    /^\{\{resolve:/.test(v)
  );
}

/**
 * Text that is code or configuration, never a generated secret: VTL and JSONPath templates
 * (`$input.path('$.id')`, `$.detail.id`), dotted setting names (`access_logs.s3.enabled`), JSON
 * templates (`{"username":"admin"}`) and paths (`reports/2024/summary.json`).
 */
export function isTemplateOrSetting(value: string): boolean {
  const v = value.trim();
  return (
    /^\$(?:\.|input\b|util\b|context\b|stageVariables\b|\{|\[)/.test(v) ||
    /^#(?:set|if|foreach)\b/.test(v) ||
    /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+$/.test(v) ||
    /^[[{]/.test(v)
  );
}

/** Keys that are public by design: Stripe publishable keys go into browser code. */
export function isPublicKey(value: string): boolean {
  return /^pk_(live|test)_[A-Za-z0-9]+$/.test(value.trim());
}

/**
 * A plain setting, not a secret: a boolean or a number (`TOKEN_EXPIRY_SECONDS: '3600'`), a
 * short value (`TOKEN_ALGORITHM: 'RS256'`, `PASSWORD_POLICY: 'strict'`: passwords and keys are
 * longer), words (`AUTH_TOKEN_HEADER: 'Authorization'`) or a header name (`'x-api-key'`).
 */
export function isPlainSetting(value: string): boolean {
  const v = value.trim();
  return (
    /^(true|false|yes|no|on|off|enabled|disabled)$/i.test(v) ||
    /^-?\d+(\.\d+)?$/.test(v) ||
    v.length < MIN_SECRET_LENGTH ||
    isWords(v) ||
    /^x-[a-z0-9]+(?:-[a-z0-9]+)*$/i.test(v)
  );
}

/** Shorter values under a secret-looking name are settings (passwords policies ask for 8 or more). */
export const MIN_SECRET_LENGTH = 8;
