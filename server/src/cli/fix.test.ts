import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig } from '../core/config';
import { insertAt, replaceNode } from '../core/fixes/edits';
import { createRule, Rule } from '../core/rule';
import { makeProject } from '../test/lspClient';
import { runCli } from '../test/robustness';
import { FileChange, formatDiff, MAX_PASSES, runFix } from './fix';
import { writeChanges } from './writeFixes';

function probe(check: Rule['check']): Rule {
  return createRule({
    meta: {
      id: 'probe-fix',
      title: 'probe',
      description: 'probe',
      defaultSeverity: 'warning',
      category: 'data',
      cwe: [],
      guideSection: 'checklist.md',
      fixable: true,
      appliesTo: 'any',
      messages: { m: 'danger' },
    },
    check,
  });
}

/** Each `danger(n)` becomes `safe(n)` and declares `guard<n>` at the top: fixes that collide at offset 0. */
const colliding = probe((ctx) => {
  for (const call of ctx.calls('danger')) {
    const n = ctx.file.nodeText(call.arguments[0]);
    ctx.report({
      at: call,
      messageId: 'm',
      fixes: [
        {
          title: `guard ${n}`,
          isPreferred: true,
          edits: [insertAt(ctx.file, 0, `const guard${n} = ${n};\n`), replaceNode(ctx.file, call.expression, 'safe')],
        },
      ],
    });
  }
});

/** A fix that never makes its finding go away. */
const endless = probe((ctx) => {
  for (const call of ctx.calls('danger')) {
    ctx.report({ at: call, messageId: 'm', fixes: [{ title: 'again', isPreferred: true, edits: [insertAt(ctx.file, 0, '// again\n')] }] });
  }
});

describe('runFix', () => {
  let root: string;
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const run = (rule: Rule) =>
    runFix({ paths: [root], cwd: root, config: defaultConfig(), rules: [rule], minSeverity: 'info', suggestionsOf: new Set() });

  it('applies fixes that collide over several passes, re-analysing in between', () => {
    root = makeProject({ 'a.ts': 'danger(1);\ndanger(2);\ndanger(3);\n' });
    const result = run(colliding);
    assert.equal(result.passes, 3);
    assert.deepEqual(
      result.applied.map((a) => a.title),
      ['guard 1', 'guard 2', 'guard 3'],
    );
    assert.equal(result.changes.length, 1);
    assert.equal(result.changes[0].after, 'const guard3 = 3;\nconst guard2 = 2;\nconst guard1 = 1;\nsafe(1);\nsafe(2);\nsafe(3);\n');
    assert.equal(result.remaining.findings.length, 0);
    assert.equal(fs.readFileSync(`${root}/a.ts`, 'utf8'), 'danger(1);\ndanger(2);\ndanger(3);\n', 'runFix itself writes nothing');
    assert.match(formatDiff(result.changes, root), /^--- a\/a\.ts\n\+\+\+ b\/a\.ts\n@@ -1,3 \+1,6 @@\n-danger\(1\);\n/);
  });

  it('stops after the maximum number of passes when a fix keeps its finding', () => {
    root = makeProject({ 'a.ts': 'danger(1);\n' });
    const result = run(endless);
    assert.equal(result.passes, MAX_PASSES);
    assert.equal(result.remaining.findings.length, 1);
    assert.equal(result.changes[0].after, `${'// again\n'.repeat(MAX_PASSES)}danger(1);\n`);
  });
});

/** A file `slsguard fix` changes: its suppression comment suppresses nothing, and the fix removes it. */
const UNUSED = '// slsguard-ignore-next-line iam-admin-policy -- old\nconst a = 1;\nexport { a };\n';
const FIXED = 'const a = 1;\nexport { a };\n';

