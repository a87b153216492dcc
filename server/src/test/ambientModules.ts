/**
 * Just enough of `zod` and `@aws-sdk/client-secrets-manager` to type-check handler code that
 * uses them: neither is a dependency of this project. The shapes follow the real packages'
 * public API (zod 3, AWS SDK for JavaScript v3); anything our code does not use is left out.
 */
export const AMBIENT_MODULES = `
declare module 'zod' {
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
    object<S extends ZodRawShape>(shape: S): ZodObject<S>;
    array<T>(item: ZodType<T>): ZodType<T[]>;
  };
  export namespace z {
    type infer<T> = T extends ZodType<infer U> ? U : never;
  }
}

declare module '@aws-sdk/client-secrets-manager' {
  export interface GetSecretValueCommandInput { SecretId: string | undefined; VersionId?: string; VersionStage?: string }
  export interface GetSecretValueCommandOutput { ARN?: string; Name?: string; VersionId?: string; SecretString?: string; SecretBinary?: Uint8Array }
  export class GetSecretValueCommand {
    constructor(input: GetSecretValueCommandInput);
    readonly input: GetSecretValueCommandInput;
  }
  export class SecretsManagerClient {
    constructor(config?: { region?: string; maxAttempts?: number });
    send(command: GetSecretValueCommand): Promise<GetSecretValueCommandOutput>;
    destroy(): void;
  }
}
`;
