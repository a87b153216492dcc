import type { Rule } from '../rule';

/** Network (CDK), in catalog order. */
export const networkRules: Rule[] = [];
