import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

// Hover `process.env.X`, `JSON.parse(event.body)`, `console.log` and the Secrets Manager calls.
const dynamo = new DynamoDBClient({});
const secrets = new SecretsManagerClient({});
let paymentKey: string | undefined;

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  console.log('checkout request', event);
  const order = JSON.parse(event.body ?? '{}');
  if (paymentKey === undefined) {
    const secret = await secrets.send(new GetSecretValueCommand({ SecretId: process.env.PAYMENT_SECRET_ARN }));
    paymentKey = secret.SecretString;
  }
  await dynamo.send(
    new PutItemCommand({
      TableName: process.env.ORDERS_TABLE,
      Item: { orderId: { S: String(order.orderId) } },
    }),
  );
  return { statusCode: 201, body: JSON.stringify({ orderId: order.orderId }) };
};

export const refund = async (event: { orderId: string }) => {
  const response = await fetch('https://refunds.example/v1/refunds', {
    method: 'POST',
    headers: { Authorization: `Bearer ${process.env.REFUND_PROVIDER_API_KEY}` },
    body: JSON.stringify({ orderId: event.orderId }),
  });
  console.log('refund requested', { orderId: event.orderId, status: response.status });
  return { refunded: response.ok };
};
