import * as ts from 'typescript';
import { LAMBDA_L2_FUNCTIONS } from '../cdk/constructs';
import type { Resolver } from '../model/resolver';
import { asString, fqnIs, instanceFqn, PropEntry, propValue, Value } from '../model/values';
import type { RuleContext } from '../rule';
import { compilePatterns, isPlaceholder, isPlainSetting, isPublicKey, isReference } from './allowList';
import { CredentialFormat, findCredential, formatsIn } from './credentials';
import { looksSecret, wordsFrom } from './names';

/**
 * Where a CDK app puts values the secrets rules judge: Lambda environment entries (function
 * props and `addEnvironment`) and `SecretValue.unsafePlainText(...)` arguments. One model for
 * `secret-in-env`, `secret-plaintext-value`, and `hardcoded-secret` (which leaves the literals
 * the other two report to them, so one mistake is one finding).
 */

export interface EnvSite {
  /** The variable's name. */
  key: string;
  value: Value;
  /** The function construct (`new lambda.Function(...)`) or the `fn.addEnvironment(...)` call. */
  owner: ts.NewExpression | ts.CallExpression;
  /** The property that sets the entry, for entries of an `environment` object. */
  entry?: PropEntry;
  /** Credential formats among the other values of the same environment. */
  nearby: Set<string>;
}

export type EnvProblem =
  { kind: 'format'; format: CredentialFormat; preview: string } | { kind: 'name'; preview: string } | { kind: 'unwrap' };

export interface PlaintextSite {
  /** `SecretValue.unsafePlainText(...)` / `SecretValue.plainText(...)`. */
  call: ts.CallExpression;
  /** The argument, resolved to its text. */
  value: Value & { kind: 'string' };
}

export const PLAINTEXT_METHODS = ['aws-cdk-lib.SecretValue.unsafePlainText', 'aws-cdk-lib.SecretValue.plainText'];

/** Per analysis pass (one resolver) and file: the three rules ask for the same sites. */
function perFile<T>(collect: (ctx: RuleContext) => T): (ctx: RuleContext) => T {
  const cache = new WeakMap<Resolver, Map<string, T>>();
  return (ctx) => {
    let files = cache.get(ctx.resolver);
    if (!files) cache.set(ctx.resolver, (files = new Map()));
    if (!files.has(ctx.file.path)) files.set(ctx.file.path, collect(ctx));
    return files.get(ctx.file.path)!;
  };
}

export const environmentSites = perFile(collectEnvironment);

function collectEnvironment(ctx: RuleContext): EnvSite[] {
  const sites: EnvSite[] = [];
  const fromObject = (owner: ts.NewExpression, env: Value | undefined) => {
    if (!env || env.kind !== 'object') return;
    const group: EnvSite[] = [];
    for (const [key, entry] of env.props) group.push({ key, value: entry.value, owner, entry, nearby: new Set() });
    linkNearby(group);
    sites.push(...group);
  };
  for (const fn of ctx.newExpressions(...LAMBDA_L2_FUNCTIONS)) fromObject(fn, propValue(ctx.constructProps(fn), 'environment'));
  for (const fn of ctx.newExpressions('aws-lambda.CfnFunction')) {
    fromObject(fn, propValue(propValue(ctx.constructProps(fn), 'environment'), 'variables'));
  }

  const added: EnvSite[] = [];
  for (const call of ctx.calls('addEnvironment')) {
    if (!ts.isPropertyAccessExpression(call.expression) || call.arguments.length < 2) continue;
    if (!mayBeFunction(ctx.resolve(call.expression.expression))) continue;
    const key = asString(ctx.resolve(call.arguments[0]));
    if (key === undefined) continue;
    added.push({ key, value: ctx.resolve(call.arguments[1]), owner: call, nearby: new Set() });
  }
  linkNearby(added);
  sites.push(...added);
  return sites;
}

/**
 * A known Lambda function, or a value of unknown class (`props.handler`, a field typed with a
 * project class). Not something known to be else: an ECS container (`new ContainerDefinition`,
 * `taskDefinition.addContainer(...)`) or an Amplify app has `addEnvironment` too.
 */
function mayBeFunction(receiver: Value): boolean {
  const fqn = instanceFqn(receiver);
  if (fqn) return fqnIs(fqn, ...LAMBDA_L2_FUNCTIONS);
  return receiver.kind !== 'call';
}

/** Each site learns the credential formats of the others in its group. */
function linkNearby(group: EnvSite[]): void {
  const found = group.map((s) => (s.value.kind === 'string' ? formatsIn(s.value.value) : []));
  group.forEach((site, i) => {
    found.forEach((ids, j) => {
      if (j !== i) for (const id of ids) site.nearby.add(id);
    });
  });
}

/** What is wrong with an environment entry, if anything. */
export function envProblem(ctx: RuleContext, site: EnvSite): EnvProblem | undefined {
  // Settings of Powertools and of the Parameters and Secrets Lambda Extension.
  if (/^(POWERTOOLS_|PARAMETERS_SECRETS_EXTENSION_|SECRETS_MANAGER_(TTL|TIMEOUT_MILLIS)$)/i.test(site.key)) return undefined;
  const value = site.value;
  if (isUnwrap(value) || (value.kind === 'template' && value.parts.some((p) => typeof p !== 'string' && isUnwrap(p)))) {
    return { kind: 'unwrap' };
  }
  if (value.kind !== 'string') return undefined;
  const text = value.value.trim();
  if (text === '') return undefined;
  const placeholders = compilePatterns(ctx.config.placeholderPatterns);
  const credential = findCredential(value.value, { nearby: site.nearby, placeholderPatterns: placeholders });
  if (credential) return { kind: 'format', format: credential.format, preview: ctx.secret(credential.text) };
  if (!looksSecret(site.key, wordsFrom(ctx.config))) return undefined;
  if (isPlaceholder(text, placeholders) || isReference(text) || isPlainSetting(text) || isPublicKey(text)) return undefined;
  return { kind: 'name', preview: ctx.secret(text) };
}

/** `secret.secretValue.unsafeUnwrap()`, `secret.secretValueFromJson('password').unsafeUnwrap()`. */
function isUnwrap(value: Value): boolean {
  return value.kind === 'call' && value.name === 'unsafeUnwrap' && value.expr.arguments.length === 0;
}

export const plaintextSites = perFile(collectPlaintext);

function collectPlaintext(ctx: RuleContext): PlaintextSite[] {
  const placeholders = compilePatterns(ctx.config.placeholderPatterns);
  const sites: PlaintextSite[] = [];
  for (const call of ctx.staticCalls(...PLAINTEXT_METHODS)) {
    const arg = call.arguments[0];
    if (!arg) continue;
    const value = ctx.resolve(arg);
    // Tokens (`secret.secretArn`, a parameter) and built strings with tokens in them are not text.
    if (value.kind !== 'string' || value.value.trim() === '' || isPlaceholder(value.value.trim(), placeholders)) continue;
    sites.push({ call, value });
  }
  return sites;
}
