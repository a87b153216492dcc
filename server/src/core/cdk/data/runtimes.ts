/**
 * Lambda managed runtimes: when AWS deprecates each one and when it blocks function updates.
 *
 * Source: AWS Lambda, "Lambda runtimes" (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html)
 * and the dates AWS announced for each runtime, as recorded on 2026-12-06. Where a date could
 * not be checked against AWS's own page or announcement, `source` says where it comes from, and
 * a runtime with no date is classified by the installed aws-cdk-lib alone (its `Runtime` member
 * is marked `@deprecated`, "no longer supported by AWS Lambda"). A test checks that every
 * `Runtime` member of the installed aws-cdk-lib has a row here: a new aws-cdk-lib release that
 * adds a runtime fails it until the row is written.
 *
 * Dates are ISO days (UTC). `deprecated`: AWS stops patching the runtime. `blockUpdate`: AWS
 * refuses to update functions that use it (the rule's finding becomes an error).
 */

export type RuntimeFamily = 'nodejs' | 'python' | 'java' | 'dotnet' | 'ruby' | 'go' | 'provided';

export interface RuntimeRow {
  /** The identifier CloudFormation takes (`nodejs18.x`). */
  id: string;
  family: RuntimeFamily;
  /** `deprecated`: AWS no longer supports it (the CDK says so, or its date has passed). */
  status: 'deprecated' | 'supported';
  deprecated?: string;
  blockUpdate?: string;
  /** Where the dates come from, when not AWS's runtime page or announcement. */
  source?: string;
}

/** Sources named by rows whose dates are not AWS's own text. */
const CDK = 'aws-cdk-lib marks it @deprecated; date not verified';
const AWS_BLOG = 'AWS Compute Blog, "Managing AWS Lambda runtime upgrades" (2023)';
const EOL_DATE = "endoflife.date/aws-lambda (projected by AWS; not checked against AWS's page)";
const SECONDARY = "secondary source (endoflife.ai), not checked against AWS's page";
/** AWS moved the 2023 blog's dates later; these are the moved dates as secondary sources quote AWS's page. */
const MOVED = "AWS's runtime page as quoted by secondary sources (AWS moved the 2023 blog's date); not read on AWS's page";

