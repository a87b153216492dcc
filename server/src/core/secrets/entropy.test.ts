import * as assert from 'node:assert/strict';
import { looksRandom, minBitsPerChar, shannonEntropy } from './entropy';

/** A small seeded generator (mulberry32), so the samples are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const ALPHABETS: Array<[string, string]> = [
  ['base62', BASE62],
  ['base64', BASE62 + '+/'],
  ['base64url', BASE62 + '-_'],
  ['hex', '0123456789abcdef'],
  ['HEX', '0123456789ABCDEF'],
];
const SAMPLES = 1000;

function randomString(next: () => number, alphabet: string, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(next() * alphabet.length)];
  return s;
}

describe('random-looking values: the entropy a value needs grows with its length (issue 18)', () => {
  for (const [name, alphabet] of ALPHABETS) {
    it(`catches at least 95 % of random ${name} strings of every length from 16 to 64`, () => {
      const next = seeded(0x5eed + alphabet.length);
      const missed: string[] = [];
      for (let length = 16; length <= 64; length++) {
        let caught = 0;
        for (let i = 0; i < SAMPLES; i++) if (looksRandom(randomString(next, alphabet, length))) caught++;
        if (caught < 0.95 * SAMPLES) missed.push(`${length}: ${((100 * caught) / SAMPLES).toFixed(1)} %`);
      }
      assert.deepEqual(missed, []);
    });
  }

  it('asks more bits per character of a longer value, but never more than a random one of that length has', () => {
    const next = seeded(42);
    let previous = 0;
    for (const length of [16, 20, 24, 32, 40, 48, 64, 128]) {
      const needed = minBitsPerChar(length, false);
      assert.ok(needed >= previous, `${length}: ${needed} < ${previous}`);
      previous = needed;
      // A short value must be denser: it needs a larger share of the most it could have (log2 of its length).
      if (length <= 64) assert.ok(needed / Math.log2(length) >= minBitsPerChar(64, false) / 6, `${length}`);
      const median = [...Array(201)].map(() => shannonEntropy(randomString(next, BASE62, length))).sort((a, b) => a - b)[100];
      assert.ok(needed < median, `${length}: needs ${needed}, the median random value has ${median}`);
    }
  });

  const settings = [
    // passwords people type, settings and identifiers of 16 to 24 characters
    'myPassword2024!!',
    'SuperSecret123!!',
    'welcome2024Admin',
    'Password123456!!',
    'changeme12345678',
    'application/json',
    'correct-horse-battery',
    'correct-horse-battery-staple',
    'getUserAccountData',
    'thisIsMyTokenValue',
    'createOrderHandlerFn',
    'PaymentsApiStack-prod',
    'arn:aws:iam::123456789012:role/x',
    'ServiceRole-2024-06-01',
    'the-quick-brown-fox-jumps',
    'Hello,World!ThisIsIt',
    // repetitive values: long, but with the spread of a short one
    'Ab1Cd2Ef3Gh4Ab1Cd2Ef3Gh4Ab1Cd2E',
  ];
  for (const v of settings) it(`'${v}' does not look random`, () => assert.equal(looksRandom(v), false));
});
