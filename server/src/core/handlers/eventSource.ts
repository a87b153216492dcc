import * as ts from 'typescript';
import { skipOuter } from '../model/scope';
import { someNode } from '../model/walk';

/**
 * What kind of event a handler receives, so that a message says only what is true of it (an SQS
 * record has no Authorization header): from the first parameter's type (`APIGatewayProxyEvent`,
 * `SNSEvent`) or, in JavaScript, from the fields the handler reads of it (`event.headers`,
 * `event.Records`). `undefined` when neither says.
 */
export type EventSource = 'http' | 'websocket' | 'other';

const HTTP_TYPES = /APIGateway|ALBEvent|LambdaFunctionURL|FunctionUrl/;
const OTHER_TYPES =
  /SQS|SNS|EventBridge|ScheduledEvent|CloudFormationCustomResource|CdkCustomResource|DynamoDBStream|Kinesis|S3Event|S3Notification|Cognito|SES|CloudWatchLogs|Firehose|CodePipeline|StepFunction|IoT/;
const HTTP_FIELDS = new Set([
  'headers',
  'body',
  'httpMethod',
  'queryStringParameters',
  'pathParameters',
  'rawPath',
  'cookies',
  'multiValueHeaders',
]);
const WEBSOCKET_CONTEXT = new Set(['connectionId', 'routeKey', 'eventType']);
const OTHER_FIELDS = new Set(['Records', 'detail', 'detail-type', 'RequestType', 'ResourceProperties', 'Sns', 'ResponseURL']);

export function eventSourceOf(fn: ts.FunctionLikeDeclaration): EventSource | undefined {
  const param = fn.parameters[0];
  if (!param) return undefined;
  const type = param.type?.getText();
  if (type && /APIGatewayProxyWebsocket|WebSocket/i.test(type)) return 'websocket';
  if (type && HTTP_TYPES.test(type)) return 'http';
  if (type && OTHER_TYPES.test(type)) return 'other';
  if (!ts.isIdentifier(param.name) || !fn.body) return undefined;
  const name = param.name.text;
  let http = false;
  let websocket = false;
  let other = false;
  someNode(fn.body, (node) => {
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const target = skipOuter(node.expression);
      const field = ts.isPropertyAccessExpression(node)
        ? node.name.text
        : ts.isStringLiteralLike(node.argumentExpression)
          ? node.argumentExpression.text
          : undefined;
      if (ts.isIdentifier(target) && target.text === name && field !== undefined) {
        if (HTTP_FIELDS.has(field)) http = true;
        if (OTHER_FIELDS.has(field)) other = true;
      }
      // `event.requestContext.connectionId`
      if (
        field !== undefined &&
        WEBSOCKET_CONTEXT.has(field) &&
        ts.isPropertyAccessExpression(target) &&
        target.name.text === 'requestContext' &&
        ts.isIdentifier(skipOuter(target.expression)) &&
        (skipOuter(target.expression) as ts.Identifier).text === name
      ) {
        websocket = true;
      }
    }
  });
  return websocket ? 'websocket' : http ? 'http' : other ? 'other' : undefined;
}
