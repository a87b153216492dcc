import type { Rule } from '../rule';
import apigwNoAuth from '../apigw-no-auth/rule';

/** API Gateway (CDK), in catalog order. */
export const apigwRules: Rule[] = [apigwNoAuth];
