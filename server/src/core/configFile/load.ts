import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import {
  createScanner,
  findNodeAtLocation,
  getNodeValue,
  Node,
  parseTree,
  ParseError,
  printParseErrorCode,
  SyntaxKind,
} from 'jsonc-parser';
import { lineStartsOf, positionAt } from '../model/lines';
import type { Rule } from '../rule';
import { compilePattern } from '../patterns';
import { didYouMean, editDistance } from '../spelling';
import { Range, sameRange, SeveritySetting } from '../types';
import { configSchema, CONFIG_FILE_NAME, SEVERITY_SETTINGS } from './schema';

/**
 * Reads `.slsguard.json`: JSON with comments (jsonc-parser), checked against the schema (ajv).
 * Nothing is ever run. Every problem comes back with the exact range it is at, and the parts
 * that are valid are kept: a bad value drops that value, not the file.
 */

export interface ConfigProblem {
  message: string;
  range: Range;
  severity: 'error' | 'warning';
}

/** What a config file may set. Fields it does not set are absent. */
export interface ConfigFileSettings {
  rules?: Record<string, SeveritySetting>;
  ignore?: string[];
  handlers?: string[];
  requireCustomerManagedKeys?: boolean;
  secretWords?: string[];
  nonSecretWords?: string[];
  placeholderPatterns?: string[];
  /** Globs of test code (relative to this file), or `report`: findings there are reported like anywhere else. */
  testCode?: string[] | 'report';
}

export interface LoadedConfigFile {
  /** Absolute path with `/` separators. */
  path: string;
  /** The directory globs are relative to. */
  dir: string;
  settings: ConfigFileSettings;
  problems: ConfigProblem[];
}

const validators = new WeakMap<readonly Rule[], ValidateFunction>();

function validatorFor(rules: readonly Rule[]): ValidateFunction {
  let validate = validators.get(rules);
  if (!validate) {
    // `strict: false`: the schema carries VS Code's own keywords (enumDescriptions, …).
    // `verbose` gives each error its schema, for the schema's own `patternErrorMessage`.
    const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
    validate = ajv.compile(configSchema(rules));
    validators.set(rules, validate);
  }
  return validate;
}

