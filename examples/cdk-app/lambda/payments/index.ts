import { createHmac, timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

// The webhook signing secret ships in the code and in the deployed bundle.
const webhookSigningSecret = 'Wh7kL2mQ8vX5nB3tY9pD4sF6';

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const signature = event.headers['x-signature'] ?? '';
  const expected = createHmac('sha256', webhookSigningSecret).update(event.body ?? '').digest('hex');
  const valid = signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
  return { statusCode: valid ? 200 : 401, body: valid ? 'ok' : 'invalid signature' };
};
