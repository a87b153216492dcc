import { PYTHON_NAMES } from './data/names';

/**
 * Python and TypeScript spellings of the CDK's API. jsii generates the Python API from the
 * TypeScript one: member names become snake_case (`addToRolePolicy` → `add_to_role_policy`,
 * `enforceSSL` → `enforce_ssl`); classes, enum members and constants keep theirs. Reading
 * Python, a snake_case name is read back as camelCase, except the names whose acronyms the
 * plain reading loses (`data/names.ts`, generated from aws-cdk-lib's jsii assembly by
 * `npm run data:python-names`, and tested against the installed version).
 */
const EXCEPTIONS: Readonly<Record<string, string>> = PYTHON_NAMES.exceptions;
const STRUCTS: ReadonlySet<string> = new Set(PYTHON_NAMES.structs);

/**
 * Whether `name`, reached through the CDK (`ec2.SubnetSelection`, `s3.CfnBucket.PublicAccessBlockConfigurationProperty`),
 * is a struct: TypeScript writes it as an object literal, Python calls it like a class. `parent`
 * is the name it is a member of, if any (`CfnBucket`).
 */
export function isCdkStructName(name: string, parent?: string): boolean {
  return STRUCTS.has(name) || (!!parent && /^Cfn/.test(parent) && name.endsWith('Property'));
}

/** Python's keywords: jsii spells a member of that name with a trailing underscore (`HttpRouteKey.with_`). */
const PYTHON_KEYWORDS = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except finally for from global if ' +
    'import in is lambda nonlocal not or pass raise return try while with yield'
  ).split(' '),
);

/** The TypeScript name of a Python member or keyword name: `enforce_ssl` → `enforceSSL`, `with_` → `with`. */
export function tsMemberName(python: string): string {
  if (!python.includes('_')) return python;
  let name = tsNames.get(python);
  if (name === undefined) {
    name =
      python.endsWith('_') && PYTHON_KEYWORDS.has(python.slice(0, -1))
        ? python.slice(0, -1)
        : !/[a-z]/.test(python) || /^__.*__$/.test(python)
          ? python
          : ((Object.hasOwn(EXCEPTIONS, python) ? EXCEPTIONS[python] : undefined) ??
            python.replace(/(?<=[A-Za-z0-9])_+([a-z0-9])/g, (_, c: string) => c.toUpperCase()));
    remember(tsNames, python, name);
  }
  return name;
}

/** Names repeat in every stack (`add_to_role_policy`, `removal_policy`): each is spelled once. */
const tsNames = new Map<string, string>();
const pythonNames = new Map<string, string>();

function remember(cache: Map<string, string>, key: string, value: string): void {
  if (cache.size >= 4096) cache.clear();
  cache.set(key, value);
}

/** jsii's Python spelling of a TypeScript member name: `addToRolePolicy` → `add_to_role_policy`. */
export function pythonMemberName(name: string): string {
  let python = pythonNames.get(name);
  if (python === undefined) {
    python =
      name.toLowerCase() === name || !/[a-z]/.test(name)
        ? name
        : name
            .replace(/([\p{Ll}\d])(\p{Lu})/gu, '$1_$2')
            .replace(/(\p{Lu}+)(\p{Lu}[\p{Ll}\d]+)/gu, '$1_$2')
            .toLowerCase();
    remember(pythonNames, name, python);
  }
  return python;
}

/**
 * The TypeScript module specifier of a Python module: `aws_cdk.aws_s3` → `aws-cdk-lib/aws-s3`,
 * `aws_cdk` → `aws-cdk-lib`, CDK v1's `aws_cdk.core` → `@aws-cdk/core`, an alpha module
 * `aws_cdk.aws_lambda_python_alpha` → `@aws-cdk/aws-lambda-python-alpha`. Other modules (the
 * project's own, the standard library, boto3) get `py:` and their dotted name, relative ones
 * keep their leading dots: the sources resolve those to the project's files.
 */
export function moduleSpecifier(dotted: string): string {
  if (dotted === 'aws_cdk') return 'aws-cdk-lib';
  if (dotted.startsWith('aws_cdk.')) {
    const sub = dotted.slice('aws_cdk.'.length).split('.')[0];
    if (sub === 'core') return '@aws-cdk/core';
    if (sub.endsWith('_alpha')) return `@aws-cdk/${sub.replace(/_/g, '-')}`;
    return `aws-cdk-lib/${sub.replace(/_/g, '-')}`;
  }
  if (dotted === 'constructs') return 'constructs';
  if (dotted === 'cdk_nag') return 'cdk-nag';
  return `py:${dotted}`;
}

/** Whether a name imported `from aws_cdk import name` is a submodule (`aws_s3`, `core`) rather than a class. */
export function isCdkSubmoduleName(name: string): boolean {
  return /^[a-z][a-z0-9_]*$/.test(name);
}

/** TypeScript words a Python name may be, renamed so the lowered text parses: `new` → `new$`. */
const TS_RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with implements interface ' +
    'let package private protected public static yield'
  ).split(' '),
);

export function tsIdentifier(name: string): string {
  return TS_RESERVED.has(name) ? `${name}$` : name;
}

/**
 * A CDK message respelled for a Python reader: `enforceSSL: true` → `enforce_ssl=True`,
 * `this.table.tableArn` → `self.table.table_arn`, `grantReadWriteData` → `grant_read_write_data`.
 * Class and enum names (`BucketEncryption.S3_MANAGED`) are the same in both.
 */
export function pythonSpelling(message: string): string {
  return (
    message
      .replace(/\bthis\./g, 'self.')
      // A camelCase prop with its value: `enforceSSL: true`, `resourceArn: api.stageArn`,
      // `encryption: BucketEncryption.KMS` (not prose: `CDK v1 has no enforceSSL: add a policy`).
      .replace(
        /\b([a-z]+[A-Z][A-Za-z0-9]*): (true|false|\d+\b|[A-Z][\w.]*|[a-z]\w*(?:\.\w+)+|'|")/g,
        (_, name: string, value: string) => `${pythonMemberName(name)}=${pyValue(value)}`,
      )
      // A one-word prop with a literal value: `versioned: true` (not prose such as `instead: SecretValue…`).
      .replace(/\b([a-z][a-z0-9]*): (true|false|\d+\b|'|")/g, (_, name: string, value: string) => `${name}=${pyValue(value)}`)
      .replace(/\b(?<![.'"])(true|false)\b/g, (v) => pyValue(v))
      .replace(/\b[a-z]+[A-Z][A-Za-z0-9]*\b/g, (word) => pythonMemberName(word))
  );
}

function pyValue(value: string): string {
  return value === 'true' ? 'True' : value === 'false' ? 'False' : value;
}

/** Where a call's keyword arguments go: the struct's index and the parameters before it (TypeScript names). */
export interface CallShape {
  struct: number;
  positional: string[];
}

/**
 * The shape of a CDK method (`addMethod`) or class (`new Bucket`) whose keyword arguments do not
 * simply follow the positional ones (a parameter before the struct may be left out); undefined
 * for the rest. From the jsii assembly (`data/names.ts`).
 */
export function callShape(key: string): CallShape | undefined {
  const shape = Object.hasOwn(PYTHON_NAMES.calls, key) ? PYTHON_NAMES.calls[key] : undefined;
  return shape ? { struct: shape[0] as number, positional: shape.slice(1) as string[] } : undefined;
}
