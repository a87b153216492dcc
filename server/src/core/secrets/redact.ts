import type { Finding } from '../types';
import { findCredentials } from './credentials';
import { redact } from './names';

/**
 * The one redaction step every string leaving the core goes through: finding messages, related
 * messages, fix titles and notes (`redactFindings`, applied where the engine makes findings),
 * hover Markdown (hover.ts) and `fix --dry-run` diffs (cli/fix.ts). It masks each secret the
 * rules detected in the file and every substring in a credential format, keeping at most the
 * first four characters (`redact`).
 */

/** Pieces of a detected secret shorter than this are not masked on their own: they would mask ordinary text. */
const MIN_PIECE = 8;

/**
 * `text` with every credential-format substring and every detected secret masked. A secret that
 * spans lines (a PEM block) is masked line by line, so a diff or a message that shows one line
 * of it shows that line masked.
 */
export function maskSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  const pieces = new Set<string>();
  for (const secret of secrets) {
    if (secret.trim().length >= MIN_PIECE) pieces.add(secret);
    for (const line of secret.split(/\r?\n|\\r?\\n/)) if (line.trim().length >= MIN_PIECE) pieces.add(line.trim());
  }
  // Longest first, so a secret that contains another is masked whole.
  for (const piece of [...pieces].sort((a, b) => b.length - a.length)) {
    if (out.includes(piece)) out = out.split(piece).join(redact(piece));
  }
  return maskCredentialFormats(out);
}

function maskCredentialFormats(text: string): string {
  const found = findCredentials(text).sort((a, b) => a.index - b.index || b.text.length - a.text.length);
  if (found.length === 0) return text;
  let out = '';
  let at = 0;
  for (const m of found) {
    if (m.index < at) continue; // inside a match already masked
    out += text.slice(at, m.index) + redact(m.text);
    at = m.index + m.text.length;
  }
  return out + text.slice(at);
}

/** Findings with every text in them masked (`maskSecrets`); a finding with nothing to mask is returned as it is. */
export function redactFindings(findings: Finding[], secrets: readonly string[] = []): Finding[] {
  return findings.map((f) => redactFinding(f, secrets));
}

function redactFinding(f: Finding, secrets: readonly string[]): Finding {
  const mask = (text: string) => maskSecrets(text, secrets);
  const message = mask(f.message);
  const related = f.related.map((r) => {
    const m = mask(r.message);
    return m === r.message ? r : { ...r, message: m };
  });
  const fixes = f.fixes.map((x) => {
    const title = mask(x.title);
    const note = x.note === undefined ? undefined : mask(x.note);
    return title === x.title && note === x.note ? x : { ...x, title, ...(note === undefined ? {} : { note }) };
  });
  const same = message === f.message && related.every((r, i) => r === f.related[i]) && fixes.every((x, i) => x === f.fixes[i]);
  return same ? f : { ...f, message, related, fixes };
}
