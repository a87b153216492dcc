import { nameParts } from './names';

/**
 * "Is this literal random enough to be a generated secret?" — asked only of values assigned to
 * names that look secret (`const stripeKey = '…'`), so the name is half the evidence and the
 * thresholds can sit below those of scanners that judge bare strings.
 *
 * - MIN_LENGTH 16: shorter values are passwords or settings, not generated keys, and their
 *   entropy cannot separate them from words (a 12-character string has at most 3.58 bits/char).
 * - The bits per character a value needs grow with its length (spec, "Secret-looking names"):
 *   an n-character string has at most log2(n) bits per character (4.0 at 16, 5.0 at 32), and a
 *   random one comes close to it, so a flat bar is either too high for short keys or too low for
 *   long ones. Measured on seeded random strings (20,000 per length), the 5th percentile of
 *   Shannon entropy is, for base62: 3.50 at 16 characters, 3.78 at 20, 3.97 at 24, 4.30 at 32,
 *   4.72 at 48, 4.98 at 64; for hex: 2.85, 3.02, 3.17, 3.38, 3.59, 3.71. The bar is a line in
 *   log2(length) under those points: base62/base64 3.45 bits at 16 characters plus 0.7 per
 *   doubling, at most 4.9 (reached at 64); hex 2.75 plus 0.45 per doubling, at most 3.65. A short
 *   value must so be denser: 86 % of its maximum at 16 characters, 82 % at 64. At least 95 % of
 *   random values of every length from 16 to 64 pass (checked by `entropy.test.ts`), while long
 *   repetitive ones (`Ab1Cd2Ef3Gh4Ab1Cd2Ef3Gh4Ab1Cd2E`, 3.58 bits at 32) no longer do.
 * - Hex values (API keys of many vendors, HMAC keys) draw from 16 symbols, so at most 4 bits per
 *   character: they have their own bar and need both digits and letters.
 * - Values that read as words are never random, whatever their entropy: letters in words joined
 *   by separators or camel case (`SecretsManagerKeyName`, `prod/payments/stripe-key`), and values
 *   whose letter and digit runs are long on average (`myPassword2024!!`: my, Password, 2024;
 *   `ServiceRole-2024-06-01`). A random base62 value's runs average under 2 characters; fewer
 *   than 0.4 % of those of 16 characters average 3.5 or more.
 */
export const MIN_LENGTH = 16;

/** The bar for base62/base64 values, and for hex: bits per character at MIN_LENGTH, added per doubling, the most asked. */
const BAR = { atMinLength: 3.45, perDoubling: 0.7, max: 4.9 };
const HEX_BAR = { atMinLength: 2.75, perDoubling: 0.45, max: 3.65 };

/** Runs of letters (a word, camel-case split), of capitals, or of digits: what a reader would see as pieces. */
const PIECES = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+/g;
const MIN_MEAN_PIECE_OF_WORDS = 3.5;

/** The Shannon entropy, in bits per character, a value of `length` characters needs to look random. */
export function minBitsPerChar(length: number, hex: boolean): number {
  const bar = hex ? HEX_BAR : BAR;
  return Math.min(bar.max, bar.atMinLength + bar.perDoubling * Math.log2(Math.max(length, MIN_LENGTH) / MIN_LENGTH));
}

export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  const n = [...value].length;
  let h = 0;
  for (const count of counts.values()) {
    const p = count / n;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Letters in words, joined by separators or camel case: `SecretsManagerKeyName`, `x-api-key`. */
export function isWords(value: string): boolean {
  if (!/^[A-Za-z]+(?:[-_./: ]+[A-Za-z]+)*$/.test(value)) return false;
  const parts = nameParts(value);
  return parts.length > 0 && parts.every((p) => p.length >= 2) && parts.reduce((n, p) => n + p.length, 0) / parts.length >= 3;
}

/** Letter and digit runs that are long on average: `myPassword2024!!`, `welcome2024Admin`, `ServiceRole-2024-06-01`. */
export function readsAsPieces(value: string): boolean {
  const pieces = value.match(PIECES);
  if (!pieces) return false;
  return pieces.reduce((n, p) => n + p.length, 0) / pieces.length >= MIN_MEAN_PIECE_OF_WORDS;
}

export function looksRandom(value: string): boolean {
  if (value.length < MIN_LENGTH || /\s/.test(value) || isWords(value)) return false;
  const length = [...value].length;
  if (/^[0-9a-f]+$/i.test(value)) {
    return /[0-9]/.test(value) && /[a-f]/i.test(value) && shannonEntropy(value) >= minBitsPerChar(length, true);
  }
  return !readsAsPieces(value) && shannonEntropy(value) >= minBitsPerChar(length, false);
}
