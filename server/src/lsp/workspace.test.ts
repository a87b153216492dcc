import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { makeProject } from '../test/lspClient';
import { OverlayHost } from './overlayHost';
import { pathToUri } from './uri';
import { WorkspaceEngines } from './workspace';

const stack = (n: number) => `import * as iam from 'aws-cdk-lib/aws-iam';
export const statement${n} = new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] });
`;

describe('background analysis of a workspace folder', () => {
  let root: string;
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  // More files than one chunk, so progress inside a chunk and across chunks are both seen.
  it('reports every file as it is done, with the count of files analysed so far', async () => {
    const count = 30;
    root = makeProject(
      Object.fromEntries(Array.from({ length: count }, (_, i) => [`lib/stack${String(i).padStart(2, '0')}.ts`, stack(i)])),
    );
    const workspace = new WorkspaceEngines(new OverlayHost(new TextDocuments(TextDocument)), () => undefined);
    workspace.setFolders([{ uri: pathToUri(root), name: path.basename(root) }]);
    const [state] = workspace.allFolders();
    const files = workspace.files(state);
    assert.equal(files.length, count);

    const reports: Array<{ done: number; file: string; analysed: number }> = [];
    const results = await workspace.analyzeInBackground(state, files, {
      onProgress: (done, file) => reports.push({ done, file, analysed: files.filter((f) => state.engine.cachedResult(f)).length }),
    });

    assert.equal(results?.length, count);
    assert.deepEqual(
      reports.map((r) => r.done),
      Array.from({ length: count }, (_, i) => i + 1),
    );
    // What the progress says is what has happened: n files reported, n files analysed.
    for (const r of reports) assert.equal(r.analysed, r.done, `${r.done} reported with ${r.analysed} analysed`);
    assert.deepEqual(
      reports.map((r) => r.file),
      files,
    );
    for (const file of files) assert.equal(state.engine.findings(file).filter((f) => f.ruleId === 'iam-wildcard-action').length, 1, file);
  });
});
