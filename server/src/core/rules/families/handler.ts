import type { Rule } from '../rule';

/** Lambda handlers, in catalog order. */
export const handlerRules: Rule[] = [];
