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
 * A finding's rule: title, why it matters, how to fix, links. Not the message itself, which the
 * editor shows already, unless it says it does not (a finding under the minimum severity is not a
 * diagnostic). Used where no construct card meets the finding.
 */
function renderFinding(finding: Finding, links: DocLinks, hidden: boolean): string | undefined {
  const help = ruleHelp(finding.ruleId);
  if (!help) return undefined;
  const { meta } = help;
  const parts = [`**${meta.title}** · \`${meta.id}\` · ${finding.severity}`];
  if (hidden) parts.push(escapeMarkdown(finding.message));
  parts.push(`**Why it matters.** ${meta.description}`);
  if (help.fix) parts.push(`**How to fix.**\n\n${help.docPath ? absoluteLinks(help.fix, help.docPath, links) : help.fix}`);
  const quickFix = quickFixLine(finding);
  if (quickFix) parts.push(quickFix);
  const footer = [help.docPath ? `[Rule page](${links.file(help.docPath)})` : undefined, guideLink(meta.guideSection, links)];
  parts.push(footer.filter(Boolean).join(' · '));
  return parts.join('\n\n');
}

/** Fix titles name things from the code (an environment variable, a variable): text, never Markdown. */
function quickFixLine(finding: Finding): string | undefined {
  return finding.fixes.length ? `**Quick fix available:** ${finding.fixes.map((f) => escapeMarkdown(f.title)).join('; ')}` : undefined;
}

/** The first line of a finding's message, for a card that has no room for more. */
function oneLine(message: string): string {
  const line = message.split('\n', 1)[0].trim();
  return line.length > 200 ? `${line.slice(0, 199).trimEnd()}…` : line;
}

/**
 * A finding at the head of a construct card: its rule, its message on one line (unless the editor
 * shows it just above, `HoverOptions.shown`) and its quick fix. "How to fix" is a link to the rule
 * page, the same link as the rule id in the Problems panel (the editor opens it rendered); a guide
 * section the card links already is not linked twice.
 */
function renderCompactFinding(finding: Finding, links: DocLinks, guides: Set<string>, shown: boolean): string | undefined {
  const help = ruleHelp(finding.ruleId);
  if (!help) return undefined;
  const { meta } = help;
  const parts = [`**${meta.title}** · \`${meta.id}\` · ${finding.severity}`];
  if (!shown) parts.push(escapeMarkdown(oneLine(finding.message)));
  const quickFix = quickFixLine(finding);
  if (quickFix) parts.push(quickFix);
  const footer = [
    help.docPath ? `[How to fix](${links.file(help.docPath)})` : undefined,
    guides.has(meta.guideSection) ? undefined : guideLink(meta.guideSection, links),
  ].filter(Boolean);
  if (footer.length) parts.push(footer.join(' · '));
  return parts.join('\n\n');
}

export interface HoverOptions {
  /**
   * Findings the editor shows as diagnostics: VS Code puts a diagnostic's message (with its source,
   * rule link and "Quick Fix…") above the hover's content, so the card does not say it again.
   * Without it (the MCP server, tests), every finding's message is in the card.
   */
  shown?: (finding: Finding) => boolean;
}

/**
 * Where construct cards meet findings, one card: the findings first, compact, then the construct
 * card, with no rule between them. Findings alone keep their full help, one block each.
 */
export function renderHover(result: HoverResult, links: DocLinks, options: HoverOptions = {}): string {
  if (!result.cards.length) {
    return result.findings
      .map((f) => renderFinding(f, links, options.shown?.(f) === false))
      .filter(Boolean)
      .join('\n\n---\n\n');
  }
  const guides = new Set<string>(result.cards.map((c) => c.guide));
  const findings = result.findings.map((f) => renderCompactFinding(f, links, guides, options.shown?.(f) ?? false)).filter(Boolean);
  const [first, ...more] = result.cards.map((card) => renderCard(card, links));
  return [[...findings, first].join('\n\n'), ...more].join('\n\n---\n\n');
}