describe('slsguard fix: what it writes, and where', function () {
  this.timeout(120000);
  let root: string;
  let outside: string;
  beforeEach(() => {
    outside = makeProject({ 'target.ts': UNUSED });
  });
  afterEach(() => {
    for (const dir of [root, outside]) {
      if (!dir) continue;
      for (const f of fs.readdirSync(dir, { recursive: true }) as string[]) {
        try {
          fs.chmodSync(path.join(dir, f), 0o644);
        } catch {
          // a dangling link
        }
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  const noStack = (stderr: string) => assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');

  it('never writes through a symbolic link to a file outside the scanned folder, and says so (exit 2)', () => {
    root = makeProject({ 'b.ts': UNUSED, 'inside/real.ts': UNUSED });
    fs.symlinkSync(path.join(outside, 'target.ts'), path.join(root, 'a.ts'));
    fs.symlinkSync(path.join(root, 'inside/real.ts'), path.join(root, 'link.ts'));
    const r = runCli(['fix', '.'], root);
    assert.equal(fs.readFileSync(path.join(outside, 'target.ts'), 'utf8'), UNUSED, 'the file outside is untouched');
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /^slsguard: fix: a\.ts not written: it is a symbolic link to a file outside the scanned paths$/m);
    noStack(r.stderr);
    assert.equal(fs.readFileSync(path.join(root, 'b.ts'), 'utf8'), FIXED, 'the other files are fixed');
    // A link that stays inside is written through, and stays a link.
    assert.equal(fs.readFileSync(path.join(root, 'inside/real.ts'), 'utf8'), FIXED);
    assert.ok(fs.lstatSync(path.join(root, 'link.ts')).isSymbolicLink());
    // Named on the command line, the link still leads out of the folder it is in.
    const named = runCli(['fix', 'a.ts'], root);
    assert.equal(named.code, 2, named.stdout + named.stderr);
    assert.equal(named.stderr, 'slsguard: fix: a.ts not written: it is a symbolic link to a file outside the scanned paths\n');
    assert.equal(fs.readFileSync(path.join(outside, 'target.ts'), 'utf8'), UNUSED);
  });

  it('keeps the bytes of a file that is not UTF-8: a Latin-1 file is not written (exit 2)', () => {
    root = makeProject({});
    const latin1 = Buffer.from(`${UNUSED}export const caf\u00e9 = 'd\u00e9j\u00e0 vu';\n`, 'latin1');
    fs.writeFileSync(path.join(root, 'a.ts'), latin1);
    const r = runCli(['fix', '.'], root);
    assert.ok(fs.readFileSync(path.join(root, 'a.ts')).equals(latin1), 'the bytes are as they were');
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /^slsguard: fix: a\.ts not written: it is not UTF-8, and no byte order mark names its encoding$/m);
    noStack(r.stderr);
  });

  it('does not write a read-only file, writes the others, and exits 2 with one line, no stack trace', () => {
    root = makeProject({ 'a.ts': UNUSED, 'b.ts': UNUSED, 'c.ts': UNUSED });
    fs.chmodSync(path.join(root, 'b.ts'), 0o444);
    const r = runCli(['fix', '.'], root);
    assert.equal(fs.readFileSync(path.join(root, 'b.ts'), 'utf8'), UNUSED, 'the read-only file is untouched');
    assert.equal((fs.statSync(path.join(root, 'b.ts')).mode & 0o777).toString(8), '444');
    assert.equal(fs.readFileSync(path.join(root, 'a.ts'), 'utf8'), FIXED);
    assert.equal(fs.readFileSync(path.join(root, 'c.ts'), 'utf8'), FIXED);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.equal(r.stderr, 'slsguard: fix: b.ts not written: it is read-only\n');
    assert.match(
      r.stdout,
      /Fixed 2 findings in 2 files\. 1 file was not written \(see above\): run `slsguard scan` to list the findings that remain\./,
    );
  });

  it('--dry-run names the files it would not write', () => {
    root = makeProject({ 'a.ts': UNUSED, 'b.ts': UNUSED });
    fs.chmodSync(path.join(root, 'b.ts'), 0o444);
    const r = runCli(['fix', '.', '--dry-run'], root);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.equal(r.stderr, 'slsguard: fix: b.ts would not be written: it is read-only\n');
    assert.match(r.stdout, /^--- a\/a\.ts\n/);
    assert.doesNotMatch(r.stdout, /b\.ts/);
  });
});

describe('writeChanges', () => {
  let root: string;
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));
  const fixRun = (rule: Rule) =>
    runFix({ paths: [root], cwd: root, config: defaultConfig(), rules: [rule], minSeverity: 'info', suggestionsOf: new Set() });
  const write = (changes: FileChange[], read?: (file: string) => Buffer) => writeChanges(changes, { roots: [root], cwd: root, read });

  it('keeps an edit made after fix read the file, and names the file', () => {
    root = makeProject({ 'a.ts': 'danger(1);\n', 'b.ts': 'danger(2);\n' });
    const result = fixRun(colliding);
    fs.writeFileSync(`${root}/a.ts`, 'danger(1);\nmine();\n');
    const outcome = write(result.changes);
    assert.equal(fs.readFileSync(`${root}/a.ts`, 'utf8'), 'danger(1);\nmine();\n', "the user's edit is kept");
    assert.deepEqual(outcome.notWritten, [{ file: `${root}/a.ts`, reason: 'it changed since fix read it' }]);
    assert.equal(fs.readFileSync(`${root}/b.ts`, 'utf8'), 'const guard2 = 2;\nsafe(2);\n');
  });

  it('reads the file again right before writing it: an edit made after the checks is kept too', () => {
    root = makeProject({ 'a.ts': 'danger(1);\n' });
    const result = fixRun(colliding);
    let reads = 0;
    const outcome = write(result.changes, (file) => {
      // The first read is the check of every file; the user saves between it and the write.
      if (++reads === 2) fs.writeFileSync(file, 'danger(1);\nmine();\n');
      return fs.readFileSync(file);
    });
    assert.equal(reads, 2);
    assert.equal(fs.readFileSync(`${root}/a.ts`, 'utf8'), 'danger(1);\nmine();\n');
    assert.deepEqual(outcome.notWritten, [{ file: `${root}/a.ts`, reason: 'it changed since fix read it' }]);
    assert.deepEqual(fs.readdirSync(root), ['a.ts'], 'no temporary file left behind');
  });

  it('does not apply fixes to a file that changed while fix analysed it', () => {
    root = makeProject({ 'a.ts': 'danger(1);\n' });
    let edited = false;
    // The user saves the file after fix analysed it, before the fixes are applied.
    const saving = probe((ctx) => {
      colliding.check(ctx);
      if (!edited) fs.writeFileSync(`${root}/a.ts`, '// mine\ndanger(1);\n');
      edited = true;
    });
    const result = fixRun(saving);
    assert.deepEqual(result.changes, []);
    assert.deepEqual(result.applied, []);
    assert.deepEqual(result.notWritten, [{ file: `${root}/a.ts`, reason: 'it changed while fix was analysing it' }]);
  });

  it('keeps a UTF-8 byte order mark, CRLF line ends and the file mode', () => {
    root = makeProject({});
    fs.writeFileSync(`${root}/a.ts`, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('danger(1);\r\nok();\r\n')]));
    fs.chmodSync(`${root}/a.ts`, 0o750);
    const outcome = write(fixRun(colliding).changes);
    assert.deepEqual(outcome, { written: [`${root}/a.ts`], notWritten: [] });
    // The probe's fix adds its line with a bare LF: written with CRLF, as the rest of the file.
    assert.equal(fs.readFileSync(`${root}/a.ts`, 'latin1'), '\u00ef\u00bb\u00bfconst guard1 = 1;\r\nsafe(1);\r\nok();\r\n');
    assert.equal((fs.statSync(`${root}/a.ts`).mode & 0o777).toString(8), '750');
  });

  it('writes a UTF-16 file with a byte order mark back in UTF-16, and leaves a Latin-1 file alone', () => {
    root = makeProject({});
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("const s = 'é';\n", 'utf16le')]);
    const latin1 = Buffer.from("const s = 'é';\n", 'latin1');
    fs.writeFileSync(`${root}/a.ts`, utf16);
    fs.writeFileSync(`${root}/b.ts`, latin1);
    const after = "const s = 'è';\n";
    const outcome = write([
      { file: `${root}/a.ts`, before: "const s = 'é';\n", after },
      { file: `${root}/b.ts`, before: "const s = '\ufffd';\n", after },
    ]);
    assert.ok(fs.readFileSync(`${root}/a.ts`).equals(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(after, 'utf16le')])));
    assert.ok(fs.readFileSync(`${root}/b.ts`).equals(latin1));
    assert.deepEqual(outcome.notWritten, [{ file: `${root}/b.ts`, reason: 'it is not UTF-8, and no byte order mark names its encoding' }]);
  });

  it('writes the files a fix edits together, or none of them', () => {
    root = makeProject({ 'a.ts': 'danger(1);\n', 'b.ts': 'export const x = 1;\n', 'c.ts': 'danger(3);\n' });
    // The fix in a.ts also edits b.ts; b.ts is read-only.
    const twoFiles = probe((ctx) => {
      for (const call of ctx.calls('danger')) {
        const other = ctx.file.path.replace(/a\.ts$/, 'b.ts');
        const edits = [replaceNode(ctx.file, call.expression, 'safe')];
        if (other !== ctx.file.path)
          edits.push({
            file: other,
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            newText: '// used by a.ts\n',
          });
        ctx.report({ at: call, messageId: 'm', fixes: [{ title: 'safe', isPreferred: true, edits }] });
      }
    });
    const result = fixRun(twoFiles);
    assert.deepEqual(
      result.changes.map((c) => [path.basename(c.file), c.together?.map((f) => path.basename(f))]),
      [
        ['a.ts', ['b.ts']],
        ['b.ts', ['a.ts']],
        ['c.ts', undefined],
      ],
    );
    fs.chmodSync(`${root}/b.ts`, 0o444);
    const outcome = write(result.changes);
    assert.deepEqual(outcome.notWritten, [
      { file: `${root}/b.ts`, reason: 'it is read-only' },
      { file: `${root}/a.ts`, reason: 'a fix also edits b.ts, which is not written' },
    ]);
    assert.equal(fs.readFileSync(`${root}/a.ts`, 'utf8'), 'danger(1);\n');
    assert.equal(fs.readFileSync(`${root}/c.ts`, 'utf8'), 'safe(3);\n');
  });
});
