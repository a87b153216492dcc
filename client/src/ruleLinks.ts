/**
 * Links to a rule's page shipped with the extension (`file:…/docs/rules/<id>.md`): the server
 * puts them in each diagnostic's code (the Problems panel's rule id) and in hover cards ("Rule
 * page"). VS Code opens a `file:` link as an editable text tab; these become `command:` links to
 * "Show Rule Documentation" (`command`, the client's `slsguard.showRuleDoc`), which opens the
 * rendered page in the Markdown preview. Plain string work, without `vscode` or values of the
 * shared protocol: the unit suite runs it as it is compiled.
 */

/** `file:` URI of `docs/rules/` inside the installed extension, with its trailing slash. */
export type RulesDirectoryUri = string;

/** The `command:` link that shows the rule page `href` points to, or undefined for any other link. */
export function ruleDocCommandLink(href: string, rulesDirectory: RulesDirectoryUri, command: string): string | undefined {
  const prefix = rulesDirectory.endsWith('/') ? rulesDirectory : `${rulesDirectory}/`;
  if (!sameUriPrefix(href, prefix)) return undefined;
  const m = /^([a-z0-9-]+)\.md$/.exec(decodeURIComponent(href.slice(prefix.length)));
  if (!m) return undefined;
  return `command:${command}?${encodeURIComponent(JSON.stringify([m[1]]))}`;
}

/** Markdown with its links to rule pages turned into `command:` links (and whether any was). */
export function withRuleDocCommandLinks(
  markdown: string,
  rulesDirectory: RulesDirectoryUri,
  command: string,
): { value: string; changed: boolean } {
  let changed = false;
  const value = markdown.replace(/\]\((file:[^)\s]+)\)/g, (link: string, href: string) => {
    const target = ruleDocCommandLink(href, rulesDirectory, command);
    if (!target) return link;
    changed = true;
    return `](${target})`;
  });
  return { value, changed };
}

/** Drive letters and their encoding (`c%3A`, `C:`) differ between URI spellings on Windows. */
function sameUriPrefix(href: string, prefix: string): boolean {
  const fold = (uri: string) => decodeURIComponent(uri).toLowerCase();
  return href.length > prefix.length && fold(href).startsWith(fold(prefix));
}
