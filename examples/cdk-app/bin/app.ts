#!/usr/bin/env node
import * as cdk from 'aws-cdk-lib';
import { ApiStack } from '../lib/api-stack';
import { LegacyStack } from '../lib/legacy-stack';
import { TemplatePortStack } from '../lib/template-port-stack';
import { AssistantStack } from '../lib/assistant-stack';
import { HttpApiStack } from '../lib/http-api-stack';
import { NetworkStack } from '../lib/network-stack';
import { OrdersStack } from '../lib/orders-stack';
import { PaymentsStack } from '../lib/payments-stack';
import { ReportsStack } from '../lib/reports-stack';
import { SharingStack } from '../lib/sharing-stack';
import { StorageStack } from '../lib/storage-stack';
import { SupportStack } from '../lib/support-stack';

const app = new cdk.App();
const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
const orders = new OrdersStack(app, 'OrdersStack', { env });
new ReportsStack(app, 'ReportsStack', { env, ordersTable: orders.table });
new ApiStack(app, 'ApiStack', { env, ordersTable: orders.table });
new PaymentsStack(app, 'PaymentsStack', { env });
new StorageStack(app, 'StorageStack', { env });
new NetworkStack(app, 'NetworkStack', { env });
new SupportStack(app, 'SupportStack', { env });
new LegacyStack(app, 'LegacyStack', { env });
new TemplatePortStack(app, 'TemplatePortStack', { env });
new AssistantStack(app, 'AssistantStack', { env });
new SharingStack(app, 'SharingStack', { env });
new HttpApiStack(app, 'HttpApiStack', { env });
