import { createRule } from '../../rule';
import { UNUSED } from '../../suppressions/apply';

/**
 * A suppression comment, or a rule id in one, that suppresses nothing. The engine reports it
 * from the directives it parses (core/suppressions); `check` has nothing to do.
 */
export default createRule({
  meta: {
    id: UNUSED,
    title: 'Suppression that suppresses nothing',
    description:
      'A `slsguard-ignore-next-line` or `slsguard-ignore-file` comment names a rule that reports nothing where the comment applies, or a rule that does not exist. A stale suppression would silently hide the next real finding there.',
    defaultSeverity: 'info',
    category: 'meta',
    cwe: [],
    guideSection: 'checklist.md',
    fixable: true,
    appliesTo: 'any',
    messages: {
      unused: '{{ruleId}} reports nothing here: this suppression is not needed.',
      unknownRule: 'There is no rule "{{ruleId}}": this suppression suppresses nothing.',
      noRules:
        'This suppression names no rule, so it suppresses nothing. Name the rule ids: // slsguard-ignore-next-line <rule-id> -- <reason>.',
    },
  },
  check() {
    // Reported by the engine from the file's suppression directives.
  },
});
