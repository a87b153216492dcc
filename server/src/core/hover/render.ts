import * as fs from 'node:fs';
import * as path from 'node:path';
import { GUIDE_SECTIONS, GuideSectionId } from '../guide/sections';
import { guideDocPath, ruleDocPath } from '../meta';
import { ruleById } from '../rules/registry';
import type { Finding } from '../types';
import { code } from './judge';
import { ruleHelp } from './ruleHelp';
import type { Card, HoverResult, VerdictLevel } from './types';

/**
 * Hover cards as Markdown. Links point at the documentation files shipped with the package;
 * the caller decides how a file is addressed (the language server uses `file:` URIs, which
 * VS Code opens from an untrusted hover).
 */
export interface DocLinks {
  file(absolutePath: string, fragment?: string): string;
}

/** Text from the user's code (a variable name) placed outside inline code. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*[\]<>]/g, (c) => `\\${c}`);
}

const MARK: Record<VerdictLevel, string> = { ok: '✔', risk: '⚠', info: 'ℹ' };

const exists = new Map<string, boolean>();
function shipped(file: string): boolean {
  let known = exists.get(file);
  if (known === undefined) exists.set(file, (known = fs.existsSync(file)));
  return known;
}

export function guideLink(section: GuideSectionId, links: DocLinks): string {
  const [file, anchor] = section.split('#');
  const label = `Practices guide: ${GUIDE_SECTIONS[section]}`;
  const target = guideDocPath(file);
  return shipped(target) ? `[${label}](${links.file(target, anchor)})` : label;
}

function ruleLink(id: string, links: DocLinks): string {
  const page = ruleDocPath(id);
  return page ? `[\`${id}\`](${links.file(page)})` : `\`${id}\``;
}

function renderCard(card: Card, links: DocLinks): string {
  const parts = [`**${escapeMarkdown(card.title)}**${card.context ? ` · ${code(card.context)}` : ''}`, card.about];
  if (card.verdicts.length) {
    parts.push(card.verdicts.map((v) => `- ${MARK[v.level]} ${v.subject ? `${code(v.subject)}: ` : ''}${v.text}`).join('\n'));
  }
  // Only rules this build has: the catalog grows branch by branch.
  const rules = card.rules.filter((id) => ruleById(id));
  if (rules.length) parts.push(`Checked by ${rules.map((id) => ruleLink(id, links)).join(' · ')}`);
  parts.push(guideLink(card.guide, links));
  return parts.join('\n\n');
}

/** Relative links in a rule page's text, made absolute for the hover. */
function absoluteLinks(markdown: string, page: string, links: DocLinks): string {
  return markdown.replace(/\]\(([^)\s]+)\)/g, (whole, target: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) return whole;
    const [file, fragment] = target.split('#');
    return `](${links.file(path.resolve(path.dirname(page), file), fragment)})`;
  });
}

/**
 * A finding's rule: title, why it matters, how to fix, links. Never the message itself, which the
 * editor shows already. `compact` when construct cards follow: "how to fix" is a link to the
 * rule page's section instead of its text, and a guide section a card links already is not
 * linked twice.
 */
function renderFinding(finding: Finding, links: DocLinks, compact?: { guides: Set<string> }): string | undefined {
  const help = ruleHelp(finding.ruleId);
  if (!help) return undefined;
  const { meta } = help;
  const parts = [`**${meta.title}** · \`${meta.id}\` · ${finding.severity}`, `**Why it matters.** ${meta.description}`];
  if (help.fix && !compact) parts.push(`**How to fix.**\n\n${help.docPath ? absoluteLinks(help.fix, help.docPath, links) : help.fix}`);
  // Fix titles name things from the code (an environment variable, a variable): text, never Markdown.
  if (finding.fixes.length) parts.push(`**Quick fix available:** ${finding.fixes.map((f) => escapeMarkdown(f.title)).join('; ')}`);
  const footer = [
    help.docPath
      ? compact
        ? `[How to fix](${links.file(help.docPath, 'how-to-fix')})`
        : `[Rule page](${links.file(help.docPath)})`
      : undefined,
    compact?.guides.has(meta.guideSection) ? undefined : guideLink(meta.guideSection, links),
  ].filter(Boolean);
  if (footer.length) parts.push(footer.join(' · '));
  return parts.join('\n\n');
}

/** The findings at the place first, then the cards; findings are compact when cards follow. */
export function renderHover(result: HoverResult, links: DocLinks): string {
  const blocks: string[] = [];
  const compact = result.cards.length ? { guides: new Set<string>(result.cards.map((c) => c.guide)) } : undefined;
  for (const f of result.findings) {
    const text = renderFinding(f, links, compact);
    if (text) blocks.push(text);
  }
  for (const card of result.cards) blocks.push(renderCard(card, links));
  return blocks.join('\n\n---\n\n');
}
