import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MANUAL_CHECKS_FILE, ManualChecksError, readManualChecks, setManualCheck } from './manual';

describe('manual checks (.slsguard/checklist.json)', () => {
  let root: string;
  const file = () => path.join(root, MANUAL_CHECKS_FILE);
  const write = (text: string) => {
    fs.mkdirSync(path.dirname(file()), { recursive: true });
    fs.writeFileSync(file(), text);
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'slsguard-manual-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('reads a missing file as nothing checked, and unticking then creates no file', () => {
    assert.deepEqual(readManualChecks(root), { checked: {} });
    assert.deepEqual(setManualCheck(root, 'rotate-secrets', false), { checked: {} });
    assert.equal(fs.existsSync(path.join(root, '.slsguard')), false);
  });

  it('writes the file stably: keys sorted, two-space indent, final newline', () => {
    setManualCheck(root, 'scan-dependencies', true);
    setManualCheck(root, 'audit-security-logs', true);
    assert.equal(
      fs.readFileSync(file(), 'utf8'),
      '{\n  "items": {\n    "audit-security-logs": true,\n    "scan-dependencies": true\n  },\n  "version": 1\n}\n',
    );
    assert.deepEqual(readManualChecks(root), { checked: { 'audit-security-logs': true, 'scan-dependencies': true } });
    // Writing the same state again changes nothing: no churn in git.
    const before = fs.readFileSync(file(), 'utf8');
    setManualCheck(root, 'scan-dependencies', true);
    assert.equal(fs.readFileSync(file(), 'utf8'), before);
  });

  it('unticking removes only that item and keeps everything else the file holds', () => {
    write(
      '{"version":1,"owner":{"team":"payments","contact":"sec@example.com"},"items":{"z-from-a-newer-version":true,"rotate-secrets":true,"monitor-guardduty":"yes"}}',
    );
    const result = setManualCheck(root, 'rotate-secrets', false);
    assert.deepEqual(result, { checked: { 'z-from-a-newer-version': true } });
    assert.deepEqual(JSON.parse(fs.readFileSync(file(), 'utf8')), {
      items: { 'monitor-guardduty': 'yes', 'z-from-a-newer-version': true },
      owner: { contact: 'sec@example.com', team: 'payments' },
      version: 1,
    });
  });

  it('reports a file that is not valid JSON and never overwrites it', () => {
    const broken = '{ "items": { "rotate-secrets": true, } // half-merged\n';
    write(broken);
    const read = readManualChecks(root);
    assert.deepEqual(read.checked, {});
    assert.match(read.error ?? '', /^\.slsguard\/checklist\.json is not valid JSON .*fix or remove it$/);
    assert.throws(() => setManualCheck(root, 'scan-dependencies', true), ManualChecksError);
    assert.equal(fs.readFileSync(file(), 'utf8'), broken);
  });

  it('reports JSON of the wrong shape', () => {
    write('[true]');
    assert.match(readManualChecks(root).error ?? '', /must hold a JSON object/);
    write('{"items": ["rotate-secrets"]}');
    assert.match(readManualChecks(root).error ?? '', /"items" .* must be an object/);
    assert.throws(() => setManualCheck(root, 'rotate-secrets', true), /must be an object/);
  });

  it('reads an empty file as nothing checked, and fills it on the first tick', () => {
    write('');
    assert.deepEqual(readManualChecks(root), { checked: {} });
    setManualCheck(root, 'rotate-secrets', true);
    assert.deepEqual(readManualChecks(root), { checked: { 'rotate-secrets': true } });
  });

  it('leaves no temporary file behind', () => {
    setManualCheck(root, 'rotate-secrets', true);
    assert.deepEqual(fs.readdirSync(path.join(root, '.slsguard')), ['checklist.json']);
  });
});
