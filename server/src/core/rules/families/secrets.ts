import type { Rule } from '../../rule';
import secretInEnv from '../secret-in-env/rule';
import secretPlaintextValue from '../secret-plaintext-value/rule';
import hardcodedSecret from '../hardcoded-secret/rule';

/** Secrets (CDK and any file), in catalog order. */
export const secretsRules: Rule[] = [secretInEnv, secretPlaintextValue, hardcodedSecret];
