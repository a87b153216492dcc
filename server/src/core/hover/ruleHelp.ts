import * as fs from 'node:fs';
import { ruleDocPath } from '../meta';
import { ruleById } from '../rules/registry';
import type { RuleMeta } from '../rule';

/**
 * What hover says about a finding: the rule's title and why it matters come from its metadata;
 * how to fix it is the first block of the "How to fix" section of the rule's page, so the page
 * stays the one place that text is written.
 */
export interface RuleHelp {
  meta: RuleMeta;
  /** Markdown, with links as written in the page (relative to `docs/rules/`). */
  fix: string | undefined;
  /** The rule's page, when shipped. */
  docPath: string | undefined;
}

const fixCache = new Map<string, string | undefined>();

export function ruleHelp(ruleId: string): RuleHelp | undefined {
  const rule = ruleById(ruleId);
  if (!rule) return undefined;
  const docPath = ruleDocPath(ruleId);
  if (!fixCache.has(ruleId)) fixCache.set(ruleId, docPath ? howToFix(fs.readFileSync(docPath, 'utf8')) : undefined);
  return { meta: rule.meta, fix: fixCache.get(ruleId), docPath };
}

/** The first paragraph or list under `## How to fix`. */
export function howToFix(page: string): string | undefined {
  const lines = page.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === '## How to fix');
  if (start < 0) return undefined;
  const block: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (l.startsWith('#') || l.startsWith('```')) break;
    if (l.trim() === '') {
      if (block.length) break;
      continue;
    }
    block.push(l);
  }
  return block.length ? block.join('\n') : undefined;
}
