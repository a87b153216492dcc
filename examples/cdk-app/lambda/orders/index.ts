import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

const client = new DynamoDBClient({});

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const order = JSON.parse(event.body ?? '{}');
  await client.send(
    new PutItemCommand({
      TableName: process.env.TABLE_NAME,
      Item: { orderId: { S: String(order.orderId) }, amount: { N: String(order.amount) } },
    }),
  );
  return { statusCode: 201, body: JSON.stringify({ orderId: order.orderId }) };
};

export const refund = async (event: { orderId: string }) => {
  console.log('refunding order', event.orderId);
  return { refunded: event.orderId };
};
