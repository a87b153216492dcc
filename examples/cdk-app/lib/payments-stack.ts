import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';

/** Settings every payments function shares. */
const paymentsEnv = {
  CURRENCY: 'eur',
  // A live key in every function's configuration, readable in the console and the template.
  STRIPE_API_KEY: 'sk_live_4242424242424242424242424242',
};

export class PaymentsStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    // The partner's key is written into the template. Quick fix: SecretValue.secretsManager(...)
    const partnerKey = new secretsmanager.Secret(this, 'PartnerApiKey', {
      secretStringValue: cdk.SecretValue.unsafePlainText('Pk7Qw2Er9Ty4Ui1Op6As3Df8'),
    });

    const charge = new lambda.Function(this, 'Charge', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda/payments'),
      environment: {
        ...paymentsEnv,
        // Written into the function's configuration. Quick fix: move it to a Secrets Manager secret.
        LEDGER_DB_PASSWORD: 'Vb4Nq8Zr2Tx6Lm9Kc3Wd',
        // Fine: the function gets the secret's ARN and reads the value at runtime.
        PARTNER_KEY_ARN: partnerKey.secretArn,
      },
    });
    partnerKey.grantRead(charge);

    // Resolved at deployment and stored in the function's configuration in plain text.
    charge.addEnvironment('PARTNER_API_KEY', partnerKey.secretValue.unsafeUnwrap());
  }
}
