import type { Case, ExpectedFinding, InvalidCase } from './ruleTester';

/**
 * Building blocks for the Python table tests of the CDK rules: real Python CDK v2 stack files
 * around the lines a case is about, and exact 1-based ranges found by the text they cover (the
 * narrowest Python node a finding must point at), so a case reads like the app it checks.
 */

export interface PythonStackFixture {
  /** Everything before the body: imports and the stack class up to `super().__init__(...)`. */
  header: string;
  /** Wrap `__init__` body lines (already indented by eight spaces) into a whole file. */
  stack(body: string): string;
}

/**
 * A stack module: `from aws_cdk import Stack`, `Construct`, then `imports` (whole import lines),
 * then `class <className>(Stack)` with the standard `__init__`.
 */
export function pyStackFixture(imports: string[], className = 'AppStack'): PythonStackFixture {
  const header = [
    'from aws_cdk import Stack',
    'from constructs import Construct',
    ...imports,
    '',
    '',
    `class ${className}(Stack):`,
    '    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:',
    '        super().__init__(scope, construct_id, **kwargs)',
    '',
  ].join('\n');
  return { header, stack: (body: string) => `${header}${body.replace(/^\n/, '').replace(/\n\s*$/, '')}\n` };
}

export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * The exact range of `target` inside the `nth` (0-based) occurrence of `context` in `code`
 * (`target` defaults to the whole context): `spanOf(code, 'enforce_ssl=False', 'False')`.
 * Throws when the text is not there, so a typo never passes as a range.
 */
export function spanOf(code: string, context: string, target = context, nth = 0): Span {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = code.indexOf(context, at + 1);
    if (at < 0) throw new Error(`spanOf: occurrence ${nth} of ${JSON.stringify(context)} not found`);
  }
  const inner = context.indexOf(target);
  if (inner < 0) throw new Error(`spanOf: ${JSON.stringify(target)} is not inside ${JSON.stringify(context)}`);
  const start = at + inner;
  const end = start + target.length;
  const position = (offset: number) => {
    const before = code.slice(0, offset);
    const line = before.split('\n').length;
    return { line, column: offset - before.lastIndexOf('\n') };
  };
  const s = position(start);
  const e = position(end);
  return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
}

/** Where an expected finding is: `[context, target?, nth?]` in the case's main file or in `file`. */
export interface PyExpected extends Omit<ExpectedFinding, 'line' | 'column' | 'endLine' | 'endColumn' | 'fixes'> {
  at: [context: string, target?: string, nth?: number];
  messageId: string;
}

/** An invalid case on `filename`, each expected finding's range taken from the text it names. */
export function pyInvalid(
  filename: string,
  name: string,
  code: string,
  errors: PyExpected[],
  extra: Omit<Case, 'code' | 'name' | 'filename'> = {},
): InvalidCase {
  return {
    ...extra,
    name,
    filename,
    code,
    errors: errors.map(({ at: [context, target, nth], file, ...rest }) => {
      const text = file ? extra.files?.[file] : code;
      if (text === undefined) throw new Error(`pyInvalid: no file ${file}`);
      return { ...rest, ...(file ? { file } : {}), ...spanOf(text, context, target, nth) };
    }),
  };
}

/** A valid case on `filename`. */
export function pyValid(filename: string, name: string, code: string, extra: Omit<Case, 'code' | 'name' | 'filename'> = {}): Case {
  return { ...extra, name, filename, code };
}
