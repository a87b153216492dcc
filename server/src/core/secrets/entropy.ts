import { nameParts } from './names';

/**
 * "Is this literal random enough to be a generated secret?" — asked only of values assigned to
 * names that look secret (`const stripeKey = '…'`), so the name is half the evidence and the
 * thresholds can sit below those of scanners that judge bare strings.
 *
 * Thresholds, from simulating random strings (20,000 samples per length):
 * - MIN_LENGTH 16: shorter values are passwords or settings, not generated keys, and their
 *   entropy cannot separate them from words (a 12-character string has at most 3.58 bits/char).
 * - Base62/base64 values need 3.5 bits per character: the 5th percentile of random base62
 *   strings of length 16 (median 3.75; at length 20 the 1st percentile is 3.65). English-like
 *   settings stay below it: `application/json` 3.38, `correct-horse-battery-staple` 3.50 is
 *   already words, `Authorization` 3.24.
 * - Hex values (API keys of many vendors, HMAC keys) draw from 16 symbols, so at most 4 bits:
 *   they need 3.0 (the 5th percentile of random hex at length 20 is 3.05, the median at 16 is
 *   3.2) and both digits and letters.
 * Values made of words (`SecretsManagerKeyName`, `prod/payments/stripe-key`) are never random,
 * whatever their entropy.
 */
export const MIN_LENGTH = 16;
export const MIN_BITS_PER_CHAR = 3.5;
export const MIN_BITS_PER_CHAR_HEX = 3.0;

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

export function looksRandom(value: string): boolean {
  if (value.length < MIN_LENGTH || /\s/.test(value) || isWords(value)) return false;
  if (/^[0-9a-f]+$/i.test(value)) {
    return /[0-9]/.test(value) && /[a-f]/i.test(value) && shannonEntropy(value) >= MIN_BITS_PER_CHAR_HEX;
  }
  return shannonEntropy(value) >= MIN_BITS_PER_CHAR;
}