export function parseConfigFile(filePath: string, text: string, rules: readonly Rule[]): LoadedConfigFile {
  const dir = filePath.slice(0, filePath.lastIndexOf('/')) || '/';
  const lines = lineStartsOf(text);
  const range = (offset: number, length: number): Range => ({ start: positionAt(lines, offset), end: positionAt(lines, offset + length) });
  const problems: ConfigProblem[] = [];
  const add = (problem: ConfigProblem) => {
    if (!problems.some((p) => p.message === problem.message && sameRange(p.range, problem.range))) problems.push(problem);
  };
  // Too big or too deep to be a configuration: said once, and the defaults apply.
  const tooMuch =
    text.length > MAX_CONFIG_CHARS
      ? `is larger than ${MAX_CONFIG_CHARS / (1024 * 1024)} MB`
      : nestedDeeperThan(text, MAX_CONFIG_DEPTH)
        ? `is nested more than ${MAX_CONFIG_DEPTH} levels deep`
        : undefined;
  if (tooMuch) {
    problems.push({
      message: `${CONFIG_FILE_NAME} ${tooMuch}: it is ignored, and the defaults apply.`,
      range: range(0, 0),
      severity: 'error',
    });
    return { path: filePath, dir, settings: {}, problems };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const e of errors) {
    add({
      message: `${CONFIG_FILE_NAME} is not valid JSON: ${syntaxMessage(printParseErrorCode(e.error))}.`,
      range: range(e.offset, e.length),
      severity: 'error',
    });
  }
  if (!root) return { path: filePath, dir, settings: {}, problems };
  if (root.type !== 'object') {
    problems.push({
      message: `${CONFIG_FILE_NAME} must hold an object: { "rules": { … } }.`,
      range: range(root.offset, root.length),
      severity: 'error',
    });
    return { path: filePath, dir, settings: {}, problems };
  }
  const value = getNodeValue(root) as Record<string, unknown>;
  const validate = validatorFor(rules);
  validate(value);
  /** JSON pointers of values that are wrong: they (and what is inside them) are dropped. */
  const rejected = new Set<string>();
  for (const error of validate.errors ?? []) {
    const problem = describe(error, root, range, rules);
    if (!problem) continue;
    add(problem);
    rejected.add(problemPointer(error));
  }
  // Globs past a sane length are refused here, before picomatch (which throws past 64k).
  for (const key of ['ignore', 'handlers', 'testCode'] as const) {
    const globs = value[key];
    if (!Array.isArray(globs)) continue;
    globs.forEach((g, i) => {
      if (typeof g !== 'string' || g.length <= MAX_GLOB_LENGTH) return;
      const node = findNodeAtLocation(root, [key, i]);
      if (node)
        add({
          message: `${key}[${i}] is longer than ${MAX_GLOB_LENGTH} characters: it is ignored.`,
          range: range(node.offset, node.length),
          severity: 'error',
        });
      rejected.add(`/${key}/${i}`);
    });
  }
  // Regular expressions are checked by compiling them, for the linear-time engine they run with.
  const patterns = value.placeholderPatterns;
  if (Array.isArray(patterns)) {
    patterns.forEach((p, i) => {
      if (typeof p !== 'string' || p === '') return;
      let message: string | undefined;
      try {
        new RegExp(p);
        const compiled = compilePattern(p);
        if (typeof compiled === 'string') message = `placeholderPatterns[${i}] cannot be used: ${compiled}. It is ignored.`;
      } catch (error) {
        message = `Not a valid regular expression: ${(error as Error).message}.`;
      }
      if (message === undefined) return;
      const node = findNodeAtLocation(root, ['placeholderPatterns', i]);
      if (node) add({ message, range: range(node.offset, node.length), severity: 'error' });
      rejected.add(`/placeholderPatterns/${i}`);
    });
  }
  problems.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { path: filePath, dir, settings: extract(value, rejected), problems };
}

/** Bounds on what a config file may be: a real one is a few hundred bytes, a few levels deep. */
const MAX_CONFIG_CHARS = 1024 * 1024;
const MAX_CONFIG_DEPTH = 64;
export const MAX_GLOB_LENGTH = 1000;

/** True when objects and arrays nest deeper than `max` (counted with the scanner: no recursion). */
function nestedDeeperThan(text: string, max: number): boolean {
  const scanner = createScanner(text, false);
  let depth = 0;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      if (++depth > max) return true;
    } else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) {
      depth = Math.max(0, depth - 1);
    }
  }
  return false;
}

/** The valid parts: everything the schema knows, minus the rejected pointers. */
function extract(value: Record<string, unknown>, rejected: Set<string>): ConfigFileSettings {
  const ok = (pointer: string) => !rejected.has(pointer);
  const settings: ConfigFileSettings = {};
  if (ok('/rules') && isObject(value.rules)) {
    const rules: Record<string, SeveritySetting> = {};
    for (const [id, severity] of Object.entries(value.rules)) {
      if (ok(`/rules/${escapePointer(id)}`) && (SEVERITY_SETTINGS as readonly unknown[]).includes(severity))
        rules[id] = severity as SeveritySetting;
    }
    settings.rules = rules;
  }
  for (const key of ['ignore', 'handlers', 'secretWords', 'nonSecretWords', 'placeholderPatterns'] as const) {
    const list = value[key];
    if (!ok(`/${key}`) || !Array.isArray(list)) continue;
    settings[key] = list.filter((item, i): item is string => typeof item === 'string' && item !== '' && ok(`/${key}/${i}`));
  }
  if (ok('/testCode') && value.testCode === 'report') settings.testCode = 'report';
  else if (ok('/testCode') && Array.isArray(value.testCode)) {
    settings.testCode = value.testCode.filter((item, i): item is string => typeof item === 'string' && item !== '' && ok(`/testCode/${i}`));
  }
  if (ok('/requireCustomerManagedKeys') && typeof value.requireCustomerManagedKeys === 'boolean') {
    settings.requireCustomerManagedKeys = value.requireCustomerManagedKeys;
  }
  return settings;
}

