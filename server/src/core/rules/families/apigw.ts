import type { Rule } from '../rule';

/** API Gateway (CDK), in catalog order. */
export const apigwRules: Rule[] = [];
