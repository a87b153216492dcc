import { ruleTester } from '../../../test/ruleTester';
import { pyInvalid, pyStackFixture, pyValid } from '../../../test/pythonFixtures';
import rule from './rule';

const FILE = 'stacks/domain_stack.py';
const { stack } = pyStackFixture(
  [
    'from aws_cdk import aws_apigateway as apigw',
    'from aws_cdk import aws_apigatewayv2 as apigwv2',
    'from aws_cdk import aws_certificatemanager as acm',
  ],
  'DomainStack',
);
const invalid = pyInvalid.bind(null, FILE);
const valid = pyValid.bind(null, FILE);
const CERT = '        cert = acm.Certificate.from_certificate_arn(self, "Cert", "arn:aws:acm:us-east-1:123456789012:certificate/abc")\n';

ruleTester(rule, {
  valid: [
    valid(
      'no security_policy (TLS 1.2 by default) and TLS_1_2, on REST, HTTP and CloudFormation domains',
      stack(`${CERT}
        apigw.DomainName(self, "A", domain_name="a.example.com", certificate=cert)
        apigw.DomainName(self, "B", domain_name="b.example.com", certificate=cert, security_policy=apigw.SecurityPolicy.TLS_1_2)
        apigwv2.DomainName(self, "C", domain_name="c.example.com", certificate=cert)
        apigw.CfnDomainName(self, "D", domain_name="d.example.com", security_policy="TLS_1_2")
        apigw.RestApi(self, "Api", domain_name=apigw.DomainNameOptions(domain_name="e.example.com", certificate=cert))
`),
    ),
  ],
  invalid: [
    invalid(
      'SecurityPolicy.TLS_1_0 on a REST and an HTTP domain, and the CloudFormation string: the range is the value',
      stack(`${CERT}
        apigw.DomainName(self, "A", domain_name="a.example.com", certificate=cert, security_policy=apigw.SecurityPolicy.TLS_1_0)
        apigwv2.DomainName(self, "B", domain_name="b.example.com", certificate=cert, security_policy=apigwv2.SecurityPolicy.TLS_1_0)
        apigw.CfnDomainName(self, "C", domain_name="c.example.com", security_policy="TLS_1_0")
`),
      [
        { at: ['apigw.SecurityPolicy.TLS_1_0'], messageId: 'tls10' },
        { at: ['apigwv2.SecurityPolicy.TLS_1_0'], messageId: 'tls10' },
        { at: ['"TLS_1_0"'], messageId: 'tls10' },
      ],
    ),
    invalid(
      'the domain_name option of RestApi and LambdaRestApi, inline and through a variable',
      stack(`${CERT}
        apigw.RestApi(self, "A", domain_name=apigw.DomainNameOptions(domain_name="a.example.com", certificate=cert, security_policy=apigw.SecurityPolicy.TLS_1_0))
        options = apigw.DomainNameOptions(domain_name="b.example.com", certificate=cert, security_policy=apigw.SecurityPolicy.TLS_1_0)
        apigw.LambdaRestApi(self, "B", handler=handler, domain_name=options)
`),
      [
        { at: ['apigw.SecurityPolicy.TLS_1_0'], messageId: 'tls10' },
        { at: ['apigw.SecurityPolicy.TLS_1_0', undefined, 1], messageId: 'tls10' },
      ],
    ),
    invalid(
      'from aws_cdk.aws_apigateway import DomainName, SecurityPolicy; import aws_cdk as cdk',
      `import aws_cdk as cdk
from aws_cdk.aws_apigateway import DomainName, SecurityPolicy
from constructs import Construct


class DomainStack(cdk.Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        cert = cdk.aws_certificatemanager.Certificate.from_certificate_arn(self, "Cert", "arn")
        DomainName(self, "A", domain_name="a.example.com", certificate=cert, security_policy=SecurityPolicy.TLS_1_0)
        cdk.aws_apigateway.DomainName(self, "B", domain_name="b.example.com", certificate=cert, security_policy=cdk.aws_apigateway.SecurityPolicy.TLS_1_0)
`,
      [
        { at: ['=SecurityPolicy.TLS_1_0', 'SecurityPolicy.TLS_1_0'], messageId: 'tls10' },
        { at: ['cdk.aws_apigateway.SecurityPolicy.TLS_1_0'], messageId: 'tls10' },
      ],
    ),
    invalid(
      'CDK v1: from aws_cdk import core, aws_apigateway',
      `from aws_cdk import core
from aws_cdk import aws_apigateway


class DomainStack(core.Stack):
    def __init__(self, scope: core.Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        aws_apigateway.DomainName(self, "A", domain_name="a.example.com", certificate=cert, security_policy=aws_apigateway.SecurityPolicy.TLS_1_0)
`,
      [{ at: ['aws_apigateway.SecurityPolicy.TLS_1_0'], messageId: 'tls10' }],
    ),
  ],
});
