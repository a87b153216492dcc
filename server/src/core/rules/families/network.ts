import type { Rule } from '../../rule';
import sgAllowAllOutbound from '../sg-allow-all-outbound/rule';
import sgOpenIngress from '../sg-open-ingress/rule';
import lambdaPublicSubnet from '../lambda-public-subnet/rule';
import trailSingleRegion from '../trail-single-region/rule';
import trailIncomplete from '../trail-incomplete/rule';

/** Network (CDK), in catalog order. */
export const networkRules: Rule[] = [sgAllowAllOutbound, sgOpenIngress, lambdaPublicSubnet, trailSingleRegion, trailIncomplete];
