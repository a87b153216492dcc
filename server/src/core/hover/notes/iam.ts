import { EFFECT_DENY, POLICY_STATEMENT } from '../../cdk/constructs';
import { chooseGrant } from '../../cdk/grants';
import { awsManagedPolicy, escalationIn, isAnyone, isKeyPolicyStatement, managedPolicyBreadth, namesNoResource } from '../../cdk/knowledge';
import { serviceOf, wildcardKind } from '../../cdk/policy';
import { coveredTypes, wildcardReach } from '../../cdk/iamData';
import { asString, refIs, Value } from '../../model/values';
import { callsOnOwner, cannotTell, code, elementsOf, info, ok, risk, show } from '../judge';
import { lookup, valueIfSet } from '../../model/lookup';
import type { ConstructNote, Judgement, NoteContext } from '../types';

/** IAM: policy statements and roles. */

function isDeny(props: Value | undefined): boolean {
  return refIs(valueIfSet(props, 'effect'), EFFECT_DENY);
}

function literalList(value: Value | undefined): string[] | undefined {
  const els = elementsOf(value);
  if (!els) return undefined;
  const out = els.map(asString);
  return out.every((s): s is string => s !== undefined) ? out : undefined;
}

/** `, including 12 that manage permissions` for `s3:*`, from AWS's reference. */
function reachText(action: string): string {
  const { total, permissionsManagement } = wildcardReach(action);
  if (total === 0) return '';
  return ` (${total} today${permissionsManagement > 0 ? `, ${permissionsManagement} of them permissions management` : ''})`;
}

/** The judgement of a statement's actions, given its resources (shared with `addToRolePolicy`). */
export function judgeActions(actionsValue: Value | undefined, props: Value | undefined): Judgement[] {
  if (actionsValue === undefined) return [info('not set — the statement allows nothing until actions are added')];
  const actions = literalList(actionsValue);
  if (!actions) return [cannotTell(actionsValue)];
  if (isDeny(props)) return [ok('a Deny statement: wildcards here only take permissions away')];
  const out: Judgement[] = [];
  for (const action of actions) {
    const kind = wildcardKind(action);
    if (kind === 'full') out.push(risk(`${code(`'${action}'`)} allows every action of every AWS service`));
    else if (kind === 'service') out.push(risk(`${code(`'${action}'`)} allows every ${serviceOf(action)} action${reachText(action)}`));
    else if (kind === 'partial') out.push(risk(`${code(`'${action}'`)} grows whenever AWS adds a matching action`));
  }
  const resources = literalList(valueIfSet(props, 'resources'));
  if (resources) {
    for (const action of actions) {
      const escalation = escalationIn(action);
      if (escalation && resources.some((r) => r === '*' || coveredTypes(r, [escalation]).length > 0))
        out.push(risk(`${code(`'${action}'`)} on every resource lets the holder raise its own privileges`));
    }
  }
  if (out.length === 0)
    out.push(
      ok(
        `${actions.length} explicit action${actions.length === 1 ? '' : 's'}: ${actions
          .slice(0, 3)
          .map((a) => code(a))
          .join(', ')}${actions.length > 3 ? ', …' : ''}`,
      ),
    );
  const choice = chooseGrant(actions);
  if (choice) {
    const calls = choice.methods.map((m) => code(`${choice.grants.exampleName}.${m}(fn)`)).join(' and ');
    // A grant method gives its own list of actions: the wildcards above stand for more than it.
    const wildcards = actions.filter((a) => wildcardKind(a) !== 'none');
    const what = wildcards.length
      ? `grants the ${choice.actions.length} actions code usually needs (not all that ${wildcards.map((a) => code(`'${a}'`)).join(', ')} ${wildcards.length === 1 ? 'allows' : 'allow'})`
      : 'grants these actions';
    out.push(info(`on ${withArticle(choice.grants.label)} in your app, ${calls} ${what} and scopes them to that resource`));
  }
  return out;
}

/**
 * `a DynamoDB table`, `an S3 bucket`, `an SQS queue`: the article goes by the sound of the first
 * word, and an initialism (`S3`, `SNS`, `KMS`) is read letter by letter.
 */
export function withArticle(label: string): string {
  const first = label.split(' ')[0];
  const initialism = /^[A-Z0-9]{2,}$/.test(first);
  const an = initialism ? /^[AEFHILMNORSX8]/.test(first) : /^[aeiou]/i.test(first);
  return `${an ? 'an' : 'a'} ${label}`;
}

export function judgeResources(resourcesValue: Value | undefined, props: Value | undefined): Judgement {
  if (resourcesValue === undefined) return info("not set — a statement in a role's policy needs at least one resource");
  const els = elementsOf(resourcesValue);
  if (!els) return cannotTell(resourcesValue);
  const actions = literalList(valueIfSet(props, 'actions'));
  const wildcardArn =
    actions && !isDeny(props) ? els.map(asString).find((r) => r && r !== '*' && coveredTypes(r, actions).length > 0) : undefined;
  if (wildcardArn) return risk(`${code(`'${wildcardArn}'`)} names every resource of its type, like \`'*'\``);
  if (!els.some((e) => asString(e) === '*'))
    return ok(
      `${els.length} resource${els.length === 1 ? '' : 's'}: ${els.slice(0, 2).map(show).join(', ')}${els.length > 2 ? ', …' : ''}`,
    );
  if (isDeny(props)) return ok('a Deny statement on every resource');
  if (actions && namesNoResource(actions)) {
    return ok("`'*'` — these actions name no resource, so `*` is the only value IAM accepts");
  }
  if (actions && isKeyPolicyStatement(actions, namesPrincipals(props))) return ok("`'*'` in a key policy means this key");
  return risk("`'*'` applies the statement to every resource in the account");
}

