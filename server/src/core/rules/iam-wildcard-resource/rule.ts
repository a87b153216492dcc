import * as ts from 'typescript';
import { createRule } from '../../rule';
import { policyStatements, serviceOf } from '../../cdk/policy';
import { constructsInScope } from '../../cdk/grantFix';
import { grantsForService } from '../../cdk/grants';
import { arnText, isKeyPolicyStatement, namesNoResource } from '../../cdk/knowledge';
import { coveredTypes } from '../../cdk/iamData';
import { enclosingStatement, replaceNode } from '../../fixes/edits';
import { asString } from '../../model/values';
import type { Fix } from '../../types';

export default createRule({
  meta: {
    id: 'iam-wildcard-resource',
    title: 'Wildcard IAM resource',
    description:
      "An Allow statement applies to every resource in the account (`resources: ['*']`), so the function can read or change data that belongs to other services and tenants.",
    defaultSeverity: 'warning',
    category: 'iam',
    cwe: ['CWE-732'],
    guideSection: 'identity-and-access.md#least-privilege',
    fixable: true,
    appliesTo: 'cdk',
    cdkNag: ['AwsSolutions-IAM5'],
    messages: {
      star: "This statement applies to every resource ('*'). Scope it to the ARN of the resource it is meant for.",
      starExample:
        "This statement applies to every resource ('*'). Scope it to the ARN of the resource it is meant for, for example {{example}}.",
      allResources: 'addAllResources() scopes this statement to every resource. Add the ARN of the resource it is meant for instead.',
      wildcardArn: "'{{arn}}' names every {{types}} there is, like '*'. Scope it to the ARN of the resource it is meant for.",
    },
  },
  check(ctx) {
    for (const statement of policyStatements(ctx)) {
      if (statement.effect !== 'Allow' || statement.inverted) continue;
      // Silent when every action is one that only works on '*'.
      const actions = statement.actions.map((a) => asString(a.value)?.toLowerCase());
      if (statement.actionsKnown && namesNoResource(actions)) continue;
      // A key policy statement names principals and KMS actions; its '*' means "this key".
      if (isKeyPolicyStatement(actions, statement.hasPrincipals)) continue;
      for (const entry of statement.resources) {
        const text = arnText(entry.value);
        if (text !== undefined && text !== '*') {
          // An ARN whose resource part is a wildcard (`arn:aws:s3:::*`) is every resource of its type.
          const types = coveredTypes(
            text,
            actions.filter((a): a is string => a !== undefined),
          );
          if (types.length > 0) {
            const names = [...new Set(types.map((t) => `${t.arn.split(':')[0]} ${t.name}`))];
            const shown = names.length > 3 ? [...names.slice(0, 3), `${names.length - 3} more types`] : names;
            // A template is shown as written: `arn:${Aws.PARTITION}:logs:…`, not with its tokens filled in.
            const written = asString(entry.value) ?? entry.value.file.nodeText(entry.value.node).replace(/^`|`$/g, '');
            ctx.report({ at: entry.at, messageId: 'wildcardArn', data: { arn: written, types: shown.join(', ') } });
          }
          continue;
        }
        if (asString(entry.value) !== '*') continue;
        const isCall = ts.isCallExpression(entry.value.node);
        const fixes: Fix[] = [];
        const services = new Set(actions.map((a) => (a ? serviceOf(a) : undefined)));
        const grants = services.size === 1 ? grantsForService([...services][0]) : undefined;
        // An example only from a construct in scope: `key.keyArn` where no `key` exists is no help.
        let example: string | undefined;
        if (!isCall && entry.value.file === ctx.file && ts.isStringLiteralLike(entry.value.node)) {
          const anchor = enclosingStatement(statement.node);
          if (grants && anchor) {
            const literal = entry.value.node;
            // `Resource: '*'` in JSON holds one value: two ARNs need an array there.
            const inList = ts.isArrayLiteralExpression(literal.parent) || ts.isCallExpression(literal.parent);
            for (const resource of constructsInScope(ctx, anchor, grants.classes)) {
              const arns = grants.arnAttributes.map((attr) => `${resource.text}.${attr}`);
              if (fixes.length === 0) example = arns[0];
              const text = arns.length > 1 && !inList ? `[${arns.join(', ')}]` : arns.join(', ');
              fixes.push({
                title: `Scope the statement to ${arns.join(' and ')}`,
                edits: [replaceNode(ctx.file, literal, text)],
                isPreferred: false,
              });
            }
          }
        }
        ctx.report({
          at: entry.at,
          messageId: isCall ? 'allResources' : example ? 'starExample' : 'star',
          data: example ? { example } : undefined,
          fixes,
        });
      }
    }
  },
});
