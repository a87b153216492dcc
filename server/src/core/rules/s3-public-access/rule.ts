import * as ts from 'typescript';
import { createRule } from '../../rule';
import { BLOCK_PUBLIC_ACCESS_FLAGS, PUBLIC_BUCKET_ACLS } from '../../cdk/knowledge';
import {
  argumentOf,
  constructSites,
  ConstructSite,
  deleteProperty,
  FixBuilder,
  isFalse,
  isRef,
  isTrue,
  propertyRule,
} from '../../cdk/propertyChecks';
import { importSymbol } from '../../fixes/imports';
import { enclosingStatement, removeStatement, replaceNode } from '../../fixes/edits';
import { addConstructProperty, removeProperty, setPropertyValue } from '../../fixes/props';
import { lookup, Lookup, valueIfSet } from '../../model/lookup';
import { asString, fqnIs, instanceFqn, PropEntry, Value } from '../../model/values';
import type { RuleContext } from '../../rule';
import { sameRange, type Fix, type TextEdit } from '../../types';

const BUCKET = ['aws-s3.Bucket'];
const BUCKET_INSTANCES = ['aws-s3.Bucket', 'aws-s3.IBucket', 'aws-s3.BucketBase'];
const PUBLIC_ACLS = PUBLIC_BUCKET_ACLS.map((m) => `aws-s3.BucketAccessControl.${m}`);

const CFN_BUCKET = ['aws-s3.CfnBucket'];
/** The same canned ACLs in CloudFormation's spelling: `PUBLIC_READ` → `PublicRead`. */
const PUBLIC_CFN_ACLS = PUBLIC_BUCKET_ACLS.map((m) => m.toLowerCase().replace(/(?:^|_)([a-z])/g, (_, c: string) => c.toUpperCase()));

const isPublicAcl = isRef(...PUBLIC_ACLS);
/** Not preferred: anonymous readers lose access. Without a canned ACL the bucket is private. */
const removeAcl = deleteProperty({ title: 'Remove the public canned ACL', isPreferred: false });
const isPublicRead = isTrue;

/**
 * One fix for every finding on a bucket: `blockPublicAccess: BlockPublicAccess.BLOCK_ALL`, and
 * the `publicReadAccess: true` and public `accessControl` that would contradict it go. Not
 * preferred: whoever reads the bucket anonymously today (a website, public downloads) loses
 * access; serve such content through CloudFront with origin access control instead.
 */
const blockAll: FixBuilder = (ctx, site) => {
  const block = lookup(site.props, 'blockPublicAccess');
  if (block.state === 'unknown') return [];
  const contradicting: PropEntry[] = [];
  for (const [path, is] of [
    ['publicReadAccess', isPublicRead],
    ['accessControl', isPublicAcl],
  ] as const) {
    const found = lookup(site.props, path);
    if (found.state === 'set' && is(found.value)) contradicting.push(found.entry);
  }
  const all = importSymbol(ctx.file, 'aws-cdk-lib/aws-s3', 'BlockPublicAccess');
  const code = `${all.text}.BLOCK_ALL`;
  let removals = contradicting;
  let edit: TextEdit | undefined;
  if (block.entry) {
    edit = setPropertyValue(ctx, block.entry, code);
  } else if (contradicting[0]?.file === ctx.file) {
    // The first contradicting property becomes the block (an insertion beside a removal would overlap).
    edit = replaceNode(ctx.file, contradicting[0].node, `blockPublicAccess: ${code}`);
    removals = contradicting.slice(1);
  } else {
    edit = addConstructProperty(ctx, site.expr, `blockPublicAccess: ${code}`);
  }
  const edits = [edit, ...removals.map((entry) => removeProperty(ctx, entry))];
  if (edits.some((e) => !e)) return [];
  return [
    { title: 'Block all public access (BlockPublicAccess.BLOCK_ALL)', edits: [...all.edits, ...(edits as TextEdit[])], isPreferred: false },
  ];
};

const propertyChecks = propertyRule(
  { constructs: BUCKET, path: 'publicReadAccess', whenValue: { is: isPublicRead, messageId: 'publicRead', fixes: blockAll } },
  {
    constructs: BUCKET,
    path: 'blockPublicAccess',
    whenValue: { is: isRef('aws-s3.BlockPublicAccess.BLOCK_ACLS_ONLY'), messageId: 'aclsOnly', fixes: blockAll },
  },
  { constructs: BUCKET, path: 'accessControl', whenValue: { is: isPublicAcl, messageId: 'publicAcl', fixes: blockAll } },
);

interface FlagOff {
  flag: string;
  found: Extract<Lookup, { state: 'set' }>;
}

/** The flags of a public access block's options written `false` (an omitted flag is not judged). */
function flagsOff(options: Value | undefined): FlagOff[] {
  return BLOCK_PUBLIC_ACCESS_FLAGS.flatMap((flag) => {
    const found = lookup(options, flag);
    return found.state === 'set' && isFalse(found.value) ? [{ flag, found }] : [];
  });
}

/** One finding per bucket, at the first flag turned off; the other flags are its related locations. */
function reportFlagsOff(ctx: RuleContext, off: FlagOff[], messageId: 'flagOff' | 'flagOffL1', fixes: Fix[]): void {
  const [first, ...others] = off;
  if (!first) return;
  // Flags written in another file all show at the use, which the declaration link already covers.
  const at = ctx.locate(first.found.value);
  const elsewhere = others.filter(({ found }) => !sameRange(ctx.locate(found.value).range, at.range));
  ctx.report({
    at: first.found.value,
    messageId,
    data: { flag: first.flag },
    related: elsewhere.map(({ flag, found }) => ({ at: found.value, message: `${flag}: false also weakens the block` })),
    fixes,
  });
}

