import type { Rule } from '../rule';
import { iamRules } from './families/iam';
import { secretsRules } from './families/secrets';
import { apigwRules } from './families/apigw';
import { dataRules } from './families/data';
import { networkRules } from './families/network';
import { handlerRules } from './families/handler';
import { metaRules } from './families/meta';

/** Every rule the engine runs, in catalog order. Each family lists its rules in its own file. */
export const allRules: Rule[] = [...iamRules, ...secretsRules, ...apigwRules, ...dataRules, ...networkRules, ...handlerRules, ...metaRules];

export { iamRules };

export function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.meta.id === id);
}
