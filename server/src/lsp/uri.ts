import { fileURLToPath, pathToFileURL } from 'node:url';
import { normalizePath } from '../core/model/host';

/** `file:` URIs ↔ absolute paths with `/` separators. Other schemes are not analysed. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return normalizePath(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).toString();
}
