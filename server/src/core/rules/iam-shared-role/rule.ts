import * as ts from 'typescript';
import { createRule } from '../../rule';
import { IAM_ROLES, LAMBDA_L2_FUNCTIONS } from '../../cdk/constructs';
import { asString, fqnIs, instanceFqn, prop, PropEntry, Value } from '../../model/values';
import { skipOuter } from '../../model/scope';
import type { RuleContext } from '../../rule';
import { Range, sameRange } from '../../types';

interface SharedRoleFact {
  /** Identity of the role value: where it is created. */
  key: string;
  roleName: string;
  range: Range;
}

export default createRule({
  meta: {
    id: 'iam-shared-role',
    title: 'Execution role shared by several functions',
    description:
      'One IAM role passed as `role` to two or more Lambda functions gives each of them the permissions of all of them. Let each function have its own role and grant it what it uses.',
    defaultSeverity: 'warning',
    category: 'iam',
    cwe: ['CWE-250'],
    guideSection: 'identity-and-access.md#one-role-per-function',
    fixable: false,
    appliesTo: 'cdk',
    messages: {
      shared:
        "The role '{{role}}' is the execution role of {{count}} functions, so each gets the permissions of all. Give each function its own role (omit `role` and use grant methods).",
    },
  },
  check(ctx) {
    for (const fn of ctx.newExpressions(...LAMBDA_L2_FUNCTIONS)) {
      const entry = prop(ctx.constructProps(fn), 'role');
      if (!entry) continue;
      const role = entry.value;
      // Only a role created in the project has an identity we can compare.
      if (role.kind !== 'new' && role.kind !== 'call') continue;
      const fqn = instanceFqn(role);
      if (!fqnIs(fqn, ...IAM_ROLES)) continue;
      const fact: SharedRoleFact = {
        key: roleKey(ctx, role),
        roleName: roleName(role),
        range: ctx.locate(useSite(ctx, fn, entry)).range,
      };
      ctx.fact(fact);
    }
  },
  checkProject(facts, report) {
    const groups = new Map<string, Array<{ file: string; data: SharedRoleFact }>>();
    for (const f of facts as Array<{ file: string; data: SharedRoleFact }>) {
      let g = groups.get(f.data.key);
      if (!g) groups.set(f.data.key, (g = []));
      g.push(f);
    }
    for (const all of groups.values()) {
      // One place can stand for one function only once (a fact recorded twice for a file).
      const group = all.filter((f, i) => all.findIndex((g) => g.file === f.file && sameRange(g.data.range, f.data.range)) === i);
      if (group.length < 2) continue;
      for (const member of group) {
        report({
          file: member.file,
          range: member.data.range,
          messageId: 'shared',
          data: { role: member.data.roleName, count: group.length },
          related: group
            .filter((other) => other !== member)
            .map((other) => ({ file: other.file, range: other.data.range, message: 'Also the role of this function' })),
        });
      }
    }
  },
});

/**
 * What identifies the role: where it is created, or, for a role imported by ARN or name, that
 * ARN or name (two `Role.fromRoleArn` calls with one ARN are one role).
 */
function roleKey(ctx: RuleContext, role: Value): string {
  if (role.kind === 'call' && role.fqn && /\.Role\.fromRole(Arn|Name)$/.test(role.fqn)) {
    const arg = role.expr.arguments[2];
    const name = arg ? asString(ctx.resolve(arg)) : undefined;
    if (name !== undefined) return `${role.fqn.endsWith('Arn') ? 'arn' : 'name'}:${name}`;
  }
  const origin = role.trail[role.trail.length - 1];
  return `${origin.file.path}:${origin.node.getStart(origin.file.sf)}`;
}

/** The name the role goes by where it is handed over: the last variable or field on its trail. */
function roleName(role: Value): string {
  for (let i = role.trail.length - 1; i >= 0; i--) {
    const o = role.trail[i];
    if (ts.isIdentifier(o.node) || ts.isPropertyAccessExpression(o.node)) return o.file.nodeText(o.node);
  }
  return 'role';
}

/**
 * Where this function receives the role: its own `role` property, or, when the property comes
 * from shared props (`{ ...common }`, a props const), the place in this function's call that
 * brings them in. Each function gets its own location even when they share one props object.
 */
function useSite(ctx: RuleContext, fn: ts.NewExpression, entry: PropEntry): ts.Node | Value {
  const arg = fn.arguments?.[2];
  if (!arg) return entry.value;
  if (entry.file === ctx.file && within(entry.node, arg)) return entry.node;
  let use: ts.Node | undefined;
  for (const step of entry.value.trail) if (step.file === ctx.file && within(step.node, arg)) use = step.node;
  if (!use) return entry.value;
  if (use === skipOuter(arg)) return arg;
  return ts.isSpreadAssignment(use.parent) ? use.parent : use;
}

function within(node: ts.Node, outer: ts.Node): boolean {
  return node.getSourceFile() === outer.getSourceFile() && node.pos >= outer.pos && node.end <= outer.end;
}
