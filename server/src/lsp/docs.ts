import { ruleDocPath } from '../core/meta';
import { pathToUri } from './uri';

const cache = new Map<string, string | undefined>();

/**
 * The rule's documentation page shipped with the extension, as a `file:` URI: links open the
 * local page, so they work offline and match the installed version.
 */
export function ruleDocUri(ruleId: string): string | undefined {
  if (!cache.has(ruleId)) {
    const file = ruleDocPath(ruleId);
    cache.set(ruleId, file ? pathToUri(file) : undefined);
  }
  return cache.get(ruleId);
}