/** Every `Runtime` member of aws-cdk-lib, by member name. */
export const RUNTIMES: Readonly<Record<string, RuntimeRow>> = {
  NODEJS: { id: 'nodejs', family: 'nodejs', status: 'deprecated', deprecated: '2016-10-31', blockUpdate: '2016-10-31' },
  NODEJS_4_3: { id: 'nodejs4.3', family: 'nodejs', status: 'deprecated', deprecated: '2018-12-15', blockUpdate: '2019-04-30' },
  NODEJS_6_10: { id: 'nodejs6.10', family: 'nodejs', status: 'deprecated', deprecated: '2019-04-30', blockUpdate: '2019-08-12' },
  NODEJS_8_10: { id: 'nodejs8.10', family: 'nodejs', status: 'deprecated', deprecated: '2020-01-06', blockUpdate: '2020-02-03' },
  NODEJS_10_X: { id: 'nodejs10.x', family: 'nodejs', status: 'deprecated', deprecated: '2021-07-30', blockUpdate: '2021-08-30' },
  NODEJS_12_X: { id: 'nodejs12.x', family: 'nodejs', status: 'deprecated', source: CDK },
  NODEJS_14_X: { id: 'nodejs14.x', family: 'nodejs', status: 'deprecated', deprecated: '2023-12-04', source: MOVED },
  NODEJS_16_X: { id: 'nodejs16.x', family: 'nodejs', status: 'deprecated', deprecated: '2024-06-12', source: MOVED },
  NODEJS_18_X: { id: 'nodejs18.x', family: 'nodejs', status: 'deprecated', deprecated: '2025-09-01' },
  NODEJS_20_X: {
    id: 'nodejs20.x',
    family: 'nodejs',
    status: 'supported',
    source: 'no date verified (Node.js 20 itself reached end of life on 2026-04-30)',
  },
  NODEJS_22_X: {
    id: 'nodejs22.x',
    family: 'nodejs',
    status: 'supported',
    deprecated: '2027-04-30',
    blockUpdate: '2027-07-01',
    source: EOL_DATE,
  },
  NODEJS_24_X: {
    id: 'nodejs24.x',
    family: 'nodejs',
    status: 'supported',
    deprecated: '2028-04-30',
    blockUpdate: '2028-07-01',
    source: EOL_DATE,
  },
  PYTHON_2_7: { id: 'python2.7', family: 'python', status: 'deprecated', source: CDK },
  PYTHON_3_6: {
    id: 'python3.6',
    family: 'python',
    status: 'deprecated',
    deprecated: '2022-07-18',
    source: 'aws-cdk-lib doc comment: "deprecated as of July 2022"',
  },
  PYTHON_3_7: { id: 'python3.7', family: 'python', status: 'deprecated', deprecated: '2023-12-04', source: MOVED },
  PYTHON_3_8: { id: 'python3.8', family: 'python', status: 'deprecated', deprecated: '2024-10-14', source: MOVED },
  PYTHON_3_9: { id: 'python3.9', family: 'python', status: 'deprecated', deprecated: '2025-12-15' },
  PYTHON_3_10: { id: 'python3.10', family: 'python', status: 'supported' },
  PYTHON_3_11: { id: 'python3.11', family: 'python', status: 'supported' },
  PYTHON_3_12: { id: 'python3.12', family: 'python', status: 'supported' },
  PYTHON_3_13: {
    id: 'python3.13',
    family: 'python',
    status: 'supported',
    deprecated: '2029-06-30',
    blockUpdate: '2029-08-31',
    source: EOL_DATE,
  },
  PYTHON_3_14: {
    id: 'python3.14',
    family: 'python',
    status: 'supported',
    deprecated: '2029-06-30',
    blockUpdate: '2029-08-31',
    source: EOL_DATE,
  },
  PYTHON_3_15: { id: 'python3.15', family: 'python', status: 'supported' },
  JAVA_8: { id: 'java8', family: 'java', status: 'deprecated', deprecated: '2023-12-31', source: AWS_BLOG },
  JAVA_8_CORRETTO: { id: 'java8.al2', family: 'java', status: 'supported' },
  JAVA_8_AL2023: { id: 'java8.al2023', family: 'java', status: 'supported' },
  JAVA_11: { id: 'java11', family: 'java', status: 'supported' },
  JAVA_11_AL2023: { id: 'java11.al2023', family: 'java', status: 'supported' },
  JAVA_17: { id: 'java17', family: 'java', status: 'supported' },
  JAVA_17_AL2023: { id: 'java17.al2023', family: 'java', status: 'supported' },
  JAVA_21: { id: 'java21', family: 'java', status: 'supported' },
  JAVA_25: { id: 'java25', family: 'java', status: 'supported', deprecated: '2029-06-30', blockUpdate: '2029-08-31', source: EOL_DATE },
  DOTNET_CORE_1: { id: 'dotnetcore1.0', family: 'dotnet', status: 'deprecated', deprecated: '2019-06-27', blockUpdate: '2019-07-31' },
  DOTNET_CORE_2: { id: 'dotnetcore2.0', family: 'dotnet', status: 'deprecated', deprecated: '2019-04-30', blockUpdate: '2019-05-30' },
  DOTNET_CORE_2_1: {
    id: 'dotnetcore2.1',
    family: 'dotnet',
    status: 'deprecated',
    deprecated: '2022-01-05',
    blockUpdate: '2022-04-13',
    source: SECONDARY,
  },
  DOTNET_CORE_3_1: {
    id: 'dotnetcore3.1',
    family: 'dotnet',
    status: 'deprecated',
    deprecated: '2023-04-03',
    blockUpdate: '2023-05-03',
    source: SECONDARY,
  },
  DOTNET_6: {
    id: 'dotnet6',
    family: 'dotnet',
    status: 'deprecated',
    deprecated: '2024-12-20',
    blockUpdate: '2027-03-03',
    source: SECONDARY,
  },
  DOTNET_8: {
    id: 'dotnet8',
    family: 'dotnet',
    status: 'supported',
    deprecated: '2026-11-10',
    blockUpdate: '2027-03-03',
    source: SECONDARY,
  },
  DOTNET_9: { id: 'dotnet9', family: 'dotnet', status: 'supported', deprecated: '2026-11-10', source: EOL_DATE },
  DOTNET_10: {
    id: 'dotnet10',
    family: 'dotnet',
    status: 'supported',
    deprecated: '2028-11-14',
    blockUpdate: '2029-01-15',
    source: EOL_DATE,
  },
  GO_1_X: { id: 'go1.x', family: 'go', status: 'deprecated', deprecated: '2023-12-31', source: AWS_BLOG },
  RUBY_2_5: { id: 'ruby2.5', family: 'ruby', status: 'deprecated', source: CDK },
  RUBY_2_7: { id: 'ruby2.7', family: 'ruby', status: 'deprecated', deprecated: '2023-12-07', source: AWS_BLOG },
  RUBY_3_2: { id: 'ruby3.2', family: 'ruby', status: 'supported' },
  RUBY_3_3: { id: 'ruby3.3', family: 'ruby', status: 'supported' },
  RUBY_3_4: { id: 'ruby3.4', family: 'ruby', status: 'supported', deprecated: '2028-03-31', blockUpdate: '2028-05-31', source: EOL_DATE },
  RUBY_4_0: { id: 'ruby4.0', family: 'ruby', status: 'supported' },
  PROVIDED: { id: 'provided', family: 'provided', status: 'deprecated', deprecated: '2023-12-31', source: AWS_BLOG },
  PROVIDED_AL2: { id: 'provided.al2', family: 'provided', status: 'supported' },
  PROVIDED_AL2023: { id: 'provided.al2023', family: 'provided', status: 'supported' },
};

/**
 * `Runtime` members that are not one runtime: `NODEJS_LATEST` follows the newest Node.js the
 * installed aws-cdk-lib knows, `FROM_IMAGE` is a container image, `ALL` is the list.
 */
export const NOT_A_RUNTIME = ['ALL', 'NODEJS_LATEST', 'FROM_IMAGE', 'determineLatestPythonRuntime'];

/** What the fix offers: the newest runtime of the family (Go moves to the OS-only runtime). */
export const NEWEST: Readonly<Record<RuntimeFamily, string>> = {
  nodejs: 'NODEJS_24_X',
  python: 'PYTHON_3_14',
  java: 'JAVA_25',
  dotnet: 'DOTNET_10',
  ruby: 'RUBY_3_4',
  go: 'PROVIDED_AL2023',
  provided: 'PROVIDED_AL2023',
};
