import * as ts from 'typescript';
import { createRule, RuleContext } from '../../rule';
import { EnvSite, environmentSites, envProblem } from '../../secrets/sites';
import { secretsManagerFix } from '../../secrets/secretsManager';
import type { Fix } from '../../types';

/**
 * Move the value to Secrets Manager: a new `Secret` beside the function, its ARN in the
 * environment instead, and a read grant. Needs the function's construction in this file.
 */
function moveToSecretsManager(ctx: RuleContext, site: EnvSite): Fix[] {
  let fix: Fix | undefined;
  if (ts.isNewExpression(site.owner)) {
    if (site.entry) fix = secretsManagerFix(ctx, site.owner, site.entry);
  } else if (ts.isPropertyAccessExpression(site.owner.expression)) {
    // `fn.addEnvironment(key, value)`: the function the call is made on.
    const fn = ctx.resolve(site.owner.expression.expression);
    if (fn.kind === 'new' && fn.file === ctx.file) fix = secretsManagerFix(ctx, fn.expr, site.owner);
  }
  return fix ? [fix] : [];
}

export default createRule({
  meta: {
    id: 'secret-in-env',
    title: 'Secret in a Lambda environment variable',
    description:
      "A secret is written into a Lambda function's environment: anyone who can read the function's configuration or the synthesized template can read it, and it cannot be rotated without a deployment.",
    defaultSeverity: 'error',
    category: 'secrets',
    cwe: ['CWE-798', 'CWE-526'],
    guideSection: 'function-security.md#secrets-management',
    fixable: true,
    appliesTo: 'cdk',
    keptInTestCode: ['format'],
    messages: {
      name: "{{key}} is set to a plain-text secret ({{preview}}). Anyone who can read the function's configuration or the synthesized template can read it. Keep the value in Secrets Manager and pass the secret's ARN instead.",
      format:
        "{{key}} holds a {{description}} ({{preview}}) in plain text. Anyone who can read the function's configuration or the synthesized template can use it. Keep it in Secrets Manager and pass the secret's ARN instead.",
      unwrap:
        "{{key}} receives the secret's value through unsafeUnwrap(), so CloudFormation writes it into the function's configuration in plain text. Pass the secret's ARN (secret.secretArn), grant read access, and fetch the value at runtime.",
    },
  },
  check(ctx) {
    for (const site of environmentSites(ctx)) {
      const problem = envProblem(ctx, site);
      if (!problem) continue;
      // A credential written in another file (a shared constant spread into environments) is
      // reported once, where it is written, by hardcoded-secret: not again at every use.
      if (problem.kind === 'format' && site.value.file !== ctx.file) continue;
      const data: Record<string, string> = { key: site.key };
      if (problem.kind !== 'unwrap') data.preview = problem.preview;
      if (problem.kind === 'format') data.description = problem.format.description;
      ctx.report({ at: site.value, messageId: problem.kind, data, fixes: moveToSecretsManager(ctx, site) });
    }
  },
});
