import { createRule } from '../../rule';
import { MISSING_REASON } from '../../suppressions/apply';

/**
 * A suppression comment without a reason. The engine reports it from the directives it
 * parses (core/suppressions), so the editor and the CLI agree; `check` has nothing to do.
 */
export default createRule({
  meta: {
    id: MISSING_REASON,
    title: 'Suppression without a reason',
    description:
      'A `slsguard-ignore-next-line` or `slsguard-ignore-file` comment that does not say why the finding is accepted. The suppression still applies; the reason is what lets a reviewer check it later.',
    defaultSeverity: 'warning',
    category: 'meta',
    cwe: [],
    guideSection: 'checklist.md',
    fixable: false,
    appliesTo: 'any',
    messages: {
      missing: 'This suppression gives no reason. Add one after " -- ": // slsguard-ignore-next-line <rule-id> -- <why this is accepted>.',
      placeholder: 'Replace the placeholder with the reason this finding is accepted.',
      separator: 'Separate the reason from the rule ids with " -- ": // slsguard-ignore-next-line <rule-id> -- <reason>.',
    },
  },
  check() {
    // Reported by the engine from the file's suppression directives.
  },
});