/**
 * `blockPublicAccess: new BlockPublicAccess({ blockPublicPolicy: false, ... })`, or the same
 * options as an object literal (the class is a plain struct of four flags).
 */
function checkBlockFlags(ctx: RuleContext, site: ConstructSite): void {
  const block = lookup(site.props, 'blockPublicAccess');
  if (block.state !== 'set') return;
  let options: Value | undefined;
  if (block.value.kind === 'new' && fqnIs(block.value.fqn, 'aws-s3.BlockPublicAccess')) options = argumentOf(ctx, block.value, 0);
  else if (block.value.kind === 'object') options = block.value;
  else return;
  const off = flagsOff(options);
  if (off.length) reportFlagsOff(ctx, off, 'flagOff', blockAll(ctx, site, block, 'blockPublicAccess'));
}

/**
 * A `CfnBucket`: `publicAccessBlockConfiguration` with flags written `false`, and a public
 * canned ACL (`accessControl: 'PublicRead'`). No configuration at all is not judged: the bucket
 * then follows the account's block and S3's default for new buckets (every flag on, since 2023).
 */
function checkCfnBucket(ctx: RuleContext, site: ConstructSite): void {
  const off = flagsOff(valueIfSet(site.props, 'publicAccessBlockConfiguration'));
  reportFlagsOff(ctx, off, 'flagOffL1', turnFlagsOn(ctx, off));
  const acl = lookup(site.props, 'accessControl');
  if (acl.state === 'set' && PUBLIC_CFN_ACLS.includes(asString(acl.value) ?? '')) {
    ctx.report({ at: acl.value, messageId: 'publicAcl', fixes: removeAcl(ctx, site, acl, 'accessControl') });
  }
}

/** Not preferred (anonymous readers lose access): every flag turned off is turned back on. */
function turnFlagsOn(ctx: RuleContext, off: FlagOff[]): Fix[] {
  const edits = off.map(({ found }) => setPropertyValue(ctx, found.entry, 'true'));
  if (!edits.length || edits.some((e) => !e)) return [];
  return [{ title: 'Turn every public access block flag on', edits: edits as TextEdit[], isPreferred: false }];
}

/** `bucket.grantPublicAccess()`, `bucket.grants.publicAccess()`, `BucketGrants.fromBucket(b).publicAccess()`. */
function checkPublicGrants(ctx: RuleContext): void {
  const isBucket = (v: Value) => fqnIs(instanceFqn(v), ...BUCKET_INSTANCES);
  for (const call of ctx.calls('grantPublicAccess', 'publicAccess')) {
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee)) continue;
    const receiver = ctx.resolve(callee.expression);
    const viaGrants = callee.name.text === 'publicAccess';
    const ok = viaGrants
      ? (receiver.kind === 'attr' && receiver.name === 'grants' && isBucket(receiver.target)) ||
        fqnIs(instanceFqn(receiver), 'aws-s3.BucketGrants')
      : isBucket(receiver);
    if (ok) ctx.report({ at: call, messageId: 'grant', fixes: removeGrant(ctx, call) });
  }
}

/** Not preferred: anonymous readers lose access. Only a call that is a statement of its own. */
function removeGrant(ctx: RuleContext, call: ts.CallExpression): Fix[] {
  const statement = enclosingStatement(call);
  if (!statement || !ts.isExpressionStatement(statement) || statement.expression !== call) return [];
  return [{ title: 'Remove the public grant', edits: [removeStatement(ctx.file, statement)], isPreferred: false }];
}

export default createRule({
  meta: {
    id: 's3-public-access',
    title: 'S3 bucket open to the public',
    description:
      'A bucket made readable by anyone (`publicReadAccess`, `grantPublicAccess()`, a public canned ACL), or whose public access block is weakened, can expose every object in it to the internet.',
    defaultSeverity: 'error',
    category: 'data',
    cwe: ['CWE-200', 'CWE-284'],
    guideSection: 'data-protection.md#blocking-public-access',
    fixable: true,
    appliesTo: 'cdk',
    cdkNag: ['AwsSolutions-S2'],
    messages: {
      publicRead:
        'publicReadAccess: true lets anyone on the internet read every object in this bucket. Serve public content through CloudFront with origin access control, and block public access.',
      aclsOnly: 'BLOCK_ACLS_ONLY leaves public bucket policies allowed. Use BlockPublicAccess.BLOCK_ALL (the default).',
      flagOff: '{{flag}}: false weakens the public access block of this bucket. Leave every flag on (BlockPublicAccess.BLOCK_ALL).',
      flagOffL1:
        '{{flag}}: false weakens the public access block of this bucket. Set every flag of publicAccessBlockConfiguration to true.',
      publicAcl:
        'This canned ACL grants read access to everyone (or to every AWS account). Remove it: ACLs are disabled by default, and access belongs in grants and bucket policies.',
      grant:
        'This makes the bucket readable by anyone on the internet. Serve public content through CloudFront with origin access control instead.',
    },
  },
  check(ctx) {
    propertyChecks(ctx);
    for (const site of constructSites(ctx, BUCKET)) checkBlockFlags(ctx, site);
    for (const site of constructSites(ctx, CFN_BUCKET)) checkCfnBucket(ctx, site);
    checkPublicGrants(ctx);
  },
});
