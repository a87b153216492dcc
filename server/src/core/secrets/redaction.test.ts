import * as assert from 'node:assert/strict';
import { analyze } from '../../test/ruleTester';
import { FORMATS, HANDLER, JWT, NAMED, PEM_KEY, SECRETS, STACK } from '../../test/secretSamples';
import { secretsRules } from '../rules/families/secrets';
import { allRules } from '../rules/registry';

/**
 * Messages never print a detected secret: at most its first four characters. Every secret the
 * three rules can find is planted in a stack and a handler, and no text of any finding (message,
 * related messages, fix titles and notes) may contain five characters in a row of any of them.
 */

describe('secrets in messages', () => {
  it('show at most the first four characters of what they detected', () => {
    const cases = [
      { code: STACK, config: {} },
      // With the more specific rules off, hardcoded-secret reports the stack's literals too.
      { code: STACK, config: { rules: { 'secret-in-env': 'off' as const, 'secret-plaintext-value': 'off' as const } } },
      { code: HANDLER, filename: 'lambda/index.ts', config: {} },
    ];
    const counts: number[] = [];
    for (const c of cases) {
      const { findings } = analyze(secretsRules, c);
      // secret-no-rotation judges the secrets the corpus creates, not the values planted in it: not counted.
      counts.push(findings.filter((f) => f.ruleId !== 'secret-no-rotation').length);
      for (const f of findings) {
        const texts = [f.message, ...f.related.map((r) => r.message), ...f.fixes.flatMap((x) => [x.title, x.note ?? ''])];
        for (const secret of [...SECRETS, PEM_KEY.split('\n')[1], JWT]) {
          for (let i = 0; i + 5 <= secret.length; i++) {
            const window = secret.slice(i, i + 5);
            for (const text of texts) assert.ok(!text.includes(window), `${f.ruleId} shows '${window}' of a secret: ${text}`);
          }
        }
      }
    }
    // Every planted secret was found (a check on the corpus itself): in the stack, each
    // environment entry, addEnvironment call and unsafePlainText call; without the specific
    // rules, every literal in a credential format or under a secret name; in the handler, each.
    const planted = FORMATS.length + NAMED.length;
    assert.deepEqual(counts, [planted + 1 + planted + planted, planted + 1 + FORMATS.length * 2, planted + 2]);
  });

  it('no rule echoes a secret: another rule quoting a value that holds one shows it masked', () => {
    const code = `import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
const stack = new cdk.Stack(new cdk.App(), 'S');
const apiKey = 'Vb7Lq2Xz9Tm4Kw8R';
new iam.Policy(stack, 'P', { statements: [new iam.PolicyStatement({ actions: ['sk_live_51Nq8RzT4xLmW2vKp9HsYc3Bd:Get*', \`\${apiKey}:List*\`], resources: ['arn:aws:s3:::reports/*'] })] });
`;
    const { findings } = analyze(allRules, { code });
    const wildcard = findings.filter((f) => f.ruleId === 'iam-wildcard-action').map((f) => f.message);
    assert.equal(wildcard.length, 2, findings.map((f) => f.message).join('\n'));
    assert.match(wildcard[0], /^'sk_l…:Get\*' is a wildcard: it also matches actions added to sk_l… later/);
    assert.match(wildcard[1], /^'Vb7L…:List\*' is a wildcard/);
    for (const f of findings) {
      const texts = [f.message, ...f.related.map((r) => r.message), ...f.fixes.flatMap((x) => [x.title, x.note ?? ''])];
      for (const text of texts) assert.doesNotMatch(text, /ive_5|Lq2Xz/, `${f.ruleId}: ${text}`);
    }
  });
});
