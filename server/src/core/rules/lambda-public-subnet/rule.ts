import * as ts from 'typescript';
import { createRule } from '../../rule';
import { LAMBDA_L2_FUNCTIONS } from '../../cdk/constructs';
import { FixBuilder, isRef, isTrue, propertyRule } from '../../cdk/propertyChecks';
import { importSymbol, isCdkV1 } from '../../fixes/imports';
import { replaceNode } from '../../fixes/edits';
import { removeProperty, setPropertyValue } from '../../fixes/props';
import { lookup } from '../../model/lookup';
import type { Value } from '../../model/values';
import type { TextEdit } from '../../types';

const isPublicSubnets = (v: Value) => v.kind === 'attr' && v.name === 'publicSubnets';

/**
 * One fix for every finding on a function: public subnets become private subnets with egress
 * (`SubnetType.PRIVATE_WITH_EGRESS`, `vpc.privateSubnets`; `PRIVATE_WITH_NAT` in CDK v1), and
 * `allowPublicSubnet: true` goes. Not preferred: the function then needs a NAT gateway (or VPC
 * endpoints) to reach the internet and AWS APIs.
 */
const movePrivate: FixBuilder = (ctx, site) => {
  const edits: TextEdit[] = [];
  const subnetType = lookup(site.props, 'vpcSubnets', 'subnetType');
  const subnets = lookup(site.props, 'vpcSubnets', 'subnets');
  const allow = lookup(site.props, 'allowPublicSubnet');
  if (subnetType.state === 'set' && isRef('aws-ec2.SubnetType.PUBLIC')(subnetType.value)) {
    const type = importSymbol(ctx.file, 'aws-cdk-lib/aws-ec2', 'SubnetType');
    const edit = setPropertyValue(ctx, subnetType.entry, `${type.text}.${isCdkV1(ctx.file) ? 'PRIVATE_WITH_NAT' : 'PRIVATE_WITH_EGRESS'}`);
    if (!edit) return [];
    edits.push(...type.edits, edit);
  }
  if (subnets.state === 'set' && isPublicSubnets(subnets.value)) {
    const node = subnets.value.node;
    if (subnets.value.file !== ctx.file || !ts.isPropertyAccessExpression(node)) return [];
    edits.push(replaceNode(ctx.file, node.name, 'privateSubnets'));
  }
  if (allow.state === 'set' && isTrue(allow.value)) {
    const edit = removeProperty(ctx, allow.entry);
    if (!edit) return [];
    edits.push(edit);
  }
  return edits.length ? [{ title: 'Move the function to private subnets with egress', edits, isPreferred: false }] : [];
};

export default createRule({
  meta: {
    id: 'lambda-public-subnet',
    title: 'Lambda function in a public subnet',
    description:
      'A function placed in public subnets gets no public IP, so it cannot reach the internet there, and it shares subnets meant for internet-facing load balancers. Put functions in private subnets.',
    defaultSeverity: 'warning',
    category: 'network',
    cwe: ['CWE-668'],
    guideSection: 'network-security.md#lambda-in-a-vpc',
    fixable: true,
    appliesTo: 'cdk',
    messages: {
      subnetType: 'This function is placed in public subnets. Use SubnetType.PRIVATE_WITH_EGRESS (or PRIVATE_ISOLATED with VPC endpoints).',
      allowPublic: 'allowPublicSubnet: true lets this function run in public subnets. Place it in private subnets and remove the flag.',
    },
  },
  check: propertyRule(
    {
      constructs: LAMBDA_L2_FUNCTIONS,
      path: 'vpcSubnets.subnetType',
      whenValue: { is: isRef('aws-ec2.SubnetType.PUBLIC'), messageId: 'subnetType', fixes: movePrivate },
    },
    {
      constructs: LAMBDA_L2_FUNCTIONS,
      path: 'vpcSubnets.subnets',
      whenValue: { is: isPublicSubnets, messageId: 'subnetType', fixes: movePrivate },
    },
    { constructs: LAMBDA_L2_FUNCTIONS, path: 'allowPublicSubnet', whenValue: { is: isTrue, messageId: 'allowPublic', fixes: movePrivate } },
  ),
});
