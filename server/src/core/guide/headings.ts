/**
 * Headings and anchors of the practices guide's Markdown pages, the way GitHub and VS Code's
 * Markdown preview compute them: a section id in guide/sections.ts is `<page>#<anchor>`.
 */

/**
 * A heading's anchor, as GitHub and VS Code's Markdown preview make it: lower case, punctuation
 * other than `-` and `_` dropped, each space a hyphen.
 */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Headings (`#` to `######`) outside fenced code blocks, with their level and anchor. */
export function guideHeadings(markdown: string): Array<{ level: number; text: string; anchor: string; line: number }> {
  const out: Array<{ level: number; text: string; anchor: string; line: number }> = [];
  let fence: string | undefined;
  markdown.split(/\r?\n/).forEach((line, index) => {
    const marker = /^(`{3,}|~{3,})/.exec(line.trim())?.[1];
    if (marker) {
      if (fence === undefined) fence = marker;
      else if (line.trim() === fence) fence = undefined;
      return;
    }
    if (fence !== undefined) return;
    const m = /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (m) out.push({ level: m[1].length, text: m[2], anchor: headingAnchor(m[2]), line: index });
  });
  return out;
}
