import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { execSync } from 'node:child_process';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

// Every handler rule has something to say about this file.

const ddb = new DynamoDBClient({});
const secrets = new SecretsManagerClient({});

// handler-env-secret: the mail API token lives in the function's environment.
const mailHeaders = { Authorization: `Bearer ${process.env.MAIL_API_TOKEN}` };

export const main = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  // handler-logs-sensitive: the whole event, with the caller's Authorization header.
  console.log('ticket request', JSON.stringify(event));

  const webhook = await secrets.send(new GetSecretValueCommand({ SecretId: process.env.WEBHOOK_SECRET_ARN }));
  // handler-logs-sensitive: a secret fetched from Secrets Manager.
  console.log('webhook config', webhook.SecretString);

  // handler-unvalidated-input: the body is parsed, read and stored without a schema.
  const ticket = JSON.parse(event.body ?? '{}');
  try {
    await ddb.send(
      new PutItemCommand({
        TableName: process.env.TABLE_NAME,
        Item: { ticketId: { S: ticket.id }, subject: { S: ticket.subject } },
      }),
    );
    // handler-injection: the attachment name goes into a shell command.
    execSync(`zip /tmp/${ticket.id}.zip /tmp/attachments/${ticket.attachment}`);
    await fetch('https://mail.example.com/send', {
      method: 'POST',
      headers: mailHeaders,
      body: JSON.stringify({ to: ticket.email, subject: ticket.subject }),
    });
  } catch (err) {
    // handler-error-leak: the stack trace goes back to the caller.
    return { statusCode: 500, body: JSON.stringify({ error: (err as Error).stack }) };
  }

  // handler-unsanitized-html: the subject is echoed into an HTML page.
  return {
    statusCode: 201,
    headers: { 'Content-Type': 'text/html' },
    body: `<p>Ticket created: ${ticket.subject}</p>`,
  };
};
