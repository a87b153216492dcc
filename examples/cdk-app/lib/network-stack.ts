import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';

/** The VPC, security groups, database and audit trail of the orders service. */
export class NetworkStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });

    // sg-allow-all-outbound: allowAllOutbound defaults to true.
    const bastionSg = new ec2.SecurityGroup(this, 'BastionSg', { vpc, description: 'Bastion host' });

    // sg-open-ingress: SSH from the whole internet.
    bastionSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.SSH, 'SSH for on-call');

    // Fine: the load balancer's group admits HTTPS from anywhere and sends only to the app.
    const appSg = new ec2.SecurityGroup(this, 'AppSg', { vpc, allowAllOutbound: false });
    const albSg = new ec2.SecurityGroup(this, 'AlbSg', { vpc, allowAllOutbound: false });
    albSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS');
    albSg.connections.allowTo(appSg, ec2.Port.tcp(8080), 'to the app');

    const db = new rds.DatabaseInstance(this, 'OrdersDb', {
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
    });
    // Fine: only the app's security group reaches the database.
    db.connections.allowDefaultPortFrom(appSg, 'app to database');
    // sg-open-ingress: "temporary" access for a reporting tool.
    db.connections.allowDefaultPortFromAnyIpv4('reporting tool');

    // lambda-public-subnet: public subnets, confirmed with allowPublicSubnet.
    new lambda.Function(this, 'PartnerSync', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda/orders'),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      allowPublicSubnet: true,
      logGroup: logs.LogGroup.fromLogGroupName(this, 'PartnerSyncLogs', '/orders/partner-sync'),
    });

    // trail-single-region (preferred quick fix: remove the flag).
    new cloudtrail.Trail(this, 'AuditTrail', { isMultiRegionTrail: false, includeGlobalServiceEvents: true });
  }
}
