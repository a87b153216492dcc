import { createRule } from '../../rule';
import { LAMBDA_FUNCTIONS } from '../../cdk/constructs';
import { constructSites, replaceWritten } from '../../cdk/propertyChecks';
import { RUNTIMES } from '../../cdk/data/runtimes';
import { isCdkV1 } from '../../fixes/imports';
import { deprecatedSince, judgeRuntime, newestOf, runtimeUse } from '../../cdk/runtimes';
import { lookup } from '../../model/lookup';

/** SAM's `AWS::Serverless::Function` takes the same runtime strings as `CfnFunction`. */
const FUNCTIONS = [...LAMBDA_FUNCTIONS, 'aws-sam.CfnFunction'];

/** aws-lambda's `RuntimeFamily` member of each family (CDK v1 and v2 alike). */
const V1_FAMILY: Record<string, string> = {
  nodejs: 'NODEJS',
  python: 'PYTHON',
  java: 'JAVA',
  dotnet: 'DOTNET_CORE',
  ruby: 'RUBY',
  go: 'GO',
  provided: 'OTHER',
};

export default createRule({
  meta: {
    id: 'lambda-deprecated-runtime',
    title: 'Lambda function on a deprecated runtime',
    description:
      'A function whose runtime AWS has deprecated gets no more security patches for its language or operating system, and once AWS blocks updates the function can no longer be changed, not even to fix it.',
    defaultSeverity: 'warning',
    category: 'handler',
    cwe: ['CWE-1104'],
    guideSection: 'function-security.md#dependency-scanning',
    // Both ask for the newest runtime of the family, a superset of the deprecated ones.
    cdkNag: ['AwsSolutions-L1', 'Serverless-LambdaLatestVersion'],
    fixable: true,
    appliesTo: 'cdk',
    messages: {
      deprecated:
        '{{runtime}} is deprecated{{since}}: AWS no longer applies security patches to it. Move the function to a supported runtime such as {{newest}}.',
      blocked:
        '{{runtime}} is deprecated{{since}} and AWS no longer lets you update functions that use it: the function cannot even be patched. Move it to a supported runtime such as {{newest}}.',
    },
  },
  check(ctx) {
    for (const site of constructSites(ctx, FUNCTIONS)) {
      const found = lookup(site.props, 'runtime');
      if (found.state !== 'set') continue;
      const use = runtimeUse(found.value);
      if (!use) continue;
      const verdict = judgeRuntime(use.row);
      if (!verdict.deprecated) continue;
      const newest = newestOf(use);
      const isString = found.value.kind === 'string';
      // CDK v1's Runtime class stops at runtimes that are deprecated now: name the new one by its id.
      const v1Member = !isString && isCdkV1(ctx.file);
      const newestText = newest
        ? isString
          ? RUNTIMES[newest].id
          : v1Member
            ? `new Runtime('${RUNTIMES[newest].id}', RuntimeFamily.${V1_FAMILY[RUNTIMES[newest].family]})`
            : `Runtime.${newest}`
        : 'a newer one';
      ctx.report({
        at: found.value,
        messageId: verdict.blocked ? 'blocked' : 'deprecated',
        severity: verdict.blocked ? 'error' : undefined,
        data: { runtime: isString ? use.row.id : `Runtime.${use.member}`, since: deprecatedSince(use.row), newest: newestText },
        // Not preferred: a new language version changes what runs, so the code needs testing on it.
        fixes:
          newest && !v1Member
            ? replaceWritten(
                ctx,
                found.value,
                { member: newest, string: RUNTIMES[newest].id },
                { title: `Use ${newestText}`, isPreferred: false },
              )
            : [],
      });
    }
  },
});