function problemPointer(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') {
    return `${error.instancePath}/${escapePointer(String((error.params as { additionalProperty: string }).additionalProperty))}`;
  }
  return error.instancePath;
}

const KNOWN_KEYS = [
  'rules',
  'ignore',
  'handlers',
  'requireCustomerManagedKeys',
  'secretWords',
  'nonSecretWords',
  'placeholderPatterns',
  'testCode',
];

function describe(
  error: ErrorObject,
  root: Node,
  range: (offset: number, length: number) => Range,
  rules: readonly Rule[],
): ConfigProblem | undefined {
  const segments = pointerSegments(error.instancePath);
  const at = findNodeAtLocation(root, segments) ?? root;
  const where = (node: Node) => range(node.offset, node.length);
  const name = segments.length ? `"${segments.join('.')}"` : 'the file';
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      const keyNode = findNodeAtLocation(root, [...segments, key])?.parent?.children?.[0] ?? at;
      if (segments.length === 1 && segments[0] === 'rules') {
        return {
          message: `Unknown rule "${key}": it is ignored.${ruleHint(key, rules)} Rule ids are listed in docs/rules/.`,
          range: where(keyNode),
          severity: 'warning',
        };
      }
      const suggestion = KNOWN_KEYS.find((k) => k.toLowerCase() === key.toLowerCase() || editDistance(k, key) <= 2);
      return {
        message: `Unknown setting "${key}": it is ignored.${suggestion ? ` Did you mean "${suggestion}"?` : ` Settings are: ${KNOWN_KEYS.join(', ')}.`}`,
        range: where(keyNode),
        severity: 'warning',
      };
    }
    case 'enum':
      return {
        message: `${name} must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}, not ${JSON.stringify(getNodeValue(at))}: it is ignored.`,
        range: where(at),
        severity: 'error',
      };
    case 'type':
      return {
        message: `${name} must be ${article(String((error.params as { type: string }).type))}: it is ignored.`,
        range: where(at),
        severity: 'error',
      };
    case 'pattern': {
      const custom = (error.parentSchema as { patternErrorMessage?: string } | undefined)?.patternErrorMessage;
      return {
        message: `${name}: ${JSON.stringify(getNodeValue(at))} is not valid. ${custom ?? ''} It is ignored.`.replace(/\s+/g, ' '),
        range: where(at),
        severity: 'error',
      };
    }
    case 'minLength':
      return { message: `${name} must not be empty: it is ignored.`, range: where(at), severity: 'error' };
    default:
      return { message: `${name} ${error.message ?? 'is not valid'}: it is ignored.`, range: where(at), severity: 'error' };
  }
}

function article(type: string): string {
  const names: Record<string, string> = {
    object: 'an object',
    array: 'an array',
    string: 'a string',
    boolean: 'true or false',
    number: 'a number',
    'array,string': 'a list of globs or "report"',
  };
  return names[type] ?? `a ${type}`;
}

function syntaxMessage(code: string): string {
  // `PropertyNameExpected` → `property name expected`
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function pointerSegments(pointer: string): Array<string | number> {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** ` Did you mean "iam-wildcard-action"?` for a rule id that is near one, else nothing. */
function ruleHint(id: string, rules: readonly Rule[]): string {
  const near = didYouMean(
    id,
    rules.map((r) => r.meta.id),
  );
  return near ? ` Did you mean "${near}"?` : '';
}
