import type { Rule } from '../rule';

/** Data protection (CDK), in catalog order. */
export const dataRules: Rule[] = [];
