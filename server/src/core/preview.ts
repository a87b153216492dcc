/** What messages may show of a detected secret: at most the first 4 characters, then `…`. */
export function redact(value: string): string {
  const chars = [...value];
  return chars.length <= 4 ? `${'•'.repeat(chars.length)}…` : `${chars.slice(0, 4).join('')}…`;
}
