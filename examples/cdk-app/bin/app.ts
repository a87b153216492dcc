#!/usr/bin/env node
import * as cdk from 'aws-cdk-lib';
import { OrdersStack } from '../lib/orders-stack';
import { ReportsStack } from '../lib/reports-stack';

const app = new cdk.App();
const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
const orders = new OrdersStack(app, 'OrdersStack', { env });
new ReportsStack(app, 'ReportsStack', { env, ordersTable: orders.table });
