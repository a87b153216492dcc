#!/usr/bin/env node
import * as cdk from 'aws-cdk-lib';
import { CheckoutStack } from '../lib/checkout-stack';

const app = new cdk.App();
new CheckoutStack(app, 'Checkout');
