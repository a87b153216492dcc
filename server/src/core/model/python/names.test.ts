import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../../meta';
import { PYTHON_NAMES } from './data/names';
import { isCdkStructName, pythonMemberName, tsMemberName } from './names';

interface Assembly {
  version: string;
  types: Record<string, unknown>;
}

interface NamesScript {
  readAssembly(): Assembly;
  buildTable(assembly: Assembly): unknown;
}

describe('python names', function () {
  // Reading and unzipping aws-cdk-lib's jsii assembly takes a few seconds on a busy machine.
  this.timeout(120_000);
  let script: NamesScript;
  let assembly: Assembly;

  before(async () => {
    script = (await import(pathToFileURL(path.join(packageRoot(), 'scripts', 'python-names.mjs')).href)) as NamesScript;
    assembly = script.readAssembly();
  });

  it('the generated table is what scripts/python-names.mjs computes from the installed aws-cdk-lib', () => {
    assert.equal(PYTHON_NAMES.version, assembly.version, 'run npm run data:python-names');
    assert.deepEqual(JSON.parse(JSON.stringify(PYTHON_NAMES)), script.buildTable(assembly));
  });

  const REAL = ['enforceSSL', 'addToRolePolicy', 'grantReadWriteData', 'fromAwsManagedPolicyName', 'publicAccessBlockConfiguration'];

  it('jsii names round-trip through their Python spelling', () => {
    assert.deepEqual(
      REAL.map((n) => pythonMemberName(n)),
      ['enforce_ssl', 'add_to_role_policy', 'grant_read_write_data', 'from_aws_managed_policy_name', 'public_access_block_configuration'],
    );
    for (const name of REAL) assert.equal(tsMemberName(pythonMemberName(name)), name);
  });

  it('a Python spelling shared by two names reads back as the plain one: from_json is PolicyStatement.fromJson', () => {
    assert.equal(tsMemberName('from_json'), 'fromJson');
    assert.equal(tsMemberName('to_json'), 'toJson');
  });

  it('a Python keyword escaped by jsii reads back without its underscore: HttpRouteKey.with_ is HttpRouteKey.with', () => {
    assert.equal(tsMemberName('with_'), 'with');
    assert.equal(tsMemberName('lambda_'), 'lambda');
    assert.equal(tsMemberName('only_'), 'only_');
  });

  it('names without an underscore, dunder names and constants are left alone', () => {
    assert.equal(tsMemberName('versioned'), 'versioned');
    assert.equal(tsMemberName('__init__'), '__init__');
    assert.equal(tsMemberName('PYTHON_3_12'), 'PYTHON_3_12');
    assert.equal(pythonMemberName('BLOCK_ALL'), 'BLOCK_ALL');
  });

  it('structs: top-level data types and nested CfnX.YProperty types, not classes', () => {
    assert.ok(isCdkStructName('SubnetSelection'));
    assert.ok(isCdkStructName('StageOptions'));
    assert.ok(isCdkStructName('PublicAccessBlockConfigurationProperty', 'CfnBucket'));
    assert.ok(!isCdkStructName('BlockPublicAccess'));
    assert.ok(!isCdkStructName('Bucket'));
    assert.ok(!isCdkStructName('Environment'), 'a struct in one module, a class in another');
  });
});
