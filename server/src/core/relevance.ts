import * as path from 'node:path';
import { CONFIG_FILE_NAME } from './configFile/schema';
import type { SourceHost } from './model/host';

/**
 * Whether a folder is one Serverless Guard has anything to say about, decided without parsing:
 * a `cdk.json` (at the folder or above one of its files), a `.slsguard.json` at the folder, or
 * a file whose text mentions AWS CDK or looks like a Lambda handler. The editor stays quiet (no
 * activity-bar icon, no status item, no workspace analysis) in folders where this is false.
 * A false positive costs only the analysis it would have done anyway.
 */

/**
 * Text that marks a file as CDK or handler code: a CDK import (TypeScript and JavaScript
 * `aws-cdk-lib`, CDK v1 `@aws-cdk/…`, Python `aws_cdk`), the Lambda types or runtime
 * interfaces, or an exported `handler`.
 */
const MARKERS =
  /aws-cdk-lib|@aws-cdk\/|\baws_cdk\b|['"]aws-lambda['"]|@types\/aws-lambda|\bexports\.handler\b|\bexport\s+(?:const|let|var|async\s+function|function)\s+handler\b|\bexport\s*\{[^}]*\bhandler\b[^}]*\}|\bdef\s+handler\s*\(/;

/** True when the text of a file marks its project as CDK or handler code. */
export function textLooksServerless(text: string): boolean {
  return MARKERS.test(text);
}

/** True when the folder has a `cdk.json` or `.slsguard.json`, or one of `files` (under it) marks it. */
export function folderLooksServerless(host: SourceHost, folder: string, files: readonly string[]): boolean {
  if (host.fileExists(path.posix.join(folder, 'cdk.json')) || host.fileExists(path.posix.join(folder, CONFIG_FILE_NAME))) return true;
  // A CDK app in a subfolder: its cdk.json sits above one of its files.
  const seen = new Set<string>([folder]);
  for (const file of files) {
    for (let dir = path.posix.dirname(file); dir.startsWith(`${folder}/`) && !seen.has(dir); dir = path.posix.dirname(dir)) {
      seen.add(dir);
      if (host.fileExists(path.posix.join(dir, 'cdk.json'))) return true;
    }
  }
  return files.some((file) => {
    const text = host.readFile(file);
    return text !== undefined && textLooksServerless(text);
  });
}
