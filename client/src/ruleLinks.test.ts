import * as assert from 'node:assert/strict';
import { ruleDocCommandLink, withRuleDocCommandLinks } from './ruleLinks';

/**
 * Issue 19: the rule id in the Problems panel and "Rule page" in a hover opened the page's
 * Markdown source in an editable tab. They become links to "Show Rule Documentation", which
 * opens the rendered page, as the command palette's "Show documentation" does.
 */

const RULES = 'file:///home/me/.vscode/extensions/serverless-guard/docs/rules';
const SHOW = 'slsguard.showRuleDoc';

describe('links to rule pages', () => {
  it('turns a rule page of the extension into the command that shows it rendered', () => {
    const link = ruleDocCommandLink(`${RULES}/iam-wildcard-action.md`, RULES, SHOW);
    assert.equal(link, 'command:slsguard.showRuleDoc?%5B%22iam-wildcard-action%22%5D');
    assert.deepEqual(JSON.parse(decodeURIComponent(link!.split('?')[1])), ['iam-wildcard-action']);
  });

  it('matches Windows URIs whatever their spelling of the drive', () => {
    const dir = 'file:///c%3A/Users/me/ext/docs/rules/';
    assert.ok(ruleDocCommandLink('file:///C:/Users/me/ext/docs/rules/s3-enforce-ssl.md', dir, SHOW));
  });

  it('leaves other links alone: other folders, other files, the web', () => {
    assert.equal(ruleDocCommandLink('file:///project/docs/rules/iam-wildcard-action.md', RULES, SHOW), undefined);
    assert.equal(ruleDocCommandLink(`${RULES}/../guide/checklist.md`, RULES, SHOW), undefined);
    assert.equal(ruleDocCommandLink(`${RULES}/images/x.png`, RULES, SHOW), undefined);
    assert.equal(ruleDocCommandLink('https://github.com/x/docs/rules/iam-wildcard-action.md', RULES, SHOW), undefined);
  });

  it('rewrites the "Rule page" link of a hover card and keeps the rest of it', () => {
    const card = `**S3 bucket**\n\n[Rule page](${RULES}/s3-enforce-ssl.md) · [Guide](file:///ext/docs/guide/data-protection.md#x)`;
    const { value, changed } = withRuleDocCommandLinks(card, RULES, SHOW);
    assert.equal(changed, true);
    assert.equal(
      value,
      `**S3 bucket**\n\n[Rule page](command:slsguard.showRuleDoc?%5B%22s3-enforce-ssl%22%5D) · [Guide](file:///ext/docs/guide/data-protection.md#x)`,
    );
    assert.deepEqual(withRuleDocCommandLinks('no links', RULES, SHOW), { value: 'no links', changed: false });
  });
});
