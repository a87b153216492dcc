import type { Rule } from '../../rule';
import secretInEnv from '../secret-in-env/rule';
import secretPlaintextValue from '../secret-plaintext-value/rule';
import hardcodedSecret from '../hardcoded-secret/rule';
import secretUnwrapped from '../secret-unwrapped/rule';
import secretNoRotation from '../secret-no-rotation/rule';

/** Secrets (CDK and any file), in catalog order. */
export const secretsRules: Rule[] = [secretInEnv, secretPlaintextValue, hardcodedSecret, secretUnwrapped, secretNoRotation];
