import { ruleTester, type InvalidCase } from '../../../test/ruleTester';
import { stackFixture } from '../../../test/cdkFixtures';
import { typeCheckFixOutputs } from '../../../test/fixOutputs';
import rule from './rule';

/** `stack(body)`: the body's first line is line 9 of the file. */
const { stack } = stackFixture(
  ["import * as apigateway from 'aws-cdk-lib/aws-apigateway';", "import * as acm from 'aws-cdk-lib/aws-certificatemanager';"],
  'ApiStack',
);

const MESSAGE =
  'This custom domain accepts TLS 1.0 and 1.1, protocol versions with known weaknesses. Use SecurityPolicy.TLS_1_2 (the default).';
const TITLE = 'Require TLS 1.2 (SecurityPolicy.TLS_1_2)';

const JS = (policy: string) => `const cdk = require('aws-cdk-lib');
const apigw = require('aws-cdk-lib/aws-apigateway');

class ApiStack extends cdk.Stack {
  constructor(scope, id, certificate) {
    super(scope, id);
    new apigw.DomainName(this, 'Domain', { domainName: 'api.example.com', certificate, securityPolicy: apigw.SecurityPolicy.${policy} });
  }
}

module.exports = { ApiStack };
`;

const invalid: InvalidCase[] = [
  {
    name: 'the domainName option of a RestApi: reported at the value, the fix keeps the qualifier and is not preferred',
    code: stack(`
    const certificate = acm.Certificate.fromCertificateArn(this, 'Cert', 'arn:aws:acm:us-east-1:123456789012:certificate/abc');
    new apigateway.RestApi(this, 'Api', {
      domainName: { domainName: 'api.example.com', certificate, securityPolicy: apigateway.SecurityPolicy.TLS_1_0 },
    });
`),
    errors: [
      {
        line: 11,
        column: 81,
        endLine: 11,
        endColumn: 114,
        message: MESSAGE,
        fixes: [
          {
            title: TITLE,
            isPreferred: false,
            output: stack(`
    const certificate = acm.Certificate.fromCertificateArn(this, 'Cert', 'arn:aws:acm:us-east-1:123456789012:certificate/abc');
    new apigateway.RestApi(this, 'Api', {
      domainName: { domainName: 'api.example.com', certificate, securityPolicy: apigateway.SecurityPolicy.TLS_1_2 },
    });
`),
          },
        ],
      },
    ],
  },
  {
    name: 'CfnDomainName takes the string; the HTTP API DomainName from a named import',
    code: `import { Stack } from 'aws-cdk-lib';
import { CfnDomainName } from 'aws-cdk-lib/aws-apigateway';
import { DomainName, SecurityPolicy } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';

export function domains(stack: Stack, certificate: ICertificate) {
  new CfnDomainName(stack, 'L1', { domainName: 'old.example.com', securityPolicy: 'TLS_1_0' });
  new DomainName(stack, 'Http', { domainName: 'http.example.com', certificate, securityPolicy: SecurityPolicy.TLS_1_0 });
}
`,
    errors: [
      {
        line: 7,
        column: 83,
        endLine: 7,
        endColumn: 92,
        fixes: [
          {
            output: `import { Stack } from 'aws-cdk-lib';
import { CfnDomainName } from 'aws-cdk-lib/aws-apigateway';
import { DomainName, SecurityPolicy } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';

export function domains(stack: Stack, certificate: ICertificate) {
  new CfnDomainName(stack, 'L1', { domainName: 'old.example.com', securityPolicy: 'TLS_1_2' });
  new DomainName(stack, 'Http', { domainName: 'http.example.com', certificate, securityPolicy: SecurityPolicy.TLS_1_0 });
}
`,
          },
        ],
      },
      { line: 8, column: 96, endLine: 8, endColumn: 118 },
    ],
  },
  {
    name: 'CDK v1 @aws-cdk/aws-apigateway',
    code: `import * as cdk from '@aws-cdk/core';
import * as apigateway from '@aws-cdk/aws-apigateway';
import * as acm from '@aws-cdk/aws-certificatemanager';

export class LegacyStack extends cdk.Stack {
  constructor(scope: cdk.Construct, id: string, certificate: acm.ICertificate) {
    super(scope, id);
    new apigateway.DomainName(this, 'D', { domainName: 'a.example.com', certificate, securityPolicy: apigateway.SecurityPolicy.TLS_1_0 });
  }
}
`,
    errors: [{ line: 8, column: 102, endLine: 8, endColumn: 135 }],
  },
  {
    name: 'require() in a JavaScript app',
    filename: 'lib/stack.js',
    code: JS('TLS_1_0'),
    errors: [{ line: 7, column: 104, endLine: 7, endColumn: 132, fixes: [{ output: JS('TLS_1_2') }] }],
  },
];

ruleTester(rule, {
  valid: [
    {
      name: 'no securityPolicy (TLS 1.2 is the default in REST and HTTP APIs), TLS_1_2, and an API with no custom domain',
      code: stack(`
    const certificate = acm.Certificate.fromCertificateArn(this, 'Cert', 'arn:aws:acm:us-east-1:123456789012:certificate/abc');
    new apigateway.DomainName(this, 'A', { domainName: 'a.example.com', certificate });
    new apigateway.DomainName(this, 'B', { domainName: 'b.example.com', certificate, securityPolicy: apigateway.SecurityPolicy.TLS_1_2 });
    new apigateway.RestApi(this, 'Api', { domainName: { domainName: 'c.example.com', certificate } });
    new apigateway.RestApi(this, 'Plain');
`),
    },
  ],
  invalid,
});

typeCheckFixOutputs(rule.meta.id, invalid);
