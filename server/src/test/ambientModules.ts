/**
 * Just enough of the runtime packages that handler code, fixes and examples import and this
 * project does not install (zod, the AWS SDK for JavaScript v3, DOMPurify, Stripe, pg, he,
 * Powertools), to type-check that code with their real shapes: each declaration follows the
 * package's public API; anything no checked code uses is left out. `typeCheck.ts` adds the
 * declaration of a package only when the package is not installed.
 */
export const AMBIENT_MODULES: Record<string, string> = {
  zod: `
  interface ZodIssue { path: Array<string | number>; message: string; code: string }
  interface ZodError { issues: ZodIssue[] }
  type SafeParseReturnType<T> = { success: true; data: T } | { success: false; error: ZodError };
  interface ZodType<T> {
    parse(data: unknown): T;
    safeParse(data: unknown): SafeParseReturnType<T>;
    optional(): ZodType<T | undefined>;
  }
  interface ZodString extends ZodType<string> {
    min(length: number): ZodString;
    max(length: number): ZodString;
    email(): ZodString;
    uuid(): ZodString;
    regex(pattern: RegExp): ZodString;
    trim(): ZodString;
  }
  interface ZodNumber extends ZodType<number> {
    int(): ZodNumber;
    min(value: number): ZodNumber;
    max(value: number): ZodNumber;
    positive(): ZodNumber;
  }
  type ZodRawShape = Record<string, ZodType<unknown>>;
  type Output<S extends ZodRawShape> = { [K in keyof S]: S[K] extends ZodType<infer T> ? T : never };
  interface ZodObject<S extends ZodRawShape> extends ZodType<Output<S>> {
    strict(): ZodObject<S>;
  }
  export const z: {
    string(): ZodString;
    number(): ZodNumber;
    boolean(): ZodType<boolean>;
    unknown(): ZodType<unknown>;
    any(): ZodType<any>;
    object<S extends ZodRawShape>(shape: S): ZodObject<S>;
    array<T>(item: ZodType<T>): ZodType<T[]>;
  };
  export namespace z {
    type infer<T> = T extends ZodType<infer U> ? U : never;
  }`,

  '@aws-sdk/client-secrets-manager': `
  export interface SecretsManagerClientConfig { region?: string; maxAttempts?: number }
  export interface GetSecretValueCommandInput { SecretId: string | undefined; VersionId?: string; VersionStage?: string }
  export interface GetSecretValueCommandOutput { ARN?: string; Name?: string; VersionId?: string; SecretString?: string; SecretBinary?: Uint8Array }
  export class GetSecretValueCommand {
    constructor(input: GetSecretValueCommandInput);
    readonly input: GetSecretValueCommandInput;
  }
  export class SecretsManagerClient {
    constructor(config?: SecretsManagerClientConfig);
    send(command: GetSecretValueCommand): Promise<GetSecretValueCommandOutput>;
    destroy(): void;
  }`,

  '@aws-sdk/client-dynamodb': `
  export type AttributeValue = { S: string } | { N: string } | { BOOL: boolean } | { NULL: boolean } | { SS: string[] } | { NS: string[] } | { L: AttributeValue[] } | { M: Record<string, AttributeValue> };
  export interface PutItemCommandInput { TableName: string | undefined; Item: Record<string, AttributeValue> | undefined; ConditionExpression?: string }
  export interface PutItemCommandOutput { Attributes?: Record<string, AttributeValue> }
  export interface GetItemCommandInput { TableName: string | undefined; Key: Record<string, AttributeValue> | undefined; ConsistentRead?: boolean }
  export interface GetItemCommandOutput { Item?: Record<string, AttributeValue> }
  export class PutItemCommand {
    constructor(input: PutItemCommandInput);
    readonly input: PutItemCommandInput;
  }
  export class GetItemCommand {
    constructor(input: GetItemCommandInput);
    readonly input: GetItemCommandInput;
  }
  export class DynamoDBClient {
    constructor(config?: { region?: string; maxAttempts?: number });
    send(command: PutItemCommand): Promise<PutItemCommandOutput>;
    send(command: GetItemCommand): Promise<GetItemCommandOutput>;
    destroy(): void;
  }`,

  '@aws-sdk/client-bedrock-runtime': `
  export type ConversationRole = 'user' | 'assistant';
  export interface ContentBlock { text?: string }
  export interface SystemContentBlock { text?: string }
  export interface Message { role: ConversationRole | undefined; content: ContentBlock[] | undefined }
  export interface GuardrailConfiguration { guardrailIdentifier: string | undefined; guardrailVersion: string | undefined; trace?: 'enabled' | 'disabled' }
  export interface ConverseCommandInput {
    modelId: string | undefined;
    messages?: Message[];
    system?: SystemContentBlock[];
    inferenceConfig?: { maxTokens?: number; temperature?: number; topP?: number };
    guardrailConfig?: GuardrailConfiguration;
  }
  export interface ConverseCommandOutput { output?: { message?: Message }; stopReason?: string }
  export interface InvokeModelCommandInput {
    modelId: string | undefined;
    body?: string | Uint8Array;
    contentType?: string;
    accept?: string;
    guardrailIdentifier?: string;
    guardrailVersion?: string;
  }
  export interface InvokeModelCommandOutput { body: Uint8Array; contentType: string | undefined }
  export class ConverseCommand {
    constructor(input: ConverseCommandInput);
    readonly input: ConverseCommandInput;
  }
  export class InvokeModelCommand {
    constructor(input: InvokeModelCommandInput);
    readonly input: InvokeModelCommandInput;
  }
  export class BedrockRuntimeClient {
    constructor(config?: { region?: string; maxAttempts?: number });
    send(command: ConverseCommand): Promise<ConverseCommandOutput>;
    send(command: InvokeModelCommand): Promise<InvokeModelCommandOutput>;
    destroy(): void;
  }`,

  '@aws-sdk/client-s3': `
  export interface PutObjectCommandInput { Bucket: string | undefined; Key: string | undefined; Body?: string | Uint8Array; ContentType?: string }
  export interface PutObjectCommandOutput { ETag?: string; VersionId?: string }
  export class PutObjectCommand {
    constructor(input: PutObjectCommandInput);
    readonly input: PutObjectCommandInput;
  }
  export class S3Client {
    constructor(config?: { region?: string; maxAttempts?: number });
    send(command: PutObjectCommand): Promise<PutObjectCommandOutput>;
    destroy(): void;
  }`,

  'isomorphic-dompurify': `
  interface DOMPurify {
    sanitize(dirty: string | Node, config?: { ALLOWED_TAGS?: string[]; ALLOWED_ATTR?: string[] }): string;
  }
  const purify: DOMPurify;
  export default purify;
  export const sanitize: DOMPurify['sanitize'];`,

  stripe: `
  class Stripe {
    constructor(apiKey: string, config?: Stripe.StripeConfig);
    customers: Stripe.CustomersResource;
  }
  namespace Stripe {
    interface StripeConfig { apiVersion?: string; maxNetworkRetries?: number }
    interface Customer { id: string; email: string | null }
    interface DeletedCustomer { id: string; deleted: true }
    interface CustomersResource { retrieve(id: string): Promise<Customer | DeletedCustomer> }
  }
  export default Stripe;`,

  pg: `
  export interface QueryResult<R> { rows: R[]; rowCount: number | null }
  export interface ClientConfig { connectionString?: string; host?: string; user?: string; password?: string; database?: string; port?: number }
  export class Client {
    constructor(config?: string | ClientConfig);
    connect(): Promise<void>;
    query<R = any>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
    end(): Promise<void>;
  }
  export class Pool {
    constructor(config?: ClientConfig & { max?: number });
    query<R = any>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
    end(): Promise<void>;
  }`,

  he: `
  export interface EncodeOptions { useNamedReferences?: boolean; decimal?: boolean; encodeEverything?: boolean; strict?: boolean }
  export function encode(text: string, options?: EncodeOptions): string;
  export function decode(html: string, options?: { isAttributeValue?: boolean; strict?: boolean }): string;
  export function escape(text: string): string;`,

  '@aws-lambda-powertools/logger': `
  import type { Context } from 'aws-lambda';
  export class Logger {
    constructor(options?: { serviceName?: string; logLevel?: string; persistentLogAttributes?: Record<string, unknown> });
    addContext(context: Context): void;
    appendKeys(attributes: Record<string, unknown>): void;
    debug(message: string, ...extra: unknown[]): void;
    info(message: string, ...extra: unknown[]): void;
    warn(message: string, ...extra: unknown[]): void;
    error(message: string, ...extra: unknown[]): void;
  }`,
};
