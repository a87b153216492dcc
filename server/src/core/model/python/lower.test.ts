import * as assert from 'node:assert/strict';
import { lowerPython } from './lower';

/** The lowered TypeScript of a Python module, without the blank first line. */
function lower(source: string): string {
  return lowerPython(source).text.trim();
}

/** The lowered statement that contains `needle`. */
function lineWith(source: string, needle: string): string {
  const line = lower(source)
    .split('\n')
    .find((l) => l.includes(needle));
  assert.ok(line, `no lowered line contains ${needle}:\n${lower(source)}`);
  return line.trim();
}

describe('python lowering', () => {
  describe('imports', () => {
    it('from a dotted module: the dots between names do not make the import relative', () => {
      assert.equal(
        lineWith('from aws_cdk.aws_s3 import Bucket, BucketEncryption\n', 'Bucket'),
        'import { Bucket, BucketEncryption } from "aws-cdk-lib/aws-s3";',
      );
      assert.equal(lineWith('from stacks.constants import DEFAULTS\n', 'DEFAULTS'), 'import { DEFAULTS } from "py:stacks.constants";');
    });

    it('relative imports keep their leading dots', () => {
      assert.equal(lineWith('from .constants import DEFAULTS\n', 'DEFAULTS'), 'import { DEFAULTS } from "py:.constants";');
      assert.equal(lineWith('from ..shared.constants import DEFAULTS\n', 'DEFAULTS'), 'import { DEFAULTS } from "py:..shared.constants";');
    });

    it('a submodule read through the root module keeps its name: cdk.aws_s3.Bucket', () => {
      const source = 'import aws_cdk as cdk\n\ncdk.aws_s3.Bucket(app, "B", enforce_ssl=True)\n';
      assert.equal(lineWith(source, 'Bucket'), 'new cdk.aws_s3.Bucket(app, "B", { enforceSSL: true });');
    });
  });

  describe('structs', () => {
    it('a CDK struct called like a class is the object literal TypeScript writes', () => {
      const source =
        'from aws_cdk import aws_ec2 as ec2\n\nsubnets = ec2.SubnetSelection(subnet_type=ec2.SubnetType.PUBLIC)\nempty = ec2.SubnetSelection()\n';
      assert.equal(lineWith(source, 'subnets'), 'export const subnets = { subnetType: ec2.SubnetType.PUBLIC };');
      assert.equal(lineWith(source, 'empty'), 'export const empty = {};');
    });

    it('named imports, the root module and nested CfnX.YProperty types', () => {
      const source = [
        'import aws_cdk as cdk',
        'from aws_cdk.aws_apigateway import StageOptions',
        'from aws_cdk import aws_s3 as s3',
        'a = StageOptions(throttling_rate_limit=10)',
        'b = cdk.aws_apigateway.StageOptions(throttling_burst_limit=5)',
        'c = s3.CfnBucket.PublicAccessBlockConfigurationProperty(block_public_acls=False)',
        '',
      ].join('\n');
      assert.equal(lineWith(source, 'const a'), 'export const a = { throttlingRateLimit: 10 };');
      assert.equal(lineWith(source, 'const b'), 'export const b = { throttlingBurstLimit: 5 };');
      assert.equal(lineWith(source, 'const c'), 'export const c = { blockPublicAcls: false };');
    });

    it('classes stay constructions: constructs, BlockPublicAccess, and a project class named like a struct', () => {
      const source = [
        'from aws_cdk import aws_s3 as s3',
        'from .models import StageOptions',
        'a = s3.BlockPublicAccess(block_public_acls=False)',
        'b = StageOptions(throttling_rate_limit=10)',
        '',
      ].join('\n');
      assert.equal(lineWith(source, 'const a'), 'export const a = new s3.BlockPublicAccess({ blockPublicAcls: false });');
      assert.equal(lineWith(source, 'const b'), 'export const b = new StageOptions({ throttlingRateLimit: 10 });');
    });
  });

  describe('keyword arguments in dicts', () => {
    it('a dict spread as **kwargs has its keys read back as member names', () => {
      const source = [
        'from aws_cdk import aws_s3 as s3',
        'common = {"enforce_ssl": False, "versioned": True}',
        'env = {"API_KEY": "x", "log_level": "debug"}',
        's3.Bucket(app, "B", **common)',
        '',
      ].join('\n');
      assert.equal(lineWith(source, 'common ='), 'export const common = { enforceSSL: false, versioned: true };');
      // A dict that is never spread as keyword arguments keeps its keys.
      assert.equal(lineWith(source, 'env ='), 'export const env = { "API_KEY": "x", "log_level": "debug" };');
    });

    it('an inline **{...} is keyword arguments', () => {
      const source = 'from aws_cdk import aws_s3 as s3\ns3.Bucket(app, "B", **{"enforce_ssl": False})\n';
      assert.equal(lineWith(source, 'Bucket'), 'new s3.Bucket(app, "B", { ...{ enforceSSL: false } });');
    });
  });
});
