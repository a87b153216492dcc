import { fqnIs } from '../../model/values';
import type { CallNote, ConstructNote } from '../types';
import { ADD_METHOD, HTTP_API, HTTP_ROUTE, REST_API } from './apigw';
import { BUCKET, KEY, QUEUE, SECRET, TABLE, TOPIC } from './data';
import { POLICY_STATEMENT_NOTE, ROLE } from './iam';
import { FUNCTION } from './lambda';
import { LOG_GROUP, TRAIL } from './monitoring';
import { SECURITY_GROUP } from './network';

/** Every construct hover knows, and the method calls whose options it explains. */
export const CONSTRUCT_NOTES: ConstructNote[] = [
  FUNCTION,
  POLICY_STATEMENT_NOTE,
  ROLE,
  BUCKET,
  TABLE,
  QUEUE,
  TOPIC,
  KEY,
  SECRET,
  REST_API,
  HTTP_API,
  HTTP_ROUTE,
  SECURITY_GROUP,
  LOG_GROUP,
  TRAIL,
];

export const CALL_NOTES: CallNote[] = [ADD_METHOD];

export function constructNote(fqn: string | undefined): ConstructNote | undefined {
  return fqn ? CONSTRUCT_NOTES.find((n) => fqnIs(fqn, ...n.classes)) : undefined;
}

export function callNote(method: string): CallNote | undefined {
  return CALL_NOTES.find((n) => n.method === method);
}
