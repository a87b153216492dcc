import { DEFAULT_TEST_CODE } from '../config';
import type { Rule } from '../rule';

/**
 * The JSON schema of `.slsguard.json`. One source: the language server and the CLI validate
 * with it (ajv), and `schemas/slsguard.schema.json`, which VS Code uses for completion and
 * hover in the file (`contributes.jsonValidation`), is `editorSchema` of it written out by
 * `npm run docs:schema` (a test fails when the shipped file is stale).
 */

export const CONFIG_FILE_NAME = '.slsguard.json';

export const SEVERITY_SETTINGS = ['error', 'warning', 'info', 'off'] as const;

const globList = (what: string) => ({
  type: 'array',
  items: { type: 'string', minLength: 1 },
  description: what,
});

const wordList = (what: string) => ({
  type: 'array',
  items: {
    type: 'string',
    pattern: '^[A-Za-z0-9]+$',
    patternErrorMessage: 'A word is letters and digits only: names are split into words at `_`, `-` and camelCase.',
  },
  description: what,
});

export function configSchema(rules: readonly Rule[]): Record<string, unknown> {
  const ruleProperties: Record<string, unknown> = {};
  for (const rule of rules) {
    ruleProperties[rule.meta.id] = {
      $ref: '#/definitions/severity',
      description: `${rule.meta.title} (default: ${rule.meta.defaultSeverity}).`,
    };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Serverless Guard configuration',
    description: 'Configuration of Serverless Guard for this project (.slsguard.json). JSON with comments; nothing in it is ever run.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      rules: {
        type: 'object',
        description: 'Severity of each rule, by rule id: error, warning, info, or off. Rules not listed keep their default severity.',
        properties: ruleProperties,
        additionalProperties: false,
      },
      ignore: globList('Globs of files that are never analysed, relative to this file (for example "lib/legacy" or "**/*.test.ts").'),
      handlers: globList('Globs of Lambda handler files the handler rules should treat as handlers, relative to this file.'),
      testCode: {
        type: ['array', 'string'],
        items: { type: 'string', minLength: 1 },
        pattern: '^report$',
        patternErrorMessage: 'Give a list of globs, or "report" to report findings in test code like anywhere else.',
        description: `Test code: globs of test files, relative to this file (default: ${DEFAULT_TEST_CODE.join(', ')}). Only hard-coded credentials are reported there; "report" reports every finding there like anywhere else.`,
      },
      requireCustomerManagedKeys: {
        type: 'boolean',
        description: 'Report data stores that are not encrypted with a customer-managed KMS key (dynamodb-cmk).',
      },
      secretWords: wordList('Extra words that make a name look secret (for example "PIN").'),
      nonSecretWords: wordList('Extra last words that make a name look like a reference, not a secret (for example "HANDLE").'),
      placeholderPatterns: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: 'Regular expressions for placeholder values that are never secrets (for example "^dummy-").',
      },
    },
    definitions: {
      severity: {
        enum: [...SEVERITY_SETTINGS],
        enumDescriptions: ['Report as an error.', 'Report as a warning.', 'Report as information.', 'Turn the rule off.'],
      },
    },
  };
}

/** Keywords that only validate: the editor's schema leaves them to the language server. */
const VALIDATION_KEYWORDS = new Set([
  'type',
  'additionalProperties',
  'pattern',
  'patternErrorMessage',
  'minLength',
  'enum',
  'enumDescriptions',
]);

/**
 * The schema VS Code is given for `.slsguard.json`: completion and hover only. Every mistake in
 * the file is reported once, by the language server, with its exact range and the words the
 * CLI uses (an unknown rule with the id it most likely meant): the editor's JSON support would
 * report the same mistakes again, at another severity, in its own words. So this schema keeps
 * the properties and descriptions, offers values as snippets instead of `enum`s and `type`s,
 * and says that comments and trailing commas are allowed, as the server's parser allows them.
 */
export function editorSchema(rules: readonly Rule[]): Record<string, unknown> {
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (!node || typeof node !== 'object') return node;
    const source = node as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(source)) {
      if (VALIDATION_KEYWORDS.has(key)) continue;
      // `properties` and `definitions` hold names, not keywords: strip their values only.
      out[key] = strip(value);
    }
    const snippets = valueSnippets(source);
    if (snippets) out.defaultSnippets = snippets;
    return out;
  };
  const schema = strip(configSchema(rules)) as Record<string, unknown>;
  return { ...schema, allowComments: true, allowTrailingCommas: true };
}

/** Completion for a value without its `enum` or `type`: each allowed value, or an empty object or list. */
function valueSnippets(node: Record<string, unknown>): unknown[] | undefined {
  if (Array.isArray(node.enum)) {
    const descriptions = Array.isArray(node.enumDescriptions) ? (node.enumDescriptions as string[]) : [];
    return node.enum.map((value, i) => ({ label: JSON.stringify(value), description: descriptions[i], body: value }));
  }
  if (node.type === 'boolean') return [{ body: true }, { body: false }];
  if (node.type === 'object' && node.properties) return [{ body: {} }];
  if (node.type === 'array') return [{ body: [] }];
  return undefined;
}
