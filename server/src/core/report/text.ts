import { countBySeverity, problemText, relativePath, ScanReport } from './report';
import { escapeControls, linePath } from './terminal';

export interface TextOptions {
  color: boolean;
}

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', reset: '\x1b[0m' };

/** Findings grouped by file: `path:line:col  severity  message  rule-id`, then a summary line. */
export function formatText(report: ScanReport, options: TextOptions = { color: false }): string {
  const paint = (code: string, text: string) => (options.color ? `${code}${text}${COLORS.reset}` : text);
  const lines: string[] = [];
  let currentFile: string | undefined;
  for (const f of report.findings) {
    const file = relativePath(report.cwd, f.file);
    if (file !== currentFile) {
      // A blank line between files; every line carries its path, so terminals can link it.
      if (currentFile !== undefined) lines.push('');
      currentFile = file;
    }
    const where = `${linePath(file)}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
    lines.push(
      `  ${where}  ${paint(COLORS[f.severity], f.severity.padEnd(7))}  ${escapeControls(f.message)}  ${paint(COLORS.dim, f.ruleId)}`,
    );
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
  const suppressed = report.suppressed?.length ?? 0;
  if (suppressed) lines[lines.length - 1] += ` ${plural(suppressed, 'finding')} suppressed by comments.`;
  const hidden = report.hiddenInTestCode ?? 0;
  if (hidden) lines[lines.length - 1] += ` ${plural(hidden, 'finding')} in test code not shown; --include-tests shows them.`;
  return `${lines.join('\n')}\n`;
}
