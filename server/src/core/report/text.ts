import { countBySeverity, problemText, relativePath, ScanReport } from './report';
import type { Finding, Suppression } from '../types';
import { escapeControls, linePath } from './terminal';

export interface TextOptions {
  color: boolean;
}

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', reset: '\x1b[0m' };

/** Why a finding is suppressed, with the reason given (escaped: it is text from the code). */
function suppressionText(s: Suppression): string {
  const by = s.kind === 'cdk-nag' ? 'cdk-nag' : 'comment';
  return `suppressed by ${by}${s.reason ? `: ${escapeControls(s.reason)}` : ''}`;
}

/** Findings grouped by file: `path:line:col  severity  message  rule-id`, then a summary line. */
export function formatText(report: ScanReport, options: TextOptions = { color: false }): string {
  const paint = (code: string, text: string) => (options.color ? `${code}${text}${COLORS.reset}` : text);
  const lines: string[] = [];
  const list = (findings: Finding[]) => {
    let currentFile: string | undefined;
    for (const f of findings) {
      const file = relativePath(report.cwd, f.file);
      if (file !== currentFile) {
        // A blank line between files; every line carries its path, so terminals can link it.
        if (currentFile !== undefined) lines.push('');
        currentFile = file;
      }
      const where = `${linePath(file)}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      const why = f.suppressed ? `  ${paint(COLORS.dim, `(${suppressionText(f.suppressed)})`)}` : '';
      lines.push(
        `  ${where}  ${paint(COLORS[f.severity], f.severity.padEnd(7))}  ${escapeControls(f.message)}  ${paint(COLORS.dim, f.ruleId)}${why}`,
      );
    }
  };
  list(report.findings);
  if (report.showSuppressed && report.suppressed?.length) {
    if (lines.length) lines.push('');
    lines.push('Suppressed:');
    list(report.suppressed);
  }
  if (report.problems?.length) {
    if (lines.length) lines.push('');
    for (const p of report.problems) lines.push(`  ${p.file ? `${linePath(relativePath(report.cwd, p.file))}  ` : ''}${problemText(p)}`);
  }
  const c = countBySeverity(report.findings);
  const total = report.findings.length;
  if (lines.length) lines.push('');
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(
    total === 0
      ? `No findings in ${plural(report.files, 'file')} (${report.durationMs} ms).`
      : `${plural(total, 'finding')} (${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${plural(c.info, 'info')}) in ${plural(report.files, 'file')} (${report.durationMs} ms).`,
  );
  const byNag = report.suppressed?.filter((f) => f.suppressed?.kind === 'cdk-nag').length ?? 0;
  const suppressed = (report.suppressed?.length ?? 0) - byNag;
  if (suppressed) lines[lines.length - 1] += ` ${plural(suppressed, 'finding')} suppressed by comments.`;
  if (byNag)
    lines[lines.length - 1] +=
      ` ${plural(byNag, 'finding')} suppressed by cdk-nag suppressions${report.showSuppressed ? '' : '; --show-suppressed lists them'}.`;
  const hidden = report.hiddenInTestCode ?? 0;
  if (hidden) lines[lines.length - 1] += ` ${plural(hidden, 'finding')} in test code not shown; --include-tests shows them.`;
  return `${lines.join('\n')}\n`;
}
