/**
 * `code` with one exact piece replaced: how rule tests write a fix's expected output as a small
 * change to the case's code. Throws when the piece is not there, so a typo cannot pass silently.
 */
export function edit(code: string, from: string, to: string): string {
  if (!code.includes(from)) throw new Error(`not in the code: ${from}`);
  return code.replace(from, to);
}
