import type { Checklist, ChecklistState } from '../checklist/projectChecklist';
import { findingToJson, JsonFinding } from './json';
import { relativePath } from './report';
import { escapeControls, jsonText, linePath } from './terminal';

/**
 * The checklist on the command line: `slsguard checklist` prints text (grouped items with
 * ✓ ✗ – ☐ and counts) or JSON (stable: no timings, paths relative to the current directory,
 * lines and columns 1-based).
 */

export interface ChecklistJson {
  version: 1;
  /** The project root whose `.slsguard/checklist.json` holds the manual checks. */
  root: string;
  done: number;
  total: number;
  hasCdk: boolean;
  manualError?: string;
  groups: Array<{
    id: string;
    title: string;
    done: number;
    total: number;
    items: Array<{
      id: string;
      title: string;
      state: ChecklistState;
      manual: boolean;
      detail: string;
      guideSection: string;
      rules: string[];
      missing?: string;
      acceptedReason?: string;
      /** As `slsguard scan --format json` reports them. */
      findings: JsonFinding[];
      found: Array<{ file: string; line: number; column: number }>;
    }>;
  }>;
}

export function checklistToJson(checklist: Checklist, root: string, cwd: string): ChecklistJson {
  return {
    version: 1,
    root: relativePath(cwd, root),
    done: checklist.done,
    total: checklist.total,
    hasCdk: checklist.hasCdk,
    ...(checklist.manualError ? { manualError: checklist.manualError } : {}),
    groups: checklist.groups.map((g) => ({
      id: g.id,
      title: g.title,
      done: g.done,
      total: g.total,
      items: g.items.map((i) => ({
        id: i.id,
        title: i.title,
        state: i.state,
        manual: i.manual,
        detail: i.detail,
        guideSection: i.guideSection,
        rules: i.rules,
        ...(i.missing ? { missing: i.missing } : {}),
        ...(i.acceptedReason ? { acceptedReason: i.acceptedReason } : {}),
        findings: i.findings.map((f) => findingToJson(f, cwd)),
        found: i.found.map((l) => ({ file: relativePath(cwd, l.file), line: l.range.start.line + 1, column: l.range.start.character + 1 })),
      })),
    })),
  };
}

export function formatChecklistJson(checklist: Checklist, root: string, cwd: string): string {
  return jsonText(checklistToJson(checklist, root, cwd));
}

const MARKS: Record<ChecklistState, string> = {
  passed: '✓',
  checked: '✓',
  accepted: '✓',
  failed: '✗',
  'not-applicable': '–',
  unchecked: '☐',
};
const COLORS = { green: '\x1b[32m', red: '\x1b[31m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };
const MARK_COLORS: Record<ChecklistState, string> = {
  passed: COLORS.green,
  checked: COLORS.green,
  accepted: COLORS.green,
  failed: COLORS.red,
  'not-applicable': COLORS.dim,
  unchecked: '',
};

export function formatChecklistText(checklist: Checklist, options: { cwd: string; color: boolean }): string {
  const paint = (code: string, text: string) => (options.color && code ? `${code}${text}${COLORS.reset}` : text);
  const lines = [paint(COLORS.bold, `Security checklist: ${checklist.done} of ${checklist.total} done`)];
  for (const group of checklist.groups) {
    lines.push('', paint(COLORS.bold, `${group.title} (${group.done} of ${group.total})`));
    for (const item of group.items) {
      const detail = item.state === 'passed' ? '' : paint(COLORS.dim, ` — ${escapeControls(item.detail)}`);
      lines.push(`  ${paint(MARK_COLORS[item.state], MARKS[item.state])} ${escapeControls(item.title)}${detail}`);
      for (const f of item.findings) {
        const where = `${linePath(relativePath(options.cwd, f.file))}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
        lines.push(`      ${where}  ${f.severity.padEnd(7)}  ${escapeControls(f.message)}  ${paint(COLORS.dim, f.ruleId)}`);
      }
    }
  }
  const notes: string[] = [];
  if (!checklist.hasCdk) notes.push('No AWS CDK code found here (no cdk.json and no aws-cdk-lib imports).');
  if (checklist.manualError) notes.push(`${escapeControls(checklist.manualError)}; items checked by hand show as unchecked.`);
  if (notes.length) lines.push('', ...notes);
  return `${lines.join('\n')}\n`;
}
