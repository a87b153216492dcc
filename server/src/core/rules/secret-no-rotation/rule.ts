import * as ts from 'typescript';
import { createRule } from '../../rule';
import type { ProjectFact, RuleContext } from '../../rule';
import { apiIdentity, ApiIdentity, ApiRef, ApiTargets, covers, keyOf, nameRef, targetsOf } from '../../cdk/apigw';
import { argumentOf } from '../../cdk/propertyChecks';
import { lookup } from '../../model/lookup';
import { alternatives, asString, fqnIs, instanceFqn, Value } from '../../model/values';
import { policyStatements } from '../../cdk/policy';
import type { Range } from '../../types';

/** Secrets the project creates: each needs a rotation schedule somewhere in the project. */
const SECRETS = ['aws-secretsmanager.Secret', 'aws-rds.DatabaseSecret', 'aws-secretsmanager.CfnSecret'];
/** What a reference to a secret may be typed as. */
const SECRET_TYPES = [...SECRETS, 'aws-secretsmanager.ISecret'];
/** Constructs that rotate the secret named by a property (`secret`, or the L1's `secretId`). */
const ROTATIONS: Array<{ classes: string[]; key: string }> = [
  { classes: ['aws-secretsmanager.RotationSchedule', 'aws-secretsmanager.SecretRotation'], key: 'secret' },
  { classes: ['aws-secretsmanager.CfnRotationSchedule'], key: 'secretId' },
];
/** Database constructs whose `addRotationSingleUser()` rotates the secret of their `credentials`. */
const DATABASES = [
  'aws-rds.DatabaseInstance',
  'aws-rds.DatabaseCluster',
  'aws-rds.DatabaseInstanceFromSnapshot',
  'aws-rds.DatabaseClusterFromSnapshot',
  'aws-rds.ServerlessCluster',
  'aws-docdb.DatabaseCluster',
];
/** Attributes of a secret that name it (`secretId: secret.secretArn`, `secret.ref`). */
const SECRET_NAMING_ATTRS = ['secretArn', 'secretFullArn', 'secretName', 'ref', 'attrId'];

interface SecretFact extends ApiIdentity {
  kind: 'secret';
  range: Range;
}
interface RotationFact {
  kind: 'rotation';
  targets: ApiTargets;
}

/**
 * Project-wide: a secret is often made in one stack and rotated in another (the database stack
 * rotates the credentials a shared stack made). Each file records the secrets it creates and what
 * each rotation it writes refers to; the project pass reports the secrets nothing rotates, with
 * the matching of the REST API rules (`covers()` in cdk/apigw.ts): exactly where the secret is
 * created, or by the name it is handed over as, and a rotation we cannot tie to a secret covers
 * the project's secret only when it has one.
 */
