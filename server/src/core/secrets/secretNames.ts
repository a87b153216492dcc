import { nameParts } from './names';

/**
 * The names the Secrets Manager fixes give things for one environment variable, so that the
 * CDK side and the handler side agree: `STRIPE_API_KEY` is stored in `stripeApiKeySecret`
 * (construct id `StripeApiKeySecret`), passed as `STRIPE_API_KEY_SECRET_ARN`, and read in the
 * handler by `getStripeApiKey()` with its value cached in `cachedStripeApiKey`.
 */
export interface SecretNames {
  /** `stripeApiKey` */
  camel: string;
  /** `stripeApiKeySecret` (a name ending in SECRET is not doubled: `CLIENT_SECRET` → `clientSecret`). */
  secretVariable: string;
  /** `StripeApiKeySecret` */
  constructId: string;
  /** `STRIPE_API_KEY_SECRET_ARN` (`CLIENT_SECRET` → `CLIENT_SECRET_ARN`). */
  arnVariable: string;
  /** `getStripeApiKey` */
  getter: string;
  /** `cachedStripeApiKey` */
  cache: string;
}

export function secretNames(key: string): SecretNames | undefined {
  const parts = nameParts(key).map((p) => p.toLowerCase());
  if (parts.length === 0) return undefined;
  const pascal = parts.map((p) => p[0].toUpperCase() + p.slice(1)).join('');
  const camel = /^[0-9]/.test(pascal) ? `value${pascal}` : pascal[0].toLowerCase() + pascal.slice(1);
  const endsInSecret = parts[parts.length - 1] === 'secret';
  const secretVariable = endsInSecret ? camel : `${camel}Secret`;
  const upperSnake = /^[A-Z0-9_]+$/.test(key);
  const arnVariable = upperSnake ? `${key}${endsInSecret ? '' : '_SECRET'}_ARN` : `${key}${endsInSecret ? '' : 'Secret'}Arn`;
  const upperCamel = camel[0].toUpperCase() + camel.slice(1);
  return {
    camel,
    secretVariable,
    constructId: secretVariable[0].toUpperCase() + secretVariable.slice(1),
    arnVariable,
    getter: `get${upperCamel}`,
    cache: `cached${upperCamel}`,
  };
}
