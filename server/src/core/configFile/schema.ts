import { DEFAULT_TEST_CODE } from '../config';
import type { Rule } from '../rule';

/**
 * The JSON schema of `.slsguard.json`. One source: the language server and the CLI validate
 * with it (ajv), and `schemas/slsguard.schema.json`, which VS Code uses for completion and
 * hover in the file (`contributes.jsonValidation`), is this object written out by
 * `npm run schema` (a test fails when the shipped file is stale).
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
