import type { FileContext } from '../model/fileContext';

/**
 * Names for what a fix declares, free in the file: a variable (`alertsKey`, `authorizer2`), a
 * construct id (`'StripeApiKeySecret'`), or both with one suffix (`accessLogs2` and
 * `'OrdersApiAccessLogs2'`). Checked against the file's text and imports: good enough for the
 * top level and the constructor a fix writes into.
 */

/**
 * `name` is imported or declared (`const`, `let`, `var`, `class`, `function`) in the file. The
 * declared names are read once per parse: a generated stack asks for thousands of free names.
 */
function nameTaken(file: FileContext, name: string): boolean {
  const declared = file.fact(
    'declaredNames',
    () => new Set(Array.from(file.text.matchAll(/\b(?:const|let|var|class|function)\s+([A-Za-z_$][\w$]*)/g), (m) => m[1])),
  );
  return file.imports.has(name) || declared.has(name);
}

/** `id` is written as a string in the file (a construct id in use). */
function idTaken(file: FileContext, id: string): boolean {
  return file.fact('stringValues', () => new Set(file.index.strings.map((s) => s.text))).has(id);
}

/** The first of `base`, `base2`, `base3`… that `taken` allows. */
function firstFree(base: string, taken: (candidate: string) => boolean): string {
  if (!taken(base)) return base;
  for (let i = 2; ; i++) if (!taken(`${base}${i}`)) return `${base}${i}`;
}

/** `base`, or `base2`, `base3`… when the name is already taken at the top level of the file. */
export function freeName(file: FileContext, base: string): string {
  return firstFree(base, (n) => nameTaken(file, n));
}

/** `StripeApiKeySecret`, or `StripeApiKeySecret2`… when the file already uses that construct id. */
export function freeConstructId(file: FileContext, base: string): string {
  return firstFree(base, (id) => idTaken(file, id));
}

/** A variable name and a construct id not yet used in the file, with the same suffix: `accessLogs` / `'ApiAccessLogs'`, then `…2`. */
export function freshNames(file: FileContext, variable: string, id: string): { variable: string; id: string } {
  const suffix = firstFree('', (s) => nameTaken(file, `${variable}${s}`) || idTaken(file, `${id}${s}`));
  return { variable: `${variable}${suffix}`, id: `${id}${suffix}` };
}