export default createRule({
  meta: {
    id: 'secret-no-rotation',
    title: 'Secret without rotation',
    description:
      'A Secrets Manager secret the project creates has no rotation schedule anywhere in the project: the same credential stays valid until someone changes it by hand, however far it has spread.',
    defaultSeverity: 'info',
    category: 'secrets',
    cwe: ['CWE-324'],
    guideSection: 'function-security.md#secrets-management',
    fixable: false,
    appliesTo: 'cdk',
    cdkNag: ['AwsSolutions-SMG4'],
    messages: {
      noRotation:
        'Nothing in the project rotates this secret. Add a rotation schedule (secret.addRotationSchedule with a rotation function or hostedRotation; for a database, cluster.addRotationSingleUser()) so a leaked value stops working.',
    },
  },
  check(ctx) {
    for (const expr of ctx.newExpressions(...SECRETS)) {
      const value = ctx.resolve(expr);
      if (value.kind !== 'new') continue;
      ctx.fact({ kind: 'secret', ...apiIdentity(value), range: ctx.file.headRange(expr) } satisfies SecretFact);
    }
    const rotate = (value: Value | undefined) => ctx.fact({ kind: 'rotation', targets: secretTargets(value) } satisfies RotationFact);
    for (const call of ctx.calls('addRotationSchedule')) {
      const receiver = receiverOf(ctx, call);
      if (receiver && !fqnIs(instanceFqn(receiver), ...DATABASES)) rotate(receiver);
    }
    for (const { classes, key } of ROTATIONS) {
      for (const expr of ctx.newExpressions(...classes)) {
        const found = lookup(ctx.constructProps(expr), key);
        rotate(found.state === 'set' ? found.value : undefined);
      }
    }
    // A rotation function of the project's own: only rotation moves a secret's version stages, so
    // a statement that allows `secretsmanager:UpdateSecretVersionStage` by name on a secret counts
    // (a wildcard action does not: it says nothing about rotation).
    for (const statement of policyStatements(ctx)) {
      if (statement.effect !== 'Allow' || statement.inverted) continue;
      const stages = statement.actions.some((a) => asString(a.value)?.toLowerCase() === 'secretsmanager:updatesecretversionstage');
      if (!stages) continue;
      for (const resource of statement.resources) if (asString(resource.value) !== '*') rotate(resource.value);
    }
    // `cluster.addRotationSingleUser()` rotates the cluster's own credentials: the secret given
    // with `Credentials.fromSecret(secret)`; `addRotationMultiUser(id, { secret })` that user's.
    for (const call of ctx.calls('addRotationSingleUser', 'addRotationMultiUser')) {
      const receiver = receiverOf(ctx, call);
      if (!receiver) continue;
      if (call.arguments.length >= 2) {
        const secret = lookup(ctx.resolve(call.arguments[1]), 'secret');
        rotate(secret.state === 'set' ? secret.value : undefined);
        continue;
      }
      const db = alternatives(receiver).find((v) => v?.kind === 'new' && fqnIs(v.fqn, ...DATABASES));
      const credentials = db?.kind === 'new' ? lookup(argumentOf(ctx, db, 2), 'credentials') : undefined;
      const fromSecret = credentials?.state === 'set' && credentials.value.kind === 'call' ? credentials.value : undefined;
      rotate(fromSecret && /\.Credentials\.fromSecret$/.test(fromSecret.fqn ?? '') ? argumentOf(ctx, fromSecret, 0) : undefined);
    }
  },
  checkProject(facts, report) {
    const all = facts as Array<ProjectFact<SecretFact | RotationFact>>;
    const secrets = all.filter((f): f is ProjectFact<SecretFact> => f.data.kind === 'secret');
    const rotations = all.flatMap((f) => (f.data.kind === 'rotation' ? [f.data.targets] : []));
    for (const { file, data } of secrets) {
      if (!rotations.some((targets) => covers(targets, data, secrets.length))) report({ file, range: data.range, messageId: 'noRotation' });
    }
  },
  reportsAt: (fact) => (fact as SecretFact | RotationFact).kind === 'secret',
});

function receiverOf(ctx: RuleContext, call: ts.CallExpression): Value | undefined {
  return ts.isPropertyAccessExpression(call.expression) ? ctx.resolve(call.expression.expression) : undefined;
}

/** The secrets a rotation's target refers to: where they are created, the names they are read through, or nothing we can tell. */
function secretTargets(value: Value | undefined): ApiTargets {
  const refs: ApiRef[] = [];
  let other = false;
  const visit = (v: Value | undefined, depth: number): void => {
    if (!v || depth > 4) return;
    switch (v.kind) {
      case 'new':
        if (fqnIs(v.fqn, ...SECRETS)) refs.push({ key: keyOf(v) });
        else other = true;
        return;
      case 'attr':
        // `secret.secretArn` names the secret; `props.apiKey` is a secret handed over by that name.
        if (SECRET_NAMING_ATTRS.includes(v.name)) visit(v.target, depth + 1);
        else refs.push({ name: v.name });
        return;
      case 'typed':
        if (fqnIs(v.fqn, ...SECRET_TYPES)) {
          const ref = nameRef(v);
          if (ref) refs.push(ref);
        } else other = true;
        return;
      case 'either':
        for (const o of v.options) visit(o, depth + 1);
        return;
      case 'unknown': {
        const ref = nameRef(v);
        if (ref) refs.push(ref);
        return;
      }
      case 'call':
        // An imported secret (`Secret.fromSecretNameV2`) is not one the project creates.
        if (v.fqn) other = true;
        return;
      case 'string':
        other = true;
        return;
      default:
        return;
    }
  };
  visit(value, 0);
  return targetsOf(refs, other);
}
