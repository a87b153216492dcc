import type { Rule } from '../rule';

/** Secrets (CDK and any file), in catalog order. */
export const secretsRules: Rule[] = [];
