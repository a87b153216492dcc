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

/** The lowered text of `source`, one statement a line, without the indentation. */
function lowered(source: string): string[] {
  return lowerPython(source)
    .text.split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** The Python text a lowered substring maps back to (its first occurrence). */
function sourceOf(source: string, loweredText: string): string {
  const { text, map } = lowerPython(source);
  const at = text.indexOf(loweredText);
  assert.ok(at >= 0, `${loweredText} not in ${text}`);
  return source.slice(map.sourceStart(at), map.sourceEnd(at + loweredText.length));
}

describe('handlers', () => {
  it('a dotted from-import is absolute; only leading dots make it relative', () => {
    assert.deepEqual(lowered('from aws_lambda_powertools.utilities import parameters\nfrom .models import Order\n'), [
      'import { parameters } from "py:aws_lambda_powertools.utilities";',
      'import { Order } from "py:.models";',
    ]);
  });

  it('dict.get("key") reads the key, with its default; a module function called get stays a call', () => {
    const out = lowered('import requests\nbody = event.get("body")\nname = params.get("name", "guest")\nr = requests.get("https://x")\n');
    assert.ok(out.includes('export const body = event["body"];'), out.join('\n'));
    assert.ok(out.includes('export const name = (params["name"] ?? "guest");'), out.join('\n'));
    assert.ok(out.includes('export const r = requests.get("https://x");'), out.join('\n'));
  });

  it('subprocess with a command built as one string runs a shell; an argument list does not', () => {
    const out = lowered('import subprocess\nsubprocess.run(f"ls {d}")\nsubprocess.call("ls " + d)\nsubprocess.run(["ls", d])\n');
    assert.ok(out.includes('__slsguard_child_process.execSync(`ls ${d}`);'), out.join('\n'));
    assert.ok(out.includes('__slsguard_child_process.execSync("ls " + d);'), out.join('\n'));
    assert.ok(out.includes('subprocess.run(["ls", d]);'), out.join('\n'));
  });

  it('except SomeError as e narrows e as instanceof does', () => {
    const out = lowered('try:\n    f()\nexcept NotFound as e:\n    g(str(e))\nexcept Exception:\n    h()\n');
    assert.deepEqual(out, [
      'try {',
      'f();',
      '} catch (e) {',
      '{',
      'if (e instanceof NotFound) {',
      'g(e.message);',
      '}',
      '}',
      '{',
      'if (e instanceof Exception) {',
      'h();',
      '}',
      '}',
      '}',
    ]);
  });

  it('str(e) and os.getenv("KEY") map back to the whole call', () => {
    const handler = 'import os\n\ndef f():\n    try:\n        pass\n    except Exception as e:\n        return str(e)\n';
    assert.equal(sourceOf(handler, 'e.message'), 'str(e)');
    assert.equal(sourceOf('import os\nk = os.getenv("API_KEY")\n', 'process.env.API_KEY'), 'os.getenv("API_KEY")');
    assert.equal(sourceOf('import os\nk = os.environ.get("API_KEY")\n', 'process.env.API_KEY'), 'os.environ.get("API_KEY")');
  });

  it("a module function's decorators are applied to it after its definition, innermost first", () => {
    const out = lowered('@tracer.capture_lambda_handler\n@validator(inbound_schema=S)\ndef lambda_handler(event, context):\n    pass\n');
    assert.deepEqual(out.slice(-2), ['validator({ inboundSchema: S })(lambda_handler);', 'tracer.capture_lambda_handler(lambda_handler);']);
    assert.ok(out[0].startsWith('export function lambda_handler(event, context)'), out.join('\n'));
  });
});
