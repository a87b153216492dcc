import type { Rule } from '../../rule';
import suppressionMissingReason from '../suppression-missing-reason/rule';
import suppressionUnused from '../suppression-unused/rule';

/** Meta rules: about Serverless Guard's own suppression comments, reported by the engine. */
export const metaRules: Rule[] = [suppressionMissingReason, suppressionUnused];