/** The statement names principals (or may: props it cannot see whole): a resource-based policy's statement. */
function namesPrincipals(props: Value | undefined): boolean {
  return lookup(props, 'principals').state !== 'absent' || lookup(props, 'notPrincipals').state !== 'absent';
}

export const POLICY_STATEMENT_NOTE: ConstructNote = {
  classes: [POLICY_STATEMENT],
  label: 'IAM policy statement',
  about:
    'One permission: which actions, on which resources, for whom, under which conditions. Name the few actions the code calls and the ARNs it touches — or let a grant method write the statement.',
  guide: 'identity-and-access.md#least-privilege',
  rules: ['iam-wildcard-action', 'iam-wildcard-resource', 'iam-privilege-escalation'],
  propsIndex: 0,
  props: {
    effect: {
      about: 'Allow (the default) or Deny. A Deny always wins over any Allow.',
      onlyWhenSet: true,
      judge: (v) => {
        if (v === undefined) return info('not set — Allow');
        return refIs(v, EFFECT_DENY) ? ok('Deny: takes permissions away') : info(show(v));
      },
    },
    actions: {
      about:
        'The API calls the statement covers (`service:Action`). Wildcards hand out every action that matches, including ones AWS adds later.',
      rules: ['iam-wildcard-action', 'iam-privilege-escalation'],
      judge: (v, ctx: NoteContext) => judgeActions(v, ctx.props),
    },
    resources: {
      about:
        "The ARNs the actions apply to. `*` means every resource of that kind in the account — other teams' tables and buckets included.",
      rules: ['iam-wildcard-resource'],
      judge: (v, ctx: NoteContext) => judgeResources(v, ctx.props),
    },
    principals: {
      about:
        'Who the statement is about — only in resource-based policies (bucket, key, queue policies). Anyone (`*`) is public unless a condition on the source or organization narrows it.',
      guide: 'identity-and-access.md#resource-based-policies',
      rules: ['lambda-public-invoke', 'resource-policy-public'],
      onlyWhenSet: true,
      judge: (v, ctx) => {
        const els = elementsOf(v);
        if (!v) return undefined;
        if (!els) return cannotTell(v);
        return els.some((e) => isAnyone(e, ctx.resolver))
          ? risk('includes anyone (`*`)')
          : ok(`${els.length} named principal${els.length === 1 ? '' : 's'}`);
      },
    },
    conditions: {
      about: 'Extra requirements (source account, source ARN, VPC endpoint, TLS, tags) that must hold for the statement to apply.',
      guide: 'identity-and-access.md#resource-based-policies',
      onlyWhenSet: true,
      judge: (v) => (v ? ok('conditions narrow when the statement applies') : undefined),
    },
    notActions: {
      about: 'Allows every action except the ones listed — including every action AWS adds in future.',
      onlyWhenSet: true,
      judge: (v, ctx) => (v && !isDeny(ctx.props) ? risk('allows everything except the listed actions') : undefined),
    },
    notResources: {
      about: 'Applies to every resource except the ones listed.',
      onlyWhenSet: true,
      judge: (v, ctx) => (v && !isDeny(ctx.props) ? risk('applies to every resource except the listed ones') : undefined),
    },
  },
};

export const ROLE: ConstructNote = {
  classes: ['aws-iam.Role'],
  label: 'IAM role',
  about:
    'Whatever this role may do, every function that runs as it may do. For Lambda, let CDK create one role per function and add permissions with grant methods.',
  guide: 'identity-and-access.md#one-role-per-function',
  rules: ['iam-admin-policy', 'iam-shared-role'],
  propsIndex: 2,
  props: {
    assumedBy: {
      about: 'The principal allowed to assume the role (for Lambda: `lambda.amazonaws.com`).',
      onlyWhenSet: true,
      judge: (v) => (v ? info(show(v)) : undefined),
    },
    managedPolicies: {
      about:
        'Managed policies attached to the role. AWS-managed ones are written for every customer, so they are broad; `service-role/…` policies are the narrow exception.',
      rules: ['iam-admin-policy'],
      judge: (v, ctx) => {
        if (v === undefined) return ok('not set');
        const els = elementsOf(v);
        if (!els) return cannotTell(v);
        const out = els.flatMap((el) => judgeManagedPolicy(el, ctx));
        return out.length
          ? out
          : ok(`${els.length} managed polic${els.length === 1 ? 'y' : 'ies'}, none of them administrator or full-access`);
      },
    },
  },
  // Policies attached after construction: `role.addManagedPolicy(...)` in this file.
  extra(ctx) {
    const out: Judgement[] = [];
    for (const call of callsOnOwner(ctx, 'addManagedPolicy')) {
      if (!call.arguments[0]) continue;
      for (const j of judgeManagedPolicy(ctx.resolver.resolve(call.arguments[0], ctx.file), ctx))
        out.push({ ...j, subject: 'addManagedPolicy' });
    }
    return out;
  },
};

function judgeManagedPolicy(policy: Value, ctx: NoteContext): Judgement[] {
  if (policy.kind !== 'call') return [];
  const name = awsManagedPolicy(policy.fqn, policy.expr.arguments, (e) => ctx.resolver.resolve(e, policy.file))?.name;
  const breadth = name === undefined ? undefined : managedPolicyBreadth(name);
  if (name === undefined || breadth === undefined) return [];
  return [
    breadth === 'admin'
      ? risk(`${code(name)} gives near-administrator access`)
      : risk(`${code(name)} grants every action of a service on every resource`),
  ];
}
